import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('Library → Reader', () => {
  it('lists the corpus with its metadata', async () => {
    const page = await app.open();
    const rows = page.getByTestId('doc-row');
    await expect.poll(() => rows.count()).toBe(5);
    const review = page.locator('[data-testid=doc-row][data-doc-id="hunan-2020-review"]');
    await expect.poll(() => review.textContent()).toContain('修订草案 / 二次审议稿');
    await page.close();
  });

  it('opens 浙江省促进中小微企业发展条例 and jumps to 第二十七条', async () => {
    const page = await app.open();
    await page.getByTestId('doc-title').filter({ hasText: '浙江省促进中小微企业发展条例' }).click();
    await page.getByTestId('reader').waitFor();
    expect(await page.getByTestId('doc-heading').textContent()).toBe('浙江省促进中小微企业发展条例');
    expect(await page.getByTestId('outline-chapter').first().textContent()).toBe('第一章 总则');

    await page.getByTestId('jump-input').fill('第二十七条');
    await page.getByTestId('jump-input').press('Enter');
    const article = page.locator('[data-testid=article][data-article-id="art_27"]');
    await article.waitFor();
    await expect.poll(() => article.getAttribute('data-selected')).toBe('true');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reader/zhejiang-2023@0/27');
    expect(await article.textContent()).toContain('预留采购份额');
    expect(await article.isVisible()).toBe(true);
    // In the viewport of the text pane, not merely in the DOM.
    const box = await article.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeLessThan(900);
    // 四款, each its own numbered paragraph.
    expect(await article.getByTestId('paragraph').count()).toBe(4);
    expect(await article.getByTestId('paragraph').nth(1).locator('.para-marker').textContent()).toBe('②');
    await page.close();
  });

  it('accepts 27 and 二十七 in the jump box, and reports an unknown article', async () => {
    const page = await app.open('#/reader/zhejiang-2023@0');
    const input = page.getByTestId('jump-input');
    for (const q of ['27', '二十七']) {
      await page.evaluate(() => (location.hash = '#/reader/zhejiang-2023@0'));
      await input.fill(q);
      await input.press('Enter');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reader/zhejiang-2023@0/27');
    }
    await input.fill('第九百条');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('jump-message').textContent()).toContain('没有');
    await page.close();
  });

  it('opens a place directly from the URL', async () => {
    const page = await app.open('#/reader/zhejiang-2023@0/27');
    const article = page.locator('[data-testid=article][data-selected="true"]');
    await article.waitFor();
    expect(await article.getAttribute('data-article-id')).toBe('art_27');
    const box = await article.boundingBox();
    expect(box!.y).toBeLessThan(900);
    await page.close();
  });

  it('shows both versions of hunan-2020-review and its editorial notes apart from the text', async () => {
    const page = await app.open('#/reader/hunan-2020-review@0');
    await page.getByTestId('reader').waitFor();
    const tabs = page.getByTestId('version-tab');
    expect(await tabs.count()).toBe(2);
    expect(await tabs.nth(0).textContent()).toContain('修订草案');
    expect(await tabs.nth(1).textContent()).toContain('二次审议稿');

    const note = page.getByTestId('article-note').filter({ hasText: '移至第二十一条第一款' });
    await note.first().waitFor();
    expect(await note.first().isVisible()).toBe(true);
    // The note is not part of any article's text.
    const texts = await page.getByTestId('article-text').allTextContents();
    expect(texts.some((t) => t.includes('移至第二十一条第一款'))).toBe(false);
    expect(texts.some((t) => t.includes('县级以上人民政府应当制定和完善扶持创新创业的政策'))).toBe(true);

    // Switching version updates the route and the text.
    await tabs.nth(1).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/reader\/hunan-2020-review@1/);
    await expect.poll(() => page.getByTestId('reader').getAttribute('data-version')).toBe('1');
    await page.close();
  });

  it('ran without page errors', () => {
    expect(app.errors).toEqual([]);
  });
});
