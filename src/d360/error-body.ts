/**
 * 360dialog answers errors in several shapes, depending on who produced them:
 * - its gateway: {"meta": {"httpCode"|"http_code", "developerMessage"|"developer_message", "success"}}
 *   (both spellings appear in 360dialog's own docs);
 * - the Cloud Messaging API: {"error": "<text>"};
 * - Meta passed through: {"error": {"message", "code", "error_data": {"details"}, "fbtrace_id"}};
 * - the On-Premise client: {"errors": [{"code", "title", "details"}], "meta": {...}};
 * - an HTML page during restarts, or nothing, or JSON cut short.
 */
export interface ErrorBody {
  /** WhatsApp/Meta codes in the body, most specific first. */
  readonly codes: readonly number[];
  /** The human message, however it was spelled; empty if none. */
  readonly message: string;
  /** What the body turned out to be. */
  readonly shape: 'meta' | 'error-string' | 'meta-error' | 'errors' | 'html' | 'empty' | 'not-json' | 'unknown-json';
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
};

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function parseErrorBody(text: string, contentType = ''): ErrorBody {
  const trimmed = text.trim();
  if (trimmed === '') return { codes: [], message: '', shape: 'empty' };
  if (contentType.includes('html') || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim() ?? '';
    return { codes: [], message: title, shape: 'html' };
  }
  const parsed = parseJson(trimmed);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return { codes: [], message: '', shape: 'not-json' };
  const body = parsed.value as Record<string, unknown>;

  if (Array.isArray(body.errors)) {
    const errors = body.errors.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
    return {
      codes: errors.map((e) => num(e.code)).filter((c) => c !== undefined),
      message: errors
        .map((e) => [str(e.title), str(e.details)].filter(Boolean).join(': '))
        .filter(Boolean)
        .join('; '),
      shape: 'errors',
    };
  }
  if (typeof body.error === 'object' && body.error !== null) {
    const e = body.error as Record<string, unknown>;
    const details = str((e.error_data as Record<string, unknown> | undefined)?.details);
    const code = num(e.code);
    return { codes: code === undefined ? [] : [code], message: [str(e.message), details].filter(Boolean).join(': '), shape: 'meta-error' };
  }
  if (typeof body.error === 'string') return { codes: [], message: body.error, shape: 'error-string' };
  if (typeof body.meta === 'object' && body.meta !== null) {
    const m = body.meta as Record<string, unknown>;
    return { codes: [], message: str(m.developerMessage ?? m.developer_message ?? m.message), shape: 'meta' };
  }
  return { codes: [], message: '', shape: 'unknown-json' };
}
