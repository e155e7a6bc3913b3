/**
 * The drafting aids in the app (web mode): 生成修改决定 in 对照 — its badge, its text (the API's own), its
 * options, 复制全文, 下载 Word, items linked to their rows — and 引用检查 in 阅读 and in 对照, on the seeds
 * and on a fixture draft that kept the old numbers (test/fixtures/draft/tcm.*), imported as a user would.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiMethod, ApiRequest, ApiResponse } from '../../electron/api/contract';
import { ROOT, startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.server.url).origin });
});

afterAll(async () => {
  await app?.close();
});

/** The same answer the page gets, asked of the server directly. */
async function api<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const url = new URL(app.server.url);
  const res = await fetch(new URL(`/api/${method}`, url.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Duizhao-Key': url.searchParams.get('k')! },
    body: JSON.stringify(req),
  });
  const body = (await res.json()) as { ok: boolean; value: ApiResponse<M>; error?: { message: string } };
  if (!body.ok) throw new Error(body.error!.message);
  return body.value;
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

async function docxXml(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer; xml: string }> {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await click();
  const d = await download;
  const file = join(mkdtempSync(join(tmpdir(), 'duizhao-e2e-draft-')), d.suggestedFilename());
  await d.saveAs(file);
  const xml = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
  return { name: d.suggestedFilename(), bytes: readFileSync(file), xml };
}

/** A row of the table is on screen (scrolled to, not only present). */
async function onScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((el) => {
    const table = el.closest('[data-testid=compare-table]')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.bottom > table.top && r.top < table.bottom;
  });
}

describe('生成修改决定 in 对照', () => {
  it('二次审议稿 → 施行文本: the badge counts the items, the panel says what the API says, copies it and downloads it as Word', async () => {
    const expected = await api('decision', { old: 'hunan-2020-review@1', new: 'hunan-2020' });
    const page = await app.open('#/compare/hunan-2020-review@1/hunan-2020');
    const badge = page.getByTestId('decision-badge');
    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 120_000 }).not.toBe('');
    expect(Number(await badge.getAttribute('data-count'))).toBe(expected.decision.items.length);
    expect(expected.decision.items.length).toBeGreaterThan(20);

    await page.getByTestId('decision-button').click();
    const panel = page.getByTestId('decision-panel');
    await panel.getByTestId('decision-item').first().waitFor();
    expect(await panel.getByTestId('decision-item').count()).toBe(expected.decision.items.length);
    // Line by line the engine's text: title, opening, numbered items (quotations continuing), closing.
    expect(await panel.getByTestId('decision-line').allTextContents()).toEqual(lines(expected.text));
    expect(await panel.getByTestId('decision-line').first().textContent()).toBe('湖南省人民代表大会常务委员会关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定');
    // 24 of 35 articles changed: the engine advises a 修订, and the panel says so.
    expect(expected.decision.revision.advised).toBe(true);
    expect(await panel.getByTestId('decision-advice').textContent()).toBe(expected.decision.revision.note);
    // The convention of a provincial 人大常委会 by default.
    expect(await panel.getByTestId('decision-convention').inputValue()).toBe('npc');
    expect(await panel.getByTestId('decision-renumber').inputValue()).toBe('sentence');

    // 复制全文: the clipboard holds the engine's text exactly.
    await panel.getByTestId('decision-copy').click();
    await expect.poll(() => panel.getByTestId('decision-status').getAttribute('data-phase')).toBe('done');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.text);

    // An item is a link to its row: 将第十八条修改为 → the row of 第十八条, scrolled to and made current.
    const item = expected.decision.items.find((i) => i.op === 'modify' && i.old?.article === 18)!;
    expect(item).toBeTruthy();
    await panel.locator(`[data-testid=decision-item][data-n="${item.n}"]`).click();
    const row = '[data-testid=compare-row][data-left="18"]';
    await expect.poll(() => page.locator(row).getAttribute('class')).toContain('active');
    expect(await onScreen(page, row)).toBe(true);
    const key = (await page.locator(row).getAttribute('data-row'))!;
    expect(await page.evaluate(() => location.hash)).toBe(`#/compare/hunan-2020-review@1/hunan-2020/${encodeURIComponent(key)}`);

    // 下载 Word: a .docx whose text is the decision's.
    const word = await docxXml(page, () => panel.getByTestId('decision-docx').click());
    expect(word.name).toMatch(/的决定\.docx$/);
    expect(word.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(word.xml).toContain(expected.decision.title);
    expect(word.xml).toContain(expected.decision.items[0]!.label + expected.decision.items[0]!.text.split('\n')[0]);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('options draft the decision again: renumbering item by item, the meeting and the date in the text', async () => {
    const page = await app.open('#/compare/hunan-2020-review@1/hunan-2020');
    await expect.poll(() => page.getByTestId('decision-badge').getAttribute('data-count'), { timeout: 120_000 }).not.toBe('');
    await page.getByTestId('decision-button').click();
    const panel = page.getByTestId('decision-panel');
    await panel.getByTestId('decision-item').first().waitFor();

    await panel.getByTestId('decision-renumber').selectOption('items');
    await panel.getByTestId('decision-meeting').fill('湖南省第十三届人民代表大会常务委员会第二十次会议');
    await panel.getByTestId('decision-effective').fill('2021年1月1日');
    await panel.getByTestId('decision-effective').press('Enter');
    const expected = await api('decision', {
      old: 'hunan-2020-review@1',
      new: 'hunan-2020',
      renumber: 'items',
      meeting: '湖南省第十三届人民代表大会常务委员会第二十次会议',
      effective: '2021年1月1日',
    });
    // Item by item, the renumbered articles are items of their own (原第X条作为第Y条).
    expect(expected.decision.items.some((i) => i.op === 'renumber')).toBe(true);
    await expect.poll(() => page.getByTestId('decision-badge').getAttribute('data-count'), { timeout: 60_000 }).toBe(String(expected.decision.items.length));
    await expect.poll(() => panel.getByTestId('decision-line').allTextContents(), { timeout: 60_000 }).toEqual(lines(expected.text));
    expect(expected.text).toContain('湖南省第十三届人民代表大会常务委员会第二十次会议');
    expect(expected.text).toContain('本决定自2021年1月1日起施行。');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});

describe('引用检查', () => {
  it('in 阅读: the 4 references of the Shenzhen draft, all right, each a link to where it is written', async () => {
    const expected = await api('refs', { ref: 'shenzhen-draft@0' });
    expect(expected.references).toHaveLength(4);
    const page = await app.open('#/reader/shenzhen-draft@0/1');
    const badge = page.getByTestId('refs-badge');
    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 60_000 }).toBe('0');
    await page.getByTestId('refs-button').click();
    const panel = page.getByTestId('refs-panel');
    await expect.poll(() => panel.getByTestId('reference').count()).toBe(4);
    expect(await panel.getByTestId('reference').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(await panel.getByTestId('reference-text').allTextContents()).toEqual(expected.references.map((r) => r.text));
    expect(await panel.getByTestId('reference-target').first().textContent()).toBe('第四十五条第一款第三项');

    // 第四十六条第二款 cites 本条例第四十五条第三项: the Reader goes there and marks the words.
    await panel.getByTestId('reference-where').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/#\/reader\/shenzhen-draft@0\/46$/);
    const mark = page.getByTestId('ref-mark');
    await mark.waitFor();
    expect(await mark.textContent()).toBe(expected.references[0]!.cited);
    expect(await mark.evaluate((m) => m.closest('[data-testid=article]')!.getAttribute('data-selected'))).toBe('true');
    expect(await mark.evaluate((m) => m.closest('[data-testid=paragraph]')!.getAttribute('data-paragraph'))).toBe('2');
    // Its target: 第四十五条.
    await panel.getByTestId('reference-target').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/\/45$/);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('in 对照: a draft that kept the old numbers, imported and compared, shows the moved and deleted references with their numbers', async () => {
    const page = await app.open('#/library');
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    const importFile = async (file: string, title: string): Promise<string> => {
      await page.getByTestId('import-input').setInputFiles({ name: file, mimeType: 'text/markdown', buffer: readFileSync(join(ROOT, 'test', 'fixtures', 'draft', file)) });
      await page.getByTestId('import-preview').waitFor();
      await page.getByTestId('meta-title').fill(title);
      await page.getByTestId('import-confirm').click();
      const done = page.getByTestId('import-done');
      await done.waitFor();
      const href = (await done.locator('a').getAttribute('href'))!;
      await done.getByRole('button', { name: '关闭' }).click();
      return /#\/reader\/([^@/]+)@/.exec(href)![1]!;
    };
    const oldId = await importFile('tcm.old.md', '中药品种保护条例');
    const draftId = await importFile('tcm.draft.md', '中药品种保护条例（修改稿）');

    const expected = await api('refs', { ref: draftId, against: oldId });
    // What the fixture was made to hold (test/fixtures/draft/README.md): 本条例第九条 twice and 第十条 moved, 第十三条 deleted.
    expect(expected.counts).toEqual({ ok: 10, dangling: 0, moved: 3, deleted: 1 });

    await page.evaluate((hash) => (location.hash = hash), `#/compare/${oldId}/${draftId}`);
    const badge = page.getByTestId('refs-badge');
    await expect.poll(() => badge.getAttribute('data-count'), { timeout: 120_000 }).toBe('4');
    await page.getByTestId('refs-button').click();
    const panel = page.getByTestId('refs-panel');
    await expect.poll(() => panel.getByTestId('reference').count()).toBe(14);
    const moved = panel.locator('[data-testid=reference][data-status=moved]');
    expect(await moved.getByTestId('reference-suggest').allTextContents()).toEqual(['第十条', '第十条', '第十一条']);
    expect(await moved.getByTestId('reference-where').allTextContents()).toEqual(['第十五条第一款', '第十六条第二款', '第十八条第一款']);
    const deleted = panel.locator('[data-testid=reference][data-status=deleted]');
    expect(await deleted.getByTestId('reference-where').allTextContents()).toEqual(['第二十二条第一款']);
    expect(await deleted.getByTestId('reference-message').textContent()).toBe(expected.references.find((r) => r.status === 'deleted')!.message);

    // 只看有问题的 leaves the four.
    await panel.getByTestId('refs-problems-only').check();
    expect(await panel.getByTestId('reference').count()).toBe(4);

    // A reference is a link to the row of the article it stands in, its words marked on the right.
    await moved.first().getByTestId('reference-where').click();
    const row = '[data-testid=compare-row][data-right="15"]';
    await expect.poll(() => page.locator(row).getAttribute('class')).toContain('active');
    const mark = page.locator(row).getByTestId('cell-right').getByTestId('ref-mark');
    await mark.first().waitFor();
    expect((await mark.allTextContents()).join('')).toBe('第九条');
    expect(await onScreen(page, row)).toBe(true);

    // The decision of the draft: the article added and the article deleted.
    const decision = await api('decision', { old: oldId, new: draftId });
    await expect.poll(() => page.getByTestId('decision-badge').getAttribute('data-count'), { timeout: 60_000 }).toBe(String(decision.decision.items.length));
    expect(decision.decision.items.map((i) => i.op)).toEqual(['add', 'delete']);

    // Both appendices in the exported Word file, from the export options of this view.
    await page.getByTestId('export-format-docx').check();
    await page.getByTestId('export-with-decision').check();
    await page.getByTestId('export-with-refs').check();
    const report = await docxXml(page, () => page.getByTestId('export-button').click());
    expect(report.name).toMatch(/^中药品种保护条例.*\.docx$/);
    for (const text of ['附录一　修改决定（草稿）', decision.decision.title, '二、删去第十三条。', '附录二　引用检查', '内部引用 14 处：无误 10，悬空 0，编号未更新 3，所指条文已删除 1', '这里引用的是原第九条，该条文现为第十条，编号未随之调整；应为第十条']) {
      expect(report.xml).toContain(text);
    }
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('附修改决定（草稿）、引用检查');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
