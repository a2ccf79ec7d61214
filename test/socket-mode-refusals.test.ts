import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { freePort, startBot } from './support/bot-process.js';
import { APP_TOKEN, BOT_TOKEN } from './support/slack-app.js';
import { type SocketBot, startSocketBot } from './support/socket-bot.js';

let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: SocketBot | undefined;

afterEach(async () => {
  await bot?.bot.stop();
  bot = undefined;
  await Promise.all([socket?.close(), slack?.close()]);
});

const start = async () => {
  [slack, socket] = await Promise.all([startFakeSlack(), startFakeSocketMode()]);
  slack.socketUrl = socket.url;
};
const opens = () => slack.callsTo('apps.connections.open').length;
/** A stack frame in the output: the operator should read one line, not a trace. */
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe('when Slack refuses apps.connections.open', { timeout: 60_000 }, () => {
  it('waits out three 429s (honouring Retry-After), says why on /readyz meanwhile, then connects and keeps running', async () => {
    await start();
    const limited = { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } };
    slack.script('apps.connections.open', limited, limited, limited);
    bot = await startSocketBot(slack, socket);
    const refused = await bot.ready();
    expect(refused.status).toBe(503);
    expect(refused.body.reasons?.join(' ')).toMatch(/rate-limiting apps\.connections\.open \(HTTP 429\)/);
    await socket.connection(1);
    expect(opens()).toBe(4);
    // Each try came no sooner than Retry-After said.
    const at = slack.callsTo('apps.connections.open').map((c) => c.at);
    for (let i = 1; i < at.length; i++) expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(1950);
    await expect.poll(async () => (await bot?.ready())?.status).toBe(200);
    expect(bot.bot.child.exitCode).toBeNull();
    expect(bot.bot.output()).not.toMatch(STACK);
  });

  it('retries through a 503 and a reset connection with backoff, never exiting', async () => {
    await start();
    slack.script('apps.connections.open', { status: 503, body: 'Service Unavailable' }, { reset: true });
    bot = await startSocketBot(slack, socket);
    await socket.connection(1);
    expect(opens()).toBe(3);
    expect(bot.bot.output()).toMatch(/apps\.connections\.open answered HTTP 503: trying again in \d+ s/);
    expect(bot.bot.output()).toMatch(/Slack could not be reached .*: trying again in \d+ s/);
    expect(bot.bot.child.exitCode).toBeNull();
  });

  it.each([
    ['invalid_auth', /Slack refused the app-level token \(invalid_auth\): check SLACK_APP_TOKEN/],
    ['not_allowed_token_type', /SLACK_APP_TOKEN is not an app-level token \(Slack answered not_allowed_token_type\)/],
  ])('names SLACK_APP_TOKEN, not the bot token, when the first open answers %s: one line, no trace, no retry', async (error, line) => {
    await start();
    slack.script('apps.connections.open', { body: { ok: false, error } });
    const port = await freePort();
    const child = startBot(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        STORE_URL: 'memory://refused',
      },
      process.cwd(),
    );
    if (child.child.exitCode === null) await once(child.child, 'exit');
    expect(child.child.exitCode).toBe(1);
    const out = child.output();
    expect(out).toMatch(line);
    expect(out).not.toMatch(/SLACK_BOT_TOKEN/);
    expect(out).not.toMatch(STACK);
    expect(out).not.toContain(APP_TOKEN);
    expect(opens()).toBe(1);
  });

  it('stops trying, without exiting, when the app token is refused while reconnecting; /readyz names SLACK_APP_TOKEN', async () => {
    await start();
    bot = await startSocketBot(slack, socket);
    const first = await socket.connection(1);
    slack.script('apps.connections.open', { body: { ok: false, error: 'token_revoked' } });
    await socket.drop(first);
    await bot.bot.waitFor(/Slack refused the app-level token \(token_revoked\): check SLACK_APP_TOKEN/);
    const { status, body } = await bot.ready();
    expect(status).toBe(503);
    expect(body.reasons?.join(' ')).toMatch(/SLACK_APP_TOKEN/);
    expect(opens()).toBe(2);
    expect(bot.bot.child.exitCode).toBeNull();
    expect(bot.bot.output()).not.toMatch(STACK);
  });
});
