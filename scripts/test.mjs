#!/usr/bin/env node
// `npm test`: type-check (the whole project, then each layer with its own libraries), the layer check,
// build (the CLI and web-mode tests run the bundles), then the whole vitest suite.
// Ends with one plain line "tests: N passed, N failed, N skipped" that any CI can read.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(name, cmd, args) {
  process.stderr.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status ?? 1;
}

// tsconfig.json: everything, tests included; tsconfig.node.json: electron/ and scripts/ with Node and
// without the DOM; tsconfig.renderer.json: the page with the DOM and without Node.
for (const config of ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.renderer.json']) {
  if (step(`type-check (${config})`, npx, ['tsc', '-p', config, '--noEmit']) !== 0) {
    process.stdout.write('tests: 0 passed, 1 failed\n');
    process.exit(1);
  }
}
// The layers of docs/architecture.md: no import climbs, no circles.
if (step('layers', process.execPath, ['scripts/check-layers.mjs']) !== 0) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}
// The native segmenter first (built here when the install skipped it: see scripts/setup.mjs), then the bundles.
if (step('native', process.execPath, ['-e', "import('./scripts/setup.mjs').then((m) => m.ensureNative())"]) !== 0) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}
if (step('build', process.execPath, ['scripts/build.mjs']) !== 0) {
  process.stdout.write('tests: 0 passed, 1 failed\n');
  process.exit(1);
}
mkdirSync(join(root, 'test-results'), { recursive: true });
const report = join(root, 'test-results', 'vitest.json');
const extra = process.argv.slice(2);
const code = step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);
let summary = `tests: 0 passed, 1 failed`;
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  if (r.numTotalTests === 0) summary = 'tests: 0 passed, 1 failed (no test ran)';
} catch {
  // No report: vitest itself failed to start; the summary stays a failure.
}
process.stdout.write(`\n${summary}\n`);
process.exit(code);
