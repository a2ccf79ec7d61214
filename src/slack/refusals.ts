import { webApi } from '@slack/bolt';

/**
 * What a failed Slack call means for the effect it carried. Slack answers HTTP 200 with
 * `ok: false` and an error string for most refusals; each string falls in one of these kinds.
 */
export type Refusal =
  /** Try again soon with backoff: Slack or the network had a moment. */
  | { readonly kind: 'transient'; readonly error: string; readonly retryAfterMs?: number }
  /** Something a person must fix (invite the bot, a token): keep everything queued and say so loudly. */
  | { readonly kind: 'configuration'; readonly error: string; readonly scope: 'channel' | 'workspace' }
  /** This message cannot be sent as drawn (too long, blocks refused): draw a smaller one. */
  | { readonly kind: 'content'; readonly error: string }
  /** The card was deleted or can no longer be edited: post a fresh one. */
  | { readonly kind: 'card-gone'; readonly error: string };

const TRANSIENT = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'timeout']);
/** Wrong for the whole workspace: no channel will work until a person acts. */
const WORKSPACE = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
  'org_login_required',
  'ekm_access_denied',
  'enterprise_is_restricted',
  'access_denied',
  'team_added_to_org',
]);
const CONTENT = new Set([
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'no_text',
  'too_many_attachments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  'invalid_arguments',
  'invalid_arg_name',
]);
const CARD_GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

/** Slack errors by what a person should do; shown with the ERROR line and on /readyz. */
export const HINTS: Readonly<Record<string, string>> = {
  not_in_channel: 'invite the bot to the channel (/invite @WA Health)',
  channel_not_found: "check SLACK_INCIDENT_CHANNEL or the number's channel: use a channel ID and invite the bot",
  is_archived: 'the channel is archived: unarchive it or point the number at another channel',
  invalid_auth: 'check SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app and set the new SLACK_BOT_TOKEN',
  account_inactive: 'the app or its installer was deactivated: reinstall the app',
  missing_scope: 'reinstall the app from manifest.yml',
  restricted_action: 'a workspace setting stops the bot posting there: ask an admin, or use another channel',
};

export const hintFor = (error: string): string => (HINTS[error] ? ` — ${HINTS[error]}` : '');

/** Classifies whatever a Web API call threw. Unknown refusals count as configuration: kept, retried, loud. */
export function refusalOf(error: unknown): Refusal {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'transient', error: 'ratelimited', retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    case webApi.ErrorCode.HTTPError:
      return { kind: 'transient', error: `HTTP ${e.statusCode ?? '?'}` };
    case webApi.ErrorCode.RequestError:
      return { kind: 'transient', error: 'network error' };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown';
      if (TRANSIENT.has(code)) return { kind: 'transient', error: code };
      if (CARD_GONE.has(code)) return { kind: 'card-gone', error: code };
      if (CONTENT.has(code)) return { kind: 'content', error: code };
      return { kind: 'configuration', error: code, scope: WORKSPACE.has(code) ? 'workspace' : 'channel' };
    }
    default:
      return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
  }
}
