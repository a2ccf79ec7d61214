import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

export interface Replica {
  readonly bot: BotProcess;
  /** http://127.0.0.1:PORT, for /slack/events, /webhooks/360dialog and /readyz. */
  readonly url: string;
  /** Whether this replica's log says it took the lease (and has not said it lost it since). */
  leads(): boolean;
  /** GET /readyz's status; 0 when the replica does not answer at all. */
  ready(): Promise<number>;
}

/**
 * One replica as `npm start` runs it: the same environment as its siblings but its own PORT and
 * working directory (holding numbers.yml when given); resolves once it says it is watching.
 */
export async function launch(env: Record<string, string>, options: { numbersYaml?: string } = {}): Promise<Replica> {
  const port = await freePort();
  const cwd = mkdtempSync(join(tmpdir(), 'wa-replica-'));
  if (options.numbersYaml !== undefined) writeFileSync(join(cwd, 'numbers.yml'), options.numbersYaml);
  const bot = startBot({ ...env, PORT: String(port) }, cwd);
  await bot.waitFor(/watching \d+ number/, 60_000);
  const url = `http://127.0.0.1:${port}`;
  return {
    bot,
    url,
    leads: () => {
      const out = bot.output();
      return out.lastIndexOf('leading (fencing token') > out.lastIndexOf('lost leadership');
    },
    ready: () =>
      fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.status,
        () => 0,
      ),
  };
}
