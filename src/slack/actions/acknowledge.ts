import type { BlockButtonAction } from '@slack/bolt';
import { ids } from '../ids.js';
import type { SlackDeps } from '../deps.js';
import { numberOf } from './number-of.js';
import type { Routes } from '../routes.js';

/** "Acknowledge": someone is on it. Shown on the card with who and when; reminders stop. */
export function register(app: Routes, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.acknowledge, async ({ ack, action, body }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const number = numberOf(deps.numbers, action.value);
    if (number) await deps.monitor.acknowledge(number, body.user.id);
  });
}
