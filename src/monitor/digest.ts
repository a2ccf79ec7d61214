import { channelRouter } from '../config/routing.js';
import type { WaNumber } from '../config/numbers.js';
import { type Incident, isMuted, isNumberRecord, isOpen, type NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';

/** One channel's digest: what happened since the last one and what is still going on. */
export interface DigestItem {
  readonly number: string;
  readonly codes: readonly string[];
  readonly openedAt: number;
  readonly resolvedAt?: number;
  readonly card?: { readonly channel: string; readonly ts: string };
  readonly mutedUntil?: number;
}

export interface Digest {
  readonly channel: string;
  readonly since: number;
  readonly at: number;
  readonly opened: readonly DigestItem[];
  readonly resolved: readonly DigestItem[];
  readonly stillOpen: readonly DigestItem[];
  readonly muted: readonly DigestItem[];
  /** The open incident that has run longest. */
  readonly longest?: DigestItem;
}

const item = (incident: Incident): DigestItem => ({
  number: incident.number,
  codes: incident.conditions.map((c) => c.code),
  openedAt: incident.openedAt,
  ...(incident.resolvedAt !== undefined ? { resolvedAt: incident.resolvedAt } : {}),
  ...(incident.card ? { card: incident.card } : {}),
  ...(incident.mutedUntil !== undefined ? { mutedUntil: incident.mutedUntil } : {}),
});

/** Every channel's digest (channels with nothing to tell are left out), from one scan of the records. */
export async function buildDigests(
  numbers: readonly WaNumber[],
  records: RecordStore<NumberRecord>,
  defaultChannel: string,
  since: number,
  at: number,
): Promise<Digest[]> {
  const channelOf = channelRouter(numbers, defaultChannel);
  // Numbers only: group cards and "monitoring degraded" speak for numbers the digest already counts.
  const known = new Set(numbers.map((n) => n.name));
  const byChannel = new Map<string, { opened: DigestItem[]; resolved: DigestItem[]; stillOpen: DigestItem[]; muted: DigestItem[] }>();
  for await (const page of records.entries())
    for (const [id, record] of page) {
      const channel = known.has(id) ? channelOf(id) : undefined;
      const incident = isNumberRecord(record) ? record.incident : undefined;
      if (!channel || !incident) continue;
      const d = byChannel.get(channel) ?? { opened: [], resolved: [], stillOpen: [], muted: [] };
      byChannel.set(channel, d);
      if (incident.openedAt > since) d.opened.push(item(incident));
      if (incident.resolvedAt !== undefined && incident.resolvedAt > since && !isOpen(incident)) d.resolved.push(item(incident));
      if (isOpen(incident)) (isMuted(incident, at) ? d.muted : d.stillOpen).push(item(incident));
    }
  const digests: Digest[] = [];
  for (const [channel, d] of byChannel) {
    if (d.opened.length + d.resolved.length + d.stillOpen.length + d.muted.length === 0) continue;
    const longest = [...d.stillOpen, ...d.muted].sort((a, b) => a.openedAt - b.openedAt)[0];
    digests.push({ channel, since, at, ...d, ...(longest ? { longest } : {}) });
  }
  return digests;
}

/**
 * The scheduled digest: each run covers the time since the previous one (since start, for the first).
 * Kept in memory: after a restart the first digest covers the time since the restart.
 */
export function createDigestTask(options: {
  readonly numbers: readonly WaNumber[];
  readonly records: RecordStore<NumberRecord>;
  readonly defaultChannel: string;
  readonly now: () => number;
  readonly post: (digest: Digest) => Promise<void>;
}): () => Promise<void> {
  let last = options.now();
  return async () => {
    const at = options.now();
    const digests = await buildDigests(options.numbers, options.records, options.defaultChannel, last, at);
    for (const digest of digests) await options.post(digest);
    last = at;
  };
}
