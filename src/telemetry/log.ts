import { redactAll } from './scrub.js';
import { createJsonEmit, type JsonError } from './json-line.js';

/**
 * The one logger: lines on stderr — plain text for a terminal, or one JSON object each (pino) for
 * an aggregator — levelled, and scrubbed of every secret the process knows (API keys, Slack tokens)
 * before anything is written. Every part is escaped too, so that nothing from outside (a query
 * string, a webhook field, a 360dialog message, Slack text) can start a forged line or drive the
 * terminal that shows the log.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  level: Level;
  /** A named component; `fields` are bound to every line it writes (JSON lines carry them). */
  child(name: string, fields?: LogFields): Logger;
}

/**
 * What a JSON line carries beside its component, so an aggregator can filter on it: the number (its name in
 * numbers.yml), the incident (`<number>#<opened at>`), the Slack channel id, and the code the line is about
 * (a WhatsApp or 360dialog error code, or Slack's error string for a refused call). Text lines leave them out:
 * the message names them already.
 */
export interface LogFields {
  readonly number?: string;
  readonly incident?: string;
  readonly channel?: string;
  readonly code?: string;
}

const FIELDS = Symbol('log fields');
interface FieldsPart {
  readonly [FIELDS]: LogFields;
}

/** Passed among the parts of a message: `logger.warn('throttled', fields({ number }))`. Text lines leave it out. */
export function fields(values: LogFields): FieldsPart {
  return { [FIELDS]: values };
}

const isFields = (part: unknown): part is FieldsPart => typeof part === 'object' && part !== null && FIELDS in part;

export interface LoggerOptions {
  level?: Level;
  name?: string;
  /** Values that must never reach the output, replaced wherever they appear. */
  secrets?: readonly string[];
  /** `text` (the default) or `json`: one object per line. */
  format?: 'text' | 'json';
  write?: (line: string) => void;
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators some log viewers break lines at.
// ESC, the start of every ANSI sequence, is among them: escaped, a sequence is inert text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control characters as visible escapes: `\n` becomes the two characters \ and n, ESC becomes \x1b. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    return NAMED[ch] ?? (code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`);
  });
}

function format(part: unknown): string {
  return escapeControls(formatRaw(part));
}

function formatRaw(part: unknown): string {
  if (part instanceof Error) return headOf(part);
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

const headOf = (error: Error) => {
  const code = (error as { code?: unknown }).code;
  return `${error.name}${code ? ` [${String(code)}]` : ''}: ${error.message}`;
};

/** How deep a chain of causes is followed: an error whose cause is itself must not loop. */
const MAX_CAUSES = 4;

/**
 * What a maintainer needs of an error beyond its one-line head: the stack's frames (the code path, not the
 * message again) and each cause in turn, with its own frames. Every part is escaped and scrubbed with the
 * rest of the line, so neither a message nor a frame can forge a log line or leak a key.
 */
function errorDetail(error: Error): { stack: string[]; causes: Array<{ head: string; stack: string[] }> } {
  const frames = (e: Error) =>
    (e.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map((l) => escapeControls(l.trim()));
  const causes: Array<{ head: string; stack: string[] }> = [];
  let cause: unknown = error.cause;
  for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth += 1) {
    if (cause instanceof Error) {
      causes.push({ head: escapeControls(headOf(cause)), stack: frames(cause) });
      cause = cause.cause;
    } else {
      causes.push({ head: escapeControls(formatRaw(cause)), stack: [] });
      cause = undefined;
    }
  }
  return { stack: frames(error), causes };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const state = { level: options.level ?? 'info' };
  // Scrubbed last, over the whole line: a secret split across fields, or JSON-escaped, is still found.
  const json = options.format === 'json' ? createJsonEmit((line) => write(redactAll(line, secrets))) : undefined;

  const make = (name: string, bound: LogFields): Logger => {
    const emit = (level: Level, msg: unknown[]) => {
      if (LEVELS.indexOf(level) < LEVELS.indexOf(state.level)) return;
      const text = msg
        .filter((part) => !isFields(part))
        .map(format)
        .join(' ');
      // Warnings and errors carry what a maintainer needs to find the cause: frames and causes.
      const errors = LEVELS.indexOf(level) >= LEVELS.indexOf('warn') ? msg.filter((part): part is Error => part instanceof Error) : [];
      if (json) {
        const given = msg.filter(isFields).map((part) => part[FIELDS]);
        const all: Record<string, string | JsonError> = { component: escapeControls(name) };
        for (const [key, value] of Object.entries(Object.assign({}, bound, ...given) as LogFields))
          if (value !== undefined) all[key] = escapeControls(value);
        const first = errors[0];
        if (first) {
          const { stack, causes } = errorDetail(first);
          // Not `err`: pino would run its own serializer over that key.
          all.error = { type: escapeControls(first.name), message: escapeControls(first.message), stack, causes };
        }
        json(level, all, text);
        return;
      }
      // A text line stays one line (nothing can start a forged one): causes inline; frames, at debug level,
      // as lines of their own under it, each with the same prefix.
      const prefix = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${name}]`;
      const details = errors.map(errorDetail);
      const causes = details.flatMap((d) => d.causes.map((c) => ` ← caused by ${c.head}`)).join('');
      write(redactAll(`${prefix} ${text}${causes}`, secrets));
      if (state.level === 'debug')
        for (const d of details) for (const frame of d.stack) write(redactAll(`${prefix}     ${frame}`, secrets));
    };
    return {
      debug: (...msg) => emit('debug', msg),
      info: (...msg) => emit('info', msg),
      warn: (...msg) => emit('warn', msg),
      error: (...msg) => emit('error', msg),
      get level() {
        return state.level;
      },
      set level(level: Level) {
        state.level = level;
      },
      child: (child, more) => make(`${name}:${child}`, { ...bound, ...more }),
    };
  };
  return make(escapeControls(options.name ?? 'wa-health-bot'), {});
}
