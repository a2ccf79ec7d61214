import type { webApi } from '@slack/bolt';
import { incidentOf, isReminderOnly, markInFlight, nextItem, type Settlement, settle, upgradeOutbox, worthOf } from '../core/outbox.js';
import type { Incident, NumberRecord, OutboxItem } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { ChannelHolds } from './channel-holds.js';
import type { DeliveryHealth } from './delivery-health.js';
import { deliver, METHOD_OF } from './delivery.js';
import type { DueRecords } from './due-records.js';
import type { ChannelPacing } from './pacing.js';
import { findDelivered } from './reconcile.js';
import type { RefusalPolicy } from './refusal-policy.js';
import { type Refusal, refusalOf } from './refusals.js';
import type { ReminderDigests } from './reminder-digests.js';
import type { WriteCanvas } from './timeline-canvas.js';
import type { CardContext } from './views/card-context.js';
import { cardUrl } from './views/mrkdwn.js';

/**
 * Delivering one outbox item, as named stages in the order they run (as Alertmanager's notify pipeline
 * names its stages). Each ends the attempt — resolving to when to look at the record again (monotonic) —
 * or hands it on:
 * 1. `load`: the record and its oldest item (the items of one record go out in order);
 * 2. `skip`: an item that needs no call is dropped, with no Slack call and no pacing slot;
 * 3. `digest`: "still open" goes into the channel's reminder digest, not the card's thread;
 * 4. `reconcile`: an item a crash left in flight is looked for in Slack before it is sent again;
 *    `canvas`: a timeline is written as a canvas first, when SLACK_TIMELINE_CANVAS=1 (the reply links it);
 * 5. `mark`: the item is marked in flight in the store, and the channel's pacing slot is spent;
 * 6. `call`: the one Web API call;
 * 7. `settleAnswer`: Slack's answer applied to the store — sent, or what the refusal policy makes of a refusal.
 */

/** A stage's answer when the attempt goes on to the next stage. */
export const NEXT = Symbol('next stage');
export type StageResult = typeof NEXT | number;

export interface Loaded {
  readonly number: string;
  readonly item: OutboxItem;
  /** The incident the item draws from; gone when a newer one replaced it. */
  readonly incident: Incident | undefined;
}
export interface Attempt extends Loaded {
  readonly incident: Incident;
  /** Where it goes: the card's channel, or the record's routed channel for a first post. */
  readonly channel: string;
}
export type CallResult = { readonly kind: 'accepted'; readonly ts?: string } | { readonly kind: 'refused'; readonly refusal: Refusal };

/** Applies an outcome to an item in the store; resolves to the record after. */
export type SettleItem = (number: string, seq: number, outcome: Settlement) => Promise<NumberRecord | undefined>;

/** Settles in the store, and learns what the record's next item is worth. */
export function createSettleItem(records: RecordStore<NumberRecord>, due: DueRecords, now: () => number): SettleItem {
  return async (number, seq, outcome) => {
    const after = await records.update(number, (r) => {
      const next = r && upgradeOutbox(r);
      if (next) settle(next, seq, outcome, now());
      return next;
    });
    const next = after && nextItem(after);
    due.setWorth(number, next ? worthOf(next) : undefined);
    return after;
  };
}

/** Whether an item takes a call, and where: not when its incident is gone, its card was posted, or never could be. */
export function attemptOf(loaded: Loaded, routed: string): Attempt | undefined {
  const { item, incident } = loaded;
  if (!incident) return undefined;
  if (item.effect.kind === 'post-card' ? incident.card : !incident.card) return undefined;
  return { ...loaded, incident, channel: incident.card?.channel ?? routed };
}

/** A reminder alone, about a card in Slack: the digest's line for it. */
function digestLine(attempt: Attempt) {
  const { item, incident } = attempt;
  if (!isReminderOnly(item) || !incident.card || item.effect.kind !== 'reply') return undefined;
  const reminder = item.effect.events.at(-1);
  const conditions = reminder?.kind === 'reminder' ? reminder.conditions : [];
  const openForMs = reminder?.kind === 'reminder' ? reminder.openForMs : 0;
  return { incidentId: incident.id, number: incident.number, cardUrl: cardUrl(incident.card), openForMs, conditions };
}

export interface StageDeps {
  readonly records: RecordStore<NumberRecord>;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly digests: ReminderDigests;
  readonly pacing: ChannelPacing;
  readonly holds: ChannelHolds;
  readonly health: DeliveryHealth;
  readonly settleItem: SettleItem;
  readonly refused: RefusalPolicy;
  /**
   * What a view draws from; `card`: the card itself is drawn (only it shows the month's priority budget, and
   * may read the store for it: awaited inside the call's refusal handling).
   */
  readonly contextOf: (incident: Incident, card: boolean) => CardContext | Promise<CardContext>;
  readonly now: () => number;
  readonly mono: () => number;
  readonly onCardPosted?: (number: string, card: { readonly channel: string; readonly ts: string }) => void;
  /** SLACK_TIMELINE_CANVAS=1: writes a timeline's canvas before its reply. */
  readonly canvas?: WriteCanvas;
}

/** The fields of every line about an attempt, for JSON logs. */
const about = (a: Attempt) => fields({ number: a.number, incident: a.incident.id, channel: a.channel });

/** 1. The record and its oldest item; undefined when its outbox is empty. */
export async function load(deps: StageDeps, number: string): Promise<Loaded | undefined> {
  const stored = await deps.records.get(number);
  const record = stored && upgradeOutbox(stored);
  const item = record && nextItem(record);
  return record && item ? { number, item, incident: incidentOf(record, item) } : undefined;
}

/** 2. The attempt, or an item that needs no call dropped. */
export async function skip(deps: StageDeps, loaded: Loaded, routed: string): Promise<Attempt | number> {
  const attempt = attemptOf(loaded, routed);
  if (attempt) return attempt;
  await deps.settleItem(loaded.number, loaded.item.seq, { kind: 'drop' });
  return deps.mono();
}

/** 3. A reminder alone joins the channel's digest. */
export async function digest(deps: StageDeps, a: Attempt): Promise<StageResult> {
  const line = digestLine(a);
  if (!line) return NEXT;
  deps.digests.add(a.channel, line, deps.mono());
  await deps.settleItem(a.number, a.item.seq, { kind: 'sent' });
  return deps.mono();
}

/** 4. An item left in flight that is in Slack already is settled as sent, not sent twice. */
export async function reconcile(deps: StageDeps, a: Attempt): Promise<StageResult> {
  if (a.item.inFlightSince === undefined) return NEXT;
  const what = `${a.item.effect.kind} of ${a.incident.id}`;
  const found = await findDelivered(deps.client, a.item, a.incident, a.channel).catch((error: unknown) => {
    deps.logger.warn(`could not look in Slack for ${what} left in flight; sending it again`, error, about(a));
    return { kind: 'absent' as const };
  });
  if (found.kind !== 'found') return NEXT;
  deps.logger.info(`${what} had reached Slack before the restart; not sending it again`, about(a));
  const card = a.item.effect.kind === 'post-card' ? { card: { channel: a.channel, ts: found.ts } } : {};
  await deps.settleItem(a.number, a.item.seq, { kind: 'sent', ...card });
  return deps.mono();
}

/** 4b. A timeline's canvas, once per incident; whatever Slack answers, the reply goes on (`mark` reads what it stored). */
export async function canvas(deps: StageDeps, a: Attempt): Promise<StageResult> {
  if (deps.canvas && a.item.effect.kind === 'timeline' && !a.incident.timelineCanvas) await deps.canvas(a);
  return NEXT;
}

/**
 * 5. In flight from here: a restart looks for it before sending it again, and the engine folds nothing more
 * into it. Resolves to the attempt as marked: what the engine merged into the item, or changed in its incident,
 * since `load` read them is in it — an edit covered by this item, or events merged into this reply, would
 * otherwise be lost.
 */
export async function mark(deps: StageDeps, a: Attempt): Promise<Attempt> {
  const after = await deps.records.update(a.number, (r) => {
    const next = r && upgradeOutbox(r);
    if (next) markInFlight(next, a.item.seq, deps.now());
    return next;
  });
  deps.pacing.spend(a.channel, deps.mono());
  const item = after?.outbox.find((i) => i.seq === a.item.seq);
  const incident = after && item ? incidentOf(after, item) : undefined;
  return item && incident ? { ...a, item, incident } : a;
}

/** 6. The one Web API call; a refusal is an answer, not a throw. */
export async function call(deps: StageDeps, a: Attempt): Promise<CallResult> {
  try {
    const { ts } = await deliver(
      deps.client,
      a.item,
      a.incident,
      await deps.contextOf(a.incident, a.item.effect.kind.endsWith('-card')),
      a.channel,
    );
    return { kind: 'accepted', ...(ts ? { ts } : {}) };
  } catch (error) {
    return { kind: 'refused', refusal: refusalOf(error) };
  }
}

/** 7. Slack's answer in the store; resolves to when to look at the record again. */
export async function settleAnswer(deps: StageDeps, a: Attempt, result: CallResult): Promise<number> {
  if (result.kind === 'refused') {
    deps.health.refused(result.refusal.error);
    return deps.refused(a.number, a.item, a.incident, a.channel, result.refusal);
  }
  for (const ended of deps.health.accepted(a.channel))
    deps.logger.info(`Slack accepts ${a.channel} again (was: ${ended.cause})`, fields({ channel: a.channel, code: ended.cause }));
  const { kind } = a.item.effect;
  deps.metrics?.set('wa_health_slack_held_channels', deps.holds.size);
  deps.metrics?.inc('wa_health_slack_calls_total', { method: METHOD_OF[kind], effect: kind, outcome: 'sent' });
  deps.logger.debug(`${kind} of ${a.incident.id} delivered to ${a.channel}`, about(a));
  const card = kind === 'post-card' && result.ts ? { channel: a.channel, ts: result.ts } : undefined;
  await deps.settleItem(a.number, a.item.seq, card ? { kind: 'sent', card } : { kind: 'sent' });
  if (card) deps.onCardPosted?.(a.number, card);
  return deps.mono();
}

/** The stages in order, for the oldest item of one record: when to look at it again, or undefined once it is empty. */
export async function deliverNext(deps: StageDeps, number: string, routed: string): Promise<number | undefined> {
  const loaded = await load(deps, number);
  if (!loaded) return undefined;
  const attempt = await skip(deps, loaded, routed);
  if (typeof attempt === 'number') return attempt;
  for (const stage of [digest, reconcile, canvas]) {
    const result = await stage(deps, attempt);
    if (result !== NEXT) return result;
  }
  const marked = await mark(deps, attempt);
  return settleAnswer(deps, marked, await call(deps, marked));
}
