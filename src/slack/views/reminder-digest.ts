import type { NamedCondition } from '../../core/events.js';
import { escapeText } from '../escape.js';
import { formatDuration } from './duration.js';
import { conditionTitle } from './incident-words.js';
import { LIMITS } from './message.js';
import { cutEscaped } from './mrkdwn.js';

export interface DigestLine {
  readonly incidentId: string;
  readonly number: string;
  readonly cardUrl?: string;
  readonly openForMs: number;
  /** The reminder's active conditions, named here (code and title). */
  readonly conditions: readonly NamedCondition[];
}

const SHOWN = 25;

/** One message per channel for every reminder due: "12 incidents still open, none acknowledged: …". */
export function reminderDigestText(lines: readonly DigestLine[]): string {
  const sorted = [...lines].sort((a, b) => b.openForMs - a.openForMs);
  const head = `:alarm_clock: *${sorted.length} incident${sorted.length === 1 ? '' : 's'} still open, not acknowledged*, longest first:`;
  const items = sorted.slice(0, SHOWN).map((l) => {
    const name = escapeText(l.number);
    const link = l.cardUrl ? `<${l.cardUrl}|${name}>` : name;
    const named = l.conditions.map((c) => `${c.code} ${conditionTitle(c)}`);
    const what = named.length ? ` — ${escapeText(named.join(', '))}` : '';
    return `• ${link}: open ${formatDuration(l.openForMs)}${what}`;
  });
  const more = sorted.length > SHOWN ? [`… and ${sorted.length - SHOWN} more`] : [];
  return cutEscaped([head, ...items, ...more].join('\n'), LIMITS.sectionText);
}
