/**
 * A one-way connection from a part built earlier to one built later, where the two would otherwise need
 * each other to exist first (the poller teaches the webhook ingest the ids it learns; the ingest feeds the
 * monitor, which owns the poller). Connected once, in the wiring section of createBot; a message sent
 * before then is dropped, which only start-up could do.
 */
export interface Relay<A extends unknown[]> {
  send(...args: A): void;
  connect(listener: (...args: A) => void): void;
}

export function createRelay<A extends unknown[]>(): Relay<A> {
  let listener: ((...args: A) => void) | undefined;
  return {
    send: (...args) => listener?.(...args),
    connect(next) {
      listener = next;
    },
  };
}
