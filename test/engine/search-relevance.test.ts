/**
 * Relevance on a fixed part of the shared corpus (test/fixtures/search-corpus, cut by cut.mjs: the wanted
 * laws and laws that compete with them) plus the seed documents: the reviewed queries of
 * test/fixtures/search-relevance.json must find their law among the first 3 laws (success@3 ≥ 0.95), and
 * every phrase copied from an article must find that article (verbatim recall 1). The bench runs the same
 * measures on the whole corpus (scripts/bench/search-quality.ts).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSource, buildSegment, memorySource, openSegment, SearchIndex, shardSources, TermMemo, type ShardSource } from '../../electron/engine/index';
import { getSegmenter } from '../../electron/engine/segment';
import { Library } from '../../electron/services/library';
import { lawrefFiles, lawrefMeta, lawrefSources, relevance, verbatimRecall, type RelevanceQuery } from '../../scripts/bench/search-lawref';
import { CORPUS } from '../helpers/seeds';

const DIR = join(__dirname, '..', 'fixtures', 'search-corpus');
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'search-relevance.json'), 'utf8')) as { queries: RelevanceQuery[] };
let index: SearchIndex;
let sources: ShardSource[];

beforeAll(() => {
  const segmenter = getSegmenter();
  // Only the built-in corpus is read: the home is never written.
  const library = new Library({ corpusDir: CORPUS, home: join(tmpdir(), 'duizhao-relevance-unused') });
  sources = [
    ...lawrefFiles(DIR).flatMap((p) => lawrefSources(DIR, p) ?? []),
    ...library.corpusEntries().flatMap((e) => shardSources(library.get(e.id).document, { ...e, dates: { ...e.dates } })),
  ];
  const memo = new TermMemo(segmenter);
  index = new SearchIndex(segmenter);
  index.addSegment('fixture', openSegment(memorySource(buildSegment(sources.map((s) => analyseSource(segmenter, s, memo))))));
});

const idOf = (doc: string): string => (doc.startsWith('seed:') ? doc.slice(5) : lawrefMeta(doc, '').id);

describe('relevance on the fixed corpus', () => {
  it('has the reviewed queries, and every wanted law and article is in the corpus', () => {
    expect(fixture.queries.length).toBeGreaterThanOrEqual(40);
    for (const q of fixture.queries) {
      const docs = (Array.isArray(q.doc) ? q.doc : [q.doc]).map(idOf);
      const s = sources.filter((x) => docs.includes(x.doc));
      expect(s.length, String(q.doc)).toBeGreaterThan(0);
      for (const label of q.article === undefined ? [] : Array.isArray(q.article) ? q.article : [q.article]) {
        expect(s.some((x) => x.articles.some((a) => a.label === label)), `${q.doc} ${label}`).toBe(true);
      }
    }
  });

  it('success@3 ≥ 0.95: the wanted law among the first 3 laws', () => {
    const r = relevance(index, fixture.queries, idOf);
    if (r.failures.length) console.log(JSON.stringify(r.failures, null, 1));
    console.log(`success@3 ${r.successAt3.toFixed(3)}, article@3 ${r.articleAt3.toFixed(3)} over ${r.queries} queries`);
    expect(r.successAt3).toBeGreaterThanOrEqual(0.95);
  });

  it('verbatim recall 1: a phrase copied from an article finds it', () => {
    const r = verbatimRecall(index, sources, 300);
    expect(r.misses).toEqual([]);
    expect(r.recall).toBe(1);
  });
});
