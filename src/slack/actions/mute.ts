import type { BlockButtonAction } from '@slack/bolt';
import { ids } from '../ids.js';
import type { SlackDeps } from '../deps.js';
import { numberOf } from './number-of.js';
import type { Routes } from '../routes.js';

/** "Mute 1 h": no thread noise for an hour; the card and the state stay current. */
export function register(app: Routes, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.mute, async ({ ack, action, body }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const number = numberOf(deps.numbers, action.value);
    if (number) await deps.monitor.mute(number, body.user.id);
  });
}
