import { codeText, escalationText, GENERATION_SHORT, whereText } from '../../catalog/wording.js';
import { equivalentsOf, relatedTo } from '../../catalog/index.js';
import type { Explanation } from '../../catalog/lookup.js';
import { support } from '../../catalog/support.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { clip, escapeText, quoteUserText } from '../escape.js';
import { ids } from '../ids.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { codeListText } from './code-list.js';

/** Entries rendered in full; the rest are named in one line (each full entry is about seven blocks). */
const FULL_ENTRIES = 3;

const VERDICT_ICON = { now: ':rotating_light:', if: ':warning:', no: ':white_check_mark:' } as const;

export interface ExplainOptions {
  /** Set when the answer is posted in the channel: who shared it, and no Share button. */
  readonly sharedBy?: string;
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) }] });

function oneLine(entry: CatalogEntry): string {
  return `${codeText(entry)} ${entry.title}`;
}

function entryBlocks(entry: CatalogEntry): Block[] {
  const escalation = escalationText(entry.escalation);
  const steps = entry.steps.map((step, i) => `${i + 1}. ${escapeText(step)}`).join('\n');
  const links = [...equivalentsOf(entry).map((e) => `${GENERATION_SHORT[e.generation]}: *${escapeText(oneLine(e))}*`)];
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
    related.length > 0 ? `Related: ${related.join(' · ')}` : '',
  ].filter((line) => line !== '');
  if (footer.length > 0) blocks.push(context(footer.join('\n')));
  return blocks;
}

function supportBlock(): Block {
  return context(
    `How to reach 360dialog: <${support.hubChat.url}|${support.hubChat.label}> (fastest; first answer ${support.responseTargets}) · ` +
      `${support.email.address} · <${support.statusPage.url}|status page>. ` +
      `Include: ${support.ticketChecklist.slice(0, 4).join('; ')}.`,
  );
}

function helpBlock(): Block {
  return context(
    `Not sure? Check <${support.metaErrorCodes.url}|${support.metaErrorCodes.label}> and the <${support.statusPage.url}|360dialog status page>, ` +
      `or ask 360dialog in the <${support.hubChat.url}|Hub chat>.`,
  );
}

function usageMessage(): SlackMessage {
  return {
    text: 'Usage: /wa-error <code or words>, e.g. /wa-error 2001 or /wa-error rate limit',
    blocks: [
      section(
        '*Usage:* `/wa-error <code or words>` — for example `/wa-error 2001`, `/wa-error 131047`, `/wa-error rate limit`, `/wa-error template`.',
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
        value: clip(query, LIMITS.buttonValue),
      },
    ],
  };
}

function fallbackText(explanation: Explanation): string {
  const parts = explanation.matches.slice(0, FULL_ENTRIES).map((e) => `${oneLine(e)} (${verdictWords(e)})`);
  for (const code of explanation.unknownCodes) parts.push(`${code} is not a documented 360dialog/WhatsApp code`);
  if (parts.length === 0) parts.push(`No documented code matches "${explanation.query}"`);
  return clip(escapeText(parts.join('; ')), LIMITS.fallbackText);
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

  const shown = explanation.matches.slice(0, FULL_ENTRIES);
  shown.forEach((entry, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...entryBlocks(entry));
  });

  const rest = explanation.matches.slice(FULL_ENTRIES);
  if (rest.length > 0) {
    const label = explanation.kind === 'code' ? 'Also documented under this code' : 'Also matching';
    blocks.push(section(`*${label}:* ${rest.map((e) => escapeText(oneLine(e))).join(' · ')}\nAsk for one by its code to see it in full.`));
  }

  for (const code of explanation.unknownCodes) {
    blocks.push(section(`:grey_question: *${escapeText(code)}* is not a documented 360dialog/WhatsApp code.`));
  }
  if (explanation.suggestions.length > 0) {
    blocks.push(section(`*Nearest documented codes:* ${explanation.suggestions.map((e) => escapeText(oneLine(e))).join(' · ')}`));
  }
  if (explanation.kind === 'words' && explanation.matches.length === 0) {
    blocks.push(
      section(
        `Nothing in the catalog matches ${quoteUserText(explanation.query)}. Try a code (\`/wa-error 131047\`) or other words (\`rate limit\`, \`template\`, \`payment\`, \`spam\`, \`wacore\`).`,
      ),
    );
  }

  if (shown.some((e) => e.escalation.verdict !== 'no')) blocks.push(supportBlock());
  else if (explanation.unknownCodes.length > 0 || explanation.matches.length === 0) blocks.push(helpBlock());

  if (!options.sharedBy && explanation.matches.length > 0) blocks.push(shareActions(explanation.query));
  return { text: fallbackText(explanation), blocks };
}
