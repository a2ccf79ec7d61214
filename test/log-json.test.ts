import { describe, expect, it } from 'vitest';
import { createLogger, fields } from '../src/telemetry/log.js';

const SECRET = 'json-secret-token-0123456789';
const FORGED = '2030-01-01T00:00:00.000Z ERROR [wa-health-bot] forged';

function jsonLines(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ format: 'json', level, secrets: [SECRET], write: (line) => lines.push(line) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, string>) };
}

describe('LOG_FORMAT=json lines', () => {
  it('are one object each with level, time, msg and the component', () => {
    const { logger, parsed } = jsonLines();
    logger.child('poll').info('pass done', 3);
    expect(parsed()).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), component: 'wa-health-bot:poll', msg: 'pass done 3' },
    ]);
  });

  it('carry number and incident from fields() or from child bindings, and leave them out of the message', () => {
    const { logger, parsed } = jsonLines();
    logger.warn('throttled', fields({ number: 'Support line' }));
    logger.child('notify', { number: 'Sales', incident: 'Sales#1' }).info('sent');
    expect(parsed()).toMatchObject([
      { msg: 'throttled', number: 'Support line' },
      { msg: 'sent', number: 'Sales', incident: 'Sales#1', component: 'wa-health-bot:notify' },
    ]);
  });

  it('scrub every secret, in the message and in the fields, JSON-escaped or not', () => {
    const { logger, lines } = jsonLines();
    logger.error(`token ${SECRET}`, new Error(`bad ${JSON.stringify({ k: SECRET })}`), fields({ number: SECRET }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).toContain('[redacted]');
    expect(() => JSON.parse(lines[0] ?? '')).not.toThrow();
  });

  it('escape control characters, so a value from outside can neither forge a line nor drive a terminal', () => {
    const { logger, lines, parsed } = jsonLines();
    logger.warn(`nobody\n${FORGED}\r\x1b[2J\u2028`, fields({ number: 'a\nb\x1b' }));
    expect(lines).toHaveLength(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u2028]/);
    expect(parsed()[0]?.msg).toBe(`nobody\\n${FORGED}\\r\\x1b[2J\\u2028`);
    expect(parsed()[0]?.number).toBe('a\\nb\\x1b');
  });

  it('follow the level, and stay text by default', () => {
    const { logger, lines } = jsonLines();
    logger.debug('hidden');
    expect(lines).toEqual([]);
    const text: string[] = [];
    createLogger({ write: (line) => text.push(line) }).info('plain', fields({ number: 'x' }));
    expect(text[0]).toMatch(/^\S+Z INFO {2}\[wa-health-bot\] plain$/);
  });
});
