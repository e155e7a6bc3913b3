#!/usr/bin/env node
/**
 * `npm start`: the desktop app when the Electron binary is installed, else the web mode in the browser.
 *   npm start [-- --port N]     (web mode port, default 5173; 0 picks a free port)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** Newest modification time under a folder (sources), to tell whether build/ is stale. */
function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function buildIfNeeded(outputs) {
  const built = outputs.map((o) => join(root, o));
  const oldest = Math.min(...built.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = Math.max(newest(join(root, 'electron')), newest(join(root, 'renderer')), newest(join(root, 'scripts')));
  if (oldest > 0 && oldest >= sources) return;
  process.stderr.write('Building…\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write('Build failed; see the errors above.\n');
    process.exit(r.status ?? 1);
  }
}

/** The electron package exports the binary's path, and throws when its download never happened. */
function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function run(cmd, cmdArgs, env = process.env) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
  child.on('error', (e) => {
    process.stderr.write(`Could not start ${cmd}: ${e.message}\n`);
    process.exit(1);
  });
}

const electron = electronBinary();
if (electron) {
  buildIfNeeded(['build/electron/main.js', 'build/electron/preload.js', 'build/renderer/app.js']);
  // Started on the folder holding package.json ("main": build/electron/main.js) so app.getAppPath() is the
  // repository, where corpus/ lives.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, [root, ...args.filter((a) => !a.startsWith('--port'))], env);
} else {
  process.stderr.write(
    'Electron binary not installed (its download is blocked here); starting the web mode instead. ' +
      'Install it with `node node_modules/electron/install.js` where the network allows.\n',
  );
  buildIfNeeded(['build/web.js', 'build/renderer/app.js']);
  const hasPort = args.some((a) => a === '--port' || a.startsWith('--port='));
  run(process.execPath, [join(root, 'build', 'web.js'), ...(hasPort ? args : ['--port', '5173', ...args])]);
}
