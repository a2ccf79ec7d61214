/**
 * Records with Slack effects waiting, and the earliest monotonic time each may go — kept per channel,
 * so choosing the next call of one channel looks at that channel's records only. With thousands of
 * records waiting (hourly reminders of 5,000 incidents) a single list made every choice scan them all.
 */
export class DueRecords {
  readonly #byChannel = new Map<string, Map<string, number>>();
  readonly #channelOfRecord = new Map<string, string>();

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

  /** Channels with records waiting, each with its records and when they are due. */
  channels(): IterableIterator<[string, ReadonlyMap<string, number>]> {
    return this.#byChannel.entries();
  }
}
