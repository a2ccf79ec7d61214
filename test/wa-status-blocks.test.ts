import { describe, expect, it } from 'vitest';
import type { WaNumber } from '../src/config/numbers.js';
import { emptyRecord, type Incident, type NumberRecord } from '../src/core/records.js';
import { buildFleetSnapshot, createFleetReader } from '../src/monitor/fleet.js';
import { statusAnswer } from '../src/slack/commands/wa-status.js';
import { dashboard } from '../src/slack/views/status-blocks.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { Secret } from '../src/config/secret.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

const NOW = Date.UTC(2026, 10, 30, 12);
const number = (name: string, phone?: string): WaNumber => ({
  name,
  ...(phone ? { phone } : {}),
  api: 'cloud',
  apiKeyEnv: 'K',
  apiKey: new Secret('k'),
  baseUrl: 'https://example.invalid',
});

function incident(name: string, i: number, extra: Partial<Incident> = {}): Incident {
  return {
    id: `${name}#${i}`,
    number: name,
    status: 'open',
    openedAt: NOW - 60_000 * (i + 1),
    relapses: 0,
    conditions: [{ key: 'x', code: '401', title: 'Invalid key', severity: 'critical', firstSeen: NOW, lastSeen: NOW, count: 2 }],
    escalations: [],
    card: { channel: 'C0INCIDENTS', ts: `1700000000.${String(i).padStart(6, '0')}` },
    ...extra,
  };
}

async function fleetOf(size: number, open: number, muted: number, hostile = false) {
  const records = createRecordStore<NumberRecord>(await createStore('memory://status'), 'number');
  const numbers: WaNumber[] = [];
  for (let i = 0; i < size; i++) {
    const name = hostile && i === 0 ? '<!channel> *bold* & <https://evil.example|x>' : `Number ${String(i).padStart(5, '0')}`;
    numbers.push(number(name, `+49 30 ${1_000_000 + i}`));
    const record: NumberRecord = { ...emptyRecord(name), lastPolledAt: NOW - 30_000 };
    if (i < open) record.incident = incident(name, i);
    else if (i < open + muted) record.incident = incident(name, i, { mutedUntil: NOW + 3_600_000, mutedBy: 'U0OPS' });
    await records.update(name, () => record);
  }
  return { numbers, records };
}

describe('/wa-status answers', () => {
  it('shows 10,000 numbers within Block Kit limits, open incidents first with links to their cards', async () => {
    const { numbers, records } = await fleetOf(10_000, 120, 40);
    const snapshot = await buildFleetSnapshot(numbers, records, NOW);
    expect(snapshot.counts).toEqual({ open: 120, acknowledged: 0, muted: 40, healthy: 9_840, unchecked: 0 });
    const message = dashboard(snapshot);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = visibleText(message);
    expect(text).toContain('120 open');
    expect(text).toContain('https://slack.com/archives/C0INCIDENTS/p1700000000000000');
    expect(text).toMatch(/more/);
    expect(text).toContain('last check 30 s ago');
    // The oldest incident comes first.
    expect(text.indexOf('Number 00119')).toBeLessThan(text.indexOf('Number 00000'));
    expect(dashboard(snapshot, { maxBlocks: 100 }).blocks.length).toBeLessThanOrEqual(100);
  });

  it('names every one of 10,000 numbers across /wa-status page 2, 3 …, each page within Block Kit limits', async () => {
    const { numbers, records } = await fleetOf(10_000, 120, 40);
    const snapshot = await buildFleetSnapshot(numbers, records, NOW);
    const first = statusAnswer(snapshot, '');
    const offer = /`\/wa-status page 2` \(of (\d+)\)/.exec(visibleText(first));
    expect(offer).not.toBeNull();
    const total = Number(offer?.[1]);
    let seen = visibleText(first);
    for (let page = 2; page <= total; page++) {
      const answer = statusAnswer(snapshot, `page ${page}`);
      expect(blockKitProblems(answer)).toEqual([]);
      expect(answer.text).toContain(`page ${page} of ${total}`);
      seen += visibleText(answer);
    }
    for (const n of numbers) expect(seen).toContain(n.name);
    // Past the last page: the last page again, not an empty one.
    expect(statusAnswer(snapshot, 'page 99').text).toContain(`page ${total} of ${total}`);
  });

  it('names every number of a small fleet, and says who muted what until when', async () => {
    const { numbers, records } = await fleetOf(30, 2, 1);
    const message = dashboard(await buildFleetSnapshot(numbers, records, NOW));
    expect(blockKitProblems(message)).toEqual([]);
    const text = visibleText(message);
    for (const n of numbers) expect(text).toContain(n.name);
    expect(text).toMatch(/Number 00002.*until.*by <@U0OPS>/);
  });

  it('finds one number by name or phone and shows it in detail', async () => {
    const { numbers, records } = await fleetOf(5, 1, 0);
    const snapshot = await buildFleetSnapshot(numbers, records, NOW);
    for (const query of ['number 00000', '+49 30 1000000', '49301000000']) {
      const message = statusAnswer(snapshot, query);
      expect(blockKitProblems(message)).toEqual([]);
      expect(visibleText(message)).toMatch(/Number 00000[\s\S]*Open conditions[\s\S]*401[\s\S]*Recent history[\s\S]*opened/);
    }
    expect(visibleText(statusAnswer(snapshot, 'nobody'))).toMatch(/No watched number is called nobody/);
  });

  it("shows a long-escalated number's latest cases and still its later history", async () => {
    const records = createRecordStore<NumberRecord>(await createStore('memory://status-cases'), 'number');
    const name = 'Number 00000';
    const ticket = 'a long ticket reference pasted whole from the support portal '.repeat(3);
    const supportCases = Array.from({ length: 30 }, (_, i) => ({ at: NOW - i, by: 'U0ALICE', ticket, priority: false, ref: `V${i}` }));
    const record: NumberRecord = {
      ...emptyRecord(name),
      lastPolledAt: NOW - 30_000,
      incident: incident(name, 0, { supportCases, acknowledged: { by: 'U0ACK', at: NOW - 1000 } }),
    };
    await records.update(name, () => record);
    const text = visibleText(statusAnswer(await buildFleetSnapshot([number(name, '+49 30 1000000')], records, NOW), name));
    expect(text).toContain('acknowledged by <@U0ACK>');
    expect(text).toContain('and 25 earlier case(s)');
    expect(text.match(/• escalated by <@U0ALICE>/g)).toHaveLength(5);
  });

  it('escapes names and queries: nobody can make it ping the channel', async () => {
    const { numbers, records } = await fleetOf(3, 1, 0, true);
    const snapshot = await buildFleetSnapshot(numbers, records, NOW);
    for (const message of [dashboard(snapshot), statusAnswer(snapshot, numbers[0]?.name ?? ''), statusAnswer(snapshot, '<!here>')]) {
      expect(blockKitProblems(message)).toEqual([]);
      expect(JSON.stringify(message)).not.toMatch(/<!channel>|<!here>|<https:\/\/evil/);
    }
  });

  it('reads the store once for a burst of asks', async () => {
    const { numbers, records } = await fleetOf(3, 0, 0);
    let scans = 0;
    const counting = {
      ...records,
      entries: () => {
        scans += 1;
        return records.entries();
      },
    };
    let now = NOW;
    const read = createFleetReader(numbers, counting, () => now, 5_000);
    await Promise.all([read(), read(), read()]);
    expect(scans).toBe(1);
    now += 6_000;
    await read();
    expect(scans).toBe(2);
  });
});
