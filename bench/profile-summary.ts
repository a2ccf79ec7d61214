/**
 * Where a CPU profile's time went: `tsx bench/profile-summary.ts <file.cpuprofile> [top]` prints the
 * self time per package (or per source file of ours) and the top functions, as shares of the
 * sampled total. Used on `node --cpu-prof` profiles of the bot process (README "Performance").
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A frame's owner: the npm package, a file of ours, node's internals, or V8's own pseudo-frames. */
function ownerOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] ?? url;
  if (url.startsWith('node:')) return url;
  const ours = /\/(src|bench|dist)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/** Coarse shares for the README: what part of the bot (or of Node) each owner belongs to. */
const GROUPS: ReadonlyArray<readonly [string, RegExp]> = [
  ['idle (waiting on sockets and timers)', /^\(idle\)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'got and its helpers',
    new RegExp(
      '^(got|p-cancelable|@sindresorhus/is|lowercase-keys|cacheable-|@szmarczak|responselike|decompress-response|' +
        'form-data-encoder|http2-wrapper|normalize-url|mimic-response|get-stream|defer-to-connect|quick-lru)',
    ),
  ],
  [
    'Node HTTP, sockets and streams (native writes included)',
    new RegExp(
      '^(node:(_http|http|net|internal/stream|internal/streams|stream|events|internal/url|url|buffer|' +
        'internal/process|timers|internal/timers|internal/async)|\\(native\\)|\\(program\\))',
    ),
  ],
  ['360dialog client and classify (src/d360, config/secret)', /^(src|dist)\/(d360|config)\//],
  ['engine, monitor, grouping (src/core, src/monitor)', /^(src|dist)\/(core|monitor)\//],
  ['store (src/store, SQLite, Keyv)', /^((src|dist)\/store\/|sqlite3|keyv|@keyv)/],
  ['logging and metrics (src/telemetry, prom-client, pino)', /^((src|dist)\/telemetry\/|prom-client|pino)/],
  ['Slack app, delivery (src/slack, Bolt, Web API)', /^((src|dist)\/slack\/|@slack|axios)/],
];

function groupsOf(owners: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [owner, us] of owners) {
    const group = GROUPS.find(([, pattern]) => pattern.test(owner))?.[0] ?? 'other (module loading, crypto, the rest)';
    out.set(group, (out.get(group) ?? 0) + us);
  }
  return out;
}

export function summarise(profile: Profile, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const owner = ownerOf(frame.url, frame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${owner}:${frame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  const busy = total - (owners.get('(idle)') ?? 0);
  const shares = [...groupsOf(owners)]
    .filter(([group]) => !group.startsWith('idle'))
    .sort((a, b) => b[1] - a[1])
    .map(([group, us]) => `  ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${group}`);
  return [
    `sampled ${(total / 1000).toFixed(0)} ms, busy ${(busy / 1000).toFixed(0)} ms`,
    'busy time by part:',
    ...shares,
    'self time by owner:',
    ...rows(owners),
    'top functions:',
    ...rows(functions),
  ];
}

if (process.argv[2]) {
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile;
  console.log(summarise(profile, Number(process.argv[3] ?? 25)).join('\n'));
}
