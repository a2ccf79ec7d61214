import { createHash } from 'node:crypto';
import { entriesForCode } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Finding, Observation } from '../core/observation.js';
import type { WebhookError, WebhookEvent } from './parse.js';
import { graphemePrefix } from '../text/clip.js';

export interface AggregatorOptions {
  /** The sliding window rates are counted over. */
  readonly windowMs: number;
  /** A rate code alerts on more than this many failures in the window … */
  readonly moreThan: number;
  /** … or on more than this share of the statuses seen in the window … */
  readonly ratio: number;
  /** … once at least this many failed (2 of 3 messages failing is no pattern yet). */
  readonly ratioMinCount: number;
  /** An account-level code (payment, unregistered, locked) stays raised this long after its last sighting. */
  readonly accountHoldMs: number;
  /** Events older than this when they arrive (360dialog retries for days) are counted out. */
  readonly lateMs: number;
  /** How long a delivered status is remembered, to count a redelivery once. */
  readonly dedupeMs: number;
}

export const DEFAULT_AGGREGATOR_OPTIONS: AggregatorOptions = {
  windowMs: 10 * 60_000,
  moreThan: 20,
  ratio: 0.1,
  ratioMinCount: 5,
  accountHoldMs: 60 * 60_000,
  lateMs: 60 * 60_000,
  dedupeMs: 7 * 24 * 60 * 60_000,
};

/** Failed statuses without an error code still count, under this code. */
export const NO_CODE = 'no-code';
/** Codes tracked per number; codes beyond it (an attacker inventing thousands) are counted together under this. */
export const OTHER_CODES = 'other-codes';
const MAX_CODES = 100;
const SAMPLES = 3;
const MAX_REMEMBERED = 100_000;
/** Timestamps kept per window: past this, the oldest go (counts saturate instead of memory growing). */
const MAX_TIMES = 100_000;
/** Texts from the payload kept for the card (titles, message ids), cut to this. */
const TEXT_MAX = 200;

/**
 * The first TEXT_MAX characters as a string of their own: V8 makes a slice a view that keeps the
 * whole parent (a 1 MB field) alive, so a kept piece is copied out.
 */
const cut = (text: string): string =>
  text.length > TEXT_MAX ? Buffer.from(graphemePrefix(text, TEXT_MAX), 'utf8').toString('utf8') : text;

/**
 * A fixed-size stand-in for a status's identity: 360dialog's fields are as long as the sender likes
 * (10 KB of details each), and 100k remembered statuses must not hold a gigabyte. 96 bits of
 * SHA-256 make an accidental collision (two statuses counted as one) vanishingly rare.
 */
const dedupeKey = (parts: string): string => createHash('sha256').update(parts).digest('base64url').slice(0, 16);

/** Appends a timestamp, dropping the oldest tenth once the list is full. */
function pushTime(times: number[], at: number): void {
  if (times.length >= MAX_TIMES) times.splice(0, MAX_TIMES / 10);
  times.push(at);
}

interface CodeTally {
  readonly code: string;
  entry: CatalogEntry | undefined;
  title: string;
  times: number[];
  samples: string[];
  templates: Set<string>;
  fresh: number;
}

interface NumberTally {
  statuses: number[];
  codes: Map<string, CodeTally>;
  raised: Set<string>;
}

/** The series a status is counted under when it feeds only the share. */
export const STATUSES = 'statuses';

/** Counts and raised codes as all replicas see them (store/webhook-windows.ts), read just before evaluating. */
export interface SharedView {
  readonly counts: ReadonlyMap<string, number>;
  readonly raised: ReadonlySet<string>;
}

export interface Added {
  urgent: boolean;
  counted: number;
  duplicates: number;
  late: number;
  /** What was counted, series (STATUSES or a code) and time: for the shared windows. */
  tallied: Array<[string, number]>;
}

export interface Aggregator {
  /**
   * Counts a number's events; `urgent` when one of them is account-level and should be looked at now.
   * `isFirst`, when given, decides which failures are new (claimed across replicas) instead of this process.
   */
  add(number: string, events: readonly WebhookEvent[], now: number, isFirst?: (key: string) => boolean): Added;
  /** The dedupe key of each event (undefined for those never deduplicated), as add() would use it. */
  keysOf(number: string, events: readonly WebhookEvent[], now: number): Array<string | undefined>;
  /**
   * What the window shows now, as an observation, or undefined when nothing changed since the last look.
   * Given a shared view, its counts and raised codes stand in for this process's own.
   */
  evaluate(number: string, now: number, shared?: SharedView): Observation | undefined;
  /** Since when a series counts (its window or an account-level code's hold). */
  sinceOf(series: string, now: number): number;
  numbers(): string[];
}

/** The webhook twin of a code: the entry documented as arriving by webhook, else any entry of that code. */
/** Without a message id, a redelivery is recognised by what the error says. */
const contentOf = (c: WebhookError) => `${c.code}:${c.title}:${c.details ?? ''}`;
const clipDetail = (text: string) => graphemePrefix(text, 300);

function webhookEntry(code: string): CatalogEntry | undefined {
  const entries = entriesForCode(code);
  return entries.find((e) => e.surfaces.includes('webhook')) ?? entries[0];
}

function blankTally(code: string, title = code === NO_CODE ? 'Failed without an error code' : ''): CodeTally {
  const entry = code === NO_CODE ? undefined : webhookEntry(code);
  const fallback = code === OTHER_CODES ? 'Many other error codes' : cut(title) || `Code ${code}`;
  return { code, entry, title: entry?.title ?? fallback, times: [], samples: [], templates: new Set(), fresh: 0 };
}

// Meta's details often name the template: "template name (order_update) does not exist in en_US",
// "Template 'order_update' …". Only a quoted, bracketed or colon-led name counts.
const TEMPLATE = /template(?:\s+name)?\s*(?::\s*|\(\s*|['"])['"]?([a-z0-9_]{2,64})/i;

export function createAggregator(options: Partial<AggregatorOptions> = {}): Aggregator {
  const o: AggregatorOptions = { ...DEFAULT_AGGREGATOR_OPTIONS, ...options };
  const tallies = new Map<string, NumberTally>();
  const seen = new Map<string, number>();

  const tallyOf = (number: string): NumberTally => {
    let t = tallies.get(number);
    if (!t) {
      t = { statuses: [], codes: new Map(), raised: new Set() };
      tallies.set(number, t);
    }
    return t;
  };

  const isAccountLevel = (tally: CodeTally) => tally.entry?.opensAtOnce === true;
  const minutesOf = (tally: CodeTally) => Math.round((isAccountLevel(tally) ? o.accountHoldMs : o.windowMs) / 60_000);

  /** True the first time; later deliveries of the same status (360dialog retries) are duplicates. */
  const firstTime = (key: string, now: number): boolean => {
    if (seen.has(key)) return false;
    seen.set(key, now);
    if (seen.size > MAX_REMEMBERED) {
      for (const [k, at] of seen) {
        if (at > now - o.dedupeMs && seen.size <= MAX_REMEMBERED * 0.9) break;
        seen.delete(k);
      }
    }
    return true;
  };

  const codesOf = (event: WebhookEvent): readonly WebhookError[] | Array<{ code: undefined; title: string }> =>
    event.errors.length > 0 ? event.errors : event.status === 'failed' ? [{ code: undefined, title: 'Failed without an error code' }] : [];
  // Only failures are remembered (sent/delivered/read only feed the share, where a rare
  // duplicate does no harm). A status is known by its message id; an error tied to no message
  // carries no id and no time, so its content stands for it within one hold period.
  const keyOf = (number: string, event: WebhookEvent, now: number): string | undefined => {
    const codes = codesOf(event);
    if (codes.length === 0) return undefined;
    // With a message id, id + status + codes identify a redelivery; without, the whole content must.
    return event.id
      ? dedupeKey(`${number}|${event.id}|${event.status ?? ''}|${codes.map((c) => c.code).join(',')}`)
      : dedupeKey(`${number}|${codes.map((c) => contentOf(c as WebhookError)).join(',')}|${Math.floor(now / o.accountHoldMs)}`);
  };
  const isAccountCode = (code: string) => code !== NO_CODE && code !== OTHER_CODES && webhookEntry(code)?.opensAtOnce === true;

  return {
    keysOf: (number, events, now) => events.map((event) => keyOf(number, event, now)),
    sinceOf: (series, now) => now - (series !== STATUSES && isAccountCode(series) ? o.accountHoldMs : o.windowMs),
    add(number, events, now, isFirst) {
      const tally = tallyOf(number);
      let urgent = false;
      let counted = 0;
      let duplicates = 0;
      let late = 0;
      const tallied: Array<[string, number]> = [];
      for (const event of events) {
        const codes = codesOf(event);
        const key = keyOf(number, event, now);
        if (key !== undefined && !(isFirst ? isFirst(key) : firstTime(key, now))) {
          duplicates += 1;
          continue;
        }
        if (event.at < now - o.lateMs) {
          late += 1;
          continue;
        }
        counted += 1;
        if (event.kind === 'status') {
          pushTime(tally.statuses, event.at);
          tallied.push([STATUSES, event.at]);
        }
        for (const error of codes) {
          const own = error.code === undefined ? NO_CODE : String(error.code);
          const code = tally.codes.has(own) || tally.codes.size < MAX_CODES ? own : OTHER_CODES;
          let c = tally.codes.get(code);
          if (!c) {
            c = blankTally(code, error.title);
            tally.codes.set(code, c);
          }
          pushTime(c.times, event.at);
          tallied.push([code, event.at]);
          c.fresh += 1;
          if (event.id) c.samples = [...c.samples, cut(event.id)].slice(-SAMPLES);
          const details = 'details' in error ? error.details : undefined;
          // Only the template name is kept from the details: the rest is Meta's prose, and unbounded.
          const template = TEMPLATE.exec(`${graphemePrefix(details ?? '', 2000)} ${graphemePrefix(error.title, 2000)}`)?.[1];
          if (template && c.templates.size < 5) c.templates.add(template);
          if (isAccountLevel(c)) urgent = true;
        }
      }
      return { urgent, counted, duplicates, late, tallied };
    },

    evaluate(number, now, shared) {
      if (shared) {
        // Codes counted on another replica only: known here by their code alone.
        const t = tallyOf(number);
        for (const code of shared.counts.keys()) if (code !== STATUSES && !t.codes.has(code)) t.codes.set(code, blankTally(code));
        t.raised = new Set(shared.raised);
      }
      const tally = tallies.get(number);
      if (!tally) return undefined;
      tally.statuses = tally.statuses.filter((t) => t > now - o.windowMs);
      const findings: Finding[] = [];
      let fresh = false;
      for (const c of tally.codes.values()) {
        c.times = c.times.filter((t) => t > now - (isAccountLevel(c) ? o.accountHoldMs : o.windowMs));
        const count = shared ? (shared.counts.get(c.code) ?? 0) : c.times.length;
        const total = Math.max(shared ? (shared.counts.get(STATUSES) ?? 0) : tally.statuses.length, count);
        const over = isAccountLevel(c) ? count > 0 : count > o.moreThan || (count >= o.ratioMinCount && count / total > o.ratio);
        if (over) {
          const share = total > 0 ? ` (${Math.round((100 * count) / total)}% of ${total} statuses)` : '';
          const extras = [
            c.templates.size > 0 ? `template ${[...c.templates].join(', ')}` : '',
            c.samples.length > 0 ? `e.g. ${c.samples.join(', ')}` : '',
          ].filter(Boolean);
          findings.push({
            entryId: c.entry?.id ?? `webhook:${c.code}`,
            code: c.code,
            severity: c.entry?.severity === 'info' ? 'warning' : (c.entry?.severity ?? 'warning'),
            detail: clipDetail(`${count} failed in the last ${minutesOf(c)} min${share}${extras.length ? `; ${extras.join('; ')}` : ''}`),
            ...(c.entry ? {} : { title: c.title }),
            // Newly raised: everything in the window; already raised: what came since the last look.
            count: tally.raised.has(c.code) ? c.fresh : count,
          });
          if (c.fresh > 0) fresh = true;
        }
        c.fresh = 0;
        if (c.times.length === 0 && count === 0) tally.codes.delete(c.code);
      }
      const raised = new Set(findings.map((f) => f.code));
      const changed = raised.size !== tally.raised.size || [...raised].some((code) => !tally.raised.has(code));
      tally.raised = raised;
      if (tally.codes.size === 0 && tally.statuses.length === 0 && raised.size === 0) tallies.delete(number);
      if (!changed && !fresh) return undefined;
      const worst = findings.some((f) => f.severity === 'critical') ? 'down' : findings.length > 0 ? 'degraded' : 'healthy';
      return {
        number,
        at: now,
        state: worst,
        findings,
        summary: findings.length > 0 ? findings.map((f) => `${f.code}: ${f.detail ?? ''}`).join('; ') : 'failed messages back to normal',
        source: 'webhook',
      };
    },

    numbers: () => [...tallies.keys()],
  };
}
