import { describe, expect, it } from 'vitest';
import { readStartConfig } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0123', STORE_URL: 'redis://127.0.0.1:6379' };

function read(extra: Record<string, string>) {
  try {
    return { ttl: readStartConfig({ ...BASE, ...extra }, { readFile: () => undefined }).leaseTtlMs, problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { ttl: undefined, problems: error.problems };
    throw error;
  }
}

describe('LEASE_TTL_SECONDS', () => {
  it('defaults to 15 seconds', () => {
    expect(read({})).toEqual({ ttl: 15_000, problems: [] });
    expect(read({ LEASE_TTL_SECONDS: ' ' })).toEqual({ ttl: 15_000, problems: [] });
  });

  it('takes whole seconds from 3 to 120', () => {
    expect(read({ LEASE_TTL_SECONDS: '3' }).ttl).toBe(3000);
    expect(read({ LEASE_TTL_SECONDS: '120' }).ttl).toBe(120_000);
  });

  it.each(['2', '121', '0', '-5', '1.5', '10s', 'fifteen'])('refuses "%s", naming the range and the default', (raw) => {
    const { problems } = read({ LEASE_TTL_SECONDS: raw });
    const why = 'a dead leader is replaced within this long.';
    expect(problems).toEqual([`LEASE_TTL_SECONDS is "${raw}": use a whole number of seconds from 3 to 120 (default 15); ${why}`]);
  });
});
