/**
 * Inline redline of two texts on jieba words (jsdiff's diffArrays), the way a legislative 对照稿 reads:
 * whole words deleted and inserted, never character confetti, deletions before insertions at each
 * change, and changes that touch only punctuation, width or whitespace marked `formal`.
 */
import { diffArrays } from 'diff';
import { contentKey, type TokenCache } from './text';
import type { DiffSpan } from './types';

/** Past this edit distance (in tokens) the texts are treated as unrelated: one deletion, one insertion. */
const MAX_EDIT_TOKENS = 1200;

export function diffTexts(left: string, right: string, tokens: TokenCache): DiffSpan[] {
  if (left === right) return left ? [{ op: 'equal', text: left }] : [];
  if (!left) return [{ op: 'insert', text: right }];
  if (!right) return [{ op: 'delete', text: left }];

  const a = tokens.tokens(left);
  const b = tokens.tokens(right);
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_TOKENS });
  let spans: DiffSpan[];
  if (!changes) {
    spans = [
      { op: 'delete', text: left },
      { op: 'insert', text: right },
    ];
  } else {
    spans = changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value.join('') }));
  }
  return markFormal(cleanup(spans));
}

/** Deleted-then-inserted text of a diff as one deletion and one insertion (and nothing equal). */
export function replaceAll(left: string, right: string): DiffSpan[] {
  const out: DiffSpan[] = [];
  if (left) out.push({ op: 'delete', text: left });
  if (right) out.push({ op: 'insert', text: right });
  return out;
}

/**
 * Readability: a one-character word or a lone punctuation mark kept between two changes ("的", "，")
 * is folded into them, so that a rewritten phrase reads as one deletion and one insertion; adjacent runs
 * of one kind are joined; deletions come before insertions within a change.
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
      if (key.length <= 1 && s.text.length <= 2) {
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
