/** Running the built CLI (bin/duizhao.js → build/cli.js) from tests, as a user would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'duizhao.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh, empty DUIZHAO_HOME. */
export function tempHome(prefix = 'duizhao-home-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `duizhao ARGS` with its own home (a fresh one unless given) and no colours. */
export function runCli(args: string[], home: string = tempHome()): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DUIZHAO_HOME: home, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** For a beforeAll: the CLI tests run the bundle, which `npm test` builds first. */
export function requireBuiltCli(): void {
  if (!existsSync(join(ROOT, 'build', 'cli.js'))) throw new Error('build/cli.js missing: run `npm run build` (npm test does)');
}
