import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';
import type { OpenedView, PostedMessage } from './fakes/slack-api.js';
import { cardClick, commandForm, postSigned, type ViewValues, viewSubmission } from './fakes/slack-signer.js';
import { type FakeStatusPage, startFakeStatusPage } from './fakes/status-page.js';
import { blockKitProblems, modalProblems, visibleText } from './support/block-kit.js';
import { type InProcessBot, startWorld, until, type World } from './support/e2e.js';
import { SIGNING_SECRET } from './support/slack-app.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const KEY = 'escalate-support-key-0123456789';
const PARTNER_KEY = 'escalate-partner-key-0123456789';
const WEBHOOK_SECRET = 'escalate-webhook-secret-0123456789';
const PHONE = '+49 30 1234567';
/** Meta's error body as 360dialog passes it through, with the trace id support asks for. */
const UNAVAILABLE = {
  status: 500,
  json: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 131016, fbtrace_id: 'AzXq7fbTRACE01' } },
};

let world: World;
let partner: FakePartnerApi;
let status: FakeStatusPage;
let bot: InProcessBot;

beforeAll(async () => {
  [world, partner, status] = await Promise.all([startWorld(), startFakePartnerApi('escPA', PARTNER_KEY, 3), startFakeStatusPage()]);
  partner.channels.push({
    id: 'CHSUPPORT1',
    client_id: 'CLIENT42',
    status: 'ready',
    current_quality_rating: 'GREEN',
    setup_info: { phone_number: PHONE, phone_name: 'Support line' },
    waba_account: { id: '102290129340398', status: 'approved' },
  });
  // A healthy answer first (it names the phone number id and the WABA), then Meta's 500 on every poll.
  world.d360.script(KEY, { json: HEALTHY_CLOUD }, UNAVAILABLE);
  bot = await world.inProcess(
    {
      numbers: [{ name: 'Support line', keyEnv: 'D360_KEY_SUPPORT', key: KEY, extra: [`phone: "${PHONE}"`] }],
      env: {
        WEBHOOK_SECRET,
        D360_PARTNER_API_KEY: PARTNER_KEY,
        D360_PARTNER_ID: 'escPA',
        D360_PARTNER_BASE_URL: partner.url,
        PARTNER_SCHEDULE: '0 0 1 1 *',
        D360_STATUS_URL: status.url,
        D360_STATUS_SCHEDULE: '0 0 1 1 *',
        D360_PRIORITY_ESCALATIONS: '1',
      },
    },
    { channelIntervalMs: 20 },
  );
  await bot.waitFor(/Partner API lists 4 channel/);
  await bot.bot.runPass();
  await bot.passUntil('a card for the 500', () => world.slack.cards().length === 1);
  // 25 failed messages, each with its wamid, reported by webhook: over the threshold, on the same incident.
  for (let i = 0; i < 25; i++) {
    const body = webhookFixture('cloud-131047.json', { wamid: `wamid.ESC${i}`, phoneNumberId: HEALTHY_CLOUD.id });
    const res = await fetch(`${bot.url}/webhooks/360dialog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': WEBHOOK_SECRET },
      body,
    });
    expect(res.status).toBe(200);
  }
  await bot.tickUntil('the card shows the 131047', () => JSON.stringify(card().blocks).includes('131047'));
});
afterAll(async () => {
  await world?.close();
  await Promise.all([partner?.close(), status?.close()]);
});

const card = () => world.slack.cards()[0] as PostedMessage;
const press = async (user: string) => {
  const res = await postSigned(
    `${bot.url}/slack/events`,
    SIGNING_SECRET,
    cardClick(card(), 'incident_escalate', { user, responseUrl: world.slack.responseUrl(user) }),
  );
  expect(res.status).toBe(200);
  const opened = await until(
    () => world.slack.views.find((v) => v.updates > 0 && !seen.has(v.id)),
    'the full ticket replaces the short modal',
  );
  seen.add(opened.id);
  return opened;
};
const seen = new Set<string>();
const textOf = (v: OpenedView) => visibleText(v.view.blocks);
/** What Slack sends back on submit: the view as it showed it, with what the person typed and ticked. */
const values = (ticket: string, priority: boolean, again = false): ViewValues => ({
  escalation_ticket: { escalation_ticket_value: { type: 'plain_text_input', value: ticket } },
  escalation_priority: {
    escalation_priority_value: {
      type: 'checkboxes',
      selected_options: priority ? [{ value: 'priority', text: { type: 'plain_text', text: 'x' } }] : [],
    },
  },
  ...(again ? { escalation_again: { escalation_again_value: { type: 'checkboxes', selected_options: [{ value: 'again' }] } } } : {}),
});
const submit = (body: string) => postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, body);
const submission = (v: OpenedView, user: string, filled: ViewValues) =>
  viewSubmission({ ...v.view, id: v.id, hash: v.hash }, { user, values: filled });

describe('Escalate on a Cloud number with learnt ids and webhook wamids', () => {
  it('opens a short modal from the click alone, then fills in the complete ticket', async () => {
    const opened = await press('U0ALICE');
    const ticket = textOf(opened);
    // Every id the bot knows: numbers.yml, the Partner API listing, the health answers.
    const partnerIds = ['360dialog channel id: CHSUPPORT1', '360dialog client id: CLIENT42', '360dialog partner id: escPA'];
    for (const id of ['Support line', PHONE, ...partnerIds]) expect(ticket).toContain(id);
    expect(ticket).toContain('WABA id: 102290129340398');
    expect(ticket).toContain(`Meta phone number id: ${HEALTHY_CLOUD.id}`);
    expect(ticket).not.toMatch(/fill in\)/);
    // What was seen: message ids from the webhooks, the trace id from the error body, first/last seen and counts.
    expect(ticket).toMatch(/Example message ids \(wamid\): wamid\.ESC\d+/);
    expect(ticket).toContain('fbtrace_id: AzXq7fbTRACE01');
    expect(ticket).toMatch(/131016.*first seen \d{4}-\d\d-\d\dT.*last seen \d{4}-.*seen (once|\d+ times)/);
    expect(ticket).toMatch(/131047.*seen 25 times/);
    expect(ticket).toContain('Latest health answer (API key removed):');
    expect(ticket).toContain('Service temporarily unavailable');
    expect(JSON.stringify(opened.view)).not.toContain(KEY);
    // The status page, and 360dialog's own triage: warnings on one number (messages still go out) are minor.
    expect(ticket).toContain('360dialog status page: no incident reported');
    expect(ticket).toMatch(/360dialog severity 3 \(minor\)/);
    expect(ticket).toMatch(/Emergency by 360dialog's criteria: no/);
    expect(ticket).toContain('Emergency by your criteria: no, because only warnings: messages still go out');
    expect(ticket).toContain('Not recommended');
    // The inputs and the month's budget.
    expect(ticket).toContain("360dialog's ticket reference");
    expect(ticket).toContain('Also request priority escalation');
    expect(ticket).toContain('A priority request uses 1 of your 1 priority escalations this month.');
  });

  it('keeps every modal it sent within Slack’s documented limits', () => {
    const payloads = [...world.slack.callsTo('views.open'), ...world.slack.callsTo('views.update')].map((c) => c.body.view);
    expect(payloads.length).toBeGreaterThanOrEqual(2);
    for (const view of payloads) expect(modalProblems(view)).toEqual([]);
  });

  it('says on the card what a priority request would use of the month', () => {
    expect(visibleText(card())).toContain(':moneybag: A priority request uses 1 of your 1 priority escalations this month.');
  });

  it('records a submission once, even delivered twice: the card, the thread and the store say it', async () => {
    const opened = world.slack.views[0] as OpenedView;
    const body = submission(opened, 'U0ALICE', values('12345 <!channel>', true));
    expect((await submit(body)).status).toBe(200);
    expect((await submit(body)).status).toBe(200);
    // The same view submitted under a new trigger (a claim that could not be stored): the record's CAS keeps it once.
    expect((await submit(submission(opened, 'U0ALICE', values('12345 <!channel>', true)))).status).toBe(200);
    const line = /Escalated by <@U0ALICE> at <!date\^\d+\^\{time\}\|\d\d:\d\d UTC> \(ticket 12345 &lt;!channel&gt;\), priority requested/;
    await until(() => line.test(JSON.stringify(card().blocks)), 'the card says who escalated, when, under which ticket');
    await until(() => world.slack.thread(card().ts).some((m) => line.test(m.text)), 'the thread says it');
    await bot.settled();
    const record = await bot.bot.monitor.record('Support line');
    expect(record?.incident?.supportCases).toEqual([
      expect.objectContaining({ by: 'U0ALICE', ticket: '12345 <!channel>', priority: true, ref: opened.id }),
    ]);
    expect(world.slack.thread(card().ts).filter((m) => line.test(m.text))).toHaveLength(1);
    expect(blockKitProblems(card())).toEqual([]);
    // The card's verdict counts the request at once: the next one is over budget.
    expect(visibleText(card())).toMatch(
      /Your 1 priority escalations this month are used \(1 used: <@U0ALICE>, \d+ \w{3}\): a further one costs 25/,
    );
  });

  it('lists the open escalation in /wa-status', async () => {
    const form = commandForm({ command: '/wa-status', text: '', responseUrl: world.slack.responseUrl('status') });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form)).status).toBe(200);
    const answer = await until(() => world.slack.responses('status')[0], 'the /wa-status answer');
    expect(visibleText(answer)).toMatch(/Support line.*escalated by <@U0ALICE> \(ticket 12345 &lt;!channel&gt;\)/);
    const detail = commandForm({ command: '/wa-status', text: 'Support line', responseUrl: world.slack.responseUrl('detail') });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, detail)).status).toBe(200);
    const one = await until(() => world.slack.responses('detail')[0], 'the /wa-status answer for one number');
    expect(blockKitProblems(one)).toEqual([]);
    expect(visibleText(one)).toMatch(/• escalated by <@U0ALICE> at .*\(ticket 12345 &lt;!channel&gt;\), priority requested/);
  });

  it('on a second Escalate shows the first case, asks before another, and says the budget is spent — still offering it', async () => {
    const opened = await press('U0BOB');
    const text = textOf(opened);
    expect(text).toContain('This incident was escalated already');
    expect(text).toMatch(/Escalated by <@U0ALICE> .*ticket 12345/);
    expect(text).toContain('Record another case?');
    expect(text).toMatch(
      /Your 1 priority escalations this month are used \(1 used: <@U0ALICE>, \d+ [A-Z][a-z]{2}\): a further one costs 25 \$\/€ each/,
    );
    expect(text).toContain('Also request priority escalation');
    expect(modalProblems(opened.view)).toEqual([]);

    expect((await submit(submission(opened, 'U0BOB', values('67890', false, true)))).status).toBe(200);
    await until(() => /Escalated by <@U0BOB>.*ticket 67890/.test(JSON.stringify(card().blocks)), 'the second case on the card');
    expect((await bot.bot.monitor.record('Support line'))?.incident?.supportCases).toHaveLength(2);
  });

  it('answers privately when Slack refuses to open the form (the trigger expired), and opens nothing', async () => {
    const before = world.slack.views.length;
    world.slack.script('views.open', { body: { ok: false, error: 'expired_trigger_id' } });
    const click = cardClick(card(), 'incident_escalate', { user: 'U0LATE', responseUrl: world.slack.responseUrl('late') });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
    const answer = await until(() => world.slack.responses('late')[0], 'a private answer');
    expect(answer).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/press \*Escalate\* again/) });
    expect(world.slack.views).toHaveLength(before);
  });

  it('says so in the modal when the full ticket cannot be put in, instead of leaving "Gathering…" up', async () => {
    world.slack.script('views.update', { body: { ok: false, error: 'invalid_arguments' } });
    const click = cardClick(card(), 'incident_escalate', { user: 'U0ERIN', responseUrl: world.slack.responseUrl('erin') });
    expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
    await until(
      () => world.slack.views.find((v) => JSON.stringify(v.view).includes('could not gather the ticket')),
      'the notice in the modal',
    );
  });

  it('tells the person privately when the incident ended before the submission arrived, and records nothing', async () => {
    const ended = {
      type: 'modal',
      callback_id: 'escalation_modal',
      private_metadata: JSON.stringify({ n: 'Support line', i: 'Support line#1', c: 'C0INCIDENTS' }),
    };
    const body = viewSubmission({ ...ended, id: 'V0ENDED', hash: '1.0' }, { user: 'U0DAVE', values: values('999', true) });
    expect((await submit(body)).status).toBe(200);
    const told = await until(() => world.slack.callsTo('chat.postEphemeral').find((c) => c.body.user === 'U0DAVE'), 'a private answer');
    expect(String(told.body.text)).toMatch(/ended or was replaced before your escalation arrived/);
    expect((await bot.bot.monitor.record('Support line'))?.incident?.supportCases).toHaveLength(2);
  });
});
