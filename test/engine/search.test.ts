/**
 * Topic search on the seed documents. The expected articles were found by reading the seeds (and checked
 * with grep over the parsed articles): e.g. 预留…采购份额 is written in 浙江条例第二十七条, 湖南办法第二十七条,
 * 湖南二次审议稿第二十六条 and 深圳征求意见稿第四十五条, and nowhere else.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lunr from 'lunr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyseSource,
  buildSegment,
  CorruptSegmentError,
  idf,
  memorySource,
  openSegment,
  parseQuery,
  planQuery,
  SearchIndex,
  shardSources,
  TermMemo,
  yearsOf,
  type SearchHit,
  type SearchResult,
  type ShardSource,
} from '../../electron/engine/index';
import { getSegmenter, type Segmenter } from '../../electron/engine/segment';
import { Library } from '../../electron/services/library';
import { SearchCache } from '../../electron/services/search-cache';
import { CORPUS } from '../helpers/seeds';

let segmenter: Segmenter;
let library: Library;
let sources: ShardSource[];
let index: SearchIndex;
const homes: string[] = [];

function tmpHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-search-test-'));
  homes.push(home);
  return home;
}

beforeAll(() => {
  segmenter = getSegmenter();
  library = new Library({ corpusDir: CORPUS, home: tmpHome() });
  sources = library.corpusEntries().flatMap((e) => shardSources(library.get(e.id).document, { ...e, dates: { ...e.dates } }));
  index = new SearchIndex(segmenter);
  const memo = new TermMemo(segmenter);
  // Two segments (as an index that had a document imported after the first build), through the bytes.
  const analysed = sources.map((s) => analyseSource(segmenter, s, memo));
  index.addSegment('a', openSegment(memorySource(buildSegment(analysed.slice(0, 3)))));
  index.addSegment('b', openSegment(memorySource(buildSegment(analysed.slice(3)))));
});

afterAll(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/** "doc@version 第X条" keys of the hits, in rank order. */
const keys = (r: SearchResult): string[] => r.hits.map((h) => `${h.doc}@${h.version} ${h.label}`);
const search = (q: string, limit = 50): SearchResult => index.search(q, { limit });

describe('topics a researcher looks for', () => {
  it('政府采购 预留份额: the four articles on reserved procurement shares, and no others', () => {
    const r = search('政府采购 预留份额');
    expect(new Set(keys(r))).toEqual(
      new Set(['zhejiang-2023@0 第二十七条', 'hunan-2020@0 第二十七条', 'hunan-2020-review@1 第二十六条', 'shenzhen-draft@0 第四十五条']),
    );
    expect(r.total).toBe(4);
  });

  it('融资担保: every article that writes it, the ones headed 融资担保 first, a passing mention last among them', () => {
    const r = search('融资担保');
    const k = keys(r);
    const writesIt = [
      'zhejiang-2023@0 第八条',
      'zhejiang-2023@0 第四十二条',
      'hunan-2020@0 第十四条',
      'zhejiang-2020-opinion@0 （九）',
      'hunan-2020-review@0 第十一条',
      'hunan-2020-review@1 第十四条',
      'shenzhen-draft@0 第六十条',
    ];
    for (const key of writesIt) expect(k).toContain(key);
    // The provisions on 融资担保 first; the 二次审议稿's 第十四条 (headed 【融资担保】) is superseded by the
    // enacted 湖南办法第十四条, which therefore ranks first among the Hunan texts (latest version first).
    expect(new Set(k.slice(0, 4))).toEqual(new Set(['shenzhen-draft@0 第六十条', 'hunan-2020@0 第十四条', 'zhejiang-2023@0 第四十二条', 'zhejiang-2020-opinion@0 （九）']));
    expect(k.indexOf('hunan-2020@0 第十四条')).toBeLessThan(k.indexOf('hunan-2020-review@1 第十四条'));
    // Every version counting alike, the headed article of the draft comes back among the first two.
    const all = keys(index.search('融资担保', { limit: 50, latestFirst: false }));
    expect(all.slice(0, 2)).toContain('hunan-2020-review@1 第十四条');
    // 浙江第八条 lists 融资担保 once among a dozen services of 创业辅导; 第四十二条 is the provision on it.
    expect(k.indexOf('zhejiang-2023@0 第四十二条')).toBeLessThan(k.indexOf('zhejiang-2023@0 第八条'));
    const zj = index.search('融资担保', { docs: ['zhejiang-2023'] });
    expect(keys(zj)[0]).toBe('zhejiang-2023@0 第四十二条');
  });

  it('首台（套）, 无还本续贷, 第三方评估, 专精特新', () => {
    expect(new Set(keys(search('首台（套）')))).toEqual(
      new Set(['zhejiang-2023@0 第二十九条', 'hunan-2020@0 第十九条', 'hunan-2020-review@0 第十七条', 'hunan-2020-review@1 第十九条', 'shenzhen-draft@0 第四十二条']),
    );
    // Half-width parentheses as typed on a Latin keyboard.
    expect(search('首台(套)').total).toBe(5);
    expect(new Set(keys(search('无还本续贷')))).toEqual(
      new Set(['zhejiang-2023@0 第三十七条', 'hunan-2020@0 第十一条', 'zhejiang-2020-opinion@0 （五）', 'hunan-2020-review@0 第十条', 'hunan-2020-review@1 第十一条', 'shenzhen-draft@0 第五十八条']),
    );
    const evaluation = search('第三方评估');
    expect(new Set(keys(evaluation))).toEqual(
      new Set(['zhejiang-2023@0 第六十三条', 'hunan-2020@0 第三十三条', 'hunan-2020-review@0 第三十六条', 'hunan-2020-review@1 第三十二条', 'shenzhen-draft@0 第七十九条']),
    );
    // The one article headed 【第三方评估】 comes first.
    expect(keys(evaluation)[0]).toBe('shenzhen-draft@0 第七十九条');
    const k = keys(search('专精特新'));
    for (const key of ['zhejiang-2023@0 第十六条', 'zhejiang-2023@0 第三十三条', 'zhejiang-2023@0 第四十条', 'hunan-2020@0 第五条', 'zhejiang-2020-opinion@0 （十六）', 'hunan-2020-review@1 第五条']) {
      expect(k).toContain(key);
    }
    // The opinion's item is headed 支持中小企业专精特新发展.
    expect(k[0]).toBe('zhejiang-2020-opinion@0 （十六）');
  });

  it('a word that occurs nowhere finds nothing, and lunr syntax in the input is plain text', () => {
    expect(search('区块链 核电站').total).toBe(0);
    // One word absent: nothing, even though the other is written.
    expect(search('融资担保 核电站').total).toBe(0);
    for (const q of ['融资担保^10', 'title:融资担保', '融资* ~2 +担保', ': ^ ~ * + -']) expect(() => search(q)).not.toThrow();
    // Punctuation, lunr's operators included, is no word: only 融资担保 remains required.
    expect(search('+融资担保^ ~ *').total).toBe(search('融资担保').total);
  });
});

describe('query language', () => {
  it('parses phrases, exclusions and filters', () => {
    const q = parseQuery('融资担保 "预留的 采购份额" “首台（套）” -风险补偿 -"再担保" jurisdiction:湖南 地区：浙江 doc:hunan-2020-review@1 kind:地方性法规 stage:施行 year:2023 year:20x');
    expect(q.text).toEqual(['融资担保']);
    expect(q.phrases).toEqual(['预留的 采购份额', '首台（套）']);
    expect(q.excluded).toEqual(['风险补偿', '再担保']);
    expect(q.filters).toEqual({ jurisdictions: ['湖南', '浙江'], docs: ['hunan-2020-review@1'], kinds: ['地方性法规'], stages: ['施行'], years: [2023] });
    expect(q.warnings).toHaveLength(1);
  });

  it('requires the parts of a compound the dictionary splits (never overlapping), and whole words it cannot cover', () => {
    const plan = planQuery(segmenter, parseQuery('预留份额 中小微企业 应收账款融资'));
    expect(plan.words.map((w) => [w.word, w.atoms, w.boost])).toEqual([
      ['预留份额', ['预留', '份额'], '预留份额'],
      ['中小微企业', ['中小微企业'], null],
      // A word of the legal dictionary: never 收账 besides 应收 and 账款 (running text may not produce it).
      ['应收账款融资', ['应收', '账款', '融资'], '应收账款融资'],
    ]);
  });

  it('finds text the segmenter cut otherwise: 小微企业 in 中小微企业, 拖欠…账款, and says what it searched', () => {
    const small = search('小微企业', 200);
    // Every article that writes 小微企业, 中小微企业 included, and those of 浙江省促进中小微企业发展条例,
    // whose title writes it (a title is a field of each of its articles).
    const writes = sources.flatMap((s) =>
      s.articles.filter((a) => s.title.includes('小微企业') || ((a.heading ?? '') + a.paragraphs.join('')).includes('小微企业')).map((a) => `${s.id} ${a.label}`),
    );
    expect(writes.length).toBeGreaterThan(60);
    expect(new Set(keys(small))).toEqual(new Set(writes));
    // 湖南修订草案第三十二条 writes 拖欠账款 itself; 深圳第七十六条 writes 拖欠中小企业账款 (拖欠 and 账款 close,
    // in order) and ranks above the opinion's （十二）, which has 拖欠中小企业、民营企业账款.
    const owed = search('拖欠账款');
    expect(keys(owed)).toEqual(['hunan-2020-review@0 第三十二条', 'shenzhen-draft@0 第七十六条', 'zhejiang-2020-opinion@0 （十二）']);
    const none = search('区块链存证');
    expect(none.total).toBe(0);
    expect(none.searched.words.map((w) => w.literal).join('')).toBe('区块链存证');
    expect(none.searched.articles).toBe(index.articleCount);
  });

  it('an exact phrase matches only where it is written', () => {
    expect(new Set(keys(search('"预留的采购份额"')))).toEqual(
      new Set(['zhejiang-2023@0 第二十七条', 'hunan-2020@0 第二十七条', 'hunan-2020-review@1 第二十六条', 'shenzhen-draft@0 第四十五条']),
    );
    // 预留 and 份额 both occur in 湖南第二十七条, but never as 份额预留.
    expect(search('"份额预留"').total).toBe(0);
  });

  it('-term excludes the articles that contain it', () => {
    const all = keys(search('融资担保'));
    const without = keys(search('融资担保 -风险补偿'));
    const mentionRisk = ['zhejiang-2023@0 第四十二条', 'hunan-2020@0 第十四条', 'zhejiang-2020-opinion@0 （九）', 'hunan-2020-review@0 第十一条', 'hunan-2020-review@1 第十四条', 'shenzhen-draft@0 第六十条'];
    for (const k of mentionRisk) expect(without).not.toContain(k);
    expect(without).toContain('zhejiang-2023@0 第八条');
    expect(without.length).toBe(all.length - mentionRisk.length);
  });

  it('filters by jurisdiction, document, version, kind, stage and year', () => {
    const hunan = search('融资担保 jurisdiction:湖南');
    expect(hunan.total).toBeGreaterThan(0);
    expect(new Set(hunan.hits.map((h) => h.doc))).toEqual(new Set(['hunan-2020', 'hunan-2020-review']));
    expect(keys(search('融资担保 doc:hunan-2020-review@1'))).toEqual(['hunan-2020-review@1 第十四条']);
    expect(keys(index.search('融资担保', { docs: ['hunan-2020'] }))).toEqual(['hunan-2020@0 第十四条']);
    expect(new Set(search('融资担保 kind:政策文件').hits.map((h) => h.doc))).toEqual(new Set(['zhejiang-2020-opinion']));
    expect(new Set(search('融资担保 stage:征求意见稿').hits.map((h) => h.doc))).toEqual(new Set(['shenzhen-draft']));
    // Only the Zhejiang regulation is a 2023 version (effective 2023-03-01).
    expect(new Set(search('融资担保 year:2023').hits.map((h) => h.doc))).toEqual(new Set(['zhejiang-2023']));
    // A filter alone lists the articles of what it selects, in order.
    const only = search('doc:hunan-2020', 100);
    expect(only.total).toBe(36);
    expect(only.hits[0]!.label).toBe('第一条');
  });
});

describe('the 年份 facet and the year filter', () => {
  it('choosing a year of the facet finds exactly the articles it counts, on laws that state many years', async () => {
    // Revisions of national laws, each stating the years it was adopted and amended (行政复议法 2017: adopted
    // 1999, amended 2009 and 2017), beside the seeds: a version counts under its own date's year only.
    const home = tmpHome();
    const lib = new Library({ corpusDir: CORPUS, home });
    const files: Array<[string, string]> = [
      ['versions', '行政复议法(2017-09-01).md'],
      ['versions', '行政复议法(2023-09-01).md'],
      ...['lifa-2015.md', 'lifa-2023.md', 'zhiye-jiaoyu-1996.md', 'zhiye-jiaoyu-2022.md'].map((f): [string, string] => ['revisions', f]),
    ];
    for (const [dir, name] of files) await lib.importBytes(new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', dir, name))), name);
    const cache = new SearchCache({ library: lib, warmUp: false });
    const stated = new Set(lib.documentEntries().flatMap((e) => yearsOf({ ...e.dates })));
    let many = 0;
    for (const q of ['行政复议', '立法', '职业教育 学校', '中小企业', '法律']) {
      const all = await cache.search(q, { limit: 1 });
      expect(all.total, q).toBeGreaterThan(0);
      const counted = new Map(all.facets.year.map((f) => [f.value, f.count]));
      expect([...counted.values()].reduce((a, b) => a + b, 0), q).toBe(all.total);
      // Every year any document states: the facet's count (none when the facet does not list it).
      for (const year of new Set([...stated, ...[...counted.keys()].filter((v) => /^\d{4}$/.test(v)).map(Number)])) {
        const want = counted.get(String(year)) ?? 0;
        expect((await cache.search(q, { limit: 1, years: [year] })).total, `${q} ${year}`).toBe(want);
        expect((await cache.search(`${q} year:${year}`, { limit: 1 })).total, `${q} year:${year}`).toBe(want);
        if (want === 0) many++;
      }
    }
    // Years the documents state that no version is dated in (1999, 2000, 2009, …): a filter on any year a
    // document mentions would have found them.
    expect(many).toBeGreaterThan(0);
    const fuyi = await cache.search('行政复议', { limit: 50, years: [2017] });
    expect(new Set(fuyi.hits.map((h) => h.date?.slice(0, 4)))).toEqual(new Set(['2017']));
    expect((await cache.search('行政复议', { limit: 1, years: [1999] })).total).toBe(0);
    cache.close();
  });
});

describe('hits', () => {
  it('carry the matching 款 and highlight ranges that point at the query words in the snippet', () => {
    const r = search('政府采购 预留份额');
    for (const h of r.hits) {
      expect(h.highlights.length).toBeGreaterThan(0);
      let last = -1;
      for (const [a, b] of h.highlights) {
        expect(a).toBeGreaterThan(last);
        expect(b).toBeGreaterThan(a);
        expect(b).toBeLessThanOrEqual(h.snippet.length);
        last = b;
        const marked = h.snippet.slice(a, b);
        expect(['政府采购', '预留', '份额', '采购'].some((t) => marked.includes(t))).toBe(true);
      }
    }
    // 湖南办法第二十七条: 政府采购 in 第一款, the reserved share (向中小企业预留的采购份额…) in 第二款.
    const hunan = r.hits.find((h) => h.doc === 'hunan-2020')!;
    expect(hunan.paragraph).toBe(2);
    expect(hunan.snippet).toContain('预留的采购份额');
  });

  it('a snippet of a long 款 is a window around the match', () => {
    const h = search('无还本续贷').hits.find((x) => x.doc === 'hunan-2020') as SearchHit;
    expect(h.snippet.length).toBeLessThanOrEqual(162);
    const [a, b] = h.highlights[0]!;
    expect(h.snippet.slice(a, b)).toBe('无还本续贷');
    expect(h.terms).toEqual(['无还本续贷']);
  });
});

describe('statistics', () => {
  it('idf is lunr\'s idf, over the articles of the whole index', () => {
    // lunr.idf counts the documents of a posting across its fields: a posting of 3 documents among 100.
    const posting = { t: { a: {}, b: {} }, h: { c: {} } };
    expect(idf(3, 100)).toBeCloseTo((lunr as unknown as { idf: (p: unknown, n: number) => number }).idf(posting, 100), 10);
    // Document frequencies add up over segments: 融资担保 is a term of articles in both.
    const a = index.segment('a')!;
    const b = index.segment('b')!;
    const dfA = a.df(a.termId('融资担保')!);
    const dfB = b.df(b.termId('融资担保')!);
    expect(dfA).toBeGreaterThan(0);
    expect(dfB).toBeGreaterThan(0);
    expect(index.df('融资担保')).toBe(dfA + dfB);
    expect(index.articleCount).toBe(sources.reduce((n, s) => n + s.articles.length, 0));
  });

  it('removing a document subtracts exactly what it added', () => {
    const copy = new SearchIndex(segmenter);
    const memo = new TermMemo(segmenter);
    const analysed = sources.map((s) => analyseSource(segmenter, s, memo));
    copy.addSegment('all', openSegment(memorySource(buildSegment(analysed))));
    const without = new SearchIndex(segmenter);
    without.addSegment('rest', openSegment(memorySource(buildSegment(analysed.filter((a) => a.source.doc !== 'shenzhen-draft')))));
    copy.removeDocument('shenzhen-draft');
    expect(copy.totals()).toEqual(without.totals());
    for (const t of ['融资担保', '中小企业', '第三方评估', '深圳']) expect(copy.df(t)).toBe(without.df(t));
    const a = copy.search('融资担保 风险补偿', { limit: 50 });
    const b = without.search('融资担保 风险补偿', { limit: 50 });
    expect(a.hits.map((h) => [h.doc, h.article, h.score])).toEqual(b.hits.map((h) => [h.doc, h.article, h.score]));
  });
});

describe('warm-up', () => {
  it('searches over the index\'s own words, taking the paths of a search (several words, phrase, exclusion, sorting)', () => {
    const queries = index.warmUpQueries();
    expect(queries.length).toBeGreaterThanOrEqual(8);
    expect(queries.some((q) => q.query.startsWith('"'))).toBe(true);
    expect(queries.some((q) => q.query.includes(' -'))).toBe(true);
    expect(queries.some((q) => q.options.sort === 'date')).toBe(true);
    // Words the index holds.
    for (const word of queries[0]!.query.split(' ')) expect(index.df(word), word).toBeGreaterThan(0);
    expect(index.warmUp()).toBe(queries.length);
    // The same index gives the same queries.
    expect(index.warmUpQueries()).toEqual(queries);
  });
});

describe('segments', () => {
  it('survive serialisation, and a damaged one is refused', () => {
    const source = sources.find((s) => s.id === 'hunan-2020@0')!;
    const bytes = buildSegment([analyseSource(segmenter, source)]);
    const seg = openSegment(memorySource(bytes));
    expect(seg.articleCount).toBe(36);
    expect(seg.article(26).label).toBe('第二十七条');
    expect(() => openSegment(memorySource(bytes.subarray(0, bytes.length - 3)))).toThrow(CorruptSegmentError);
    const flipped = bytes.slice();
    flipped[0] = 0;
    expect(() => openSegment(memorySource(flipped))).toThrow(CorruptSegmentError);
  });
});

describe('the disk cache', () => {
  const q = '政府采购 预留份额';
  const segmentFiles = (home: string): string[] => readdirSync(join(home, 'cache', 'search', 'segments'));

  it('round trip: built once, then opened from the cache with the same results', async () => {
    const home = tmpHome();
    const warnings: string[] = [];
    const first = new SearchCache({ library: new Library({ corpusDir: CORPUS, home }), warn: (m) => warnings.push(m) });
    const a = await first.search(q);
    expect(first.getStatus()).toMatchObject({ state: 'ready', source: 'built', segments: 1, built: 5 });
    expect(segmentFiles(home)).toHaveLength(1);
    expect(segmentFiles(home).some((f) => f.endsWith('.tmp'))).toBe(false);
    first.close();
    const second = new SearchCache({ library: new Library({ corpusDir: CORPUS, home }), warn: (m) => warnings.push(m) });
    const b = await second.search(q);
    expect(second.getStatus()).toMatchObject({ state: 'ready', source: 'cache', built: 0 });
    expect(b.hits).toEqual(a.hits);
    expect(warnings).toEqual([]);
    second.close();
  });

  it('a cold start on the saved index cuts queries with the compiled dictionary: nodejieba is not needed to search', async () => {
    const home = tmpHome();
    const first = new SearchCache({ library: new Library({ corpusDir: CORPUS, home }) });
    const queries = [q, '融资担保', '小微企业 融资', '"预留的采购份额"', '首台（套） -担保', '应收账款融资'];
    const before = [];
    for (const x of queries) before.push(await first.search(x));
    first.close();
    expect(readdirSync(join(home, 'cache', 'search')).filter((f) => /^dictionary-.*\.bin$/.test(f))).toHaveLength(1);
    const noJieba = (): never => {
      throw new Error('nodejieba loaded');
    };
    const second = new SearchCache({ library: new Library({ corpusDir: CORPUS, home }), segmenter: noJieba, querySegmenter: 'compiled' });
    for (let i = 0; i < queries.length; i++) {
      const r = await second.search(queries[i]!);
      expect(r.hits, queries[i]).toEqual(before[i]!.hits);
      expect(r.groups).toEqual(before[i]!.groups);
      expect(r.facets).toEqual(before[i]!.facets);
    }
    expect(second.getStatus()).toMatchObject({ source: 'cache', built: 0 });
    second.close();
  });

  it('a changed document is tombstoned and re-indexed alone, with the statistics of a full rebuild', async () => {
    const home = tmpHome();
    const corpus = join(home, 'corpus');
    cpSync(CORPUS, corpus, { recursive: true });
    const first = new SearchCache({ library: new Library({ corpusDir: corpus, home }), warn: () => {} });
    await first.search(q);
    first.close();
    const hunan = join(corpus, '001_750f479af8771a80.txt');
    writeFileSync(hunan, readFileSync(hunan, 'utf8').replace('预留的采购份额', '预留的采购额度'));
    const cache = new SearchCache({ library: new Library({ corpusDir: corpus, home }), warn: () => {} });
    const r = await cache.search(q);
    expect(cache.getStatus()).toMatchObject({ source: 'partly-built', built: 1, removed: 1, segments: 2 });
    expect(r.hits.map((h) => h.doc)).not.toContain('hunan-2020');
    // The same scores as an index built from scratch on the changed corpus.
    const fresh = new SearchCache({ library: new Library({ corpusDir: corpus, home: tmpHome() }), warn: () => {} });
    const f = await fresh.search('融资担保 风险补偿', { limit: 50 });
    const g = await cache.search('融资担保 风险补偿', { limit: 50 });
    expect(g.hits.map((h) => [h.doc, h.label, h.score])).toEqual(f.hits.map((h) => [h.doc, h.label, h.score]));
    cache.close();
    fresh.close();
  });

  it('a corrupt segment or manifest is discarded with a warning and rebuilt', async () => {
    const home = tmpHome();
    const lib = () => new Library({ corpusDir: CORPUS, home });
    const c0 = new SearchCache({ library: lib(), warn: () => {} });
    const expected = await c0.search(q);
    c0.close();
    const dir = join(home, 'cache', 'search');
    for (const f of segmentFiles(home)) writeFileSync(join(dir, 'segments', f), 'not a segment');
    const warnings: string[] = [];
    const cache = new SearchCache({ library: lib(), warn: (m) => warnings.push(m) });
    const r = await cache.search(q);
    expect(r.hits).toEqual(expected.hits);
    expect(warnings.length).toBeGreaterThan(0);
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(warnings[0]).toMatch(/损坏/);
    cache.close();

    writeFileSync(join(dir, 'index.json'), '{"schema": 1, "segm');
    const again: string[] = [];
    const reopened = new SearchCache({ library: lib(), warn: (m) => again.push(m) });
    expect((await reopened.search(q)).hits).toEqual(expected.hits);
    expect(again).toHaveLength(1);
    expect(existsSync(join(dir, 'index.json'))).toBe(true);
    reopened.close();
  });

  it('sees a document another process imported into the same library (the CLI beside the running app)', async () => {
    const home = tmpHome();
    const app = new SearchCache({ library: new Library({ corpusDir: CORPUS, home }), warn: () => {} });
    const query = '白名单 产融合作';
    const before = await app.search(query);
    const cli = new Library({ corpusDir: CORPUS, home });
    const imported = await cli.importBytes(Buffer.from('第一条　建立中小企业产融合作白名单制度，实行动态管理。\n第二条　本办法自公布之日起施行。\n'), '白名单办法.txt');
    const after = await app.search(query);
    expect(after.hits.filter((h) => h.doc === imported.id).map((h) => h.article)).toEqual([1]);
    expect(after.total).toBe(before.total + 1);
    // Imported into a small segment of its own; removed by a tombstone, no rebuild.
    expect(app.getStatus()).toMatchObject({ built: 1, segments: 2 });
    cli.remove(imported.id);
    const gone = await app.search(query);
    expect(gone.total).toBe(before.total);
    expect(app.getStatus()).toMatchObject({ built: 0, removed: 1 });
    app.close();
  });
});

describe('export', () => {
  it('CSV with BOM and the whole article; an .xlsx exceljs reads back with the same cells and live links', async () => {
    const { exportRows, hitsToCsv, hitsToXlsx } = await import('../../electron/engine/index/export');
    const r = index.search('首台（套）', { limit: 50 });
    const rows = exportRows(index, r.hits);
    expect(rows).toHaveLength(r.total);
    const zj = rows.find((x) => x.doc === 'zhejiang-2023')!;
    expect(zj).toMatchObject({ label: '第二十九条', jurisdiction: '浙江', kind: '地方性法规', link: 'duizhao://doc/zhejiang-2023@0#art_29' });
    // The article whole, 款 by 款.
    const source = sources.find((s) => s.id === 'zhejiang-2023@0')!.articles.find((a) => a.label === '第二十九条')!;
    expect(zj.text).toBe(source.paragraphs.join('\n'));
    const csv = hitsToCsv(rows);
    expect(csv.startsWith('\uFEFF标题,条,条标题,条文,地区,类型,日期,链接\r\n')).toBe(true);
    // Read back as a spreadsheet would (RFC 4180: quoted fields may hold line breaks and "").
    const records: string[][] = [];
    let field = '';
    let record: string[] = [];
    let quoted = false;
    for (let i = 1; i < csv.length; i++) {
      const c = csv[i]!;
      if (quoted) {
        if (c === '"' && csv[i + 1] === '"') (field += '"'), i++;
        else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') record.push(field), (field = '');
      else if (c === '\r' && csv[i + 1] === '\n') record.push(field), records.push(record), (record = []), (field = ''), i++;
      else field += c;
    }
    expect(records).toHaveLength(rows.length + 1);
    expect(records[rows.indexOf(zj) + 1]![3]).toBe(zj.text);
    const bytes = await hitsToXlsx(rows, '首台（套）');
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('检索结果')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '标题', '条', '条标题', '条文', '地区', '类型', '日期', '链接']);
    expect(sheet.rowCount).toBe(rows.length + 1);
    const at = rows.indexOf(zj) + 2;
    expect(sheet.getRow(at).getCell(4).value).toBe(zj.text);
    expect(sheet.getRow(at).getCell(8).value).toEqual({ text: zj.link, hyperlink: zj.link });
  });
});
