/**
 * A word-level diff of two articles of different documents, for reading them side by side: which
 * wording one jurisdiction took over from the other. jsdiff's diffArrays on jieba words (precise mode),
 * so changes are whole words, never single characters of a word.
 */
import { diffArrays } from 'diff';
import type { Segmenter } from '../segment';

/** Same shape as the compare engine's spans: equal+delete = left text, equal+insert = right text. */
export interface TokenDiffSpan {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Articles of different laws differ a lot; past this many edits the diff is not worth computing. */
const MAX_EDIT_TOKENS = 2000;

export function tokenDiff(left: string, right: string, segmenter: Segmenter): TokenDiffSpan[] {
  if (left === right) return left ? [{ op: 'equal', text: left }] : [];
  const changes = diffArrays(segmenter.cut(left), segmenter.cut(right), { maxEditLength: MAX_EDIT_TOKENS });
  const raw: TokenDiffSpan[] = changes
    ? changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value.join('') }))
    : [
        { op: 'delete', text: left },
        { op: 'insert', text: right },
      ];
  // Within each run of changes: one deletion, then one insertion; adjacent equal runs joined.
  const out: TokenDiffSpan[] = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del) out.push({ op: 'delete', text: del });
    if (ins) out.push({ op: 'insert', text: ins });
    del = ins = '';
  };
  for (const s of raw) {
    if (!s.text) continue;
    if (s.op === 'delete') del += s.text;
    else if (s.op === 'insert') ins += s.text;
    else {
      flush();
      const last = out[out.length - 1];
      if (last?.op === 'equal') last.text += s.text;
      else out.push({ ...s });
    }
  }
  flush();
  return out;
}
