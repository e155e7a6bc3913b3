#!/usr/bin/env node
/**
 * Makes a checkout runnable, whatever npm did at install time.
 *
 * The project's .npmrc sets `ignore-scripts=true`: no dependency runs code at install. nodejieba's own
 * install step runs `npx @mapbox/node-pre-gyp`, which fails where npm is configured `yes=false` (npx may
 * not fetch it) and tries a download from GitHub; Electron's postinstall downloads a binary. Instead, the
 * first `npm start`, `npm test`, `npm run build` or `npx duizhao` calls `ensureReady()`:
 *   1. nodejieba's native addon: built from its sources with node-gyp (a devDependency of this project,
 *      against the headers of the Node that runs us, `<prefix>/include/node`, else npm's `nodedir`);
 *      it is an N-API addon, so the same build loads in Node 20, Node 22 and Electron;
 *   2. the bundles in build/ (scripts/build.mjs), when missing or older than the sources.
 * Run directly (`node scripts/setup.mjs`), it does both and exits.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function say(line) {
  process.stderr.write(`${line}\n`);
}

/** The folder holding `include/node/node_api.h` for the running Node, if there is one. */
function nodeHeaders() {
  const candidates = [dirname(dirname(process.execPath)), process.env.npm_config_nodedir, '/usr', '/usr/local'];
  return candidates.find((d) => d && existsSync(join(d, 'include', 'node', 'node_api.h'))) ?? null;
}

function jiebaDir() {
  try {
    return dirname(require.resolve('nodejieba/package.json'));
  } catch {
    return null;
  }
}

/** True when nodejieba's addon is there and loads in this Node. */
function nativeLoads(dir) {
  const addon = join(dir, 'build', 'Release', 'nodejieba.node');
  if (!existsSync(addon)) return false;
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * One build at a time: `npm start` and `npm test` run at once on a fresh checkout would otherwise compile
 * into the same folder together and break each other's build. A lock folder older than ten minutes is
 * left over from a killed build.
 */
function withBuildLock(dir, build) {
  const lock = join(dir, 'build.duizhao-lock');
  for (const started = Date.now(); ; ) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (nativeLoads(dir)) return;
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > 5 * 60_000) break;
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (!nativeLoads(dir)) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function ensureNative() {
  const dir = jiebaDir();
  if (!dir) {
    say('依赖尚未安装：请先运行 npm install。');
    process.exit(1);
  }
  if (nativeLoads(dir)) return;
  withBuildLock(dir, () => buildNative(dir));
}

function buildNative(dir) {
  let gyp;
  try {
    gyp = require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    say('缺少 node-gyp（开发依赖），无法编译中文分词组件 nodejieba：请运行 npm install（不要加 --omit=dev）。');
    process.exit(1);
  }
  const headers = nodeHeaders();
  say('首次运行：正在编译中文分词组件 nodejieba（C++，约 1 分钟）…');
  const args = [gyp, 'rebuild', '--release', '--jobs=max', '--loglevel=error'];
  if (headers) args.push(`--nodedir=${headers}`);
  const started = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0 || !nativeLoads(dir)) {
    say(
      '编译 nodejieba 失败（见上方的编译器输出）。需要 python3、make、g++ 和 Node 的头文件' +
        (headers ? `（已使用 ${headers}/include/node）` : '（未找到：请安装 Node 的开发头文件，或用 npm config set nodedir 指向它们）') +
        '。',
    );
    process.exit(1);
  }
  say(`nodejieba 编译完成（${((Date.now() - started) / 1000).toFixed(0)} 秒）。`);
}

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

const OUTPUTS = ['build/cli.js', 'build/web.js', 'build/engine-worker.js', 'build/import-worker.js', 'build/index-worker.js', 'build/electron/main.js', 'build/electron/preload.js', 'build/renderer/app.js'];

export function buildIsCurrent() {
  const oldest = Math.min(...OUTPUTS.map((o) => join(root, o)).map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)));
  const sources = Math.max(...['electron', 'renderer', 'scripts'].map((d) => newest(join(root, d))));
  return oldest > 0 && oldest >= sources;
}

export function build() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say('构建失败，见上方的错误信息。');
    process.exit(r.status ?? 1);
  }
}

/** Native addon, then the bundles when they are missing or stale (`force` rebuilds them anyway). */
export function ensureReady({ force = false } = {}) {
  ensureNative();
  if (force || !buildIsCurrent()) {
    if (!force) say('正在构建…');
    build();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureReady({ force: process.argv.includes('--force') });
