import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const root = new URL('../..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface BotProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL: no shutdown code runs, like a crash or an OOM kill. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** The real bot, `src/main.ts start`, as a child process with exactly this environment. */
export function startBot(env: Record<string, string>, cwd: string): BotProcess {
  // Node itself, not the tsx wrapper: SIGKILL to a wrapper would leave the real bot running.
  const child = spawn(process.execPath, ['--import', `${root}node_modules/tsx/dist/loader.mjs`, `${root}src/main.ts`, 'start'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', D360_STATUS_URL: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (Date.now() > deadline) throw new Error(`bot never printed ${pattern}; output:\n${out}`);
        if (child.exitCode !== null) throw new Error(`bot exited (${child.exitCode}) before printing ${pattern}; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
