/**
 * The Compare view in the web mode: the default comparison is the 修改对照稿's own two versions, and its
 * rows must be the editor's rows (read from the document by the parser, as in the engine tests), with
 * deletions shaded on the left and additions bold on the right.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText, findArticle } from '../../electron/engine/model';
import { parseSeed } from '../helpers/seeds';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const review = parseSeed('hunan-2020-review');

describe('Compare view', () => {
  it('shows one row per row of the 修改对照稿, with its relations', async () => {
    const page = await app.open('#/compare');
    await page.getByTestId('compare-table').waitFor({ timeout: 60_000 });
    const rows = page.getByTestId('compare-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(42);
    const shown = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-left'), e.getAttribute('data-right'), e.getAttribute('data-relation')]));
    // Column headers by name.
    expect(await page.locator('.cmp-head > div').allTextContents()).toEqual(['修订草案', '二次审议稿']);
    // A split/merged article's row has an empty right cell in the 对照稿 (its 款 went elsewhere).
    const asRow = ([l, r, rel]: Array<string | null>) => [l, rel === 'split' || rel === 'merged' ? '' : r];
    expect(shown.map(asRow)).toEqual(review.table!.rows.map((r) => [r.left.join(','), r.right.join(',')]));
    expect(shown.find(([l]) => l === '13')).toEqual(['13', '16,21', 'split']);
    expect(shown.find(([l]) => l === '21')).toEqual(['21', '', 'deleted']);
    expect(shown.find(([, r]) => r === '10')).toEqual(['', '10', 'added']);

    // Summary bar counts.
    const count = (rel: string) => page.locator(`[data-testid=summary-count][data-relation=${rel}]`).getAttribute('data-count');
    expect(await count('split')).toBe('1');
    expect(await count('added')).toBe('4');
    expect(await count('deleted')).toBe('5');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('marks deletions shaded on the left and additions bold on the right; badges and editorial notes', async () => {
    const page = await app.open('#/compare/hunan-2020-review@0/hunan-2020-review@1');
    const first = page.locator('[data-testid=compare-row][data-row="1-1"]');
    await first.waitFor({ timeout: 60_000 });
    const ins = first.getByTestId('cell-right').locator('.cmp-text').getByTestId('mark-ins');
    expect(await ins.allTextContents()).toEqual(['和其他有关法律、行政法规']);
    // The 二次审议稿 added the 【heading】: bold as in the exported 对照稿 (the same display model).
    expect(await first.getByTestId('cell-right').locator('.cmp-heading').getByTestId('mark-ins').allTextContents()).toEqual(['立法依据']);
    expect(Number(await ins.first().evaluate((e) => getComputedStyle(e).fontWeight))).toBeGreaterThanOrEqual(700);
    expect(await first.getByTestId('cell-left').getByTestId('mark-del').count()).toBe(0);

    const second = page.locator('[data-testid=compare-row][data-row="2-2"]');
    const del = second.getByTestId('cell-left').getByTestId('mark-del').first();
    expect(await del.textContent()).toBe('把');
    const shade = await del.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(shade).not.toBe('rgba(0, 0, 0, 0)');
    // The left column shows no insertions, the right no deletions.
    expect(await second.getByTestId('cell-left').getByTestId('mark-ins').count()).toBe(0);
    expect(await second.getByTestId('cell-right').getByTestId('mark-del').count()).toBe(0);

    const split = page.locator('[data-testid=compare-row][data-row="13-16.21"]');
    expect(await split.getByTestId('relation-badge').textContent()).toBe('拆分');
    expect(await split.getByTestId('renumbered-badge').count()).toBe(1);
    expect(await split.getByTestId('cell-left').getByTestId('editorial-note').allTextContents()).toEqual(['（移至第二十一条第一款）', '（移至第十六条第二款修改）']);
    // All of 草案第十三条 moved away: shaded.
    expect(await split.getByTestId('cell-left').getByTestId('mark-del').count()).toBeGreaterThan(0);
    // 款 by 款: each 款 of 草案第十三条 stands opposite the 款 it became (第一款 → 第二十一条第一款, 第二款 → 第十六条第二款),
    // side by side on the page.
    const bands = await split.evaluate((row) => {
      const cells = Array.from(row.querySelectorAll<HTMLElement>('[data-testid=cell-left], [data-testid=cell-right]'));
      const text = (el: HTMLElement) => (el.querySelector('.cmp-text')?.textContent ?? '').trim();
      const out: Array<{ left: string; right: string; rightArticle: string | null; top: [number, number] }> = [];
      for (let i = 0; i + 1 < cells.length; i += 2) {
        out.push({ left: text(cells[i]!), right: text(cells[i + 1]!), rightArticle: cells[i + 1]!.querySelector('[data-article]')?.getAttribute('data-article') ?? null, top: [Math.round(cells[i]!.getBoundingClientRect().top), Math.round(cells[i + 1]!.getBoundingClientRect().top)] });
      }
      return out;
    });
    const draft13 = review.versions[0]!.articles.find((a) => a.number === 13)!;
    expect(bands.map((b) => b.rightArticle)).toEqual(['第二十一条', '第十六条']);
    expect(bands[0]!.left).toContain(draft13.paragraphs[0]!.text);
    expect(bands[0]!.right).toContain(draft13.paragraphs[0]!.text); // moved unchanged
    expect(bands[1]!.left).toContain(draft13.paragraphs[1]!.text);
    expect(bands[1]!.right).toContain('人力资源和社会保障、财政等部门应当支持符合条件的创业人员');
    for (const b of bands) expect(b.top[0]).toBe(b.top[1]);

    const added = page.locator('[data-testid=compare-row][data-row="0-10"]');
    expect(await added.getByTestId('relation-badge').textContent()).toBe('新增');
    expect(await added.getByTestId('cell-right').getByTestId('mark-ins').first().textContent()).toContain('产融合作白名单');
    await page.close();
  });

  it('"只看修改" hides unchanged and formal-only rows; j/k step through the changes', async () => {
    const page = await app.open('#/compare');
    const rows = page.getByTestId('compare-row');
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(42);
    await page.getByTestId('changes-only').check();
    // 草案第三十八条 (unchanged) and 草案第三十四条 (punctuation only) go.
    await expect.poll(() => rows.count()).toBe(40);
    expect(await page.locator('[data-testid=compare-row][data-left="38"]').count()).toBe(0);
    await page.getByTestId('show-formal').check();
    await expect.poll(() => rows.count()).toBe(41);
    await page.getByTestId('show-formal').uncheck();

    await page.locator('body').press('j');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/compare/hunan-2020-review@0/hunan-2020-review@1/1-1');
    await page.locator('body').press('j');
    await expect.poll(() => page.locator('.cmp-row.active').getAttribute('data-row')).toBe('2-2');
    await page.locator('body').press('k');
    await expect.poll(() => page.locator('.cmp-row.active').getAttribute('data-row')).toBe('1-1');
    expect(await page.getByTestId('change-position').textContent()).toBe('1 / 40');
    await page.close();
  });

  it('article numbers link to the Reader', async () => {
    const page = await app.open('#/compare');
    const row = page.locator('[data-testid=compare-row][data-row="10-11"]');
    await row.waitFor({ timeout: 60_000 });
    await row.getByTestId('cell-right').getByTestId('reader-link').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reader/hunan-2020-review@1/11');
    await page.getByTestId('reader').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('沿革 of 第十条: each column is its version’s own text, formal changes hidden or marked as in 对照', async () => {
    const page = await app.open('#/compare/hunan-2020-review@0/hunan-2020-review@1');
    const row = page.locator('[data-testid=compare-row][data-row="10-11"]');
    await row.waitFor({ timeout: 60_000 });
    await row.getByTestId('history-link').click();
    const stages = page.getByTestId('history-stage');
    await expect.poll(() => stages.count(), { timeout: 60_000 }).toBe(3);
    const enacted = parseSeed('hunan-2020').versions[0]!;
    const sources = [findArticle(review.versions[0]!, 10)!, findArticle(review.versions[1]!, 11)!, findArticle(enacted, 11)!];
    // The text of each column, line by line (lead-in and 项 each a line), without labels and notes.
    const columnText = () =>
      stages.evaluateAll((els) => els.map((e) => Array.from(e.querySelectorAll('.cmp-text .cmp-line')).map((l) => l.textContent).join('\n')));
    const expected = sources.map((a) => articleText(a));
    expect(await columnText()).toEqual(expected);
    expect(await page.getByTestId('history-title').textContent()).toContain('第十条的沿革：修订草案 → 二次审议稿 → 施行文本');
    // Shown, the formal changes are marked — and the columns still read as the versions' texts.
    await page.getByTestId('show-formal').check();
    expect(await columnText()).toEqual(expected);
    expect(await stages.nth(0).getByTestId('mark-del').allTextContents()).toContain('（一）');
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('an article history follows 草案第十三条 through 二次审议稿 to the enacted text', async () => {
    const page = await app.open('#/compare');
    const row = page.locator('[data-testid=compare-row][data-row="13-16.21"]');
    await row.waitFor({ timeout: 60_000 });
    // What the history costs the page: one small call, computed behind the API (no comparisons of its own).
    const calls: string[] = [];
    page.on('request', (r) => {
      const m = /\/api\/(\w+)$/.exec(new URL(r.url()).pathname);
      if (m) calls.push(m[1]!);
    });
    await row.getByTestId('history-link').click();
    const stages = page.getByTestId('history-stage');
    await expect.poll(() => stages.count(), { timeout: 60_000 }).toBe(3);
    expect(calls.filter((c) => c !== 'listAnnotations')).toEqual(['history']);
    expect(await stages.evaluateAll((els) => els.map((e) => e.getAttribute('data-articles')))).toEqual(['13', '16,21', '16,21']);
    // Named, not by id.
    expect(await page.getByTestId('history-title').textContent()).toBe('湖南省实施《中华人民共和国中小企业促进法》办法第十三条的沿革：修订草案 → 二次审议稿 → 施行文本');
    // The enacted text's 第二十一条 lost the 款 that came from 草案第十三条: shaded in the 二次审议稿's column (each column
    // is its version's own text), and not in the enacted column at all.
    const second21 = stages.nth(1).locator('[data-testid=history-article][data-article="第二十一条"]');
    expect(await second21.locator('.cmp-text').getByTestId('mark-del').first().textContent()).toContain('制定和完善扶持创新创业的政策');
    const enacted21 = stages.nth(2).locator('[data-testid=history-article][data-article="第二十一条"]');
    expect(await enacted21.locator('.cmp-text').textContent()).not.toContain('制定和完善扶持创新创业的政策');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
