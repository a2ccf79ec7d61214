import got, { type Got, RequestError } from 'got';
import type { WaNumber } from '../config/numbers.js';

/** What one health call produced: an HTTP answer of any status, or no answer at all. Never throws. */
export type HealthAnswer =
  | { readonly kind: 'http'; readonly status: number; readonly contentType: string; readonly body: string; readonly durationMs: number }
  | {
      readonly kind: 'failed';
      readonly reason: 'timeout' | 'refused' | 'dns' | 'reset' | 'network';
      readonly message: string;
      readonly durationMs: number;
    };

export interface D360Client {
  health(number: WaNumber): Promise<HealthAnswer>;
}

export interface D360ClientOptions {
  /** Whole-request budget per attempt; got has no timeout by default. */
  readonly timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx. */
  readonly retries?: number;
}

/** Cloud: GET /health_status. On-Premise (legacy): GET /v1/health. Both take the D360-API-KEY header. */
export const HEALTH_PATH = { cloud: 'health_status', onprem: 'v1/health' } as const;

const REASONS: Record<string, Exclude<HealthAnswer, { kind: 'http' }>['reason']> = {
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

/** The only module that speaks HTTP to 360dialog, and the only one that ever reads an API key. */
export function createD360Client(options: D360ClientOptions = {}): D360Client {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const byBase = new Map<string, Got>();

  const clientFor = (baseUrl: string): Got => {
    let client = byBase.get(baseUrl);
    if (!client) {
      client = got.extend({
        prefixUrl: baseUrl,
        throwHttpErrors: false,
        responseType: 'text',
        timeout: { request: timeoutMs },
        headers: { accept: 'application/json', 'user-agent': 'wa-health-bot' },
        retry: {
          limit: retries,
          methods: ['GET'],
          statusCodes: [500, 502, 503, 504, 555],
          // A hang is not retried: it would multiply the wait, and the next poll comes soon anyway.
          errorCodes: ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN'],
          calculateDelay: ({ computedValue, attemptCount }) => (computedValue === 0 ? 0 : Math.min(2000, 250 * 2 ** (attemptCount - 1))),
        },
      });
      byBase.set(baseUrl, client);
    }
    return client;
  };

  return {
    async health(number) {
      const started = performance.now();
      try {
        const res = await clientFor(number.baseUrl).get(HEALTH_PATH[number.api], { headers: { 'D360-API-KEY': number.apiKey.reveal() } });
        return {
          kind: 'http',
          status: res.statusCode,
          contentType: String(res.headers['content-type'] ?? ''),
          body: res.body,
          durationMs: performance.now() - started,
        };
      } catch (error) {
        // got's errors carry the request options, headers and key included: keep only code and a safe message.
        const code = error instanceof RequestError ? (error.code ?? '') : '';
        const reason = REASONS[code] ?? 'network';
        return {
          kind: 'failed',
          reason,
          message: `${reason} (${code || 'no code'}) calling ${number.baseUrl}/${HEALTH_PATH[number.api]}`,
          durationMs: performance.now() - started,
        };
      }
    },
  };
}
