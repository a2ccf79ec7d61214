import type { IncidentEvent, NamedCondition } from '../../core/events.js';
import { escapeText } from '../escape.js';
import { formatDuration } from './duration.js';
import { caseLine } from './escalation-words.js';
import { escalatedReason } from './incident-words.js';
import { LIMITS } from './message.js';
import { conditionName, cutEscaped, escapeClip, mention, oneLine } from './mrkdwn.js';

/** The words for what happened to an incident, said in its card's thread. */

/** Code and title, and each may come from upstream (webhook titles): escaped. */
const conditionLine = (c: NamedCondition) => escapeText(conditionName(c));

const RECOVERED_BECAUSE = {
  polls: (streak: number | undefined) => `healthy on ${streak ?? 2} checks in a row`,
  webhooks: () => 'the failed messages stopped',
  quiet: () => 'no failed messages reported for a while',
  group: () => 'no number shows it any more',
} as const;

/** Names of numbers, escaped, the first few and a count of the rest. */
function namesList(names: readonly string[], max = 150): string {
  const shown = names.slice(0, max).map(escapeText).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

function eventText(event: IncidentEvent): string {
  switch (event.kind) {
    case 'condition-added':
      return event.conditions.map((c) => `New condition: *${conditionLine(c)}*${c.detail ? ` (${escapeText(c.detail)})` : ''}`).join('\n');
    case 'escalated':
      return `:rotating_light: *Escalate to 360dialog support now.* ${escapeText(escalatedReason(event))}.`;
    case 'relapsed':
      return `Back again ${formatDuration(event.afterMs)} after recovering: *${event.conditions.map(conditionLine).join(', ')}*`;
    case 'recovered': {
      const because = RECOVERED_BECAUSE[event.why](event.streak);
      return `:white_check_mark: Recovered: ${because}, ${formatDuration(event.afterMs)} after it began.`;
    }
    case 'reminder': {
      const active = event.conditions.map(conditionLine);
      return `Still open after ${formatDuration(event.openForMs)} and not acknowledged${active.length ? `: ${active.join(', ')}` : ''}.`;
    }
    case 'acknowledged':
      return `Acknowledged by ${mention(event.by)}. Reminders stop.`;
    case 'muted':
      return event.reason
        ? `In maintenance (${escapeClip(oneLine(event.reason), 200)}), set by ${mention(event.by)} for ${formatDuration(event.forMs)}: ` +
            'nobody is pinged and the thread stays quiet until then.'
        : `Muted by ${mention(event.by)} for ${formatDuration(event.forMs)}: no thread updates until then; the card stays current.`;
    case 'unmuted':
      return event.by
        ? `Unmuted by ${mention(event.by)}: thread updates resume.`
        : 'The maintenance window is over: thread updates resume.';
    case 'members-changed': {
      const parts = [
        ...(event.joined.length ? [`${event.joined.length} joined: ${namesList(event.joined)}`] : []),
        ...(event.left.length ? [`${event.left.length} recovered or left: ${namesList(event.left)}`] : []),
      ];
      return `Affected numbers now ${event.total}. ${parts.join('. ')}.`;
    }
    case 'platform':
      return event.summary
        ? `:information_source: 360dialog's status page reports: ${escapeText(event.summary)}. They already know: follow the status page.`
        : ":information_source: 360dialog's status page no longer reports a problem.";
    case 'support-case':
      return `:outbox_tray: ${caseLine(event.supportCase)}. The case is opened with 360dialog: no need to escalate again.`;
    case 'legacy-text':
      // Stored by an older version, escaped when it was written.
      return event.text;
  }
}

/** One thread reply for the events queued together, one line (or a few) per event. */
export function threadReplyText(events: readonly IncidentEvent[], mentions = ''): string {
  // The mentions (validated ids, see oncall.ts) lead, so a cut never drops them.
  const text = cutEscaped(events.map(eventText).join('\n'), LIMITS.sectionText - mentions.length - 1);
  return mentions ? `${mentions} ${text}` : text;
}
