/**
 * Articles prepared for comparison (text, words, profiles of the article and of each 款 and 项), the
 * candidate pairs worth scoring, and the article-level alignment.
 */
import type { Article } from '../model';
import { alignSequences, type AlignedPair, type AlignThresholds } from './align';
import { charDice, itemText, makeProfile, similarity, wordIds, type Profile, type TermTable, type TokenCache, type Weights } from './text';

/**
 * Word ids of a text and its similarity profile, made on first use: most 款 and 项 of a long version
 * sit in unchanged articles and never need one.
 */
export interface Featured {
  ids: Int32Array;
  readonly profile: Profile;
}

/** Shared by the features of one comparison; the weights exist once every article has been read. */
export interface FeatureContext {
  words: TermTable<string>;
  weights?: Weights;
  /** Word ids by text: versions repeat most of their 款. */
  idCache?: Map<string, Int32Array>;
}

/** Word ids and a profile made on first use (a class: thousands of these are made per comparison). */
class Features implements Featured {
  private cached: Profile | undefined;
  constructor(
    readonly ids: Int32Array,
    private readonly ctx: FeatureContext,
  ) {}
  get profile(): Profile {
    if (!this.cached) {
      if (!this.ctx.weights) throw new Error('compare: profile requested before the weights were made');
      this.cached = makeProfile(this.ids, this.ctx.weights);
    }
    return this.cached;
  }
}

class Unit extends Features implements UnitData {
  constructor(
    ids: Int32Array,
    ctx: FeatureContext,
    readonly text: string,
    readonly body: string,
    readonly label?: string,
  ) {
    super(ids, ctx);
  }
}

class ParagraphFeatures extends Features implements ParagraphData {
  constructor(
    ids: Int32Array,
    ctx: FeatureContext,
    readonly units: UnitData[],
  ) {
    super(ids, ctx);
  }
}

class ArticleFeatures extends Features implements ArticleData {
  constructor(
    ids: Int32Array,
    ctx: FeatureContext,
    readonly article: Article,
    readonly index: number,
    readonly paragraphs: ParagraphData[],
  ) {
    super(ids, ctx);
  }
}

export interface UnitData extends Featured {
  /** The unit as it reads (a 项 with its label). */
  text: string;
  /** A 项's label ("（一）") and the text after it; the lead-in has no label. */
  label?: string;
  body: string;
}

export interface ParagraphData extends Featured {
  /** Lead-in (unit 0, possibly "") and 项 (units 1..). */
  units: UnitData[];
}

export interface ArticleData extends Featured {
  article: Article;
  /** Position in the version (0-based). */
  index: number;
  paragraphs: ParagraphData[];
}

function concat(parts: Int32Array[]): Int32Array {
  if (parts.length === 1) return parts[0]!;
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Int32Array(n);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

export function prepareArticles(articles: Article[], tokens: TokenCache, ctx: FeatureContext): ArticleData[] {
  const cache = (ctx.idCache ??= new Map());
  const idsOf = (text: string) => {
    let ids = cache.get(text);
    if (!ids) {
      ids = wordIds(tokens.words(text), ctx.words);
      cache.set(text, ids);
    }
    return ids;
  };
  return articles.map((article, index) => {
    const paragraphs = article.paragraphs.map((p): ParagraphData => {
      const units: UnitData[] = [new Unit(idsOf(p.text), ctx, p.text, p.text)];
      for (const item of p.items) {
        const text = itemText(item);
        const body = text.slice(item.label.length);
        units.push(new Unit(idsOf(body), ctx, text, body, item.label));
      }
      return new ParagraphFeatures(concat(units.map((u) => u.ids)), ctx, units);
    });
    return new ArticleFeatures(concat(paragraphs.map((p) => p.ids)), ctx, article, index, paragraphs);
  });
}

/**
 * Articles are paired on text; 【headings】 where both sides have them are a little extra evidence either
 * way (an identical heading nudges up, an unrelated one down), never enough to pair texts on their own.
 */
export function articleScore(a: ArticleData, b: ArticleData): number {
  return headingAdjusted(similarity(a.profile, b.profile), a, b);
}

function headingAdjusted(score: number, a: ArticleData, b: ArticleData): number {
  const ha = a.article.heading;
  const hb = b.article.heading;
  let s = score;
  if (ha && hb && s > 0.1) s += 0.1 * (charDice(ha, hb) - 0.3);
  return Math.max(0, Math.min(1, s));
}

/** Below this many article pairs every pair is scored; above, only candidates from the index. */
const ALL_PAIRS_LIMIT = 40_000;
/** Candidates kept per article (each direction). */
const TOP_K = 6;
/** Word pairs found in more articles than this are boilerplate and not indexed. */
const MAX_POSTINGS = 24;
/** Only an article's rarest word pairs are looked up (prefix filtering): they identify it best. */
const PROBES = 40;

/**
 * Articles whose text is identical on both sides and unique on each side: certain pairs, found by
 * hashing, before any similarity is computed (most articles of two versions of a long code). The
 * ordered alignment still decides which of them are in order.
 */
export function exactPairs(left: Featured[], right: Featured[]): Array<[number, number]> {
  const hash = (ids: Int32Array) => {
    let h = 0x811c9dc5 ^ ids.length;
    for (let k = 0; k < ids.length; k++) h = Math.imul(h ^ ids[k]!, 0x01000193);
    return h >>> 0;
  };
  const bucket = (side: Featured[]) => {
    const m = new Map<number, number[]>();
    side.forEach((a, i) => {
      const h = hash(a.ids);
      const list = m.get(h);
      if (list) list.push(i);
      else m.set(h, [i]);
    });
    return m;
  };
  const rightBuckets = bucket(right);
  const out: Array<[number, number]> = [];
  for (const [h, ls] of bucket(left)) {
    const rs = rightBuckets.get(h);
    if (ls.length !== 1 || rs?.length !== 1) continue;
    const i = ls[0]!;
    const j = rs[0]!;
    if (right[j]!.ids.length > 0 && sameText(left[i]!, right[j]!)) out.push([i, j]);
  }
  return out;
}

/**
 * Candidate pairs without scoring all n×m: identical unique articles pair outright; for the others, an
 * inverted index of each side's word pairs, and for each article the few articles of the other side
 * sharing the most weight of its rarest word pairs. Undefined when the versions are small enough to
 * score every pair.
 */
export function candidatePairs(left: ArticleData[], right: ArticleData[], weights: Weights): Array<[number, number]> | undefined {
  if (left.length * right.length <= ALL_PAIRS_LIMIT) return undefined;
  const exact = exactPairs(left, right);
  const pairedLeft = new Set(exact.map(([i]) => i));
  const pairedRight = new Set(exact.map(([, j]) => j));
  // Only the articles without an identical counterpart are profiled and indexed.
  const restLeft = left.map((_, i) => i).filter((i) => !pairedLeft.has(i));
  const restRight = right.map((_, j) => j).filter((j) => !pairedRight.has(j));
  const nPairs = weights.pairs.size;
  const postings = (side: ArticleData[], members: number[]) => {
    const start = new Int32Array(nPairs + 1);
    for (const i of members) for (const key of side[i]!.profile.bi.ids) start[key + 1]!++;
    for (let k = 0; k < nPairs; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, nPairs);
    const items = new Int32Array(start[nPairs]!);
    for (const i of members) for (const key of side[i]!.profile.bi.ids) items[fill[key]!++] = i;
    return { start, items };
  };
  const rightIndex = postings(right, restRight);
  const leftIndex = postings(left, restLeft);
  const seen = new Set<number>();
  const out: Array<[number, number]> = exact.slice();
  const add = (i: number, j: number) => {
    const key = i * right.length + j;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([i, j]);
  };
  const top = (from: ArticleData[], members: number[], index: { start: Int32Array; items: Int32Array }, size: number, emit: (a: number, b: number) => void) => {
    const acc = new Float64Array(size);
    const touched: number[] = [];
    const probes: number[] = [];
    const best: number[] = [];
    for (const i of members) {
      probes.length = 0;
      for (const key of from[i]!.profile.bi.ids) {
        const n = index.start[key + 1]! - index.start[key]!;
        if (n > 0 && n <= MAX_POSTINGS) probes.push(key);
      }
      if (probes.length > PROBES) probes.sort((x, y) => weights.pairs.idf(y) - weights.pairs.idf(x)).length = PROBES;
      for (const key of probes) {
        const w = weights.pairs.idf(key);
        for (let p = index.start[key]!; p < index.start[key + 1]!; p++) {
          const j = index.items[p]!;
          if (acc[j] === 0) touched.push(j);
          acc[j]! += w;
        }
      }
      // The K best by accumulated weight (K is small: insertion into a short list).
      best.length = 0;
      for (const j of touched) {
        if (best.length === TOP_K && acc[j]! <= acc[best[TOP_K - 1]!]!) continue;
        let k = Math.min(best.length, TOP_K - 1);
        if (best.length < TOP_K) best.push(j);
        while (k > 0 && acc[best[k - 1]!]! < acc[j]!) {
          best[k] = best[k - 1]!;
          k--;
        }
        best[k] = j;
      }
      for (const j of best) emit(i, j);
      for (const j of touched) acc[j] = 0;
      touched.length = 0;
    }
  };
  top(left, restLeft, rightIndex, right.length, (i, j) => add(i, j));
  top(right, restRight, leftIndex, left.length, (j, i) => add(i, j));
  return out;
}

export const ARTICLE_THRESHOLDS: AlignThresholds = {
  anchor: 0.3,
  gap: 0.15,
  gapRelative: 0.85,
  // Out of order, only sharing most of the text is evidence enough (a 款 in common is not).
  move: 0.5,
  maxGapPairs: 400,
  anchorDominance: 0.25,
  contentMove: { min: 0.2, margin: 1.3, ambiguous: 0.35 },
  exchange: 0.3,
};

/** A 款 this similar to another's first 款 says where an article's text continues. */
const LEADING_MATCH = 0.35;

/** Some 款 of `from` reads like the first 款 of `into`: `into` begins with `from`'s text. */
function beginsWith(into: ArticleData, from: ArticleData): boolean {
  const first = into.paragraphs[0];
  return !!first && from.paragraphs.some((p) => similarity(p.profile, first.profile) >= LEADING_MATCH);
}

/**
 * An article in place keeps its partner against a better-scoring rival when it is what the partner begins
 * with and the rival is not: the rival was merged into the partner (or split from it), as a 对照稿 shows.
 */
function keepsPlace(left: ArticleData[], right: ArticleData[]) {
  return (pair: { i: number; j: number }, rival: { i: number; j: number }): boolean => {
    if (rival.j === pair.j) return beginsWith(right[pair.j]!, left[pair.i]!) && !beginsWith(right[pair.j]!, left[rival.i]!);
    return beginsWith(left[pair.i]!, right[pair.j]!) && !beginsWith(left[pair.i]!, right[rival.j]!);
  };
}

export function alignArticles(left: ArticleData[], right: ArticleData[], weights: Weights): { pairs: AlignedPair[]; candidates?: Array<[number, number]> } {
  const candidates = candidatePairs(left, right, weights);
  const pairs = alignSequences(
    {
      n: left.length,
      m: right.length,
      candidates,
      // Identical texts first: most articles of two versions are, and no profile is needed for them.
      score: (i, j) => (sameText(left[i]!, right[j]!) ? headingAdjusted(1, left[i]!, right[j]!) : articleScore(left[i]!, right[j]!)),
    },
    { ...ARTICLE_THRESHOLDS, keepsPlace: keepsPlace(left, right) },
  );
  return candidates ? { pairs, candidates } : { pairs };
}

/** Same words in the same order (formal differences aside). */
export function sameText(a: Featured, b: Featured): boolean {
  if (a.ids.length !== b.ids.length) return false;
  for (let k = 0; k < a.ids.length; k++) if (a.ids[k] !== b.ids[k]) return false;
  return true;
}
