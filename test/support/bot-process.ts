/**
 * The real process: `src/main.ts` (or a test worker) as Node runs it. Under vitest it runs this
 * run's own transpilation of the current source (global-setup.ts, process-build.ts), never a stale
 * dist/; elsewhere, tsx's loader on the source. Node itself is started, not a wrapper: one process
 * to start, and a SIGKILL that reaches the bot.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { inject } from 'vitest';
import { tail, until } from './until.js';

const root = new URL('../..', import.meta.url).pathname;
const LOADER = `${root}node_modules/tsx/dist/loader.mjs`;

/** How Node starts `file` (a .ts path in this repository): its transpiled copy, or the source through tsx. */
function entry(file: string): string[] {
  let build: string | undefined;
  try {
    build = inject('processBuild');
  } catch {
    build = undefined;
  }
  // Source maps on, as `npm start` has them: stack frames in logs name the .ts lines.
  return build ? ['--enable-source-maps', `${build}/${file.replace(/\.ts$/, '.js')}`] : ['--import', LOADER, `${root}${file}`];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TypeScript file of this repository (src/main.ts, a test worker) as its own Node process. */
export function spawnTs(
  file: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; node?: string[] } = {},
) {
  return spawn(process.execPath, [...(options.node ?? []), ...entry(file), ...args], {
    cwd: options.cwd ?? root,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Finished {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a TypeScript file of this repository to its end: exit status, stdout and stderr. */
export function runTs(file: string, args: readonly string[], options: Parameters<typeof spawnTs>[2] = {}): Promise<Finished> {
  const child = spawnTs(file, args, options);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/**
 * `src/main.ts <command …>` as npm runs it, with exactly these variables (and PATH) in `cwd`: for
 * what only a process shows — exit codes, stdout and stderr, variables read by main.ts.
 */
export function runMain(args: readonly string[], options: { cwd: string; env?: Record<string, string> }): Promise<Finished> {
  return runTs('src/main.ts', args, options);
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  /** Resolves once the output matches; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** SIGKILL: no shutdown code runs, like a crash or an OOM kill. */
  kill9(): Promise<void>;
  /** SIGTERM, then the exit. */
  stop(): Promise<void>;
}

/** The real bot, `src/main.ts start`, as a child process with exactly this environment (and PATH). */
export function startBot(env: Record<string, string>, cwd: string): BotProcess {
  const child = spawnTs('src/main.ts', ['start'], { cwd, env: { D360_STATUS_URL: 'off', ...env } });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    async waitFor(pattern) {
      await until(
        () => {
          if (pattern.test(out)) return true;
          if (!running())
            throw new Error(`bot exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}; output:\n${tail(out)}`);
          return false;
        },
        `the bot prints ${pattern}`,
        { context: () => out },
      );
    },
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (running()) child.kill('SIGTERM');
      await exited;
    },
  };
}
