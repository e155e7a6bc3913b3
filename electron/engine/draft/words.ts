/**
 * Word-level amendments: what changed between two wordings of one provision, as the phrases a 修改决定
 * quotes — 将“A”修改为“B”, 删去“A”, 在“A”后增加“B” — each quote long enough to be read and to occur once
 * in the old wording, so that the item says exactly one thing. Every result is checked by applying it to
 * the old wording: when it does not give the new wording, there is no word-level form (the caller rewrites
 * the provision whole).
 */
import { diffArrays } from 'diff';
import type { Segmenter } from '../segment';
import type { PhraseEdit } from './types';

/** Punctuation, symbols, white space and width do not make a change of wording. */
const NON_CONTENT = /[\s\p{P}\p{S}\u3000]/gu;
const FULLWIDTH = /[\uff01-\uff5e]/g;

export function content(text: string): string {
  return text.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(NON_CONTENT, '').toLowerCase();
}

/** Changes at most this many characters apart (within a clause) are quoted as one phrase. */
const MERGE_GAP = 4;
/** A quoted phrase is grown to this many Han characters where that does not cross punctuation. */
const READABLE = 4;

const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
const isPunct = (s: string) => s !== '' && content(s) === '';

function occurrences(text: string, part: string): number {
  if (!part) return 0;
  let n = 0;
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
  return n;
}

/** One change region: tokens deleted and inserted between two runs of equal tokens. */
interface Region {
  del: string[];
  ins: string[];
  /** Old tokens before and after the region (the whole rest of the text, nearest first for `before`). */
  before: string[];
  after: string[];
}

export interface PhraseAnalysis {
  /** The phrases, in text order; empty when the only differences are formal. */
  edits: PhraseEdit[];
  /** Some difference is formal only (punctuation, width): folded into the closing sentence. */
  formal: boolean;
  /** Characters of content changed (the longer side of each region), and of the longer wording. */
  changed: number;
  total: number;
  /** The edits applied to the old wording give the new one (up to formal differences). */
  exact: boolean;
}

/** Regions of a token diff; two regions a lone "的" or comma apart read as one phrase. */
function regions(a: string[], b: string[]): Region[] {
  const parts = diffArrays(a, b);
  const blocks: Array<{ eq?: string[]; del: string[]; ins: string[] }> = [];
  for (const p of parts) {
    if (!p.added && !p.removed) blocks.push({ eq: p.value, del: [], ins: [] });
    else {
      let last = blocks[blocks.length - 1];
      if (!last || last.eq) {
        last = { del: [], ins: [] };
        blocks.push(last);
      }
      if (p.removed) last.del.push(...p.value);
      else last.ins.push(...p.value);
    }
  }
  // Two changes a few words apart within one clause read as one phrase (鼓励有条件的地方 → 有条件的县级
  // 以上人民政府可以): fold the words between them in.
  for (let k = 1; k + 1 < blocks.length; k++) {
    const b = blocks[k]!;
    if (!b.eq || blocks[k - 1]!.eq || blocks[k + 1]!.eq) continue;
    const gap = b.eq.join('');
    if (content(gap).length > MERGE_GAP || /[。；：，]/.test(gap)) continue;
    const prev = blocks[k - 1]!;
    const next = blocks[k + 1]!;
    prev.del.push(...b.eq, ...next.del);
    prev.ins.push(...b.eq, ...next.ins);
    blocks.splice(k, 2);
    k--;
  }
  const out: Region[] = [];
  const oldTokens: string[][] = blocks.map((b) => b.eq ?? b.del);
  blocks.forEach((b, k) => {
    if (b.eq) return;
    const before = oldTokens.slice(0, k).flat().reverse();
    const after = oldTokens.slice(k + 1).flat();
    out.push({ del: b.del, ins: b.ins, before, after });
  });
  return out;
}

/**
 * The phrase edit of one region, its quotes grown with neighbouring words until the quoted old words
 * are readable (two Han characters at least, not a lone particle) and occur once in the old wording.
 */
function phrase(r: Region, oldText: string): PhraseEdit | null {
  const del = r.del.join('');
  const ins = r.ins.join('');
  if (!del && !ins) return null;
  if (del && !ins && han(del) >= 1 && occurrences(oldText, del) === 1 && !isPunct(del)) {
    return { kind: 'delete', from: del, to: '' };
  }
  if (!del) {
    // Insertion: anchored on the words before it (or, at the very start, after it).
    const tokens = r.before.length ? r.before : r.after;
    const where = r.before.length ? 'after' : 'before';
    let anchor = '';
    let found = '';
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      anchor = where === 'after' ? t + anchor : anchor + t;
      // The far end of the anchor may drop punctuation; the end at the insertion point stays as it is.
      const trimmed = trimPunct(anchor, where === 'after' ? 'start' : 'end');
      const next = tokens[k + 1];
      const atBoundary = next === undefined || isPunct(next);
      if (han(trimmed) >= 2 && occurrences(oldText, trimmed) === 1 && (han(trimmed) >= 4 || atBoundary)) {
        found = trimmed;
        break;
      }
    }
    anchor = found;
    if (!anchor || occurrences(oldText, anchor) !== 1) return null;
    return { kind: 'insert', from: anchor, to: ins, where };
  }
  // Replacement (or a deletion that needs words around it to be unambiguous): grown with whole words,
  // preferring words over punctuation and the words before (the phrase reads from its start).
  let from = del;
  let to = ins;
  let b = 0;
  let a = 0;
  const canGrow = (t: string | undefined) => t !== undefined && !isPunct(t);
  for (;;) {
    const unique = occurrences(oldText, from) === 1;
    const short = han(from) < READABLE;
    const nextBefore = r.before[b];
    const nextAfter = r.after[a];
    if (unique && han(from) >= 2 && (!short || (!canGrow(nextBefore) && !canGrow(nextAfter)))) break;
    let side: 'before' | 'after' | null = null;
    if (canGrow(nextBefore)) side = 'before';
    else if (canGrow(nextAfter)) side = 'after';
    else if (!unique || han(from) < 2) side = nextBefore !== undefined ? 'before' : nextAfter !== undefined ? 'after' : null;
    if (!side) break;
    if (side === 'before') {
      from = nextBefore + from;
      to = nextBefore + to;
      b++;
    } else {
      from += nextAfter;
      to += nextAfter;
      a++;
    }
  }
  if (occurrences(oldText, from) !== 1) return null;
  if (!to) return { kind: 'delete', from, to: '' };
  return { kind: 'replace', from, to };
}

function trimPunct(s: string, side: 'start' | 'end'): string {
  let out = s;
  if (side === 'start') while (out && isPunct(out[0]!)) out = out.slice(1);
  else while (out && isPunct(out[out.length - 1]!)) out = out.slice(0, -1);
  return out;
}

/** The old wording with the edits made (each quote occurs once, so each edit has one place). */
export function applyPhrases(oldText: string, edits: PhraseEdit[]): string | null {
  let text = oldText;
  for (const e of edits) {
    const at = text.indexOf(e.from);
    if (at < 0) return null;
    if (e.kind === 'insert') {
      text = e.where === 'before' ? text.slice(0, at) + e.to + text.slice(at) : text.slice(0, at + e.from.length) + e.to + text.slice(at + e.from.length);
    } else {
      text = text.slice(0, at) + e.to + text.slice(at + e.from.length);
    }
  }
  return text;
}

/** The word-level amendment from one wording to another (see the file comment). */
export function analysePhrases(oldText: string, newText: string, segmenter: Segmenter): PhraseAnalysis {
  const total = Math.max(content(oldText).length, content(newText).length);
  if (oldText === newText) return { edits: [], formal: false, changed: 0, total, exact: true };
  const rs = regions(segmenter.cut(oldText), segmenter.cut(newText));
  const edits: PhraseEdit[] = [];
  let formal = false;
  let changed = 0;
  let exact = true;
  for (const r of rs) {
    const del = r.del.join('');
    const ins = r.ins.join('');
    if (content(del) === content(ins)) {
      formal = true;
      continue;
    }
    changed += Math.max(content(del).length, content(ins).length);
    const e = phrase(r, oldText);
    if (!e) exact = false;
    else edits.push(e);
  }
  if (exact) {
    const applied = applyPhrases(oldText, edits);
    exact = applied !== null && content(applied) === content(newText);
    if (exact && applied !== newText) formal = true;
  }
  return { edits, formal, changed, total, exact };
}
