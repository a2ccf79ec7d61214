import { describe, expect, it } from 'vitest';
import { createMemoryWindows } from '../src/store/memory-windows.js';
import { createLogger } from '../src/telemetry/log.js';
import { createNumberRouting } from '../src/webhooks/number-routing.js';
import { parseWebhook, type WebhookEvent } from '../src/webhooks/parse.js';
import { testNumber } from './support/numbers.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const US = { ...testNumber('routing-us-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'US line'), phone: '+1 555-078-3881' };
const DE = testNumber('routing-de-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'DE line');

function routingOf(numbers = [US, DE], windows = createMemoryWindows()) {
  const lines: string[] = [];
  const routing = createNumberRouting({ numbers, windows, logger: createLogger({ write: (line) => lines.push(line) }) });
  const namesOf = (events: WebhookEvent[], hint?: string) => [...routing.sort(events, hint).byNumber.keys()];
  return { routing, lines, namesOf, warnings: () => lines.filter((l) => /matches no configured number/.test(l)) };
}

const status = (fill: { phoneDigits?: string; phoneNumberId?: string }) =>
  parseWebhook(JSON.parse(webhookFixture('cloud-131047.json', fill)), Date.now());

describe('which configured number a webhook is about', () => {
  it('goes by ?number=NAME first (any case), then the learnt phone number id, then the display phone number', () => {
    const { routing, namesOf } = routingOf();
    routing.learn('DE line', '222222222222222', undefined);
    expect(namesOf(status({ phoneNumberId: '222222222222222' }), 'us LINE')).toEqual(['US line']);
    expect(namesOf(status({ phoneNumberId: '222222222222222' }))).toEqual(['DE line']);
    expect(namesOf(status({ phoneNumberId: '999999999999999' }))).toEqual(['US line']);
  });

  it('gives an event that names no number to the only number there is', () => {
    const { namesOf } = routingOf([DE]);
    expect(namesOf(parseWebhook(JSON.parse(webhookFixture('onprem-470.json')), Date.now()))).toEqual(['DE line']);
  });

  it('routes by a phone number id another replica learnt, once it has read the shared routes', async () => {
    const windows = createMemoryWindows();
    await windows.learn('DE line', '222222222222222', undefined);
    const { routing, namesOf } = routingOf([US, DE], windows);
    await routing.refresh();
    expect(namesOf(status({ phoneDigits: '10000000000', phoneNumberId: '222222222222222' }))).toEqual(['DE line']);
  });

  it('warns once per sender that matches no number, for events and account signals alike, and at most 100 times', () => {
    const { routing, namesOf, warnings } = routingOf();
    expect(namesOf(status({ phoneDigits: '4930999', phoneNumberId: '1' }))).toEqual([]);
    namesOf(status({ phoneDigits: '4930999', phoneNumberId: '1' }));
    namesOf(status({}), 'Nobody');
    const [signal] = parseWebhook(JSON.parse(webhookFixture('waba/quality-flagged.json', { phoneDigits: '4930999' })), Date.now());
    if (signal?.signal) routing.signal(signal.signal, signal.at, undefined);
    expect(warnings()).toEqual([
      expect.stringMatching(
        /WARN .*webhook for phone 4930999 matches no configured number: add its phone to numbers\.yml or use \?number=NAME/,
      ),
      expect.stringMatching(/webhook for \?number=Nobody matches no configured number/),
      expect.stringMatching(/phone_number_quality_update for phone 4930999 matches no configured number/),
    ]);
    for (let i = 0; i < 300; i++) namesOf(status({ phoneDigits: `4930${i}`, phoneNumberId: '1' }));
    expect(warnings()).toHaveLength(100);
  });

  it('cuts a megabyte ?number= short in its warning', () => {
    const { namesOf, warnings } = routingOf();
    namesOf(status({}), 'x'.repeat(1024 * 1024));
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.length).toBeLessThan(400);
  });
});
