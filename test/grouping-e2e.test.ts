import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { lines, startWorld, until, type World } from './support/e2e.js';

const meta = (status: number, message: string) => ({
  status,
  json: { meta: { httpCode: status, developerMessage: message, success: false } },
});
const ERROR_500 = meta(500, 'Internal server error');
const ERROR_502 = meta(502, 'Bad gateway');
const ERROR_401 = meta(401, 'Invalid api_key');

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

/** The whole bot in this process watching `count` numbers; the test runs its passes. */
const launch = (count: number) =>
  world.inProcess({ numbers: lines(count, 'group-e2e'), env: { POLL_CONCURRENCY: '256' } }, { channelIntervalMs: 20 });

/** Top-level messages with blocks: cards (group or own), not notices. */
const cards = () => world.slack.cards().filter((m) => m.blocks.length > 0);

describe('a platform outage', () => {
  it('tells 200 numbers answering 500 as one group card, and resolves it in place', async () => {
    const fleet = lines(200, 'group-e2e');
    for (const n of fleet) world.d360.script(n.key, ERROR_500);
    const bot = await launch(200);
    // Members join as their answers come in: the count reaches every number.
    await bot.passUntil('one group card of all 200 numbers', () => /500 .* on 200 of 200 numbers/.test(cards()[0]?.text ?? ''));
    expect(cards()).toHaveLength(1);
    expect(JSON.stringify(cards()[0]?.blocks)).toMatch(/contact 360dialog support as an emergency/);
    // One more pass of the same outage, delivered to the end: still that one card.
    await bot.bot.runPass();
    await bot.settled();
    expect(slack().length).toBeLessThanOrEqual(3);
    expect(cards()).toHaveLength(1);

    for (const n of fleet) world.d360.script(n.key, { json: HEALTHY_CLOUD });
    await bot.passUntil('the group card says recovered', () => /recovered on all numbers/.test(cards()[0]?.text ?? ''));
    expect(slack().length).toBeLessThanOrEqual(3);
    expect(cards()).toHaveLength(1);
    await until(() => world.slack.thread(cards()[0]?.ts ?? '').some((m) => /Recovered/.test(m.text)), 'a Recovered reply in the thread');
  });

  it('gives a mixed fleet one group card and their own cards to the numbers with other problems', async () => {
    const fleet = lines(20, 'group-e2e');
    for (const [i, n] of fleet.entries()) world.d360.script(n.key, i < 18 ? ERROR_502 : ERROR_401);
    const bot = await launch(20);
    await bot.passUntil('three cards', () => cards().length >= 3);
    // Another pass of the same answers, delivered to the end: the same three cards, no fourth.
    await bot.bot.runPass();
    await bot.settled();
    const texts = cards().map((c) => c.text);
    expect(texts.filter((t) => /502 .* on 18 of 20 numbers/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /Line 1[89]/.test(t))).toHaveLength(2);
    expect(cards()).toHaveLength(3);
  });
});

const slack = () => world.slack.cards();
