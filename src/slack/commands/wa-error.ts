import { type Explanation, explain, normaliseQuery } from '../../catalog/lookup.js';
import { looksLikePaste } from '../../catalog/paste.js';
import type { SlackDeps } from '../deps.js';
import { explainBlocks, type OpenNow } from '../views/explain-blocks.js';
import type { SlackMessage } from '../views/message.js';
import { cardUrl } from '../views/mrkdwn.js';
import { Lru } from './lru.js';
import { commandText } from './text.js';
import type { Routes } from '../routes.js';

export const COMMAND = '/wa-error';

/**
 * Explanations are pure functions of the query and people ask for the same codes again and
 * again: the catalog's answer is cached; the blocks are drawn each time, since what is open now
 * on the watched numbers changes.
 */
export const CACHE_SIZE = 256;
const explanations = new Lru<string, Explanation>(CACHE_SIZE);

function explanationOf(text: string): Explanation {
  // A paste is one of a kind and its normalised form is cut to 200 characters: never cache it.
  if (looksLikePaste(text)) return explain(text);
  const key = normaliseQuery(text);
  const cached = explanations.get(key);
  if (cached) return cached;
  const explanation = explain(key);
  explanations.set(key, explanation);
  return explanation;
}

export function answerFor(text: string, deps?: Pick<SlackDeps, 'monitor'>): SlackMessage {
  const openNow = deps
    ? (code: string): OpenNow[] =>
        deps.monitor.openNow(code).map((o) => ({ number: o.number, since: o.since, ...(o.card ? { cardUrl: cardUrl(o.card) } : {}) }))
    : undefined;
  return explainBlocks(explanationOf(text), openNow ? { openNow } : {});
}

/**
 * `/wa-error <code or words>`: answered in the ack itself, so the user sees it in one round trip. The answer needs
 * no store or network call (the catalog and what is open now are in memory), so acking with it is still acking first.
 */
export function register(app: Routes, deps: Pick<SlackDeps, 'monitor'>): void {
  app.command(COMMAND, async ({ command, ack }) => {
    await ack({ response_type: 'ephemeral', ...answerFor(commandText(command), deps) });
  });
}
