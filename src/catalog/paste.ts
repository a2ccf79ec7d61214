/**
 * Finding every error in a pasted payload: a Cloud or On-Premise webhook, a Graph API error
 * response, a 360dialog health answer. Each error keeps where it came from, so an answer can say
 * "status of message wamid.… to +49…" instead of a bare code.
 */
import { entriesForCode } from './index.js';
import { MAX_PASTE_LENGTH, parseLenient, payloadsIn } from './json-repair.js';
import { codesInText, looksLikeErrorText } from './paste-text.js';
import { parseRelaxed } from './relaxed.js';

export interface PastedError {
  readonly code: string;
  /** Where in the payload it sits, in words: "status of message wamid.X to +4915…", "entity WABA 1234". */
  readonly where: string;
  /** Meta's title or details, as sent (user text: escape before showing). */
  readonly text?: string;
}

export interface PasteResult {
  readonly errors: readonly PastedError[];
  /** How many errors the payload holds, counting those beyond the cap. */
  readonly total: number;
  /** True when the JSON was cut off and repaired, or could only be scanned. */
  readonly truncated: boolean;
}

const MAX_ERRORS = 100;
const MAX_DEPTH = 12;

/**
 * A paste is JSON-ish text that mentions an error or a health status, or text that carries what only a pasted
 * error carries (Meta's `(#131030)` in a long or multi-line text, a keyed code, a Graph error's field names);
 * plain words never are.
 */
export function looksLikePaste(input: string): boolean {
  const head = input.slice(0, MAX_PASTE_LENGTH);
  if (/^\s*[{[]/.test(head.replace(/^[^{[]{0,40}/, '')) && /"(?:code|error_code|errors?|gateway_status|health_status)"/.test(head)) {
    return true;
  }
  const long = head.length > 200 || /\n\s*\S/.test(head.trim());
  return looksLikeErrorText(head) || (long && /\(#\d{1,7}\)/.test(head));
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const phone = (v: unknown) => {
  const s = str(v);
  return s === undefined ? 'unknown recipient' : s.startsWith('+') ? s : `+${s}`;
};

class Collector {
  readonly errors: PastedError[] = [];
  total = 0;
  add(code: unknown, where: string, text?: unknown): void {
    const c = str(code);
    if (c === undefined || !/^[\w-]{1,20}$/.test(c)) return;
    this.total += 1;
    if (this.errors.length >= MAX_ERRORS) return;
    const t = str(text);
    this.errors.push({ code: c, where, ...(t ? { text: t.slice(0, 300) } : {}) });
  }
  errorList(errors: unknown, where: string): void {
    for (const e of list(errors)) {
      if (!isObject(e)) continue;
      const data = isObject(e.error_data) ? e.error_data : {};
      this.add(e.code ?? e.error_code, where, data.details ?? e.details ?? e.title ?? e.error_description ?? e.message);
    }
  }
}

function statuses(c: Collector, value: Json): void {
  for (const s of list(value.statuses)) {
    if (isObject(s)) c.errorList(s.errors, `status of message ${str(s.id) ?? '(no id)'} to ${phone(s.recipient_id)}`);
  }
  for (const m of list(value.messages)) {
    if (isObject(m)) c.errorList(m.errors, `incoming message ${str(m.id) ?? '(no id)'} from ${phone(m.from)}`);
  }
}

function health(c: Collector, root: Json): void {
  const hs = root.health_status;
  if (isObject(hs)) {
    for (const entity of list(hs.entities)) {
      if (!isObject(entity)) continue;
      const who = `entity ${str(entity.entity_type) ?? 'unknown'} ${str(entity.id) ?? ''}`.trim();
      c.errorList(entity.errors, who);
      if (entity.can_send_message === 'LIMITED' && list(entity.errors).length === 0) c.add('LIMITED', who, entity.additional_info);
    }
    if (hs.can_send_message === 'BLOCKED' || hs.can_send_message === 'LIMITED') c.add(hs.can_send_message, 'health status (overall)');
  }
  const h = root.health;
  if (isObject(h)) {
    if (typeof h.gateway_status === 'string') c.add(h.gateway_status, 'On-Premise gateway status');
    for (const [node, v] of Object.entries(h)) {
      if (isObject(v) && typeof v.gateway_status === 'string') c.add(v.gateway_status, `On-Premise gateway node ${node}`);
    }
  }
}

/** An object that is an error whatever its place: a numeric code beside Meta's other error fields. */
const ERROR_FIELDS = ['message', 'title', 'details', 'type', 'error_data', 'fbtrace_id', 'error_subcode', 'href', 'error_user_msg'];
const isErrorObject = (v: Json) =>
  /^\d{1,7}$/.test(String(v.code ?? v.error_code ?? v.errorCode ?? '')) && ERROR_FIELDS.some((k) => v[k] !== undefined);

/** Shapes no one documented together: any `errors`/`error` object, or any error-like object, found by walking. */
function anywhere(c: Collector, value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH || c.total >= MAX_ERRORS * 10) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      anywhere(c, v, `${path}[${i}]`, depth + 1);
    });
  } else if (isObject(value)) {
    if (isErrorObject(value)) {
      graphError(c, value, path || 'error object');
      return;
    }
    for (const [key, v] of Object.entries(value)) {
      if (key === 'errors') c.errorList(v, path || 'errors');
      else anywhere(c, v, path ? `${path}.${key}` : key, depth + 1);
    }
  }
}

/** A Graph API error: its code, and its `error_subcode` when the catalog documents that one too. */
function graphError(c: Collector, e: Json, where: string): void {
  const data = isObject(e.error_data) ? e.error_data : {};
  const text = data.details ?? e.message ?? e.title;
  c.add(e.code ?? e.error_code ?? e.errorCode, where, text);
  const sub = str(e.error_subcode);
  if (sub && entriesForCode(sub).some((entry) => entry.code === sub)) c.add(sub, `error_subcode of the ${where}`, text);
}

function collect(c: Collector, root: unknown, depth = 0): void {
  if (Array.isArray(root) && depth === 0) {
    // A tool's dump of several payloads (n8n prints a list of change values): each read as a payload.
    for (const item of root.slice(0, MAX_ERRORS)) collect(c, item, depth + 1);
    return;
  }
  if (!isObject(root)) {
    anywhere(c, root, '', 0);
    return;
  }
  if (Array.isArray(root.entry)) {
    for (const entry of list(root.entry)) {
      for (const change of list(isObject(entry) ? entry.changes : [])) {
        const value = isObject(change) && isObject(change.value) ? change.value : undefined;
        if (!value) continue;
        statuses(c, value);
        c.errorList(value.errors, 'value.errors (not tied to one message)');
      }
    }
    return;
  }
  if (isObject(root.error)) {
    const e = root.error;
    // A BSP's wrapper names its own code ("TOO_MANY_REQUESTS") and nests Meta's error inside.
    if (/^\d{1,7}$/.test(String(e.code ?? ''))) graphError(c, e, 'Graph API error response');
    else anywhere(c, e, 'error', 1);
    return;
  }
  if (root.health_status !== undefined || root.health !== undefined) {
    health(c, root);
    return;
  }
  if (Array.isArray(root.statuses) || Array.isArray(root.messages)) statuses(c, root);
  if (Array.isArray(root.errors)) c.errorList(root.errors, 'errors (On-Premise, not tied to one message)');
  if (c.total === 0) anywhere(c, root, '', 0);
}

/** Every error in a pasted payload or log text. Never throws; bounded in input size and in errors kept. */
export function explainPaste(input: string): PasteResult {
  const c = new Collector();
  const text = unescapeQuotes(input.slice(0, MAX_PASTE_LENGTH));
  let truncated = false;
  for (const segment of payloadsIn(text)) {
    const parsed = segment.closed ? tryJson(segment.text) : parseLenient(segment.text);
    const value = parsed?.value ?? parseRelaxed(segment.text);
    truncated ||= !segment.closed || (parsed?.repaired ?? false);
    collect(c, value);
  }
  // What no payload structure gave: Meta's markers and keyed codes in the text; an HTTP status only if nothing else.
  const found = new Set(c.errors.map((e) => e.code));
  for (const t of codesInText(text)) {
    if (found.has(t.code) || (t.evidence === 'http' && found.size > 0)) continue;
    found.add(t.code);
    c.add(t.code, t.where);
  }
  return { errors: c.errors, total: c.total, truncated };
}

function tryJson(text: string): { value: unknown; repaired: boolean } | undefined {
  try {
    return { value: JSON.parse(text) as unknown, repaired: false };
  } catch {
    return undefined;
  }
}

/** JSON quoted inside a string of another language (a Rust or Java error's `\"code\":100`) read as JSON. */
function unescapeQuotes(text: string): string {
  return /\{\\"/.test(text) ? text.replace(/\\\\/g, '\\').replace(/\\"/g, '"') : text;
}
