/**
 * Records with Slack effects waiting, and the earliest monotonic time each may go — kept per channel,
 * so choosing the next call of one channel looks at that channel's records only. With thousands of
 * records waiting (hourly reminders of 5,000 incidents) a single list made every choice scan them all.
 * Beside it, what each record's next item is worth (outbox `worthOf`), so a backed-up channel sends
 * what matters first; it outlives the record's turn in flight, which learns the next item's worth.
 */
export class DueRecords {
  readonly #byChannel = new Map<string, Map<string, number>>();
  readonly #channelOfRecord = new Map<string, string>();
  readonly #worth = new Map<string, number>();

  constructor(private readonly channelOf: (number: string) => string) {}

  get size(): number {
    return this.#channelOfRecord.size;
  }

  /** Due at `when`, or earlier if it already was. */
  at(number: string, when: number): void {
    let channel = this.#channelOfRecord.get(number);
    if (channel === undefined) {
      channel = this.channelOf(number);
      this.#channelOfRecord.set(number, channel);
    }
    let records = this.#byChannel.get(channel);
    if (!records) {
      records = new Map();
      this.#byChannel.set(channel, records);
    }
    records.set(number, Math.min(records.get(number) ?? Number.POSITIVE_INFINITY, when));
  }

  delete(number: string): void {
    const channel = this.#channelOfRecord.get(number);
    if (channel === undefined) return;
    this.#channelOfRecord.delete(number);
    const records = this.#byChannel.get(channel);
    records?.delete(number);
    if (records?.size === 0) this.#byChannel.delete(channel);
  }

  /** What the record's next item is worth (lower goes first); 0 when nobody said. */
  worthOf(number: string): number {
    return this.#worth.get(number) ?? 0;
  }

  /** Something new is queued, worth this: the record's next item is worth at least as much. */
  raiseWorth(number: string, worth: number): void {
    this.#worth.set(number, Math.min(this.#worth.get(number) ?? worth, worth));
  }

  /** The record's next item is now this one (or none: its outbox is empty). */
  setWorth(number: string, worth: number | undefined): void {
    if (worth === undefined) this.#worth.delete(number);
    else this.#worth.set(number, worth);
  }

  /** Channels with records waiting, each with its records and when they are due. */
  channels(): IterableIterator<[string, ReadonlyMap<string, number>]> {
    return this.#byChannel.entries();
  }
}
