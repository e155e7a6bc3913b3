/**
 * 文库 with a few hundred real documents: four folders of the shared corpus (national laws of 行政法, 经济法,
 * 宪法相关法, 社会法 — several laws in two versions) imported with the command line into the test's
 * DUIZHAO_HOME before the web mode starts. The list draws only the rows in view, scrolls to the last,
 * moves by keyboard, filters by place, kind, year and title with counts that agree with the documents, and
 * names versions of one law by their labels, the later one saying which it follows.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../electron/api/contract';
import { ROOT, startApp, type TestApp } from './harness';

const LAWREFBOOK = process.env.DUIZHAO_LAWREFBOOK ?? '/work/shared/corpora/lawrefbook';
const FOLDERS = ['行政法', '经济法', '宪法相关法', '社会法'];
/** Rows of the list's fixed height (LibraryView ROW_HEIGHT). */
const ROW = 64;

let app: TestApp;
let home: string;
let listed: DocumentSummary[];

const cli = (args: string[]) => execFileSync(process.execPath, [join(ROOT, 'bin', 'duizhao.js'), ...args], { env: { ...process.env, DUIZHAO_HOME: home }, maxBuffer: 64 * 1024 * 1024 }).toString();

describe.skipIf(!existsSync(LAWREFBOOK))('文库 with a few hundred documents', () => {
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'duizhao-e2e-library-'));
    cli(['import', ...FOLDERS.map((f) => join(LAWREFBOOK, f)), '--json']);
    listed = (JSON.parse(cli(['list', '--json'])) as { documents: DocumentSummary[] }).documents;
    app = await startApp({ home });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('draws only the rows in view; scrolling and End reach the last; Enter opens the Reader', async () => {
    expect(listed.length).toBeGreaterThan(250);
    const page = await app.open();
    const started = Date.now();
    await page.getByTestId('doc-row').first().waitFor({ timeout: 30_000 });
    // A figure for the reader of the log, not a limit (benchmarks measure).
    console.log(`文库: ${listed.length} documents listed and drawn in ${Date.now() - started} ms`);
    expect(await page.getByTestId('library-count').getAttribute('data-total')).toBe(String(listed.length));
    const rows = page.getByTestId('doc-row');
    // Far fewer rows in the page than documents, the list as tall as all of them.
    expect(await rows.count()).toBeLessThan(60);
    expect(await page.getByTestId('doc-table').evaluate((e) => e.getBoundingClientRect().height)).toBe(listed.length * ROW);
    expect(await page.locator('[data-testid=doc-table]').getAttribute('aria-rowcount')).toBe(String(listed.length));

    // Scrolled to the bottom, the last document is drawn, in view.
    const last = listed.at(-1)!;
    await page.evaluate(() => {
      const view = document.querySelector('.view')!;
      view.scrollTop = view.scrollHeight;
    });
    const lastRow = page.locator(`[data-testid=doc-row][data-doc-id="${last.id}"]`);
    await lastRow.waitFor();
    expect(await lastRow.getAttribute('aria-rowindex')).toBe(String(listed.length));
    const box = (await lastRow.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    expect(await rows.count()).toBeLessThan(60);
    expect(await lastRow.getByTestId('doc-title').textContent()).toBe(last.label);

    // Keyboard: Home, ↓, End, Enter.
    await page.getByTestId('doc-table').focus();
    await page.keyboard.press('Home');
    const active = () => page.locator('[data-testid=doc-row].active').getAttribute('data-doc-id');
    await expect.poll(active).toBe(listed[0]!.id);
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).toBe(listed[1]!.id);
    expect(await page.getByTestId('doc-table').getAttribute('aria-activedescendant')).toBe('doc-row-1');
    await page.keyboard.press('End');
    await expect.poll(active).toBe(last.id);
    await page.keyboard.press('PageUp');
    const up = await active();
    expect(listed.findIndex((d) => d.id === up)).toBeLessThan(listed.length - 3);
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/reader/${last.id}@0`);
    expect(await page.getByTestId('doc-heading').textContent()).toBe(last.title);
    // (Closed once its calls are answered: a call dropped while the engine warms up its index restarts it.)
    await page.waitForLoadState('networkidle');
    await page.close();
  });

  it('filters by 地区, 类型, 年份 and words of the title; the counts agree with the documents', async () => {
    const page = await app.open();
    await page.getByTestId('doc-row').first().waitFor({ timeout: 30_000 });
    const shown = () => page.getByTestId('library-count').getAttribute('data-shown');

    const national = listed.filter((d) => d.jurisdiction === '全国');
    expect(await page.getByTestId('library-filter-jurisdiction').locator('option[value="全国"]').textContent()).toBe(`全国（${national.length}）`);
    await page.getByTestId('library-filter-jurisdiction').selectOption('全国');
    await expect.poll(shown).toBe(String(national.length));

    const laws = national.filter((d) => d.kind === '法律');
    await page.getByTestId('library-filter-kind').selectOption('法律');
    await expect.poll(shown).toBe(String(laws.length));

    // 年份: the year the version stands at.
    const of2021 = laws.filter((d) => (d.versionDate ?? '').startsWith('2021'));
    expect(of2021.length).toBeGreaterThan(3);
    await page.getByTestId('library-filter-year').selectOption('2021');
    await expect.poll(shown).toBe(String(of2021.length));
    // The rows drawn are the first of them, in the library's order.
    const ids = await page.getByTestId('doc-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc-id')));
    expect(ids.length).toBeGreaterThan(5);
    expect(ids).toEqual(of2021.map((d) => d.id).slice(0, ids.length));

    await page.getByTestId('library-clear').click();
    await expect.poll(shown).toBe(String(listed.length));

    // Two versions of one law: each by its label; the later says which it follows; 只看最新版本 keeps it alone.
    const secrets = listed.filter((d) => d.title === '中华人民共和国保守国家秘密法');
    expect(secrets.map((d) => d.label).sort()).toEqual(['中华人民共和国保守国家秘密法（2010年修订）', '中华人民共和国保守国家秘密法（2024年修订）']);
    await page.getByTestId('library-filter').fill('保守国家秘密');
    await expect.poll(shown).toBe('2');
    const titles = await page.getByTestId('doc-title').allTextContents();
    expect(titles.sort()).toEqual(secrets.map((d) => d.label).sort());
    const later = page.locator('[data-testid=doc-row]', { hasText: '（2024年修订）' });
    expect(await later.getByTestId('doc-follows').textContent()).toBe('接续 中华人民共和国保守国家秘密法（2010年修订）');
    expect(await page.locator('[data-testid=doc-row]', { hasText: '（2010年修订）' }).getByTestId('doc-work').textContent()).toBe('本法规共 2 个版本');
    await page.getByTestId('library-latest').check();
    await expect.poll(shown).toBe('1');
    expect(await page.getByTestId('doc-title').allTextContents()).toEqual(['中华人民共和国保守国家秘密法（2024年修订）']);
    await page.close();
  });

  it('sorted by title, the versions of one law stand together, newest first', async () => {
    const page = await app.open();
    await page.getByTestId('doc-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('library-sort').selectOption('title');
    // Every law of the list with two versions: its rows are next to each other, the later first.
    const works = new Map<string, DocumentSummary[]>();
    for (const d of listed) works.set(d.work, [...(works.get(d.work) ?? []), d]);
    const twice = [...works.values()].filter((v) => v.length === 2);
    expect(twice.length).toBeGreaterThan(5);
    for (const pair of twice.slice(0, 6)) {
      await page.getByTestId('library-filter').fill(pair[0]!.title.replace(/^中华人民共和国/, ''));
      const order = await page.getByTestId('doc-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc-id')));
      const at = order.indexOf(pair[0]!.id);
      const bt = order.indexOf(pair[1]!.id);
      expect(Math.abs(at - bt)).toBe(1);
      const newer = [...pair].sort((a, b) => (b.versionDate ?? '').localeCompare(a.versionDate ?? ''))[0]!;
      expect(order[Math.min(at, bt)]).toBe(newer.id);
    }
    await page.close();
    expect(app.errors).toEqual([]);
  });
});
