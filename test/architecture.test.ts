import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const sources = files(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');

/** Each SDK may be imported only under these paths. */
const owners: Record<string, RegExp> = {
  '@slack/bolt': /^slack\//,
  got: /^d360\/client\.ts$/,
  keyv: /^store\//,
  '@keyv/': /^store\//,
  'node-cron': /^monitor\/scheduler\.ts$/,
};

describe('architecture', () => {
  it('imports each SDK in one place only', () => {
    const offenders = sources.flatMap(({ path, text }) =>
      importsOf(text).flatMap((spec) =>
        Object.entries(owners)
          .filter(([sdk, owner]) => (spec === sdk || (sdk.endsWith('/') && spec.startsWith(sdk))) && !owner.test(path))
          .map(([sdk]) => `${path} imports ${sdk}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('reads process.env only in main.ts', () => {
    expect(sources.filter(({ path, text }) => path !== 'main.ts' && /process\.env/.test(text)).map((s) => s.path)).toEqual([]);
  });

  it('keeps the catalog free of imports from the rest of the project', () => {
    const leaks = sources
      .filter(({ path }) => path.startsWith('catalog/'))
      .flatMap(({ path, text }) =>
        importsOf(text)
          .filter((spec) => spec.startsWith('../../') || (spec.startsWith('../') && !path.includes('/entries/')))
          .map((spec) => `${path} → ${spec}`),
      );
    expect(leaks).toEqual([]);
  });
});
