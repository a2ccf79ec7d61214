import type { FleetEntry, FleetSnapshot } from '../../monitor/fleet.js';
import { ids } from '../ids.js';
import type { Block } from './message.js';
import { escapeClip } from './mrkdwn.js';
import { dashboard } from './status-blocks.js';

/** Slack's limit for a home tab. */
export const HOME_BLOCKS = 100;

const recheck = (e: FleetEntry): Block[] => [
  {
    type: 'actions',
    elements: [
      // The same action as the card's button: the listener looks the number up by this (escaped) name.
      { type: 'button', action_id: ids.recheck, text: { type: 'plain_text', text: 'Re-check' }, value: escapeClip(e.name, 2000) },
    ],
  },
];

/** The App Home tab: the /wa-status dashboard, with a Re-check button under each open incident. */
export function homeView(snapshot: FleetSnapshot): { type: 'home'; blocks: Block[] } {
  return { type: 'home', blocks: dashboard(snapshot, { maxBlocks: HOME_BLOCKS, incidentExtras: recheck }).blocks };
}
