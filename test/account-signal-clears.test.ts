import { describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { parseWebhook } from '../src/webhooks/parse.js';
import { createSignalRouter } from '../src/webhooks/signal-router.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);

const healthy = (): NumberRecord =>
  [T0 - 2 * MIN, T0 - MIN].reduce(
    (r, at) =>
      step(
        r,
        { kind: 'observation', observation: { number: 'US line', at, state: 'healthy', findings: [], summary: 'ok', source: 'poll' } },
        at,
      ),
    emptyRecord('US line'),
  );

/** The fixtures through the parser, the router and the engine, one minute apart. */
function feed(names: readonly string[]): NumberRecord {
  const router = createSignalRouter({ byName: new Map(), byPhone: new Map(), only: 'US line' });
  let record = healthy();
  names.forEach((name, i) => {
    const at = T0 + i * MIN;
    for (const event of parseWebhook(JSON.parse(webhookFixture(`waba/${name}.json`, { at })), at))
      if (event.signal)
        for (const observation of router.route(event.signal, at, undefined))
          record = step(record, { kind: 'observation', observation }, at);
  });
  return record;
}
const active = (r: NumberRecord) => (r.incident?.conditions ?? []).filter((c) => c.activeSince !== undefined).map((c) => c.key);

describe('account_update improvements', () => {
  it('ends a violation and a restriction when Meta reinstates the WABA, and resolves the incident', () => {
    const before = feed(['account-violation', 'account-restricted']);
    expect(active(before).sort()).toEqual(['signal-account-restricted@RESTRICTED_BIZ_INITIATED_MESSAGING', 'signal-account-violation']);
    const after = feed(['account-violation', 'account-restricted', 'account-reinstated']);
    expect(active(after)).toEqual([]);
    expect(after.incident?.status).toBe('resolved');
  });

  it('ends nothing on a ban scheduled or in force', () => {
    expect(active(feed(['account-violation', 'account-disabled'])).sort()).toEqual(['signal-account-disabled', 'signal-account-violation']);
  });
});
