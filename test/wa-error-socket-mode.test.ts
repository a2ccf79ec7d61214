import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { createLogger } from '../src/telemetry/log.js';
import type { WebhookEvent } from '../src/webhooks/parse.js';
import { webhookRoute } from '../src/webhooks/receiver.js';
import { freePort } from './support/bot-process.js';
import { APP_TOKEN, type RunningApp, startApp } from './support/slack-app.js';
import { commandPayload } from './support/socket-bot.js';

let fake: FakeSlack;
let socket: FakeSocketMode;
let bot: RunningApp;
let port: number;
const received: WebhookEvent[][] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  fake.socketUrl = socket.url;
  port = await freePort();
  const route = webhookRoute({
    secret: 'socket-webhook-secret',
    logger: createLogger({ write: () => {} }),
    onEvents: (events) => received.push(events),
  });
  bot = await startApp(fake, { socket: true, port, routes: [route] });
  await socket.connected();
});
afterAll(async () => {
  await bot.stop();
  await socket.close();
  await fake.close();
});

it('opens the socket with the app-level token and answers /wa-error in the ack', async () => {
  expect(fake.callsTo('apps.connections.open')[0]?.authorization).toBe(`Bearer ${APP_TOKEN}`);
  const ack = await socket.send('slash_commands', {
    token: 'deprecated',
    team_id: 'T0FAKE',
    channel_id: 'C0INCIDENTS',
    user_id: 'U0OPERATOR',
    command: '/wa-error',
    text: '2001',
    api_app_id: 'A0FAKE',
    response_url: fake.responseUrl('socket'),
    trigger_id: '1.2.3',
  });
  expect(ack.payload?.response_type).toBe('ephemeral');
  expect(blockKitProblems(ack.payload)).toEqual([]);
  expect(visibleText(ack.payload)).toMatch(/^2001 /m);
  expect(visibleText(ack.payload)).toMatch(/132001/);
});

it('reads a command text Slack sent as a JSON number as those digits, instead of throwing', async () => {
  const ack = await socket.send('slash_commands', commandPayload('/wa-error', 131047, fake.responseUrl('number')));
  expect(ack.payload?.response_type).toBe('ephemeral');
  expect(visibleText(ack.payload)).toMatch(/^131047 /m);
  expect(bot.logs.join('\n')).not.toMatch(/slice is not a function/);
});

it.each([
  ['null', null],
  ['an array', [1, 2]],
  ['a string', 'x'],
])('acknowledges an envelope whose payload is %s, with a warning, and keeps serving', async (_, payload) => {
  const ack = await socket.send('slash_commands', payload);
  expect(ack.payload).toEqual({});
  expect(bot.logs.join('\n')).toMatch(/WARN .*ignored a Socket Mode envelope .* payload is not an object/);
  const next = await socket.send('slash_commands', commandPayload('/wa-error', '470', fake.responseUrl('after')));
  expect(visibleText(next.payload)).toMatch(/^470 /m);
});

it('serves the 360dialog webhook on PORT in Socket Mode too', async () => {
  const body = JSON.stringify({
    statuses: [{ id: 'wamid.S', status: 'failed', timestamp: '1764000000', errors: [{ code: 470, title: 'Re-engagement' }] }],
  });
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/360dialog`, {
    method: 'POST',
    headers: { 'x-webhook-secret': 'socket-webhook-secret' },
    body,
  });
  expect(res.status).toBe(200);
  await expect.poll(() => received.flat().map((e) => e.errors[0]?.code)).toEqual([470]);
});
