import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, tool } from '../helpers/pdf';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Selects `text` inside the article `articleId` of the reading pane, as a user dragging over it would. */
async function selectText(page: Page, articleId: string, text: string): Promise<void> {
  await page.evaluate(
    ([id, wanted]) => {
      const article = document.querySelector(`[data-testid=article][data-article-id="${id}"]`)!;
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted!);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted!.length);
        const sel = window.getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      throw new Error(`${wanted} not found in ${id}`);
    },
    [articleId, text],
  );
}

describe('批注 → 导出', () => {
  it('adds a note on selected text in the Reader, keeps it across a reload, and exports it in the PDF', async () => {
    const page = await app.open('#/reader/hunan-2020-review@0/13');
    const strip = page.locator('[data-testid=annotation-strip][data-article="第十三条"]');
    await strip.waitFor();

    await selectText(page, 'art_13', '加强创新创业培训');
    const annotateSelection = strip.getByTestId('annotate-selection');
    await annotateSelection.waitFor();
    expect(await annotateSelection.textContent()).toContain('加强创新创业培训');
    await annotateSelection.click();
    const editor = strip.getByTestId('annotation-editor');
    expect(await editor.textContent()).toContain('加强创新创业培训');
    await editor.getByTestId('annotation-input').fill('培训内容移至第二十一条后不宜删去。');
    await editor.getByTestId('annotation-tags').fill('创业 二审');
    await editor.getByTestId('annotation-save').click();
    const card = strip.getByTestId('annotation');
    await card.waitFor();
    expect(await card.getByTestId('annotation-body').textContent()).toBe('培训内容移至第二十一条后不宜删去。');
    expect(await card.getByTestId('annotation-tag').allTextContents()).toEqual(['#创业', '#二审']);

    // A second note, on the whole of 第二款.
    await strip.getByTestId('annotate-article').click();
    await strip.getByTestId('annotation-paragraph').selectOption('2');
    await strip.getByTestId('annotation-input').fill('创业担保贷款的主管部门需明确。');
    await strip.getByTestId('annotation-save').click();
    await expect.poll(() => strip.getByTestId('annotation').count()).toBe(2);

    // Saved on the server: a fresh page shows both.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid=annotation-strip][data-article="第十三条"] [data-testid=annotation]').count()).toBe(2);

    // The 批注 view lists them and exports the annotated comparison (preset to 修订草案 vs 二次审议稿).
    await page.evaluate(() => (location.hash = '#/notes'));
    await page.getByTestId('notes-view').waitFor();
    await expect.poll(() => page.getByTestId('annotation').count()).toBe(2);
    expect(await page.getByTestId('export-left').getAttribute('data-value')).toBe('hunan-2020-review@0');
    expect(await page.getByTestId('export-right').getAttribute('data-value')).toBe('hunan-2020-review@1');
    // Each side by its name, the version first (never the id).
    expect(await page.getByTestId('export-left-input').inputValue()).toBe('修订草案 · 湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）修改对照稿（2020年）');
    expect(await page.getByTestId('export-right-input').inputValue()).toBe('二次审议稿 · 湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）修改对照稿（2020年）');
    const downloadPromise = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-button').click();
    // Progress while the backend compares and prints.
    await expect.poll(() => page.getByTestId('export-status').getAttribute('data-phase')).toBe('working');
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/修改对照稿\.pdf$/);
    const file = join(mkdtempSync(join(tmpdir(), 'duizhao-e2e-export-')), 'report.pdf');
    await download.saveAs(file);
    await expect.poll(() => page.getByTestId('export-status').getAttribute('data-phase')).toBe('done');
    expect(await page.getByTestId('export-status').textContent()).toContain('2 条批注');

    // Page furniture (running header, repeated table header) left out so a cell broken across pages reads whole.
    const text = pdfText(file, ['湖南省实施《中华人民共和国中小企业促进法》办法（修订草案与二次审议稿）修改对照稿', '修订草案 — 二次审议稿', '修订草案二次审议稿说明']);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // The file says Duizhao made it (Chromium would write its own user agent).
    expect(tool('pdfinfo', file)).toMatch(/^Creator:\s+Duizhao$/m);
    // In reading order: the note on the quote in 第一款 before the note on 第二款.
    const first = text.indexOf('批注[1]修订草案第十三条第一款「加强创新创业培训」：培训内容移至第二十一条后不宜删去。#创业#二审');
    const second = text.indexOf('批注[2]修订草案第十三条第二款：创业担保贷款的主管部门需明确。');
    expect(first).toBeGreaterThan(text.indexOf('第十三条'));
    expect(second).toBeGreaterThan(first);

    // The Word export of the same comparison carries the note too.
    await page.getByTestId('export-format-docx').check();
    const docxDownload = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-button').click();
    const docx = await docxDownload;
    expect(docx.suggestedFilename()).toMatch(/\.docx$/);
    const docxFile = join(mkdtempSync(join(tmpdir(), 'duizhao-e2e-export-')), 'report.docx');
    await docx.saveAs(docxFile);
    const xml = spawnSync('unzip', ['-p', docxFile, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    expect(xml).toContain('培训内容移至第二十一条后不宜删去。');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('adds a note in the Compare view and exports the comparison from there', async () => {
    const page = await app.open('#/compare/hunan-2020-review@0/hunan-2020-review@1');
    const row = page.locator('[data-testid=compare-row][data-left="19"]');
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    // The notes written in the Reader show under 第十三条 here too.
    const split = page.locator('[data-testid=compare-row][data-left="13"]');
    await expect.poll(() => split.getByTestId('annotation').count()).toBe(2);
    const strip = row.locator('[data-testid=annotation-strip][data-article="第二十一条"]');
    await strip.getByTestId('annotate-article').click();
    await strip.getByTestId('annotation-input').fill('第二十一条新增第一款，请核对来源。');
    await strip.getByTestId('annotation-save').click();
    await strip.getByTestId('annotation').waitFor();

    const panel = page.getByTestId('export-panel');
    await panel.getByTestId('export-format-html').check();
    await panel.getByTestId('export-changes-only').check();
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await panel.getByTestId('export-button').click();
    const file = join(mkdtempSync(join(tmpdir(), 'duizhao-e2e-export-')), 'report.html');
    await (await download).saveAs(file);
    const html = readFileSync(file, 'utf8');
    const plain = html.replace(/<[^>]+>/g, '');
    expect(plain).toContain('批注[3] 二次审议稿第二十一条：第二十一条新增第一款，请核对来源。');
    expect(plain).toContain('批注[1] 修订草案第十三条第一款「加强创新创业培训」');
    expect(plain).toContain('未修改的条文从略');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
