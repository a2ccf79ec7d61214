/**
 * The routes mount every listener of one kind as one Bolt listener (Bolt runs each listener's middleware on
 * every request): requests still reach the listener registered for their name, and only that one.
 */
import { App, type ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { createSlackApp } from '../src/slack/app.js';
import { createRoutes } from '../src/slack/routes.js';
import { createLogger } from '../src/telemetry/log.js';
import { idleMonitor } from './support/monitor.js';

const appWith = () => new App({ authorize: async () => ({ botToken: 'xoxb-test' }), signingSecret: 'secret', convoStore: false });
/** Bolt's listener chains: read (never replaced) to count how many run on every request. */
const listenersOf = (app: App) => (app as unknown as { listeners: unknown[][] }).listeners.length;

function event(body: Record<string, unknown>): { event: ReceiverEvent; acked: Promise<unknown> } {
  let acked: (value: unknown) => void = () => {};
  const done = new Promise((resolve) => (acked = resolve));
  return { event: { body, ack: async (response?: unknown) => acked(response ?? 'empty') }, acked: done };
}

const command = (name: string) => ({ command: name, text: '', user_id: 'U1', channel_id: 'C1', team_id: 'T1', response_url: '' });
const button = (actionId: string) => ({
  type: 'block_actions',
  user: { id: 'U1' },
  team: { id: 'T1' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1', value: 'v' }],
});

describe('slack routes', () => {
  it('mounts the bot as one Bolt listener per kind plus the Home tab event, not one per name', async () => {
    const { app } = createSlackApp({
      slack: { botToken: 'xoxb-test', signingSecret: 'secret', incidentChannel: 'C1', apiUrl: 'http://127.0.0.1:9/api/' },
      port: 0,
      logger: createLogger({ level: 'error', write: () => {} }),
      deps: { monitor: await idleMonitor(), numbers: [] },
    });
    // Commands, buttons, the escalation modal, app_home_opened: four chains, whatever the count of names.
    expect(listenersOf(app)).toBe(4);
  });

  it('hands each command and button to the listener registered for its name, and only to it', async () => {
    const app = appWith();
    const routes = createRoutes();
    const heard: string[] = [];
    for (const name of ['/wa-one', '/wa-two'])
      routes.command(name, async ({ ack }) => {
        heard.push(name);
        await ack({ text: name });
      });
    for (const id of ['press.me', 'press-me'])
      routes.action(id, async ({ ack }) => {
        heard.push(id);
        await ack();
      });
    routes.mount(app);

    const two = event(command('/wa-two'));
    await app.processEvent(two.event);
    expect(await two.acked).toEqual({ text: '/wa-two' });
    // "press.me" is a name, not a pattern: its dot matches only a dot.
    const dash = event(button('press-me'));
    await app.processEvent(dash.event);
    await dash.acked;
    expect(heard).toEqual(['/wa-two', 'press-me']);

    // A name nobody registered reaches no listener (Bolt leaves it unhandled, as before).
    await app.processEvent(event(command('/wa-three')).event);
    await app.processEvent(event(button('pressXme')).event);
    expect(heard).toEqual(['/wa-two', 'press-me']);
  });

  it('refuses a second listener for the same name', () => {
    const routes = createRoutes();
    routes.command('/wa-one', async () => {});
    expect(() => routes.command('/wa-one', async () => {})).toThrow(/two Slack listeners for \/wa-one/);
  });
});
