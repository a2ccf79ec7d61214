import { BotError } from '../errors.js';

/**
 * The one deadline: `op` answers within `ms`, or the promise rejects with a BotError of code TIMEOUT
 * (`what` says which call: "Redis gave no answer"). The timer is cleared either way, so a fast answer
 * leaves nothing behind to keep the process awake.
 */
export async function withTimeout<R>(op: Promise<R> | (() => Promise<R>), ms: number, what: string): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BotError('TIMEOUT', `${what} within ${Math.round(ms)} ms`)), ms);
  });
  try {
    return await Promise.race([typeof op === 'function' ? op() : op, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves after `ms` without holding the process open (for grace periods at shutdown). */
export const sleepUnref = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());
