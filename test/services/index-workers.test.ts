/**
 * A search index built on worker threads (services/index-workers.ts, build/index-worker.js) against the
 * same index built on one thread, over real texts: the excerpts of the shared corpus in
 * test/fixtures/search-corpus imported into a library, plus the seeds. Each segment is byte for byte what
 * a single-thread build of its documents writes, and the documents are listed in the same order; the
 * answers to the reviewed queries of search-relevance.json and to filtered, sorted, phrase and excluding
 * queries are the same. One caveat, the search's and not the build's: a word that is neither an index
 * term nor holds two Han characters (反 in 反不正当竞争) gets an idf estimated per segment
 * (engine/index/search.ts, "No bigram to count"), so with more segments its scores move; for such queries
 * the same articles are found, and the scores are compared where the segments are the same. A worker that
 * never answers is given up and its documents built on the calling thread; a small build starts none.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSource, buildSegment, shardSources, TermMemo } from '../../electron/engine/index';
import { hasBigram } from '../../electron/engine/index/analyse';
import type { SearchOptions, SearchResult } from '../../electron/engine/index/types';
import { getSegmenter } from '../../electron/engine/segment';
import { bulkImport } from '../../electron/services/bulk-import';
import { splitRuns, type IndexWorkerOptions } from '../../electron/services/index-workers';
import { Library } from '../../electron/services/library';
import { metaOf, SearchCache } from '../../electron/services/search-cache';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'corpus');
const TREE = join(ROOT, 'test', 'fixtures', 'search-corpus');
const WORKER = join(ROOT, 'build', 'index-worker.js');
const relevance = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'search-relevance.json'), 'utf8')) as { queries: Array<{ query: string }> };

let home: string;
let library: Library;

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error('build/index-worker.js missing: run `npm run build` (npm test does)');
  home = mkdtempSync(join(tmpdir(), 'duizhao-index-workers-'));
  library = new Library({ corpusDir: CORPUS, home });
  const r = await bulkImport(library, [TREE], { workers: 0 });
  expect(r.failed).toEqual([]);
  expect(r.imported.length).toBeGreaterThan(20);
});
afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/** Whether a word of the query is scored with an idf estimated per segment (see the header). */
const estimated = (r: SearchResult): boolean => r.searched.words.some((w) => w.terms.length === 0 && !(w.literal && hasBigram(w.literal)));

/** An index of the library in its own cache folder, built with these worker options. */
async function built(name: string, workers: IndexWorkerOptions, warn: (m: string) => void = () => {}): Promise<SearchCache> {
  const cache = new SearchCache({ library, cacheDir: join(home, 'cache', name), segmenter: getSegmenter, workers, warn });
  await cache.open();
  return cache;
}

const QUERIES: Array<[string, SearchOptions]> = [
  ...relevance.queries.map((q) => [q.query, {}] as [string, SearchOptions]),
  ['个人信息 保护', { limit: 50, sort: 'date' }],
  ['法律责任 罚款', { kinds: ['地方性法规'], limit: 30 }],
  ['"民事诉讼"', { status: ['current'] }],
  ['商标 -注册', { limit: 40 }],
  ['中小企业', { jurisdictions: ['广东省', '浙江省'], years: [2019, 2020, 2023] }],
];

describe('an index built on worker threads', () => {
  let single: SearchCache;
  let one: SearchCache;
  let two: SearchCache;
  beforeAll(async () => {
    single = await built('single', { workers: 0 });
    // minBytes 0: the fixtures are far below the size that starts workers by default.
    one = await built('one', { workers: 1, minBytes: 0, workerFile: WORKER });
    two = await built('two', { workers: 2, minBytes: 0, workerFile: WORKER });
  });
  afterAll(() => {
    for (const c of [single, one, two]) c?.close();
  });

  it('shares the build: the calling thread and each worker write segments of their own documents', () => {
    expect(single.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 1 });
    expect(one.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 2, built: single.getStatus().built });
    expect(two.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 3, built: single.getStatus().built });
  });

  it('answers every query as the single-thread index does', async () => {
    let exact = 0;
    let hits = 0;
    for (const [q, options] of QUERIES) {
      const a = await single.search(q, options);
      hits += a.hits.length;
      for (const other of [one, two]) {
        const b = await other.search(q, options);
        if (!estimated(a)) expect(b, q).toEqual(a);
        else {
          // The same articles, scored with a per-segment estimate: compare everything they match.
          const all = { ...options, limit: 10_000, groupLimit: 0 };
          const found = async (c: SearchCache) => (await c.search(q, all)).hits.map((h) => `${h.doc}/${h.article}/${h.sub ?? ''}`).sort();
          expect(await found(other), q).toEqual(await found(single));
          expect({ ...b, hits: [], groups: [] }, q).toEqual({ ...a, hits: [], groups: [] });
        }
      }
      if (!estimated(a)) exact++;
    }
    expect(hits).toBeGreaterThan(QUERIES.length * 3); // the queries do find things
    expect(exact).toBeGreaterThan(QUERIES.length * 0.8);
  });

  it('lists the documents in the single-thread order, and each segment is what one thread builds of them', () => {
    const manifestOf = (name: string) =>
      JSON.parse(readFileSync(join(home, 'cache', name, 'index.json'), 'utf8')) as { segments: Array<{ file: string; docs: Array<{ id: string }> }> };
    const order = (name: string) => manifestOf(name).segments.flatMap((s) => s.docs.map((d) => d.id));
    expect(order('two')).toEqual(order('single'));
    expect(order('one')).toEqual(order('single'));
    const entries = new Map(library.documentEntries().map((e) => [e.id, e] as const));
    const corpus = new Map(library.corpusEntries().map((c) => [c.id, c] as const));
    const segmenter = getSegmenter();
    for (const name of ['one', 'two']) {
      for (const s of manifestOf(name).segments) {
        const memo = new TermMemo(segmenter);
        const inputs = s.docs.flatMap((d) => shardSources(library.get(d.id).document, metaOf(entries.get(d.id)!, corpus.get(d.id))).map((src) => analyseSource(segmenter, src, memo)));
        const bytes = readFileSync(join(home, 'cache', name, s.file));
        expect(Buffer.compare(bytes, Buffer.from(buildSegment(inputs))), `${name} ${s.file}`).toBe(0);
      }
    }
  });
});

describe('when workers are not worth it or fail', () => {
  it('a small build stays on the calling thread (one segment)', async () => {
    const cache = await built('small', { workerFile: WORKER });
    expect(cache.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 1 });
    cache.close();
  });

  it('a worker that dies without answering is given up, and its documents are built here with the same answers', async () => {
    const silent = join(home, 'broken-worker.js');
    writeFileSync(silent, "throw new Error('a broken worker bundle');\n");
    const cache = await built('silent', { workers: 1, minBytes: 0, workerFile: silent, stallMs: 1500 });
    // The same runs as with a worker that answers: the calling thread's, then the worker's built here.
    const answered = await built('answered', { workers: 1, minBytes: 0, workerFile: WORKER });
    expect(cache.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 2, built: answered.getStatus().built });
    for (const [q, options] of QUERIES) expect(await cache.search(q, options), q).toEqual(await answered.search(q, options));
    cache.close();
    answered.close();
  });
});

describe('splitRuns', () => {
  it('cuts the documents into contiguous runs, the calling thread first with the smaller share', () => {
    const sizes = Array.from({ length: 400 }, (_, i) => 50_000 + ((i * 7919) % 500_000));
    const total = sizes.reduce((a, b) => a + b, 0);
    for (const workers of [1, 2, 3]) {
      const starts = splitRuns(sizes, workers);
      expect(starts).toHaveLength(workers);
      for (let k = 1; k < workers; k++) expect(starts[k]!).toBeGreaterThan(starts[k - 1]!);
      const share = (from: number, to: number) => sizes.slice(from, to).reduce((a, b) => a + b, 0) / total;
      const own = share(0, starts[0]!);
      const worker = share(starts[0]!, starts[1] ?? sizes.length);
      // The caller also reads every worker's documents: it keeps less than an even share.
      expect(own).toBeGreaterThan(0);
      expect(own).toBeLessThan(1 / (workers + 1));
      expect(worker).toBeGreaterThan(own);
    }
  });
});
