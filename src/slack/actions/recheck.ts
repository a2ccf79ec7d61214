import type { BlockButtonAction } from '@slack/bolt';
import { MONITORING } from '../../config/numbers.js';
import { ids } from '../ids.js';
import type { SlackDeps } from '../deps.js';
import { numberOf } from './number-of.js';
import type { Routes } from '../routes.js';

/**
 * "Re-check" on an incident card: ack at once, poll the number now, and let the card edit (with
 * who asked) flow through the outbox like every other change. At most once per 30 s per number.
 */
export function register(app: Routes, deps: SlackDeps): void {
  app.action<BlockButtonAction>(ids.recheck, async ({ ack, action, body, respond }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const number = numberOf(deps.numbers, action.value);
    const tell = (text: string) =>
      respond({ response_type: 'ephemeral', replace_original: false, text }).catch((e) => deps.logger.warn('could not answer a button', e));
    if (number === MONITORING) return void (await tell('This card clears by itself once most numbers answer again on the next poll.'));
    if (!number) return void (await tell('That number is no longer in the bot’s configuration, so it cannot be re-checked.'));
    const result = await deps.monitor.recheck(number, body.user.id);
    if (result.kind === 'too-soon') await tell(`It was checked moments ago; try again in ${Math.ceil(result.waitMs / 1000)} s.`);
    else if (result.kind === 'unknown-number')
      await tell('That number is no longer in the bot’s configuration, so it cannot be re-checked.');
  });
}
