import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('Topics view', () => {
  it('shows the topic × document matrix for the default documents under short names, guesses marked', async () => {
    const page = await app.open('#/topics');
    await page.getByTestId('topic-matrix').waitFor({ timeout: 30_000 });
    const columns = page.getByTestId('topic-column');
    expect(await columns.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual(['zhejiang-2023', 'hunan-2020', 'shenzhen-draft']);
    expect(await columns.evaluateAll((els) => els.map((e) => e.firstElementChild!.textContent))).toEqual(['浙江 2023', '湖南 2021', '深圳']);

    const procurement = page.locator('[data-testid=topic-row][data-label="政府采购支持"]');
    const cells = procurement.getByTestId('topic-cell');
    expect(await cells.evaluateAll((els) => els.map((e) => e.getAttribute('data-articles')))).toEqual(['26,27', '27', '45']);
    expect(await cells.nth(0).textContent()).toContain('第二十六条');
    expect(await cells.nth(2).textContent()).toContain('政府采购支持'); // Shenzhen's heading in its cell

    // 深73 反垄断: no member elsewhere; the nearest article there is shown as a guess, lighter, with "？"
    // and its confidence in the tooltip — not as "—".
    const antitrust = page.locator('[data-testid=topic-row][data-label="反垄断和不正当竞争规制"]');
    const guesses = antitrust.locator('[data-testid=topic-cell].guess');
    expect(await guesses.count()).toBe(2);
    expect(await guesses.first().textContent()).toMatch(/^第.+条？/);
    expect(await guesses.first().getAttribute('title')).toMatch(/？（可能对应，置信度[高中低]）$/);
    expect(await antitrust.locator('[data-testid=topic-cell].gap').count()).toBe(0);
    // The first document's chapters as sections.
    expect(await page.getByTestId('topic-section').first().textContent()).toBe('总则');
    await page.close();
  });

  it('a row opens the texts side by side with shared terms marked, and a word diff on demand', async () => {
    const page = await app.open('#/topics');
    await page.getByTestId('topic-matrix').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=topic-row][data-label="第三方评估"]').click();
    const detail = page.getByTestId('topic-detail');
    await detail.waitFor();
    await expect.poll(() => detail.getByTestId('topic-member').count()).toBe(3);
    expect(await page.evaluate(() => location.hash)).toMatch(/^#\/topics\/zhejiang-2023,hunan-2020,shenzhen-draft\//);
    const hunan = detail.locator('[data-testid=topic-member][data-ref="hunan-2020"]');
    expect(await hunan.getAttribute('data-article')).toBe('33');
    const marks = await hunan.getByTestId('term-mark').allTextContents();
    expect(marks).toContain('发展环境评估');
    expect(marks).toContain('第三方机构');

    await detail.getByTestId('diff-run').click();
    const output = detail.getByTestId('diff-output');
    await output.waitFor();
    expect(await output.textContent()).toContain('第三方机构');
    expect(await output.getByTestId('diff-ins').count()).toBeGreaterThan(0);
    expect(await output.getByTestId('diff-del').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('choosing documents changes the columns; the opinion joins by its item titles', async () => {
    const page = await app.open('#/topics/zhejiang-2023,hunan-2020');
    await page.getByTestId('topic-matrix').waitFor({ timeout: 30_000 });
    // Unchecking a chosen document's chip drops it (and its chip).
    await page.locator('[data-testid=doc-option][data-ref="hunan-2020"]').click();
    await expect.poll(() => page.getByTestId('topics-need-two').count()).toBe(1);
    expect(await page.locator('[data-testid=topic-chip][data-ref="hunan-2020"]').count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe('#/topics/zhejiang-2023');
    // More are added by typing in the picker: words of the title, the place, the year.
    expect(await page.locator('[data-testid=doc-option][data-ref="zhejiang-2020-opinion"]').count()).toBe(0);
    await page.getByTestId('topics-add-input').fill('浙江 意见');
    const choices = page.getByTestId('topics-add-list').getByTestId('doc-choice');
    await expect.poll(() => choices.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')))).toEqual(['zhejiang-2020-opinion']);
    await page.getByTestId('topics-add-input').press('Enter');
    expect(await page.locator('[data-testid=topic-chip][data-ref="zhejiang-2020-opinion"]').textContent()).toContain('关于促进中小企业健康发展的实施意见（2020年）');
    await page.getByTestId('topic-matrix').waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => location.hash)).toBe('#/topics/zhejiang-2023,zhejiang-2020-opinion');
    const row = page.locator('[data-testid=topic-row][data-label="健全政策性融资担保体系"]');
    expect(await row.getByTestId('topic-cell').evaluateAll((els) => els.map((e) => e.getAttribute('data-articles')))).toEqual(['42', '9']);
    await page.close();
  });

  it('the Reader shows how the other jurisdictions regulate the selected article', async () => {
    const page = await app.open('#/reader/hunan-2020@0/27');
    const panel = page.getByTestId('counterparts-panel');
    await panel.waitFor({ timeout: 30_000 });
    await expect.poll(() => panel.getByTestId('counterpart-link').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const zhejiang = panel.locator('[data-testid=counterparts-doc][data-ref="zhejiang-2023"]');
    expect(await zhejiang.getByTestId('counterpart-link').first().getAttribute('data-article')).toBe('27');
    // Other jurisdictions only: not 湖南's own 修改对照稿 (which the enacted 办法 superseded).
    expect(await panel.locator('[data-testid=counterparts-doc][data-ref^="hunan-2020-review"]').count()).toBe(0);
    const shenzhen = panel.locator('[data-testid=counterparts-doc][data-ref="shenzhen-draft"] [data-testid=counterpart-link]');
    expect(await shenzhen.first().textContent()).toContain('政府采购支持');
    await shenzhen.first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/reader/shenzhen-draft@0/45');
    await page.close();
    expect(app.errors).toEqual([]);
  });
});
