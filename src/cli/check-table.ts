import { entryById } from '../catalog/index.js';
import { ruleText } from '../catalog/wording.js';
import { clip } from '../text/clip.js';
import type { Observation } from '../core/observation.js';
import { safeForTerminal } from './terminal.js';

/** Whether an observation calls for 360dialog support, in a few words. */
export function escalateText(observation: Observation): string {
  if (observation.state === 'unknown') return 'not yet: find out why we cannot see it';
  const verdicts = observation.findings.map((f) => entryById(f.entryId)?.escalation).filter((e) => e !== undefined);
  if (verdicts.some((v) => v.verdict === 'now')) return 'yes, now';
  const conditional = verdicts.find((v) => v.verdict === 'if');
  if (conditional?.verdict === 'if') return `if it ${ruleText(conditional.rule)}`;
  if (verdicts.some((v) => v.verdict === 'meta')) return 'no: ask Meta';
  return 'no';
}

/** A fixed-width table for terminals and cron mail. */
export function checkTable(observations: readonly Observation[]): string {
  // Names, codes and summaries come from numbers.yml and 360dialog: stripped before widths are measured.
  const rows = observations.map((o) =>
    [
      o.number,
      o.state.toUpperCase(),
      o.findings.map((f) => f.code).join(',') || (o.blindSpot ? o.blindSpot.kind : '-'),
      clip(safeForTerminal(o.summary), 70),
      escalateText(o),
    ].map((cell) => safeForTerminal(cell).replace(/[\n\t]/g, ' ')),
  );
  const header = ['NUMBER', 'STATE', 'CODES', 'WHAT WE SAW', 'ESCALATE?'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
