import { describe, expect, it } from 'vitest';
import { BotError } from '../src/errors.js';
import { createLogger } from '../src/telemetry/log.js';

const SECRET = 'sk-live-0123456789abcdef';

function failure(): BotError {
  const inner = new Error(`Redis said NOAUTH for ${SECRET}`);
  return new BotError('STORE_UNAVAILABLE', 'store redis://… is unavailable', { cause: inner });
}

describe('errors in the log', () => {
  it('says the cause of an error on its text line, scrubbed, and its frames below it at debug level', () => {
    const lines: string[] = [];
    createLogger({ secrets: [SECRET], write: (l) => lines.push(l) }).error('polling failed', failure());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /ERROR .* polling failed BotError \[STORE_UNAVAILABLE\]: store redis.* ← caused by Error: Redis said NOAUTH for \[redacted\]$/,
    );
    const debug: string[] = [];
    createLogger({ level: 'debug', secrets: [SECRET], write: (l) => debug.push(l) }).error('polling failed', failure());
    expect(debug.slice(1).every((l) => /^\S+ ERROR \[wa-health-bot\] {5}at /.test(l))).toBe(true);
    expect(debug.some((l) => l.includes('log-errors.test.ts'))).toBe(true);
    expect(debug.join('\n')).not.toContain(SECRET);
  });

  it('carries the error as a field of its own on a JSON line', () => {
    const lines: string[] = [];
    createLogger({ format: 'json', secrets: [SECRET], write: (l) => lines.push(l) }).warn('polling failed', failure());
    const parsed = JSON.parse(lines[0] ?? '{}') as { error?: { type: string; stack: string[]; causes: Array<{ head: string }> } };
    expect(parsed.error?.type).toBe('BotError');
    expect(parsed.error?.stack.some((f) => f.includes('log-errors.test.ts'))).toBe(true);
    expect(parsed.error?.causes[0]?.head).toBe('Error: Redis said NOAUTH for [redacted]');
    expect(lines[0]).not.toContain(SECRET);
  });

  it('keeps info lines to one line, and stops at a cause that is itself', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
    logger.info('a retry', new Error('transient'));
    const loop = new Error('loop');
    (loop as { cause?: unknown }).cause = loop;
    logger.error('odd', loop);
    expect(lines.filter((l) => !/ {5}at /.test(l))).toHaveLength(2);
    expect(lines.find((l) => l.includes('odd'))?.split('caused by').length).toBe(5);
  });
});
