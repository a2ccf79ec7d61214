/**
 * The one logger: plain lines on stderr, levelled, and scrubbed of every secret the
 * process knows (API keys, Slack tokens) before anything is written.
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

/** Replaces every occurrence of each secret (only secrets long enough to be real) with a marker. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

function format(part: unknown): string {
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
