/**
 * Text of articles, 款 and 项 as compare sees it, and the token features similarity is computed from.
 *
 * Similarity is measured on jieba words with punctuation and whitespace left out, so that a changed
 * comma or a full-width/half-width swap never makes two provisions look different. Words are weighted
 * by rarity (inverse document frequency over the articles of both versions): 县级以上人民政府, 应当 and
 * 中小企业 open almost every article of a 中小企业 law and prove little; 白名单 or 创业担保贷款 prove a lot.
 */
import type { Segmenter } from '../segment';

// The text of an article, 款 and 项 is written once, in model/address.ts; the comparison diffs exactly that.
export { articleText, itemText, paragraphText } from '../model';

const FULLWIDTH = /[\uff01-\uff5e]/g;
/** Punctuation, symbols and spaces in both widths: what a formal (non-substantive) change consists of. */
const NON_CONTENT = /[\s\p{P}\p{S}\u3000]/gu;

/** Full-width ASCII forms to half-width and lower case; used wherever width must not matter. */
export function foldWidth(text: string): string {
  return text.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').toLowerCase();
}

/** What is left of a text when punctuation, symbols, whitespace and width are ignored. */
export function contentKey(text: string): string {
  return foldWidth(text).replace(NON_CONTENT, '');
}

/**
 * Tokenisation with a cache: the same 款 text is segmented once per comparison (versions share most
 * of their text, and synthetic benchmarks even more).
 */
export class TokenCache {
  private readonly cache = new Map<string, string[]>();
  private readonly wordCache = new Map<string, string[]>();
  private readonly keyCache = new Map<string, string>();
  constructor(private readonly segmenter: Segmenter) {}

  /** Precise-mode tokens covering the text exactly (for diffs). */
  tokens(text: string): string[] {
    let t = this.cache.get(text);
    if (!t) {
      t = this.segmenter.cut(text);
      this.cache.set(text, t);
    }
    return t;
  }

  /** Content tokens normalised for comparison (width folded, punctuation dropped). */
  words(text: string): string[] {
    let out = this.wordCache.get(text);
    if (out) return out;
    out = [];
    for (const t of this.tokens(text)) {
      const k = this.key(t);
      if (k) out.push(k);
    }
    this.wordCache.set(text, out);
    return out;
  }

  /** contentKey of a token, cached (the same few thousand tokens recur). */
  key(token: string): string {
    let k = this.keyCache.get(token);
    if (k === undefined) {
      k = contentKey(token);
      this.keyCache.set(token, k);
    }
    return k;
  }
}

/**
 * Terms (words, or word pairs) of one comparison, numbered, with their rarity: IDF = ln(1 + N/df) over
 * the articles of both versions. Numbering makes bags small sorted arrays, so overlap is a merge.
 */
export class TermTable<K> {
  private readonly ids = new Map<K, number>();
  private df: number[] = [];
  private idfs: Float64Array = new Float64Array(0);
  private docs = 0;
  private stamp: Int32Array = new Int32Array(0);

  id(term: K): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(term, id);
      this.df.push(0);
    }
    return id;
  }

  get(term: K): number | undefined {
    return this.ids.get(term);
  }

  /** Number of terms numbered so far. */
  get size(): number {
    return this.df.length;
  }

  /** Registers an id numbered by a subclass's own table. */
  protected grew(id: number): void {
    while (this.df.length <= id) this.df.push(0);
  }

  /** Counts one document's distinct terms; call for every document, then `finish`. */
  addDocument(termIds: ArrayLike<number>): void {
    this.docs++;
    if (this.stamp.length < this.df.length) {
      const grown = new Int32Array(Math.max(this.df.length, this.stamp.length * 2));
      grown.set(this.stamp);
      this.stamp = grown;
    }
    for (let k = 0; k < termIds.length; k++) {
      const id = termIds[k]!;
      if (this.stamp[id] !== this.docs) {
        this.stamp[id] = this.docs;
        this.df[id]!++;
      }
    }
  }

  finish(): void {
    this.idfs = Float64Array.from(this.df, (d) => Math.log(1 + this.docs / Math.max(1, d)));
  }

  /** IDF of a term id; a term in no document counts as rarest. */
  idf(id: number): number {
    return this.idfs[id] ?? Math.log(1 + Math.max(1, this.docs));
  }

  idfOf(term: K): number {
    const id = this.ids.get(term);
    return id === undefined ? Math.log(1 + Math.max(1, this.docs)) : this.idf(id);
  }
}

/** A weighted bag: sorted term ids, each with idf × count, and the total. */
export interface Bag {
  ids: Int32Array;
  weights: Float64Array;
  weight: number;
}

/** Bag of the given term ids (any order, repeats counted). */
export function makeBag(termIds: ArrayLike<number>, table: TermTable<unknown>): Bag {
  const sorted = Int32Array.from(termIds).sort();
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) distinct++;
  const ids = new Int32Array(distinct);
  const weights = new Float64Array(distinct);
  let weight = 0;
  let d = -1;
  for (let k = 0; k < sorted.length; k++) {
    const id = sorted[k]!;
    if (k === 0 || id !== sorted[k - 1]) {
      d++;
      ids[d] = id;
    }
    const w = table.idf(id);
    weights[d]! += w;
    weight += w;
  }
  return { ids, weights, weight };
}

/** Weighted overlap Σ idf·min(count_a, count_b): the shared substance of two bags. */
export function overlap(a: Bag, b: Bag): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  const ai = a.ids;
  const bi = b.ids;
  while (i < ai.length && j < bi.length) {
    const x = ai[i]!;
    const y = bi[j]!;
    if (x === y) {
      sum += Math.min(a.weights[i]!, b.weights[j]!);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return sum;
}

/**
 * Numbering of word pairs (id1, id2) → dense ids, in an open-addressing hash table: a Map keyed by
 * id1 × 2²² + id2 would hash heap numbers, several times slower on the millions of pairs of a long code.
 */
export class PairTable extends TermTable<number> {
  private keys1 = new Int32Array(1 << 12).fill(-1);
  private keys2 = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private count = 0;

  pair(a: number, b: number): number {
    let mask = this.keys1.length - 1;
    let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
    for (;;) {
      const k = this.keys1[h]!;
      if (k === -1) break;
      if (k === a && this.keys2[h] === b) return this.values[h]!;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    this.keys1[h] = a;
    this.keys2[h] = b;
    this.values[h] = id;
    this.grew(id);
    if (this.count * 2 > this.keys1.length) {
      this.rehash();
      mask = this.keys1.length - 1;
    }
    return id;
  }

  private rehash(): void {
    const [k1, k2, v] = [this.keys1, this.keys2, this.values];
    const size = k1.length * 2;
    this.keys1 = new Int32Array(size).fill(-1);
    this.keys2 = new Int32Array(size);
    this.values = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < k1.length; i++) {
      const a = k1[i]!;
      if (a === -1) continue;
      const b = k2[i]!;
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) & mask;
      while (this.keys1[h] !== -1) h = (h + 1) & mask;
      this.keys1[h] = a;
      this.keys2[h] = b;
      this.values[h] = v[i]!;
    }
  }
}

/** Word-pair term ids of a word-id sequence: shared phrasing, not just shared vocabulary. */
export function pairIds(wordIds: ArrayLike<number>, pairs: PairTable): Int32Array {
  const out = new Int32Array(Math.max(0, wordIds.length - 1));
  for (let k = 0; k + 1 < wordIds.length; k++) out[k] = pairs.pair(wordIds[k]!, wordIds[k + 1]!);
  return out;
}

/** Term tables of one comparison: words and word pairs, with rarity over the articles of both versions. */
export interface Weights {
  words: TermTable<string>;
  pairs: PairTable;
}

/** Word ids of a text's words (new words are numbered as they come). */
export function wordIds(words: string[], table: TermTable<string>): Int32Array {
  const out = new Int32Array(words.length);
  for (let k = 0; k < words.length; k++) out[k] = table.id(words[k]!);
  return out;
}

/** Rarity tables from the articles of both versions (each article: its word ids). */
export function makeWeights(words: TermTable<string>, articles: Int32Array[]): Weights {
  const pairs = new PairTable();
  for (const ids of articles) {
    words.addDocument(ids);
    pairs.addDocument(pairIds(ids, pairs));
  }
  words.finish();
  pairs.finish();
  return { words, pairs };
}

/** What similarity is computed from: the weighted bags of words and of word pairs of a text. */
export interface Profile {
  uni: Bag;
  bi: Bag;
}

export function makeProfile(ids: Int32Array, weights: Weights): Profile {
  return { uni: makeBag(ids, weights.words), bi: makeBag(pairIds(ids, weights.pairs), weights.pairs) };
}

/**
 * Similarity of two texts in 0..1. Shared words say "same subject", shared word pairs say "same
 * wording"; both count, as Dice (shared weight over mean weight) and, with less weight, as containment
 * (shared weight over the smaller text) — the evidence when a provision grew or shrank around a kept core.
 * Unrelated articles of one law score about 0.1, a kept-but-rewritten provision 0.2–0.4, a lightly
 * edited one above 0.6.
 */
export function similarity(a: Profile, b: Profile): number {
  const ua = a.uni.weight;
  const ub = b.uni.weight;
  if (ua === 0 || ub === 0) return ua === ub ? 1 : 0;
  const u = overlap(a.uni, b.uni);
  const bw = Math.min(a.bi.weight, b.bi.weight);
  const bo = bw > 0 ? overlap(a.bi, b.bi) : 0;
  const uDice = (2 * u) / (ua + ub);
  const uCont = u / Math.min(ua, ub);
  const bDice = bw > 0 ? (2 * bo) / (a.bi.weight + b.bi.weight) : uDice;
  const bCont = bw > 0 ? bo / bw : uCont;
  return Math.min(1, 0.35 * uDice + 0.35 * bDice + 0.15 * uCont + 0.15 * bCont);
}

/** Character-bigram Dice of two short strings (headings), 0..1. */
export function charDice(a: string, b: string): number {
  const grams = (s: string) => {
    const m = new Map<string, number>();
    const k = contentKey(s);
    if (k.length === 1) m.set(k, 1);
    for (let i = 0; i + 1 < k.length; i++) m.set(k.slice(i, i + 2), (m.get(k.slice(i, i + 2)) ?? 0) + 1);
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  let na = 0;
  let nb = 0;
  for (const c of ga.values()) na += c;
  for (const c of gb.values()) nb += c;
  for (const [g, c] of ga) shared += Math.min(c, gb.get(g) ?? 0);
  return na + nb === 0 ? 0 : (2 * shared) / (na + nb);
}
