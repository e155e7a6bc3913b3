#!/usr/bin/env node
/**
 * `npm start`: the desktop app when the Electron binary is installed, else the web mode in the browser.
 *   npm start [-- --port N]     (web mode port, default 5173; 0 picks a free port)
 *   npm run web [-- --port N]   (the web mode even where Electron is installed)
 * Either first makes the checkout runnable (scripts/setup.mjs: the native segmenter, the bundles).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureReady } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const web = process.argv.includes('--web');
const args = process.argv.slice(2).filter((a) => a !== '--web');

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
    process.stderr.write(`无法启动 ${cmd}：${e.message}\n`);
    process.exit(1);
  });
}

ensureReady();
const electron = web ? null : electronBinary();
if (electron) {
  // Started on the folder holding package.json ("main": build/electron/main.js) so app.getAppPath() is the
  // repository, where corpus/ lives.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, [root, ...args.filter((a) => !a.startsWith('--port'))], env);
} else {
  if (!web) {
    process.stderr.write(
      '未安装 Electron 程序（安装时不下载它），改为启动网页模式：在浏览器中打开下面的地址。' +
        '联网时运行 node node_modules/electron/install.js 安装后，npm start 会打开桌面窗口。\n',
    );
  }
  const hasPort = args.some((a) => a === '--port' || a.startsWith('--port='));
  run(process.execPath, [join(root, 'build', 'web.js'), ...(hasPort ? args : ['--port', '5173', ...args])]);
}
