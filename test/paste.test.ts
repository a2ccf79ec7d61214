import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { explainText } from '../src/cli/explain-text.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/pastes/${name}`, import.meta.url), 'utf8');
/** What Slack does to command text: only &, < and > are escaped. */
const slackEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const CASES = [
  ['a Cloud webhook', 'cloud-webhook.json', ['131050', '131047', '131016', '131051']],
  ['an On-Premise webhook', 'onprem-webhook.json', ['470', '480', '1014']],
  ["Meta's Graph error object", 'graph-error.json', ['131047']],
  ['a Cloud health answer', 'health-cloud.json', ['141006', '141010', '141002', 'BLOCKED']],
  ['an On-Premise health answer', 'health-onprem.json', ['connected', 'unregistered']],
  ['a webhook cut off mid-way', 'truncated.json', ['131026', '136024']],
] as const;

describe('explaining a pasted payload', () => {
  it.each(CASES)('names every code in %s, in Slack and in the terminal', (_name, file, codes) => {
    const answer = explain(slackEscaped(fixture(file)));
    expect(answer.kind).toBe('paste');
    expect(answer.pasted?.errors.map((e) => e.code)).toEqual(expect.arrayContaining([...codes]));
    const message = explainBlocks(answer);
    expect(blockKitProblems(message)).toEqual([]);
    const text = visibleText(message);
    const plain = explainText(answer);
    for (const code of codes) {
      expect(text, code).toContain(code);
      expect(plain, code).toContain(code);
    }
  });

  it('says where each error came from: the message and recipient, the entity, value.errors', () => {
    const where = (file: string) => explain(fixture(file)).pasted?.errors.map((e) => `${e.code} ${e.where}`);
    expect(where('cloud-webhook.json')).toEqual([
      '131050 status of message wamid.HBgNNDkxNTExMjM0NTY3OBUCABEYEjA1 to +4915112345678',
      '131047 status of message wamid.HBgNNDkxNzYxMjM0NTY3OBUCABEYEjA2 to +4917612345678',
      '131016 value.errors (not tied to one message)',
      '131051 incoming message wamid.INBOUND1 from +4915200000001',
    ]);
    expect(where('health-cloud.json')).toContain('141006 entity WABA 102290129340398');
    expect(where('graph-error.json')).toEqual(['131047 Graph API error response']);
    expect(where('onprem-webhook.json')).toContain('1014 errors (On-Premise, not tied to one message)');
  });

  it('reads a cut-off payload as far as it goes and says so, undocumented codes with their range', () => {
    const answer = explain(fixture('truncated.json'));
    expect(answer.pasted?.truncated).toBe(true);
    expect(answer.unknownCodes).toEqual(['136024']);
    expect(visibleText(explainBlocks(answer))).toMatch(/136024\* is not documented by Meta or 360dialog\. Its range suggests 136xxx/);
  });

  it('answers 2,000 failed statuses in one message within Slack limits, counting the rest', () => {
    const status = (i: number) =>
      `{"id":"wamid.${i}","status":"failed","recipient_id":"49151${i}","errors":[{"code":${131000 + (i % 60)},"title":"x"}]}`;
    const statuses = Array.from({ length: 2000 }, (_, i) => status(i)).join(',');
    const answer = explain(`{"entry":[{"changes":[{"value":{"statuses":[${statuses}]}}]}]}`);
    const message = explainBlocks(answer);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(visibleText(message)).toMatch(/and \d+ more/);
  });

  it('never lets pasted text ping the channel or post a link', () => {
    const hostile = '{"error":{"code":131047,"message":"<!channel> <https://evil.example|click>","error_data":{"details":"<!here>"}}}';
    const raw = JSON.stringify(explainBlocks(explain(hostile)));
    expect(raw).not.toMatch(/<!(channel|here)>|<https:\/\/evil/);
  });

  it('never throws on garbage, however it is cut', () => {
    const samples = ['{"errors": [', '{"code": 131', '{{{{[[[[', '{"error": {"code": "x<>&"}}', `{"a":${'['.repeat(5000)}`];
    for (const s of samples) expect(() => explainBlocks(explain(s))).not.toThrow();
    expect(explain('{"errors":[{"code":131047').pasted?.errors.map((e) => e.code)).toEqual(['131047']);
  });
});

describe('what is open now', () => {
  it('shows where a code is open on a watched number since when, escaped, with the card link', () => {
    const since = Date.UTC(2026, 0, 5, 14, 2);
    const message = explainBlocks(explain('131047'), {
      openNow: (code) => (code === '131047' ? [{ number: 'Support <!channel> line', since, cardUrl: 'https://slack.example/card' }] : []),
    });
    expect(blockKitProblems(message)).toEqual([]);
    const raw = JSON.stringify(message);
    expect(raw).toContain('<https://slack.example/card|open now on Support &lt;!channel&gt; line since 14:02 UTC>');
    expect(JSON.stringify(explainBlocks(explain('131047')))).not.toContain('open now');
  });
});
