/**
 * buildSegment against a plain recount: the seeds and the fixed cut of the shared corpus
 * (test/fixtures/search-corpus) in one segment, read back through its bytes, hold for every term the
 * articles and term frequencies a Map-per-article count of the analysed fields gives, for every bigram the
 * articles whose match text writes it, and each article's text as plainText() gives it. The builder keys
 * terms and bigrams in hash tables of its own (grown as they fill): this is what catches a lost or merged key.
 */
import { rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseSource, bigramKeys, buildSegment, memorySource, openSegment, shardSources, TermMemo, type ShardSource } from '../../electron/engine/index';
import { matchText, plainText, type AnalysedSource, type Segment } from '../../electron/engine/index/segment';
import { getSegmenter } from '../../electron/engine/segment';
import { Library } from '../../electron/services/library';
import { lawrefFiles, lawrefSources } from '../../scripts/bench/search-lawref';
import { CORPUS } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'search-corpus');
let home: string;
let analysed: AnalysedSource[];
let seg: Segment;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'duizhao-segment-build-'));
  const library = new Library({ corpusDir: CORPUS, home });
  const sources: ShardSource[] = [
    ...library.corpusEntries().flatMap((e) => shardSources(library.get(e.id).document, { ...e, dates: { ...e.dates } })),
    ...lawrefFiles(FIXTURES).flatMap((p) => lawrefSources(FIXTURES, p) ?? []),
  ];
  const segmenter = getSegmenter();
  const memo = new TermMemo(segmenter);
  analysed = sources.map((s) => analyseSource(segmenter, s, memo));
  seg = openSegment(memorySource(buildSegment(analysed)));
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Every article of the inputs in segment order, with its analysed [heading terms, text terms]. */
function* articles(): Generator<{ n: number; input: AnalysedSource; i: number }> {
  let n = 0;
  for (const input of analysed) for (let i = 0; i < input.source.articles.length; i++) yield { n: n++, input, i };
}

describe('a segment built from many documents', () => {
  it('is large enough to grow the builder’s tables several times', () => {
    // The term tables (terms of one or two characters, longer ones) start at 1,024 slots, the bigram table
    // at 4,096; each doubles past half full.
    expect(seg.articleCount).toBeGreaterThan(500);
    expect(seg.terms.filter((t) => t.length <= 2).length).toBeGreaterThan(1024);
    expect(seg.terms.filter((t) => t.length > 2).length).toBeGreaterThan(1024);
    expect(seg.bigramKey.length).toBeGreaterThan(16_384);
  });

  it('lists every term once, sorted, with the articles and frequencies a plain recount gives', () => {
    const expected = new Map<string, Array<[number, number, number]>>();
    for (const { n, input, i } of articles()) {
      const [head, text] = input.fields[i]!;
      const counts = new Map<string, [number, number]>();
      for (const t of text) (counts.get(t) ?? counts.set(t, [0, 0]).get(t)!)[0]++;
      for (const t of head) (counts.get(t) ?? counts.set(t, [0, 0]).get(t)!)[1]++;
      for (const [t, [tf, hf]] of counts) {
        let list = expected.get(t);
        if (!list) expected.set(t, (list = []));
        list.push([n, Math.min(tf, 255), Math.min(hf, 255)]);
      }
    }
    expect(seg.terms).toEqual([...expected.keys()].sort());
    for (let id = 0; id < seg.terms.length; id++) {
      const p = seg.postings(id);
      const got = Array.from(p.docs, (d, k): [number, number, number] => [d, p.tf[k]!, p.head[k]!]);
      expect(got, seg.terms[id]).toEqual(expected.get(seg.terms[id]!));
    }
  });

  it('lists every bigram of every article’s match text, ascending, with its articles in order', () => {
    const expected = new Map<number, number[]>();
    for (const { n, input, i } of articles()) {
      for (const key of bigramKeys(matchText(input.source.articles[i]!))) {
        let list = expected.get(key);
        if (!list) expected.set(key, (list = []));
        list.push(n);
      }
    }
    expect(Array.from(seg.bigramKey)).toEqual([...expected.keys()].sort((a, b) => a - b));
    for (const [key, docs] of expected) expect(Array.from(seg.bigramDocs(key)!)).toEqual(docs);
  });

  it('keeps each article’s text, match form, numbers and field lengths', () => {
    for (const { n, input, i } of articles()) {
      const a = input.source.articles[i]!;
      const [head, text] = input.fields[i]!;
      expect(seg.plainText(n)).toBe(plainText(a));
      expect(seg.matchText(n)).toBe(matchText(a));
      const back = seg.article(n);
      expect([back.label, back.number, back.sub, back.id, back.heading, back.chapter]).toEqual([a.label, a.number, a.sub, a.id, a.heading, a.chapter || null]);
      expect([seg.textLen[n], seg.headLen[n]]).toEqual([text.length, head.length]);
    }
    expect(seg.totals.articles).toBe(seg.articleCount);
    expect(seg.totals.text).toBe(analysed.reduce((s, x) => s + x.fields.reduce((t, f) => t + f[1].length, 0), 0));
  });
});
