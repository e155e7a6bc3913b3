import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alignDocuments,
  buildLibraryIndex,
  findCounterparts,
  profileDocument,
  profileFits,
  similarDocuments,
  type AlignInput,
  type DocumentProfile,
  type LibraryIndex,
} from '../../electron/engine/align';
import { parseDocument } from '../../electron/engine/parse';
import { getSegmenter } from '../../electron/engine/segment';
import { parseSeed, type SeedId } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'align-library');
const excerpt = (file: string): AlignInput => {
  const id = file.replace(/\.md$/, '');
  return { ref: id, doc: parseDocument(readFileSync(join(FIXTURES, file), 'utf8'), { id }), version: 0 };
};
const seed = (id: SeedId, meta?: AlignInput['meta']): AlignInput => ({ ref: id, doc: parseSeed(id), version: 0, ...(meta ? { meta } : {}) });

let library: AlignInput[];
let profiles: Map<string, DocumentProfile>;
let index: LibraryIndex;

beforeAll(() => {
  library = [
    seed('zhejiang-2023', { jurisdiction: '浙江', dates: { adopted: '2023-01-16' } }),
    // The Hunan text has no title line: the library takes its title from the manifest.
    { ...seed('hunan-2020', { jurisdiction: '湖南', dates: { effective: '2021-01-01' } }), doc: { ...parseSeed('hunan-2020'), title: '湖南省实施《中华人民共和国中小企业促进法》办法' } },
    seed('shenzhen-draft', { jurisdiction: '深圳' }),
    seed('zhejiang-2020-opinion', { jurisdiction: '浙江', dates: { published: '2020-12-31' } }),
    ...['national-sme-2017.md', 'zhengzhou-civility-2022.md', 'jinan-civility-2019.md', 'shandong-business-2020.md', 'henan-business-2020.md'].map(excerpt),
  ];
  const segmenter = getSegmenter();
  profiles = new Map(library.map((d) => [d.ref, profileDocument(d.doc, d.version, segmenter)]));
  index = buildLibraryIndex(library.map((d) => ({ ref: d.ref, profile: profiles.get(d.ref)!, ...(d.meta ? { meta: d.meta } : {}) })));
});

describe('同类法规: documents on the same subject', () => {
  it('an SME regulation finds the other SME texts first, and not its own jurisdiction', () => {
    const similar = similarDocuments(index, profiles.get('zhejiang-2023')!, { limit: 5 });
    const refs = similar.map((s) => s.ref);
    // 浙江's policy opinion is left out (same jurisdiction); the other SME texts lead.
    expect(refs).not.toContain('zhejiang-2020-opinion');
    expect(refs.slice(0, 3).sort()).toEqual(['hunan-2020', 'national-sme-2017', 'shenzhen-draft']);
    // 文明行为 and 营商环境 texts come after them, if at all.
    for (const other of similar.slice(3)) expect(other.score).toBeLessThan(similar[2]!.score);
    // Explained by the terms both texts keep using, whole (not search-mode fragments such as 场主).
    expect(similar[0]!.terms.length).toBeGreaterThan(0);
    const withOwn = similarDocuments(index, profiles.get('zhejiang-2023')!, { limit: 10, sameJurisdiction: true });
    expect(withOwn.map((s) => s.ref)).toContain('zhejiang-2020-opinion');
  });

  it('文明行为 meets 文明行为 and 优化营商环境 meets 优化营商环境, by title subject and content', () => {
    const civility = similarDocuments(index, profiles.get('zhengzhou-civility-2022')!, { limit: 3 });
    expect(civility[0]!.ref).toBe('jinan-civility-2019');
    expect(civility[0]!.sameSubject).toBe(true);
    expect(civility[0]!.jurisdiction).toBe('济南');
    const business = similarDocuments(index, profiles.get('shandong-business-2020')!, { limit: 3 });
    expect(business[0]!.ref).toBe('henan-business-2020');
    expect(business[0]!.subjectScore).toBeGreaterThan(0.9);
    // The subject decides between equals: no 文明行为 text ranks above the other 营商环境 one.
    expect(business[0]!.score).toBeGreaterThan(business[1]?.score ?? 0);
  });

  it('a document that is not in the index is compared by its profile', () => {
    const small = buildLibraryIndex(library.filter((d) => d.ref !== 'hunan-2020').map((d) => ({ ref: d.ref, profile: profiles.get(d.ref)! })));
    const similar = similarDocuments(small, profiles.get('hunan-2020')!, { limit: 3 });
    expect(similar.map((s) => s.ref)).toContain('zhejiang-2023');
    expect(similar.every((s) => !s.ref.includes('civility'))).toBe(true);
  });
});

describe('其他地方怎么规定: counterparts of one article in a shortlist', () => {
  const byRef = (ref: string) => ({ ...library.find((d) => d.ref === ref)!, profile: profiles.get(ref)! });

  it('浙江 第二十七条 (预留采购份额): 湖南 27 and 深圳 45 with high confidence, a redline against each, best first', () => {
    const result = findCounterparts({ source: byRef('zhejiang-2023'), article: 27, shortlist: ['zhengzhou-civility-2022', 'hunan-2020', 'shenzhen-draft'].map(byRef) });
    expect(result.label).toBe('第二十七条');
    expect(result.name).toBe('浙江 2023');
    const [first, second, third] = result.docs;
    expect([first!.ref, second!.ref].sort()).toEqual(['hunan-2020', 'shenzhen-draft']);
    const hunan = result.docs.find((d) => d.ref === 'hunan-2020')!;
    expect(hunan.name).toBe('湖南 2021');
    expect(hunan.counterparts[0]).toMatchObject({ article: 27, label: '第二十七条', rank: 1, confidence: 'high' });
    expect(hunan.counterparts[0]!.terms.join(' ')).toMatch(/采购份额|预留/);
    expect(result.docs.find((d) => d.ref === 'shenzhen-draft')!.counterparts[0]).toMatchObject({ article: 45, heading: '政府采购支持', confidence: 'high' });
    // The redline rebuilds both texts.
    const diff = hunan.counterparts[0]!.diff!;
    expect(diff.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(result.text);
    expect(diff.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(hunan.counterparts[0]!.text);
    expect(diff.some((s) => s.op === 'equal' && s.text.includes('采购份额'))).toBe(true);
    // A 文明行为 regulation has nothing on public procurement: last, and not a confident answer.
    expect(third!.ref).toBe('zhengzhou-civility-2022');
    expect(third!.counterparts.every((c) => c.confidence === 'low')).toBe(true);
  });

  it('answers as alignDocuments does for the same documents: same rank-1 article and confidence for every article', () => {
    const al = alignDocuments([byRef('zhejiang-2023'), byRef('hunan-2020'), byRef('shenzhen-draft')]);
    const shortlist = ['hunan-2020', 'shenzhen-draft'].map(byRef);
    let compared = 0;
    for (const a of library[0]!.doc.versions[0]!.articles) {
      const result = findCounterparts({ source: byRef('zhejiang-2023'), article: a.number, shortlist }, { diff: 'none' });
      for (const d of result.docs) {
        const m = al.matches.find((x) => x.rank === 1 && x.from.doc === 'zhejiang-2023' && x.from.article === a.number && x.to.doc === d.doc);
        const c = d.counterparts[0];
        expect(c?.article).toBe(m?.to.article);
        expect(c?.confidence).toBe(m?.confidence);
        compared++;
      }
    }
    expect(compared).toBe(65 * 2);
  });

  it('profiles are reused only when they fit the document; an unknown article is a clear error', () => {
    const zhejiang = byRef('zhejiang-2023');
    expect(profileFits(zhejiang.profile, zhejiang.doc, 0)).toBe(true);
    expect(profileFits(zhejiang.profile, byRef('hunan-2020').doc, 0)).toBe(false);
    // A stale profile (another document's) is ignored, not trusted: the answer is the same as without it.
    const stale = findCounterparts({ source: { ...zhejiang, profile: profiles.get('hunan-2020')! }, article: 27, shortlist: [byRef('hunan-2020')] }, { diff: 'none' });
    expect(stale.docs[0]!.counterparts[0]!.article).toBe(27);
    expect(() => findCounterparts({ source: zhejiang, article: 99, shortlist: [byRef('hunan-2020')] })).toThrow(expect.objectContaining({ reason: 'align.no_article' }));
  });
});
