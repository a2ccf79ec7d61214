import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedView, PostedMessage } from './fakes/slack-api.js';
import { cardClick, viewSubmission } from './fakes/slack-signer.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { type InProcessBot, lines, startWorld, until, type World } from './support/e2e.js';
import { APP_TOKEN } from './support/slack-app.js';

const INVALID_KEY = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };
/** Over Socket Mode an interactive payload arrives as the JSON Slack would have posted in the `payload` form field. */
const payloadOf = (form: string) => JSON.parse(new URLSearchParams(form).get('payload') ?? '{}') as unknown;

describe('Escalate over Socket Mode', () => {
  let world: World;
  let socket: FakeSocketMode;
  let bot: InProcessBot;
  const card = () => world.slack.cards()[0] as PostedMessage;

  beforeAll(async () => {
    [world, socket] = await Promise.all([startWorld(), startFakeSocketMode()]);
    world.slack.socketUrl = socket.url;
    const fleet = lines(1, 'esc-socket');
    for (const n of fleet) world.d360.script(n.key, INVALID_KEY);
    bot = await world.inProcess({ numbers: fleet, env: { SLACK_APP_TOKEN: APP_TOKEN } }, { channelIntervalMs: 20 });
    await socket.connection(1);
    await bot.passUntil('a card', () => world.slack.cards().length === 1);
  });
  afterAll(async () => {
    await world?.close();
    await socket?.close();
  });

  it('opens the modal from an interactive envelope and records the submission sent the same way', async () => {
    await socket.send(
      'interactive',
      payloadOf(cardClick(card(), 'incident_escalate', { user: 'U0ALICE', responseUrl: world.slack.responseUrl('s') })),
    );
    const opened: OpenedView = await until(() => world.slack.views.find((v) => v.updates > 0), 'the full Escalate modal');
    const values = { escalation_ticket: { escalation_ticket_value: { type: 'plain_text_input', value: 'S-1' } } };
    const ack = await socket.send(
      'interactive',
      payloadOf(viewSubmission({ ...opened.view, id: opened.id, hash: opened.hash }, { user: 'U0ALICE', values })),
    );
    // Acknowledged with an empty payload: the modal closes.
    expect(JSON.stringify(ack.payload ?? {})).not.toMatch(/errors/);
    await until(() => /Escalated by <@U0ALICE> at .*\(ticket S-1\)/.test(JSON.stringify(card().blocks)), 'the card shows it');
  });
});
