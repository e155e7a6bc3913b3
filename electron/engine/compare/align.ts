/**
 * Alignment of two sequences (articles, 款, 项) with move detection, from a similarity score.
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
 * A comprehensive revision (全面修订) reorganises chapters and rewrites what it moves, so for articles
 * content comes first and order is a prior, with the optional rules of AlignThresholds: no anchor holds
 * an item whose counterpart is clearly elsewhere (anchorDominance, keepsPlace); after the moves, weaker
 * pairs are taken wherever they sit when both items choose each other (contentMove, position breaking
 * near-ties); and two pairs exchange partners when the whole assignment scores higher (exchange).
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
  /**
   * Content before order: an anchor is dropped when either item has a partner elsewhere scoring this much
   * more, so that a provision in its old place does not hold an item whose counterpart is clearly
   * elsewhere (sitting in place is worth about this much similarity) — unless `keepsPlace` says the pair
   * holds anyway.
   */
  anchorDominance?: number;
  /**
   * Whether the in-place pair (i, j) holds against a rival pair sharing one of its items that scores
   * higher (the 对照稿's convention: the article continuing at the other's beginning is its partner; the
   * rival was merged into it or split from it).
   */
  keepsPlace?: (pair: { i: number; j: number }, rival: { i: number; j: number }) => boolean;
  /**
   * Content before order, for what is left after the moves: a pair below `move` is still taken, wherever it
   * sits, when the two items choose each other (see contentMoves): at `min` when each is the other's clear
   * best, at `ambiguous` when position had to choose among partners within `margin` of the best.
   */
  contentMove?: { min: number; margin: number; ambiguous: number };
  /**
   * Last, two pairs exchange partners when the exchange scores higher in total, sitting in place (between
   * the in-order pairs around it) counting this much: the assignment is judged as a whole, order breaking
   * ties. Omitted: no exchanges.
   */
  exchange?: number;
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

  // Best score of each item with any candidate partner: an anchor or a gap pair must not steal an item
  // that has a clearly better partner (which the move pass would find).
  const bestLeft = new Float64Array(n);
  const bestRight = new Float64Array(m);
  const bestLeftPair: Array<Scored | undefined> = new Array(n);
  const bestRightPair: Array<Scored | undefined> = new Array(m);
  for (const p of scored) {
    if (p.score > bestLeft[p.i]!) {
      bestLeft[p.i] = p.score;
      bestLeftPair[p.i] = p;
    }
    if (p.score > bestRight[p.j]!) {
      bestRight[p.j] = p.score;
      bestRightPair[p.j] = p;
    }
  }

  // 1. Anchors, among the pairs no rival clearly outscores.
  const dominance = t.anchorDominance ?? Infinity;
  const holds = (p: Scored, rival: Scored | undefined) => !rival || p.score + dominance >= rival.score || (t.keepsPlace?.(p, rival) ?? false);
  const anchorable = scored.filter((p) => p.score >= t.anchor && holds(p, bestLeftPair[p.i]) && holds(p, bestRightPair[p.j]));
  for (const p of heaviestChain(anchorable, m)) take(p.i, p.j, p.score, true);

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
  if (t.contentMove) contentMoves(scored, leftTaken, rightTaken, result, t.contentMove, (p) => take(p.i, p.j, p.score, false));
  // Exchanges weigh only pairs already scored (candidates, gaps): scoring others would profile articles
  // that identical texts never needed profiled.
  if (t.exchange !== undefined) exchangePartners(result, byLeft, (i, j) => cache.get(i * (m + 1) + j), t.exchange, t.gap);
  // A "move" that happens to fit the order of its neighbours is in order after all (e.g. the anchor
  // chain preferred a rival pairing that the move pass then displaced nothing from).
  return markOrder(result);
}

/**
 * Weaker pairs taken on content alone, wherever they sit. Each free item chooses among its free partners:
 * the best, or — when others come within `margin` of it (a provision split in two, say) — the one nearest
 * where the item would sit by the order of the pairs around it. A pair is taken when the two choose each
 * other. Rounds, because taking a pair changes who is free (a few rounds settle it).
 */
function contentMoves(
  scored: Scored[],
  leftTaken: Int32Array,
  rightTaken: Int32Array,
  taken: AlignedPair[],
  rule: NonNullable<AlignThresholds['contentMove']>,
  take: (p: Scored) => void,
): void {
  const expected = expectedPositions(taken);
  for (let round = 0; round < 4; round++) {
    const free = scored.filter((p) => leftTaken[p.i] === -1 && rightTaken[p.j] === -1 && p.score > 0);
    const choose = (key: (p: Scored) => number, other: (p: Scored) => number, near: (k: number) => number) => {
      const best = new Map<number, number>();
      for (const p of free) if (p.score > (best.get(key(p)) ?? 0)) best.set(key(p), p.score);
      const choice = new Map<number, { p: Scored; rivals: number }>();
      for (const p of free) {
        const k = key(p);
        if (p.score * rule.margin < best.get(k)!) continue;
        const c = choice.get(k);
        const d = Math.abs(other(p) - near(k));
        if (!c) choice.set(k, { p, rivals: 0 });
        else if (d < Math.abs(other(c.p) - near(k)) || (d === Math.abs(other(c.p) - near(k)) && p.score > c.p.score)) choice.set(k, { p, rivals: c.rivals + 1 });
        else c.rivals++;
      }
      return choice;
    };
    const byLeft = choose((p) => p.i, (p) => p.j, expected.right);
    const byRight = choose((p) => p.j, (p) => p.i, expected.left);
    const chosen: Scored[] = [];
    for (const c of byLeft.values()) {
      const p = c.p;
      const r = byRight.get(p.j);
      if (r?.p !== p) continue;
      // Chosen by position among rivals of about the same score: only on substantial similarity.
      if (p.score < (c.rivals > 0 || r.rivals > 0 ? rule.ambiguous : rule.min)) continue;
      chosen.push(p);
    }
    if (chosen.length === 0) return;
    for (const p of chosen) take(p);
  }
}

/**
 * Where an item would sit on the other side, by the pairs around it (interpolated between the pair before
 * and the pair after). Moved pairs count too: an article of a chapter that moved is expected where its
 * neighbours went.
 */
function expectedPositions(pairs: AlignedPair[]): { right: (i: number) => number; left: (j: number) => number } {
  const line = (sorted: AlignedPair[], x: (p: AlignedPair) => number, y: (p: AlignedPair) => number) => {
    const xs = sorted.map(x);
    const ys = sorted.map(y);
    return (v: number) => at(xs, ys, v);
  };
  const at = (xs: number[], ys: number[], x: number): number => {
    if (xs.length === 0) return x;
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo < xs.length && xs[lo] === x) return ys[lo]!;
    if (lo === 0) return ys[0]! - (xs[0]! - x);
    if (lo === xs.length) return ys[lo - 1]! + (x - xs[lo - 1]!);
    const [x0, x1, y0, y1] = [xs[lo - 1]!, xs[lo]!, ys[lo - 1]!, ys[lo]!];
    return y0 + ((x - x0) * (y1 - y0)) / (x1 - x0);
  };
  return {
    right: line(pairs.slice().sort((a, b) => a.i - b.i), (p) => p.i, (p) => p.j),
    left: line(pairs.slice().sort((a, b) => a.j - b.j), (p) => p.j, (p) => p.i),
  };
}

/**
 * Pairwise exchanges: (i1, j1) + (i2, j2) → (i1, j2) + (i2, j1) when the total of score plus `inPlace` for
 * each pair sitting between its in-order neighbours grows. Mutates `pairs`.
 */
function exchangePartners(pairs: AlignedPair[], byLeft: Map<number, number[]>, known: (i: number, j: number) => number | undefined, inPlace: number, min: number): void {
  const anchors = pairs.filter((p) => p.inOrder).sort((a, b) => a.i - b.i);
  const anchorAt = new Map(anchors.map((a) => [a.i, a.j]));
  // Sits in place: between the in-order pairs before and after it on the left, in the right's order too.
  const fits = (i: number, j: number): number => {
    if (anchorAt.get(i) === j) return inPlace;
    let lo = 0;
    let hi = anchors.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (anchors[mid]!.i < i) lo = mid + 1;
      else hi = mid;
    }
    const before = anchors[lo - 1];
    let k = lo;
    while (k < anchors.length && anchors[k]!.i === i) k++;
    const after = anchors[k];
    return (!before || before.j < j) && (!after || after.j > j) ? inPlace : 0;
  };
  const byRight = new Map<number, AlignedPair>();
  const byLeftPair = new Map<number, AlignedPair>();
  for (const p of pairs) {
    byRight.set(p.j, p);
    byLeftPair.set(p.i, p);
  }
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const p of pairs.slice()) {
      if (byLeftPair.get(p.i) !== p) continue;
      for (const j2 of byLeft.get(p.i) ?? []) {
        const q = byRight.get(j2);
        if (!q || q === p) continue;
        const s1 = known(p.i, q.j);
        const s2 = known(q.i, p.j);
        if (s1 === undefined || s2 === undefined || s1 < min || s2 < min) continue;
        const gain = s1 + fits(p.i, q.j) + s2 + fits(q.i, p.j) - (p.score + fits(p.i, p.j) + q.score + fits(q.i, q.j));
        if (gain <= 0.02) continue;
        const np: AlignedPair = { i: p.i, j: q.j, score: s1, inOrder: false };
        const nq: AlignedPair = { i: q.i, j: p.j, score: s2, inOrder: false };
        pairs.splice(pairs.indexOf(p), 1, np);
        pairs.splice(pairs.indexOf(q), 1, nq);
        byLeftPair.set(np.i, np);
        byLeftPair.set(nq.i, nq);
        byRight.set(np.j, np);
        byRight.set(nq.j, nq);
        changed = true;
        break;
      }
    }
    if (!changed) return;
  }
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
