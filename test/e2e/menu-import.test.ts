/**
 * The desktop menu's 文件 → 导入文档… from the page's side: the preload's `duizhaoMenu` bridge is stood in
 * for (Electron cannot run here), a seed file is "chosen" while another view is open, and the page must
 * switch to the Library and show the usual preview of that file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBytes } from '../helpers/seeds';
import { startApp, type TestApp } from './harness';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

describe('menu import', () => {
  it('a file chosen from the menu in the Reader opens the Library with its preview', async () => {
    await app.context.addInitScript(() => {
      const w = window as unknown as { duizhaoMenu: unknown; __menuListeners: Array<(f: unknown) => void> };
      w.__menuListeners = [];
      w.duizhaoMenu = {
        onImportFile(listener: (f: unknown) => void) {
          w.__menuListeners.push(listener);
          return () => undefined;
        },
      };
    });
    const page = await app.open('#/reader/zhejiang-2023@0/27');
    await page.getByTestId('reader').waitFor();
    const bytes = Array.from(seedBytes('hunan-2020'));
    await page.evaluate((data) => {
      const w = window as unknown as { __menuListeners: Array<(f: unknown) => void> };
      for (const l of w.__menuListeners) l({ name: '湖南办法.txt', data: new Uint8Array(data) });
    }, bytes);
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/library/);
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-articles').textContent()).toBe('36');
    await page.close();
  });
});
