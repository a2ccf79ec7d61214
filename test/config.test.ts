import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStartConfig as readWithFiles } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';
import { runMain } from './support/bot-process.js';

const readStartConfig = (env: Record<string, string>) => readWithFiles(env, { readFile: () => undefined });

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readStartConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('start configuration', () => {
  it('names every missing variable at once, with where to get it', () => {
    const problems = problemsOf({});
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is not set: .*OAuth & Permissions.*manifest\.yml/);
    expect(problems[1]).toMatch(/^SLACK_SIGNING_SECRET is not set .*Basic Information.*SLACK_APP_TOKEN/);
    expect(problems[2]).toMatch(/^SLACK_INCIDENT_CHANNEL is not set/);
  });

  it('needs no signing secret in Socket Mode', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0123' })).toEqual([]);
  });

  it('describes a wrong token without printing it', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxp-user-token-secret', SLACK_SIGNING_SECRET: 's', SLACK_INCIDENT_CHANNEL: 'C0123' });
    expect(problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN does not start with "xoxb-"/)]);
    expect(problems.join()).not.toContain('xoxp-user-token-secret');
  });

  it('asks for a channel ID, not a name', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_INCIDENT_CHANNEL: '#incidents' })[0]).toMatch(
      /channel ID/,
    );
  });

  it('reads the defaults of the contract', () => {
    const config = readStartConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_INCIDENT_CHANNEL: 'C0123' });
    expect(config.port).toBe(3000);
    expect(config.logLevel).toBe('info');
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
  });

  it('npm start exits non-zero with one message naming every missing variable', async () => {
    // An empty directory: no .env to fill the gaps.
    const run = await runMain(['start'], { cwd: mkdtempSync(join(tmpdir(), 'wa-start-')) });
    expect(run.status).toBe(2);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_INCIDENT_CHANNEL']) expect(run.stderr).toContain(name);
    expect(run.stderr.match(/^Cannot start/gm)).toHaveLength(1);
  });
});

describe('SLACK_TIMELINE_CANVAS', () => {
  const BASE = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0123' };

  it('is off unless set to 1', () => {
    expect(readStartConfig(BASE).slack.timelineCanvas).toBe(false);
    expect(readStartConfig({ ...BASE, SLACK_TIMELINE_CANVAS: '1' }).slack.timelineCanvas).toBe(true);
  });

  it('names the variable and the fix for any other value', () => {
    expect(problemsOf({ ...BASE, SLACK_TIMELINE_CANVAS: 'yes' })).toEqual([
      expect.stringMatching(/^SLACK_TIMELINE_CANVAS is "yes": use 1 to also write each resolved incident's timeline as a canvas/),
    ]);
  });
});
