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
import { scoreAgainstAll, sharedTerms, type Corpus } from './corpus';

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
}

/** Per unit and per other document: best unit and background. */
interface Profile {
  best: Int32Array;
  background: Float64Array;
  /** Top candidates (unit, score), best first, at most `keep`. */
  top: Array<Array<[number, number]>>;
}

/** Scores every unit against every other document once, keeping what the selection needs. */
function profile(corpus: Corpus, keep: number): Profile {
  const n = corpus.units.length;
  const docs = corpus.docStart.length - 1;
  const best = new Int32Array(n * docs).fill(-1);
  const background = new Float64Array(n * docs);
  const top: Array<Array<[number, number]>> = new Array(n * docs);
  const scores = new Float64Array(n);
  const depth = Math.max(keep, BACKGROUND_DEPTH);
  const window: number[] = new Array(depth);
  const windowUnit: number[] = new Array(depth);
  for (let u = 0; u < n; u++) {
    scoreAgainstAll(corpus, u, scores);
    const own = corpus.units[u]!.doc;
    for (let d = 0; d < docs; d++) {
      const slot = u * docs + d;
      top[slot] = [];
      if (d === own) continue;
      // The `depth` best scores of u in d, by insertion (documents have tens to hundreds of articles).
      let filled = 0;
      for (let v = corpus.docStart[d]!, end = corpus.docStart[d + 1]!; v < end; v++) {
        const s = scores[v]!;
        if (filled === depth && s <= window[depth - 1]!) continue;
        let i = filled < depth ? filled++ : depth - 1;
        while (i > 0 && window[i - 1]! < s) {
          window[i] = window[i - 1]!;
          windowUnit[i] = windowUnit[i - 1]!;
          i--;
        }
        window[i] = s;
        windowUnit[i] = v;
      }
      if (filled === 0) continue;
      best[slot] = windowUnit[0]!;
      let sum = 0;
      let count = 0;
      for (let i = 2; i < Math.min(filled, BACKGROUND_DEPTH); i++) {
        sum += window[i]!;
        count++;
      }
      background[slot] = Math.max(MIN_BACKGROUND, count ? sum / count : 0);
      const list: Array<[number, number]> = [];
      for (let i = 0; i < Math.min(filled, keep); i++) list.push([windowUnit[i]!, window[i]!]);
      top[slot] = list;
    }
  }
  return { best, background, top };
}

export interface Selection {
  /** candidates[u][d]: accepted candidates of unit u in document d, best first (empty = none). */
  candidates: Candidate[][][];
}

export function selectCandidates(corpus: Corpus, top: number): Selection {
  const docs = corpus.docStart.length - 1;
  const p = profile(corpus, top);
  const candidates: Candidate[][][] = corpus.units.map(() => Array.from({ length: docs }, () => []));
  corpus.units.forEach((unit, u) => {
    const a = unit.doc;
    for (let d = 0; d < docs; d++) {
      if (d === a) continue;
      const slot = u * docs + d;
      const list = p.top[slot]!;
      const first = list[0];
      if (!first) continue;
      const out = candidates[u]![d]!;
      for (const [v, s] of list) {
        if (out.length >= top) break;
        if (s < MIN_SCORE || s < first[1] * RUNNER_UP_SHARE) break;
        const back = v * docs + a;
        const reciprocal = p.best[back] === u;
        const lift = s / Math.sqrt(p.background[slot]! * p.background[back]!);
        // Candidates are accepted best first and the first failure ends the list: a weaker candidate
        // behind a rejected stronger one is no better evidence.
        if (!reciprocal && !(s >= ONE_SIDED_MIN_SCORE && lift >= LIFT)) break;
        const mutual = reciprocal && p.best[slot] === v;
        out.push({ unit: v, score: s, rank: out.length + 1, reciprocal, mutual });
      }
    }
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
  private epoch = 0;

  constructor(private readonly corpus: Corpus) {
    const n = corpus.vocabulary.length;
    this.weight = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.part = new Int32Array(n);
  }

  /** Why units a and b match: their shared terms. */
  explain(a: number, b: number, limit = 5): string[] {
    return this.rank(sharedTerms(this.corpus, a, b), limit);
  }

  /** Weighted term ids → the `limit` heaviest maximal terms (none listed that is part of another). */
  rank(weighted: Array<{ term: number; contribution: number }>, limit: number): string[] {
    const { weight, seen, part } = this;
    const subterms = this.corpus.subterms;
    const epoch = ++this.epoch;
    const terms: number[] = [];
    for (const { term, contribution } of weighted) {
      if (seen[term] !== epoch) {
        seen[term] = epoch;
        weight[term] = 0;
        terms.push(term);
      }
      weight[term]! += contribution;
    }
    for (const t of terms) for (const s of subterms[t]!) if (seen[s] === epoch) part[s] = epoch;
    const credited: Array<[number, number]> = [];
    for (const t of terms) {
      if (part[t] === epoch) continue;
      let total = weight[t]!;
      for (const s of subterms[t]!) if (seen[s] === epoch) total += weight[s]!;
      credited.push([t, total]);
    }
    credited.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    return credited.slice(0, limit).map(([t]) => this.corpus.vocabulary[t]!);
  }
}
