/**
 * 检索 in the web mode: type a topic, read the ranked hits with their highlights, move with the keyboard,
 * open a hit in the Reader with the terms marked. Expected articles checked by reading the seeds (see
 * test/engine/search.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

/** Waits for the result summary; a search that failed shows its error instead, reported here. */
async function results(page: Page): Promise<void> {
  // The first search may wait for the index (segmenter dictionaries + build in a fresh home).
  const done = page.locator('[data-testid=search-summary], [data-testid=error]').first();
  await done.waitFor({ timeout: 45_000 });
  if ((await done.getAttribute('data-testid')) === 'error') throw new Error(`search failed: ${await done.textContent()}`);
}

describe('Search view', () => {
  it('filters by jurisdiction, reads phrases and exclusions, and says when nothing matches', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('融资担保'));
    await results(page);
    const all = Number(await page.getByTestId('search-total').textContent());
    expect(all).toBeGreaterThanOrEqual(7);
    // The provisions on 融资担保 lead: 深圳第六十条【融资担保体系】 and 湖南办法第十四条, the enacted text of the
    // 二次审议稿's 【融资担保】 (the latest version of a law first).
    const firstTwo = await page.getByTestId('search-hit').evaluateAll((els) => els.slice(0, 2).map((e) => `${e.getAttribute('data-doc')}@${e.getAttribute('data-version')}/${e.getAttribute('data-article')}`));
    expect(new Set(firstTwo)).toEqual(new Set(['shenzhen-draft@0/60', 'hunan-2020@0/14']));

    await page.getByTestId('search-filter-jurisdiction').selectOption('湖南');
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toContain('jurisdiction=湖南');
    await expect
      .poll(async () => new Set(await page.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-doc')))))
      .toEqual(new Set(['hunan-2020', 'hunan-2020-review']));

    const input = page.getByTestId('search-input');
    await input.fill('"预留的采购份额" -深圳');
    await input.press('Enter');
    await expect.poll(async () => page.getByTestId('search-total').textContent()).toBe('2');

    await input.fill('核电站');
    await input.press('Enter');
    await page.getByTestId('search-empty').waitFor();
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
    expect(await page.getByTestId('search-total').textContent()).toBe('4');
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toBe('#/search?q=政府采购+预留份额');

    const hits = page.getByTestId('search-hit');
    expect(await hits.count()).toBe(4);
    const found = await hits.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-doc')}@${e.getAttribute('data-version')}/${e.getAttribute('data-article')}`));
    expect(new Set(found)).toEqual(new Set(['zhejiang-2023@0/27', 'hunan-2020@0/27', 'hunan-2020-review@1/26', 'shenzhen-draft@0/45']));
    // Every snippet marks what matched.
    for (let i = 0; i < 4; i++) {
      const marks = await hits.nth(i).getByTestId('search-mark').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(['政府采购', '预留', '份额'].some((t) => m.includes(t))).toBe(true);
    }

    // ↓ ↓ selects the third hit; Enter opens it in the Reader at that article.
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await expect.poll(() => hits.nth(2).getAttribute('aria-selected')).toBe('true');
    const third = found[2]!;
    const [docVersion, article] = third.split('/');
    await input.press('Enter');
    await page.getByTestId('reader').waitFor();
    await expect.poll(() => page.evaluate(() => decodeURIComponent(location.hash))).toMatch(new RegExp(`^#/reader/${docVersion}/${article}\\?hl=`));
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
