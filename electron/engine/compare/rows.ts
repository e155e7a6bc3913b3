/**
 * Stage 4 of a comparison: the rows (款) of every pair with their redlines. Paired articles give one
 * draft each; an article left without a partner is looked at 款 by 款, the same way on either side
 * (`unpairedDraft`), and classed by `unpairedRelation` — the decision a reviewer asks about first.
 */
import type { ArticleData } from './articles';
import { replaceAll } from './diff';
import { describeSpans, diffParagraphs, displayOrder, paragraphDataText, round, type Entry } from './inner';
import type { ParagraphMove } from './moves';
import { info, moveEnd, otherSide, paragraphRef, type Draft, type Row, type Side } from './draft';
import type { Moves, Pairing, Prepared } from './stages';
import type { DiffSpan, Relation, UnitAlignment } from './types';

/** Share of an unpaired article's words that must reappear in 款 elsewhere to call it split/merged. */
export const MOVED_COVERAGE = 0.5;

/**
 * Why an article without a partner is 拆分, 合并, 删除 or 新增, from the 款 of it found elsewhere:
 * - fewer than MOVED_COVERAGE of its words (rarity-weighted) reappear in 款 of the other version:
 *   deleted (left) / added (right);
 * - a left article whose 款 went to several right articles: split (拆分);
 * - a left article whose 款 went into one right article: merged (合并) — folded into that article;
 * - a right article made of 款 of several left articles: merged (合并);
 * - a right article made of 款 of one left article: split (拆分) — taken out of an article that remains.
 */
export function unpairedRelation(side: Side, counterparts: number, coverage: number): Relation {
  if (counterparts === 0 || coverage < MOVED_COVERAGE) return side === 'left' ? 'deleted' : 'added';
  if (side === 'left') return counterparts > 1 ? 'split' : 'merged';
  return counterparts > 1 ? 'merged' : 'split';
}

export function buildRows(p: Prepared, pairing: Pairing, moves: Moves): Draft[] {
  const { left: L, right: R, tokens, budget } = p;
  const sides: Record<Side, ArticleData[]> = { left: L, right: R };
  const refOf = (side: Side, m: ParagraphMove) => {
    const loc = moveEnd(m, side);
    return paragraphRef(sides[side][loc.art]!.article, loc.para);
  };
  /** Word diffs for the pair being built (decided once per pair: the budget is checked between pairs). */
  let wordDiffs = budget.wanted;
  let skipped = false;

  const alignedRow = (a: ArticleData, b: ArticleData, pi: number, pj: number, score: number, inOrder: boolean, extra: Partial<UnitAlignment>): Row => {
    const pa = a.paragraphs[pi]!;
    const pb = b.paragraphs[pj]!;
    const { spans, items } = diffParagraphs(pa, pb, tokens, wordDiffs);
    // Only a changed 款 loses something without word diffs.
    if (!wordDiffs && budget.wanted && spans.some((s) => s.op !== 'equal')) skipped = true;
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

  /** A 款 present on one side only: deleted / added, or moved to / from a 款 of another article. */
  const oneSidedRow = (side: Side, a: ArticleData, art: number, k: number): Row => {
    const text = paragraphDataText(a.paragraphs[k]!);
    const m = moves.at(side, art, k);
    const isLeft = side === 'left';
    const spans: DiffSpan[] = isLeft ? replaceAll(text, '') : replaceAll('', text);
    const link = isLeft ? 'movedTo' : 'movedFrom';
    if (m) for (const s of spans) s[link] = refOf(otherSide(side), m);
    const position = { left: isLeft ? k + 1 : null, right: isLeft ? null : k + 1 };
    const unit: UnitAlignment = m
      ? { ...position, relation: 'moved', similarity: round(m.score), [link]: refOf(otherSide(side), m), diff: spans }
      : { ...position, relation: isLeft ? 'deleted' : 'added', similarity: 0, diff: spans };
    const entry: Entry = { i: isLeft ? k : null, j: isLeft ? null : k, inOrder: true, leftText: isLeft ? text : '', rightText: isLeft ? '' : text, spans };
    return { entry, unit, ...(m ? {} : { [isLeft ? 'leftSite' : 'rightSite']: paragraphRef(a.article, k) }) };
  };

  const startPair = () => {
    wordDiffs = budget.wordDiffs();
    skipped = false;
  };
  const drafts: Draft[] = [];
  const push = (d: Omit<Draft, 'diffSkipped'>) => drafts.push(skipped ? { ...d, diffSkipped: true } : d);

  // Paired articles.
  for (const x of pairing.pairs) {
    startPair();
    const a = L[x.i]!;
    const b = R[x.j]!;
    const rows: Row[] = [];
    const inner = pairing.inner.get(x)!;
    const seen = { left: new Set(inner.map((u) => u.i)), right: new Set(inner.map((u) => u.j)) };
    for (const u of inner) {
      const row = alignedRow(a, b, u.i, u.j, u.score, u.inOrder, {});
      // Only 款 with deleted / inserted text can hold a moved sentence.
      if (row.entry.spans.some((sp) => sp.op === 'delete')) row.leftSite = paragraphRef(a.article, u.i);
      if (row.entry.spans.some((sp) => sp.op === 'insert')) row.rightSite = paragraphRef(b.article, u.j);
      rows.push(row);
    }
    a.paragraphs.forEach((_, k) => seen.left.has(k) || rows.push(oneSidedRow('left', a, x.i, k)));
    b.paragraphs.forEach((_, k) => seen.right.has(k) || rows.push(oneSidedRow('right', b, x.j, k)));
    push({
      pair: {
        left: [a.article.number],
        right: [b.article.number],
        relation: x.inOrder ? 'modified' : 'moved', // refined in finish from the rows
        renumbered: a.article.number !== b.article.number || a.article.sub !== b.article.sub,
        similarity: round(x.score),
        leftArticles: [info(a.article)],
        rightArticles: [info(b.article)],
        headingChanged: (a.article.heading ?? '') !== (b.article.heading ?? ''),
      },
      rows: orderRows(rows),
      major: x.j,
      minor: 1,
      tie: x.i,
    });
  }

  // A left article placed after the in-order pair before it, in the right's order.
  const inOrderAnchors = pairing.pairs.filter((x) => x.inOrder).sort((a, b) => a.i - b.i);
  const afterLeft = (i: number) => {
    let major = -0.5;
    for (const a of inOrderAnchors) if (a.i < i) major = a.j + 0.5;
    return major;
  };
  /** Articles of a side already shown with an unpaired article of the other side (its 款 went there). */
  const covered: Record<Side, Set<number>> = { left: new Set(), right: new Set() };

  /** An unpaired article: deleted / added, or split / merged when its 款 reappear elsewhere. */
  const unpairedDraft = (side: Side, own: ArticleData, art: number) => {
    startPair();
    const other = otherSide(side);
    const rows: Row[] = [];
    const counterparts: number[] = [];
    let movedWeight = 0;
    let scoreSum = 0;
    own.paragraphs.forEach((para, k) => {
      const m = moves.at(side, art, k);
      if (!m) {
        rows.push(oneSidedRow(side, own, art, k));
        return;
      }
      const there = moveEnd(m, other);
      const peer = sides[other][there.art]!;
      const [a, b] = side === 'left' ? [own, peer] : [peer, own];
      const link = side === 'left' ? { movedTo: refOf(other, m) } : { movedFrom: refOf(other, m) };
      rows.push(alignedRow(a, b, m.from.para, m.to.para, m.score, true, { leftArticle: a.article.number, rightArticle: b.article.number, ...link }));
      if (!counterparts.includes(there.art)) counterparts.push(there.art);
      movedWeight += para.profile!.uni.weight;
      scoreSum += m.score * para.profile!.uni.weight;
    });
    const coverage = own.profile!.uni.weight > 0 ? movedWeight / own.profile!.uni.weight : 0;
    const relation = unpairedRelation(side, counterparts.length, coverage);
    const moved = relation !== 'deleted' && relation !== 'added';
    const peers = moved ? counterparts.slice().sort((x, y) => x - y) : [];
    if (moved) for (const t of peers) if (!pairing.partner[other].has(t)) covered[other].add(t);
    const peerNumbers = peers.map((t) => sides[other][t]!.article.number);
    const peerInfo = peers.map((t) => info(sides[other][t]!.article));
    push({
      pair: {
        left: side === 'left' ? [own.article.number] : peerNumbers,
        right: side === 'left' ? peerNumbers : [own.article.number],
        relation,
        renumbered: moved && peerNumbers.some((n) => n !== own.article.number),
        similarity: moved ? round((scoreSum / movedWeight) * Math.min(1, coverage)) : 0,
        leftArticles: side === 'left' ? [info(own.article)] : peerInfo,
        rightArticles: side === 'left' ? peerInfo : [info(own.article)],
        headingChanged: false,
      },
      rows,
      // A deleted left article reads after the left article before it; an added one in its own place.
      ...(side === 'left' ? { major: afterLeft(art), minor: 0, tie: art } : { major: art, minor: 1, tie: -1 }),
    });
  };
  for (const side of ['left', 'right'] as const) {
    sides[side].forEach((own, art) => {
      if (pairing.partner[side].has(art) || covered[side].has(art)) return;
      unpairedDraft(side, own, art);
    });
  }
  return drafts;
}

function orderRows(rows: Row[]): Row[] {
  const order = displayOrder(rows.map((r) => r.entry));
  return order.map((e) => rows.find((r) => r.entry === e)!);
}
