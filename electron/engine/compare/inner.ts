/**
 * Inside a pair of articles: which 款 corresponds to which (in order, reordered, added, deleted), which
 * 项 to which inside a 款, and the redline of each — joined into one diff for the pair.
 */
import { alignSequences, type AlignedPair, type AlignThresholds } from './align';
import { sameText, type ArticleData, type ParagraphData, type UnitData } from './articles';
import { diffTexts, hasChange, hasSubstantiveChange, replaceAll } from './diff';
import { similarity, type TokenCache } from './text';
import type { DiffSpan, UnitAlignment } from './types';

/** 款 of one article: in-order pairs need little (they sit in the same place), moves need more. */
export const PARAGRAPH_THRESHOLDS: AlignThresholds = { anchor: 0.3, gap: 0.15, gapRelative: 0.85, move: 0.45, maxGapPairs: 400 };
/** 项 of one 款: short texts, same rules. */
const ITEM_THRESHOLDS: AlignThresholds = { anchor: 0.3, gap: 0.15, gapRelative: 0.85, move: 0.4, maxGapPairs: 400 };

export function alignParagraphs(a: ArticleData, b: ArticleData): AlignedPair[] {
  // Same words, same 款 boundaries: nothing to align (the common case, and it needs no profiles).
  if (a.paragraphs.length === b.paragraphs.length && a.paragraphs.every((p, k) => sameText(p, b.paragraphs[k]!))) {
    return a.paragraphs.map((_, k) => ({ i: k, j: k, score: 1, inOrder: true }));
  }
  return alignSequences(
    {
      n: a.paragraphs.length,
      m: b.paragraphs.length,
      score: (i, j) => similarity(a.paragraphs[i]!.profile!, b.paragraphs[j]!.profile!),
    },
    PARAGRAPH_THRESHOLDS,
  );
}

/** One row of a joined redline: a unit present on the left, the right, or both, and its spans. */
export interface Entry {
  i: number | null;
  j: number | null;
  inOrder: boolean;
  leftText: string;
  rightText: string;
  spans: DiffSpan[];
}

/**
 * Reading order of rows, the 对照稿's: the right side's order, each unit that exists only on the left
 * placed just after the left unit before it, deletions before insertions in one gap.
 */
export function displayOrder<T extends { i: number | null; j: number | null; inOrder: boolean }>(entries: T[]): T[] {
  const anchors = entries.filter((e) => e.i !== null && e.j !== null && e.inOrder).sort((x, y) => x.i! - y.i!);
  const keyed = entries.map((e, n) => {
    let major: number;
    let minor: number;
    if (e.j !== null) {
      major = e.j;
      minor = 1;
    } else {
      let before = -0.5;
      for (const a of anchors) if (a.i! < e.i!) before = a.j! + 0.5;
      major = before;
      minor = 0;
    }
    return { e, major, minor, tie: e.i ?? -1, n };
  });
  keyed.sort((x, y) => x.major - y.major || x.minor - y.minor || x.tie - y.tie || x.n - y.n);
  return keyed.map((k) => k.e);
}

/**
 * Joins rows into one diff with "\n" between units, so that equal+delete spans read as the left text and
 * equal+insert spans as the right text: the newline before a unit belongs to the side(s) that already
 * have text.
 */
export function joinEntries(entries: Array<Pick<Entry, 'leftText' | 'rightText' | 'spans'>>): DiffSpan[] {
  const out: DiffSpan[] = [];
  let leftStarted = false;
  let rightStarted = false;
  for (const e of entries) {
    const hasLeft = e.leftText !== '';
    const hasRight = e.rightText !== '';
    if (!hasLeft && !hasRight) continue;
    const sepLeft = hasLeft && leftStarted;
    const sepRight = hasRight && rightStarted;
    if (sepLeft && sepRight) out.push({ op: 'equal', text: '\n' });
    else if (sepLeft) out.push({ op: 'delete', text: '\n' });
    else if (sepRight) out.push({ op: 'insert', text: '\n' });
    out.push(...e.spans);
    leftStarted ||= hasLeft;
    rightStarted ||= hasRight;
  }
  return mergeSpans(out);
}

/** Adjacent spans of the same kind and the same marks become one. */
export function mergeSpans(spans: DiffSpan[]): DiffSpan[] {
  const out: DiffSpan[] = [];
  for (const s of spans) {
    if (!s.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === s.op && last.formal === s.formal && last.numbering === s.numbering && !last.movedFrom && !last.movedTo && !s.movedFrom && !s.movedTo) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

export interface ItemRow {
  left: number | null;
  right: number | null;
  relation: UnitAlignment['relation'];
  similarity: number;
}

/** Redline of two 款, aligning their 项 when they have any. */
export function diffParagraphs(
  a: ParagraphData,
  b: ParagraphData,
  tokens: TokenCache,
  withDiff: boolean,
): { spans: DiffSpan[]; items?: ItemRow[] } {
  if (a.units.length === b.units.length && a.units.every((u, k) => u.text === b.units[k]!.text)) {
    const text = paragraphDataText(a);
    const items = a.units.slice(1).map((_, k): ItemRow => ({ left: k + 1, right: k + 1, relation: 'unchanged', similarity: 1 }));
    return { spans: text ? [{ op: 'equal', text }] : [], ...(items.length ? { items } : {}) };
  }
  if (a.units.length === 1 && b.units.length === 1) {
    const lt = a.units[0]!.text;
    const rt = b.units[0]!.text;
    return { spans: withDiff ? diffTexts(lt, rt, tokens) : quickDiff(lt, rt) };
  }
  // Lead-ins correspond to each other; 项 are aligned like 款 (they get reordered: "对列项的顺序作了调整").
  const la = a.units.slice(1);
  const lb = b.units.slice(1);
  const aligned = alignSequences(
    {
      n: la.length,
      m: lb.length,
      score: (i, j) => similarity(la[i]!.profile!, lb[j]!.profile!),
    },
    ITEM_THRESHOLDS,
  );
  const entries: Entry[] = [];
  const leftLead = a.units[0]!.text;
  const rightLead = b.units[0]!.text;
  const items: ItemRow[] = [];
  const seenLeft = new Set<number>();
  const seenRight = new Set<number>();
  const itemEntries: Entry[] = [];
  for (const p of aligned) {
    seenLeft.add(p.i);
    seenRight.add(p.j);
    const ua = la[p.i]!;
    const ub = lb[p.j]!;
    const lt = ua.text;
    const rt = ub.text;
    const spans = withDiff ? diffItems(ua, ub, tokens) : quickDiff(lt, rt);
    itemEntries.push({ i: p.i, j: p.j, inOrder: p.inOrder, leftText: lt, rightText: rt, spans });
    items.push({ left: p.i + 1, right: p.j + 1, relation: unitRelation(ua.body, ub.body, p.inOrder), similarity: round(p.score) });
  }
  la.forEach((u, i) => {
    if (seenLeft.has(i)) return;
    itemEntries.push({ i, j: null, inOrder: true, leftText: u.text, rightText: '', spans: replaceAll(u.text, '') });
    items.push({ left: i + 1, right: null, relation: 'deleted', similarity: 0 });
  });
  lb.forEach((u, j) => {
    if (seenRight.has(j)) return;
    itemEntries.push({ i: null, j, inOrder: true, leftText: '', rightText: u.text, spans: replaceAll('', u.text) });
    items.push({ left: null, right: j + 1, relation: 'added', similarity: 0 });
  });
  entries.push({
    i: -1,
    j: -1,
    inOrder: true,
    leftText: leftLead,
    rightText: rightLead,
    spans: withDiff ? diffTexts(leftLead, rightLead, tokens) : quickDiff(leftLead, rightLead),
  });
  entries.push(...displayOrder(itemEntries));
  items.sort((x, y) => (x.right ?? x.left ?? 0) - (y.right ?? y.left ?? 0));
  return { spans: joinEntries(entries), items };
}

/** A 项's label is diffed apart from its text: a new number is a consequence, not a change of wording. */
function diffItems(a: UnitData, b: UnitData, tokens: TokenCache): DiffSpan[] {
  if (a.label === b.label) return diffTexts(a.text, b.text, tokens);
  const label: DiffSpan[] = [];
  if (a.label) label.push({ op: 'delete', text: a.label, numbering: true });
  if (b.label) label.push({ op: 'insert', text: b.label, numbering: true });
  return [...label, ...diffTexts(a.body, b.body, tokens)];
}

/** Without word diffs: equal when identical, otherwise replaced (alignment-only comparisons). */
function quickDiff(left: string, right: string): DiffSpan[] {
  return left === right ? (left ? [{ op: 'equal', text: left }] : []) : replaceAll(left, right);
}

/** A 款 as the redline writes it: lead-in (if any) and 项, one per line. */
export function paragraphDataText(p: ParagraphData): string {
  return p.units.filter((u, i) => i > 0 || u.text !== '').map((u) => u.text).join('\n');
}

export function unitRelation(left: string, right: string, inOrder: boolean): UnitAlignment['relation'] {
  if (!inOrder) return 'moved';
  return left === right ? 'unchanged' : 'modified';
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Relation of an aligned 款 from its diff: a formal-only difference is still "modified", marked formal. */
export function describeSpans(spans: DiffSpan[]): { changed: boolean; formal: boolean } {
  const changed = hasChange(spans);
  return { changed, formal: changed && !hasSubstantiveChange(spans) };
}

