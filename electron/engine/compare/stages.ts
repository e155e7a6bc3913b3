/**
 * The stages of a version comparison, each a function from typed data to typed data:
 *
 *   prepare  → Prepared   words and profiles of every article, 款 and 项 (jieba words, rarity-weighted),
 *                         and the budget the comparison may spend;
 *   pair     → Pairing    which article of the left is which of the right (align.ts / articles.ts), and
 *                         inside each pair which 款 is which (inner.ts);
 *   moves    → Moves      款 left over in one place and found in another: moved 款 (moves.ts);
 *   rows     → Draft[]    the rows (款) of every pair with their redlines, and the unpaired articles
 *                         classed as deleted / added / split / merged (rows.ts);
 *   link     → Linked     sentences moved between 款 marked on both ends, and "related" hints;
 *   finish   → Comparison the pairs in the 对照稿's reading order, the summary and the statistics.
 */
import { articleId, type Version } from '../model';
import { getSegmenter, type Segmenter } from '../segment';
import type { AlignedPair } from './align';
import { alignArticles, prepareArticles, type ArticleData, type FeatureContext } from './articles';
import { hasSubstantiveChange } from './diff';
import { alignParagraphs, joinEntries, round } from './inner';
import { bestParagraphMatches, findParagraphMoves, linkMovedFragments, PARAGRAPH_MOVE, RELATED, type FragmentSite, type ParagraphLoc, type ParagraphMove } from './moves';
import { paragraphRef, type Draft, type Side } from './draft';
import { makeWeights, similarity, TermTable, TokenCache, type Weights } from './text';
import { RELATIONS, type CompareOptions, type Comparison, type Pair, type Relation } from './types';

// ---------------------------------------------------------------------------------------------------
// 1. prepare

/**
 * What the comparison may spend. Past `maxArticles` (both versions together) no word diff is made at all;
 * past `ms` the pairs not yet diffed keep their alignment and get a whole-text redline. Alignment is always
 * complete: it is the answer; the word diffs are its detail.
 */
export class Budget {
  private readonly deadline: number;
  /** Why word diffs stopped, once they did. */
  limited: 'time' | 'size' | null = null;

  constructor(
    started: number,
    readonly wanted: boolean,
    opts: CompareOptions['budget'],
    articles: number,
  ) {
    this.deadline = opts?.ms !== undefined ? started + opts.ms : Infinity;
    if (wanted && opts?.maxArticles !== undefined && articles > opts.maxArticles) this.limited = 'size';
  }

  /** Whether the next pair still gets word diffs (checked once per pair). */
  wordDiffs(): boolean {
    if (!this.wanted || this.limited) return false;
    if (this.deadline !== Infinity && performance.now() > this.deadline) this.limited = 'time';
    return this.limited === null;
  }
}

export interface Prepared {
  left: ArticleData[];
  right: ArticleData[];
  weights: Weights;
  tokens: TokenCache;
  budget: Budget;
  started: number;
}

export function prepare(left: Version, right: Version, opts: CompareOptions & { segmenter?: Segmenter }, started: number): Prepared {
  const tokens = new TokenCache(opts.segmenter ?? getSegmenter());
  const ctx: FeatureContext = { words: new TermTable<string>() };
  const L = prepareArticles(left.articles, tokens, ctx);
  const R = prepareArticles(right.articles, tokens, ctx);
  const weights = makeWeights(ctx.words, [...L, ...R].map((a) => a.ids));
  ctx.weights = weights;
  const budget = new Budget(started, opts.diff !== false, opts.budget, L.length + R.length);
  return { left: L, right: R, weights, tokens, budget, started };
}

// ---------------------------------------------------------------------------------------------------
// 2. pair

export interface Pairing {
  /** Article pairs (left index i, right index j), in left order. */
  pairs: AlignedPair[];
  /** 款 pairs inside each article pair. */
  inner: Map<AlignedPair, AlignedPair[]>;
  /** Each article's pair, by index, per side. */
  partner: Record<Side, Map<number, AlignedPair>>;
  /** Candidate article pairs the alignment scored (undefined when it scored all). */
  candidates?: Array<[number, number]>;
}

/** A 款 resembling another this much marks where an article's text continues (see preferLeadingPartner). */
const RIVAL_MATCH = 0.35;

export function pairArticles(p: Prepared): Pairing {
  const { left: L, right: R, weights } = p;
  const { pairs: aligned, candidates } = alignArticles(L, R, weights);
  const inner = new Map<AlignedPair, AlignedPair[]>();
  for (const x of aligned) inner.set(x, alignParagraphs(L[x.i]!, R[x.j]!));
  const pairs = preferLeadingPartner(aligned, inner, L, R);
  const partner: Pairing['partner'] = { left: new Map(), right: new Map() };
  for (const x of pairs) {
    partner.left.set(x.i, x);
    partner.right.set(x.j, x);
  }
  return { pairs, inner, partner, ...(candidates ? { candidates } : {}) };
}

/**
 * When two left articles compete for one right article — one paired with it, the other unpaired but
 * with a 款 that moved into it — the article continuing at the right article's beginning is its partner
 * (the 对照稿's convention: 草案第二十七条 stays 二审第二十七条 although 草案第二十八条 was folded into
 * its third 款). Symmetric for two right articles competing for one left one.
 */
function preferLeadingPartner(primary: AlignedPair[], innerOf: Map<AlignedPair, AlignedPair[]>, L: ArticleData[], R: ArticleData[]): AlignedPair[] {
  const leftTaken = new Set(primary.map((p) => p.i));
  const rightTaken = new Set(primary.map((p) => p.j));
  const firstMatch = (from: ArticleData, into: ArticleData, threshold: number): number => {
    // Position (in `into`) of the earliest 款 of `into` that some 款 of `from` matches.
    let first = Infinity;
    from.paragraphs.forEach((p) => {
      into.paragraphs.forEach((q, k) => {
        if (k < first && similarity(p.profile!, q.profile!) >= threshold) first = k;
      });
    });
    return first;
  };
  // A rival may take over when it is about as similar overall, or when one of its 款 is this article's
  // own 款 (moved as it was) while the current partner only holds later ones.
  const prefer = (rival: number, current: number, rivalFrom: ArticleData, rivalInto: ArticleData, currentFrom: ArticleData, currentInto: ArticleData) => {
    if (rival < 0.5 * current) return false;
    const strong = firstMatch(rivalFrom, rivalInto, PARAGRAPH_MOVE);
    const weak = firstMatch(rivalFrom, rivalInto, RIVAL_MATCH);
    const kept = firstMatch(currentFrom, currentInto, RIVAL_MATCH);
    return rival >= 0.8 * current ? weak < kept : strong < kept;
  };
  const out: AlignedPair[] = [];
  for (const p of primary) {
    let replaced: AlignedPair | null = null;
    if (p.inOrder) {
      const a = L[p.i]!;
      const x = R[p.j]!;
      // A rival left article next to a.
      for (const bi of [p.i - 1, p.i + 1]) {
        const b = L[bi];
        if (!b || leftTaken.has(bi) || replaced) continue;
        const sb = similarity(b.profile!, x.profile!);
        if (prefer(sb, p.score, b, x, a, x)) {
          replaced = { i: bi, j: p.j, score: sb, inOrder: true };
          leftTaken.delete(p.i);
          leftTaken.add(bi);
        }
      }
      // A rival right article next to x (positions counted in a).
      for (const yj of [p.j - 1, p.j + 1]) {
        const y = R[yj];
        if (!y || rightTaken.has(yj) || replaced) continue;
        const sy = similarity(a.profile!, y.profile!);
        if (prefer(sy, p.score, y, a, x, a)) {
          replaced = { i: p.i, j: yj, score: sy, inOrder: true };
          rightTaken.delete(p.j);
          rightTaken.add(yj);
        }
      }
    }
    if (replaced) {
      innerOf.set(replaced, alignParagraphs(L[replaced.i]!, R[replaced.j]!));
      out.push(replaced);
    } else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// 3. moves

export interface Moves {
  list: ParagraphMove[];
  /** The move of a 款, by side and "article:款" (0-based). */
  at(side: Side, art: number, para: number): ParagraphMove | undefined;
}

/** 款 left over in one place (deleted inside their pair, or of an unpaired article) and found in another. */
export function findMoves(p: Prepared, pairing: Pairing): Moves {
  const leftovers: Record<Side, ParagraphLoc[]> = { left: [], right: [] };
  for (const side of ['left', 'right'] as const) {
    p[side].forEach((a, art) => {
      const pair = pairing.partner[side].get(art);
      const kept = new Set(pair ? pairing.inner.get(pair)!.map((x) => (side === 'left' ? x.i : x.j)) : []);
      a.paragraphs.forEach((_, para) => kept.has(para) || leftovers[side].push({ art, para }));
    });
  }
  const list = findParagraphMoves(p.left, p.right, leftovers, (i, j) => pairing.partner.left.get(i)?.j === j, p.weights);
  const index: Record<Side, Map<string, ParagraphMove>> = { left: new Map(), right: new Map() };
  for (const m of list) {
    index.left.set(`${m.from.art}:${m.from.para}`, m);
    index.right.set(`${m.to.art}:${m.to.para}`, m);
  }
  return { list, at: (side, art, para) => index[side].get(`${art}:${para}`) };
}

// ---------------------------------------------------------------------------------------------------
// 4. rows: see rows.ts

// ---------------------------------------------------------------------------------------------------
// 5. link

export interface Linked {
  /** Sentences (parts of 款) linked as moved. */
  movedFragments: number;
}

/**
 * Sentences that moved (parts of 款), linked across the whole comparison by splitting the spans of the
 * drafts' rows; then "related" hints on deleted and added articles. Mutates the drafts.
 */
export function linkMoved(p: Prepared, pairing: Pairing, drafts: Draft[]): Linked {
  let movedFragments = 0;
  // Fragments are found in word diffs; without them (or past the budget) there is nothing to split.
  if (p.budget.wanted && !p.budget.limited) {
    const deleteSites: FragmentSite[] = [];
    const insertSites: FragmentSite[] = [];
    for (const d of drafts) {
      for (const row of d.rows) {
        if (row.leftSite) deleteSites.push({ spans: row.entry.spans, ref: row.leftSite });
        if (row.rightSite) insertSites.push({ spans: row.entry.spans, ref: row.rightSite });
      }
    }
    // Articles' texts without punctuation, from the cached per-token keys (no regex over whole texts).
    const keys = (side: ArticleData[]) => () =>
      side.map((a) => a.paragraphs.map((q) => q.units.map((u) => p.tokens.tokens(u.text).map((t) => p.tokens.key(t)).join('')).join('')).join(''));
    movedFragments = linkMovedFragments(deleteSites, insertSites, p.tokens, keys(p.left), keys(p.right), p.weights);
  }
  addRelatedHints(drafts, p.left, p.right, p.weights, pairing.candidates);
  return { movedFragments };
}

/**
 * "Related" hints for deleted and added articles: the closest 款 on the other side, when fairly close,
 * among the articles that were candidates for the article (all of them in small comparisons).
 */
function addRelatedHints(drafts: Draft[], L: ArticleData[], R: ArticleData[], weights: Weights, candidates: Array<[number, number]> | undefined): void {
  const indexOf = (side: ArticleData[]) => new Map(side.map((a, k) => [a.article.id, k]));
  const leftIndex = indexOf(L);
  const rightIndex = indexOf(R);
  for (const deleted of [true, false]) {
    const relation = deleted ? 'deleted' : 'added';
    const [own, other, ownIndex] = deleted ? [L, R, leftIndex] : [R, L, rightIndex];
    for (const d of drafts) {
      if (d.pair.relation !== relation) continue;
      const info = deleted ? d.pair.leftArticles[0]! : d.pair.rightArticles[0]!;
      const k = ownIndex.get(articleId(info.number, info.sub))!;
      const near = candidates ? candidates.filter(([i, j]) => (deleted ? i : j) === k).map(([i, j]) => (deleted ? j : i)) : other.map((_, n) => n);
      const targets = near.flatMap((art) => other[art]!.paragraphs.map((p, para) => ({ loc: { art, para }, profile: p.profile })));
      const best = bestParagraphMatches(own[k]!.paragraphs.map((p) => p.profile), targets, weights, RELATED);
      for (const b of best) {
        if (!b) continue;
        const target = other[b.loc.art]!;
        (d.pair.related ??= []).push({ ...paragraphRef(target.article, b.loc.para), side: deleted ? 'right' : 'left', similarity: round(b.score) });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// 6. finish

export function finish(p: Prepared, drafts: Draft[], moves: Moves, linked: Linked): Comparison {
  drafts.sort((x, y) => x.major - y.major || x.minor - y.minor || x.tie - y.tie);
  const pairs: Pair[] = drafts.map(finishPair);
  const summary = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Relation, number>;
  for (const x of pairs) summary[x.relation]++;
  const limited = p.budget.limited;
  return {
    pairs,
    summary,
    stats: {
      leftArticles: p.left.length,
      rightArticles: p.right.length,
      renumbered: pairs.filter((x) => x.renumbered).length,
      formalOnly: pairs.filter((x) => x.formalOnly).length,
      movedParagraphs: moves.list.length,
      movedFragments: linked.movedFragments,
      ms: Math.round(performance.now() - p.started),
    },
    ...(limited ? { limited: { reason: limited, skipped: pairs.filter((x) => x.diffSkipped).length } } : {}),
  };
}

/** A draft as the pair the comparison reports: its rows' redlines joined, its relation refined. */
function finishPair(d: Draft): Pair {
  const base = d.pair;
  for (const r of d.rows) r.unit.diff = r.entry.spans;
  const paragraphs = d.rows.map((r) => r.unit);
  const diff = joinEntries(d.rows.map((r) => r.entry));
  const changed = paragraphs.some((u) => u.relation !== 'unchanged') || (base.left.length > 0) !== (base.right.length > 0);
  // Substantive: some text changed beyond punctuation, width and numbering, or a 款 moved or came/went.
  const substantive =
    hasSubstantiveChange(diff) || paragraphs.some((u) => u.relation === 'moved' || u.relation === 'added' || u.relation === 'deleted' || (u.relation === 'modified' && !u.formal));
  let relation = base.relation;
  if (relation === 'modified' && !changed) relation = 'unchanged';
  return { ...base, relation, diff, changed, formalOnly: changed && !substantive, paragraphs, ...(d.diffSkipped ? { diffSkipped: true as const } : {}) };
}
