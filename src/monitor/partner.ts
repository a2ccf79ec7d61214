import type { WaNumber } from '../config/numbers.js';
import type { Finding, Observation } from '../core/observation.js';
import type { DiscoveredNumber, FleetSnapshot } from './fleet.js';
import type { Monitor } from './monitor-api.js';
import type { PartnerChannel, PartnerClient } from '../d360/partner-client.js';
import type { PartnerDrop } from '../core/records.js';
import { everyKeyOf } from '../core/sightings.js';
import { dropsOf, type PartnerWarnings } from './partner-warnings.js';
import type { StoredDocument } from '../store/document.js';
import type { Logger } from '../telemetry/log.js';
import { tierSize } from '../core/tiers.js';

export interface PartnerWatch {
  /** Lists every channel once and turns changes since the last listing into observations. */
  list(): Promise<void>;
  /** The channels of the last listing, for /wa-status. */
  channels(): readonly PartnerChannel[];
  /**
   * Channels of the last listing in no numbers.yml entry, with what is wrong with each (warnings first). A
   * replica that does not list (a follower) reads the listing the leader kept in the store.
   */
  discovered(): Promise<DiscoveredNumber[]>;
}

/** WABA states of the Partner API that say the account is in trouble, by the catalog entry that explains them. */
const WABA_TROUBLE: Record<string, { entryId: string; code: string }> = {
  account_violation: { entryId: 'signal-account-violation', code: 'ACCOUNT_VIOLATION' },
  account_restriction: { entryId: 'signal-account-restricted', code: 'ACCOUNT_RESTRICTION' },
  account_banned: { entryId: 'signal-account-disabled', code: 'DISABLED_UPDATE' },
  bsp_removed: { entryId: 'signal-account-offboarded', code: 'ACCOUNT_OFFBOARDED' },
};
const WABA_IDS = Object.values(WABA_TROUBLE).map((t) => t.entryId);
/** Channel states that mean "working"; the documented list is incomplete, so anything else is only a warning. */
const WORKING = new Set(['ready', 'running', 'live', 'connected', 'active', 'verified']);

const lower = (s: string | undefined) => s?.toLowerCase();
const plain = (f: Finding) => (f.detail ?? f.code).replace(/^Partner API: /, '');
/** What a channel looks like when all is well; its messaging limit is kept, there being no earlier one to compare. */
const WORKING_CHANNEL = { qualityRating: 'GREEN', status: 'ready', wabaStatus: 'approved' } as const;

/** What a listing said of one channel, kept in the store: a restart compares its first listing with it. */
export type ChannelSnapshot = Omit<PartnerChannel, 'id' | 'clientId' | 'wabaId'>;
const KEPT: ReadonlyArray<keyof ChannelSnapshot> = ['name', 'phone', 'status', 'qualityRating', 'messagingLimit', 'wabaStatus'];
const snapshotOf = (c: PartnerChannel): ChannelSnapshot =>
  Object.fromEntries(KEPT.flatMap((field) => (c[field] !== undefined ? [[field, c[field]]] : [])));

/** What changed between two listings of one channel: findings raised and entry ids reported fine again. */
export function changesOf(before: PartnerChannel, after: PartnerChannel): { findings: Finding[]; clears: string[] } {
  const findings: Finding[] = [];
  const clears: string[] = [];
  const say = (entryId: string, code: string, severity: Finding['severity'], detail: string) =>
    findings.push({ entryId, code, severity, detail: `Partner API: ${detail}` });
  const [qb, qa] = [before.qualityRating?.toUpperCase(), after.qualityRating?.toUpperCase()];
  if (qa !== qb) {
    if (qa === 'RED') say('signal-quality-red', 'RED', 'critical', `quality rating ${qb ?? '?'} → RED`);
    else if (qa === 'YELLOW') say('signal-quality-yellow', 'YELLOW', 'warning', `quality rating ${qb ?? '?'} → YELLOW`);
    if (qa === 'GREEN') clears.push('signal-quality-yellow', 'signal-quality-red');
    if (qa === 'YELLOW') clears.push('signal-quality-red');
  }
  const [lb, la] = [tierSize(before.messagingLimit), tierSize(after.messagingLimit)];
  if (lb !== undefined && la !== undefined && la < lb)
    say('signal-limit-lowered', 'DOWNGRADE', 'warning', `messaging limit ${before.messagingLimit} → ${after.messagingLimit}`);
  else if (lb !== undefined && la !== undefined && la > lb) clears.push('signal-limit-lowered');
  const [sb, sa] = [lower(before.status), lower(after.status)];
  if (sa !== sb && sa !== undefined) {
    if (WORKING.has(sa)) clears.push('signal-partner-status');
    else say('signal-partner-status', 'PARTNER_STATUS', 'warning', `status ${sb ?? '?'} → ${sa}`);
  }
  const [wb, wa] = [lower(before.wabaStatus), lower(after.wabaStatus)];
  if (wa !== wb && wa !== undefined) {
    const trouble = WABA_TROUBLE[wa];
    if (trouble) say(trouble.entryId, trouble.code, 'critical', `account status ${wb ?? '?'} → ${wa}`);
    // Approved ends each of these whatever its subject: webhooks hold restrictions per type (calling ones too).
    else if (wa === 'approved') clears.push(...WABA_IDS, ...WABA_IDS.map(everyKeyOf), everyKeyOf('signal-calling-restricted'));
  }
  return { findings, clears };
}

/** A channel in no numbers.yml entry as /wa-status shows it: its fields, and what is wrong with it. */
function discoveredOf(c: PartnerChannel, concerns: ReadonlyMap<string, string> | undefined): DiscoveredNumber {
  const fields: Array<[keyof DiscoveredNumber, string | undefined]> = [
    ['phone', c.phone],
    ['status', c.status],
    ['quality', c.qualityRating],
    ['limit', c.messagingLimit],
  ];
  const known = Object.fromEntries(fields.filter(([, v]) => v !== undefined));
  // What its state shows now (a RED rating kept from before a restart), then what changed (a lower limit).
  const open = new Map(changesOf({ ...c, ...WORKING_CHANNEL }, c).findings.map((f) => [f.entryId, plain(f)]));
  for (const [id, detail] of concerns ?? []) open.set(id, detail);
  return { name: c.name ?? c.phone ?? c.id, ...known, warnings: [...open.values()] };
}

/** The last listing kept in the store between runs: read once (a store that cannot answer means starting afresh). */
function keptListing(store: StoredDocument<Record<string, ChannelSnapshot>> | undefined, logger: Logger) {
  let kept: Record<string, ChannelSnapshot> | undefined;
  let keptText: string | undefined;
  return {
    async read(): Promise<Record<string, ChannelSnapshot>> {
      if (kept) return kept;
      const read = await store?.read().catch((error: unknown) => {
        logger.warn('cannot read the last Partner API listing: comparing with working channels', error);
        return undefined;
      });
      kept = read ?? {};
      keptText = JSON.stringify(kept);
      return kept;
    },
    async keep(channels: readonly PartnerChannel[]): Promise<void> {
      if (!store) return;
      const next = Object.fromEntries(channels.map((c) => [c.id, snapshotOf(c)]));
      const text = JSON.stringify(next);
      if (text === keptText) return;
      await store
        .write(next)
        .then(() => {
          kept = next;
          keptText = text;
        })
        .catch((error: unknown) => logger.warn('cannot keep the Partner API listing: a restart compares with working channels', error));
    },
  };
}

/**
 * Lists the partner's channels (at start and on PARTNER_SCHEDULE) and compares each listing with the
 * one before: after a restart, with the last listing kept in the store; with none kept, with a working
 * channel (trouble older than the start is said). Changes on channels whose phone matches a configured
 * number become signal observations (source webhook, with `clears`): single events that stay until an
 * improvement, exactly as the WABA webhook fields behave. One closure, longer than most: the last listing and the
 * discovered channels' concerns are the state list() changes and discovered() reads.
 */
export function createPartnerWatch(options: {
  readonly client: PartnerClient;
  readonly numbers: readonly WaNumber[];
  readonly observe: (observation: Observation) => Promise<void>;
  readonly logger: Logger;
  /** Where the last listing is kept between runs (a few fields per channel). */
  readonly store?: StoredDocument<Record<string, ChannelSnapshot>>;
  /** Says the drops of channels in no numbers.yml entry in Slack (one message a listing), and their recoveries. */
  readonly warnings?: PartnerWarnings;
  readonly now?: () => number;
}): PartnerWatch {
  const now = options.now ?? Date.now;
  const digits = (s: string) => s.replace(/\D/g, '');
  const byPhone = new Map(options.numbers.filter((n) => n.phone).map((n) => [digits(n.phone ?? ''), n.name]));
  let last = new Map<string, PartnerChannel>();
  let listed: readonly PartnerChannel[] = [];
  const kept = keptListing(options.store, options.logger);

  /** Discovered channels (in no numbers.yml entry): what is wrong with each, by entry id, raised and cleared as for numbers. */
  let concerns = new Map<string, Map<string, string>>();
  const note = (channel: PartnerChannel, findings: readonly Finding[], clears: readonly string[]) => {
    const open = concerns.get(channel.id) ?? new Map<string, string>();
    for (const id of clears) open.delete(id);
    for (const f of findings) open.set(f.entryId, plain(f));
    concerns.set(channel.id, open);
    if (findings.length === 0) return;
    const who = `${channel.name ?? channel.id}${channel.phone ? ` (${channel.phone})` : ''}`;
    options.logger.warn(`${who}, not in numbers.yml: ${findings.map((f) => f.detail).join('; ')}`);
  };
  const numberOf = (channel: PartnerChannel) => (channel.phone ? byPhone.get(digits(channel.phone)) : undefined);

  return {
    async list() {
      const channels = await options.client.listChannels();
      const before = last.size === 0 ? await kept.read() : {};
      const at = now();
      const drops: PartnerDrop[] = [];
      for (const channel of channels) {
        // What this channel read before: in this run, else as the last run kept it.
        const seen = last.get(channel.id) ?? (before[channel.id] ? { ...channel, ...before[channel.id] } : undefined);
        // Findings compare a channel never read before with a working channel: trouble older than the start is said.
        const earlier = seen ?? { ...channel, ...WORKING_CHANNEL };
        const number = numberOf(channel);
        // A drop needs a reading to drop from: a channel first seen now (a new install, a store that forgot) that is
        // already RED was never GREEN here, and shows as such in /wa-status rather than as "GREEN → RED" in Slack.
        if (!number && seen) drops.push(...dropsOf(seen, channel));
        const { findings, clears } = changesOf(earlier, channel);
        if (findings.length === 0 && clears.length === 0) continue;
        if (!number) {
          note(channel, findings, clears);
          continue;
        }
        const critical = findings.some((f) => f.severity === 'critical');
        const summary = findings.length ? findings.map((f) => f.detail).join('; ') : 'Partner API: reported fine again';
        const state = critical ? 'down' : findings.length ? 'degraded' : 'healthy';
        await options.observe({ number, at, state, findings, clears, summary, source: 'webhook' });
      }
      last = new Map(channels.map((c) => [c.id, c]));
      concerns = new Map([...concerns].filter(([id]) => last.has(id)));
      listed = channels;
      const discovered = channels.filter((c) => numberOf(c) === undefined);
      await options.warnings
        ?.listed(discovered, drops, at)
        .catch((error: unknown) =>
          options.logger.warn('cannot queue the Partner API warning for Slack: these drops show in /wa-status only', error),
        );
      // Kept after the observations and the warning: a crash in between says a change twice rather than never.
      await kept.keep(channels);
      options.logger.info(`Partner API lists ${channels.length} channel(s)`);
    },
    channels: () => listed,
    async discovered() {
      // A follower never lists: it shows the leader's last listing, as kept in the store.
      const channels = listed.length > 0 || !options.store ? listed : await storedListing(options.store);
      return channels
        .filter((c) => numberOf(c) === undefined)
        .map((c) => discoveredOf(c, concerns.get(c.id)))
        .sort((a, b) => Number(b.warnings.length > 0) - Number(a.warnings.length > 0) || a.name.localeCompare(b.name));
    },
  };
}

async function storedListing(store: StoredDocument<Record<string, ChannelSnapshot>>): Promise<PartnerChannel[]> {
  const kept = await store.read();
  return kept ? Object.entries(kept).map(([id, c]) => ({ ...c, id })) : [];
}

/** The monitor as /wa-status and App Home see it: its fleet, with the Partner API's discovered channels beside it. */
export function withDiscovered(monitor: Monitor, partner: PartnerWatch | undefined): Monitor {
  if (!partner) return monitor;
  const fleet = async (): Promise<FleetSnapshot> => {
    const [snapshot, discovered] = await Promise.all([monitor.fleet(), partner.discovered().catch(() => [])]);
    return { ...snapshot, discovered };
  };
  return { ...monitor, fleet };
}
