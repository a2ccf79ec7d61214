import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { explainText } from '../src/cli/explain-text.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';
import { blockKitProblems } from './support/block-kit.js';
import { slackEscaped } from './support/real-posts.js';

/** Pastes as people post them in issue threads (sources in test/fixtures/real-posts-pastes.json). */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/pastes/${name}`, import.meta.url), 'utf8');
const found = (text: string) => explain(text).pasted?.errors.map((e) => `${e.code} ${e.where}`) ?? [];
const first = (text: string) => explain(text).matches[0]?.code;

describe('reading a paste that is not a clean JSON payload', () => {
  it.each([
    ['a Python log: "Status code: 400" then a dict repr', 'python-log.txt', '131030'],
    ['a Rails log of a Ruby hash, cut off', 'ruby-hash-cut.txt', '131053'],
    ['a plain key: value block', 'key-value.txt', '131053'],
    ['a Node console.log of the error object', 'node-object.txt', '131000'],
    ['a Python exception repr beside <Response [400 Bad Request]>', 'python-exception.txt', '132000'],
    ['a Go log line with the caller line number 132', 'go-log.txt', '100'],
    ['JSON escaped inside a Rust error string', 'rust-escaped.txt', '100'],
    ['an axios dump: status 400 and x-fb-rev before the code', 'axios-dump.txt', '100'],
    ['a Sidekiq log line with JSON inside', 'sidekiq-json-line.txt', '190'],
    ["n8n's list of change values", 'n8n-array.json', '131031'],
    ["a BSP's wrapper: its own code, HTTP status 429, Meta's error nested", 'bsp-wrapper.json', '131056'],
    ['a Java GraphResponse print: HttpStatus 400 before errorCode 190', 'graph-response-java.txt', '190'],
  ])('answers the Meta code of %s', (_name, file, code) => {
    const text = fixture(file);
    expect(first(text)).toBe(code);
    expect(first(slackEscaped(text))).toBe(code);
  });

  it('lets the Meta code beat an HTTP status or a line number in the same text', () => {
    expect(first('Status code: 400 … (#131030) Recipient phone number not in the allowed list')).toBe('131030');
    expect(first('HTTP/1.1 400 Bad Request {"error":{"code":131047,"message":"(#131047) Re-engagement message"}}')).toBe('131047');
    expect(first('status=400 code=131026 message="Message undeliverable"')).toBe('131026');
    expect(first(`caller=worker.go:132 error="API error 100: (#100) Invalid parameter"`)).toBe('100');
    expect(found(fixture('python-log.txt')).some((line) => line.startsWith('400'))).toBe(false);
  });

  it('still answers the HTTP status when it is all a paste has, saying so', () => {
    expect(found('{"status": 429, "error": "Too Many Requests", "code": "TOO_MANY_REQUESTS"}')).toEqual([
      '429 HTTP status 429 (status: 429), no Meta code beside it',
    ]);
    expect(first('{"error_code": "x", "errors": [], "status": 502}')).toBe('502');
  });

  it('names where each code came from', () => {
    expect(found(fixture('python-log.txt'))).toEqual(['131030 Graph API error response']);
    expect(found(fixture('key-value.txt'))).toEqual(['131053 code : 131053 in a key: value line']);
    expect(found(fixture('ruby-hash-cut.txt'))).toEqual(['131053 status of message [REDACTED_WAMID] to +[REDACTED_RECIPIENT]']);
    expect(found(fixture('bsp-wrapper.json'))[0]).toBe('131056 error.whatsappApiError');
    expect(found('pywa: TemplateParamCountMismatch(code=132000, raw_response=<Response [400]>)')).toEqual([
      '132000 code = 132000 in a key=value pair',
    ]);
    expect(found('{"errors"=>[{"code"=>131053, "title"=>"Media upload error"}]}')).toEqual([
      '131053 errors (On-Premise, not tied to one message)',
    ]);
  });

  it("names a documented error_subcode after Meta's code, and skips an undocumented one", () => {
    expect(found(fixture('rust-escaped.txt'))).toEqual([
      '100 Graph API error response',
      '33 error_subcode of the Graph API error response',
    ]);
    expect(found(fixture('node-object.txt'))).toEqual(['131000 Graph API error response']);
  });

  it('reads Slack-escaped and web-escaped quotes', () => {
    expect(first('{&quot;error&quot;:{&quot;code&quot;:131047,&quot;message&quot;:&quot;Re-engagement message&quot;}}')).toBe('131047');
    expect(first("{'error': {'message': '(#131026) Message undeliverable', &#39;code&#39;: 131026}}")).toBe('131026');
  });

  it("reads an error pasted without its code for Meta's words in it", () => {
    const answer = explain(fixture('python-dict-no-code.txt'));
    expect(answer.kind).toBe('words');
    expect(answer.matches[0]?.code).toBe('100');
  });

  it('renders every format in Slack and the terminal', () => {
    for (const file of ['python-log.txt', 'ruby-hash-cut.txt', 'axios-dump.txt', 'rust-escaped.txt', 'python-dict-no-code.txt']) {
      const answer = explain(slackEscaped(fixture(file)));
      expect(blockKitProblems(explainBlocks(answer)), file).toEqual([]);
      expect(explainText(answer).length, file).toBeGreaterThan(0);
    }
  });
});
