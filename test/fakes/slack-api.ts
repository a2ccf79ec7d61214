import type { IncomingMessage, ServerResponse } from 'node:http';
import { close, listen, readBody } from './http-server.js';

/** One request the bot made to the fake Slack: a Web API method or a response_url post. */
export interface SlackCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
  readonly at: number;
}

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
  text: string;
  blocks: unknown[];
  readonly threadTs?: string;
  updates: number;
  readonly metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A scripted answer for the next call of a method: HTTP status, headers, JSON body. */
export interface ScriptedReply {
  /** Never answer (the connection stays open until the fake closes): a Slack that hangs. */
  readonly hang?: true;
  /** Hold the answer this long; with no status or body, then answer as usual. */
  readonly delayMs?: number;
  /** Do the work at once (post the message), but answer only this much later: a slow Slack. */
  readonly lateMs?: number;
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** Reset the connection instead of answering: a network that fails mid-call. */
  readonly reset?: boolean;
}

/** A modal opened with views.open, as Slack keeps it: each views.update replaces it and gives it a new hash. */
export interface OpenedView {
  readonly id: string;
  readonly triggerId: string;
  view: Record<string, unknown>;
  hash: string;
  updates: number;
}

export interface FakeSlack {
  readonly url: string;
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  readonly apiUrl: string;
  readonly calls: SlackCall[];
  readonly messages: PostedMessage[];
  /** A response_url that records what is posted to it under `responses(id)`. */
  responseUrl(id: string): string;
  responses(id: string): Record<string, unknown>[];
  /** Answers the next calls of `method` with these replies, in order, before the normal behaviour. */
  script(method: string, ...replies: ScriptedReply[]): void;
  /** Answers every call of `method` with this reply until called again without one. */
  outage(method: string, reply?: ScriptedReply): void;
  /** Top-level messages (cards), not thread replies. */
  cards(): PostedMessage[];
  /** Replies in the thread of a card. */
  thread(ts: string): PostedMessage[];
  /** Refuses every post and edit in one channel with this error, until called without one. */
  refuse(channel: string, error?: string): void;
  /** Channels the bot has joined with conversations.join. */
  readonly joined: Set<string>;
  /** Canvases written with canvases.create, in order. */
  readonly canvases: Array<{ readonly id: string; readonly title?: string; readonly markdown?: string; readers: string[] }>;
  /** Refuses every canvases.create with this error (a plan or a token without canvases), until called without one. */
  refuseCanvases(error?: string): void;
  /** Where apps.connections.open sends a Socket Mode client. */
  socketUrl?: string;
  /** Modals opened with views.open, oldest first. */
  readonly views: OpenedView[];
  callsTo(method: string): SlackCall[];
  close(): Promise<void>;
}

// The Web API client sends form bodies and JSON-encodes nested values (blocks) as strings.
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const messages: PostedMessage[] = [];
  const responded = new Map<string, Record<string, unknown>[]>();
  const scripts = new Map<string, ScriptedReply[]>();
  const outages = new Map<string, ScriptedReply>();
  const joined = new Set<string>();
  const refused = new Map<string, string>();
  const views: OpenedView[] = [];
  const usedTriggers = new Set<string>();
  let viewSeq = 0;
  const viewAnswer = (v: OpenedView) => ({
    ok: true,
    view: { ...v.view, id: v.id, team_id: 'T0FAKE', hash: v.hash, state: { values: {} }, app_id: 'A0FAKE', bot_id: 'B0BOT' },
  });
  /** What Slack refuses of a modal before showing it (its real answer: invalid_arguments with a pointer). */
  const viewRefusal = (view: Record<string, any> | undefined) => {
    const problems: string[] = [];
    if (view?.type !== 'modal') problems.push('[ERROR] must be a modal [json-pointer:/view/type]');
    else {
      if (typeof view.title?.text !== 'string' || view.title.text.length > 24)
        problems.push('[ERROR] must be less than 25 characters [json-pointer:/view/title/text]');
      if (!Array.isArray(view.blocks) || view.blocks.length > 100)
        problems.push('[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]');
      if (typeof view.private_metadata === 'string' && view.private_metadata.length > 3000)
        problems.push('[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]');
    }
    return problems.length > 0 ? { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } } : undefined;
  };
  /** Our signer's trigger ids start with the click's Unix second, as Slack's do. */
  const triggerRefusal = (trigger: unknown): string | undefined => {
    if (typeof trigger !== 'string' || !/^\d+\.\d+\.[0-9a-z]+$/.test(trigger)) return 'invalid_trigger_id';
    if (usedTriggers.has(trigger)) return 'exchanged_trigger_id';
    // Slack's trigger is good for 3 s; the fake does not time it (a wall-clock bound fails on a loaded machine):
    // the bot keeps inside by its order (ack, claim, a short modal from the click alone), and a scripted
    // expired_trigger_id tests its answer to a late open.
    return undefined;
  };
  const canvases: FakeSlack['canvases'] = [];
  let canvasRefusal: string | undefined;
  // Message ts are real times (seconds.micro), as Slack's are: the bot looks for messages by time.
  let lastTs = 0;
  const nextTs = () => {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000);
    return `${Math.floor(lastTs / 1_000_000)}.${String(lastTs % 1_000_000).padStart(6, '0')}`;
  };
  const withMetadata = (m: PostedMessage, include: boolean) => ({
    ts: m.ts,
    text: m.text,
    ...(m.threadTs ? { thread_ts: m.threadTs } : {}),
    ...(include && m.metadata ? { metadata: m.metadata } : {}),
  });

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  const answer = (method: string, body: Record<string, unknown>): unknown => {
    const refusal = method.startsWith('chat.') ? refused.get(String(body.channel)) : undefined;
    if (refusal) return { ok: false, error: refusal };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          user: 'wa-health-bot',
          team_id: 'T0FAKE',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        };
      case 'views.publish':
        return { ok: true, view: { id: 'V0HOME', type: 'home' } };
      case 'views.open': {
        const refusal = triggerRefusal(body.trigger_id);
        if (refusal) return { ok: false, error: refusal };
        const invalid = viewRefusal(body.view as Record<string, unknown>);
        if (invalid) return invalid;
        usedTriggers.add(String(body.trigger_id));
        viewSeq += 1;
        const opened: OpenedView = {
          id: `V0MODAL${viewSeq}`,
          triggerId: String(body.trigger_id),
          view: body.view as Record<string, unknown>,
          hash: `${viewSeq}.0`,
          updates: 0,
        };
        views.push(opened);
        return viewAnswer(opened);
      }
      case 'views.update': {
        const opened = views.find((v) => v.id === body.view_id);
        if (!opened) return { ok: false, error: 'not_found' };
        if (body.hash !== undefined && body.hash !== opened.hash) return { ok: false, error: 'hash_conflict' };
        const invalid = viewRefusal(body.view as Record<string, unknown>);
        if (invalid) return invalid;
        opened.view = body.view as Record<string, unknown>;
        opened.updates += 1;
        opened.hash = `${opened.id}.${opened.updates}`;
        return viewAnswer(opened);
      }
      case 'apps.connections.open':
        return fake.socketUrl ? { ok: true, url: fake.socketUrl } : { ok: false, error: 'no_socket_server' };
      case 'chat.postMessage': {
        const metadata = body.metadata as PostedMessage['metadata'];
        const message: PostedMessage = {
          channel: String(body.channel),
          ts: nextTs(),
          ...(metadata ? { metadata } : {}),
          text: String(body.text ?? ''),
          blocks: (body.blocks as unknown[]) ?? [],
          ...(body.thread_ts ? { threadTs: String(body.thread_ts) } : {}),
          updates: 0,
        };
        messages.push(message);
        return { ok: true, channel: message.channel, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.update': {
        const message = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(body.text ?? '');
        message.blocks = (body.blocks as unknown[]) ?? [];
        message.updates += 1;
        return { ok: true, channel: message.channel, ts: message.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'canvases.create': {
        if (canvasRefusal) return { ok: false, error: canvasRefusal };
        const content = body.document_content as { type?: string; markdown?: string } | undefined;
        if (content !== undefined && content.type !== 'markdown') return { ok: false, error: 'invalid_arguments' };
        const id = `F0CANVAS${canvases.length + 1}`;
        canvases.push({
          id,
          ...(body.title !== undefined ? { title: String(body.title) } : {}),
          ...(content?.markdown !== undefined ? { markdown: content.markdown } : {}),
          readers: [],
        });
        return { ok: true, canvas_id: id };
      }
      case 'canvases.access.set': {
        const canvas = canvases.find((c) => c.id === body.canvas_id);
        if (!canvas) return { ok: false, error: 'canvas_not_found' };
        canvas.readers.push(...((body.channel_ids as string[] | undefined) ?? []));
        return { ok: true };
      }
      case 'conversations.join':
        joined.add(String(body.channel));
        return { ok: true, channel: { id: body.channel } };
      case 'conversations.history': {
        const oldest = Number(body.oldest ?? 0);
        const found = messages
          .filter((m) => m.channel === body.channel && m.threadTs === undefined && Number(m.ts) >= oldest)
          .reverse()
          .map((m) => withMetadata(m, String(body.include_all_metadata) === 'true'));
        return { ok: true, messages: found, has_more: false };
      }
      case 'conversations.replies': {
        const parent = messages.find((m) => m.channel === body.channel && m.ts === body.ts);
        if (!parent) return { ok: false, error: 'thread_not_found' };
        const oldest = Number(body.oldest ?? 0);
        const replies = messages.filter((m) => m.threadTs === body.ts && Number(m.ts) >= oldest);
        return { ok: true, messages: [parent, ...replies].map((m) => withMetadata(m, String(body.include_all_metadata) === 'true')) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = parseBody(raw, req.headers['content-type']);
    const response = /^\/response\/(.+)$/.exec(path);
    const method = response ? `response:${response[1]}` : path.replace(/^\/api\//, '');
    calls.push({ method, body, authorization: req.headers.authorization, at: Date.now() });

    const scripted = scripts.get(method)?.shift() ?? outages.get(method);
    if (scripted?.hang) return;
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    if (scripted?.reset) return void req.socket.destroy();
    if (scripted && (scripted.status !== undefined || scripted.body !== undefined))
      return send(res, scripted.status ?? 200, scripted.body ?? { ok: true }, scripted.headers);
    if (response) {
      const id = response[1] ?? '';
      responded.set(id, [...(responded.get(id) ?? []), body]);
      return send(res, 200, { ok: true });
    }
    const result = answer(method, body);
    if (scripted?.lateMs) await new Promise((resolve) => setTimeout(resolve, scripted.lateMs));
    send(res, 200, result);
  };

  const { server, url } = await listen((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { ok: false, error: String(error) }));
  });

  const fake: FakeSlack = {
    url,
    apiUrl: `${url}/api/`,
    calls,
    messages,
    joined,
    views,
    canvases,
    refuseCanvases: (error) => {
      canvasRefusal = error;
    },
    refuse: (channel, error) => (error ? refused.set(channel, error) : refused.delete(channel)),
    responseUrl: (id) => `${url}/response/${id}`,
    responses: (id) => responded.get(id) ?? [],
    script: (method, ...replies) => scripts.set(method, [...(scripts.get(method) ?? []), ...replies]),
    outage: (method, reply) => (reply ? outages.set(method, reply) : outages.delete(method)),
    cards: () => messages.filter((m) => m.threadTs === undefined),
    thread: (ts) => messages.filter((m) => m.threadTs === ts),
    callsTo: (method) => calls.filter((c) => c.method === method),
    close: () => close(server),
  };
  return fake;
}
