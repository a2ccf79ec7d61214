import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import got, { CancelError, RequestError } from 'got';
import type { WaNumber } from '../config/numbers.js';

/** What one health call produced: an HTTP answer of any status, an answer we refused to read, or none. Never throws. */
export type HealthAnswer =
  | { readonly kind: 'http'; readonly status: number; readonly contentType: string; readonly body: string; readonly durationMs: number }
  | {
      readonly kind: 'failed';
      readonly reason: 'timeout' | 'refused' | 'dns' | 'reset' | 'network';
      readonly message: string;
      readonly durationMs: number;
    }
  /** A redirect to another origin: not followed, so the key never reaches it. Only the origin is kept. */
  | { readonly kind: 'redirect'; readonly status: number; readonly origin: string; readonly durationMs: number }
  /** More than `limitBytes` after decompression: cut off there, the rest never read. */
  | { readonly kind: 'too-large'; readonly limitBytes: number; readonly durationMs: number };

export interface D360Client {
  health(number: WaNumber): Promise<HealthAnswer>;
}

export interface D360ClientOptions {
  /** Whole-request budget per attempt; got has no timeout by default. */
  readonly timeoutMs?: number;
  /** Extra attempts after a network error or a 5xx. */
  readonly retries?: number;
  /** Largest health answer read, counted after decompression. */
  readonly maxBytes?: number;
}

/** Cloud: GET /health_status. On-Premise (legacy): GET /v1/health. Both take the D360-API-KEY header. */
export const HEALTH_PATH = { cloud: 'health_status', onprem: 'v1/health' } as const;

/** A health answer is a few KB; a megabyte is already absurd, and a gzip bomb decompresses to gigabytes. */
export const MAX_HEALTH_BYTES = 1024 * 1024;

const REASONS: Record<string, Extract<HealthAnswer, { kind: 'failed' }>['reason']> = {
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const originOf = (location: string | undefined, base: string): string => {
  try {
    return new URL(location ?? '', base).origin;
  } catch {
    return 'an unreadable location';
  }
};

/**
 * got strips only authorization and cookie headers on a cross-origin redirect, never D360-API-KEY:
 * following one would hand the key to whoever the redirect names, and let their answer decide the
 * number's health. Same-origin redirects (a moved path) are harmless and followed.
 */
const isSameOrigin = (response: { headers: { location?: string }; url: string; requestUrl: URL }): boolean =>
  originOf(response.headers.location, response.url) === response.requestUrl.origin;

/** The only module that speaks HTTP to 360dialog, and the only one that ever reads an API key. */
export function createD360Client(options: D360ClientOptions = {}): D360Client {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 2;
  const maxBytes = options.maxBytes ?? MAX_HEALTH_BYTES;
  // One instance for every base URL: the URL is whole per call, the sockets are kept alive per host.
  const client = got.extend({
    throwHttpErrors: false,
    responseType: 'text',
    followRedirect: isSameOrigin,
    agent: { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
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

  return {
    async health(number) {
      const started = performance.now();
      const durationMs = () => performance.now() - started;
      const url = `${number.baseUrl}/${HEALTH_PATH[number.api]}`;
      let tooLarge = false;
      try {
        const call = client.get(url, { headers: { 'D360-API-KEY': number.apiKey.reveal() } });
        // Progress counts the bytes after decompression: the call is cut off as soon as they pass the limit.
        call.on('downloadProgress', ({ transferred }) => {
          if (transferred > maxBytes && !tooLarge) {
            tooLarge = true;
            call.cancel();
          }
        });
        const res = await call;
        if (tooLarge || Buffer.byteLength(res.body) > maxBytes)
          return { kind: 'too-large', limitBytes: maxBytes, durationMs: durationMs() };
        if (REDIRECTS.has(res.statusCode) && res.headers.location !== undefined)
          return { kind: 'redirect', status: res.statusCode, origin: originOf(res.headers.location, res.url), durationMs: durationMs() };
        return {
          kind: 'http',
          status: res.statusCode,
          contentType: String(res.headers['content-type'] ?? ''),
          body: res.body,
          durationMs: durationMs(),
        };
      } catch (error) {
        if (tooLarge || error instanceof CancelError) return { kind: 'too-large', limitBytes: maxBytes, durationMs: durationMs() };
        // got's errors carry the request options, headers and key included: keep only code and a safe message.
        const code = error instanceof RequestError ? (error.code ?? '') : '';
        const reason = REASONS[code] ?? 'network';
        return { kind: 'failed', reason, message: `${reason} (${code || 'no code'}) calling ${url}`, durationMs: durationMs() };
      }
    },
  };
}
