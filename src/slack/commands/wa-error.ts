import type { App } from '@slack/bolt';
import { explain, normaliseQuery } from '../../catalog/lookup.js';
import { looksLikePaste } from '../../catalog/paste.js';
import { explainBlocks } from '../views/explain-blocks.js';
import { Lru } from './lru.js';
import type { SlackMessage } from '../views/message.js';

export const COMMAND = '/wa-error';

/** Answers are pure functions of the query and people ask for the same codes again and again. */
const CACHE_SIZE = 256;
const answers = new Lru<string, SlackMessage>(CACHE_SIZE);

function answerFor(text: string): SlackMessage {
  // A paste is one of a kind and its normalised form is cut to 200 characters: never cache it.
  if (looksLikePaste(text)) return explainBlocks(explain(text));
  const key = normaliseQuery(text);
  const cached = answers.get(key);
  if (cached) return cached;
  const answer = explainBlocks(explain(key));
  answers.set(key, answer);
  return answer;
}

/** `/wa-error <code or words>`: answered in the ack itself, so the user sees it in one round trip. */
export function register(app: App): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', ...answerFor(command.text ?? '') });
  });
}
