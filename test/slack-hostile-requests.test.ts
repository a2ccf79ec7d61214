import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../src/bot.js';
import { readStartConfig } from '../src/config/config.js';
import { BotError } from '../src/errors.js';
import type { Monitor } from '../src/monitor/service.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { commandForm, interactionForm, postSigned } from './fakes/slack-signer.js';
import { idleMonitor } from './support/monitor.js';
import { testNumber } from './support/numbers.js';
import { BOT_TOKEN, type RunningApp, SIGNING_SECRET, startApp } from './support/slack-app.js';

let slack: FakeSlack;
let app: RunningApp;

/** A real monitor whose Acknowledge fails as a broken store would make it. */
async function brokenMonitor(): Promise<Monitor> {
  const monitor = await idleMonitor();
  return {
    ...monitor,
    acknowledge: async () => {
      throw new Error('SQLITE_IOERR: disk I/O error');
    },
  };
}

beforeAll(async () => {
  slack = await startFakeSlack();
  const numbers = [testNumber('hostile-key-0123456789', 'http://127.0.0.1:1', 'cloud', 'Any line')];
  app = await startApp(slack, { deps: { monitor: await brokenMonitor(), numbers } });
});
afterAll(async () => {
  await app.stop();
  await slack.close();
});

const waError = (text: string) => commandForm({ command: '/wa-error', text, responseUrl: slack.responseUrl(`cmd-${text}`) });

describe('hostile Slack requests', () => {
  it.each([
    ['payload=null', 'null'],
    ['payload=%5B%5D', 'an array'],
    ['payload=%22x%22', 'a string'],
    ['payload=%7B%7D', 'an object without a type'],
    ['team_id=T1&user_id=U1', 'a form that is no command'],
  ])('answers a correctly signed %s (%s) with 400 and a warning, and keeps serving', async (body) => {
    const res = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, body);
    expect(res.status).toBe(400);
    expect(app.logs.join('\n')).toMatch(/WARN .*refused a malformed Slack request/);
    const next = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, waError('2001'));
    expect(next.status).toBe(200);
  });

  it.each([
    [10 * 60, '10 minutes'],
    [365 * 24 * 3600, 'a year'],
  ])('refuses a request stamped %i s (%s) in the future like a stale one, with no side effect', async (ahead) => {
    const before = slack.calls.length;
    const res = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, waError('131047'), {
      timestamp: Math.floor(Date.now() / 1000) + ahead,
    });
    expect(res.status).toBe(401);
    expect(slack.calls.length).toBe(before);
  });

  it('still accepts a request stamped a little ahead (clocks drift)', async () => {
    const res = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, waError('470'), {
      timestamp: Math.floor(Date.now() / 1000) + 60,
    });
    expect(res.status).toBe(200);
  });
});

describe('a listener that fails', () => {
  it('tells the person who clicked, privately, with a reference id the log carries too', async () => {
    const body = interactionForm({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', team_id: 'T0FAKE' },
      api_app_id: 'A0FAKE',
      container: { type: 'message', message_ts: '1.1', channel_id: 'C0INCIDENTS', is_ephemeral: false },
      channel: { id: 'C0INCIDENTS', name: 'wa-incidents' },
      trigger_id: '1.2.3',
      response_url: slack.responseUrl('ack-fails'),
      actions: [{ type: 'button', action_id: 'incident_ack', block_id: 'incident_actions', value: 'Any line', action_ts: '1.2' }],
    });
    // The button names a number the app knows, so the handler reaches the failing store.
    const res = await postSigned(`${app.url}/slack/events`, SIGNING_SECRET, body);
    expect(res.status).toBe(200);
    await expect.poll(() => slack.responses('ack-fails')).toHaveLength(1);
    const answer = slack.responses('ack-fails')[0] as { response_type: string; text: string };
    expect(answer.response_type).toBe('ephemeral');
    const reference = /reference `([0-9a-f]{8})`/.exec(answer.text)?.[1];
    expect(reference).toBeDefined();
    expect(app.logs.join('\n')).toMatch(new RegExp(`ERROR .*reference ${reference}.*SQLITE_IOERR`));
  });
});

describe('start-up failures say what failed', () => {
  const configFor = (env: Record<string, string>) =>
    readStartConfig(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
        STORE_URL: 'memory://x',
        ...env,
      },
      { readFile: () => undefined },
    );
  const quiet = createLogger({ level: 'error', write: () => {} });
  const startError = async (env: Record<string, string>) => {
    const bot = await createBot(configFor(env), { logger: quiet });
    return bot.start().then(
      () => bot.stop().then(() => undefined),
      (error: unknown) => error as BotError,
    );
  };

  it('names a port already in use', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const port = (taken.address() as { port: number }).port;
    const error = await startError({ SLACK_API_URL: slack.apiUrl, PORT: String(port) });
    taken.close();
    expect(error).toBeInstanceOf(BotError);
    expect(error?.code).toBe('SLACK_START_PORT_IN_USE');
    expect(error?.message).toMatch(new RegExp(`port ${port} is already in use`));
  });

  it('names a token Slack refused', async () => {
    slack.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const error = await startError({ SLACK_API_URL: slack.apiUrl, PORT: '0' });
    expect(error?.code).toBe('SLACK_START_TOKEN_REFUSED');
    expect(error?.message).toMatch(/Slack refused the bot token \(invalid_auth\)/);
  });

  it('names a Slack it could not reach', async () => {
    const error = await startError({ SLACK_API_URL: 'http://127.0.0.1:1/api/', PORT: '0' });
    expect(error?.code).toBe('SLACK_START_UNREACHABLE');
    expect(error?.message).toMatch(/Slack could not be reached/);
  }, 30_000);
});
