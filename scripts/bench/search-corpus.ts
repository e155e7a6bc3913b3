/**
 * Synthetic article corpora for the search benchmark, made deterministically from the seed documents:
 * articles of ~300 characters recombined from seed sentences, with seed headings and chapter titles,
 * grouped into documents of 100 articles whose metadata varies (jurisdiction, kind, stage, year) so that
 * filters have something to select.
 */
import { shardSources } from '../../electron/engine/index/records';
import type { IndexedArticle, ShardSource } from '../../electron/engine/index/types';
import type { Library } from '../../electron/services/library';
import { prng } from './random';

export interface SeedPool {
  sentences: string[];
  headings: string[];
  chapters: string[];
  titles: string[];
}

export function seedPool(library: Library): SeedPool {
  const sentences: string[] = [];
  const headings = new Set<string>();
  const chapters = new Set<string>();
  const titles: string[] = [];
  for (const entry of library.corpusEntries()) {
    const { document } = library.get(entry.id);
    titles.push(entry.title);
    for (const source of shardSources(document, { ...entry, dates: { ...entry.dates } })) {
      for (const a of source.articles) {
        if (a.heading) headings.add(a.heading);
        if (a.chapter) chapters.add(a.chapter);
        for (const p of a.paragraphs) {
          for (const s of p.split(/(?<=[。；])/)) if (s.length >= 8) sentences.push(s);
        }
      }
    }
  }
  return { sentences, headings: [...headings], chapters: [...chapters], titles };
}

const JURISDICTIONS = ['浙江', '湖南', '深圳', '江苏', '广东', '四川', '山东', '河南', '湖北', '福建'];
const KINDS = ['地方性法规', '政府规章', '政策文件'];
const STAGES = ['施行', '征求意见稿', '二次审议'];

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

export interface SyntheticOptions {
  perDocument?: number;
  articleChars?: number;
  seed?: number;
}

/** An article of the synthetic corpus with the pool sentences it is made of (for pre-segmented builds). */
export interface SyntheticDoc {
  source: ShardSource;
  /** Per article, per paragraph: indices into pool.sentences. */
  sentences: number[][][];
}

/** `count` articles in documents of `perDocument`, ~`articleChars` characters each, one document at a time. */
export function* syntheticDocs(pool: SeedPool, count: number, opts: SyntheticOptions = {}): Generator<SyntheticDoc> {
  const perDocument = opts.perDocument ?? 100;
  const articleChars = opts.articleChars ?? 300;
  const rand = prng(opts.seed ?? 20240601);
  const pickIndex = (n: number): number => Math.floor(rand() * n);
  for (let d = 0; d * perDocument < count; d++) {
    const n = Math.min(perDocument, count - d * perDocument);
    const jurisdiction = JURISDICTIONS[d % JURISDICTIONS.length]!;
    const articles: IndexedArticle[] = [];
    const sentences: number[][][] = [];
    let chapter = pick(rand, pool.chapters);
    for (let i = 0; i < n; i++) {
      if (i % 10 === 0) chapter = pick(rand, pool.chapters);
      const paragraphs: string[] = [];
      const parts: number[][] = [];
      let length = 0;
      let current = '';
      let currentParts: number[] = [];
      while (length < articleChars) {
        const k = pickIndex(pool.sentences.length);
        const s = pool.sentences[k]!;
        current += s;
        currentParts.push(k);
        length += s.length;
        if (rand() < 0.35) {
          paragraphs.push(current);
          parts.push(currentParts);
          current = '';
          currentParts = [];
        }
      }
      if (current) {
        paragraphs.push(current);
        parts.push(currentParts);
      }
      articles.push({ number: i + 1, label: `第${i + 1}条`, heading: rand() < 0.6 ? pick(rand, pool.headings) : null, chapter, paragraphs });
      sentences.push(parts);
    }
    const year = 2015 + (d % 10);
    yield {
      source: {
        id: `syn-${d}@0`,
        doc: `syn-${d}`,
        version: 0,
        versionLabel: null,
        title: `${jurisdiction}${pick(rand, pool.titles).replace(/^(浙江省|湖南省|深圳经济特区|北京市|山东省|河南省|重庆市|中华人民共和国)/, '')}（第${d + 1}号）`,
        jurisdiction,
        kind: KINDS[d % KINDS.length]!,
        stage: STAGES[Math.floor(d / 3) % STAGES.length]!,
        years: [year],
        date: `${year}-01-01`,
        articles,
      },
      sentences,
    };
  }
}

/** `count` articles in documents of `perDocument`, ~`articleChars` characters each. */
export function syntheticCorpus(pool: SeedPool, count: number, opts: SyntheticOptions = {}): ShardSource[] {
  return [...syntheticDocs(pool, count, opts)].map((d) => d.source);
}
