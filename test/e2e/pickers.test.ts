/**
 * The one document picker (components/DocumentPicker.tsx) wherever a document is chosen — 对照's two
 * sides, 检索's document filter, 主题's documents, 批注's export: a combobox whose list is found by words of
 * the title, the place or the year, used by keyboard, naming each version by its label with the whole
 * name available; and the search hits named the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const REVIEW = '湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）修改对照稿（2020年）';

describe('document pickers', () => {
  it('对照: typed words narrow the list; ↓ and Enter choose; the choice is named in full, never by id', async () => {
    const page = await app.open('#/compare/zhejiang-2023/hunan-2020');
    const input = page.getByTestId('compare-right-input');
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toBe('湖南省实施《中华人民共和国中小企业促进法》办法（2021年）');
    // ARIA: a combobox controlling a listbox, closed until used.
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    const list = page.getByTestId('compare-right-list');
    expect(await list.getAttribute('role')).toBe('listbox');
    expect(await input.getAttribute('aria-controls')).toBe(await list.getAttribute('id'));

    await input.click();
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    const refs = () => list.getByTestId('doc-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
    // Every document, and each version of the 对照稿 on its own.
    expect(await refs()).toEqual(['zhejiang-2023', 'hunan-2020', 'zhejiang-2020-opinion', 'hunan-2020-review@0', 'hunan-2020-review@1', 'shenzhen-draft']);
    // The list opens at the current choice.
    expect(await list.locator('[aria-selected=true]').getAttribute('data-ref')).toBe('hunan-2020');

    // By the year the version stands at.
    await input.fill('2021');
    await expect.poll(refs).toEqual(['hunan-2020']);
    // Words of the title and the place, in any order.
    await input.fill('对照稿 湖南');
    await expect.poll(refs).toEqual(['hunan-2020-review@0', 'hunan-2020-review@1']);
    const options = list.getByRole('option');
    expect(await options.allTextContents()).toEqual([`修订草案 · ${REVIEW}湖南 · 修改对照稿 · 二次审议 · 2020年`, `二次审议稿 · ${REVIEW}湖南 · 修改对照稿 · 二次审议 · 2020年`]);
    // The whole name in the tooltip, beyond the two lines shown.
    expect(await options.first().getAttribute('title')).toBe(`修订草案 · ${REVIEW}\n湖南 · 修改对照稿 · 二次审议 · 2020年`);
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(await page.locator(`#${active!.replace(/:/g, '\\:')}`).getAttribute('data-ref')).toBe('hunan-2020-review@1');
    await input.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/compare/zhejiang-2023/hunan-2020-review@1');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('compare-right').getAttribute('data-value')).toBe('hunan-2020-review@1');
    await expect.poll(() => input.inputValue()).toBe(`二次审议稿 · ${REVIEW}`);
    // Longer than the box: the whole name is shown under it, wrapping.
    const cut = await input.evaluate((e: HTMLInputElement) => e.scrollWidth > e.clientWidth);
    if (cut) expect(await page.getByTestId('compare-right-current').textContent()).toBe(`二次审议稿 · ${REVIEW}`);

    // Esc leaves the choice as it was; so does leaving the box.
    await input.fill('深圳');
    await expect.poll(refs).toEqual(['shenzhen-draft']);
    await input.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => location.hash)).toBe('#/compare/zhejiang-2023/hunan-2020-review@1');
    // A click on a choice.
    await input.fill('深圳');
    await list.locator('[data-ref="shenzhen-draft"]').click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/compare/zhejiang-2023/shenzhen-draft');
    // Nothing matches: said so.
    await page.getByTestId('compare-left-input').fill('不存在的法规');
    expect(await page.getByTestId('compare-left-list').getByTestId('doc-choice').count()).toBe(0);
    expect(await page.getByTestId('compare-left').locator('.docpick-count').textContent()).toContain('找到 0 份');
    // (Closed once the comparison is drawn: a call dropped mid-way makes the engine start afresh.)
    await page.getByTestId('compare-table').waitFor({ timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    await page.close();
  });

  it('检索: the document filter is a picker with 全部文档; the hits name their document by its label', async () => {
    const page = await app.open('#/search?q=融资担保&view=articles');
    await page.getByTestId('search-hit').first().waitFor({ timeout: 60_000 });
    const names = await page.getByTestId('hit-doc').allTextContents();
    expect(names).toContain('浙江省促进中小微企业发展条例（2023年）');

    const input = page.getByTestId('search-filter-doc-input');
    expect(await input.inputValue()).toBe('');
    await input.fill('浙江 2023');
    const list = page.getByTestId('search-filter-doc-list');
    await expect.poll(() => list.getByTestId('doc-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual(['zhejiang-2023']);
    await input.press('Enter');
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('doc=zhejiang-2023');
    await expect.poll(async () => new Set(await page.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc'))))).toEqual(new Set(['zhejiang-2023']));
    // 全部文档 again (the first choice when nothing is typed).
    await input.click();
    expect(await list.getByTestId('doc-choice').first().textContent()).toBe('全部文档');
    await list.getByTestId('doc-choice').first().click();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).not.toContain('doc=');
    // A document of several versions is offered whole and by version.
    await input.fill('对照稿');
    expect(await list.getByTestId('doc-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual(['hunan-2020-review', 'hunan-2020-review@0', 'hunan-2020-review@1']);
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    await page.close();
  });

  it('主题: the chosen documents are chips named by label; the picker adds only those not chosen', async () => {
    const page = await app.open('#/topics/zhejiang-2023,hunan-2020');
    await page.getByTestId('topic-matrix').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('topic-chip').allTextContents()).toEqual(['浙江 浙江省促进中小微企业发展条例（2023年）', '湖南 湖南省实施《中华人民共和国中小企业促进法》办法（2021年）']);
    await page.getByTestId('topics-add-input').click();
    const offered = await page.getByTestId('topics-add-list').getByTestId('doc-choice').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));
    expect(offered).toEqual(['zhejiang-2020-opinion', 'hunan-2020-review@0', 'hunan-2020-review@1', 'shenzhen-draft']);
    await page.getByTestId('topics-add-input').fill('深圳');
    await page.getByTestId('topics-add-input').press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/topics/zhejiang-2023,hunan-2020,shenzhen-draft');
    // The picker empties itself for the next one.
    expect(await page.getByTestId('topics-add-input').inputValue()).toBe('');
    await page.close();
    expect(app.errors).toEqual([]);
  });
});
