/**
 * Finding every error in a pasted payload: a Cloud or On-Premise webhook, a Graph API error
 * response, a 360dialog health answer. Each error keeps where it came from, so an answer can say
 * "status of message wamid.… to +49…" instead of a bare code.
 */
import { MAX_PASTE_LENGTH, parseLenient } from './json-repair.js';
import { graphemePrefix } from '../text/clip.js';

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

/** A paste is JSON-ish text that mentions an error or a health status; plain words never are. */
export function looksLikePaste(input: string): boolean {
  const head = graphemePrefix(input, MAX_PASTE_LENGTH);
  return /^\s*[{[]/.test(head.replace(/^[^{[]{0,40}/, '')) && /"(?:code|error_code|errors?|gateway_status|health_status)"/.test(head);
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
    this.errors.push({ code: c, where, ...(t ? { text: graphemePrefix(t, 300) } : {}) });
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

/** Shapes no one documented together: any `errors`/`error` object with a code, found by walking. */
function anywhere(c: Collector, value: unknown, path: string, depth: number): void {
  if (depth > MAX_DEPTH || c.total >= MAX_ERRORS * 10) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      anywhere(c, v, `${path}[${i}]`, depth + 1);
    });
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'errors') c.errorList(v, path || 'errors');
      else if (key === 'error' && isObject(v)) c.errorList([v], path || 'error');
      else anywhere(c, v, path ? `${path}.${key}` : key, depth + 1);
    }
  }
}

function collect(c: Collector, root: unknown): void {
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
    const data = isObject(e.error_data) ? e.error_data : {};
    c.add(e.code, 'Graph API error response', data.details ?? e.message);
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

/** Every error in a pasted payload. Never throws; bounded in input size and in errors kept. */
export function explainPaste(input: string): PasteResult {
  const c = new Collector();
  const parsed = parseLenient(input);
  if (parsed) collect(c, parsed.value);
  if (c.total === 0) {
    // Not even a prefix parses: scan for codes the way a person would read them.
    for (const m of graphemePrefix(input, MAX_PASTE_LENGTH).matchAll(/"(?:code|error_code)"\s*:\s*"?(\d{1,7})/g))
      c.add(m[1], 'pasted text');
  }
  return { errors: c.errors, total: c.total, truncated: parsed === undefined || parsed.repaired };
}
