import { createHash } from 'node:crypto';
import { entriesForCode } from '../catalog/index.js';
import type { CatalogEntry } from '../catalog/types.js';
import type { Finding, Observation } from '../core/observation.js';
import type { WindowView } from '../store/webhook-windows.js';
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
/** The series a status is counted under when it feeds only the share. */
export const STATUSES = 'statuses';
const MAX_CODES = 100;
const SAMPLES = 3;
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

/** One event as counted, compact: a payload's megabytes are let go before any round trip to the windows. */
export interface Tally {
  /** The dedupe key of a failure; undefined for a status that only feeds the share (never deduplicated). */
  readonly key: string | undefined;
  readonly at: number;
  /** Where it counts: STATUSES for a status, and each of its error codes. */
  readonly series: readonly string[];
  /** Its message id (cut), a sample for the card. */
  readonly sample?: string;
  /** Template names read from its errors, with the code they came with. */
  readonly templates: ReadonlyArray<readonly [code: string, name: string]>;
}

/** What this replica keeps of a code for the card (the counts themselves live in the windows). */
interface CodeNotes {
  readonly code: string;
  readonly entry: CatalogEntry | undefined;
  readonly title: string;
  samples: string[];
  readonly templates: Set<string>;
  /** Counted here since the last look. */
  fresh: number;
}

export interface Aggregator {
  /** Each event's tally; events older than lateMs are only counted as late. */
  tally(number: string, events: readonly WebhookEvent[], now: number): { tallies: Tally[]; late: number };
  /** Notes what was counted (first deliveries only) for the card; true when one of them is account-level: look now. */
  note(number: string, counted: readonly Tally[]): boolean;
  /** What the windows show now, as an observation, or undefined when nothing changed since the last look. */
  evaluate(number: string, now: number, view: WindowView): Observation | undefined;
  /** Since when a series counts (its window or an account-level code's hold). */
  sinceOf(series: string, now: number): number;
  /** Numbers with notes here: looked at by a flush even if the windows forgot them. */
  numbers(): string[];
}

/** The webhook twin of a code: the entry documented as arriving by webhook, else any entry of that code. */
function webhookEntry(code: string): CatalogEntry | undefined {
  const entries = entriesForCode(code);
  return entries.find((e) => e.surfaces.includes('webhook')) ?? entries[0];
}

function blankNotes(code: string, title = code === NO_CODE ? 'Failed without an error code' : ''): CodeNotes {
  const entry = code === NO_CODE || code === OTHER_CODES ? undefined : webhookEntry(code);
  const fallback = code === OTHER_CODES ? 'Many other error codes' : cut(title) || `Code ${code}`;
  return { code, entry, title: entry?.title ?? fallback, samples: [], templates: new Set(), fresh: 0 };
}

const isAccountLevel = (entry: CatalogEntry | undefined) => entry?.opensAtOnce === true;
const clipDetail = (text: string) => graphemePrefix(text, 300);
/** Without a payload to go by (events built by hand), what the errors say stands for it. */
const contentOf = (errors: readonly WebhookError[]) => errors.map((c) => `${c.code}:${c.title}:${c.details ?? ''}`).join(',');

// Meta's details often name the template: "template name (order_update) does not exist in en_US",
// "Template 'order_update' …". Only a quoted, bracketed or colon-led name counts.
const TEMPLATE = /template(?:\s+name)?\s*(?::\s*|\(\s*|['"])['"]?([a-z0-9_]{2,64})/i;

type Codes = Map<string, CodeNotes>;
const failedWithoutCode: readonly WebhookError[] = [{ code: undefined, title: 'Failed without an error code' }];

/** Codes beyond MAX_CODES of a number share OTHER_CODES; a code's notes start with the title it first came with. */
function seriesOf(codes: Codes, error: WebhookError): string {
  const own = error.code === undefined ? NO_CODE : String(error.code);
  const code = codes.has(own) || codes.size < MAX_CODES ? own : OTHER_CODES;
  if (!codes.has(code)) codes.set(code, blankNotes(code, error.title));
  return code;
}

/**
 * Only failures are deduplicated (sent/delivered/read only feed the share, where a rare duplicate does
 * no harm). A status is known by its message id. An error tied to no message (On-Premise's `errors`,
 * Cloud's `value.errors`) has no id and no time: it is known by its whole payload and its delivery
 * (parse.ts), so the same delivery handed over twice counts once, and each further delivery counts —
 * whether the error happened again or 360dialog sent it again (its retries run for up to 7 days, and a
 * retry of a delivery we answered 200 is rare: the answer goes out before any work). Counting each one
 * is what lets a burst open a card: 25 deliveries in a minute are 25 failures, not one.
 */
function keyOf(number: string, event: WebhookEvent, errors: readonly WebhookError[]): string | undefined {
  if (errors.length === 0) return undefined;
  if (event.id) return dedupeKey(`${number}|${event.id}|${event.status ?? ''}|${errors.map((c) => c.code).join(',')}`);
  return dedupeKey(`${number}|${event.payload ?? `${contentOf(errors)}@${event.at}`}`);
}

function tallyOf(codes: Codes, number: string, event: WebhookEvent): Tally {
  const errors = event.errors.length > 0 ? event.errors : event.status === 'failed' ? failedWithoutCode : [];
  const series = event.kind === 'status' ? [STATUSES] : [];
  const templates: Array<readonly [string, string]> = [];
  for (const error of errors) {
    const code = seriesOf(codes, error);
    series.push(code);
    // Only the template name is kept from the details: the rest is Meta's prose, and unbounded.
    const template = TEMPLATE.exec(`${graphemePrefix(error.details ?? '', 2000)} ${graphemePrefix(error.title, 2000)}`)?.[1];
    if (template) templates.push([code, template]);
  }
  const key = keyOf(number, event, errors);
  return { key, at: event.at, series, templates, ...(event.id && errors.length > 0 ? { sample: cut(event.id) } : {}) };
}

/** Notes counted tallies on their codes; true when one of them is account-level. */
function noteOn(codes: Codes, counted: readonly Tally[]): boolean {
  let urgent = false;
  for (const t of counted) {
    for (const series of t.series) {
      const c = codes.get(series);
      if (!c) continue;
      c.fresh += 1;
      if (t.sample) c.samples = [...c.samples, t.sample].slice(-SAMPLES);
      if (isAccountLevel(c.entry)) urgent = true;
    }
    for (const [code, name] of t.templates) {
      const c = codes.get(code);
      if (c && c.templates.size < 5) c.templates.add(name);
    }
  }
  return urgent;
}

const holdOf = (entry: CatalogEntry | undefined, o: AggregatorOptions) => (isAccountLevel(entry) ? o.accountHoldMs : o.windowMs);

/** A code over its threshold as a finding; undefined under it. */
function findingOf(c: CodeNotes, count: number, statuses: number, raised: boolean, o: AggregatorOptions): Finding | undefined {
  const total = Math.max(statuses, count);
  const over = isAccountLevel(c.entry) ? count > 0 : count > o.moreThan || (count >= o.ratioMinCount && count / total > o.ratio);
  if (!over) return undefined;
  const share = total > 0 ? ` (${Math.round((100 * count) / total)}% of ${total} statuses)` : '';
  const extras = [
    c.templates.size > 0 ? `template ${[...c.templates].join(', ')}` : '',
    c.samples.length > 0 ? `e.g. ${c.samples.join(', ')}` : '',
  ].filter(Boolean);
  const minutes = Math.round(holdOf(c.entry, o) / 60_000);
  return {
    entryId: c.entry?.id ?? `webhook:${c.code}`,
    code: c.code,
    severity: c.entry?.severity === 'info' ? 'warning' : (c.entry?.severity ?? 'warning'),
    detail: clipDetail(`${count} failed in the last ${minutes} min${share}${extras.length ? `; ${extras.join('; ')}` : ''}`),
    ...(c.entry ? {} : { title: c.title }),
    ...(c.samples.length > 0 ? { samples: [...c.samples] } : {}),
    // Newly raised: everything in the window; already raised: what came since the last look.
    count: raised ? c.fresh : count,
  };
}

/** The findings of a number's codes against the windows; codes that count nothing any more are let go. */
function evaluateCodes(codes: Codes, number: string, now: number, view: WindowView, o: AggregatorOptions): Observation | undefined {
  // Codes counted on another replica only: known here by their code alone.
  for (const code of view.counts.keys()) if (code !== STATUSES && !codes.has(code)) codes.set(code, blankNotes(code));
  const statuses = view.counts.get(STATUSES) ?? 0;
  const findings: Finding[] = [];
  let fresh = false;
  for (const c of codes.values()) {
    const count = view.counts.get(c.code) ?? 0;
    const finding = findingOf(c, count, statuses, view.raised.has(c.code), o);
    if (finding) findings.push(finding);
    if (finding && c.fresh > 0) fresh = true;
    c.fresh = 0;
    if (count === 0) codes.delete(c.code);
  }
  const changed = findings.length !== view.raised.size || findings.some((f) => !view.raised.has(f.code));
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
}

export function createAggregator(options: Partial<AggregatorOptions> = {}): Aggregator {
  const o: AggregatorOptions = { ...DEFAULT_AGGREGATOR_OPTIONS, ...options };
  const notes = new Map<string, Codes>();
  /** A number's codes, for `use`; a number left with none is forgotten (a flood of numbers must not stay). */
  const withCodes = <R>(number: string, use: (codes: Codes) => R): R => {
    const codes = notes.get(number) ?? new Map<string, CodeNotes>();
    const result = use(codes);
    if (codes.size > 0) notes.set(number, codes);
    else notes.delete(number);
    return result;
  };

  return {
    tally: (number, events, now) =>
      withCodes(number, (codes) => {
        const tallies: Tally[] = [];
        let late = 0;
        for (const event of events) {
          if (event.at < now - o.lateMs) late += 1;
          else tallies.push(tallyOf(codes, number, event));
        }
        return { tallies, late };
      }),
    note: (number, counted) => withCodes(number, (codes) => noteOn(codes, counted)),
    evaluate(number, now, view) {
      if (!notes.has(number) && view.counts.size === 0 && view.raised.size === 0) return undefined;
      return withCodes(number, (codes) => evaluateCodes(codes, number, now, view, o));
    },
    sinceOf: (series, now) =>
      now - (series === STATUSES || series === NO_CODE || series === OTHER_CODES ? o.windowMs : holdOf(webhookEntry(series), o)),
    numbers: () => [...notes.keys()],
  };
}
