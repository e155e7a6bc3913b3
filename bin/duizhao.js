#!/usr/bin/env node
// The CLI is bundled into build/; the first run after `npm install` builds it (scripts/setup.mjs).
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..');
const cli = join(root, 'build', 'cli.js');
const native = join(root, 'node_modules', 'nodejieba', 'build', 'Release', 'nodejieba.node');
if (!existsSync(cli) || !existsSync(native)) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'setup.mjs')], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require(cli);
