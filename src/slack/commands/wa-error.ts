import type { App } from '@slack/bolt';
import { explain } from '../../catalog/lookup.js';
import { explainBlocks } from '../views/explain-blocks.js';

export const COMMAND = '/wa-error';

/** `/wa-error <code or words>`: answered in the ack itself, so the user sees it in one round trip. */
export function register(app: App): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', ...explainBlocks(explain(command.text ?? '')) });
  });
}
