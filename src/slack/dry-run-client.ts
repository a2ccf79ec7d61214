import type { webApi } from '@slack/bolt';
import { clip } from '../text/clip.js';
import { fields, type Logger } from '../telemetry/log.js';

type Args = Record<string, unknown> & { channel?: string; text?: string; ts?: string; thread_ts?: string; blocks?: unknown[] };

/**
 * DRY_RUN=1: a Web API client whose changes (chat.postMessage, chat.update, conversations.join, canvases) are
 * logged instead of sent and answered as Slack would accept them, with a made-up ts — so the outbox
 * drains, cards "exist", and edits and thread replies follow as they would for real. Reads (history
 * and replies, used to find a post left in flight by a crash) still go to Slack: they change nothing.
 */
export function createDryRunClient(real: webApi.WebClient, logger: Logger): webApi.WebClient {
  let counter = 0;
  // Slack's ts is "<seconds>.<microseconds>"; a sequence keeps the fake ones distinct within a second.
  const fakeTs = () => `${Math.floor(Date.now() / 1000)}.${String(++counter % 1_000_000).padStart(6, '0')}`;
  const say = (method: string, args: Args) => {
    const where = `${args.channel ?? '?'}${args.thread_ts ? ` (thread ${args.thread_ts})` : ''}${args.ts ? ` (message ${args.ts})` : ''}`;
    const blocks = Array.isArray(args.blocks) ? ` [${args.blocks.length} blocks]` : '';
    const about = args.channel ? [fields({ channel: args.channel })] : [];
    logger.info(`dry run: would call ${method} in ${where}${blocks}${args.text ? `: ${clip(args.text, 500)}` : ''}`, ...about);
  };

  const postMessage = async (args: Args) => {
    say('chat.postMessage', args);
    return { ok: true, channel: args.channel, ts: fakeTs(), message: { text: args.text } };
  };
  const update = async (args: Args) => {
    say('chat.update', args);
    return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
  };
  const join = async (args: Args) => {
    say('conversations.join', args);
    return { ok: true, channel: { id: args.channel } };
  };
  // SLACK_TIMELINE_CANVAS=1: a canvas that would be written, with a made-up id.
  const createCanvas = async (args: Args) => {
    say('canvases.create', args);
    return { ok: true, canvas_id: `FDRYRUN${++counter}` };
  };
  const setAccess = async (args: Args) => {
    say('canvases.access.set', args);
    return { ok: true };
  };
  // The real client's bound methods, with the ones that change something replaced.
  const client = Object.create(real) as webApi.WebClient;
  Object.assign(client, {
    chat: { ...real.chat, postMessage, update },
    conversations: { ...real.conversations, join },
    canvases: { ...real.canvases, create: createCanvas, access: { ...real.canvases.access, set: setAccess } },
  });
  return client;
}
