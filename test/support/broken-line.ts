import { type FakeD360, startFakeD360 } from '../fakes/d360.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { startTestBot, type TestBot } from './bot.js';

export const INVALID_KEY_ANSWER = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } },
} as const;

/** The whole bot watching one number, "Support line", whose key 360dialog refuses: the setup of many surface tests. */
export async function startBrokenLineBot(key: string): Promise<{ slack: FakeSlack; d360: FakeD360; bot: TestBot; stop(): Promise<void> }> {
  const slack = await startFakeSlack();
  const d360 = await startFakeD360();
  d360.script(key, INVALID_KEY_ANSWER);
  const numbersYaml = `numbers:\n  - name: Support line\n    apiKeyEnv: D360_KEY_SUPPORT\n    baseUrl: ${d360.url}\n`;
  const bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_SUPPORT: key }, channelIntervalMs: 20 });
  return {
    slack,
    d360,
    bot,
    async stop() {
      await bot.stop();
      await slack.close();
      await d360.close();
    },
  };
}
