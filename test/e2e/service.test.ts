/**
 * How the page talks to the local service (renderer/api.ts): a file goes as bytes, not base64; what the
 * page needs several times at once is asked for once; and when the service really is down the page says
 * so plainly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxFromLines } from '../helpers/import-fixtures';
import { seedText } from '../helpers/seeds';
import { ROOT, startApp, type TestApp } from './harness';

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
});

const apiCalls = (page: import('playwright-core').Page) => {
  const calls: Array<{ method: string; type: string; length: string }> = [];
  page.on('request', (r) => {
    const m = /\/api\/(\w+)$/.exec(new URL(r.url()).pathname);
    if (!m) return;
    const call = { method: m[1]!, type: '', length: '' };
    calls.push(call);
    // The headers as sent (a File streamed as the body is not kept by the browser, but its length is).
    // (A request still in flight when the page closes has no headers to give: nothing to record then.)
    r.allHeaders().then(
      (h) => {
        call.type = h['content-type'] ?? '';
        call.length = h['content-length'] ?? '';
      },
      () => undefined,
    );
  });
  return calls;
};

describe('the page and the local service', () => {
  it('sends a file to import as its own bytes (no base64), with the rest of the request beside it', async () => {
    const docx = await docxFromLines(seedText('shenzhen-draft'));
    const page = await app.open();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBe(5);
    const calls = apiCalls(page);
    await page.getByTestId('import-input').setInputFiles({ name: '深圳条例.docx', mimeType: 'application/octet-stream', buffer: docx });
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 });
    await expect.poll(() => calls.find((c) => c.method === 'previewImport')?.type).toBe('application/octet-stream');
    expect(calls.find((c) => c.method === 'previewImport')!.length).toBe(String(docx.length));
    await page.close();
  });

  it('a document holding the same article many times asks for its counterparts once', async () => {
    // 第一条 forty times over (a text pasted together from copies), and a few other articles.
    const lines = ['重复条文测试条例', ...Array.from({ length: 40 }, (_, i) => `第一条 政府采购应当支持中小企业发展，预留采购份额（第${i + 1}份）。`), '第二条 县级以上人民政府应当加强融资担保体系建设。', '第三条 本条例自公布之日起施行。'];
    const dir = mkdtempSync(join(tmpdir(), 'duizhao-dup-'));
    writeFileSync(join(dir, 'dup.txt'), lines.join('\n') + '\n');
    const imported = spawnSync(process.execPath, [join(ROOT, 'bin', 'duizhao.js'), 'import', join(dir, 'dup.txt'), '--json'], { encoding: 'utf8', env: { ...process.env, DUIZHAO_HOME: app.server.home } });
    expect(imported.status, imported.stderr).toBe(0);
    const id = JSON.parse(imported.stdout).id as string;

    const page = await app.open();
    const calls = apiCalls(page);
    await page.goto(`${page.url().split('#')[0]}#/reader/${id}@0/1`);
    await page.getByTestId('reader').waitFor();
    await expect.poll(() => page.locator('[data-testid=article][data-article-id="art_1"]').count(), { timeout: 20_000 }).toBe(40);
    await expect.poll(() => calls.filter((c) => c.method === 'counterparts').length, { timeout: 20_000 }).toBe(1);
    // Given time, still one: the forty panels share one answer.
    await page.waitForTimeout(1500);
    expect(calls.filter((c) => c.method === 'counterparts')).toHaveLength(1);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('when the service is gone, the page says so (after trying again a few times)', async () => {
    const page = await app.open();
    await expect.poll(() => page.getByTestId('doc-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await app.server.stop();
    await page.evaluate(() => {
      location.hash = '#/compare/zhejiang-2023/hunan-2020';
    });
    await expect.poll(() => page.getByTestId('error').first().textContent().catch(() => ''), { timeout: 30_000 }).toContain('无法连接到本地服务');
    await page.close();
  });
});
