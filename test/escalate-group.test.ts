import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedView, PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned, viewSubmission } from './fakes/slack-signer.js';
import { blockKitProblems, modalProblems, visibleText } from './support/block-kit.js';
import { type InProcessBot, lines, startWorld, until, type World } from './support/e2e.js';
import { SIGNING_SECRET } from './support/slack-app.js';

const ERROR_500 = { status: 500, json: { meta: { httpCode: 500, developerMessage: 'Internal server error', success: false } } };

describe('Escalate on a group card: a fleet-wide outage', () => {
  let world: World;
  let bot: InProcessBot;
  const groupCard = () => world.slack.cards().find((c) => /on 6 of 6 numbers/.test(c.text)) as PostedMessage;

  beforeAll(async () => {
    world = await startWorld();
    const fleet = lines(6, 'esc-group');
    for (const n of fleet) world.d360.script(n.key, ERROR_500);
    bot = await world.inProcess({ numbers: fleet }, { channelIntervalMs: 20 });
    await bot.passUntil('one group card of all six numbers', () => groupCard() !== undefined);
  });
  afterAll(() => world?.close());

  it('offers a modal that calls it an emergency by 360dialog’s criteria and recommends a priority request', async () => {
    const click = cardClick(groupCard(), 'incident_escalate', { user: 'U0ALICE', responseUrl: world.slack.responseUrl('group') });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
    const opened = await until(() => world.slack.views.find((v) => v.updates > 0), 'the full Escalate modal');
    expect(modalProblems(opened.view)).toEqual([]);
    const text = visibleText(opened.view.blocks);
    expect(text).toMatch(/360dialog severity 1 \(core service down for all\)/);
    expect(text).toMatch(/Emergency by 360dialog's criteria: yes/);
    expect(text).toContain("Recommended: 360dialog's emergency criteria apply");
    expect(text).toContain('Affected: 6 of 6 numbers');
    expect(text).not.toContain('WhatsApp number: group:');
  });

  it('records the case on the group incident, and the group card shows it through the next pass', async () => {
    const opened = world.slack.views[0] as OpenedView;
    const values = { escalation_ticket: { escalation_ticket_value: { type: 'plain_text_input', value: 'G-77' } } };
    const body = viewSubmission({ ...opened.view, id: opened.id, hash: opened.hash }, { user: 'U0ALICE', values });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, body)).status).toBe(200);
    await until(() => /Escalated by <@U0ALICE> at .*\(ticket G-77\)/.test(JSON.stringify(groupCard().blocks)), 'the group card shows it');
    // The grouper rewrites the group record every pass: the case stays.
    await bot.bot.runPass();
    await bot.settled();
    expect(JSON.stringify(groupCard().blocks)).toMatch(/Escalated by <@U0ALICE>.*ticket G-77/);
    expect(blockKitProblems(groupCard())).toEqual([]);
  });
});
