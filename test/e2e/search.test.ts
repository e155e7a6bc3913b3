/**
 * 检索 in the web mode, on the built-in corpus: results grouped by law (the Hunan 办法 and the two versions of
 * its 修改对照稿 are one law), facets that narrow and stay on offer, typed filters, sort by date, the latest
 * version first or not, one law's matches, more results, the export as CSV and .xlsx read back from the
 * download, the zero-result answer, and the keyboard. Expected articles checked by reading the seeds (see
 * test/engine/search.test.ts).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness';
import { facet, hash, hitKeys, linkKey, parseCsv, results, total, totalBecomes } from './search-helpers';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const HUNAN = ['hunan-2020', 'hunan-2020-review'];

describe('Search view', () => {
  it('groups the versions of one law, lists its best articles and its versions, and narrows to one law', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('融资担保'));
    await results(page);
    const all = await total(page);
    const groups = page.getByTestId('search-group');
    expect(await groups.count()).toBe(Number(await page.getByTestId('search-laws').textContent()));
    // Every matching article is counted in exactly one law.
    const totals = await groups.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-total'))));
    expect(totals.reduce((a, b) => a + b, 0)).toBe(all);

    // The 办法 and its 对照稿 (修订草案, 二次审议稿) are one law, shown by its current text.
    expect(await page.locator('[data-testid=search-group][data-doc=hunan-2020-review]').count()).toBe(0);
    const hunan = page.locator('[data-testid=search-group][data-doc=hunan-2020]');
    expect(await hunan.getByTestId('group-title').textContent()).toBe('湖南省实施《中华人民共和国中小企业促进法》办法');
    expect(await hunan.getByTestId('group-meta').textContent()).toContain('2021年1月1日');
    const versions = hunan.getByTestId('group-v');
    expect(await versions.evaluateAll((els) => els.map((e) => [e.getAttribute('data-ref'), e.getAttribute('data-current')]))).toEqual([
      ['hunan-2020@0', 'true'],
      ['hunan-2020-review@1', 'false'],
      ['hunan-2020-review@0', 'false'],
    ]);
    expect(await versions.nth(0).textContent()).toContain('现行');
    for (const i of [1, 2]) expect(await versions.nth(i).textContent()).toContain('历史版本');
    expect(await versions.nth(1).getByTestId('group-compare').getAttribute('href')).toBe('#/compare/hunan-2020-review@1/hunan-2020@0');
    // Its best articles come from all its versions; one of another version says which.
    const keys = await hitKeys(hunan);
    expect(keys[0]).toBe('hunan-2020@0/14');
    expect(new Set(keys.map((k) => k.split('@')[0]))).toEqual(new Set(HUNAN));
    const other = hunan.locator('[data-testid=search-hit][data-doc=hunan-2020-review]').first();
    expect(['二次审议稿', '修订草案']).toContain(await other.getByTestId('hit-version').textContent());
    // Each article links to the Reader at that article, its terms to highlight.
    expect(await hunan.getByTestId('search-hit-link').first().getAttribute('href')).toMatch(/^#\/reader\/hunan-2020@0\/14\?hl=/);

    // 现行版本优先 off: versions count alike, and the 二次审议稿 (its 【融资担保】 heading) leads its law.
    await page.getByTestId('search-latest').uncheck();
    await expect.poll(() => hash(page)).toContain('latest=0');
    const byBest = page.locator('[data-testid=search-group][data-doc=hunan-2020-review][data-version="1"]');
    await byBest.waitFor();
    expect(await byBest.getByTestId('group-version').textContent()).toBe('二次审议稿');
    expect(await byBest.locator('.group-title').textContent()).toContain('历史版本');
    await page.getByTestId('search-latest').check();
    await page.locator('[data-testid=search-group][data-doc=hunan-2020]').waitFor();

    // 查看本法全部: the 浙江条例 has more matches than its best three; the results become that law.
    const zhejiang = page.locator('[data-testid=search-group][data-doc=zhejiang-2023]');
    const zjTotal = Number(await zhejiang.getAttribute('data-total'));
    expect(await zhejiang.getByTestId('search-hit').count()).toBeLessThan(zjTotal);
    await zhejiang.getByTestId('group-all').click();
    await expect.poll(() => hash(page)).toContain('doc=zhejiang-2023@0');
    await totalBecomes(page, zjTotal);
    expect(await page.getByTestId('search-group').count()).toBe(1);
    expect(await page.getByTestId('search-hit').count()).toBe(zjTotal);
    const chip = page.getByTestId('search-chip');
    expect(await chip.textContent()).toContain('法规：浙江省促进中小微企业发展条例');
    await chip.getByTestId('search-chip-remove').click();
    await totalBecomes(page, all);
    expect(await hash(page)).not.toContain('doc=');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('narrows by facets, which stay on offer with their counts; typed filters and phrases still work', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('融资担保'));
    await results(page);
    const all = await total(page);
    const hunanCount = Number(await facet(page, 'jurisdiction', '湖南').getAttribute('data-count'));
    const zhejiangCount = Number(await facet(page, 'jurisdiction', '浙江').getAttribute('data-count'));
    expect(hunanCount).toBeGreaterThan(0);
    expect(hunanCount).toBeLessThan(all);

    await facet(page, 'jurisdiction', '湖南').click();
    await expect.poll(() => hash(page)).toContain('jurisdiction=湖南');
    await totalBecomes(page, hunanCount);
    expect(await facet(page, 'jurisdiction', '湖南').getAttribute('aria-pressed')).toBe('true');
    expect(new Set((await hitKeys(page)).map((k) => k.split('@')[0]))).toEqual(new Set(HUNAN));
    // The other places stay listed with what they would add; a second one widens the results.
    await expect.poll(() => facet(page, 'jurisdiction', '浙江').getAttribute('data-count')).toBe(String(zhejiangCount));
    await facet(page, 'jurisdiction', '浙江').click();
    await expect.poll(() => hash(page)).toContain('jurisdiction=湖南,浙江');
    await totalBecomes(page, hunanCount + zhejiangCount);
    // A chip per filter; its × takes it off.
    const chips = page.getByTestId('search-chip');
    expect(await chips.allTextContents()).toEqual(['地区：湖南×', '地区：浙江×']);
    await chips.filter({ hasText: '湖南' }).getByTestId('search-chip-remove').click();
    await totalBecomes(page, zhejiangCount);
    expect(await hash(page)).toContain('jurisdiction=浙江');
    expect(await hash(page)).not.toContain('湖南');

    // 现行/历史: the superseded versions only.
    await chips.getByTestId('search-chip-remove').click();
    await totalBecomes(page, all);
    const historical = Number(await facet(page, 'status', 'historical').getAttribute('data-count'));
    await facet(page, 'status', 'historical').click();
    await totalBecomes(page, historical);
    expect(await page.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-current')))).toEqual(Array(historical).fill('false'));
    await page.getByTestId('search-chip-remove').click();
    await totalBecomes(page, all);

    // The query syntax still works, its filters shown as chips that edit the query.
    const input = page.getByTestId('search-input');
    await input.fill('融资担保 jurisdiction:湖南');
    await input.press('Enter');
    await totalBecomes(page, hunanCount);
    const typed = page.getByTestId('search-chip');
    expect(await typed.textContent()).toContain('地区：湖南（检索式）');
    await typed.getByTestId('search-chip-remove').click();
    await expect.poll(() => input.inputValue()).toBe('融资担保');
    await totalBecomes(page, all);

    // The phrase as written (预留的采购份额), then without the articles that write 百分之三十 (the 湖南 texts).
    await input.fill('"预留的采购份额"');
    await input.press('Enter');
    await totalBecomes(page, 4);
    await input.fill('"预留的采购份额" -百分之三十');
    await input.press('Enter');
    await totalBecomes(page, 2);
    expect(new Set(await hitKeys(page))).toEqual(new Set(['zhejiang-2023@0/27', 'shenzhen-draft@0/45']));
    expect(await page.getByTestId('search-summary').textContent()).toContain('排除：百分之三十');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('sorts by date, newest law first, in both layouts', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('融资担保'));
    await results(page);
    const dates = () => page.getByTestId('search-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
    const byRelevance = await dates();
    // Newest first; a law that states no date goes last.
    const newestFirst = (d: string[]) => [...d].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : b.localeCompare(a)));
    expect(byRelevance).not.toEqual(newestFirst(byRelevance));

    await page.getByTestId('search-sort-date').click();
    await expect.poll(() => hash(page)).toContain('sort=date');
    await expect.poll(dates).toEqual(newestFirst(byRelevance));
    expect(await page.getByTestId('search-sort-date').getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('search-layout-articles').click();
    await expect.poll(() => hash(page)).toContain('view=articles');
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(await total(page));
    const hitDates = await page.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
    expect(hitDates).toEqual(newestFirst(hitDates));
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('shows more: 50 articles at a time, in the article list and within one law', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('企业') + '&view=articles');
    await results(page);
    const n = await total(page);
    expect(n).toBeGreaterThan(100);
    expect(await page.getByTestId('search-hit').count()).toBe(50);
    await page.getByTestId('search-more').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(100);
    const keys = await hitKeys(page);
    expect(new Set(keys).size).toBe(100);

    // One law's matches: the law's card, every article of it page by page.
    await page.goto(app.server.url + '#/search?q=' + encodeURIComponent('企业') + '&doc=shenzhen-draft@0');
    await results(page);
    const own = await total(page);
    expect(own).toBeGreaterThan(50);
    expect(await page.getByTestId('search-group').count()).toBe(1);
    expect(await page.getByTestId('search-hit').count()).toBe(50);
    await page.getByTestId('search-more').click();
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(Math.min(100, own));
    expect(new Set(await hitKeys(page)).size).toBe(Math.min(100, own));
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('exports the hits as a CSV whose rows are the hits, and as an Excel workbook', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('融资担保') + '&view=articles');
    await results(page);
    const n = await total(page);
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(n);
    const shown = await hitKeys(page);
    const titles = await page.locator('[data-testid=search-hit] .hit-doc').evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ''));

    const csvDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('search-export-csv').click();
    const csv = await csvDownload;
    expect(csv.suggestedFilename()).toBe('检索结果：融资担保.csv');
    const bytes = readFileSync((await csv.path())!);
    // UTF-8 with a byte-order mark, so that Excel reads the Chinese.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(rows[0]).toEqual(['标题', '条', '条标题', '条文', '地区', '类型', '日期', '链接']);
    const body = rows.slice(1);
    expect(body).toHaveLength(n);
    // The same articles in the same order as on the screen, each with its whole text.
    expect(body.map((r) => linkKey(r[7]!))).toEqual(shown);
    // The page names each document by its label (标题（2023年）), the file by its title with the date apart.
    body.forEach((r, i) => expect(titles[i]!.startsWith(r[0]!)).toBe(true));
    for (const r of body) expect(r[3]!.replace(/\s/g, '')).toContain('融资');
    await expect.poll(() => page.getByTestId('search-export-status').textContent()).toBe(`已导出 检索结果：融资担保.csv（${n} 条）`);

    const xlsxDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('search-export-xlsx').click();
    const xlsx = await xlsxDownload;
    expect(xlsx.suggestedFilename()).toBe('检索结果：融资担保.xlsx');
    const book = readFileSync((await xlsx.path())!);
    // An .xlsx is a zip (PK) holding a workbook and its sheet.
    expect(book.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    const zip = await JSZip.loadAsync(book);
    expect(zip.file('xl/workbook.xml')).not.toBeNull();
    expect(zip.file('xl/worksheets/sheet1.xml')).not.toBeNull();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(book as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(n + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, '标题', '条', '条标题', '条文', '地区', '类型', '日期', '链接']);
    const cellText = (v: ExcelJS.CellValue): string => (v && typeof v === 'object' && 'text' in v ? String(v.text) : String(v ?? ''));
    const sheetKeys = Array.from({ length: n }, (_, i) => linkKey(cellText(sheet.getRow(i + 2).getCell(8).value)));
    expect(sheetKeys).toEqual(shown);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('says in Chinese what was searched when nothing is found, and offers to drop the filters', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('核电站') + '&jurisdiction=湖南');
    await results(page);
    const empty = page.getByTestId('search-empty');
    expect(await empty.textContent()).toContain('没有找到符合“核电站”的条文');
    const searched = page.getByTestId('search-searched');
    // 湖南: the 办法 and the two versions of its 对照稿.
    expect(await searched.textContent()).toMatch(/已检索 3 个文档版本中的 \d+ 条条文/);
    expect(await searched.textContent()).toContain('检索词“核电站”');
    expect(await searched.textContent()).toContain('按原文“核电站”');
    expect(await searched.textContent()).toContain('筛选条件：地区：湖南');
    await page.getByTestId('search-clear-filters').click();
    await expect.poll(() => hash(page)).toBe('#/search?q=核电站');
    // The whole library: the five seeds, one of them in two versions.
    await expect.poll(() => searched.textContent()).toMatch(/已检索 6 个文档版本中的 \d+ 条条文/);
    expect(await page.getByTestId('search-export-csv').isDisabled()).toBe(true);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  // Last: opening the Reader starts its 同题条款 alignment on the server, which can hold later requests.
  it('finds the provisions on reserved procurement shares, highlighted, and opens one with the keyboard', async () => {
    const page = await app.open('#/search');
    await page.getByTestId('search-help').waitFor();
    const input = page.getByTestId('search-input');
    await input.fill('政府采购 预留份额');
    await results(page);
    expect(await total(page)).toBe(4);
    await expect.poll(() => hash(page)).toBe('#/search?q=政府采购+预留份额');

    const hits = page.getByTestId('search-hit');
    expect(await hits.count()).toBe(4);
    const found = await hitKeys(page);
    expect(new Set(found)).toEqual(new Set(['zhejiang-2023@0/27', 'hunan-2020@0/27', 'hunan-2020-review@1/26', 'shenzhen-draft@0/45']));
    // Three laws: the 湖南 办法's article and its 二次审议稿's are one law's.
    expect(await page.getByTestId('search-group').count()).toBe(3);
    // Every snippet marks what matched.
    for (let i = 0; i < 4; i++) {
      const marks = await hits.nth(i).getByTestId('search-mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(['政府采购', '预留', '份额'].some((t) => m.includes(t))).toBe(true);
    }

    // On the links: ↓ goes to the next article, Tab would go on to the next control.
    await page.getByTestId('search-hit-link').first().focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-hit-index'))).toBe('1');

    // From the box: ↓ ↓ selects the third hit; Enter opens it in the Reader at that article.
    await input.focus();
    await input.press('ArrowUp');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await expect.poll(() => hits.nth(2).getAttribute('data-selected')).toBe('true');
    const third = found[2]!;
    const [docVersion, article] = third.split('/');
    await input.press('Enter');
    await page.getByTestId('reader').waitFor();
    await expect.poll(() => hash(page)).toMatch(new RegExp(`^#/reader/${docVersion}/${article}\\?hl=`));
    const selected = page.locator('[data-testid=article][data-selected=true]');
    await selected.waitFor();
    const marked = await selected.getByTestId('search-mark').allTextContents();
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.some((m) => m === '政府采购' || m === '预留' || m === '份额')).toBe(true);
    // Only the article the hit named is marked.
    expect(await page.locator('[data-testid=article]:not([data-selected=true]) [data-testid=search-mark]').count()).toBe(0);
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
