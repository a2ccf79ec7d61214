import type { RespondFn } from '@slack/bolt';
import { parseDuration } from '../../config/maintenance.js';
import type { WaNumber } from '../../config/numbers.js';
import type { SlackDeps } from '../deps.js';
import type { SlackMessage } from '../views/message.js';
import { escapeClip, oneLine, section, when } from '../views/mrkdwn.js';
import { commandText } from './text.js';
import type { Routes } from '../routes.js';

export const MUTE = '/wa-mute';
export const UNMUTE = '/wa-unmute';

/** Names may have spaces ("Support line 2h deploy"): the longest leading words that name a number win. */
export function splitNamed(numbers: readonly WaNumber[], text: string): { number?: WaNumber; rest: string[] } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let i = words.length; i > 0; i--) {
    const name = words.slice(0, i).join(' ').toLowerCase();
    const number = numbers.find((n) => n.name.toLowerCase() === name);
    if (number) return { number, rest: words.slice(i) };
  }
  return { rest: words };
}

const reply = (text: string): SlackMessage => ({ text, blocks: [section(text)] });
const unknown = (text: string) =>
  reply(`No watched number is called ${escapeClip(oneLine(text), 80) || '(nothing)'}: \`/wa-status\` lists them all.`);

export async function muteAnswer(
  deps: Pick<SlackDeps, 'monitor' | 'numbers'>,
  text: string,
  by: string,
  now: number,
): Promise<SlackMessage> {
  const usage = 'Usage: `/wa-mute <name> <duration> [reason]`, e.g. `/wa-mute Support line 2h deploy` (durations: 30m, 2h, 1d).';
  if (text.trim() === '') return reply(usage);
  const { number, rest } = splitNamed(deps.numbers, text);
  if (!number) return unknown(text);
  const forMs = parseDuration(rest[0] ?? '');
  if (forMs === undefined) return reply(`${usage} A window is at most 31 days.`);
  const reason = oneLine(rest.slice(1).join(' '));
  await deps.monitor.mute(number.name, by, { forMs, ...(reason ? { reason } : {}) });
  const why = reason ? ` (${escapeClip(reason, 200)})` : '';
  return reply(
    `*${escapeClip(number.name, 80)}* is in maintenance until ${when(now + forMs)}${why}: still polled and shown, nobody is pinged.`,
  );
}

export async function unmuteAnswer(deps: Pick<SlackDeps, 'monitor' | 'numbers'>, text: string, by: string): Promise<SlackMessage> {
  const { number, rest } = splitNamed(deps.numbers, text);
  if (!number || rest.length > 0) return unknown(text);
  const name = `*${escapeClip(number.name, 80)}*`;
  return (await deps.monitor.unmute(number.name, by))
    ? reply(`${name} is out of maintenance: its incidents ping and speak in their threads again.`)
    : reply(`${name} was neither muted nor in maintenance.`);
}

/** `/wa-mute` and `/wa-unmute`: acked at once, then one store write each, answered through the response_url. */
export function register(app: Routes, deps: Pick<SlackDeps, 'monitor' | 'numbers' | 'once' | 'logger'>): void {
  const answer = (respond: RespondFn, message: SlackMessage) =>
    respond({ response_type: 'ephemeral', ...message }).catch((e: unknown) => deps.logger.warn('could not answer a mute command', e));
  app.command(MUTE, async ({ command, ack, respond }) => {
    await ack();
    if (!(await deps.once(command))) return;
    await answer(respond, await muteAnswer(deps, commandText(command), command.user_id, Date.now()));
  });
  app.command(UNMUTE, async ({ command, ack, respond }) => {
    await ack();
    if (!(await deps.once(command))) return;
    await answer(respond, await unmuteAnswer(deps, commandText(command), command.user_id));
  });
}
