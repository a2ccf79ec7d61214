import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NumberRecord } from '../src/core/records.js';
import { openStore } from '../src/store/open.js';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import type { PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { type InProcessBot, type Line, lines, startWorld, until, type World } from './support/e2e.js';
import { SIGNING_SECRET } from './support/slack-app.js';

/** The end of an incident told as one thread reply (and a canvas when asked), through the whole bot and the fake Slack. */

const INVALID_KEY = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };
const MINUTE = 60_000;

let world: World;
/** The bot's wall clock: the test moves it, so the durations the timeline states are known. */
let clock: number;
beforeEach(async () => {
  world = await startWorld();
  // Near the real time: the fake Slack stamps messages with it, and a restart looks for replies by time.
  clock = Date.now();
});
afterEach(() => world.close());

const launch = (numbers: readonly Line[], env: Record<string, string> = {}) =>
  world.inProcess({ numbers, env }, { now: () => clock, channelIntervalMs: 20 });

const cards = () => world.slack.cards().filter((m) => m.blocks.length > 0);
const cardOf = (name: string) => cards().find((c) => c.text.includes(name)) as PostedMessage;
/** Thread replies that are timelines: what a person would scroll to. */
const timelines = (card: PostedMessage) => world.slack.thread(card.ts).filter((m) => /^Timeline of /.test(m.text));

async function click(bot: InProcessBot, card: PostedMessage, actionId: string, user: string) {
  const body = cardClick(card, actionId, { user, responseUrl: world.slack.responseUrl(`${actionId}-${user}`) });
  const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, body);
  expect(res.status).toBe(200);
}

/** A 401 on each number, acknowledged at 14:05 by Alice, muted at 14:10 by Bob, healthy again at 14:30. */
async function incidentOf(bot: InProcessBot, line: Line) {
  await bot.passUntil(`a card for ${line.name}`, () => cardOf(line.name) !== undefined);
  clock += 5 * MINUTE;
  await click(bot, cardOf(line.name), 'incident_ack', 'U0ALICE');
  await until(() => /\*Acknowledged\* by <@U0ALICE>/.test(JSON.stringify(cardOf(line.name).blocks)), 'the card shows the acknowledgement');
  clock += 5 * MINUTE;
  await click(bot, cardOf(line.name), 'incident_mute', 'U0BOB');
  await until(() => /\*Muted\* until/.test(JSON.stringify(cardOf(line.name).blocks)), 'the card shows the mute');
  await bot.settled();
}

async function recover(bot: InProcessBot, numbers: readonly Line[]) {
  clock += 20 * MINUTE;
  for (const n of numbers) world.d360.script(n.key, { json: HEALTHY_CLOUD });
  await bot.passUntil('every card says recovered', () => numbers.every((n) => /recovered/.test(cardOf(n.name).text)));
  await bot.settled();
}

/** The group record's story, read from the bot's store through a connection of the test's own. */
async function groupStory() {
  const store = await openStore(`sqlite://${join(world.dir, 'store.sqlite')}`, { log: () => {} });
  try {
    for await (const page of store.records<NumberRecord>('number').entries())
      for (const [id, record] of page) if (id.startsWith('group:')) return record.incident?.story ?? [];
    return [];
  } finally {
    await store.close();
  }
}

/** Where each text first appears in the reply's visible text; -1 when it does not. */
const positions = (text: string, parts: readonly RegExp[]) => parts.map((p) => text.search(p));

describe('the timeline when an incident resolves', () => {
  it('tells the story in one reply, in order, with durations — also when Slack refused it once', async () => {
    const [line] = lines(1, 'timeline') as [Line];
    world.d360.script(line.key, INVALID_KEY);
    const bot = await launch([line]);
    await incidentOf(bot, line);

    // The recovery reply goes through; the timeline after it is refused once (Slack had a moment), then retried.
    world.slack.script('chat.postMessage', {}, { body: { ok: false, error: 'internal_error' } });
    await recover(bot, [line]);

    const card = cardOf(line.name);
    const [reply, ...more] = timelines(card);
    expect(more).toEqual([]);
    expect(reply?.metadata?.event_type).toBe('wa_health_reply');
    const text = visibleText({ blocks: reply?.blocks });
    const order = positions(text, [/Opened/, /401 .* first seen/, /Acknowledged by <@U0ALICE>/, /Muted by <@U0BOB> until/, /Recovered/]);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Lasted 30 min · acknowledged after 5 min by <@U0ALICE>/);
    expect(blockKitProblems({ text: reply?.text, blocks: reply?.blocks })).toEqual([]);
    // Asked twice (refused, then taken): told once.
    expect(world.slack.callsTo('chat.postMessage').filter((c) => /^Timeline of /.test(String(c.body.text)))).toHaveLength(2);

    // Another pass over the healthy number queues nothing more: still one.
    await bot.bot.runPass();
    await bot.settled();
    expect(timelines(card)).toHaveLength(1);
    expect(world.slack.callsTo('canvases.create')).toEqual([]);
  });

  it('is not told twice when the bot stops while Slack is still answering the reply', async () => {
    const [line] = lines(1, 'timeline-restart') as [Line];
    world.d360.script(line.key, INVALID_KEY);
    const first = await launch([line]);
    await incidentOf(first, line);
    // Slack takes the timeline at once but answers after the bot stopped waiting: it stays marked in flight.
    world.slack.script('chat.postMessage', {}, { lateMs: 5000 });
    clock += 20 * MINUTE;
    world.d360.script(line.key, { json: HEALTHY_CLOUD });
    // Two healthy polls resolve it (no waiting for the outbox: the timeline's answer is late on purpose).
    await first.bot.runPass();
    await first.bot.runPass();
    await until(() => timelines(cardOf(line.name)).length === 1, 'the timeline reached Slack');
    await first.stop();

    const second = await launch([line]);
    await second.settled();
    expect(timelines(cardOf(line.name))).toHaveLength(1);
    expect(second.output()).toMatch(/timeline of .* had reached Slack before the restart; not sending it again/);
  });

  it('tells a group incident its own story: the clicks on the group card, and how long the outage lasted', async () => {
    const fleet = lines(3, 'timeline-group');
    const ERROR_500 = { status: 500, json: { meta: { httpCode: 500, developerMessage: 'Internal server error', success: false } } };
    for (const n of fleet) world.d360.script(n.key, ERROR_500);
    const bot = await launch(fleet);
    await bot.passUntil('one group card', () => /on 3 of 3 numbers/.test(cards()[0]?.text ?? ''));
    const group = () => cards()[0] as PostedMessage;
    clock += 2 * MINUTE;
    await click(bot, group(), 'incident_ack', 'U0ALICE');
    // A group card does not show who acknowledged (only its thread does).
    await until(
      () => world.slack.thread(group().ts).some((m) => /Acknowledged by <@U0ALICE>/.test(m.text)),
      'the thread says who acknowledged',
    );
    clock += 2 * MINUTE;
    await click(bot, group(), 'incident_recheck', 'U0BOB');
    await until(async () => (await groupStory()).some((e) => e.kind === 'rechecked'), "the group's story keeps the re-check");

    clock += 10 * MINUTE;
    for (const n of fleet) world.d360.script(n.key, { json: HEALTHY_CLOUD });
    await bot.passUntil('the group card says recovered', () => /recovered on all numbers/.test(group().text));
    const [reply, ...more] = timelines(group());
    expect(more).toEqual([]);
    const text = visibleText({ blocks: reply?.blocks });
    expect(text).toMatch(/Timeline of 500 .* on 3 numbers/);
    const order = positions(text, [
      /Opened/,
      /on up to 3 numbers at once/,
      /Acknowledged by <@U0ALICE>/,
      /Re-checked by <@U0BOB>/,
      /Recovered/,
    ]);
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Lasted 14 min · acknowledged after 2 min by <@U0ALICE>/);
    expect(blockKitProblems({ text: reply?.text, blocks: reply?.blocks })).toEqual([]);
    // The members spoke through the group card: no timeline of their own.
    expect(world.slack.messages.filter((m) => /^Timeline of Line/.test(m.text))).toEqual([]);
  });

  it('writes the same timeline as a canvas with SLACK_TIMELINE_CANVAS=1, and the resolved card links it', async () => {
    const [line] = lines(1, 'timeline-canvas') as [Line];
    world.d360.script(line.key, INVALID_KEY);
    const bot = await launch([line], { SLACK_TIMELINE_CANVAS: '1' });
    await incidentOf(bot, line);
    await recover(bot, [line]);

    const link = 'https://fake.slack.test/docs/T0FAKE/F0CANVAS1';
    await until(() => JSON.stringify(cardOf(line.name).blocks).includes(link), 'the resolved card links the canvas');
    const created = world.slack.callsTo('canvases.create');
    expect(created).toHaveLength(1);
    expect(created[0]?.body.document_content).toMatchObject({ type: 'markdown' });
    const [canvas] = world.slack.canvases;
    expect(canvas?.markdown).toMatch(/# Timeline of /);
    expect(canvas?.markdown).toMatch(/Acknowledged by !\[\]\(@U0ALICE\)[\s\S]*Muted by !\[\]\(@U0BOB\) until[\s\S]*Recovered/);
    expect(canvas?.markdown).toMatch(/Lasted 30 min/);
    expect(canvas?.readers).toEqual(['C0INCIDENTS']);

    const card = cardOf(line.name);
    expect(blockKitProblems({ text: card.text, blocks: card.blocks })).toEqual([]);
    const [reply, ...more] = timelines(card);
    expect(more).toEqual([]);
    expect(JSON.stringify(reply?.blocks)).toContain(link);
    expect(blockKitProblems({ text: reply?.text, blocks: reply?.blocks })).toEqual([]);
  });

  it('falls back to the reply alone when Slack refuses canvases, says so once for two incidents, and asks once', async () => {
    const numbers = lines(2, 'timeline-refused');
    for (const n of numbers) world.d360.script(n.key, INVALID_KEY);
    world.slack.refuseCanvases('free_teams_cannot_create_non_tabbed_canvases');
    const bot = await launch(numbers, { SLACK_TIMELINE_CANVAS: '1' });
    for (const n of numbers) await incidentOf(bot, n);
    await recover(bot, numbers);

    for (const n of numbers) {
      const card = cardOf(n.name);
      expect(timelines(card)).toHaveLength(1);
      expect(JSON.stringify(card.blocks)).not.toMatch(/Timeline canvas/);
    }
    expect(world.slack.callsTo('canvases.create')).toHaveLength(1);
    expect(bot.logs.filter((l) => /Slack refuses timeline canvases/.test(l))).toHaveLength(1);
    expect(bot.output()).toMatch(/free_teams_cannot_create_non_tabbed_canvases/);
  });
});
