/**
 * Which articles of document B are counterparts of article a of document A.
 *
 * Every article of B gets a score against a (corpus.ts). The best score alone says little: a broad article
 * (政府职责, 法律责任) scores 0.2–0.3 against several articles of every other document, while a narrow
 * one (施行日期) scores near 0 against all but its counterpart. So a candidate is judged against the
 * scores around it, on both sides:
 *   - the *background* of a in B is the mean of a's 3rd–8th best scores in B (the 2nd is left out because
 *     one article often has two genuine counterparts, e.g. 浙江 26 and 27 both answer 湖南 27 on 政府采购);
 *   - a candidate b that picks a back as its own best in A ("reciprocal") needs only a modest score;
 *   - a one-sided candidate must stand out: a minimum score and at least LIFT times the background of
 *     both a in B and b in A (geometric mean), so that a generic article is not every article's match.
 * Candidates are taken best first while they pass; an article whose best candidate fails gets no match
 * at all rather than a weak guess. The constants were set by reading the score distributions of the
 * seeds (hand-checked counterparts against articles a reader found no counterpart for,
 * test/fixtures/align-reference.json); precision moves by a pair or two when they move by 20%.
 */
import { scoreAgainstAll, type Corpus } from './corpus';
import type { Confidence } from './types';

/** No candidate below this score, reciprocal or not. */
export const MIN_SCORE = 0.1;
/** A one-sided candidate needs at least this score… */
export const ONE_SIDED_MIN_SCORE = 0.15;
/** …and this many times the background scores around it. */
export const LIFT = 2;
/** Further candidates (rank ≥ 2) must score at least this share of the best one. */
export const RUNNER_UP_SHARE = 0.5;
/** The background is the mean of ranks 3 .. BACKGROUND_DEPTH. */
const BACKGROUND_DEPTH = 8;
/** Background floor, so that a tiny document (few candidates) does not make every score look outstanding. */
const MIN_BACKGROUND = 0.02;

export interface Candidate {
  /** Unit index of the candidate. */
  unit: number;
  score: number;
  rank: number;
  reciprocal: boolean;
  mutual: boolean;
  confidence: Confidence;
  /** Strong enough evidence to build topics from (one-sided matches must stand out). */
  accepted: boolean;
  /** Score over the background scores around it. */
  lift: number;
  /** Where `unit` ranks among the candidate's own candidates in the asking document (1 = reciprocal). */
  backRank: number;
}

/** The best scores of one unit in one document, best first, and the background around them. */
export interface Window {
  /** (unit, score) pairs, best first, at most `keep`. */
  top: Array<[number, number]>;
  background: number;
}

const EMPTY_WINDOW: Window = { top: [], background: MIN_BACKGROUND };

/**
 * The `keep` best of `scores[start..end)` and their background (mean of ranks 3..BACKGROUND_DEPTH), by
 * insertion (documents have tens to hundreds of articles). `buf`/`bufUnit` are the caller's scratch arrays.
 */
export function windowOf(scores: Float64Array, start: number, end: number, keep: number, buf: number[], bufUnit: number[]): Window {
  const depth = Math.max(keep, BACKGROUND_DEPTH);
  let filled = 0;
  for (let v = start; v < end; v++) {
    const s = scores[v]!;
    if (filled === depth && s <= buf[depth - 1]!) continue;
    let i = filled < depth ? filled++ : depth - 1;
    while (i > 0 && buf[i - 1]! < s) {
      buf[i] = buf[i - 1]!;
      bufUnit[i] = bufUnit[i - 1]!;
      i--;
    }
    buf[i] = s;
    bufUnit[i] = v;
  }
  if (filled === 0) return EMPTY_WINDOW;
  let sum = 0;
  let count = 0;
  for (let i = 2; i < Math.min(filled, BACKGROUND_DEPTH); i++) {
    sum += buf[i]!;
    count++;
  }
  const top: Array<[number, number]> = [];
  for (let i = 0; i < Math.min(filled, keep); i++) top.push([bufUnit[i]!, buf[i]!]);
  return { top, background: Math.max(MIN_BACKGROUND, count ? sum / count : 0) };
}

/** Scores every unit against every other document once, keeping what the selection needs: windows[u * docs + d]. */
function profile(corpus: Corpus, keep: number): Window[] {
  const n = corpus.units.length;
  const docs = corpus.docStart.length - 1;
  const windows: Window[] = new Array(n * docs);
  const scores = new Float64Array(n);
  const buf: number[] = [];
  const bufUnit: number[] = [];
  for (let u = 0; u < n; u++) {
    scoreAgainstAll(corpus, u, scores);
    const own = corpus.units[u]!.doc;
    for (let d = 0; d < docs; d++) {
      windows[u * docs + d] = d === own ? EMPTY_WINDOW : windowOf(scores, corpus.docStart[d]!, corpus.docStart[d + 1]!, keep, buf, bufUnit);
    }
  }
  return windows;
}

/** Rank-1 candidates scoring under this share no more than an incidental word: "no counterpart". */
export const MIN_LOW_SCORE = 0.04;
/** A one-sided high candidate must be among the 2 best of its counterpart back… */
const HIGH_BACK_RANK = 2;
/** …and stand this much above the runner-up (best / second best). */
const HIGH_MARGIN = 1.35;
/** Medium: near-reciprocal (back rank ≤ 2) with at least this score, or any candidate with MEDIUM_SCORE. */
const MEDIUM_NEAR_SCORE = 0.1;
const MEDIUM_SCORE = 0.2;

export interface Selection {
  /**
   * candidates[u][d]: the candidates of unit u in document d, best first (empty = nothing in d shares the
   * subject): rank 1 whenever it scores at least MIN_LOW_SCORE, further ranks only when at least medium.
   */
  candidates: Candidate[][][];
}

/**
 * Confidence of candidate v (score s, rank `rank`) for unit u in document d, as measured on the reference
 * set (test/fixtures/align-reference.json):
 *   high    reciprocal (v's best in u's document is u) with a modest score, or one-sided but clearly
 *           outstanding: LIFT over the background, u among v's two best back, and (rank 1) a margin over
 *           the runner-up. Precision on the reference set ≈ 0.99;
 *   medium  near-reciprocal (u among v's two best back) with a fair score, or a high score: about one in
 *           two is the counterpart a reader picks, the other is usually a neighbouring provision;
 *   low     the best there is: it shares terms, but a reader mostly finds no real counterpart.
 */
function confidenceOf(s: number, lift: number, backRank: number, margin: number, rank: number): Confidence {
  const reciprocal = backRank === 1;
  if (reciprocal && s >= MIN_SCORE) return 'high';
  if (s >= ONE_SIDED_MIN_SCORE && lift >= LIFT && backRank <= HIGH_BACK_RANK && (rank > 1 || margin >= HIGH_MARGIN)) return 'high';
  if ((backRank <= HIGH_BACK_RANK && s >= MEDIUM_NEAR_SCORE) || s >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

const BAND: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/**
 * The candidates of unit u in one other document, given u's window there and, for each candidate v, v's
 * window back in u's document (`back(v)`).
 */
export function judgeCandidates(u: number, forward: Window, back: (v: number) => Window, top: number): Candidate[] {
  const out: Candidate[] = [];
  const list = forward.top;
  const first = list[0];
  if (!first || first[1] < MIN_LOW_SCORE) return out;
  const margin = first[1] / Math.max(1e-9, list[1]?.[1] ?? 0);
  let previous: Confidence = 'high';
  let acceptedSoFar = true;
  for (const [v, s] of list) {
    if (out.length >= top) break;
    const rank = out.length + 1;
    if (rank > 1 && s < first[1] * RUNNER_UP_SHARE) break;
    const w = back(v);
    let backRank = w.top.length + 1;
    for (let i = 0; i < w.top.length; i++) {
      if (w.top[i]![0] === u) {
        backRank = i + 1;
        break;
      }
    }
    const reciprocal = backRank === 1;
    const lift = s / Math.sqrt(forward.background * w.background);
    let confidence = confidenceOf(s, lift, backRank, margin, rank);
    // A runner-up is never surer than the candidate before it.
    if (BAND[confidence] > BAND[previous]) confidence = previous;
    if (rank > 1 && confidence === 'low') break;
    // What topics are built from: the old acceptance rule, best first, the first failure ending the list.
    acceptedSoFar = acceptedSoFar && s >= MIN_SCORE && (reciprocal || (s >= ONE_SIDED_MIN_SCORE && lift >= LIFT));
    const mutual = reciprocal && first[0] === v;
    out.push({ unit: v, score: s, rank, reciprocal, mutual, confidence, accepted: acceptedSoFar, lift, backRank });
    previous = confidence;
  }
  return out;
}

/** Windows are kept this deep: enough for the margin and for the back rank (1, 2 or more). */
export const MIN_KEEP = 3;

export function selectCandidates(corpus: Corpus, top: number): Selection {
  const docs = corpus.docStart.length - 1;
  const windows = profile(corpus, Math.max(top, MIN_KEEP));
  const candidates: Candidate[][][] = corpus.units.map((unit, u) => {
    const a = unit.doc;
    const back = (v: number) => windows[v * docs + a]!;
    const perDoc: Candidate[][] = new Array(docs);
    for (let d = 0; d < docs; d++) perDoc[d] = d === a ? [] : judgeCandidates(u, windows[u * docs + d]!, back, top);
    return perDoc;
  });
  return { candidates };
}

/**
 * The terms that explain a match, most telling first. Search-mode segmentation yields a compound and its
 * parts (第三方机构, 第三方, 三方…): only the longest shared form is shown, credited with its parts' share.
 * Made once per alignment: it reuses its buffers across the tens of thousands of matches of a large one.
 */
export class TermRanker {
  private readonly weight: Float64Array;
  /** seen[t] === epoch: t is among the current call's terms; part[t] === epoch: t is part of another. */
  private readonly seen: Int32Array;
  private readonly part: Int32Array;
  /** The current call's distinct terms (scratch, reused: no allocation per match). */
  private terms: Int32Array;
  /** corpus.subterms, looked up once per term. */
  private readonly subterms: Array<Int32Array | undefined>;
  private epoch = 0;

  constructor(private readonly corpus: Corpus) {
    const n = corpus.vocabulary.length;
    this.weight = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.part = new Int32Array(n);
    this.terms = new Int32Array(64);
    this.subterms = new Array(n);
  }

  private partsOf(t: number): Int32Array {
    return (this.subterms[t] ??= this.corpus.subterms(t));
  }

  private begin(): number {
    return ++this.epoch;
  }

  private add(epoch: number, count: number, term: number, contribution: number): number {
    if (this.seen[term] !== epoch) {
      this.seen[term] = epoch;
      this.weight[term] = 0;
      if (count === this.terms.length) {
        const grown = new Int32Array(count * 2);
        grown.set(this.terms);
        this.terms = grown;
      }
      this.terms[count++] = term;
    }
    this.weight[term]! += contribution;
    return count;
  }

  /** Why units a and b match: their shared terms (a merge of the two sorted term lists). */
  explain(a: number, b: number, limit = 5): string[] {
    const ua = this.corpus.units[a]!;
    const ub = this.corpus.units[b]!;
    const epoch = this.begin();
    let count = 0;
    let i = 0;
    let j = 0;
    while (i < ua.terms.length && j < ub.terms.length) {
      const ta = ua.terms[i]!;
      const tb = ub.terms[j]!;
      if (ta === tb) count = this.add(epoch, count, ta, ua.weights[i++]! * ub.weights[j++]!);
      else if (ta < tb) i++;
      else j++;
    }
    return this.top(epoch, count, limit);
  }

  /** Weighted term ids → the `limit` heaviest maximal terms (none listed that is part of another). */
  rank(weighted: Array<{ term: number; contribution: number }>, limit: number): string[] {
    const epoch = this.begin();
    let count = 0;
    for (const { term, contribution } of weighted) count = this.add(epoch, count, term, contribution);
    return this.top(epoch, count, limit);
  }

  private top(epoch: number, count: number, limit: number): string[] {
    const { weight, seen, part, terms } = this;
    for (let k = 0; k < count; k++) {
      const parts = this.partsOf(terms[k]!);
      for (let i = 0; i < parts.length; i++) if (seen[parts[i]!] === epoch) part[parts[i]!] = epoch;
    }
    // The `limit` best by insertion (a match shares tens of terms; only a handful are shown).
    const bestTerm: number[] = [];
    const bestWeight: number[] = [];
    for (let k = 0; k < count; k++) {
      const t = terms[k]!;
      if (part[t] === epoch) continue;
      let total = weight[t]!;
      const parts = this.partsOf(t);
      for (let i = 0; i < parts.length; i++) if (seen[parts[i]!] === epoch) total += weight[parts[i]!]!;
      let at = bestTerm.length;
      while (at > 0 && (bestWeight[at - 1]! < total || (bestWeight[at - 1] === total && bestTerm[at - 1]! > t))) at--;
      if (at >= limit) continue;
      bestTerm.splice(at, 0, t);
      bestWeight.splice(at, 0, total);
      if (bestTerm.length > limit) {
        bestTerm.pop();
        bestWeight.pop();
      }
    }
    return bestTerm.map((t) => this.corpus.vocabulary[t]!);
  }
}
