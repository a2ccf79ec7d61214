import parsePrometheusTextFormat, { type Family } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
let families: Map<string, Family>;
let text: string;
const KEY = 'metrics-key-0123456789';

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  // A 401 opens an incident on one sight: after one pass there is a critical, open incident and a card.
  d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  const numbersYaml = `numbers:\n  - name: Main line\n    api: cloud\n    apiKeyEnv: D360_KEY_MAIN\n    baseUrl: ${d360.url}\n`;
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_MAIN: KEY }, channelIntervalMs: 20 });
  await bot.bot.monitor.runPass();
  await until(() => slack.cards().length === 1);
  const res = await fetch(`${bot.url}/metrics`);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  text = await res.text();
  families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
});

const samples = (name: string) => families.get(name)?.metrics ?? [];
const sampleValue = (name: string, labels: Record<string, string> = {}) =>
  Number(samples(name).find((s) => Object.entries(labels).every(([k, v]) => s.labels?.[k] === v))?.value);

describe('GET /metrics after a real pass, read by a Prometheus text-format parser', () => {
  it('serves the default process metrics of this bot', () => {
    expect(families.get('process_cpu_user_seconds_total')?.type).toBe('COUNTER');
    expect(families.get('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
  });

  it('counts polls by the state they found and times the health call in seconds', () => {
    expect(sampleValue('wa_health_polls_total', { state: 'down' })).toBe(1);
    const latency = families.get('wa_health_d360_request_duration_seconds');
    expect(latency?.type).toBe('HISTOGRAM');
    // This parser folds a labelled histogram's buckets into one sample and leaves _count and _sum out:
    // the +Inf bucket is the count by definition, and the raw text must carry the sum.
    expect(latency?.metrics[0]?.buckets?.['+Inf']).toBe('1');
    expect(text).toMatch(/^wa_health_d360_request_duration_seconds_sum\{api="cloud"\} \d/m);
    expect(text).toMatch(/^wa_health_d360_request_duration_seconds_count\{api="cloud"\} 1$/m);
  });

  it('reports the pass: its duration and the numbers by state', () => {
    expect(families.get('wa_health_pass_duration_seconds')?.type).toBe('GAUGE');
    expect(sampleValue('wa_health_pass_duration_seconds')).toBeGreaterThan(0);
    expect(sampleValue('wa_health_pass_numbers', { state: 'down' })).toBe(1);
  });

  it('shows open incidents by severity and state, and the outbox, read at scrape time', () => {
    expect(sampleValue('wa_health_open_incidents', { severity: 'critical', state: 'open' })).toBe(1);
    expect(samples('wa_health_outbox_items')).toHaveLength(1);
    expect(sampleValue('wa_health_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts Slack calls by method and outcome', () => {
    expect(sampleValue('wa_health_slack_calls_total', { method: 'chat.postMessage', effect: 'post-card', outcome: 'sent' })).toBe(1);
  });

  it('names every family of ours by convention: counters end in _total, no family is untyped', () => {
    const ours = [...families.values()].filter((f) => f.name.startsWith('wa_health_'));
    expect(ours.length).toBeGreaterThan(8);
    for (const f of ours) {
      expect(f.type, f.name).not.toBe('UNTYPED');
      expect(f.name.endsWith('_total'), f.name).toBe(f.type === 'COUNTER');
    }
  });
});
