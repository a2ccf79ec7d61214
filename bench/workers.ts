/** Bench helpers shared by the benches that run their subjects as separate processes (pass, replicas). */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import type { WaNumber } from '../src/config/numbers.js';
import { Secret } from '../src/config/secret.js';

export interface Worker {
  child: ChildProcess;
  lines: AsyncIterator<string>;
}

/** A TypeScript worker in its own node process; it speaks in lines on stdout. */
export function spawnWorker(args: string[], flags: string[] = []): Worker {
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = (createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }) as Interface)[Symbol.asyncIterator]();
  return { child, lines };
}

/** The worker's next line starting with `prefix` (others are skipped). */
export async function nextLine(worker: Worker, prefix = ''): Promise<string> {
  for (let i = 0; i < 10_000; i++) {
    const { value, done } = await worker.lines.next();
    if (done) throw new Error('bench worker ended early');
    if (value.startsWith(prefix)) return value;
  }
  throw new Error('bench worker never answered');
}

/** `count` Cloud numbers on one base URL, each with its own key (as a real fleet has). */
export const benchNumbers = (url: string, count: number): WaNumber[] =>
  Array.from({ length: count }, (_, i) => ({
    name: `number ${i}`,
    api: 'cloud',
    apiKeyEnv: 'D360_KEY',
    apiKey: new Secret(`bench-key-${i}`),
    baseUrl: url,
  }));

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
export const range = (xs: number[], digits = 2) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
