import type { webApi } from '@slack/bolt';
import { type DigestLine, reminderDigestText } from './views/reminder-digest.js';

/**
 * Reminders of many incidents in one channel, gathered into one message per reminder interval
 * instead of a thread reply per incident: at 5,000 open incidents the hourly reminders alone
 * would exceed what a channel can carry. Kept in memory: a reminder lost to a crash comes back
 * with the next interval.
 */
export class ReminderDigests {
  readonly #buffers = new Map<string, { lines: Map<string, DigestLine>; firstAt: number }>();
  readonly #last = new Map<string, number>();
  constructor(
    readonly intervalMs: number,
    /** How long the first reminder waits for others due about the same time. */
    readonly gatherMs: number,
  ) {}

  add(channel: string, line: DigestLine, now: number): void {
    let buffer = this.#buffers.get(channel);
    if (!buffer) {
      buffer = { lines: new Map(), firstAt: now };
      this.#buffers.set(channel, buffer);
    }
    buffer.lines.set(line.incidentId, line);
  }

  /** When the channel's digest may go: after the gathering window, and one interval after the last. */
  dueAt(channel: string): number | undefined {
    const buffer = this.#buffers.get(channel);
    if (!buffer) return undefined;
    return Math.max(buffer.firstAt + this.gatherMs, (this.#last.get(channel) ?? Number.NEGATIVE_INFINITY) + this.intervalMs);
  }

  /** Channels with reminders gathered, and when each digest may go. */
  *due(): IterableIterator<[string, number]> {
    for (const channel of this.#buffers.keys()) yield [channel, this.dueAt(channel) ?? Number.POSITIVE_INFINITY];
  }

  take(channel: string, now: number): DigestLine[] {
    const lines = [...(this.#buffers.get(channel)?.lines.values() ?? [])];
    this.#buffers.delete(channel);
    this.#last.set(channel, now);
    return lines;
  }

  /** The digest could not be posted: keep its lines for the next try. */
  restore(channel: string, lines: readonly DigestLine[], now: number): void {
    for (const line of lines) this.add(channel, line, now);
    this.#last.delete(channel);
  }

  /** Posts the channel's digest; on failure its lines wait for the next try. Resolves whether it went. */
  async send(channel: string, client: webApi.WebClient, now: () => number): Promise<boolean> {
    const lines = this.take(channel, now());
    try {
      await client.chat.postMessage({ channel, text: reminderDigestText(lines), unfurl_links: false, unfurl_media: false });
      return true;
    } catch {
      this.restore(channel, lines, now());
      return false;
    }
  }
}
