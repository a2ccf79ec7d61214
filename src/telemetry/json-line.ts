import { pino } from 'pino';

/** An error on a warning or error line: its head, the stack's frames and its causes, each escaped. */
export interface JsonError {
  readonly type: string;
  readonly message: string;
  readonly stack: readonly string[];
  readonly causes: ReadonlyArray<{ readonly head: string; readonly stack: readonly string[] }>;
}

/** What a JSON line carries beside level, time and msg. Every value is already escaped by the logger. */
export type JsonBindings = Readonly<Record<string, string | JsonError>>;

/** The Logger's levels (not imported from log.ts, which imports this file). */
type Level = 'debug' | 'info' | 'warn' | 'error';

export type JsonEmit = (level: Level, bindings: JsonBindings, msg: string) => void;

/**
 * One JSON object per line, by pino: `{"level":"info","time":"…","component":"poll","number":"…","msg":"…"}`.
 * pino's own level filter is opened fully: the Logger decides what is written (its level can change
 * at run time, through Bolt's setLevel), and every line goes through `write`, which scrubs secrets.
 */
export function createJsonEmit(write: (line: string) => void): JsonEmit {
  const logger = pino(
    {
      level: 'debug',
      // No pid and hostname on every line: the aggregator's agent knows where a line came from.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // pino writes each line, newline included, synchronously to a destination with a write method.
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
  return (level, bindings, msg) => logger[level](bindings, msg);
}
