import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../src/store/kv.js';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import type { PostedMessage } from './fakes/slack-api.js';
import { type InProcessBot, lines, type SetupOptions, startWorld, until, type World } from './support/e2e.js';

const NUMBERS = 5;
const fleet = lines(NUMBERS, 'faults-e2e');
const INVALID_KEY = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };

let world: World;
beforeEach(async () => {
  world = await startWorld();
  for (const n of fleet) world.d360.script(n.key, INVALID_KEY);
});
afterEach(() => world.close());

// One card per number here: these tests count cards per incident, not groups.
const setup: SetupOptions = { numbers: fleet, env: { GROUP_MIN_NUMBERS: '1000', D360_TIMEOUT_MS: '2000' } };
/** The real process, polling every second on its own schedule. */
const launch = () => world.process({ ...setup, env: { ...setup.env, POLL_SCHEDULE: '* * * * * *' } });

const incidentOf = (m: PostedMessage) => String(m.metadata?.event_payload.incident_id ?? '');
const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { reasons?: string[] } };
};

describe('faults, in the whole bot', () => {
  it('keeps every card while Slack refuses the channel, says so on /readyz, and delivers once it accepts', async () => {
    world.slack.refuse('C0INCIDENTS', 'not_in_channel');
    world.slack.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
    // The bot's clock, moved on by the test: a held channel is tried again after its wait, not sooner.
    let ahead = 0;
    const bot = await world.inProcess(setup, { now: () => Date.now() + ahead, channelIntervalMs: 20 });
    await bot.bot.runPass();
    await bot.waitFor(/ERROR .*Slack refuses channel C0INCIDENTS: not_in_channel — invite the bot/);
    await until(async () => {
      const r = await readyz(bot.url);
      return r.status === 503 && r.body.reasons?.length === 1 && r.body.reasons[0]?.includes('not_in_channel');
    }, '/readyz answers 503 naming not_in_channel');
    world.slack.refuse('C0INCIDENTS');
    // Each pass 30 s later on the bot's clock (less than a clock step): the hold's wait runs out.
    await until(
      async () => {
        ahead += 30_000;
        await bot.bot.runPass();
        return world.slack.cards().length === NUMBERS;
      },
      'every card delivered',
      { context: bot.output },
    );
    await until(async () => (await readyz(bot.url)).status === 200, '/readyz answers 200 again');
    expect(bot.output().match(/ERROR .*Slack refuses channel/g)).toHaveLength(1);
  });

  it('says on /readyz and in the log when the store file is deleted under it', async () => {
    const bot = await world.inProcess(setup, { channelIntervalMs: 20 });
    await until(async () => (await readyz(bot.url)).status === 200, '/readyz answers 200');
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(world.dir, `store.sqlite${suffix}`), { force: true });
    await until(async () => {
      const r = await readyz(bot.url);
      return r.status === 503 && /store file .*store\.sqlite was deleted under the running bot/.test(r.body.reasons?.join() ?? '');
    }, '/readyz answers 503 naming the deleted store file');
    await bot.waitFor(/ERROR .*store file .* was deleted/);
  });

  it('starts past a malformed record, naming it, and still watches the others', async () => {
    const kv = await createStore(`sqlite://${join(world.dir, 'store.sqlite')}`);
    await kv.set('number:Line 0', { not: 'a record' });
    await kv.set('number:Line 1', { number: 'Line 1', outbox: 'nonsense' });
    await kv.close();
    const bot: InProcessBot = await world.inProcess(setup, { channelIntervalMs: 20 });
    await bot.waitFor(/ERROR .*store record "Line 0" is malformed: skipped/);
    await bot.passUntil('cards for the three sound records', () => world.slack.cards().length >= 3);
  });
});

describe('faults, with the real process', () => {
  it('leaves no duplicate card, no repeated reply and no stale card across kill -9 during a slow Slack', async () => {
    world.slack.outage('chat.postMessage', { lateMs: 2000 });
    world.slack.outage('chat.update', { lateMs: 2000 });
    // Kill at varied moments: before, during and after calls that Slack takes but answers late.
    for (const after of [900, 1700, 2600, 1200, 3100, 2100]) {
      const bot = await launch();
      await new Promise((r) => setTimeout(r, after));
      await bot.kill9();
    }
    world.slack.outage('chat.postMessage');
    world.slack.outage('chat.update');
    for (const n of fleet) world.d360.script(n.key, { json: HEALTHY_CLOUD });
    const bot = await launch();
    await until(() => world.slack.cards().filter((c) => /recovered/.test(c.text)).length === NUMBERS, 'every card says recovered', {
      context: bot.output,
    });
    await bot.settled();

    const perIncident = new Map<string, number>();
    for (const card of world.slack.cards()) perIncident.set(incidentOf(card), (perIncident.get(incidentOf(card)) ?? 0) + 1);
    expect([...perIncident.values()]).toEqual(Array(NUMBERS).fill(1));
    // Every reply went out once: the metadata carries the outbox sequence number.
    const replies = world.slack.messages
      .filter((m) => m.threadTs !== undefined)
      .map((m) => `${incidentOf(m)}/${m.metadata?.event_payload.seq}`);
    expect(new Set(replies).size).toBe(replies.length);
    // Seven process starts: on a machine starved of CPU that alone can outlast the default hang guard.
  }, 600_000);

  it('exits 0 on SIGTERM with a call to Slack still unanswered, and delivers after the restart', async () => {
    // A call that never ends: only a stop that does not wait for Slack lets the process exit at all.
    world.slack.outage('chat.postMessage', { hang: true });
    const bot = await launch();
    await until(() => world.slack.callsTo('chat.postMessage').length > 0, 'a card on its way to Slack');
    await bot.stop();
    expect(bot.process.child.exitCode).toBe(0);
    const stopping = bot.output().slice(bot.output().indexOf('SIGTERM: stopping'));
    expect(stopping).toMatch(/^SIGTERM: stopping/);
    // It exited with the call still open: the Slack client's own timeout (15 s) never got to end it first.
    expect(stopping).not.toMatch(/request failed|post-card for .* failed/);
    world.slack.outage('chat.postMessage');
    const next = await launch();
    await until(() => world.slack.cards().length === NUMBERS, 'every card delivered after the restart', { context: next.output });
    await next.settled();
    expect(world.slack.cards()).toHaveLength(NUMBERS);
  });
});
