/**
 * The JavaScript the real-process tests run: src/ and test/support/ transpiled file by file (types
 * stripped, each file where its source is) at the start of every test run, so a process always runs the source as
 * it is now — never a stale dist/. A process then starts in well under half the time it takes through
 * tsx's loader, which matters: the suite starts about fifty of them.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// The transform tsx itself runs on every file it loads (tsx depends on esbuild): the same JavaScript, made once.
import { buildSync } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;
/** Inside the repository, so that the transpiled files find node_modules as the sources do. */
const CACHE = join(root, 'node_modules/.cache/wa-health-processes');

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

/** Transpiles the sources into a directory of this run's own; returns it. */
export function buildForProcesses(): string {
  const out = join(CACHE, `run-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  buildSync({
    entryPoints: [...sources(join(root, 'src')), ...sources(join(root, 'test/support'))],
    outbase: root,
    outdir: out,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  // Below node_modules no package.json of ours is found: say these are ES modules, as package.json does.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  return out;
}

export function removeBuild(out: string): void {
  rmSync(out, { recursive: true, force: true });
}
