#!/usr/bin/env node
/**
 * README screenshots: starts the web mode (build/web.js; run `npm run build` first), opens it in Debian
 * Chromium at 1400×900 and writes
 *   docs/screenshot-library.png   文库
 *   docs/screenshot-reader.png    阅读: 浙江省促进中小微企业发展条例 第二十七条
 *   docs/screenshot-compare.png   对照: 湖南 修订草案 / 二次审议稿
 *   docs/screenshot-search.png    检索: 政府采购 预留份额
 *   docs/screenshot-topics.png    主题: 浙江 / 湖南 / 深圳
 * With ../shared/corpora/lawrefbook found upwards from here, three of its folders (经济法, 行政法, 社会法:
 * about 240 national laws) are imported first by the command line, so that 文库 and 检索 show a library.
 * Usage: node scripts/screenshot.mjs [--out DIR] [--seeds-only]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex > 0 ? process.argv[outIndex + 1] : join(root, 'docs'));
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function fail(message) {
  process.stderr.write(`screenshot: ${message}\n`);
  process.exit(1);
}

if (!existsSync(join(root, 'build', 'web.js'))) fail('build/web.js is missing: run `npm run build` first');
if (!existsSync(executablePath)) fail(`${executablePath} is missing: apt-get install -y chromium fonts-noto-cjk`);

const home = mkdtempSync(join(tmpdir(), 'duizhao-shot-'));

function findCollection() {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpora', 'lawrefbook');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
const collection = process.argv.includes('--seeds-only') ? null : findCollection();
if (collection) {
  const folders = ['经济法', '行政法', '社会法'].map((f) => join(collection, f)).filter((f) => existsSync(f));
  const r = spawnSync(process.execPath, [join(root, 'bin', 'duizhao.js'), 'import', ...folders, '--json'], {
    env: { ...process.env, DUIZHAO_HOME: home },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) fail('importing the library for the screenshots failed');
}
const server = spawn(process.execPath, [join(root, 'build', 'web.js'), '--port', '0'], {
  cwd: root,
  env: { ...process.env, DUIZHAO_HOME: home },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let browser;
try {
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /Duizhao 网页模式：(\S+)/.exec(out);
      if (m) resolveUrl(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`web mode exited with ${code}`)));
    setTimeout(() => reject(new Error('web mode did not start in 30 s')), 30_000).unref();
  });
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  mkdirSync(outDir, { recursive: true });

  await page.goto(url + '#/library');
  await page.getByTestId('doc-row').first().waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(outDir, 'screenshot-library.png') });

  await page.goto(url + '#/reader/zhejiang-2023');
  await page.getByTestId('jump-input').fill('第二十七条');
  await page.getByTestId('jump-input').press('Enter');
  await page.locator('[data-testid=article][data-selected="true"]').waitFor();
  await page.evaluate(() => document.fonts.ready);
  // Panels under the selected article may still be computing; give them a moment (not fatal).
  await page
    .waitForFunction(() => !document.body.innerText.includes('正在'), undefined, { timeout: 20_000 })
    .catch(() => undefined);
  await page.mouse.move(1390, 890); // no hover highlight left on the outline
  await page.waitForTimeout(1300); // let the highlight animation settle
  await page.screenshot({ path: join(outDir, 'screenshot-reader.png') });
  // The other views, for the README and for looking at them (quiet = nothing says 正在… any more).
  const shots = [
    ['screenshot-compare.png', '#/compare/hunan-2020-review@0/hunan-2020-review@1'],
    ['screenshot-search.png', `#/search?q=${encodeURIComponent('政府采购 预留份额')}`],
    ['screenshot-topics.png', '#/topics'],
  ];
  for (const [file, hash] of shots) {
    await page.goto(url + hash);
    await page.waitForTimeout(500);
    await page
      .waitForFunction(() => !document.body.innerText.includes('正在'), undefined, { timeout: 30_000 })
      .catch(() => undefined);
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(outDir, file) });
  }
  process.stdout.write(['screenshot-library.png', 'screenshot-reader.png', ...shots.map((s) => s[0])].map((f) => join(outDir, f)).join('\n') + '\n');
} catch (e) {
  process.stderr.write(`screenshot: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  server.kill('SIGTERM');
  rmSync(home, { recursive: true, force: true });
}
