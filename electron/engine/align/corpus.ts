/**
 * The selected documents as one corpus of weighted term vectors, and the article × article scores.
 *
 * Weights are BM25's: a term's weight grows with its count in the article (saturating, and discounted in
 * long articles) and with its rarity across all articles of all selected documents (idf). So the
 * boilerplate every provision shares (应当, 有关部门, 发展) counts for almost nothing and a term found in a
 * handful of articles (预留份额, 发展环境评估) for a lot. Vectors are L2-normalised: the score of two
 * articles is their cosine, 0..1, and symmetric.
 */
import type { ArticleProfile, DocumentProfile } from './profile';
import { isDomainTerm } from './terms';

/** BM25's term-frequency saturation and length normalisation (the usual values). */
const K1 = 1.2;
const B = 0.75;

export interface Unit {
  /** Index of the selected document. */
  doc: number;
  article: ArticleProfile;
  /** Term ids, ascending, and their normalised weights. */
  terms: Int32Array;
  weights: Float64Array;
}

export interface Corpus {
  units: Unit[];
  /** units of document d are units[docStart[d] .. docStart[d+1]). */
  docStart: number[];
  vocabulary: string[];
  idf: Float64Array;
  /** Postings in compressed rows: for term t, entries postStart[t] .. postStart[t+1]. */
  postStart: Int32Array;
  postUnit: Int32Array;
  postWeight: Float64Array;
  /**
   * For term t, the ids of the other vocabulary terms that are substrings of it (采购 and 份额 for 采购份额).
   * Worked out on first use: only the terms that explain a match need it.
   */
  subterms(t: number): Int32Array;
}

/** The documents' articles as BM25 vectors over all of them (the field's own name left out). */
export function buildCorpus(profiles: DocumentProfile[]): Corpus {
  const vocabulary: string[] = [];
  // term → id; the field's own name (isDomainTerm) → -1, so it is looked at once.
  const ids = new Map<string, number>();
  const idOf = (term: string): number => {
    let id = ids.get(term);
    if (id === undefined) {
      if (isDomainTerm(term)) id = -1;
      else {
        id = vocabulary.length;
        vocabulary.push(term);
      }
      ids.set(term, id);
    }
    return id;
  };

  // 1. Counts per article (heading terms already boosted in the profile), term ids ascending. Ids and
  // their position are packed into one number so that a plain numeric sort orders both.
  const raw: Array<{ doc: number; article: ArticleProfile; terms: Int32Array; counts: Float64Array; length: number }> = [];
  const docStart: number[] = [];
  const PACK = 8192;
  profiles.forEach((profile, d) => {
    docStart.push(raw.length);
    for (const article of profile.articles) {
      const packed = new Float64Array(article.terms.length);
      let k = 0;
      let length = 0;
      for (let i = 0; i < article.terms.length && i < PACK; i++) {
        const id = idOf(article.terms[i]!);
        if (id < 0) continue;
        packed[k++] = id * PACK + i;
        length += article.counts[i]!;
      }
      const sorted = packed.subarray(0, k).sort();
      const terms = new Int32Array(k);
      const counts = new Float64Array(k);
      for (let j = 0; j < k; j++) {
        const p = sorted[j]!;
        const i = p % PACK;
        terms[j] = (p - i) / PACK;
        counts[j] = article.counts[i]!;
      }
      raw.push({ doc: d, article, terms, counts, length });
    }
  });
  docStart.push(raw.length);

  // 2. Document frequencies and idf over all selected articles.
  const n = raw.length;
  const df = new Int32Array(vocabulary.length);
  for (const r of raw) for (const id of r.terms) df[id]!++;
  const idf = new Float64Array(vocabulary.length);
  for (let t = 0; t < idf.length; t++) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  const avgLength = raw.reduce((s, r) => s + r.length, 0) / Math.max(1, n) || 1;

  // 3. Normalised BM25 vectors.
  const units: Unit[] = raw.map((r) => {
    const { terms, counts } = r;
    const weights = new Float64Array(terms.length);
    const norm = K1 * (1 - B + (B * r.length) / avgLength);
    let sum = 0;
    for (let i = 0; i < terms.length; i++) {
      const tf = counts[i]!;
      const w = (idf[terms[i]!]! * (tf * (K1 + 1))) / (tf + norm);
      weights[i] = w;
      sum += w * w;
    }
    const len = Math.sqrt(sum) || 1;
    for (let i = 0; i < weights.length; i++) weights[i]! /= len;
    return { doc: r.doc, article: r.article, terms, weights };
  });

  // 4. Postings (term → units), so that scoring one article touches only articles sharing a term.
  const postStart = new Int32Array(vocabulary.length + 1);
  for (const u of units) for (const t of u.terms) postStart[t + 1]!++;
  for (let t = 0; t < vocabulary.length; t++) postStart[t + 1]! += postStart[t]!;
  const fill = postStart.slice(0, vocabulary.length);
  const postUnit = new Int32Array(postStart[vocabulary.length]!);
  const postWeight = new Float64Array(postUnit.length);
  units.forEach((u, ui) => {
    u.terms.forEach((t, i) => {
      const at = fill[t]!++;
      postUnit[at] = ui;
      postWeight[at] = u.weights[i]!;
    });
  });

  // 5. Which terms are parts of which (search-mode segmentation yields both 第三方机构 and 第三方).
  const subtermCache: Array<Int32Array | undefined> = new Array(vocabulary.length);
  const subterms = (t: number): Int32Array => {
    let found = subtermCache[t];
    if (!found) {
      const term = vocabulary[t]!;
      const ids2 = new Set<number>();
      for (let i = 0; i < term.length; i++) {
        for (let j = i + 2; j <= term.length; j++) {
          const id = ids.get(term.slice(i, j));
          if (id !== undefined && id !== t) ids2.add(id);
        }
      }
      subtermCache[t] = found = Int32Array.from(ids2);
    }
    return found;
  };

  return { units, docStart, vocabulary, idf, postStart, postUnit, postWeight, subterms };
}

/** Scores of unit `u` against every unit (cosine), written into `into` (length = units). */
export function scoreAgainstAll(corpus: Corpus, u: number, into: Float64Array): void {
  into.fill(0);
  const unit = corpus.units[u]!;
  const { postStart, postUnit, postWeight } = corpus;
  for (let i = 0; i < unit.terms.length; i++) {
    const t = unit.terms[i]!;
    const w = unit.weights[i]!;
    for (let p = postStart[t]!, end = postStart[t + 1]!; p < end; p++) into[postUnit[p]!]! += w * postWeight[p]!;
  }
}

/** The shared terms of two units (term ids) and their contribution to the score. */
export function sharedTerms(corpus: Corpus, a: number, b: number): Array<{ term: number; contribution: number }> {
  const ua = corpus.units[a]!;
  const ub = corpus.units[b]!;
  const out: Array<{ term: number; contribution: number }> = [];
  let i = 0;
  let j = 0;
  while (i < ua.terms.length && j < ub.terms.length) {
    const ta = ua.terms[i]!;
    const tb = ub.terms[j]!;
    if (ta === tb) {
      out.push({ term: ta, contribution: ua.weights[i]! * ub.weights[j]! });
      i++;
      j++;
    } else if (ta < tb) i++;
    else j++;
  }
  return out;
}

/** Cosine of two units (their vectors are normalised). */
export function similarity(corpus: Corpus, a: number, b: number): number {
  const ua = corpus.units[a]!;
  const ub = corpus.units[b]!;
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < ua.terms.length && j < ub.terms.length) {
    const ta = ua.terms[i]!;
    const tb = ub.terms[j]!;
    if (ta === tb) sum += ua.weights[i++]! * ub.weights[j++]!;
    else if (ta < tb) i++;
    else j++;
  }
  return sum;
}
