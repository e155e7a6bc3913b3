/**
 * The page's library-wide alignment, in the web mode over a library with real texts imported (北京 2020 and
 * 河南 2008 SME regulations, the national SME law, two 文明行为 regulations): 其他地方怎么规定 under the
 * Reader's article, 同类法规 from the Reader's header and the 文库, and the 主题 matrix's downloads.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, Library } from '../../electron/services/library';
import { launchBrowser, startWebServer, type WebServer } from './harness';

const FIXTURES = join(__dirname, '..', 'fixtures', 'align-library');

let home: string;
/** Fixture name → the id the library gave it. */
const ID: Record<string, string> = {};
let server: WebServer;
let browser: Browser;
let context: BrowserContext;
const errors: string[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'duizhao-e2e-align-'));
  const library = new Library({ corpusDir: corpusDir(__dirname), home });
  for (const name of ['beijing-sme-2020', 'henan-sme-2008', 'national-sme-2017', 'zhengzhou-civility-2022', 'jinan-civility-2019']) {
    ID[name] = (await library.importBytes(readFileSync(join(FIXTURES, `${name}.md`)), `${name}.md`)).id;
  }
  server = await startWebServer({ home });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function open(hash: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(server.url + hash);
  return page;
}

describe('其他地方怎么规定 in the Reader', () => {
  it('lists the counterparts in the other jurisdictions\' regulations on the subject, with redlines', async () => {
    const page = await open(`#/reader/${ID['beijing-sme-2020']}@0/28`);
    const panel = page.getByTestId('counterparts-panel');
    await panel.getByTestId('counterparts-doc').first().waitFor({ timeout: 90_000 });
    expect(await panel.getByTestId('counterparts-scope').textContent()).toMatch(/^文库 10 份文档中，同一主题的其他地区法规 \d+ 份$/);
    const refs = await panel.getByTestId('counterparts-doc').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
    expect(refs).toEqual(expect.arrayContaining(['shenzhen-draft', 'hunan-2020', 'zhejiang-2023']));
    expect(refs.some((r) => r === ID['jinan-civility-2019'] || r === ID['zhengzhou-civility-2022'])).toBe(false);
    const shenzhen = panel.locator('[data-testid=counterparts-doc][data-ref="shenzhen-draft"]');
    expect(await shenzhen.getByTestId('counterparts-name').textContent()).toBe('深圳');
    const best = shenzhen.getByTestId('counterpart-link').first();
    expect(await best.getAttribute('data-article')).toBe('45');
    expect(await best.getAttribute('data-confidence')).toBe('high');
    expect(await best.textContent()).not.toContain('？');
    expect(await best.getAttribute('title')).toContain('置信度高');
    // The redline against 深圳 第四十五条, on demand.
    await shenzhen.getByTestId('redline-toggle').click();
    const redline = shenzhen.getByTestId('redline');
    await redline.waitFor();
    expect(await redline.getByTestId('diff-del').count()).toBeGreaterThan(0);
    expect(await redline.getByTestId('diff-ins').count()).toBeGreaterThan(0);
    expect(await redline.textContent()).toContain('政府采购');
    await best.click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reader/shenzhen-draft@0/45');
    await page.close();
  }, 180_000);

  it('marks weak candidates as such and shows — only where a regulation has nothing on the subject', async () => {
    const page = await open('#/reader/shenzhen-draft@0/73');
    const panel = page.getByTestId('counterparts-panel');
    await panel.getByTestId('counterparts-doc').first().waitFor({ timeout: 90_000 });
    const links = panel.getByTestId('counterpart-link');
    expect(await links.count()).toBeGreaterThan(0);
    expect(new Set(await links.evaluateAll((els) => els.map((e) => e.getAttribute('data-confidence'))))).toEqual(new Set(['low']));
    for (const text of await links.allTextContents()) expect(text).toMatch(/^(第.+条|（.+）)？/); // an opinion's items are （三）
    expect(await links.first().getAttribute('title')).toContain('置信度低');
    // 河南 2008 says nothing about competition: "—", listed last.
    const henan = panel.locator(`[data-testid=counterparts-doc][data-ref="${ID['henan-sme-2008']}"]`);
    expect(await henan.getByTestId('counterpart-none').textContent()).toContain('—');
    expect(await panel.getByTestId('counterparts-doc').last().getAttribute('data-ref')).toBe(ID['henan-sme-2008']);
    await page.close();
  }, 120_000);

  it('asks once per selected article', async () => {
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/counterparts')) asked.push(r.postData() ?? '');
    });
    await page.goto(`${server.url}#/reader/zhejiang-2023@0/26`);
    await page.getByTestId('counterparts-doc').first().waitFor({ timeout: 90_000 });
    for (const n of ['27', '42']) {
      await page.getByTestId('jump-input').fill(n);
      await page.getByTestId('jump-submit').click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/reader/zhejiang-2023@0/${n}`);
      await page.getByTestId('counterparts-doc').first().waitFor({ timeout: 60_000 });
    }
    expect(asked.map((b) => JSON.parse(b).article)).toEqual([26, 27, 42]);
    await page.close();
  }, 180_000);
});

describe('同类法规', () => {
  it('from the Reader\'s header: the regulations on the same subject elsewhere, to read or compare in 主题', async () => {
    const page = await open(`#/reader/${ID['zhengzhou-civility-2022']}@0`);
    await page.getByTestId('similar-toggle').click();
    const panel = page.getByTestId('similar-panel');
    await panel.getByTestId('similar-doc').first().waitFor({ timeout: 90_000 });
    expect(await panel.getByTestId('similar-doc').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual([ID['jinan-civility-2019']]);
    expect(await panel.getByTestId('similar-open').first().getAttribute('href')).toBe(`#/reader/${ID['jinan-civility-2019']}@0`);
    await panel.getByTestId('similar-compare').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/topics/${ID['zhengzhou-civility-2022']},${ID['jinan-civility-2019']}`);
    await page.getByTestId('topic-matrix').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('topic-column').evaluateAll((els) => els.map((e) => e.firstElementChild!.textContent))).toEqual(['郑州 2021', '济南 2018']);
    await page.close();
  }, 180_000);

  it('from a row of 文库, without opening the document', async () => {
    const page = await open('#/library');
    const row = page.locator(`[data-testid=doc-row][data-doc-id="${ID['beijing-sme-2020']}"]`);
    await row.getByTestId('similar-toggle').click();
    const panel = row.getByTestId('similar-panel');
    await panel.getByTestId('similar-doc').first().waitFor({ timeout: 90_000 });
    const refs = await panel.getByTestId('similar-doc').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
    expect(refs).toEqual(expect.arrayContaining(['shenzhen-draft', 'hunan-2020', ID['national-sme-2017'], ID['henan-sme-2008']]));
    expect(await panel.locator(`[data-testid=similar-doc][data-ref="${ID['national-sme-2017']}"] .similar-name`).textContent()).toBe('国家 2017');
    // Still on 文库: the button does not open the row.
    expect(await page.evaluate(() => location.hash)).toBe('#/library');
    expect(await panel.getByTestId('similar-compare-all').getAttribute('href')).toMatch(new RegExp(`^#/topics/${ID['beijing-sme-2020']},`));
    await page.close();
  }, 120_000);
});

describe('主题: the matrix downloads', () => {
  it('as an Excel workbook and a PDF', async () => {
    const page = await open(`#/topics/zhejiang-2023,hunan-2020,${ID['beijing-sme-2020']},${ID['national-sme-2017']}`);
    await page.getByTestId('topic-matrix').waitFor({ timeout: 90_000 });
    expect(await page.getByTestId('topic-column').evaluateAll((els) => els.map((e) => e.firstElementChild!.textContent))).toEqual(['浙江 2023', '湖南 2021', '北京 2020', '国家 2017']);
    const xlsx = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-xlsx').click();
    const book = await xlsx;
    expect(book.suggestedFilename()).toBe('主题对照表（浙江 2023、湖南 2021、北京 2020、国家 2017）.xlsx');
    const bookBytes = readFileSync((await book.path())!);
    expect(bookBytes.subarray(0, 2).toString()).toBe('PK');
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(bookBytes as unknown as ArrayBuffer);
    expect((wb.getWorksheet('主题对照（条号）')!.getRow(1).values as unknown[]).slice(3)).toEqual(['浙江 2023', '湖南 2021', '北京 2020', '国家 2017']);
    await expect.poll(() => page.getByTestId('matrix-export-status').getAttribute('data-phase')).toBe('done');
    expect(await page.getByTestId('matrix-export-status').textContent()).toMatch(/^已导出 主题对照表.*\.xlsx（\d+ 个主题，\d+ KB）$/);

    const pdf = page.waitForEvent('download', { timeout: 180_000 });
    await page.getByTestId('export-pdf').click();
    const printed = await pdf;
    expect(printed.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync((await printed.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
    expect(errors).toEqual([]);
  }, 300_000);
});
