import { describe, expect, it } from 'vitest';
import { readStartConfig } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';

const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0123' };
const read = (env: Record<string, string>) => readStartConfig({ ...BASE, ...env }, { readFile: () => undefined });

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    read(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('LOG_FORMAT, HEARTBEAT_URL and DRY_RUN', () => {
  it('default to text logs, no heartbeat and real sends', () => {
    const config = read({});
    expect(config.logFormat).toBe('text');
    expect(config.heartbeatUrl).toBeUndefined();
    expect(config.dryRun).toBe(false);
  });

  it('read json logs, a heartbeat URL (scrubbed from logs like a secret) and a dry run', () => {
    const config = read({ LOG_FORMAT: 'JSON', HEARTBEAT_URL: 'https://hc-ping.com/1234-uuid', DRY_RUN: '1' });
    expect(config).toMatchObject({ logFormat: 'json', heartbeatUrl: 'https://hc-ping.com/1234-uuid', dryRun: true });
    expect(config.secrets).toContain('https://hc-ping.com/1234-uuid');
  });

  it('name the variable and the fix for every wrong value at once, without echoing the URL', () => {
    const problems = problemsOf({ LOG_FORMAT: 'yaml', HEARTBEAT_URL: 'ftp://ping.example/secret-id', DRY_RUN: 'yes' });
    expect(problems).toEqual([
      expect.stringMatching(/^LOG_FORMAT is "yaml": use text .* or json/),
      expect.stringMatching(/^HEARTBEAT_URL does not start with http:\/\/ or https:\/\//),
      expect.stringMatching(/^DRY_RUN is "yes": use 1/),
    ]);
    expect(problems.join()).not.toContain('secret-id');
    expect(problemsOf({ HEARTBEAT_URL: 'not a url' })).toEqual([expect.stringMatching(/^HEARTBEAT_URL is not a URL/)]);
  });
});
