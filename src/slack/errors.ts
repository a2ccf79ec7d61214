import { randomBytes } from 'node:crypto';
import type { Logger } from '../telemetry/log.js';

/**
 * The one place that decides what a person sees when a Slack listener fails: a short private
 * message with a reference id they can quote, while the log keeps the error under the same id.
 * A store failure on Acknowledge used to show nothing at all.
 */
export function createListenerErrorHandler(logger: Logger, post: typeof fetch = fetch) {
  // Bolt's ExtendedErrorHandlerArgs is not exported from its index: the part used here.
  return async ({ error, body }: { error: Error & { original?: unknown }; body?: unknown }): Promise<void> => {
    const reference = randomBytes(4).toString('hex');
    logger.error(`a Slack listener failed (reference ${reference})`, error, error.original ?? '');
    const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
    if (typeof responseUrl !== 'string' || !/^https?:\/\//.test(responseUrl)) return;
    const text = `Sorry, that did not work: the bot hit an error. Quote reference \`${reference}\` to whoever runs it.`;
    try {
      await post(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
        signal: AbortSignal.timeout(5000),
      });
    } catch (answerError) {
      logger.warn(`could not tell the user about error ${reference}`, answerError);
    }
  };
}
