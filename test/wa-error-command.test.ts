import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { commandForm, interactionForm, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { BOT_TOKEN, type RunningApp, SIGNING_SECRET, startApp } from './support/slack-app.js';

interface Answer {
  response_type: string;
  text: string;
  blocks: Record<string, any>[];
}

let fake: FakeSlack;
let bot: RunningApp;
let seq = 0;

beforeAll(async () => {
  fake = await startFakeSlack();
  bot = await startApp(fake);
});
afterAll(async () => {
  await bot.stop();
  await fake.close();
});

async function ask(text: string): Promise<Answer> {
  const res = await postSigned(
    `${bot.url}/slack/events`,
    SIGNING_SECRET,
    commandForm({ text, responseUrl: fake.responseUrl(`cmd-${++seq}`) }),
  );
  expect(res.status).toBe(200);
  const answer = (await res.json()) as Answer;
  expect(blockKitProblems(answer)).toEqual([]);
  expect(answer.response_type).toBe('ephemeral');
  return answer;
}

const headers = (answer: Answer) => answer.blocks.filter((b) => b.type === 'header').map((b) => b.text.text as string);

describe('/wa-error over the HTTP receiver', () => {
  it('explains 2001 with steps, a verdict and its Cloud API successor 132001', async () => {
    const answer = await ask('2001');
    expect(headers(answer)[0]).toMatch(/^2001 /);
    const text = visibleText(answer);
    expect(text).toMatch(/What it means/);
    expect(text).toMatch(/What to do\*\n1\. /);
    expect(text).toMatch(/fix it yourself/i);
    expect(text).toMatch(/132001/);
    expect(answer.text).toMatch(/^2001 /);
  });

  it('explains the Cloud code 131047 and names the On-Premise 470 as similar, not as the same', async () => {
    const answer = await ask('131047');
    expect(headers(answer)[0]).toMatch(/^131047 /);
    expect(visibleText(answer)).toMatch(/Similar to \(no source says it is the same\) — On-Premise: 470 /);
  });

  it('shows every entry documented under 1016, the API row and the webhook row', async () => {
    const answer = await ask('1016');
    expect(headers(answer).filter((h) => h.startsWith('1016 '))).toHaveLength(2);
  });

  it('finds rate-limit codes from words', async () => {
    const answer = await ask('rate limit');
    const codes = headers(answer).map((h) => h.split(' ')[0]);
    expect(codes.some((c) => ['429', '130429', '131056'].includes(c ?? ''))).toBe(true);
  });

  it('says plainly that 99999 is not documented, offers the nearest codes and where to get help', async () => {
    const answer = await ask('99999');
    const text = visibleText(answer);
    expect(text).toMatch(/99999\* is not documented by Meta or 360dialog/);
    expect(text).toMatch(/Nearest documented codes/);
    expect(text).toMatch(/status page/);
    expect(answer.text).toMatch(/99999 is not documented/);
  });

  it('explains a pasted health answer, Slack-escaped, naming every entity error', async () => {
    const paste = readFileSync(new URL('./fixtures/pastes/health-cloud.json', import.meta.url), 'utf8');
    const answer = await ask(paste.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    const text = visibleText(answer);
    for (const code of ['141006', '141010', '141002']) expect(text).toContain(code);
    expect(text).toMatch(/entity WABA 102290129340398/);
  });

  it('answers "outside 24 hours" with the 24-hour window, not an unknown code 24', async () => {
    const answer = await ask('outside 24 hours');
    expect(headers(answer)[0]).toMatch(/^131047 /);
    expect(visibleText(answer)).not.toMatch(/24\* is not documented/);
  });

  it('answers an empty command with usage and the list of codes', async () => {
    const answer = await ask('');
    const text = visibleText(answer);
    expect(text).toMatch(/Usage:/);
    for (const code of ['2001', '131047', '555', '1005', 'unregistered']) expect(text).toContain(code);
  });

  it('answers 4 KB of text within Slack limits', async () => {
    const answer = await ask(`${'why is my number broken '.repeat(170)}`);
    expect(answer.text.length).toBeLessThan(4000);
  });

  it('never lets command text ping the channel', async () => {
    const answer = await ask('<!channel> <!here> hello @everyone &lt;!channel&gt;');
    const raw = JSON.stringify(answer);
    expect(raw).not.toMatch(/<!(channel|here|everyone)>/);
    expect(visibleText(answer)).toMatch(/&lt;!channel&gt;/);
  });

  it('rejects a request signed with the wrong secret with 401 and no answer', async () => {
    const before = fake.calls.length;
    const res = await postSigned(
      `${bot.url}/slack/events`,
      SIGNING_SECRET,
      commandForm({ text: '2001', responseUrl: fake.responseUrl('bad') }),
      {
        signWith: 'someone-elses-secret',
      },
    );
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/2001/);
    expect(fake.calls.length).toBe(before);
  });

  it('rejects a stale timestamp (a replay) with 401', async () => {
    const res = await postSigned(
      `${bot.url}/slack/events`,
      SIGNING_SECRET,
      commandForm({ text: '2001', responseUrl: fake.responseUrl('old') }),
      {
        timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
      },
    );
    expect(res.status).toBe(401);
  });

  it('shares the answer in the channel when the Share button is pressed', async () => {
    const answer = await ask('470');
    const actions = answer.blocks.find((b) => b.type === 'actions');
    const button = actions?.elements[0];
    expect(button.text.text).toBe('Share in channel');
    const responseUrl = fake.responseUrl('share');
    const payload = {
      type: 'block_actions',
      user: { id: 'U0OPERATOR', username: 'operator', team_id: 'T0FAKE' },
      api_app_id: 'A0FAKE',
      team: { id: 'T0FAKE', domain: 'fake' },
      container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C0INCIDENTS', is_ephemeral: true },
      channel: { id: 'C0INCIDENTS', name: 'wa-incidents' },
      trigger_id: '1.2.3',
      response_url: responseUrl,
      actions: [
        {
          type: 'button',
          action_id: button.action_id,
          block_id: actions?.block_id,
          value: button.value,
          text: button.text,
          action_ts: '1700000001.000001',
        },
      ],
    };
    const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, interactionForm(payload));
    expect(res.status).toBe(200);
    await expect.poll(() => fake.responses('share').length).toBe(2);
    const [shared, removed] = fake.responses('share');
    expect(shared?.response_type).toBe('in_channel');
    expect(blockKitProblems(shared)).toEqual([]);
    expect(visibleText(shared)).toMatch(/Shared by <@U0OPERATOR>/);
    expect(visibleText(shared)).toMatch(/470 /);
    expect(JSON.stringify(shared)).not.toMatch(/Share in channel/);
    expect(removed).toMatchObject({ delete_original: true });
  });

  it("scrubs the bot token and signing secret from everything logged, Bolt's own lines included", () => {
    bot.slack.app.logger.error(`auth failed for ${BOT_TOKEN} signed with ${SIGNING_SECRET}`);
    const log = bot.logs.join('\n');
    expect(log).toMatch(/auth failed for \[redacted\] signed with \[redacted\]/);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(SIGNING_SECRET);
  });
});
