import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHeartbeat } from '../src/telemetry/heartbeat.js';
import { createLogger } from '../src/telemetry/log.js';
import { HEALTHY_CLOUD, type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { freePort } from './support/bot-process.js';
import { startTestBot, type TestBot } from './support/bot.js';

/** A dead-man's switch on loopback: records each ping, answers with `status`. */
interface FakeSwitch {
  readonly url: string;
  readonly pings: Array<{ method: string; path: string }>;
  status: number;
  close(): Promise<void>;
}

async function startFakeSwitch(): Promise<FakeSwitch> {
  const pings: FakeSwitch['pings'] = [];
  const fake = { pings, status: 200 } as { pings: FakeSwitch['pings']; status: number };
  const server: Server = createServer((req, res) => {
    pings.push({ method: req.method ?? '', path: req.url ?? '' });
    res.writeHead(fake.status).end('OK');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/ping/check-uuid-secret`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

let slack: FakeSlack;
let d360: FakeD360;
let ping: FakeSwitch;
let bot: TestBot;
const KEY = 'heartbeat-key-0123456789';

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  ping = await startFakeSwitch();
  d360.script(KEY, { status: 200, json: HEALTHY_CLOUD });
  const numbersYaml = `numbers:\n  - name: Main line\n    api: cloud\n    apiKeyEnv: D360_KEY_MAIN\n    baseUrl: ${d360.url}\n`;
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_MAIN: KEY, HEARTBEAT_URL: ping.url } });
});
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
  await ping?.close();
});

describe('HEARTBEAT_URL', () => {
  it('is requested with a GET after every completed pass', async () => {
    expect(ping.pings).toEqual([]);
    await bot.bot.runPass();
    expect(ping.pings).toEqual([{ method: 'GET', path: '/ping/check-uuid-secret' }]);
    await bot.bot.runPass();
    expect(ping.pings).toHaveLength(2);
  });

  it('logs a failure once per change and never throws; the URL stays out of the log', async () => {
    ping.status = 500;
    await bot.bot.runPass();
    await bot.bot.runPass();
    ping.status = 200;
    await bot.bot.runPass();
    const said = bot.logs.filter((l) => l.includes('[wa-health-bot:heartbeat]'));
    expect(said).toEqual([expect.stringMatching(/WARN .*heartbeat failed \(HTTP 500\)/), expect.stringMatching(/INFO .*answers again/)]);
    expect(bot.logs.join('\n')).not.toContain('check-uuid-secret');
  });

  it('gives up on an endpoint nobody listens at without throwing', async () => {
    const lines: string[] = [];
    const heartbeat = createHeartbeat({
      url: `http://127.0.0.1:${await freePort()}/`,
      logger: createLogger({ write: (l) => lines.push(l) }),
    });
    await expect(heartbeat.beat()).resolves.toBeUndefined();
    await heartbeat.beat();
    expect(lines).toEqual([expect.stringMatching(/heartbeat failed \(ECONNREFUSED\)/)]);
  });
});
