import { describe, expect, it } from 'vitest';
import { BotError } from '../src/errors.js';
import { createLogger } from '../src/telemetry/log.js';

const SECRET = 'sk-live-0123456789abcdef';

function failure(): BotError {
  const inner = new Error(`Redis said NOAUTH for ${SECRET}`);
  return new BotError('STORE_UNAVAILABLE', 'store redis://… is unavailable', { cause: inner });
}

describe('errors in the log', () => {
  it('writes the stack frames and the cause of an error, scrubbed, on a text line', () => {
    const lines: string[] = [];
    createLogger({ secrets: [SECRET], write: (l) => lines.push(l) }).error('polling failed', failure());
    const [line] = lines;
    expect(line).toMatch(/ERROR .* polling failed BotError \[STORE_UNAVAILABLE\]: store redis/);
    expect(line).toMatch(/\n {4}at .*log-errors\.test\.ts/);
    expect(line).toMatch(/\n {4}cause: Error: Redis said NOAUTH for \[redacted\]/);
    expect(line).not.toContain(SECRET);
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
    expect(lines[0]).not.toContain('\n');
    expect(lines[1]?.split('cause:').length).toBe(5);
  });
});
