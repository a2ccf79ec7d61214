import { describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import type { Observation } from '../src/core/observation.js';
import { signalOf } from '../src/webhooks/account-signals.js';
import { createSignalRouter } from '../src/webhooks/signal-router.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 30, 9, 0, 0);
const WABA = '102290129340398';

/** message_template_status_update / _quality_update values as Meta documents them, for two templates. */
const ORDER = { message_template_id: 7001, message_template_name: 'order_ready', message_template_language: 'en_US' };
const INVOICE = { message_template_id: 7002, message_template_name: 'invoice_due', message_template_language: 'de' };
const status = (template: object, event: string, title = 'NONE') => ({ ...template, event, reason: 'NONE', other_info: { title } });
const quality = (template: object, from: string, to: string) => ({ ...template, previous_quality_score: from, new_quality_score: to });

let clock = T0;
const feed = (record: NumberRecord, field: string, value: object): NumberRecord => {
  const signal = signalOf(field, value, WABA);
  if (!signal) throw new Error(`no signal from ${field}`);
  clock += MIN;
  const router = createSignalRouter({ byName: new Map(), byPhone: new Map(), only: 'Support line' });
  return router
    .route(signal, clock, undefined)
    .reduce((r, observation: Observation) => step(r, { kind: 'observation', observation }, clock), record);
};
/** Two healthy polls first: a resolve also waits for the polls to be healthy. */
const healthy = (): NumberRecord =>
  [T0 - 2 * MIN, T0 - MIN].reduce(
    (r, at) =>
      step(
        r,
        { kind: 'observation', observation: { number: 'Support line', at, state: 'healthy', findings: [], summary: 'ok', source: 'poll' } },
        at,
      ),
    emptyRecord('Support line'),
  );
const active = (r: NumberRecord) => (r.incident?.conditions ?? []).filter((c) => c.activeSince !== undefined);

describe('template signals, one condition per template', () => {
  it('keeps one template paused when another is approved again, and names each template', () => {
    let r = healthy();
    r = feed(r, 'message_template_status_update', status(ORDER, 'PAUSED', 'FIRST_PAUSE'));
    r = feed(r, 'message_template_status_update', status(INVOICE, 'PAUSED', 'FIRST_PAUSE'));
    expect(active(r).map((c) => c.title)).toEqual([
      'Template paused for low quality: order_ready (en_US)',
      'Template paused for low quality: invoice_due (de)',
    ]);
    r = feed(r, 'message_template_status_update', status(INVOICE, 'APPROVED', 'UNPAUSE'));
    expect(r.incident?.status).toBe('open');
    expect(active(r).map((c) => c.key)).toEqual(['signal-template-paused@order_ready/en_us']);
    r = feed(r, 'message_template_status_update', status(ORDER, 'APPROVED', 'UNPAUSE'));
    expect(r.incident?.status).toBe('resolved');
  });

  it("keeps one template's RED quality when another turns GREEN", () => {
    let r = healthy();
    r = feed(r, 'message_template_quality_update', quality(ORDER, 'GREEN', 'RED'));
    r = feed(r, 'message_template_quality_update', quality(INVOICE, 'GREEN', 'YELLOW'));
    r = feed(r, 'message_template_quality_update', quality(INVOICE, 'YELLOW', 'GREEN'));
    expect(active(r).map((c) => c.key)).toEqual(['signal-template-quality-red@order_ready/en_us']);
    expect(r.incident?.status).toBe('open');
  });

  it('matches a pause and its lift by name and language, whichever way the language is spelt or the id is missing', () => {
    let r = healthy();
    r = feed(r, 'message_template_status_update', status({ ...ORDER, message_template_language: 'en-US' }, 'PAUSED', 'FIRST_PAUSE'));
    expect(active(r).map((c) => c.key)).toEqual(['signal-template-paused@order_ready/en_us']);
    const { message_template_id: _id, ...withoutId } = ORDER;
    r = feed(r, 'message_template_status_update', status(withoutId, 'APPROVED', 'UNPAUSE'));
    expect(r.incident?.status).toBe('resolved');
  });

  it('ends a condition stored per template id (before name and language) on that template only', () => {
    const byId = (id: number): Observation => ({
      number: 'Support line',
      at: T0,
      state: 'degraded',
      findings: [{ entryId: 'signal-template-paused', code: 'PAUSED', severity: 'warning', key: `signal-template-paused@${id}` }],
      clears: [],
      summary: 'PAUSED',
      source: 'webhook',
    });
    let r = step(
      step(healthy(), { kind: 'observation', observation: byId(7001) }, T0),
      { kind: 'observation', observation: byId(7002) },
      T0,
    );
    r = feed(r, 'message_template_status_update', status(INVOICE, 'APPROVED', 'UNPAUSE'));
    expect(active(r).map((c) => c.key)).toEqual(['signal-template-paused@7001']);
  });

  it('clears a condition stored before templates had their own key when any template improves', () => {
    // A record of the earlier version: one shared condition for every paused template.
    const legacy: Observation = {
      number: 'Support line',
      at: T0,
      state: 'degraded',
      findings: [{ entryId: 'signal-template-paused', code: 'PAUSED', severity: 'warning', detail: 'order_ready (en_US)' }],
      clears: [],
      summary: 'PAUSED',
      source: 'webhook',
    };
    let r = step(healthy(), { kind: 'observation', observation: legacy }, T0);
    expect(active(r).map((c) => c.key)).toEqual(['signal-template-paused']);
    r = feed(r, 'message_template_status_update', status(INVOICE, 'APPROVED', 'UNPAUSE'));
    expect(r.incident?.status).toBe('resolved');
  });
});
