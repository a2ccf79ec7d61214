import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedView, PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned, type ViewValues, viewSubmission } from './fakes/slack-signer.js';
import { modalProblems, visibleText } from './support/block-kit.js';
import { type InProcessBot, leads, type Line, type SetupOptions, startWorld, until, type World } from './support/e2e.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { SIGNING_SECRET } from './support/slack-app.js';

const INVALID_KEY = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };
const LINES: Line[] = [
  { name: 'Line A', keyEnv: 'D360_KEY_A', key: 'esc-replicas-key-a-0123456789' },
  { name: 'Line B', keyEnv: 'D360_KEY_B', key: 'esc-replicas-key-b-0123456789' },
];
const PRIORITY: ViewValues = {
  escalation_priority: {
    escalation_priority_value: { type: 'checkboxes', selected_options: [{ value: 'priority', text: { type: 'plain_text', text: 'x' } }] },
  },
};

describe.skipIf(redisMissing() !== undefined)('Escalate on two replicas sharing one Redis, and after a restart', () => {
  let redis: RedisServer;
  let world: World;
  const replicas: InProcessBot[] = [];
  let leader: InProcessBot;
  let follower: InProcessBot;
  let setup: SetupOptions;
  const seen = new Set<string>();

  beforeAll(async () => {
    [redis, world] = await Promise.all([startRedis(), startWorld()]);
    for (const line of LINES) world.d360.script(line.key, INVALID_KEY);
    setup = { numbers: LINES, env: { STORE_URL: redis.url, LEASE_TTL_SECONDS: '3', D360_PRIORITY_ESCALATIONS: '2' } };
    // One after the other: two bots connecting at once on a loaded machine can miss the store's connect deadline.
    for (let i = 0; i < 2; i++) replicas.push(await world.inProcess(setup, { channelIntervalMs: 20 }));
    leader = await until(() => replicas.find(leads), 'one replica leads');
    follower = replicas.find((r) => r !== leader) as InProcessBot;
    await leader.passUntil('a card for each number', () => world.slack.cards().length === 2);
  });
  afterAll(async () => {
    await world?.close();
    await redis?.stop();
  });

  const cardOf = (name: string) => world.slack.cards().find((c) => c.text.includes(name)) as PostedMessage;
  const escalate = async (on: InProcessBot, name: string, user: string): Promise<OpenedView> => {
    const click = cardClick(cardOf(name), 'incident_escalate', { user, responseUrl: world.slack.responseUrl(`${name}-${user}`) });
    expect((await postSigned(`${on.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
    const opened = await until(() => world.slack.views.find((v) => v.updates > 0 && !seen.has(v.id)), 'the full Escalate modal');
    seen.add(opened.id);
    expect(modalProblems(opened.view)).toEqual([]);
    return opened;
  };
  const submitted = (v: OpenedView, user: string, values: ViewValues) =>
    viewSubmission({ ...v.view, id: v.id, hash: v.hash }, { user, values });
  const post = (on: InProcessBot, body: string) => postSigned(`${on.url}/slack/events`, SIGNING_SECRET, body);

  it('records a submission reaching the follower once, even when Slack delivers it to the leader too', async () => {
    const opened = await escalate(follower, 'Line A', 'U0ALICE');
    expect(visibleText(opened.view.blocks)).toContain('A priority request uses 1 of your 2 priority escalations this month.');
    const body = submitted(opened, 'U0ALICE', {
      ...PRIORITY,
      escalation_ticket: { escalation_ticket_value: { type: 'plain_text_input', value: 'T-1' } },
    });
    expect((await post(follower, body)).status).toBe(200);
    expect((await post(leader, body)).status).toBe(200);
    await until(() => /Escalated by <@U0ALICE> at .*\(ticket T-1\)/.test(JSON.stringify(cardOf('Line A').blocks)), 'the card shows it');
    await until(() => world.slack.thread(cardOf('Line A').ts).some((m) => /Escalated by <@U0ALICE>/.test(m.text)), 'the thread says it');
    await leader.settled();
    expect((await leader.bot.monitor.record('Line A'))?.incident?.supportCases).toHaveLength(1);
    expect(world.slack.thread(cardOf('Line A').ts).filter((m) => /Escalated by/.test(m.text))).toHaveLength(1);
  });

  it('counts priority requests across the replicas: the leader sees the one asked on the follower', async () => {
    const opened = await escalate(leader, 'Line B', 'U0BOB');
    expect(visibleText(opened.view.blocks)).toMatch(
      /A priority request uses 2 of your 2 priority escalations this month \(1 used: <@U0ALICE>, \d+ [A-Z][a-z]{2}\)\./,
    );
    expect((await post(leader, submitted(opened, 'U0BOB', PRIORITY))).status).toBe(200);
    await until(() => /Escalated by <@U0BOB>/.test(JSON.stringify(cardOf('Line B').blocks)), 'the card shows it');
  });

  it('still counts them after a restart, and says a further one costs 25 $/€ — but offers it', async () => {
    await follower.stop();
    const restarted = await world.inProcess(setup, { channelIntervalMs: 20 });
    const opened = await escalate(restarted, 'Line A', 'U0CAROL');
    const text = visibleText(opened.view.blocks);
    expect(text).toMatch(
      /Your 2 priority escalations this month are used \(2 used: <@U0ALICE>, .*; <@U0BOB>, .*\): a further one costs 25 \$\/€ each/,
    );
    expect(text).toContain('Also request priority escalation');
    expect(text).toContain('This incident was escalated already');
  });
});
