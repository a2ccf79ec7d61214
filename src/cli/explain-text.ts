import { equivalentsOf, relatedTo, similarTo } from '../catalog/index.js';
import type { Explanation } from '../catalog/lookup.js';
import { rangeNote } from '../catalog/ranges.js';
import { support } from '../catalog/support.js';
import type { CatalogEntry } from '../catalog/types.js';
import { codeText, escalationText, whereText } from '../catalog/wording.js';

const line = (entry: CatalogEntry) => `${codeText(entry)} ${entry.title}`;

function entryText(entry: CatalogEntry): string {
  const escalation = escalationText(entry.escalation);
  const out = [
    `${line(entry)}`,
    `  ${whereText(entry)}`,
    '',
    '  What it means',
    `    ${entry.meaning}`,
    '',
    '  What to do',
    ...entry.steps.map((step, i) => `    ${i + 1}. ${step}`),
    '',
    `  Escalation: ${escalation.headline}`,
    `    ${escalation.detail}`,
  ];
  const same = equivalentsOf(entry);
  if (same.length > 0) out.push('', `  Same condition in the other API: ${same.map(line).join('; ')}`);
  const similar = similarTo(entry);
  if (similar.length > 0) out.push('', `  Similar to (no source says it is the same): ${similar.map(line).join('; ')}`);
  const related = relatedTo(entry);
  if (related.length > 0) out.push(`  Related: ${related.map(line).join('; ')}`);
  return out.join('\n');
}

const supportText = () =>
  [
    'Contacting 360dialog support:',
    `  ${support.hubChat.label}: ${support.hubChat.url} — ${support.hubChat.how}`,
    `  ${support.email.label}: ${support.email.address} — ${support.email.how}`,
    `  ${support.statusPage.label}: ${support.statusPage.url}`,
    `  Include: ${support.ticketChecklist.join('; ')}.`,
  ].join('\n');

/** For a paste: one line per error found, with where it came from. */
function pastedText(explanation: Explanation): string[] {
  const pasted = explanation.pasted;
  if (!pasted) return [];
  if (pasted.total === 0) return ['No error codes found in the pasted text.'];
  const titles = new Map(explanation.matches.map((e) => [e.code, e.title]));
  const lines = pasted.errors.map((e) => `  ${e.code} ${titles.get(e.code) ?? '(not documented)'} — ${e.where}`);
  if (pasted.total > pasted.errors.length) lines.push(`  …and ${pasted.total - pasted.errors.length} more`);
  const cut = pasted.truncated ? ' (cut off; read as far as it goes)' : '';
  return [`${pasted.total} error${pasted.total === 1 ? '' : 's'} in the pasted payload${cut}:\n${lines.join('\n')}`];
}

/** The same answer as `/wa-error`, as plain text for a terminal. */
export function explainText(explanation: Explanation): string {
  const parts = [...pastedText(explanation), ...explanation.matches.map(entryText)];
  for (const code of explanation.unknownCodes) {
    const note = rangeNote(code);
    parts.push(`${code} is not documented by Meta or 360dialog.${note ? ` Its range suggests ${note}.` : ''}`);
  }
  if (explanation.suggestions.length > 0) parts.push(`Nearest documented codes: ${explanation.suggestions.map(line).join('; ')}`);
  if (explanation.kind === 'words' && explanation.matches.length === 0) {
    parts.push(
      `Nothing in the catalog matches "${explanation.query}". Try a code (131047) or words such as "rate limit", "template", "payment".`,
    );
  }
  if (explanation.matches.some((e) => e.escalation.verdict === 'now' || e.escalation.verdict === 'if')) parts.push(supportText());
  else
    parts.push(
      `Not sure? ${support.metaErrorCodes.label}: ${support.metaErrorCodes.url} · ${support.statusPage.label}: ${support.statusPage.url}`,
    );
  return `${parts.join('\n\n')}\n`;
}

/** True when the answer found nothing for at least part of the query. */
export function isUnknown(explanation: Explanation): boolean {
  return explanation.unknownCodes.length > 0 || explanation.matches.length === 0;
}
