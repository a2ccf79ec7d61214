import { codeText, escalationText, GENERATION_SHORT, whereText } from '../../catalog/wording.js';
import { equivalentsOf, relatedTo, similarTo } from '../../catalog/index.js';
import type { Explanation } from '../../catalog/lookup.js';
import { rangeNote } from '../../catalog/ranges.js';
import { support } from '../../catalog/support.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { clip, escapeText, quoteUserText } from '../escape.js';
import { ids } from '../ids.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { codeListText } from './code-list.js';
import { cutEscaped } from './mrkdwn.js';

/** Entries rendered in full; the rest are named in one line (each full entry is about seven blocks). */
const FULL_ENTRIES = 3;

const VERDICT_ICON = { now: ':rotating_light:', if: ':warning:', no: ':white_check_mark:', meta: ':information_source:' } as const;

/** A watched number on which a code is open right now (issue 11, item 6; wired in by the bot). */
export interface OpenNow {
  readonly number: string;
  /** Epoch milliseconds the code was first seen in the open incident. */
  readonly since: number;
  readonly cardUrl?: string;
}

export interface ExplainOptions {
  /** Set when the answer is posted in the channel: who shared it, and no Share button. */
  readonly sharedBy?: string;
  /** Where each code is open now; omitted, the answer says nothing about open incidents. */
  readonly openNow?: (code: string) => readonly OpenNow[];
  /** Time zone for "since HH:MM"; UTC unless the bot says otherwise. */
  readonly timeZone?: string;
}

/** Pasted errors listed one per line; the rest are counted ("and 12 more"). */
const PASTE_LINES = 25;
const CUT_OFF = ' (cut off; read as far as it goes)';

/** A value computed on first use and kept (frozen) for every later answer. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= deepFreeze(make());
    return value;
  };
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: cutEscaped(text, LIMITS.sectionText) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: cutEscaped(text, LIMITS.sectionText) }] });

function oneLine(entry: CatalogEntry): string {
  return `${codeText(entry)} ${entry.title}`;
}

/**
 * An entry's blocks depend on the entry alone (the catalog is fixed for the life of the process), so
 * each is drawn once and shared by every answer that shows it: an uncached `/wa-error` then allocates
 * only its own few blocks instead of re-escaping and re-cutting seven blocks per entry (bench/wa-error.ts).
 * Frozen, so no caller can change what the next answer shows. Keyed by the entry object: a catalog
 * rebuilt in a test gets its own drawings.
 */
const drawn = new WeakMap<CatalogEntry, readonly Block[]>();

function entryBlocks(entry: CatalogEntry): readonly Block[] {
  let blocks = drawn.get(entry);
  if (!blocks) {
    blocks = deepFreeze(drawEntry(entry));
    drawn.set(entry, blocks);
  }
  return blocks;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function drawEntry(entry: CatalogEntry): Block[] {
  const escalation = escalationText(entry.escalation);
  const steps = entry.steps.map((step, i) => `${i + 1}. ${escapeText(step)}`).join('\n');
  const links = [...equivalentsOf(entry).map((e) => `${GENERATION_SHORT[e.generation]}: *${escapeText(oneLine(e))}*`)];
  const similar = similarTo(entry).map((e) => `${GENERATION_SHORT[e.generation]}: ${escapeText(oneLine(e))}`);
  const related = relatedTo(entry).map((e) => escapeText(oneLine(e)));
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(oneLine(entry), LIMITS.headerText), emoji: false } },
    context(escapeText(whereText(entry))),
    section(`*What it means*\n${escapeText(entry.meaning)}`),
    section(`*What to do*\n${steps}`),
    section(`${VERDICT_ICON[entry.escalation.verdict]} *${escapeText(escalation.headline)}*\n${escapeText(escalation.detail)}`),
  ];
  const footer = [
    links.length > 0 ? `Same condition — ${links.join(' · ')}` : '',
    similar.length > 0 ? `Similar to (no source says it is the same) — ${similar.join(' · ')}` : '',
    related.length > 0 ? `Related: ${related.join(' · ')}` : '',
  ].filter((line) => line !== '');
  if (footer.length > 0) blocks.push(context(footer.join('\n')));
  return blocks;
}

/** The support and help lines are the same in every answer: drawn once. */
const supportBlock = lazy(() =>
  context(
    `How to reach 360dialog: <${support.hubChat.url}|${support.hubChat.label}> (fastest; first answer ${support.responseTargets}) · ` +
      `${support.email.address} · <${support.statusPage.url}|status page>. ` +
      `Include: ${support.ticketChecklist.slice(0, 4).join('; ')}.`,
  ),
);

const helpBlock = lazy(() =>
  context(
    `Not sure? Check <${support.metaErrorCodes.url}|${support.metaErrorCodes.label}> ` +
      `and the <${support.statusPage.url}|360dialog status page>, ` +
      `or ask 360dialog in the <${support.hubChat.url}|Hub chat>.`,
  ),
);

function usageMessage(): SlackMessage {
  return {
    text: 'Usage: /wa-error <code or words>, e.g. /wa-error 2001 or /wa-error rate limit',
    blocks: [
      section(
        '*Usage:* `/wa-error <code, words or a pasted payload>` — for example `/wa-error 2001`, `/wa-error 131047`, ' +
          '`/wa-error rate limit`, `/wa-error template`, or paste a webhook, error response or health answer.',
      ),
      section(codeListText()),
      helpBlock(),
    ],
  };
}

function shareActions(query: string): Block {
  return {
    type: 'actions',
    block_id: ids.explainActions,
    elements: [
      {
        type: 'button',
        action_id: ids.shareExplanation,
        text: { type: 'plain_text', text: 'Share in channel' },
        // Escaped like shown text, so no stored value ever holds a live <!channel>; the lookup reads entities.
        value: cutEscaped(escapeText(query), LIMITS.buttonValue),
      },
    ],
  };
}

function hhmm(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone }).format(epochMs);
}

function openNowBlock(entry: CatalogEntry, options: ExplainOptions): Block | undefined {
  const open = options.openNow?.(entry.code) ?? [];
  if (open.length === 0) return undefined;
  const zone = options.timeZone ?? 'UTC';
  const lines = open.slice(0, 5).map((o) => {
    const text = `open now on ${escapeText(o.number)} since ${hhmm(o.since, zone)}${zone === 'UTC' ? ' UTC' : ''}`;
    // Only our own card links are linked; a URL with Slack control characters is dropped.
    return o.cardUrl && /^https:\/\/[^\s<>|]+$/.test(o.cardUrl) ? `<${o.cardUrl}|${text}>` : text;
  });
  const more = open.length > 5 ? ` and ${open.length - 5} more` : '';
  return context(`:large_red_square: ${lines.join(' · ')}${more}`);
}

/** One line per pasted error: the code, its title, where it came from (all user text escaped). */
function pasteBlock(explanation: Explanation): Block | undefined {
  const pasted = explanation.pasted;
  if (!pasted) return undefined;
  const titles = new Map(explanation.matches.map((e) => [e.code, e.title]));
  const lines = pasted.errors.slice(0, PASTE_LINES).map((e) => {
    const title = titles.get(e.code) ?? 'not documented by Meta or 360dialog';
    return `• *${escapeText(e.code)}* ${escapeText(title)} — ${escapeText(clip(e.where, 120))}`;
  });
  const more = pasted.total - lines.length;
  if (more > 0) lines.push(`…and ${more} more`);
  const head =
    pasted.total === 0
      ? '*No error codes found in the pasted text.* Paste a webhook, an error response or a health answer as JSON.'
      : `*${pasted.total} error${pasted.total === 1 ? '' : 's'} in the pasted payload${pasted.truncated ? CUT_OFF : ''}:*`;
  return section([head, ...lines].join('\n'));
}

function unknownBlock(explanation: Explanation): Block | undefined {
  if (explanation.unknownCodes.length === 0) return undefined;
  const lines = explanation.unknownCodes.slice(0, 10).map((code) => {
    const note = rangeNote(code);
    const range = note ? ` Its range suggests ${escapeText(note)}.` : '';
    return `:grey_question: *${escapeText(code)}* is not documented by Meta or 360dialog.${range}`;
  });
  if (explanation.unknownCodes.length > 10) lines.push(`…and ${explanation.unknownCodes.length - 10} more undocumented codes`);
  return section(lines.join('\n'));
}

function fallbackText(explanation: Explanation): string {
  const parts = explanation.matches.slice(0, FULL_ENTRIES).map((e) => `${oneLine(e)} (${verdictWords(e)})`);
  for (const code of explanation.unknownCodes.slice(0, 5)) parts.push(`${code} is not documented by Meta or 360dialog`);
  if (parts.length === 0) parts.push(`No documented code matches "${explanation.query}"`);
  return cutEscaped(escapeText(parts.join('; ')), LIMITS.fallbackText);
}

function verdictWords(entry: CatalogEntry): string {
  return escalationText(entry.escalation).headline.toLowerCase();
}

/** The answer to `/wa-error`: an explanation of every match, or help when there is none. */
export function explainBlocks(explanation: Explanation, options: ExplainOptions = {}): SlackMessage {
  if (explanation.kind === 'empty') return usageMessage();

  const blocks: Block[] = [];
  if (options.sharedBy)
    blocks.push(context(`Shared by <@${escapeText(options.sharedBy)}> · /wa-error ${quoteUserText(explanation.query)}`));

  const pasted = pasteBlock(explanation);
  if (pasted) blocks.push(pasted);

  const shown = explanation.matches.slice(0, FULL_ENTRIES);
  shown.forEach((entry, i) => {
    if (i > 0 || pasted) blocks.push({ type: 'divider' });
    blocks.push(...entryBlocks(entry));
    const open = openNowBlock(entry, options);
    if (open) blocks.push(open);
  });

  const rest = explanation.matches.slice(FULL_ENTRIES);
  if (rest.length > 0) {
    const label = { code: 'Also documented under this code', paste: 'Also in the paste', words: 'Also matching', empty: '' }[
      explanation.kind
    ];
    const names = rest.slice(0, 20).map((e) => escapeText(oneLine(e)));
    if (rest.length > 20) names.push(`and ${rest.length - 20} more`);
    blocks.push(section(`*${label}:* ${names.join(' · ')}\nAsk for one by its code to see it in full.`));
  }

  const unknown = unknownBlock(explanation);
  if (unknown) blocks.push(unknown);
  if (explanation.suggestions.length > 0) {
    blocks.push(section(`*Nearest documented codes:* ${explanation.suggestions.map((e) => escapeText(oneLine(e))).join(' · ')}`));
  }
  if (explanation.kind === 'words' && explanation.matches.length === 0) {
    blocks.push(
      section(
        `Nothing in the catalog matches ${quoteUserText(explanation.query)}. Try a code (\`/wa-error 131047\`) ` +
          'or other words (`rate limit`, `template`, `payment`, `opt out`, `wacore`).',
      ),
    );
  }

  if (shown.some((e) => e.escalation.verdict === 'now' || e.escalation.verdict === 'if')) blocks.push(supportBlock());
  else if (explanation.unknownCodes.length > 0 || explanation.matches.length === 0) blocks.push(helpBlock());

  if (!options.sharedBy && explanation.matches.length > 0) blocks.push(shareActions(explanation.query));
  return { text: fallbackText(explanation), blocks };
}
