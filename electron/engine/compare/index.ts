/**
 * Version comparison: which article of the left version became which of the right, what was added,
 * deleted, moved, split or merged, and the redline of each pair — from the two texts alone (a 对照稿's
 * own row pairing is never consulted; it is the test's truth).
 *
 * Pipeline:
 *   1. words and profiles of every article, 款 and 项 (jieba words, rarity-weighted);
 *   2. article alignment: in-order anchors, gap filling, out-of-order moves (align.ts);
 *   3. inside each pair, 款 alignment, and 项 alignment inside 款 (inner.ts);
 *   4. leftover 款 (deleted in their pair, or of unpaired articles) matched across articles: moved 款,
 *      and from them the splits and merges of articles (moves.ts);
 *   5. the redlines, with moved sentences linked and formal-only changes marked.
 */
import { addressOf, articleId, cite, type Article, type Version } from '../model';
import { getSegmenter, type Segmenter } from '../segment';
import type { AlignedPair } from './align';
import { alignArticles, prepareArticles, type ArticleData, type FeatureContext } from './articles';
import { hasSubstantiveChange, replaceAll } from './diff';
import { alignParagraphs, describeSpans, diffParagraphs, displayOrder, joinEntries, paragraphDataText, round, type Entry } from './inner';
import { bestParagraphMatches, findParagraphMoves, linkMovedFragments, PARAGRAPH_MOVE, RELATED, type FragmentSite, type ParagraphLoc, type ParagraphMove } from './moves';
import { makeWeights, similarity, TermTable, TokenCache, type Weights } from './text';
import { RELATIONS, type ArticleInfo, type CompareOptions, type Comparison, type DiffSpan, type Pair, type ParagraphRef, type Relation, type UnitAlignment } from './types';

export * from './types';
export { diffTexts } from './diff';
export { traceArticle, type HistoryStep } from './history';
export { articleText } from './text';

/** Share of an unpaired article's words that must reappear in 款 elsewhere to call it split/merged. */
const MOVED_COVERAGE = 0.5;
/** A 款 resembling another this much marks where an article's text continues (see preferLeadingPartner). */
const RIVAL_MATCH = 0.35;

export function compareVersions(left: Version, right: Version, opts: CompareOptions & { segmenter?: Segmenter } = {}): Comparison {
  const started = performance.now();
  const withDiff = opts.diff !== false;
  const tokens = new TokenCache(opts.segmenter ?? getSegmenter());
  const ctx: FeatureContext = { words: new TermTable<string>() };
  const L = prepareArticles(left.articles, tokens, ctx);
  const R = prepareArticles(right.articles, tokens, ctx);
  const weights = makeWeights(ctx.words, [...L, ...R].map((a) => a.ids));
  ctx.weights = weights;

  // 2. Articles; then 3. the 款 inside each pair (which also decides between rival partners).
  const { pairs: aligned, candidates } = alignArticles(L, R, weights);
  let primary = aligned;
  const innerOf = new Map<AlignedPair, AlignedPair[]>();
  for (const p of primary) innerOf.set(p, alignParagraphs(L[p.i]!, R[p.j]!));
  primary = preferLeadingPartner(primary, innerOf, L, R, weights);

  // 4. 款 left over in one place and found in another: moved 款.
  const leftPartner = new Map<number, AlignedPair>();
  const rightPartner = new Map<number, AlignedPair>();
  for (const p of primary) {
    leftPartner.set(p.i, p);
    rightPartner.set(p.j, p);
  }
  const leftovers = { left: [] as ParagraphLoc[], right: [] as ParagraphLoc[] };
  L.forEach((a, art) => {
    const p = leftPartner.get(art);
    const kept = new Set(p ? innerOf.get(p)!.map((x) => x.i) : []);
    a.paragraphs.forEach((_, para) => kept.has(para) || leftovers.left.push({ art, para }));
  });
  R.forEach((a, art) => {
    const p = rightPartner.get(art);
    const kept = new Set(p ? innerOf.get(p)!.map((x) => x.j) : []);
    a.paragraphs.forEach((_, para) => kept.has(para) || leftovers.right.push({ art, para }));
  });
  const moves = findParagraphMoves(L, R, leftovers, (i, j) => leftPartner.get(i)?.j === j, weights);
  const moveFrom = new Map<string, ParagraphMove>();
  const moveTo = new Map<string, ParagraphMove>();
  for (const m of moves) {
    moveFrom.set(`${m.from.art}:${m.from.para}`, m);
    moveTo.set(`${m.to.art}:${m.to.para}`, m);
  }
  const refOf = (side: ArticleData[], loc: ParagraphLoc): ParagraphRef => paragraphRef(side[loc.art]!.article, loc.para);

  // 5. The rows (款) of each pair with their redlines, then the pairs: paired, unpaired left, unpaired right.
  interface Row {
    entry: Entry;
    unit: UnitAlignment;
    /** Rows whose deleted/inserted text may be part of a moved sentence (not already a moved 款). */
    leftSite?: ParagraphRef;
    rightSite?: ParagraphRef;
  }
  interface Draft {
    pair: Omit<Pair, 'diff' | 'paragraphs' | 'changed' | 'formalOnly'>;
    rows: Row[];
    /** Sort key in the 对照稿's reading order. */
    major: number;
    minor: number;
    tie: number;
  }
  const drafts: Draft[] = [];
  const inOrderAnchors = primary.filter((p) => p.inOrder).sort((a, b) => a.i - b.i);
  const afterLeft = (i: number) => {
    let major = -0.5;
    for (const a of inOrderAnchors) if (a.i < i) major = a.j + 0.5;
    return major;
  };

  const alignedRow = (a: ArticleData, b: ArticleData, pi: number, pj: number, score: number, inOrder: boolean, extra: Partial<UnitAlignment>): Row => {
    const pa = a.paragraphs[pi]!;
    const pb = b.paragraphs[pj]!;
    const { spans, items } = diffParagraphs(pa, pb, tokens, withDiff);
    const leftText = paragraphDataText(pa);
    const rightText = paragraphDataText(pb);
    const described = describeSpans(spans);
    const changed = described.changed;
    // 项 added, deleted or reordered is never a formal change, even if every wording is kept.
    const formal = described.formal && !(items ?? []).some((x) => x.relation === 'moved' || x.relation === 'added' || x.relation === 'deleted');
    const relation: UnitAlignment['relation'] = !inOrder || extra.movedFrom || extra.movedTo ? 'moved' : changed ? 'modified' : 'unchanged';
    const unit: UnitAlignment = { left: pi + 1, right: pj + 1, relation, similarity: round(score), ...extra, ...(formal ? { formal: true as const } : {}), ...(items ? { items } : {}), diff: spans };
    return { entry: { i: pi, j: pj, inOrder, leftText, rightText, spans }, unit };
  };
  const leftOnlyRow = (a: ArticleData, art: number, pi: number): Row => {
    const text = paragraphDataText(a.paragraphs[pi]!);
    const m = moveFrom.get(`${art}:${pi}`);
    const spans: DiffSpan[] = replaceAll(text, '');
    if (m) for (const s of spans) s.movedTo = refOf(R, m.to);
    const unit: UnitAlignment = m
      ? { left: pi + 1, right: null, relation: 'moved', similarity: round(m.score), movedTo: refOf(R, m.to), diff: spans }
      : { left: pi + 1, right: null, relation: 'deleted', similarity: 0, diff: spans };
    return { entry: { i: pi, j: null, inOrder: true, leftText: text, rightText: '', spans }, unit, ...(m ? {} : { leftSite: paragraphRef(a.article, pi) }) };
  };
  const rightOnlyRow = (b: ArticleData, art: number, pj: number): Row => {
    const text = paragraphDataText(b.paragraphs[pj]!);
    const m = moveTo.get(`${art}:${pj}`);
    const spans: DiffSpan[] = replaceAll('', text);
    if (m) for (const s of spans) s.movedFrom = refOf(L, m.from);
    const unit: UnitAlignment = m
      ? { left: null, right: pj + 1, relation: 'moved', similarity: round(m.score), movedFrom: refOf(L, m.from), diff: spans }
      : { left: null, right: pj + 1, relation: 'added', similarity: 0, diff: spans };
    return { entry: { i: null, j: pj, inOrder: true, leftText: '', rightText: text, spans }, unit, ...(m ? {} : { rightSite: paragraphRef(b.article, pj) }) };
  };

  // Paired articles.
  for (const p of primary) {
    const a = L[p.i]!;
    const b = R[p.j]!;
    const rows: Row[] = [];
    const inner = innerOf.get(p)!;
    const seenL = new Set(inner.map((x) => x.i));
    const seenR = new Set(inner.map((x) => x.j));
    for (const x of inner) {
      const row = alignedRow(a, b, x.i, x.j, x.score, x.inOrder, {});
      // Only 款 with deleted / inserted text can hold a moved sentence.
      if (row.entry.spans.some((sp) => sp.op === 'delete')) row.leftSite = paragraphRef(a.article, x.i);
      if (row.entry.spans.some((sp) => sp.op === 'insert')) row.rightSite = paragraphRef(b.article, x.j);
      rows.push(row);
    }
    a.paragraphs.forEach((_, pi) => seenL.has(pi) || rows.push(leftOnlyRow(a, p.i, pi)));
    b.paragraphs.forEach((_, pj) => seenR.has(pj) || rows.push(rightOnlyRow(b, p.j, pj)));
    drafts.push({
      pair: {
        left: [a.article.number],
        right: [b.article.number],
        relation: p.inOrder ? 'modified' : 'moved', // refined below from the rows
        renumbered: a.article.number !== b.article.number || a.article.sub !== b.article.sub,
        similarity: round(p.score),
        leftArticles: [info(a.article)],
        rightArticles: [info(b.article)],
        headingChanged: (a.article.heading ?? '') !== (b.article.heading ?? ''),
      },
      rows: orderRows(rows),
      major: p.j,
      minor: 1,
      tie: p.i,
    });
  }

  // Unpaired left articles: deleted, or split / merged when their 款 reappear elsewhere.
  const coveredRight = new Set<number>();
  L.forEach((a, art) => {
    if (leftPartner.has(art)) return;
    const rows: Row[] = [];
    const targets: number[] = [];
    let movedWeight = 0;
    let scoreSum = 0;
    a.paragraphs.forEach((para, pi) => {
      const m = moveFrom.get(`${art}:${pi}`);
      if (!m) {
        rows.push(leftOnlyRow(a, art, pi));
        return;
      }
      const b = R[m.to.art]!;
      const row = alignedRow(a, b, pi, m.to.para, m.score, true, { leftArticle: a.article.number, rightArticle: b.article.number, movedTo: refOf(R, m.to) });
      rows.push(row);
      if (!targets.includes(m.to.art)) targets.push(m.to.art);
      movedWeight += para.profile!.uni.weight;
      scoreSum += m.score * para.profile!.uni.weight;
    });
    const coverage = a.profile!.uni.weight > 0 ? movedWeight / a.profile!.uni.weight : 0;
    const moved = targets.length > 0 && coverage >= MOVED_COVERAGE;
    const relation: Relation = moved ? (targets.length > 1 ? 'split' : 'merged') : 'deleted';
    if (moved) for (const t of targets) if (!rightPartner.has(t)) coveredRight.add(t);
    const right = moved ? targets.slice().sort((x, y) => x - y) : [];
    drafts.push({
      pair: {
        left: [a.article.number],
        right: right.map((t) => R[t]!.article.number),
        relation,
        renumbered: moved && right.some((t) => R[t]!.article.number !== a.article.number),
        similarity: moved ? round((scoreSum / movedWeight) * Math.min(1, coverage)) : 0,
        leftArticles: [info(a.article)],
        rightArticles: right.map((t) => info(R[t]!.article)),
        headingChanged: false,
      },
      rows,
      major: afterLeft(art),
      minor: 0,
      tie: art,
    });
  });

  // Unpaired right articles: added, or made of 款 from elsewhere.
  R.forEach((b, art) => {
    if (rightPartner.has(art) || coveredRight.has(art)) return;
    const rows: Row[] = [];
    const sources: number[] = [];
    let movedWeight = 0;
    let scoreSum = 0;
    b.paragraphs.forEach((para, pj) => {
      const m = moveTo.get(`${art}:${pj}`);
      if (!m) {
        rows.push(rightOnlyRow(b, art, pj));
        return;
      }
      const a = L[m.from.art]!;
      rows.push(alignedRow(a, b, m.from.para, pj, m.score, true, { leftArticle: a.article.number, rightArticle: b.article.number, movedFrom: refOf(L, m.from) }));
      if (!sources.includes(m.from.art)) sources.push(m.from.art);
      movedWeight += para.profile!.uni.weight;
      scoreSum += m.score * para.profile!.uni.weight;
    });
    const coverage = b.profile!.uni.weight > 0 ? movedWeight / b.profile!.uni.weight : 0;
    const moved = sources.length > 0 && coverage >= MOVED_COVERAGE;
    const relation: Relation = moved ? (sources.length > 1 ? 'merged' : 'split') : 'added';
    const leftArts = moved ? sources.slice().sort((x, y) => x - y) : [];
    drafts.push({
      pair: {
        left: leftArts.map((s) => L[s]!.article.number),
        right: [b.article.number],
        relation,
        renumbered: moved && leftArts.some((s) => L[s]!.article.number !== b.article.number),
        similarity: moved ? round((scoreSum / movedWeight) * Math.min(1, coverage)) : 0,
        leftArticles: leftArts.map((s) => info(L[s]!.article)),
        rightArticles: [info(b.article)],
        headingChanged: false,
      },
      rows,
      major: art,
      minor: 1,
      tie: -1,
    });
  });

  // Sentences that moved (parts of 款), linked across the whole comparison.
  let movedFragments = 0;
  if (withDiff) {
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
      side.map((a) => a.paragraphs.map((p) => p.units.map((u) => tokens.tokens(u.text).map((t) => tokens.key(t)).join('')).join('')).join(''));
    movedFragments = linkMovedFragments(deleteSites, insertSites, tokens, keys(L), keys(R), weights);
  }

  // "Related" hints for deleted and added articles: the closest 款 on the other side, when fairly close.
  addRelatedHints(drafts, L, R, weights, candidates);

  drafts.sort((x, y) => x.major - y.major || x.minor - y.minor || x.tie - y.tie);
  const pairs: Pair[] = drafts.map((d) => finishPair(d.pair, d.rows));
  const summary = Object.fromEntries(RELATIONS.map((r) => [r, 0])) as Record<Relation, number>;
  for (const p of pairs) summary[p.relation]++;
  return {
    pairs,
    summary,
    stats: {
      leftArticles: L.length,
      rightArticles: R.length,
      renumbered: pairs.filter((p) => p.renumbered).length,
      formalOnly: pairs.filter((p) => p.formalOnly).length,
      movedParagraphs: moves.length,
      movedFragments,
      ms: Math.round(performance.now() - started),
    },
  };

  function orderRows(rows: Row[]): Row[] {
    const order = displayOrder(rows.map((r) => r.entry));
    return order.map((e) => rows.find((r) => r.entry === e)!);
  }

  function finishPair(base: Draft['pair'], rows: Row[]): Pair {
    for (const r of rows) r.unit.diff = r.entry.spans;
    const paragraphs = rows.map((r) => r.unit);
    const diff = joinEntries(rows.map((r) => r.entry));
    const changed = paragraphs.some((u) => u.relation !== 'unchanged') || (base.left.length > 0) !== (base.right.length > 0);
    // Substantive: some text changed beyond punctuation, width and numbering, or a 款 moved or came/went.
    const substantive =
      hasSubstantiveChange(diff) || paragraphs.some((u) => u.relation === 'moved' || u.relation === 'added' || u.relation === 'deleted' || (u.relation === 'modified' && !u.formal));
    let relation = base.relation;
    if (relation === 'modified' && !changed) relation = 'unchanged';
    return { ...base, relation, diff, changed, formalOnly: changed && !substantive, paragraphs };
  }
}

function info(a: Article): ArticleInfo {
  return { number: a.number, ...(a.sub ? { sub: a.sub } : {}), label: a.label, heading: a.heading, notes: a.notes, paragraphs: a.paragraphs.length };
}

export function paragraphRef(a: Article, para: number): ParagraphRef {
  return { article: a.number, ...(a.sub ? { sub: a.sub } : {}), label: cite(addressOf(a, para + 1), a.label), paragraph: para + 1 };
}

/**
 * When two left articles compete for one right article — one paired with it, the other unpaired but
 * with a 款 that moved into it — the article continuing at the right article's beginning is its partner
 * (the 对照稿's convention: 草案第二十七条 stays 二审第二十七条 although 草案第二十八条 was folded into
 * its third 款). Symmetric for two right articles competing for one left one.
 */
function preferLeadingPartner(
  primary: AlignedPair[],
  innerOf: Map<AlignedPair, AlignedPair[]>,
  L: ArticleData[],
  R: ArticleData[],
  weights: Weights,
): AlignedPair[] {
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

/**
 * "Related" hints for deleted and added articles: the closest 款 on the other side, when fairly close,
 * among the articles that were candidates for the article (all of them in small comparisons).
 */
function addRelatedHints(
  drafts: Array<{ pair: Omit<Pair, 'diff' | 'paragraphs' | 'changed' | 'formalOnly'> }>,
  L: ArticleData[],
  R: ArticleData[],
  weights: Weights,
  candidates: Array<[number, number]> | undefined,
): void {
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
      const near = candidates
        ? candidates.filter(([i, j]) => (deleted ? i : j) === k).map(([i, j]) => (deleted ? j : i))
        : other.map((_, n) => n);
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
