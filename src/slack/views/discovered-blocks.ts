import type { DiscoveredNumber, FleetEntry } from '../../monitor/fleet.js';
import { type Block, LIMITS } from './message.js';
import { escapeClip, joinWithin, section } from './mrkdwn.js';

/** An open incident of warnings only (quality flagged, limit lowered, no answer): not the red of an outage. */
export const WARNING_ICON = '⚠️';
export const incidentIcon = (e: FleetEntry, icon: string): string => (e.state === 'open' && e.severity === 'warning' ? WARNING_ICON : icon);

const ROOM = LIMITS.sectionText - 40;

function line(d: DiscoveredNumber): string {
  const facts = [d.status, d.quality && `quality ${d.quality}`, d.limit && `limit ${d.limit}`].filter((f): f is string => Boolean(f));
  const about = facts.length ? ` · ${escapeClip(facts.join(' · '), 120)}` : '';
  const why = d.warnings.length ? ` — ${escapeClip(d.warnings.join('; '), 300)}` : '';
  return `${WARNING_ICON} *${escapeClip(d.name, 80)}*${d.phone ? ` (${escapeClip(d.phone, 30)})` : ''}${about}${why}`;
}

/**
 * Partner API channels in no numbers.yml entry, in at most `budget` sections: those with a warning a line
 * each, then the rest by name. Shown, never carded: add a number to numbers.yml to get cards for it.
 */
export function discoveredBlocks(list: readonly DiscoveredNumber[], budget: number): Block[] {
  if (list.length === 0 || budget < 1) return [];
  const warned = list.filter((d) => d.warnings.length > 0);
  const fine = list.filter((d) => d.warnings.length === 0).map((d) => `✅ ${escapeClip(d.name, 80)}`);
  const some = warned.length ? `, ${warned.length} with warnings` : '';
  const head = `*Discovered by the Partner API* (not in numbers.yml): ${list.length}${some}`;
  const first = joinWithin([head, ...warned.map(line)], '\n', ROOM);
  if (fine.length === 0) return [section(first)];
  if (budget === 1 || warned.length === 0) return [section(joinWithin([first, joinWithin(fine, ' · ', ROOM)], '\n', ROOM))];
  return [section(first), section(joinWithin(fine, ' · ', ROOM))];
}
