import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type FakeConnection, type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { commandPayload, homeOpenedPayload, type SocketBot, startSocketBot } from './support/socket-bot.js';

let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: SocketBot;
let asked = 0;

beforeAll(async () => {
  [slack, socket] = await Promise.all([startFakeSlack(), startFakeSocketMode()]);
  bot = await startSocketBot(slack, socket);
}, 60_000);
afterAll(async () => {
  await bot?.bot.stop();
  await Promise.all([socket?.close(), slack?.close()]);
});

/** `/wa-error 131047` delivered on `on` (or wherever Slack picks); resolves with the ack. */
const waError = (on?: FakeConnection) =>
  socket.send('slash_commands', commandPayload('/wa-error', '131047', slack.responseUrl(`cmd-${++asked}`)), on ? { on } : {});
const newest = () => socket.connections().at(-1) as FakeConnection;

describe('Socket Mode through the real process, as Slack runs it', { timeout: 30_000 }, () => {
  it('connects once, with the app-level token, and answers /wa-error in the ack', async () => {
    await socket.connection(1);
    expect(socket.connections()).toHaveLength(1);
    const ack = await waError();
    expect(JSON.stringify(ack.payload)).toMatch(/131047/);
  });

  it('loses nothing in a refresh: the replacement opens on `warning`, the old connection answers until Slack closes it', async () => {
    const old = await socket.connection(1);
    socket.disconnect(old, 'warning');
    const replacement = await socket.connection(2);
    expect(old.isOpen()).toBe(true);
    expect(replacement.numConnections).toBe(2);
    socket.disconnect(old, 'refresh_requested');
    // Slack may still deliver on the old connection right after refresh_requested: it is answered there.
    const onOld = await waError(old);
    expect(onOld.on).toBe(old.id);
    expect(JSON.stringify(onOld.payload)).toMatch(/131047/);
    await socket.end(old);
    // Just after the old one closed, Slack delivers on what is open: the replacement was there all along.
    const afterClose = await waError();
    expect(afterClose.on).toBe(replacement.id);
    expect(JSON.stringify(afterClose.payload)).toMatch(/131047/);
  });

  it('on `refresh_requested` alone (no warning first) it still answers on the old connection while the new one opens', async () => {
    const old = newest();
    socket.disconnect(old, 'refresh_requested');
    expect((await waError(old)).on).toBe(old.id);
    const replacement = await socket.connection(3);
    await socket.end(old);
    expect((await waError()).on).toBe(replacement.id);
  });

  it('replaces a connection that dropped without a close frame', async () => {
    await socket.drop(newest());
    const replacement = await socket.connection(4);
    expect((await waError()).on).toBe(replacement.id);
  });

  it('replaces a connection that stops answering pings, while it is still open', async () => {
    const deaf = newest();
    socket.deafen(deaf);
    const replacement = await socket.connection(5);
    await deaf.closed;
    expect(deaf.pings()).toBeGreaterThanOrEqual(1);
    expect((await waError()).on).toBe(replacement.id);
  });

  it('shows the connections, the reconnects and the age of the last frame on /readyz and /metrics', async () => {
    const { status, body } = await bot.ready();
    expect(status).toBe(200);
    expect(body.socket).toMatchObject({ connections: 1, reconnects: 4 });
    expect(body.socket?.lastFrameAgeSeconds).toBeGreaterThanOrEqual(0);
    const metrics = await bot.metrics();
    expect(metrics).toMatch(/^wa_health_slack_socket_connections 1$/m);
    expect(metrics).toMatch(/^wa_health_slack_socket_reconnects_total 4$/m);
    expect(metrics).toMatch(/^wa_health_slack_socket_last_frame_age_seconds \d/m);
  });

  it('publishes the App Home once for an app_home_opened that Slack redelivers with the same event_id', async () => {
    const event = homeOpenedPayload('Ev0HOMEONCE', 'U0HOME');
    const first = await socket.send('events_api', event);
    expect(first.envelope_id).toBeDefined();
    await expect.poll(() => slack.callsTo('views.publish').length).toBe(1);
    await socket.send('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    await bot.bot.waitFor(/skipped a delivery Slack made again \(event:Ev0HOMEONCE\)/);
    expect(slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('keeps to one connection when Slack says there are too many, and opens again once there is room', async () => {
    socket.maxConnections = 1;
    const only = newest();
    const before = socket.opened();
    socket.disconnect(only, 'warning');
    // The replacement is refused (too_many_websockets); the old connection keeps answering meanwhile.
    await bot.bot.waitFor(/too many|too_many_websockets/);
    expect(socket.opened()).toBeGreaterThan(before);
    expect((await waError(only)).on).toBe(only.id);
    socket.maxConnections = 10;
    await socket.end(only);
    await expect.poll(() => socket.connections().length, { timeout: 30_000 }).toBe(1);
    expect((await waError()).on).not.toBe(only.id);
  });

  it('stops on `link_disabled`: says why in one line, opens nothing more, and /readyz says so', async () => {
    const calls = slack.callsTo('apps.connections.open').length;
    socket.disconnect(newest(), 'link_disabled');
    await bot.bot.waitFor(/Slack turned Socket Mode off for this app \(link_disabled\)/);
    await expect.poll(async () => (await bot.ready()).status).toBe(503);
    expect((await bot.ready()).body.reasons?.join(' ')).toMatch(/link_disabled/);
    expect(socket.connections()).toHaveLength(0);
    expect(slack.callsTo('apps.connections.open')).toHaveLength(calls);
    expect(bot.bot.child.exitCode).toBeNull();
  });
});
