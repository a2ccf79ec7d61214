import type { BlockButtonAction } from '@slack/bolt';
import { explain } from '../../catalog/lookup.js';
import type { Logger } from '../../telemetry/log.js';
import { ids } from '../ids.js';
import type { Once } from '../once.js';
import { explainBlocks } from '../views/explain-blocks.js';
import type { Routes } from '../routes.js';

/**
 * "Share in channel" under an ephemeral `/wa-error` answer: posts the same explanation for
 * everyone through the response_url (no channel membership needed), then removes the private copy.
 */
export function register(app: Routes, deps: { logger: Logger; once: Once }): void {
  app.action<BlockButtonAction>(ids.shareExplanation, async ({ ack, action, body, respond }) => {
    await ack();
    if (!(await deps.once(body))) return;
    const message = explainBlocks(explain(action.value ?? ''), { sharedBy: body.user.id });
    try {
      await respond({ response_type: 'in_channel', replace_original: false, ...message });
      await respond({ delete_original: true });
    } catch (error) {
      deps.logger.warn('could not share a /wa-error answer', error);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Sorry, Slack did not let me post here. Copy the answer instead.',
      }).catch(() => {});
    }
  });
}
