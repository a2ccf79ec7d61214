/**
 * One in-process bot with several numbers, for account-signal scenarios through the real receiver:
 * each scenario speaks to its own number (`?number=NAME`, as a 360dialog webhook URL per channel does),
 * so its card is its own. Event times move one second per delivery: Meta's times are whole seconds,
 * and an event no newer than the one that cleared a condition does not reopen it.
 */
import { HEALTHY_CLOUD } from '../fakes/d360.js';
import type { PostedMessage } from '../fakes/slack-api.js';
import { visibleText } from './block-kit.js';
import { type InProcessBot, startWorld, type World } from './e2e.js';
import type { Shape } from './meta-payloads.js';

const SIGNAL_SECRET = 'signal-scenarios-secret-0123456789';

export interface SignalBot {
  readonly world: World;
  readonly bot: InProcessBot;
  /** The next event time (ms): a second after the last one handed out. */
  next(): number;
  /** POSTs one delivery for the number `name`, with the shared secret; resolves on the 200. */
  send(name: string, body: Shape | string): Promise<void>;
  cards(name: string): PostedMessage[];
  /** The visible text of the number's card (its latest version), or '' without one. */
  card(name: string): string;
  /** Ticks, as the schedule does, until the number's card matches `pattern`. */
  shows(name: string, pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

export async function startSignalBot(names: readonly string[]): Promise<SignalBot> {
  const world = await startWorld();
  const yaml = ['numbers:'];
  const env: Record<string, string> = { D360_BASE_URL: world.d360.url, WEBHOOK_SECRET: SIGNAL_SECRET };
  names.forEach((name, i) => {
    const key = `signal-bot-key-${i}-0123456789`;
    world.d360.script(key, { json: { ...HEALTHY_CLOUD, id: `7${String(i).padStart(14, '0')}` } });
    yaml.push(`  - name: ${name}`, `    apiKeyEnv: KEY_${i}`);
    env[`KEY_${i}`] = key;
  });
  const bot = await world.inProcess({ numbersYaml: `${yaml.join('\n')}\n`, env }, { channelIntervalMs: 20 });
  await bot.waitFor(/webhooks accepted at POST \/webhooks\/360dialog/);
  // Two healthy passes: a card resolves once no condition is left and the polls are healthy.
  await bot.bot.runPass();
  await bot.bot.runPass();
  let last = Date.now();
  const cards = (name: string) => world.slack.cards().filter((c) => c.text.includes(name));
  const card = (name: string) => visibleText({ blocks: cards(name)[0]?.blocks });
  return {
    world,
    bot,
    next: () => {
      last = Math.max(Date.now(), last + 1000);
      return last;
    },
    async send(name, body) {
      const res = await fetch(`${bot.url}/webhooks/360dialog?number=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': SIGNAL_SECRET },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    },
    cards,
    card,
    shows: (name, pattern) => bot.tickUntil(`the card of ${name} shows ${pattern}`, () => pattern.test(card(name))),
    close: () => world.close(),
  };
}
