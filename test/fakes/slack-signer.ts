import { createHmac } from 'node:crypto';

/** Headers Slack puts on every HTTP request: a timestamp and an HMAC of `v0:<ts>:<raw body>`. */
export function signatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

let triggers = 0;
/**
 * Slack gives every command and click a trigger_id of its own (and every click its own action_ts): the bot acts
 * once per trigger, so two requests carrying the same one are one delivery made twice.
 */
function nextTrigger(): string {
  triggers += 1;
  return `${Math.floor(Date.now() / 1000)}.${triggers}.${Math.random().toString(16).slice(2, 10)}`;
}

export interface CommandFields {
  readonly text: string;
  readonly responseUrl: string;
  readonly command?: string;
  readonly userId?: string;
  readonly channelId?: string;
}

/** The form fields of a slash command, as Slack sends them. */
export function commandForm(fields: CommandFields): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: fields.channelId ?? 'C0INCIDENTS',
    channel_name: 'wa-incidents',
    user_id: fields.userId ?? 'U0OPERATOR',
    user_name: 'operator',
    command: fields.command ?? '/wa-error',
    text: fields.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: nextTrigger(),
  }).toString();
}

/** An interactive payload (block_actions …) is one form field, `payload`, holding JSON. */
export function interactionForm(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** What a click needs from a posted card: where it is and its blocks. */
export interface ClickedCard {
  readonly ts: string;
  readonly channel: string;
  readonly text?: string;
  readonly blocks?: unknown;
}

type ButtonBlock = { type: string; block_id?: string; elements?: Array<{ action_id: string; value?: string; text?: unknown }> };

/** The block_actions request Slack sends when `user` clicks the card's own `actionId` button. */
export function cardClick(card: ClickedCard, actionId: string, options: { user?: string; responseUrl: string }): string {
  const actions = ((card.blocks ?? []) as ButtonBlock[]).find((b) => b.type === 'actions');
  const button = actions?.elements?.find((e) => e.action_id === actionId);
  if (!actions || !button) throw new Error(`the card has no ${actionId} button`);
  const user = options.user ?? 'U0OPERATOR';
  return interactionForm({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    team: { id: 'T0FAKE', domain: 'fake' },
    container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
    channel: { id: card.channel, name: 'wa-incidents' },
    message: { ts: card.ts, text: card.text, blocks: card.blocks },
    trigger_id: nextTrigger(),
    response_url: options.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: actions.block_id,
        value: button.value,
        text: button.text,
        action_ts: `${(Date.now() / 1000).toFixed(6)}`,
      },
    ],
  });
}

export interface PostOptions {
  readonly timestamp?: number;
  /** Sign with another secret, to play an impostor. */
  readonly signWith?: string;
}

/** POSTs a form body to the bot exactly as Slack would: form-encoded and signed. */
export async function postSigned(url: string, secret: string, body: string, options: PostOptions = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...signatureHeaders(options.signWith ?? secret, body, options.timestamp),
    },
    body,
  });
}

/** Input values as Slack sends them in `view.state.values`: block id → action id → the element's state. */
export type ViewValues = Record<string, Record<string, Record<string, unknown>>>;

/**
 * The view_submission request Slack sends when `user` submits an opened modal (`view` as Slack answered
 * views.open / views.update, with its id and hash), its inputs filled with `values`.
 */
export function viewSubmission(
  view: Record<string, unknown>,
  options: { user?: string; values?: ViewValues; trigger?: string } = {},
): string {
  const user = options.user ?? 'U0OPERATOR';
  return interactionForm({
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'deprecated-verification-token',
    trigger_id: options.trigger ?? nextTrigger(),
    view: { ...view, team_id: 'T0FAKE', state: { values: options.values ?? {} } },
    response_urls: [],
    is_enterprise_install: false,
  });
}
