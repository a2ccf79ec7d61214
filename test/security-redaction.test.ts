import { describe, expect, it } from 'vitest';
import { redactAll } from '../src/telemetry/scrub.js';
import { createLogger } from '../src/telemetry/log.js';
import { encodingsOf } from './support/encodings.js';

const KEY = 'sentinel-K3Y_0123456789abcdef';

describe('redactAll', () => {
  it.each(Object.entries(encodingsOf(KEY)))('removes the key spelled as %s', (_, spelled) => {
    const out = redactAll(`before ${spelled} after`, [KEY]);
    expect(out).toMatch(/^before .*\[redacted\].* after$/);
    expect(out).not.toContain(spelled);
  });

  it('removes the key base64-encoded inside a longer blob, at every byte alignment', () => {
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const blob = Buffer.from(`${prefix}${KEY}:tail`).toString('base64');
      expect(redactAll(blob, [KEY])).toContain('[redacted]');
    }
  });

  it('removes a partly percent-encoded key and leaves ordinary text alone', () => {
    expect(redactAll(`k=${encodeURIComponent(KEY).replace('K', '%4B')}`, [KEY])).toBe('k=[redacted]');
    expect(redactAll('HTTP 401 Invalid api_key or token expired', [KEY, 'short'])).toBe('HTTP 401 Invalid api_key or token expired');
  });

  it('is what the logger uses: no log line carries the key in any encoding', () => {
    const lines: string[] = [];
    const logger = createLogger({ secrets: [KEY], write: (line) => lines.push(line) });
    for (const [name, spelled] of Object.entries(encodingsOf(KEY))) logger.warn(`360dialog said ${name}:`, spelled, { echo: spelled });
    for (const spelled of Object.values(encodingsOf(KEY))) expect(lines.join('\n')).not.toContain(spelled);
  });

  it('removes every spelling of one key among thousands, as a poll pass and a log line with a key per number do', () => {
    // More keys than redactAll keeps compiled patterns for (1,000): the short way must not skip one.
    const keys = Array.from({ length: 1100 }, (_, i) => `bench-key-${i}-${(i * 7919).toString(36)}`);
    const key = keys[1099] ?? '';
    for (const [name, spelled] of Object.entries(encodingsOf(key))) {
      expect(redactAll(`BEFORE ${spelled.toUpperCase()} AFTER`, keys), name).toContain('[redacted]');
    }
    expect(redactAll(`k=${keys[3]?.toUpperCase()}`, keys)).toBe('k=[redacted]');
    expect(redactAll('can send messages', keys)).toBe('can send messages');
    // Spellings with escapes compile every key's pattern: slow on a busy machine, never timed.
  }, 120_000);
});
