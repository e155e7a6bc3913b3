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

/** `count` articles in documents of `perDocument`, ~`articleChars` characters each. */
export function syntheticCorpus(pool: SeedPool, count: number, opts: { perDocument?: number; articleChars?: number; seed?: number } = {}): ShardSource[] {
  const perDocument = opts.perDocument ?? 100;
  const articleChars = opts.articleChars ?? 300;
  const rand = prng(opts.seed ?? 20240601);
  const shards: ShardSource[] = [];
  for (let d = 0; d * perDocument < count; d++) {
    const n = Math.min(perDocument, count - d * perDocument);
    const jurisdiction = JURISDICTIONS[d % JURISDICTIONS.length]!;
    const articles: IndexedArticle[] = [];
    let chapter = pick(rand, pool.chapters);
    for (let i = 0; i < n; i++) {
      if (i % 10 === 0) chapter = pick(rand, pool.chapters);
      const paragraphs: string[] = [];
      let length = 0;
      let current = '';
      while (length < articleChars) {
        const s = pick(rand, pool.sentences);
        current += s;
        length += s.length;
        if (rand() < 0.35) {
          paragraphs.push(current);
          current = '';
        }
      }
      if (current) paragraphs.push(current);
      articles.push({ number: i + 1, label: `第${i + 1}条`, heading: rand() < 0.6 ? pick(rand, pool.headings) : null, chapter, paragraphs });
    }
    const year = 2015 + (d % 10);
    shards.push({
      id: `syn-${d}@0`,
      doc: `syn-${d}`,
      version: 0,
      versionLabel: null,
      title: `${jurisdiction}${pick(rand, pool.titles).replace(/^(浙江省|湖南省|深圳经济特区)/, '')}（第${d + 1}号）`,
      jurisdiction,
      kind: KINDS[d % KINDS.length]!,
      stage: STAGES[Math.floor(d / 3) % STAGES.length]!,
      years: [year],
      articles,
    });
  }
  return shards;
}
