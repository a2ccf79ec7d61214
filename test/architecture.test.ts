import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_FUNCTION_LINES, longFunctions } from './support/long-functions.js';

const src = new URL('../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const sources = files(src).map((path) => ({ path: relative(src, path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) =>
  [...text.matchAll(/^(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|^import\s*['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? '');

/** Our own modules a file imports (type imports included), as paths relative to src/. */
function localImports(path: string, text: string): string[] {
  return importsOf(text)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => normalize(join(dirname(path), spec)).replace(/\.js$/, '.ts'));
}

/** Every import cycle, each as the chain of files that closes it. */
function cycles(): string[] {
  const graph = new Map(sources.map(({ path, text }) => [path, localImports(path, text)]));
  const found: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (node: string, trail: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      found.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

/** Modules that reach outside the process: the pure incident core may import none of them. */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|dgram|dns|child_process|cluster|worker_threads|tls|readline|os|process)$/;

/** Each SDK may be imported only under these paths. */
const owners: Record<string, RegExp> = {
  '@slack/bolt': /^slack\//,
  got: /^d360\/([a-z-]+-)?client\.ts$/,
  keyv: /^store\//,
  '@keyv/': /^store\//,
  // The Redis client: one factory (one reconnect strategy, one deadline, one error handling) for every user.
  redis: /^store\/redis-client\.ts$/,
  'node-cron': /^schedule\/scheduler\.ts$/,
  'prom-client': /^telemetry\//,
  pino: /^telemetry\//,
  // The Socket Mode WebSocket: one connection's frames, pings and pongs.
  ws: /^slack\/receiver\/socket-connection\.ts$/,
};

/** Bolt internals someone once replaced by assignment: a Bolt upgrade could silently switch such a patch off. */
const BOLT_INTERNALS = 'requestListener|handleIncomingEvent|unboundRequestListener|processEvent';
const BOLT_PATCH = new RegExp(`as unknown as \\{[^}]*\\b(${BOLT_INTERNALS})\\b|\\.(${BOLT_INTERNALS})\\s*=[^=]`);
/** Bolt's own receivers, imported: ours (slack/receiver/) are built on its public request functions instead. */
const BOLT_RECEIVERS = /import[^;]*\b(HTTPReceiver|ExpressReceiver|SocketModeReceiver|AwsLambdaReceiver)\b[^;]*from\s*['"]@slack\/bolt['"]/;

/** The text between the parenthesis at `open` and the one that closes it. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/**
 * Listeners Slack waits on (3 s) that await something before the acknowledgement: their first await must be
 * `ack(…)`, and nothing awaited may hide inside its argument (`ack(answer(await store.read()))` waits first).
 */
function lateAcks(path: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\bapp\.(command|action|view|shortcut|options)\s*(<[^>]*>)?\(/g)) {
    const first = /\bawait\s+([\w.]+)\s*\(?/.exec(text.slice(m.index));
    if (first?.[1] !== 'ack') found.push(`${path}: app.${m[1]} awaits ${first?.[1] ?? 'nothing'} first`);
    else if (/\bawait\b/.test(argumentsAt(text, m.index + first.index + first[0].length - 1)))
      found.push(`${path}: app.${m[1]} awaits inside its ack`);
  }
  return found;
}

/**
 * Which room may import which: the layering CONTRIBUTING.md describes, lowest first. A folder not listed
 * here fails the test until it is placed; the composition root (main.ts, bot.ts, wiring/) may import
 * anything. `errors` is src/errors.ts, the one error family.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  errors: [],
  text: [],
  timing: ['errors'],
  catalog: ['text'],
  telemetry: ['errors', 'text', 'timing'],
  schedule: ['telemetry', 'timing'],
  core: ['catalog', 'text'],
  config: ['core', 'catalog', 'telemetry', 'schedule', 'errors', 'text', 'timing'],
  store: ['core', 'telemetry', 'errors', 'timing'],
  cluster: ['store', 'telemetry', 'errors', 'timing'],
  http: ['telemetry', 'errors', 'timing'],
  d360: ['core', 'config', 'catalog', 'telemetry', 'errors', 'text', 'timing'],
  monitor: ['core', 'config', 'd360', 'store', 'catalog', 'telemetry', 'errors', 'text', 'timing'],
  webhooks: ['core', 'config', 'store', 'http', 'catalog', 'telemetry', 'errors', 'text', 'timing'],
  slack: ['monitor', 'core', 'config', 'store', 'http', 'catalog', 'telemetry', 'errors', 'text', 'timing'],
  cli: ['monitor', 'd360', 'core', 'config', 'catalog', 'telemetry', 'errors', 'text', 'timing'],
};
const ROOT = '(root)';

/**
 * The room of a file: its top folder under src/, `errors` for src/errors.ts. The composition root is main.ts,
 * bot.ts and wiring/ (the pieces createBot is assembled from: duties, readiness, the outside watches).
 */
const roomOf = (path: string) => {
  if (path === 'errors.ts') return 'errors';
  if (!path.includes('/') || path.startsWith('wiring/')) return ROOT;
  return path.split('/')[0] as string;
};

/** Every import from one room into another, as [from, to, file]. */
function roomImports(): Array<readonly [string, string, string]> {
  return sources.flatMap(({ path, text }) =>
    localImports(path, text)
      .map((target) => [roomOf(path), roomOf(target), path] as const)
      .filter(([from, to]) => from !== to),
  );
}

/** Cycles between rooms (not files): a room that reaches itself through others. */
function roomCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, node: string, trail: string[]) => {
    for (const next of edges.get(node) ?? []) {
      if (next === start) found.add([...trail, next].join(' → '));
      else if (!trail.includes(next)) walk(start, next, [...trail, next]);
    }
  };
  for (const room of edges.keys()) walk(room, room, [room]);
  return [...found];
}

function roomGraph(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const [from, to] of roomImports()) edges.set(from, (edges.get(from) ?? new Set()).add(to));
  return edges;
}

describe('architecture', () => {
  it('lets each room import only the rooms below it in the layering table', () => {
    const unplaced = [...new Set(sources.map((s) => roomOf(s.path)))].filter((room) => room !== ROOT && !(room in MAY_IMPORT));
    expect(unplaced).toEqual([]);
    const against = roomImports()
      .filter(([from, to]) => from !== ROOT && to !== ROOT && !(MAY_IMPORT[from] ?? []).includes(to))
      .map(([from, to, file]) => `${file}: ${from} → ${to}`);
    expect(against).toEqual([]);
    // Nothing below the composition root imports it.
    expect(
      roomImports()
        .filter(([from, to]) => from !== ROOT && to === ROOT)
        .map(([, , file]) => file),
    ).toEqual([]);
  });

  it('has no cycles between rooms, and would see one', () => {
    expect(roomCycles(roomGraph())).toEqual([]);
    const planted = new Map([...roomGraph(), ['core', new Set(['slack'])]]);
    expect(roomCycles(planted).some((c) => c.startsWith('core → slack'))).toBe(true);
  });

  it('keeps the layering table itself acyclic', () => {
    const table = new Map(Object.entries(MAY_IMPORT).map(([room, allowed]) => [room, new Set(allowed)]));
    expect(roomCycles(table)).toEqual([]);
  });

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

  it('patches nothing of Bolt and uses none of its receivers', () => {
    expect(sources.filter(({ text }) => BOLT_PATCH.test(text)).map((s) => s.path)).toEqual([]);
    expect(sources.filter(({ text }) => BOLT_RECEIVERS.test(text)).map((s) => s.path)).toEqual([]);
    expect(BOLT_RECEIVERS.test("import { App, HTTPReceiver } from '@slack/bolt';")).toBe(true);
    // The rule would see the patches this project used to carry.
    expect(BOLT_PATCH.test('const internals = receiver as unknown as { requestListener: Handler };')).toBe(true);
    expect(BOLT_PATCH.test('internals.handleIncomingEvent = (req, res) => {')).toBe(true);
  });

  it('acknowledges every command and click before any other await', () => {
    expect(sources.filter(({ path }) => path.startsWith('slack/')).flatMap(({ path, text }) => lateAcks(path, text))).toEqual([]);
    const late = "app.command('/x', async ({ ack }) => {\n  const s = await deps.monitor.fleet();\n  await ack(s);\n});";
    expect(lateAcks('planted.ts', late)).toEqual(['planted.ts: app.command awaits deps.monitor.fleet first']);
    const inside = "app.command('/x', async ({ ack }) => {\n  await ack({ ...answer(await deps.monitor.fleet()) });\n});";
    expect(lateAcks('planted.ts', inside)).toEqual(['planted.ts: app.command awaits inside its ack']);
    expect(lateAcks('fine.ts', "app.action('a', async ({ ack }) => {\n  await ack();\n  await work();\n});")).toEqual([]);
  });

  it('has the routes pass requests on awaiting nothing, so each module listener (read above) acks first', () => {
    const routes = sources.find(({ path }) => path === 'slack/routes.ts')?.text ?? '';
    const mount = routes.slice(routes.indexOf('mount(bolt)'));
    expect(mount).toContain('bolt.command(');
    expect(/\bawait\b|\.then\(/.test(mount)).toBe(false);
  });

  it('reads process.env only in main.ts', () => {
    expect(sources.filter(({ path, text }) => path !== 'main.ts' && /process\.env/.test(text)).map((s) => s.path)).toEqual([]);
  });

  it('keeps the catalog free of imports from the rest of the project but the one way to cut text', () => {
    const leaks = sources
      .filter(({ path }) => path.startsWith('catalog/'))
      .flatMap(({ path, text }) =>
        importsOf(text)
          .filter((spec) => spec !== '../text/clip.js')
          .filter((spec) => spec.startsWith('../../') || (spec.startsWith('../') && !path.includes('/entries/')))
          .map((spec) => `${path} → ${spec}`),
      );
    expect(leaks).toEqual([]);
  });

  it('keeps the incident core pure: no SDK, no I/O module, nothing of slack/', () => {
    const impure = sources
      .filter(({ path }) => path.startsWith('core/'))
      .flatMap(({ path, text }) =>
        importsOf(text)
          .filter(
            (spec) => (!spec.startsWith('.') && !spec.startsWith('node:crypto')) || IO_MODULES.test(spec) || /(^|\/)slack\//.test(spec),
          )
          .map((spec) => `${path} imports ${spec}`),
      );
    expect(impure).toEqual([]);
  });

  it('has no import cycles, type imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps every source file under 300 lines, catalog data aside', () => {
    const long = sources
      .filter(({ path }) => !path.startsWith('catalog/entries/'))
      .filter(({ text }) => text.split('\n').length > 300)
      .map(({ path }) => path);
    expect(long).toEqual([]);
  });
  it(`says in a comment why any function of src/ is longer than ${LONG_FUNCTION_LINES} lines`, () => {
    const unexplained = sources.flatMap(({ path, text }) =>
      longFunctions(path, text)
        .filter((f) => !f.explained)
        .map((f) => `${path}:${f.line} ${f.name} (${f.lines} lines)`),
    );
    expect(unexplained).toEqual([]);
  });

  it('would see a long function without its reason, and take one with it', () => {
    const body = Array.from({ length: LONG_FUNCTION_LINES }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const bare = `export function big() {\n${body}\n}\n`;
    const said = `/** Long on purpose: one table. */\nexport const big = () => {\n${body}\n};\n`;
    expect(longFunctions('bare.ts', bare).map((f) => [f.name, f.explained])).toEqual([['big', false]]);
    expect(longFunctions('said.ts', said).map((f) => [f.name, f.explained])).toEqual([['big', true]]);
  });

  it('keeps every line of src/, test/ and bench/ within 140 characters', () => {
    const root = new URL('..', import.meta.url).pathname;
    const all = ['src', 'test', 'bench'].flatMap((dir) => files(join(root, dir)));
    const wide = all.flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (line.length > 140 ? [`${relative(root, path)}:${i + 1}`] : [])),
    );
    expect(wide).toEqual([]);
  });
});
