// `npm test`: typecheck, lint, then every vitest suite, then the one plain summary line CI reads
// ("N passed, N failed") — vitest's own summary is not in that form.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const report = '.vitest-report.json';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

let passed = 0;
let failed = 0;

const typecheck = run('npx', ['tsc', '--noEmit', '-p', '.']);
if (typecheck === 0) passed += 1;
else failed += 1;

// Lint and format (Biome): one check, counted like the typecheck.
const lint = run('npx', ['biome', 'check', '.']);
if (lint === 0) passed += 1;
else failed += 1;

rmSync(report, { force: true });
const tests = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  // A suite that fails to load has no tests to count, yet is a failure.
  failed += result.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
} catch {
  failed += 1;
}
if (tests !== 0 && failed === 0) failed = 1;

console.log(`typecheck ${typecheck === 0 ? 'ok' : 'FAILED'}, lint ${lint === 0 ? 'ok' : 'FAILED'}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
