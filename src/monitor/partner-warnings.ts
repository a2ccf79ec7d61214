import { enqueue } from '../core/outbox.js';
import { emptyRecord, isClosed, type NumberRecord, type PartnerDrop, type PartnerWarning } from '../core/records.js';
import { tierSize } from '../core/tiers.js';
import type { PartnerChannel } from '../d360/partner-client.js';
import type { StoredDocument } from '../store/document.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import type { Logger } from '../telemetry/log.js';

/**
 * Partner API channels in no numbers.yml entry get no card of their own (no key to poll them with), but a drop
 * in their quality rating or messaging limit is still news: each listing that shows drops posts one warning in
 * SLACK_INCIDENT_CHANNEL naming every one, and a later listing that shows them back edits that message in place.
 *
 * The warning is a record of its own beside the numbers' (`partner-warning:<listed at>`), with an incident that
 * carries the drops and an outbox: the notifier delivers it as it delivers cards, so pacing, Slack's refusals,
 * a crash in flight and a restart are handled once, there. The ids of warnings still open are kept in a document,
 * so a restart edits the message it posted before rather than posting again.
 */

const WARNING_PREFIX = 'partner-warning:';

/** Open warnings, by record id: what a recovery looks through; and resolved ones, deleted once their last edit went out. */
export interface OpenWarnings {
  readonly ids: readonly string[];
  readonly done?: readonly string[];
}

const QUALITY_RANK: Record<string, number> = { RED: 0, YELLOW: 1, GREEN: 2 };
const rankOf = (kind: PartnerDrop['kind'], value: string | undefined): number | undefined =>
  value === undefined ? undefined : kind === 'quality' ? QUALITY_RANK[value.toUpperCase()] : tierSize(value);
const readingOf = (kind: PartnerDrop['kind'], c: PartnerChannel) => (kind === 'quality' ? c.qualityRating : c.messagingLimit);

/** What dropped on one channel between two listings: a lower quality rating, a smaller messaging limit. */
export function dropsOf(before: PartnerChannel, after: PartnerChannel): PartnerDrop[] {
  const drops: PartnerDrop[] = [];
  for (const kind of ['quality', 'limit'] as const) {
    const [from, to] = [readingOf(kind, before), readingOf(kind, after)];
    const [rb, ra] = [rankOf(kind, from), rankOf(kind, to)];
    if (from === undefined || to === undefined || rb === undefined || ra === undefined || ra >= rb) continue;
    const name = after.name ?? after.phone ?? after.id;
    drops.push({ channelId: after.id, name, ...(after.phone ? { phone: after.phone } : {}), kind, from, to });
  }
  return drops;
}

/**
 * Marks the drops a listing shows back at their earlier value or better, and those whose channel it no longer
 * shows among the channels in no numbers.yml entry (added there: its card speaks for it now; or gone); whether any.
 */
export function recover(warning: PartnerWarning, byId: ReadonlyMap<string, PartnerChannel>, at: number): boolean {
  let changed = false;
  for (const drop of warning.drops) {
    if (isClosed(drop)) continue;
    const now = byId.get(drop.channelId);
    if (!now) {
      drop.goneAt = at;
      changed = true;
      continue;
    }
    const value = readingOf(drop.kind, now);
    const [rank, wanted] = [rankOf(drop.kind, value), rankOf(drop.kind, drop.from)];
    if (value === undefined || rank === undefined || wanted === undefined || rank < wanted) continue;
    drop.recoveredAt = at;
    drop.recoveredTo = value;
    changed = true;
  }
  return changed;
}

/** A new warning's record: an open incident carrying the drops, its message queued. */
function warningRecord(id: string, drops: PartnerDrop[], at: number): NumberRecord {
  const record = emptyRecord(id);
  record.incident = { id: `${id}#${at}`, number: id, status: 'open', openedAt: at, relapses: 0, escalations: [], conditions: [] };
  record.incident.partner = { listedAt: at, drops };
  enqueue(record, record.incident.id, { kind: 'post-card' }, at);
  return record;
}

export interface PartnerWarnings {
  /** One listing: recoveries edit the warnings they belong to, then this listing's drops (if any) post one. */
  listed(channels: readonly PartnerChannel[], drops: readonly PartnerDrop[], at: number): Promise<void>;
}

export function createPartnerWarnings(options: {
  readonly records: RecordStore<NumberRecord>;
  readonly open: StoredDocument<OpenWarnings>;
  /** A record has Slack work queued: the notifier (on whichever replica leads) delivers it. */
  readonly changed: (id: string) => void;
  readonly logger: Logger;
}): PartnerWarnings {
  const { records, logger } = options;

  /** Edits each open warning whose drops this listing shows recovered; resolves to the ids still open and those resolved. */
  const recoverAll = async (ids: readonly string[], byId: ReadonlyMap<string, PartnerChannel>, at: number) => {
    const still: string[] = [];
    const resolved: string[] = [];
    for (const id of ids) {
      const after = await records.update(id, (r) => {
        const incident = r?.incident;
        if (!r || !incident?.partner || !recover(incident.partner, byId, at)) return UNCHANGED;
        if (incident.partner.drops.every(isClosed)) {
          incident.status = 'resolved';
          incident.resolvedAt = at;
        }
        enqueue(r, incident.id, { kind: 'update-card' }, at);
        return r;
      });
      if (after?.outbox.length) options.changed(id);
      if (after?.incident?.status === 'open') still.push(id);
      else if (after) resolved.push(id);
    }
    return { still, resolved };
  };

  /** A resolved warning's record is deleted once its last edit went out (the message stays in Slack): records do not pile up. */
  const prune = async (ids: readonly string[]) => {
    const waiting: string[] = [];
    for (const id of ids) {
      const after = await records.update(id, (r) => (r && r.outbox.length > 0 ? UNCHANGED : undefined));
      if (after) waiting.push(id);
    }
    return waiting;
  };

  return {
    async listed(channels, drops, at) {
      const kept = await options.open.read();
      const byId = new Map(channels.map((c) => [c.id, c]));
      const done = await prune(kept?.done ?? []);
      const { still, resolved } = await recoverAll(kept?.ids ?? [], byId, at);
      if (drops.length > 0) {
        const id = `${WARNING_PREFIX}${at}`;
        await records.update(id, (r) => r ?? warningRecord(id, [...drops], at));
        still.push(id);
        options.changed(id);
        logger.warn(`Partner API: ${drops.length} drop(s) on channels not in numbers.yml: one warning in the incident channel`);
      }
      const next: OpenWarnings = { ids: still, done: [...done, ...resolved] };
      if (JSON.stringify(next) !== JSON.stringify({ ids: kept?.ids ?? [], done: kept?.done ?? [] })) await options.open.write(next);
    },
  };
}
