/**
 * Ordered alignment of two sequences (articles, 款, 项) with move detection, from a similarity score.
 *
 * Legislative revisions mostly keep the order of provisions: when an article is inserted, everything
 * after it is renumbered but stays in place. So order is strong evidence, and the alignment is built in
 * three passes:
 *   1. anchors: the heaviest chain of clearly similar pairs whose positions increase on both sides
 *      (an LCS over candidate pairs, O(P log P) with a Fenwick tree);
 *   2. gaps: between two anchors, weaker pairs are accepted in order, because sitting in the same place
 *      is evidence too (a rewritten provision between two kept ones) — but only when neither item has a
 *      clearly better partner elsewhere;
 *   3. moves: what is left is paired out of order, only on strong similarity.
 * Scores are computed lazily and only for candidate pairs, so long sequences cost near-linear time.
 */

export interface AlignThresholds {
  /** Minimum score for an in-order anchor. */
  anchor: number;
  /** Minimum score for a pair inside a gap between anchors. */
  gap: number;
  /** A gap pair must reach this share of either item's best score with any free partner. */
  gapRelative: number;
  /** Minimum score for an out-of-order (moved) pair. */
  move: number;
  /** Gaps with more candidate pairs than this only consider the given candidates. */
  maxGapPairs: number;
}

export interface AlignInput {
  n: number;
  m: number;
  /** Candidate pairs to consider for anchors and moves; all pairs when omitted. */
  candidates?: Array<[number, number]>;
  score(i: number, j: number): number;
}

export interface AlignedPair {
  i: number;
  j: number;
  score: number;
  /** False for pairs found by move detection (out of order with the rest). */
  inOrder: boolean;
}

interface Scored {
  i: number;
  j: number;
  score: number;
}

/** The chain of pairs with strictly increasing i and j maximising the sum of scores. */
export function heaviestChain<T extends Scored>(pairs: T[], m: number): T[] {
  if (pairs.length === 0) return [];
  // Sorting j descending within one i lets a single pass query "best chain ending before j" without
  // seeing other pairs of the same i.
  const sorted = pairs.slice().sort((a, b) => a.i - b.i || b.j - a.j);
  const treeVal = new Float64Array(m + 1);
  const treeIdx = new Int32Array(m + 1).fill(-1);
  const best = new Float64Array(sorted.length);
  const prev = new Int32Array(sorted.length).fill(-1);
  const query = (j: number): [number, number] => {
    let v = 0;
    let idx = -1;
    for (let k = j; k > 0; k -= k & -k) {
      if (treeVal[k]! > v) {
        v = treeVal[k]!;
        idx = treeIdx[k]!;
      }
    }
    return [v, idx];
  };
  const update = (j: number, v: number, idx: number) => {
    for (let k = j; k <= m; k += k & -k) {
      if (v > treeVal[k]!) {
        treeVal[k] = v;
        treeIdx[k] = idx;
      }
    }
  };
  let top = -1;
  let topVal = 0;
  for (let s = 0; s < sorted.length; s++) {
    const p = sorted[s]!;
    const [v, idx] = query(p.j); // positions j' < j (1-based tree: j' + 1 <= j)
    best[s] = v + p.score;
    prev[s] = idx;
    update(p.j + 1, best[s]!, s);
    if (best[s]! > topVal) {
      topVal = best[s]!;
      top = s;
    }
  }
  const chain: T[] = [];
  for (let s = top; s >= 0; s = prev[s]!) chain.push(sorted[s]!);
  return chain.reverse();
}

export function alignSequences(input: AlignInput, t: AlignThresholds): AlignedPair[] {
  const { n, m } = input;
  const cache = new Map<number, number>();
  const score = (i: number, j: number): number => {
    const key = i * (m + 1) + j;
    let s = cache.get(key);
    if (s === undefined) {
      s = input.score(i, j);
      cache.set(key, s);
    }
    return s;
  };
  const candidates: Array<[number, number]> = input.candidates ?? allPairs(n, m);
  const scored: Scored[] = [];
  for (const [i, j] of candidates) scored.push({ i, j, score: score(i, j) });

  const leftTaken = new Int32Array(n).fill(-1);
  const rightTaken = new Int32Array(m).fill(-1);
  const result: AlignedPair[] = [];
  const take = (i: number, j: number, s: number, inOrder: boolean) => {
    leftTaken[i] = j;
    rightTaken[j] = i;
    result.push({ i, j, score: s, inOrder });
  };

  // 1. Anchors.
  for (const p of heaviestChain(scored.filter((p) => p.score >= t.anchor), m)) take(p.i, p.j, p.score, true);

  // Best score of each item with any candidate partner: a gap pair must not steal an item that has a
  // clearly better partner (which the move pass would find).
  const bestLeft = new Float64Array(n);
  const bestRight = new Float64Array(m);
  for (const p of scored) {
    if (p.score > bestLeft[p.i]!) bestLeft[p.i] = p.score;
    if (p.score > bestRight[p.j]!) bestRight[p.j] = p.score;
  }

  // 2. Gaps between consecutive anchors (and before the first / after the last).
  const anchors = result.slice().sort((a, b) => a.i - b.i);
  const bounds: Array<[number, number, number, number]> = [];
  let pi = -1;
  let pj = -1;
  for (const a of anchors) {
    bounds.push([pi + 1, a.i, pj + 1, a.j]);
    pi = a.i;
    pj = a.j;
  }
  bounds.push([pi + 1, n, pj + 1, m]);
  const byLeft = new Map<number, number[]>();
  for (const [i, j] of candidates) {
    const list = byLeft.get(i);
    if (list) list.push(j);
    else byLeft.set(i, [j]);
  }
  for (const [i0, i1, j0, j1] of bounds) {
    if (i1 <= i0 || j1 <= j0) continue;
    const gapPairs: Scored[] = [];
    const consider = (i: number, j: number) => {
      const s = score(i, j);
      if (s > bestLeft[i]!) bestLeft[i] = s;
      if (s > bestRight[j]!) bestRight[j] = s;
      if (s >= t.gap) gapPairs.push({ i, j, score: s });
    };
    if ((i1 - i0) * (j1 - j0) <= t.maxGapPairs) {
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) consider(i, j);
    } else {
      for (let i = i0; i < i1; i++) for (const j of byLeft.get(i) ?? []) if (j >= j0 && j < j1) consider(i, j);
    }
    const acceptable = gapPairs.filter((p) => p.score >= t.gapRelative * bestLeft[p.i]! && p.score >= t.gapRelative * bestRight[p.j]!);
    for (const p of heaviestChain(acceptable, m)) take(p.i, p.j, p.score, true);
  }

  // 3. Moves: the best remaining pairs, greedily, strongest first.
  const rest = scored.filter((p) => p.score >= t.move && leftTaken[p.i] === -1 && rightTaken[p.j] === -1);
  rest.sort((a, b) => b.score - a.score || a.i - b.i || a.j - b.j);
  for (const p of rest) {
    if (leftTaken[p.i] !== -1 || rightTaken[p.j] !== -1) continue;
    take(p.i, p.j, p.score, false);
  }
  // A "move" that happens to fit the order of its neighbours is in order after all (e.g. the anchor
  // chain preferred a rival pairing that the move pass then displaced nothing from).
  return markOrder(result);
}

/** Pairs that are part of the longest increasing run are in order; the others moved. */
function markOrder(pairs: AlignedPair[]): AlignedPair[] {
  const inChain = new Set(heaviestChain(pairs.map((p) => ({ ...p, score: 1 + p.score * 1e-3 })), maxJ(pairs) + 1).map((p) => p.i));
  return pairs.map((p) => ({ ...p, inOrder: inChain.has(p.i) })).sort((a, b) => a.i - b.i);
}

function maxJ(pairs: AlignedPair[]): number {
  let m = 0;
  for (const p of pairs) if (p.j > m) m = p.j;
  return m;
}

function allPairs(n: number, m: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.push([i, j]);
  return out;
}
