/**
 * `apps.connections.open`: the app-level token (SLACK_APP_TOKEN) buys a WebSocket URL. Slack's answer is
 * sorted into what the receiver does next: connect, wait and try again (a 429 says how long), or stop,
 * because the token itself is refused and no retry can fix that.
 */
export type OpenAnswer =
  | { readonly kind: 'url'; readonly url: string }
  | { readonly kind: 'retry'; readonly why: string; readonly afterMs?: number }
  | { readonly kind: 'refused'; readonly code: string; readonly line: string };

/** How long one call may take: a Slack that hangs is a failure like any other, and is retried. */
const CALL_TIMEOUT_MS = 10_000;

const WHERE = "the xapp-… token under the app's Basic Information → App-Level Tokens, with the connections:write scope";

/** The answers no retry can change, each with what the operator should do, in one line. */
const REFUSED: Record<string, string> = {
  not_allowed_token_type: `SLACK_APP_TOKEN is not an app-level token (Slack answered not_allowed_token_type): use ${WHERE}`,
  missing_scope: `SLACK_APP_TOKEN lacks the connections:write scope (Slack answered missing_scope): generate ${WHERE}`,
};
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'team_disabled',
  'user_removed_from_team',
  'app_deleted',
]);

/** The app-level token refused for `code`: what to tell the operator. */
function refusalLine(code: string): string {
  return (
    REFUSED[code] ?? `Slack refused the app-level token (${code}): check SLACK_APP_TOKEN — ${WHERE}; generate a new one if it was revoked`
  );
}

/** Retry-After is in seconds; anything unreadable leaves the wait to the backoff. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || !/^\s*\d+(\.\d+)?\s*$/.test(header)) return undefined;
  return Math.round(Number(header) * 1000);
}

export async function openConnection(apiUrl: string, appToken: string, post: typeof fetch = fetch): Promise<OpenAnswer> {
  let res: Response;
  try {
    // The token goes in the header: Slack refuses it as a form field for this method.
    res = await post(new URL('apps.connections.open', apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`), {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}`, 'content-type': 'application/x-www-form-urlencoded' },
      signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'retry', why: `Slack could not be reached (${cause ?? (error instanceof Error ? error.message : String(error))})` };
  }
  if (res.status === 429) {
    const afterMs = retryAfterMs(res.headers.get('retry-after'));
    await res.body?.cancel();
    return { kind: 'retry', why: 'Slack is rate-limiting apps.connections.open (HTTP 429)', ...(afterMs !== undefined ? { afterMs } : {}) };
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    return { kind: 'retry', why: `apps.connections.open answered HTTP ${res.status}` };
  }
  let body: { ok?: unknown; url?: unknown; error?: unknown };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    return { kind: 'retry', why: 'apps.connections.open answered something that is not JSON' };
  }
  if (body.ok === true && typeof body.url === 'string' && /^wss?:\/\//.test(body.url)) return { kind: 'url', url: body.url };
  const code = typeof body.error === 'string' ? body.error : 'no URL in the answer';
  if (code in REFUSED || TOKEN_ERRORS.has(code)) return { kind: 'refused', code, line: refusalLine(code) };
  // `ratelimited` in a 200 body, an internal error, a new code: worth another try later.
  return { kind: 'retry', why: `apps.connections.open answered ${code}` };
}
