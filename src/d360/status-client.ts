import got from 'got';
import { readStatusPage, type StatusReading } from './status-page.js';

/** A status page is small; anything larger is not one. */
const MAX_BYTES = 512 * 1024;

/** Reads 360dialog's status page summary; never throws (an unreachable page is a reading too). */
export function createStatusClient(url: string, timeoutMs: number): () => Promise<StatusReading> {
  const client = got.extend({ timeout: { request: timeoutMs }, retry: { limit: 1 }, followRedirect: false, throwHttpErrors: false });
  return async () => {
    try {
      const res = await client.get(url, { responseType: 'text' });
      if (res.statusCode !== 200) return { kind: 'unreadable', why: `HTTP ${res.statusCode}` };
      if (res.body.length > MAX_BYTES) return { kind: 'unreadable', why: 'answer too large' };
      return readStatusPage(JSON.parse(res.body));
    } catch (error) {
      return { kind: 'unreadable', why: error instanceof Error ? error.message : String(error) };
    }
  };
}
