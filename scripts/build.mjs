#!/usr/bin/env node
/**
 * Builds everything with esbuild (Node 20 cannot run TypeScript directly):
 *   scripts/cli.ts   → build/cli.js            (if present)
 *   scripts/web.ts   → build/web.js
 *   scripts/bench.ts → build/bench.js          (if present)
 *   electron/api/engine-worker.ts, electron/services/{import,index}-worker.ts → build/*-worker.js (threads)
 *   electron/main.ts, electron/preload.ts → build/electron/{main,preload}.js
 *   renderer/main.tsx → build/renderer/app.js (+ index.html, styles.css copied)
 * Exits non-zero on any error. Type checking is separate: `npm run typecheck`.
 */
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = (p) => join(root, p);
const started = Date.now();

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // Native addon, the Electron runtime, and the browser driver stay require()d at run time; pdfjs-dist is
  // an ES module that finds its worker through import.meta.url, so it is import()ed from node_modules.
  external: ['nodejieba', 'electron', 'playwright-core', 'pdfjs-dist'],
  logLevel: 'warning',
  absWorkingDir: root,
};

const builds = [];
const nodeEntry = (src, out, extra = {}) => {
  if (!existsSync(r(src))) return;
  builds.push({ ...nodeCommon, entryPoints: [r(src)], outfile: r(out), ...extra });
};

nodeEntry('scripts/cli.ts', 'build/cli.js');
nodeEntry('scripts/web.ts', 'build/web.js');
// The engine's thread, used by the web server and by Electron's main process (electron/api/worker.ts).
nodeEntry('electron/api/engine-worker.ts', 'build/engine-worker.js');
// The threads of a bulk import (electron/services/bulk-import.ts), found beside the bundle that starts them.
nodeEntry('electron/services/import-worker.ts', 'build/import-worker.js');
// The threads of a large search index build (electron/services/index-workers.ts), found the same way.
nodeEntry('electron/services/index-worker.ts', 'build/index-worker.js');
nodeEntry('scripts/bench.ts', 'build/bench.js');
nodeEntry('electron/main.ts', 'build/electron/main.js');
// A sandboxed preload can only require('electron'): it must be one self-contained file.
nodeEntry('electron/preload.ts', 'build/electron/preload.js', { external: ['electron'] });

if (existsSync(r('renderer/main.tsx'))) {
  builds.push({
    entryPoints: [r('renderer/main.tsx')],
    outfile: r('build/renderer/app.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    jsx: 'automatic',
    minify: true,
    sourcemap: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: root,
  });
}

// Every bundle is attempted (so one broken entry does not hide the others' errors); any failure → exit 1.
const settled = await Promise.allSettled(builds.map((options) => esbuild.build(options)));
const failed = settled
  .map((res, i) => ({ res, entry: builds[i].entryPoints[0].slice(root.length + 1) }))
  .filter(({ res }) => res.status === 'rejected' || res.value.errors.length > 0);
try {
  mkdirSync(r('build/renderer'), { recursive: true });
  for (const file of ['index.html', 'styles.css', 'compare.css', 'draft.css']) {
    if (existsSync(r(`renderer/${file}`))) copyFileSync(r(`renderer/${file}`), r(`build/renderer/${file}`));
  }
} catch (e) {
  failed.push({ entry: `renderer static files (${e instanceof Error ? e.message : String(e)})` });
}
if (failed.length > 0) {
  // esbuild has already printed the located errors.
  process.stderr.write(`build failed: ${failed.map((f) => f.entry).join(', ')}\n`);
  process.exit(1);
}
process.stderr.write(`build: ${builds.length} bundles in ${Date.now() - started} ms\n`);
