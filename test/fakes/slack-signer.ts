import { createHmac } from 'node:crypto';

/** Headers Slack puts on every HTTP request: a timestamp and an HMAC of `v0:<ts>:<raw body>`. */
export function signatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
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
    trigger_id: '1234.5678.abcd',
  }).toString();
}

/** An interactive payload (block_actions …) is one form field, `payload`, holding JSON. */
export function interactionForm(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
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
