/**
 * A real redis-server for tests: started on loopback on a free port with nothing saved to disk,
 * stopped afterwards. Where redis-server is missing, Redis tests skip locally (with a message)
 * but fail in CI, where `.ci/run` installs it: a CI run must never pass by skipping.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export interface RedisServer {
  url: string;
  port: number;
  /** Where the AOF is kept, when started with one. */
  dir?: string;
  /** Runs redis-cli against this server and returns its output. */
  cli(...args: string[]): string;
  /** SIGSTOP: the port still accepts connections, but nothing is answered (a hung Redis) … */
  pause(): void;
  /** … until SIGCONT. */
  resume(): void;
  stop(): Promise<void>;
}

const found = spawnSync('redis-server', ['--version']).status === 0;

/** Why Redis tests cannot run here, or undefined when they can. Throws in CI rather than skip. */
export function redisMissing(): string | undefined {
  if (found) return undefined;
  const why = 'redis-server is not installed (not on PATH): Redis store tests are skipped — install it (apt-get install redis-server)';
  if (process.env.CI) throw new Error(`${why}; in CI this is a failure, not a skip`);
  console.warn(why);
  return why;
}

/** DEBUG SLEEP (a hung Redis) needs the debug command, off by default since Redis 7. */
const DEBUG = /v=([7-9]|\d{2,})\./.test(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout ?? '')
  ? ['--enable-debug-command', 'local']
  : [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a server; given a port, on that port (a restart after stop(), for outage tests). Given a
 * directory, every write is appended there and fsynced (AOF), so a restart finds what was written.
 */
export async function startRedis(given?: number, options: { dir?: string } = {}): Promise<RedisServer> {
  const port = given ?? (await freePort());
  const persistence = options.dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.dir] : ['--appendonly', 'no'];
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...DEBUG],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const cli = (...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 5000 }).trim();
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${out}`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${out}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    ...(options.dir ? { dir: options.dir } : {}),
    cli,
    pause: () => void child.kill('SIGSTOP'),
    resume: () => void child.kill('SIGCONT'),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
