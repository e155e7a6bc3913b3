#!/usr/bin/env node
// The CLI is bundled by `npm run build` (run by `npm install` through "prepare").
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'build', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('duizhao: the CLI is not built yet; run `npm run build` first\n');
  process.exit(1);
}
require(cli);
