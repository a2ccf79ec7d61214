import { redactAll } from '../config/secret.js';

/**
 * The one logger: plain lines on stderr, levelled, and scrubbed of every secret the
 * process knows (API keys, Slack tokens) before anything is written. Every part is escaped
 * too, so that nothing from outside (a query string, a webhook field, a 360dialog message,
 * Slack text) can start a forged line or drive the terminal that shows the log.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error'];

export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  level: Level;
  child(name: string): Logger;
}

export interface LoggerOptions {
  level?: Level;
  name?: string;
  /** Values that must never reach the output, replaced wherever they appear. */
  secrets?: readonly string[];
  write?: (line: string) => void;
}

export function isLevel(value: string): value is Level {
  return (LEVELS as readonly string[]).includes(value);
}

/** Replaces every secret, in any encoding redactAll knows (hex, base64, percent, JSON escapes), with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  return redactAll(text, secrets);
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
  if (part instanceof Error) {
    const code = (part as { code?: unknown }).code;
    return `${part.name}${code ? ` [${String(code)}]` : ''}: ${part.message}`;
  }
  if (typeof part === 'string') return part;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const state = { level: options.level ?? 'info' };

  const make = (name: string): Logger => {
    const emit = (level: Level, msg: unknown[]) => {
      if (LEVELS.indexOf(level) < LEVELS.indexOf(state.level)) return;
      const text = msg.map(format).join(' ');
      write(redact(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${name}] ${text}`, secrets));
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
      child: (child) => make(`${name}:${child}`),
    };
  };
  return make(options.name ?? 'wa-health-bot');
}
