import { describe, expect, it } from 'vitest';
import type { Finding, Observation } from '../src/core/observation.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, step } from '../src/core/engine.js';
import { nextDeadline } from '../src/core/deadline.js';
import type { PartnerChannel } from '../src/d360/partner-client.js';
import { changesOf } from '../src/monitor/partner.js';
import type { IncidentEvent } from '../src/core/events.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

const finding = (entryId: string, code: string, severity: Finding['severity'] = 'critical'): Finding => ({ entryId, code, severity });
const FINDINGS = {
  f401: finding('360dialog-401', '401'),
  f500: finding('360dialog-500', '500'),
  f502: finding('360dialog-502', '502'),
  f555: finding('360dialog-555', '555', 'warning'),
  f1014: finding('onprem-1014', '1014'),
  f402: finding('onprem-402', '402'),
};

function obs(at: number, findings: Finding[] = [], extra: Partial<Observation> = {}): Observation {
  return {
    number: 'Support line',
    at,
    state: findings.length === 0 ? 'healthy' : 'down',
    findings,
    summary: findings.length === 0 ? 'can send messages' : findings.map((f) => f.code).join(', '),
    keyFingerprint: 'key-a',
    source: 'poll',
    ...extra,
  };
}

/** What the notifier leaves behind once Slack took everything: an empty outbox and a card. */
const delivered = (r: NumberRecord): NumberRecord => ({
  ...r,
  outbox: [],
  ...(r.incident ? { incident: { ...r.incident, card: r.incident.card ?? { channel: 'C0INCIDENTS', ts: '1.000100' } } } : {}),
});

/** Feeds inputs to the engine in order, each at its own time, and returns every record along the way. */
function run(inputs: Array<[number, EngineInput]>, start: NumberRecord = emptyRecord('Support line')): NumberRecord {
  return inputs.reduce((record, [at, input]) => step(record, input, at), start);
}
const see = (at: number, ...findings: Finding[]): [number, EngineInput] => [at, { kind: 'observation', observation: obs(at, findings) }];
const tick = (at: number): [number, EngineInput] => [at, { kind: 'tick' }];
const kinds = (r: NumberRecord) =>
  r.outbox.map((i) => (i.effect.kind === 'reply' ? `reply:${i.effect.events.map((e) => e.kind).join('+')}` : i.effect.kind));
/** Every event queued for the thread, in order. */
const events = (r: NumberRecord): IncidentEvent[] => r.outbox.flatMap((i) => (i.effect.kind === 'reply' ? i.effect.events : []));

describe('the flap guard', () => {
  it('does not open an incident on one bad poll of an ambiguous condition', () => {
    const r = run([see(T0, FINDINGS.f500), see(T0 + 5 * MIN)]);
    expect(r.incident).toBeUndefined();
    expect(r.outbox).toEqual([]);
  });

  it('opens one incident after two consecutive bad polls, with one card', () => {
    const r = run([see(T0, FINDINGS.f500), see(T0 + 5 * MIN, FINDINGS.f500), see(T0 + 10 * MIN, FINDINGS.f500)]);
    expect(r.incident?.status).toBe('open');
    expect(r.outbox.filter((i) => i.effect.kind === 'post-card')).toHaveLength(1);
  });

  it.each([
    ['401', FINDINGS.f401],
    ['502', FINDINGS.f502],
    ['402', FINDINGS.f402],
  ])('opens at once on %s, which is certain on first sight', (_code, f) => {
    expect(run([see(T0, f)]).incident?.status).toBe('open');
  });

  it('adds a new condition to the open incident instead of opening a second one', () => {
    const r = run([see(T0, FINDINGS.f401), see(T0 + MIN, FINDINGS.f401, FINDINGS.f500)]);
    expect(r.incident?.conditions.map((c) => c.code)).toEqual(['401', '500']);
    expect(r.outbox.filter((i) => i.effect.kind === 'post-card')).toHaveLength(1);
    expect(kinds(r)).toContain('reply:condition-added');
    expect(events(r)).toContainEqual(
      expect.objectContaining({ kind: 'condition-added', conditions: [expect.objectContaining({ code: '500' })] }),
    );
  });

  it('resolves after two healthy polls, not one', () => {
    const once = run([see(T0, FINDINGS.f401), see(T0 + MIN)]);
    expect(once.incident?.status).toBe('open');
    const twice = run([see(T0 + 2 * MIN)], once);
    expect(twice.incident?.status).toBe('resolved');
    expect(twice.incident?.resolvedAt).toBe(T0 + 2 * MIN);
    expect(kinds(twice).slice(-2)).toEqual(['reply:recovered', 'timeline']);
  });

  it('reopens the same incident when it relapses within 30 minutes', () => {
    const resolved = run([see(T0, FINDINGS.f401), see(T0 + MIN), see(T0 + 2 * MIN)]);
    const relapsed = run([see(T0 + 20 * MIN, FINDINGS.f401)], resolved);
    expect(relapsed.incident?.id).toBe(resolved.incident?.id);
    expect(relapsed.incident?.status).toBe('open');
    expect(relapsed.incident?.relapses).toBe(1);
    expect(relapsed.outbox.filter((i) => i.effect.kind === 'post-card')).toHaveLength(1);
  });

  it('opens a new incident when it comes back after more than 30 minutes', () => {
    const resolved = run([see(T0, FINDINGS.f401), see(T0 + MIN), see(T0 + 2 * MIN)]);
    const later = run([see(T0 + 40 * MIN, FINDINGS.f401)], resolved);
    expect(later.incident?.id).not.toBe(resolved.incident?.id);
    expect(later.outbox.filter((i) => i.effect.kind === 'post-card')).toHaveLength(2);
  });

  it('opens on a blind spot only after two polls, like any ambiguous condition', () => {
    const blind = (at: number): [number, EngineInput] => [
      at,
      { kind: 'observation', observation: obs(at, [], { state: 'unknown', blindSpot: { kind: 'timeout', detail: 'no answer' } }) },
    ];
    expect(run([blind(T0)]).incident).toBeUndefined();
    expect(run([blind(T0), blind(T0 + MIN)]).incident?.conditions.map((c) => c.key)).toEqual(['blind:timeout']);
  });
});

describe('escalation rules from the catalog', () => {
  const episodes555 = (n: number, gap: number) =>
    Array.from({ length: n }, (_, i) => [see(T0 + i * gap, FINDINGS.f555), see(T0 + i * gap + 5 * MIN)]).flat();

  it('does not escalate 555 seen three times in 24 hours', () => {
    const r = run(episodes555(3, 4 * HOUR));
    expect(r.incident?.escalations ?? []).toEqual([]);
  });

  it('escalates 555 the fourth time in 24 hours, opening an incident to say so', () => {
    const r = run([...episodes555(3, 4 * HOUR), see(T0 + 13 * HOUR, FINDINGS.f555)]);
    expect(r.incident?.status).toBe('open');
    expect(r.incident?.escalations).toEqual([
      expect.objectContaining({
        code: '555',
        kind: 'repeats',
        count: 4,
        withinHours: 24,
        moreThan: 3,
        at: T0 + 13 * HOUR,
      }),
    ]);
    expect(
      r.outbox.some((i) => i.effect.kind === 'reply' && i.effect.broadcast && i.effect.events.some((e) => e.kind === 'escalated')),
    ).toBe(true);
  });

  it('does not count 555s older than 24 hours', () => {
    const r = run([...episodes555(3, 8 * HOUR), see(T0 + 26 * HOUR, FINDINGS.f555)]);
    expect(r.incident?.escalations ?? []).toEqual([]);
  });

  const offline = (minutes: number) => [...Array.from({ length: minutes + 1 }, (_, m) => see(T0 + m * MIN, FINDINGS.f1014))];

  it('does not escalate 1014 after 9 minutes offline', () => {
    const r = run([...offline(9), tick(T0 + 9 * MIN + 30_000)]);
    expect(r.incident?.status).toBe('open');
    expect(r.incident?.escalations).toEqual([]);
  });

  it('escalates 1014 not reconnected within 10 minutes (seen at 11)', () => {
    const r = run(offline(11));
    // Which rule, and the figures it fired on: the words are the views' (test/incident-words.test.ts).
    expect(r.incident?.escalations).toEqual([
      { conditionKey: expect.any(String), code: '1014', at: T0 + 11 * MIN, kind: 'persists', lastedMs: 11 * MIN, minutes: 10 },
    ]);
    expect(r.incident?.escalations[0]?.at).toBe(T0 + 11 * MIN);
  });

  it('escalates 1014 on a tick between polls once 10 minutes have passed', () => {
    const r = run([see(T0, FINDINGS.f1014), see(T0 + 5 * MIN, FINDINGS.f1014), tick(T0 + 10 * MIN + 1000)]);
    expect(r.incident?.escalations.map((e) => e.code)).toEqual(['1014']);
  });

  it('restarts the clock when 1014 clears in between', () => {
    const r = run([
      see(T0, FINDINGS.f1014),
      see(T0 + 5 * MIN, FINDINGS.f1014),
      see(T0 + 8 * MIN),
      see(T0 + 9 * MIN, FINDINGS.f1014),
      tick(T0 + 15 * MIN),
    ]);
    expect(r.incident?.escalations).toEqual([]);
  });

  it('escalates 500 lasting more than 10 minutes, not at 10', () => {
    const at10 = run([see(T0, FINDINGS.f500), see(T0 + 5 * MIN, FINDINGS.f500), see(T0 + 10 * MIN, FINDINGS.f500)]);
    expect(at10.incident?.escalations).toEqual([]);
    expect(run([tick(T0 + 11 * MIN)], at10).incident?.escalations.map((e) => e.code)).toEqual(['500']);
  });

  it('escalates 502 and 402 at once', () => {
    expect(run([see(T0, FINDINGS.f502)]).incident?.escalations.map((e) => e.code)).toEqual(['502']);
    expect(run([see(T0, FINDINGS.f402)]).incident?.escalations.map((e) => e.code)).toEqual(['402']);
  });

  it('escalates 401 only when it still fails after the key was changed', () => {
    const sameKey = run([see(T0, FINDINGS.f401), see(T0 + 5 * MIN, FINDINGS.f401), tick(T0 + 60 * MIN)]);
    expect(sameKey.incident?.escalations).toEqual([]);
    const newKey = run(
      [[T0 + 61 * MIN, { kind: 'observation', observation: obs(T0 + 61 * MIN, [FINDINGS.f401], { keyFingerprint: 'key-b' }) }]],
      sameKey,
    );
    expect(newKey.incident?.escalations.map((e) => [e.code, e.kind])).toEqual([['401', 'after-new-key']]);
    expect(JSON.stringify(newKey)).not.toMatch(/key-[ab]-secret/);
  });

  it('escalates each condition once per incident', () => {
    const r = run([see(T0, FINDINGS.f502), see(T0 + MIN, FINDINGS.f502), tick(T0 + 2 * MIN)]);
    expect(r.incident?.escalations).toHaveLength(1);
  });
});

describe('people on the incident', () => {
  it('reminds in the thread every hour until someone acknowledges', () => {
    // Each tick's output is delivered before the next, as the notifier would.
    const ticks = [30, 61, 90, 122].map((m) => T0 + m * MIN);
    const said: IncidentEvent[] = [];
    let open = run([see(T0, FINDINGS.f401)]);
    for (const at of ticks) {
      open = run([tick(at)], delivered(open));
      said.push(...events(open));
    }
    expect(said.filter((e) => e.kind === 'reminder')).toHaveLength(2);
    const acked = run([[T0 + 123 * MIN, { kind: 'acknowledge', by: 'U0ALICE' }], tick(T0 + 200 * MIN)], delivered(open));
    expect(acked.incident?.acknowledged).toEqual({ by: 'U0ALICE', at: T0 + 123 * MIN });
    expect(events(acked).map((e) => e.kind)).toEqual(['acknowledged']);
  });

  it('keeps the thread quiet while muted, but keeps tracking', () => {
    const muted = run([
      see(T0, FINDINGS.f401),
      [T0 + MIN, { kind: 'mute', by: 'U0BOB', forMs: HOUR }],
      see(T0 + 2 * MIN, FINDINGS.f401, FINDINGS.f500),
    ]);
    expect(events(muted)).toEqual([{ kind: 'muted', by: 'U0BOB', forMs: HOUR }]);
    expect(muted.incident?.conditions.map((c) => c.code)).toEqual(['401', '500']);
    const after = run([see(T0 + 62 * MIN, FINDINGS.f401, FINDINGS.f500, FINDINGS.f502)], muted);
    expect(events(after)).toContainEqual({ kind: 'condition-added', conditions: [expect.objectContaining({ code: '502' })] });
  });

  it('merges card edits while one is still waiting to be delivered', () => {
    const r = run([
      see(T0, FINDINGS.f401),
      see(T0 + MIN, FINDINGS.f401, FINDINGS.f500),
      see(T0 + 2 * MIN, FINDINGS.f401, FINDINGS.f500, FINDINGS.f502),
    ]);
    expect(r.outbox.filter((i) => i.effect.kind === 'post-card' || i.effect.kind === 'update-card')).toHaveLength(1);
  });
});

describe('what the review found', () => {
  it('refreshes the card of a long incident every 15 minutes, even with polls every 5', () => {
    const opened = delivered(run([see(T0, FINDINGS.f401)]));
    const later = run(
      [5, 10, 15, 20].map((m) => see(T0 + m * MIN, FINDINGS.f401)),
      opened,
    );
    expect(later.outbox.filter((i) => i.effect.kind === 'update-card')).toHaveLength(1);
  });

  it('redraws the card when a condition that had ended comes back while another kept the incident open', () => {
    const both = delivered(run([see(T0, FINDINGS.f401, FINDINGS.f502), see(T0 + MIN, FINDINGS.f401)]));
    expect(both.incident?.conditions.find((c) => c.code === '502')?.activeSince).toBeUndefined();
    const back = run([see(T0 + 2 * MIN, FINDINGS.f401, FINDINGS.f502)], both);
    expect(back.incident?.conditions.find((c) => c.code === '502')?.activeSince).toBeDefined();
    expect(kinds(back)).toContain('update-card');
  });

  it('ends a per-type restriction raised by webhook when the Partner API says the account is approved again', () => {
    const restricted: Finding = {
      entryId: 'signal-account-restricted',
      code: 'RESTRICTED_BIZ_INITIATED_MESSAGING',
      severity: 'critical',
      key: 'signal-account-restricted@RESTRICTED_BIZ_INITIATED_MESSAGING',
      subject: 'RESTRICTED_BIZ_INITIATED_MESSAGING',
    };
    const signal = (at: number, findings: Finding[], clears: string[]): [number, EngineInput] => [
      at,
      { kind: 'observation', observation: obs(at, findings, { source: 'webhook', clears }) },
    ];
    const open = delivered(run([signal(T0, [restricted], [])]));
    expect(open.incident?.status).toBe('open');
    const approved = changesOf(
      { id: 'c1', wabaStatus: 'account_restriction' } as PartnerChannel,
      { id: 'c1', wabaStatus: 'approved' } as PartnerChannel,
    ).clears;
    const after = run([signal(T0 + MIN, [], approved), see(T0 + 2 * MIN), see(T0 + 3 * MIN)], open);
    expect(after.incident?.conditions.every((c) => c.activeSince === undefined)).toBe(true);
    expect(after.incident?.status).toBe('resolved');
  });

  it('never reminds of a Partner API warning, nor gives it a deadline: a later listing ends it', () => {
    const warning = emptyRecord('partner-warning:1');
    warning.incident = {
      id: 'partner-warning:1#1',
      number: 'partner-warning:1',
      status: 'open',
      openedAt: T0,
      relapses: 0,
      escalations: [],
      conditions: [],
    };
    warning.incident.partner = { listedAt: T0, drops: [] };
    expect(nextDeadline(warning, DEFAULT_ENGINE_OPTIONS)).toBeUndefined();
    expect(run([tick(T0 + 5 * HOUR)], warning).outbox).toEqual([]);
  });

  it('ignores a poll answer older than one already applied (a pass that finished after a Re-check)', () => {
    const rechecked = run([see(T0, FINDINGS.f401), see(T0 + 10 * MIN), see(T0 + 11 * MIN)]);
    expect(rechecked.incident?.status).toBe('resolved');
    const stale = run([[T0 + 12 * MIN, { kind: 'observation', observation: obs(T0 + 9 * MIN, [FINDINGS.f502]) }]], rechecked);
    expect(stale.incident?.status).toBe('resolved');
    expect(stale.outbox).toEqual(rechecked.outbox);
  });

  it('hands upstream titles and details on as they came, for the view to escape', () => {
    const hostile: Finding = { entryId: 'webhook:999', code: '999', severity: 'critical', title: '<!channel> pay now', detail: '<x>' };
    const r = run([
      see(T0, FINDINGS.f401),
      [T0 + MIN, { kind: 'observation', observation: obs(T0 + MIN, [FINDINGS.f401], { source: 'webhook', findings: [hostile] }) }],
    ]);
    expect(events(r)).toContainEqual({
      kind: 'condition-added',
      conditions: [{ key: 'webhook:999', code: '999', title: '<!channel> pay now', detail: '<x>' }],
    });
  });

  it('drops a webhook condition nothing has confirmed for over an hour (its counts died with a restart) and resolves', () => {
    const webhook = (at: number): [number, EngineInput] => [
      at,
      {
        kind: 'observation',
        observation: obs(at, [], {
          source: 'webhook',
          state: 'degraded',
          findings: [{ entryId: 'cloud-131047', code: '131047', severity: 'warning', count: 25 }],
        }),
      },
    ];
    const open = run([see(T0), see(T0 + MIN), webhook(T0 + 2 * MIN), see(T0 + 5 * MIN), see(T0 + 10 * MIN)]);
    expect(open.incident?.status).toBe('open');
    expect(run([tick(T0 + 60 * MIN)], open).incident?.status).toBe('open');
    const expired = run([tick(T0 + 73 * MIN)], open);
    expect(expired.incident?.status).toBe('resolved');
    expect(expired.active).toEqual({});
  });

  it('keeps a replaced incident while effects for its card are still queued', () => {
    const resolved = run([see(T0, FINDINGS.f401), see(T0 + MIN), see(T0 + 2 * MIN)]);
    const next = run([see(T0 + 60 * MIN, FINDINGS.f401)], resolved);
    expect(next.previous?.id).toBe(resolved.incident?.id);
    expect(run([see(T0 + 60 * MIN, FINDINGS.f401)], delivered(resolved)).previous).toBeUndefined();
  });
});

describe('a wall clock that steps', () => {
  const jump = (at: number, byMs: number): [number, EngineInput] => [at, { kind: 'clock-jump', byMs }];

  it('does not escalate a 2-minute 500 because the clock jumped an hour forward', () => {
    const seen = run([see(T0, FINDINGS.f500), see(T0 + MIN, FINDINGS.f500), see(T0 + 2 * MIN, FINDINGS.f500)]);
    const jumped = run([jump(T0 + 2 * MIN + HOUR, HOUR), tick(T0 + 3 * MIN + HOUR)], seen);
    expect(jumped.incident?.escalations).toEqual([]);
    const later = run([see(T0 + 12 * MIN + HOUR, FINDINGS.f500), tick(T0 + 12 * MIN + HOUR)], jumped);
    expect(later.incident?.escalations).toEqual([expect.objectContaining({ code: '500' })]);
  });

  it('keeps applying answers after the clock stepped an hour back', () => {
    const open = run([see(T0, FINDINGS.f401), see(T0 + 5 * MIN, FINDINGS.f401)]);
    const back = T0 + 6 * MIN - HOUR;
    // Without the step being known, answers stamped before the last one are taken for late ones.
    expect(run([see(back), see(back + MIN)], open).incident?.status).toBe('open');
    const resolved = run([jump(back, -HOUR), see(back), see(back + MIN)], open);
    expect(resolved.incident?.status).toBe('resolved');
  });
});
