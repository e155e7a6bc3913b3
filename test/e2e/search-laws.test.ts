/**
 * 检索 over imported real texts (the fixed cut of the shared corpus in test/fixtures/search-corpus: national
 * laws, 行政法规, a 司法解释 and local regulations, three laws in two texts each), imported through the API as a
 * user's files would be: the two texts of a law are one law with its current text first, real facets, more
 * laws page by page, sort by date, and an export that keeps the filters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type TestApp } from './harness';
import { facet, hash, hitKeys, linkKey, parseCsv, results, total, totalBecomes } from './search-helpers';

const CORPUS = join(ROOT, 'test', 'fixtures', 'search-corpus');

let app: TestApp;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

/** Imports a file as the page does in the web mode: its bytes as the body, its name in `req`. */
async function importFile(file: string): Promise<void> {
  const url = new URL(app.server.url);
  const key = url.searchParams.get('k')!;
  const res = await fetch(`${url.origin}/api/importDocument?req=${encodeURIComponent(JSON.stringify({ name: basename(file) }))}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-Duizhao-Key': key },
    body: readFileSync(file),
  });
  const body = (await res.json()) as { ok: boolean; error?: { message: string } };
  if (!body.ok) throw new Error(`${basename(file)}: ${body.error?.message}`);
}

beforeAll(async () => {
  app = await startApp();
  // One at a time, as a user would: each import updates the index before the next.
  for (const file of markdownFiles(CORPUS)) await importFile(file);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('Search view over imported laws', () => {
  it('shows the two texts of a law as one law, the current one first, and narrows to either', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('垄断'));
    await results(page);
    const all = await total(page);
    const law = page.getByTestId('search-group').first();
    expect(await law.getByTestId('group-title').textContent()).toBe('中华人民共和国反垄断法');
    const meta = await law.getByTestId('group-meta').textContent();
    for (const part of ['法律', '全国', '2022年6月24日']) expect(meta).toContain(part);
    const versions = law.getByTestId('group-v');
    expect(await versions.count()).toBe(2);
    expect(await versions.evaluateAll((els) => els.map((e) => e.getAttribute('data-current')))).toEqual(['true', 'false']);
    expect(await versions.nth(0).textContent()).toContain('2022年6月24日版');
    expect(await versions.nth(1).textContent()).toContain('2007年8月30日版');
    expect(await versions.nth(1).textContent()).toContain('历史版本');
    const [current, old] = await versions.evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')!));
    expect(await law.getAttribute('data-doc')).toBe(current!.split('@')[0]);
    expect(await versions.nth(1).getByTestId('group-compare').getAttribute('href')).toBe(`#/compare/${old}/${current}`);
    // The best articles shown are the current text's.
    for (const k of await hitKeys(law)) expect(k.startsWith(`${current}/`)).toBe(true);
    const lawTotal = Number(await law.getAttribute('data-total'));
    const oldTotal = Number(await versions.nth(1).getAttribute('data-total'));
    expect(lawTotal).toBe(oldTotal + Number(await versions.nth(0).getAttribute('data-total')));

    // The 2007 text alone: its matches, each marked 历史版本.
    await versions.nth(1).getByRole('button').click();
    await expect.poll(() => hash(page)).toContain(`doc=${old}`);
    await totalBecomes(page, oldTotal);
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(oldTotal);
    for (const k of await hitKeys(page)) expect(k.startsWith(`${old}/`)).toBe(true);
    expect(await page.getByTestId('search-chip').textContent()).toContain('法规：中华人民共和国反垄断法（2007年8月30日版，历史版本）');

    // 查看本法全部: both texts' matches.
    await page.getByTestId('search-chip-remove').click();
    await totalBecomes(page, all);
    await page.getByTestId('search-group').first().getByTestId('group-all').click();
    await totalBecomes(page, lawTotal);
    expect(new Set((await hitKeys(page)).map((k) => k.split('/')[0]))).toEqual(new Set([current, old]));
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('narrows by the real kinds and places, lists more laws page by page, and sorts by date', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('人民政府'));
    await results(page);
    const all = await total(page);
    const laws = Number(await page.getByTestId('search-laws').textContent());
    expect(laws).toBeGreaterThan(20);
    expect(await page.getByTestId('search-group').count()).toBe(20);
    await page.getByTestId('search-more').click();
    await expect.poll(() => page.getByTestId('search-group').count()).toBe(Math.min(40, laws));
    const works = await page.getByTestId('search-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-work')));
    expect(new Set(works).size).toBe(works.length);

    const kinds = await page.getByTestId('facet-kind').getByTestId('facet-value').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    for (const k of ['法律', '行政法规', '地方性法规']) expect(kinds).toContain(k);
    const admin = Number(await facet(page, 'kind', '行政法规').getAttribute('data-count'));
    await facet(page, 'kind', '行政法规').click();
    await totalBecomes(page, admin);
    for (const m of await page.getByTestId('group-meta').allTextContents()) expect(m).toContain('行政法规');

    // Clicked again, the kind is off; a place instead.
    await facet(page, 'kind', '行政法规').click();
    await totalBecomes(page, all);
    const beijing = Number(await facet(page, 'jurisdiction', '北京').getAttribute('data-count'));
    expect(beijing).toBeGreaterThan(0);
    await facet(page, 'jurisdiction', '北京').click();
    await totalBecomes(page, beijing);
    for (const m of await page.getByTestId('group-meta').allTextContents()) expect(m).toContain('北京');

    await page.getByTestId('search-chip-remove').click();
    await totalBecomes(page, all);
    const dates = () => page.getByTestId('search-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
    const newestFirst = (d: string[]) => [...d].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : b.localeCompare(a)));
    const byRelevance = await dates();
    expect(byRelevance).not.toEqual(newestFirst(byRelevance));
    await page.getByTestId('search-sort-date').click();
    await expect.poll(() => hash(page)).toContain('sort=date');
    await expect.poll(async () => { const d = await dates(); return d.length > 0 && d.join() === newestFirst(d).join(); }).toBe(true);
    const sorted = await dates();
    expect(sorted[0]! > sorted[sorted.length - 1]!).toBe(true);
    expect(app.errors).toEqual([]);
    await page.close();
  });

  it('exports what the filters keep, in the order shown', async () => {
    const page = await app.open('#/search?q=' + encodeURIComponent('个人信息 保护') + '&view=articles&kind=法律');
    await results(page);
    const n = await total(page);
    await expect.poll(() => page.getByTestId('search-hit').count()).toBe(n);
    const shown = await hitKeys(page);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('search-export-csv').click();
    const rows = parseCsv(readFileSync((await (await download).path())!).subarray(3).toString('utf8')).slice(1);
    expect(rows.map((r) => linkKey(r[7]!))).toEqual(shown);
    expect(new Set(rows.map((r) => r[5]))).toEqual(new Set(['法律']));
    expect(rows[0]![0]).toBe('中华人民共和国个人信息保护法');
    expect(app.errors).toEqual([]);
    await page.close();
  });
});
