/**
 * The `search` API method over a real Library: contract shape, request validation as error values, and
 * an imported document becoming searchable (the library's change listener makes the index reopen and
 * build only the new document).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { Library } from '../../electron/services/library';
import { CORPUS } from '../helpers/seeds';

const home = mkdtempSync(join(tmpdir(), 'duizhao-search-api-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const library = new Library({ corpusDir: CORPUS, home });
const handlers = createHandlers(library);

describe('search API', () => {
  it('answers the CONTRACTS.md shape, with the filters of the request', async () => {
    const r = await handlers.search({ query: '融资担保', jurisdictions: ['湖南'], limit: 5 });
    expect(r.query).toBe('融资担保');
    expect(r.total).toBe(3); // 湖南办法第十四条, 修订草案第十一条, 二次审议稿第十四条
    expect(new Set(r.hits.map((h) => `${h.doc}@${h.version}/${h.article}`))).toEqual(new Set(['hunan-2020@0/14', 'hunan-2020-review@0/11', 'hunan-2020-review@1/14']));
    expect(readdirSync(join(home, 'cache', 'search', 'segments'))).toHaveLength(1);
  });

  it('answers groups by law and facets over all matching articles; sorts by date on request', async () => {
    const r = await handlers.search({ query: '融资担保', groupHits: 2 });
    expect(r.totalGroups).toBe(r.groups.length);
    const hunan = r.groups.find((g) => g.doc === 'hunan-2020')!;
    expect(hunan.versions.map((v) => [v.doc, v.version, v.current])).toEqual([
      ['hunan-2020', 0, true],
      ['hunan-2020-review', 1, false],
      ['hunan-2020-review', 0, false],
    ]);
    expect(hunan.hits.length).toBeLessThanOrEqual(2);
    const sum = (f: Array<{ count: number }>): number => f.reduce((n, x) => n + x.count, 0);
    expect(sum(r.facets.jurisdiction)).toBe(r.total);
    expect(sum(r.facets.kind)).toBe(r.total);
    expect(sum(r.facets.status)).toBe(r.total);
    expect(r.facets.jurisdiction.find((f) => f.value === '湖南')!.count).toBe(3);
    const current = await handlers.search({ query: '融资担保', status: ['current'] });
    expect(current.total).toBe(r.facets.status.find((f) => f.value === 'current')!.count);
    const byDate = await handlers.search({ query: '融资担保', sort: 'date' });
    const dates = byDate.hits.map((h) => h.date ?? '');
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('refuses bad requests as error values', async () => {
    for (const req of [{}, { query: 1 }, { query: '担保', limit: 0 }, { query: '担保', docs: 'hunan-2020' }, { query: 'x'.repeat(501) }, { query: '担保', sort: 'size' }, { query: '担保', status: ['old'] }, { query: '担保', latestFirst: 'no' }]) {
      const r = await callHandler(handlers, 'search', req);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_request');
    }
  });

  it('finds an imported document once it is imported', async () => {
    const text = '某市数据要素条例\n第一条 为了促进低空经济与数据要素市场发展，制定本条例。\n第二条 市人民政府应当支持低空经济在政务服务中的应用。\n';
    expect((await handlers.search({ query: '低空经济' })).total).toBe(0);
    const imported = await handlers.importDocument({ name: 'data.txt', data: Buffer.from(text, 'utf8'), meta: { jurisdiction: '某市' } });
    const r = await handlers.search({ query: '低空经济 政务服务' });
    expect(r.hits.map((h) => `${h.doc}/${h.article}`)).toEqual([`${imported.id}/2`]);
    expect((await handlers.search({ query: '低空经济 jurisdiction:某市' })).total).toBe(2);
    await handlers.removeDocument({ id: imported.id });
    expect((await handlers.search({ query: '低空经济' })).total).toBe(0);
  });
});
