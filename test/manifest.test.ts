import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8'));
// A copy of Slack's published schema; its non-standard keywords (_note, regex) need strict off.
const schema = JSON.parse(readFileSync(new URL('./fixtures/slack-manifest.schema.1.0.0.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

describe('manifest.yml', () => {
  it("validates against Slack's manifest schema", () => {
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail: a command without its slash is rejected', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'wa-error';
    expect(validate(broken)).toBe(false);
  });

  it('declares /wa-error, /wa-status, interactivity for the buttons, a bot user and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      '/wa-error',
      '/wa-status',
      '/wa-mute',
      '/wa-unmute',
    ]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
  });

  it('asks only for the scopes the bot uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'channels:history',
      'channels:join',
      'chat:write',
      'commands',
      'groups:history',
    ]);
  });
});
