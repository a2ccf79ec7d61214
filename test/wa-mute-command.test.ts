import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from './fakes/slack-api.js';
import { commandForm, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems } from './support/block-kit.js';
import type { TestBot } from './support/bot.js';
import { startBrokenLineBot } from './support/broken-line.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let bot: TestBot;
const KEY = 'mute-broken-key-0123456789';

let stop: () => Promise<void>;

beforeAll(async () => {
  ({ slack, bot, stop } = await startBrokenLineBot(KEY));
});
afterAll(() => stop());

let asked = 0;
/** Runs a command as Slack would: acked at once (empty), then answered through its response_url. */
async function command(name: string, text: string): Promise<string> {
  const id = `${name}-${++asked}`;
  const form = commandForm({ command: name, text, responseUrl: slack.responseUrl(id) });
  const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  await expect.poll(() => slack.responses(id)).toHaveLength(1);
  const answer = slack.responses(id)[0];
  expect(answer?.response_type).toBe('ephemeral');
  expect(blockKitProblems(answer)).toEqual([]);
  return JSON.stringify(answer);
}

const visible = (m: { text: string; blocks: unknown[] }) => `${m.text} ${JSON.stringify(m.blocks)}`;

describe('/wa-mute and /wa-unmute through the real receiver', () => {
  it('refuses unknown numbers and bad durations with the usage', async () => {
    expect(await command('/wa-mute', 'Nobody 2h')).toMatch(/No watched number is called Nobody/);
    expect(await command('/wa-mute', 'Support line soon')).toMatch(/Usage: `\/wa-mute <name> <duration> \[reason\]`/);
    expect(await command('/wa-mute', 'Support line 90d')).toMatch(/at most 31 days/);
    expect(await command('/wa-unmute', 'Support line')).toMatch(/was neither muted nor in maintenance/);
  });

  it('a window set before the incident: the card opens muted and says why; /wa-unmute resumes the thread', async () => {
    const answer = await command('/wa-mute', 'support LINE 2h router swap <!channel>');
    expect(answer).toMatch(/Support line\* is in maintenance until .*router swap &lt;!channel&gt;/);
    await bot.bot.monitor.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = slack.cards()[0];
    if (!card) throw new Error('no card');
    expect(visible(card)).toMatch(/In maintenance\* until .* by <@U0OPERATOR>: router swap &lt;!channel&gt;/);
    expect(visible(card)).not.toContain('<!channel>');

    expect(await command('/wa-unmute', 'Support line')).toMatch(/is out of maintenance/);
    await expect
      .poll(() =>
        slack
          .thread(card.ts)
          .map((m) => m.text)
          .join('\n'),
      )
      .toMatch(/Unmuted by <@U0OPERATOR>/);
    await expect.poll(() => visible(slack.cards()[0] ?? card)).not.toMatch(/In maintenance/);
  });

  it('/wa-mute on an open incident says so in the thread and on the card', async () => {
    const card = slack.cards()[0];
    if (!card) throw new Error('no card');
    expect(await command('/wa-mute', 'Support line 30m deploy')).toMatch(/in maintenance until/);
    await expect
      .poll(() =>
        slack
          .thread(card.ts)
          .map((m) => m.text)
          .join('\n'),
      )
      .toMatch(/In maintenance \(deploy\), set by <@U0OPERATOR> for 30/);
    await expect.poll(() => visible(slack.cards()[0] ?? card)).toMatch(/In maintenance\* until .*: deploy/);
  });
});
