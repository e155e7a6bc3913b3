/**
 * Inline redline of two texts, the way a legislative 修改对照稿 reads: where a clause was only edited
 * (most of its words survive), the words deleted and inserted (jieba words, jsdiff's diffArrays); where it
 * was rewritten, the old clause struck whole and the new one inserted whole — never character confetti.
 * Deletions come before insertions at each change, and changes that touch only punctuation, width or
 * whitespace are marked `formal`.
 */
import { diffArrays } from 'diff';
import { contentKey, type TokenCache } from './text';
import type { DiffSpan } from './types';

/** Past this edit distance (in tokens) the texts are treated as unrelated: one deletion, one insertion. */
const MAX_EDIT_TOKENS = 1200;
/**
 * A clause is rewritten, and shown whole, when less than this share of its words is kept, counting only
 * the words kept and the words replaced — a change deleting d and inserting i characters replaces
 * min(d, i) on each side; the rest was purely added or dropped around kept words, an edit.
 */
const MOSTLY_KEPT = 0.5;
/** A kept run this short (characters of words) between two changes is folded into them. */
const CONFETTI = 2;

export function diffTexts(left: string, right: string, tokens: TokenCache): DiffSpan[] {
  if (left === right) return left ? [{ op: 'equal', text: left }] : [];
  if (!left) return [{ op: 'insert', text: right }];
  if (!right) return [{ op: 'delete', text: left }];
  const changes = diffArrays(tokens.tokens(left), tokens.tokens(right), { maxEditLength: MAX_EDIT_TOKENS });
  if (!changes) return markFormal(replaceAll(left, right));
  const words = normalise(changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value.join('') })));
  return markFormal(cleanup(wholeRewrittenClauses(words, left, right)));
}

/** Clauses: text up to and including each ，；：。！？ (either width) or line break. */
export function clauses(text: string): string[] {
  return text.match(/[^，；：。！？,;:!?\n]*(?:[，；：。！？,;:!?\n]+|$)/gu)!.filter((c) => c !== '');
}

/** A piece of a span lying in one clause of each side it belongs to. */
interface Piece {
  op: DiffSpan['op'];
  text: string;
  /** Clause index on the left (equal / delete) and on the right (equal / insert); -1 when not on that side. */
  lc: number;
  rc: number;
  /** Characters of words (punctuation aside). */
  n: number;
}

/**
 * The unit of the redline chosen by how much survives: the word diff is cut at the clause boundaries of
 * each side, and where a clause of either side is rewritten, its kept fragments become part of the
 * change, so that the old clause reads struck whole and the new one inserted whole.
 */
function wholeRewrittenClauses(spans: DiffSpan[], left: string, right: string): DiffSpan[] {
  const ends = (text: string) => {
    const out: number[] = [];
    let at = 0;
    for (const c of clauses(text)) out.push((at += c.length));
    return out;
  };
  const leftEnds = ends(left);
  const rightEnds = ends(right);
  const pieces = cutAtClauses(spans, leftEnds, rightEnds);
  const kept = { left: new Float64Array(leftEnds.length), right: new Float64Array(rightEnds.length) };
  const replaced = { left: new Float64Array(leftEnds.length), right: new Float64Array(rightEnds.length) };
  // Change regions (between equal pieces) that both delete and insert words replace them.
  let k = 0;
  while (k < pieces.length) {
    const p = pieces[k]!;
    if (p.op === 'equal') {
      kept.left[p.lc]! += p.n;
      kept.right[p.rc]! += p.n;
      k++;
      continue;
    }
    let end = k;
    let del = 0;
    let ins = 0;
    for (; end < pieces.length && pieces[end]!.op !== 'equal'; end++) {
      if (pieces[end]!.op === 'delete') del += pieces[end]!.n;
      else ins += pieces[end]!.n;
    }
    const swapped = Math.min(del, ins);
    if (swapped > 0) {
      for (let x = k; x < end; x++) {
        const q = pieces[x]!;
        if (q.op === 'delete') replaced.left[q.lc]! += (q.n * swapped) / del;
        else replaced.right[q.rc]! += (q.n * swapped) / ins;
      }
    }
    k = end;
  }
  const rewritten = (side: 'left' | 'right', c: number) => replaced[side][c]! > 0 && kept[side][c]! < MOSTLY_KEPT * (kept[side][c]! + replaced[side][c]!);
  const out: DiffSpan[] = [];
  for (const p of pieces) {
    if (p.op === 'equal' && p.n > 0 && (rewritten('left', p.lc) || rewritten('right', p.rc))) {
      out.push({ op: 'delete', text: p.text }, { op: 'insert', text: p.text });
    } else out.push({ op: p.op, text: p.text });
  }
  return normalise(out);
}

/** Cuts spans at the clause ends of each side they belong to. */
function cutAtClauses(spans: DiffSpan[], leftEnds: number[], rightEnds: number[]): Piece[] {
  const out: Piece[] = [];
  let lp = 0;
  let rp = 0;
  let lc = 0;
  let rc = 0;
  for (const s of spans) {
    let text = s.text;
    while (text) {
      const onLeft = s.op !== 'insert';
      const onRight = s.op !== 'delete';
      while (onLeft && lc < leftEnds.length - 1 && leftEnds[lc]! <= lp) lc++;
      while (onRight && rc < rightEnds.length - 1 && rightEnds[rc]! <= rp) rc++;
      let take = text.length;
      if (onLeft) take = Math.min(take, leftEnds[lc]! - lp);
      if (onRight) take = Math.min(take, rightEnds[rc]! - rp);
      take = Math.max(1, take);
      const piece = text.slice(0, take);
      out.push({ op: s.op, text: piece, lc: onLeft ? lc : -1, rc: onRight ? rc : -1, n: contentKey(piece).length });
      if (onLeft) lp += take;
      if (onRight) rp += take;
      text = text.slice(take);
    }
  }
  return out;
}

/** Deleted-then-inserted text of a diff as one deletion and one insertion (and nothing equal). */
export function replaceAll(left: string, right: string): DiffSpan[] {
  const out: DiffSpan[] = [];
  if (left) out.push({ op: 'delete', text: left });
  if (right) out.push({ op: 'insert', text: right });
  return out;
}

/**
 * Readability: a word or two kept between two changes ("的", "教育", a lone "，") is folded into them, so
 * that a rewritten phrase reads as one deletion and one insertion; adjacent runs of one kind are joined;
 * deletions come before insertions within a change.
 */
function cleanup(input: DiffSpan[]): DiffSpan[] {
  let spans = normalise(input);
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = 1; k + 1 < spans.length; k++) {
      const s = spans[k]!;
      if (s.op !== 'equal') continue;
      const before = spans[k - 1]!;
      const after = spans[k + 1]!;
      if (before.op === 'equal' || after.op === 'equal') continue;
      const key = contentKey(s.text);
      // Only tiny equalities inside a change region: a shared "的" between two rewritten phrases.
      if (key.length <= CONFETTI && !s.text.includes('\n')) {
        spans = normalise([...spans.slice(0, k), { op: 'delete', text: s.text }, { op: 'insert', text: s.text }, ...spans.slice(k + 1)]);
        changed = true;
        break;
      }
    }
  }
  return spans;
}

/** Joins runs: within each maximal change region, one deletion then one insertion. */
function normalise(spans: DiffSpan[]): DiffSpan[] {
  const out: DiffSpan[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = '';
    ins = '';
  };
  for (const s of spans) {
    if (!s.text) continue;
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.text += s.text;
      else out.push({ op: 'equal', text: s.text });
    }
  }
  flush();
  return out;
}

/**
 * A change region (a deletion and/or insertion between two equal runs) is formal when what it deletes
 * and what it inserts are the same once punctuation, symbols, width and whitespace are set aside:
 * "，" ⇄ ",", "行业协会商会" → "行业协会、商会".
 */
export function markFormal(spans: DiffSpan[]): DiffSpan[] {
  const out = spans.map((s) => ({ ...s }));
  let k = 0;
  while (k < out.length) {
    if (out[k]!.op === 'equal') {
      k++;
      continue;
    }
    let end = k;
    let del = '';
    let ins = '';
    while (end < out.length && out[end]!.op !== 'equal') {
      if (out[end]!.op === 'delete') del += out[end]!.text;
      else ins += out[end]!.text;
      end++;
    }
    if (contentKey(del) === contentKey(ins)) for (let x = k; x < end; x++) out[x]!.formal = true;
    k = end;
  }
  return out;
}

/** True when the spans contain a change that is not formal. */
export function hasSubstantiveChange(spans: DiffSpan[]): boolean {
  return spans.some((s) => s.op !== 'equal' && !s.formal && !s.numbering);
}

export function hasChange(spans: DiffSpan[]): boolean {
  return spans.some((s) => s.op !== 'equal');
}
