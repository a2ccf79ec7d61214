/**
 * The bot's one error family: a stable `code` that logs, metrics and tests can rely on, and the
 * original error kept as `cause`. Where an error is shown to a person is decided in one place
 * per surface (main.ts for the CLI, slack/errors.ts for Slack), never where it is thrown.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'SLACK_START_PORT_IN_USE'
  | 'SLACK_START_TOKEN_REFUSED'
  | 'SLACK_START_UNREACHABLE'
  | 'SLACK_START_FAILED'
  /** A store backend that cannot answer (a file that cannot be opened, Redis gone or hung). */
  | 'STORE_UNAVAILABLE'
  /** The Partner API refused or failed a listing. */
  | 'PARTNER_API_FAILED'
  /** A call that gave no answer within its deadline (timing/timeout.ts). */
  | 'TIMEOUT';

export class BotError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Every configuration problem found at once, each naming the variable or file and the fix. */
export class ConfigError extends BotError {
  constructor(
    readonly problems: readonly string[],
    what = 'start',
  ) {
    super(
      'CONFIG_INVALID',
      `Cannot ${what}: ${problems.length === 1 ? 'one setting needs' : `${problems.length} settings need`} attention:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSet them in .env (copy .env.example) or in the environment; README.md → Configuration explains each.',
    );
  }
}

export const isBotError = (error: unknown): error is BotError => error instanceof BotError;
