// `npm test`: typecheck, lint, then every vitest suite, then the one plain summary line CI reads
// ("N passed, N failed") — vitest's own summary is not in that form.
// The typecheck and Biome run beside vitest, their output held back until it ends: most tests wait
// on sockets and child processes, and tsc fills that idle CPU instead of adding half a minute before them.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';

/** Runs a command; resolves with its exit status and, when held back, what it printed. */
function run(cmd, args, { hold = false } = {}) {
  const child = spawn(cmd, args, { stdio: hold ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    child.on('error', (error) => resolve({ status: 1, output: `${output}${error}\n` }));
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

rmSync(report, { force: true });
const checks = Promise.all([
  run('npx', ['tsc', '--noEmit', '-p', '.'], { hold: true }),
  run('npx', ['biome', 'check', '.'], { hold: true }),
]);
const tests = await run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
const [typecheck, lint] = await checks;
for (const { status, output } of [typecheck, lint]) if (status !== 0) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);

let passed = 0;
let failed = 0;
// Typecheck, then lint and format (Biome): one check each.
for (const check of [typecheck, lint]) {
  if (check.status === 0) passed += 1;
  else failed += 1;
}
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  // A suite that fails to load has no tests to count, yet is a failure.
  failed += result.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
} catch {
  failed += 1;
}
if (tests.status !== 0 && failed === 0) failed = 1;

console.log(`typecheck ${typecheck.status === 0 ? 'ok' : 'FAILED'}, lint ${lint.status === 0 ? 'ok' : 'FAILED'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
