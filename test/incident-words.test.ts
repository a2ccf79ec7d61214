import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryById } from '../src/catalog/index.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, step } from '../src/core/engine.js';
import type { IncidentEvent } from '../src/core/events.js';
import type { Finding, Observation } from '../src/core/observation.js';
import { emptyRecord, type FiredEscalation, isNumberRecord, type NumberRecord } from '../src/core/records.js';
import { fleetEntry } from '../src/monitor/fleet.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { incidentBlocks } from '../src/slack/views/incident-blocks.js';
import { conditionTitle, escalationReason } from '../src/slack/views/incident-words.js';
import { reminderDigestText } from '../src/slack/views/reminder-digest.js';
import { numberDetail } from '../src/slack/views/status-blocks.js';
import { ticketText } from '../src/slack/views/support-ticket.js';
import { threadReplyText } from '../src/slack/views/thread-reply.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { testNumber } from './support/numbers.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 12, 9, 0, 0);
const NUMBER = testNumber('unused-key', 'https://example.invalid', 'cloud', 'Line');

const base = { conditionKey: 'x', code: '1014', at: T0 };

describe('escalations in words', () => {
  it('says why each kind of rule fired, with its figures', () => {
    const e502 = entryById('360dialog-502');
    const why = e502?.escalation.verdict === 'now' ? e502.escalation.why : 'missing';
    expect(escalationReason({ ...base, conditionKey: '360dialog-502', code: '502', kind: 'at-once' })).toBe(`502 ${e502?.title}: ${why}`);
    expect(escalationReason({ ...base, kind: 'persists', lastedMs: 11 * MIN + 59_000, minutes: 10 })).toBe(
      '1014 has lasted 11 minutes (the rule: more than 10)',
    );
    expect(escalationReason({ ...base, code: '555', kind: 'repeats', count: 4, withinHours: 24, moreThan: 3 })).toBe(
      '555 seen 4 times in 24 hours (the rule: more than 3)',
    );
    expect(escalationReason({ ...base, code: '401', kind: 'after-new-key' })).toBe('401 still fails after the API key was changed');
  });

  it('still names what fired when the catalog no longer has the entry', () => {
    expect(escalationReason({ ...base, conditionKey: 'gone-entry', code: '999', kind: 'at-once' })).toBe(
      '999: the catalog says to contact 360dialog support at once',
    );
  });

  it('words a rule fired by the engine on the card, in the thread and in the ticket', () => {
    const f1014: Finding = { entryId: 'onprem-1014', code: '1014', severity: 'critical' };
    let record = emptyRecord('Line');
    for (let m = 0; m <= 11; m += 1) record = step(record, observe(T0 + m * MIN, [f1014]), T0 + m * MIN, DEFAULT_ENGINE_OPTIONS);
    const words = '1014 has lasted 11 minutes (the rule: more than 10)';
    const incident = record.incident;
    if (!incident) throw new Error('no incident opened');
    expect(visibleText(incidentBlocks({ incident, number: NUMBER, now: T0 + 11 * MIN }))).toContain(words);
    expect(ticketText({ incident, number: NUMBER, now: T0 + 11 * MIN })).toContain(words);
    const escalated = queuedEvents(record).filter((e) => e.kind === 'escalated');
    expect(threadReplyText(escalated)).toBe(`:rotating_light: *Escalate to 360dialog support now.* ${words}.`);
    // The record keeps figures, no sentence: rewording is a change to the view alone.
    expect(JSON.stringify(record)).not.toContain('has lasted');
  });
});

describe('blind spots in words', () => {
  it('stores a blind spot by its kind and draws its title from the kind', () => {
    const blind = (at: number): EngineInput => {
      const silent: Observation = { ...observe(at, []).observation, state: 'unknown', blindSpot: { kind: 'dns', detail: 'ENOTFOUND' } };
      return { kind: 'observation', observation: silent };
    };
    const record = step(step(emptyRecord('Line'), blind(T0), T0), blind(T0 + MIN), T0 + MIN);
    const condition = record.incident?.conditions[0];
    expect(condition).toMatchObject({ key: 'blind:dns', code: 'dns' });
    expect(condition?.title).toBeUndefined();
    const incident = record.incident;
    if (!incident) throw new Error('no incident opened');
    const card = incidentBlocks({ incident, number: NUMBER, now: T0 + MIN });
    expect(card.text).toContain("No answer from 360dialog (the host name doesn't resolve)");
    const named = incident.conditions.map((c) => ({ key: c.key, code: c.code }));
    const digest = reminderDigestText([{ incidentId: incident.id, number: 'Line', openForMs: 60 * MIN, conditions: named }]);
    expect(digest).toContain("dns No answer from 360dialog (the host name doesn't resolve)");
  });

  it('titles a condition by its stored title, its catalog entry, or as undocumented', () => {
    expect(conditionTitle({ key: 'webhook:999', code: '999', title: 'From upstream' })).toBe('From upstream');
    expect(conditionTitle({ key: 'onprem-1014', code: '1014' })).toBe(entryById('onprem-1014')?.title);
    expect(conditionTitle({ key: 'nowhere', code: '777' })).toBe('Undocumented code 777');
    // A kind a later version added: whatever that version stored.
    expect(conditionTitle({ key: 'blind:future-kind', code: 'future-kind', title: 'Later words' })).toBe('Later words');
  });
});

/**
 * A record as the previous version wrote it: escalations as sentences (`rule`, `reason`), a blind
 * spot's title as a sentence, and a thread reply queued with an escalation reason and named conditions
 * without keys. Hand-written JSON, stored raw, the way an upgrade finds it.
 */
const OLD_RECORD = `{
  "number": "Line", "badStreak": 14, "goodStreak": 0, "nextSeq": 4, "keyFingerprint": "fp-a",
  "episodes": { "360dialog-500": { "starts": [${T0}] }, "blind:timeout": { "starts": [${T0}] } },
  "active": { "360dialog-500": { "since": ${T0}, "seenAt": ${T0 + 12 * MIN} },
              "blind:timeout": { "since": ${T0}, "seenAt": ${T0 + 12 * MIN} } },
  "lastPolledAt": ${T0 + 12 * MIN},
  "incident": {
    "id": "Line#${T0}", "number": "Line", "status": "open", "openedAt": ${T0}, "relapses": 0,
    "lastCardAt": ${T0 + 12 * MIN},
    "card": { "channel": "C0ALERTS", "ts": "1768208400.000100" },
    "conditions": [
      { "key": "360dialog-500", "code": "500", "title": "Internal server error", "severity": "critical", "source": "poll",
        "firstSeen": ${T0}, "lastSeen": ${T0 + 12 * MIN}, "count": 13, "activeSince": ${T0} },
      { "key": "blind:timeout", "code": "timeout", "title": "No answer from 360dialog (old words, timed out)", "severity": "warning",
        "source": "poll", "firstSeen": ${T0}, "lastSeen": ${T0 + 12 * MIN}, "count": 13, "activeSince": ${T0},
        "lastDetail": "no answer from 360dialog: timeout" }
    ],
    "escalations": [
      { "conditionKey": "360dialog-500", "code": "500", "rule": "lasts more than 10 minutes",
        "reason": "500 has lasted 11 minutes (the rule: more than 10)", "at": ${T0 + 11 * MIN} }
    ]
  },
  "outbox": [
    { "seq": 3, "incidentId": "Line#${T0}", "createdAt": ${T0 + 11 * MIN}, "attempts": 0,
      "effect": { "kind": "reply", "broadcast": true, "events": [
        { "kind": "escalated", "reason": "500 has lasted 11 minutes (the rule: more than 10)" },
        { "kind": "reminder", "openForMs": ${60 * MIN},
          "conditions": [{ "code": "timeout", "title": "No answer from 360dialog (timed out)" }] }
      ] } }
  ]
}`;

describe('a record stored by the previous version', () => {
  let dir: string;
  let kv: KeyValueStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wa-old-record-'));
    kv = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
  });
  afterEach(async () => {
    await kv.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads, steps and renders: the old sentences as written, the blind spot in its kind’s words', async () => {
    await kv.set('number:Line', JSON.parse(OLD_RECORD));
    const records = createRecordStore<NumberRecord>(kv, 'number');
    const stored = await records.get('Line');
    expect(isNumberRecord(stored)).toBe(true);
    const reason = '500 has lasted 11 minutes (the rule: more than 10)';
    // Events queued by the old version: the reason as written, a named condition without a key by its stored title.
    expect(replyTexts(stored)).toEqual([
      `:rotating_light: *Escalate to 360dialog support now.* ${reason}.\n` +
        'Still open after 1 h and not acknowledged: No answer from 360dialog (timed out).',
    ]);

    // The engine takes it as it is: the old escalation counts as fired (not fired again), the new reminder replaces the old.
    const after = await records.update('Line', (current) => step(current as NumberRecord, { kind: 'tick' }, T0 + 61 * MIN));
    const incident = after?.incident;
    if (!incident) throw new Error('the incident was lost');
    expect(incident.escalations).toHaveLength(1);
    expect(replyTexts(after)).toEqual([
      `:rotating_light: *Escalate to 360dialog support now.* ${reason}.\n` +
        'Still open after 1 h 1 min and not acknowledged: 500 Internal server error, No answer from 360dialog (timed out).',
    ]);

    const card = incidentBlocks({ incident, number: NUMBER, now: T0 + 61 * MIN });
    expect(blockKitProblems(card)).toEqual([]);
    const text = visibleText(card);
    expect(text).toContain(reason);
    expect(text).toContain('No answer from 360dialog (timed out)');
    expect(text).not.toContain('old words');
    expect(ticketText({ incident, number: NUMBER, now: T0 + 61 * MIN })).toContain(reason);
    expect(visibleText(numberDetail(fleetEntry(NUMBER, after, T0 + 61 * MIN), T0 + 61 * MIN))).toContain(`escalated: ${reason}`);
  });
});

function observe(at: number, findings: Finding[]): EngineInput & { kind: 'observation' } {
  const state = findings.length > 0 ? 'down' : 'healthy';
  return { kind: 'observation', observation: { number: 'Line', at, state, findings, summary: state, source: 'poll' } };
}

function replyTexts(record: NumberRecord | undefined): string[] {
  return (record?.outbox ?? []).flatMap((i) => (i.effect.kind === 'reply' ? [threadReplyText(i.effect.events)] : []));
}

function queuedEvents(record: NumberRecord | undefined): IncidentEvent[] {
  return (record?.outbox ?? []).flatMap((i) => (i.effect.kind === 'reply' ? i.effect.events : []));
}

// The type still admits the old shape: a stored record need not be upgraded to be shown.
const legacy: FiredEscalation = { conditionKey: 'k', code: '500', at: 0, rule: 'lasts more than 10 minutes', reason: 'r' };
void legacy;
