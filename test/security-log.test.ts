import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/telemetry/log.js';
import { testNumber } from './support/numbers.js';
import { startWebhookServer, type WebhookServer } from './support/webhook-route.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const FORGED = '2030-01-01T00:00:00.000Z ERROR [wa-health-bot] forged';
let server: WebhookServer;

beforeAll(async () => {
  server = await startWebhookServer([
    testNumber('key-a-0123456789', 'http://127.0.0.1:9', 'cloud', 'A'),
    testNumber('key-b-0123456789', 'http://127.0.0.1:9', 'cloud', 'B'),
  ]);
});
afterAll(() => server.close());

function logged(...parts: unknown[]): string[] {
  const lines: string[] = [];
  createLogger({ write: (line) => lines.push(line) }).warn(...parts);
  return lines;
}

describe('log lines cannot be forged or turned into terminal commands', () => {
  it('logs a ?number= carrying %0A and an escape sequence as one escaped line', async () => {
    const query = `?number=${encodeURIComponent(`nobody\n${FORGED}\r\x1b[2J`)}`;
    expect(await server.post(webhookFixture('onprem-470.json'), query)).toBe(200);
    await expect.poll(() => server.lines.some((l) => l.includes('matches no configured number'))).toBe(true);
    const all = server.lines.join('\n');
    expect(all.split('\n').filter((l) => l.startsWith('2030-'))).toEqual([]);
    expect(all).not.toContain('\x1b');
    expect(all).toContain('nobody\\n2030-01-01');
    expect(all).toContain('\\r\\x1b[2J');
  });

  it('escapes C0 and C1 controls, DEL and line separators in every part, errors and objects included', () => {
    const lines = logged('a\tb\u0000', new Error(`bad\n${FORGED}`), { text: '\x1b]0;pwned\x07' }, '\u009b31m\u007f\u2028');
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(line).toContain('a\\tb\\x00 Error: bad\\n2030-01-01');
    expect(line).toContain('\\u001b]0;pwned\\u0007');
    expect(line).toContain('\\x9b31m\\x7f\\u2028');
  });
});
