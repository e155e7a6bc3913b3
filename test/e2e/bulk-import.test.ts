/**
 * Importing a whole collection in the 文库 view (web mode): a folder chosen with 导入文件夹… (test/fixtures/
 * bulk: real excerpts of the shared corpus with an index page, a case report, a guide, a picture, a broken
 * Word file, a text without its body and a duplicate), several files and a .zip at once, and a large
 * folder stopped with 取消 — after which the library holds exactly what the summary says went in, whole,
 * and the same import again finishes the job.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type TestApp } from './harness';

const TREE = join(ROOT, 'test', 'fixtures', 'bulk');
const LAWREFBOOK = process.env.DUIZHAO_LAWREFBOOK ?? '/work/shared/corpora/lawrefbook';
const SEEDS = 5;

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const total = (page: import('playwright-core').Page) => page.getByTestId('library-count').getAttribute('data-total').then(Number);

describe('bulk import in the 文库 view', () => {
  it('imports a folder: progress, then what was imported, skipped (with reasons) and failed (with errors)', async () => {
    const page = await app.open();
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(SEEDS);
    await page.getByTestId('import-folder-input').setInputFiles(TREE);
    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-cancelled')).toBe('false');
    expect(await summary.locator('h2').textContent()).toMatch(/^导入完成/);
    expect(await page.getByTestId('bulk-imported-count').textContent()).toBe('7');
    expect(await page.getByTestId('bulk-failed-count').textContent()).toBe('2');
    expect(await page.getByTestId('bulk-skipped-count').textContent()).toBe('5');

    // Failed: each file with its error, in Chinese.
    const failed = await page.getByTestId('bulk-failed-item').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-file'), e.querySelector('.bulk-why')?.textContent])));
    expect(failed).toEqual({
      'bulk/DLC/重庆地方法规/地方性法规/重庆/重庆市实施《国家赔偿法》办法(2012-09-27).md': '重庆市实施《国家赔偿法》办法(2012-09-27).md：文件里只有标题和题注，没有正文；未导入',
      'bulk/行政法规/损坏的通知.docx': '损坏的通知.docx：Word 文件已损坏（不是有效的 .docx 压缩包）',
    });
    // Skipped: grouped by reason.
    const skipped = await page.getByTestId('bulk-skipped-item').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-file'), e.getAttribute('data-code')])));
    expect(skipped).toEqual({
      'bulk/其他/扫描件.png': 'collection.unsupported_type',
      'bulk/其他/劳动仲裁和劳动诉讼的攻略.md': 'collection.not_legal',
      'bulk/重复/行政复议法2017（副本）.md': 'collection.duplicate_in_run',
      'bulk/案例/消费购物/吴某与某电子商务有限公司买卖合同纠纷案.md': 'collection.case_report',
      'bulk/民法典/_index.md': 'collection.index_file',
    });
    expect(await page.getByTestId('bulk-reason').allTextContents()).toContainEqual(expect.stringContaining('不是可导入的文件类型（.png）（1）'));

    // Imported: by label, linked to the Reader; and in the list, the later version saying which it follows.
    const imported = await page.getByTestId('bulk-imported-item').allTextContents();
    expect(imported).toContainEqual(expect.stringContaining('中华人民共和国行政复议法（2023年修订）'));
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(SEEDS + 7);
    await page.getByTestId('library-filter').fill('行政复议法');
    const later = page.locator('[data-testid=doc-row]', { hasText: '（2023年修订）' });
    expect(await later.getByTestId('doc-follows').textContent()).toBe('接续 中华人民共和国行政复议法（2017年修正）');

    // The same folder again adds nothing: every legal text is already in the library.
    await page.getByTestId('bulk-close').click();
    await page.getByTestId('import-folder-input').setInputFiles(TREE);
    await summary.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bulk-imported-count').textContent()).toBe('0');
    expect(await page.getByTestId('bulk-already').locator('summary').textContent()).toBe('已在文库中 8 个（未重复导入）');
    expect(await total(page)).toBe(SEEDS + 7);
    await page.close();
  });

  it('several files chosen at once, a .zip among them, are imported without a preview', async () => {
    const page = await app.open();
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(SEEDS + 7);
    const zip = new JSZip();
    zip.file('行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md', readFileSync(join(TREE, '行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md')));
    await page.getByTestId('import-input').setInputFiles([
      { name: '汇编.zip', mimeType: 'application/zip', buffer: Buffer.from(await zip.generateAsync({ type: 'uint8array' })) },
      { name: '攻略.md', mimeType: 'text/markdown', buffer: readFileSync(join(TREE, '其他/劳动仲裁和劳动诉讼的攻略.md')) },
    ]);
    await page.getByTestId('bulk-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    // Already imported from the folder: said so, not imported twice; the guide is not a legal text.
    expect(await page.getByTestId('bulk-imported-count').textContent()).toBe('0');
    expect(await page.getByTestId('bulk-already').locator('summary').textContent()).toBe('已在文库中 1 个（未重复导入）');
    expect(await page.getByTestId('bulk-skipped-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['collection.not_legal']);

    // Dropped on the view, two files are one bulk import too.
    await page.getByTestId('bulk-close').click();
    const dataTransfer = await page.evaluateHandle(
      ([a, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a!], '行政复议法(2023-09-01).md', { type: 'text/markdown' }));
        dt.items.add(new File([b!], '刑法修正案（十）.md', { type: 'text/markdown' }));
        return dt;
      },
      [readFileSync(join(TREE, '诉讼与非诉讼程序法/行政复议法(2023-09-01).md'), 'utf8'), readFileSync(join(TREE, '刑法/刑法修正案（十）.md'), 'utf8')],
    );
    await page.dispatchEvent('[data-testid=doc-table]', 'dragover', { dataTransfer });
    await page.dispatchEvent('[data-testid=doc-table]', 'drop', { dataTransfer });
    await page.getByTestId('bulk-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('bulk-already').locator('summary').textContent()).toBe('已在文库中 2 个（未重复导入）');
    await page.close();
  });

  it.skipIf(!existsSync(LAWREFBOOK))('取消 stops a large import between documents: what went in is whole, and the next run finishes', async () => {
    const folder = join(LAWREFBOOK, '行政法规');
    const page = await app.open();
    const before = await (async () => {
      await expect.poll(() => total(page), { timeout: 20_000 }).toBeGreaterThan(0);
      return total(page);
    })();
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    const progress = page.getByTestId('bulk-progress');
    await progress.waitFor({ timeout: 30_000 });
    // Once some files are done: the bar says how many of all, the file at hand; then 取消.
    await expect.poll(() => progress.getAttribute('data-done').then(Number), { timeout: 60_000 }).toBeGreaterThan(0);
    const all = Number(await progress.getAttribute('data-total'));
    expect(all).toBeGreaterThan(600);
    expect(await page.getByTestId('bulk-count').textContent()).toMatch(new RegExp(`^\\d+ / ${all.toLocaleString('zh-CN')} 个文件$`));
    expect(await page.getByTestId('bulk-file').textContent()).not.toBe('');
    await page.getByTestId('bulk-cancel').click();

    const summary = page.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getAttribute('data-cancelled')).toBe('true');
    expect(await summary.locator('h2').textContent()).toMatch(/^导入已取消/);
    expect(await summary.textContent()).toContain('已导入的文档完整保留');
    const imported = Number(await page.getByTestId('bulk-imported-count').textContent());
    const ids = await page.getByTestId('bulk-imported-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(ids).toHaveLength(imported);
    expect(Number(await page.getByTestId('bulk-not-done').textContent())).toBeGreaterThan(0);
    // The library holds exactly what the summary says went in.
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(before + imported);

    // The same folder again: what went in is already there; the rest is imported now.
    await page.getByTestId('bulk-close').click();
    await page.getByTestId('import-folder-input').setInputFiles(folder);
    await summary.waitFor({ timeout: 300_000 });
    expect(await summary.getAttribute('data-cancelled')).toBe('false');
    // Every document of the stopped run is found in the library (a file repeating one of them too).
    const already = await page.getByTestId('bulk-already-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-duplicate-of')));
    expect(new Set(already)).toEqual(new Set(ids));
    const rest = Number(await page.getByTestId('bulk-imported-count').textContent());
    expect(rest).toBeGreaterThan(0);
    await expect.poll(() => total(page), { timeout: 20_000 }).toBe(before + imported + rest);
    await page.close();
  }, 400_000);
});
