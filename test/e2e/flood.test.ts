/**
 * No floods: a text that repeats its articles (the Hunan 办法 pasted three times over: every 条 three
 * times) is imported only after a plain caution and a second confirmation, and reading it sends one
 * counterparts request for the selected article, not one per duplicate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedText } from '../helpers/seeds';
import { startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('a text with repeated articles', () => {
  it('is imported only after a caution and a second click, and read with one request per thing shown', async () => {
    const page = await app.open();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(5);
    const hunan = seedText('hunan-2020');
    const text = [hunan, hunan, hunan].join('\n');
    await page.getByTestId('import-input').setInputFiles({ name: '三遍.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.getByTestId('import-preview').waitFor();
    // 108 articles, each number three times: a plain caution, and the first click only asks again.
    expect(await page.getByTestId('import-articles').textContent()).toBe('108');
    expect(await page.getByTestId('import-doubtful').textContent()).toContain('有 72 个条号重复出现');
    await page.getByTestId('import-confirm').click();
    expect(await page.getByTestId('import-confirm').textContent()).toBe('确认仍要加入文库');
    expect(await page.getByTestId('doc-row').count()).toBe(5);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(6);
    const id = await page.getByTestId('doc-row').last().getAttribute('data-doc-id');

    const counterparts: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/counterparts')) counterparts.push(r.url());
    });
    await page.goto(`${app.server.url}#/reader/${id}@0/1`);
    await page.getByTestId('counterparts-panel').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    // 第一条 stands three times in the text; one is selected, and one panel asks once.
    expect(await page.locator('[data-testid=article][data-article-id="art_1"]').count()).toBe(3);
    expect(await page.getByTestId('counterparts-panel').count()).toBe(1);
    expect(counterparts).toHaveLength(1);
    expect(await page.locator('[data-testid=article][data-selected=true]').count()).toBe(1);
    await page.close();
  });
});
