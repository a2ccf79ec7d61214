import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { close, listen } from './http-server.js';

/** One scripted answer of the fake 360dialog. */
export type Step =
  | { readonly status?: number; readonly json?: unknown; readonly text?: string; readonly contentType?: string; readonly delayMs?: number }
  | { readonly hang: true }
  | { readonly reset: true }
  /** Answers with a redirect (301/302/307/308) to this URL. */
  | { readonly redirect: string; readonly status: 301 | 302 | 303 | 307 | 308 }
  /** A small gzip body that inflates to `inflatedMb` MB of zeros: a decompression bomb. */
  | { readonly gzipBomb: true; readonly inflatedMb: number }
  /** A chunked body that sends `mb` MB and then never ends. */
  | { readonly endless: true; readonly mb: number };

export interface D360Request {
  readonly path: string;
  readonly key: string | undefined;
  readonly at: number;
}

export interface FakeD360 {
  readonly url: string;
  /** Answers requests carrying this key with the steps in order; the last step repeats. */
  script(key: string, ...steps: Step[]): void;
  /** Delay added before every answer. */
  latencyMs: number;
  /** Hold every answer until this many requests have been in flight at once (the first time only). */
  holdUntilInFlight: number | undefined;
  /** The answer for keys without a script (default: 360dialog's 401 for an unknown key). */
  fallback?: Step;
  readonly requests: D360Request[];
  readonly inFlight: number;
  readonly peakInFlight: number;
  requestsFor(key: string): D360Request[];
  resetStats(): void;
  close(): Promise<void>;
}

export const HEALTHY_CLOUD = {
  id: '106540352242922',
  health_status: {
    can_send_message: 'AVAILABLE',
    entities: [
      { entity_type: 'PHONE_NUMBER', id: '106540352242922', can_send_message: 'AVAILABLE' },
      { entity_type: 'WABA', id: '102290129340398', can_send_message: 'AVAILABLE' },
      { entity_type: 'BUSINESS', id: '506914307656634', can_send_message: 'AVAILABLE' },
      { entity_type: 'APP', id: '634974688087057', can_send_message: 'AVAILABLE' },
    ],
  },
};

const MB = 1024 * 1024;
let bombMember: Buffer | undefined;

/** Writes with backpressure until `mb` MB went out or the client hung up; a bomb then ends, an endless body never does. */
async function streamHostile(res: ServerResponse, step: { gzipBomb: true; inflatedMb: number } | { endless: true; mb: number }) {
  // A gzip stream may hold many members back to back; each member here inflates to 16 MB of zeros.
  bombMember ??= gzipSync(Buffer.alloc(16 * MB));
  const chunk = 'gzipBomb' in step ? bombMember : Buffer.alloc(64 * 1024, 'x');
  const count = 'gzipBomb' in step ? Math.ceil(step.inflatedMb / 16) : Math.ceil((step.mb * MB) / chunk.length);
  res.writeHead(200, { 'content-type': 'application/json', ...('gzipBomb' in step ? { 'content-encoding': 'gzip' } : {}) });
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  for (let i = 0; i < count && !closed; i++) {
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done).off('close', done);
          resolve();
        };
        res.on('drain', done).on('close', done);
      });
  }
  if ('gzipBomb' in step && !closed) res.end();
}

/**
 * A real HTTP server on loopback speaking both 360dialog APIs: Cloud GET /health_status and
 * On-Premise GET /v1/health. Unknown keys get 360dialog's 401. Records every request and the
 * peak number in flight, so tests can check concurrency limits.
 */
export async function startFakeD360(): Promise<FakeD360> {
  const scripts = new Map<string, { steps: Step[]; next: number }>();
  const requests: D360Request[] = [];
  let inFlight = 0;
  let peakInFlight = 0;

  const nextStep = (key: string | undefined): Step => {
    const script = key === undefined ? undefined : scripts.get(key);
    if (!script && fake.fallback) return fake.fallback;
    if (!script)
      return { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } } };
    const step = script.steps[Math.min(script.next, script.steps.length - 1)] as Step;
    script.next += 1;
    return step;
  };

  // Answers wait until `n` requests are in flight at once, the first time only: a concurrency check that
  // needs no latency guess (a loaded machine can finish a 30 ms answer before the fifth request arrives).
  let waiting: Array<() => void> = [];
  const heldUntilPeak = (n: number) =>
    new Promise<void>((resolve) => {
      if (peakInFlight >= n) return resolve();
      waiting.push(resolve);
    });
  const releaseIfPeak = () => {
    if (fake.holdUntilInFlight === undefined || peakInFlight < fake.holdUntilInFlight) return;
    for (const resolve of waiting) resolve();
    waiting = [];
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const key = req.headers['d360-api-key'] as string | undefined;
    requests.push({ path, key, at: Date.now() });
    if (path !== '/health_status' && path !== '/v1/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    const step = nextStep(key);
    if ('hang' in step) return; // never answers; the client's timeout must end it
    if ('reset' in step) {
      req.socket.destroy();
      return;
    }
    if ('redirect' in step) {
      res.writeHead(step.status, { location: step.redirect, 'content-type': 'application/json' }).end('{}');
      return;
    }
    if ('gzipBomb' in step || 'endless' in step) {
      await streamHostile(res, step);
      return;
    }
    if (fake.holdUntilInFlight !== undefined) await heldUntilPeak(fake.holdUntilInFlight);
    const delay = (step.delayMs ?? 0) + fake.latencyMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const body = step.text ?? (step.json === undefined ? '' : JSON.stringify(step.json));
    res.writeHead(step.status ?? 200, {
      'content-type': step.contentType ?? (step.text === undefined ? 'application/json' : 'text/plain'),
    });
    res.end(body);
  };

  const { server, url } = await listen((req, res) => {
    inFlight += 1;
    peakInFlight = Math.max(peakInFlight, inFlight);
    releaseIfPeak();
    let done = false;
    const finish = () => {
      if (!done) inFlight -= 1;
      done = true;
    };
    res.once('close', finish);
    handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;

  const fake: FakeD360 = {
    url,
    latencyMs: 0,
    requests,
    holdUntilInFlight: undefined,
    get inFlight() {
      return inFlight;
    },
    get peakInFlight() {
      return peakInFlight;
    },
    script: (key, ...steps) => scripts.set(key, { steps, next: 0 }),
    requestsFor: (key) => requests.filter((r) => r.key === key),
    resetStats() {
      requests.length = 0;
      peakInFlight = inFlight;
    },
    close: () => close(server),
  };
  return fake;
}
