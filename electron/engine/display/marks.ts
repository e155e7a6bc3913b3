/**
 * Marks character by character, then runs. A side of a pair is shown as its own text; each character
 * carries the attributes of the diff span it came from (deleted on the left, inserted on the right), so
 * that the text can be cut into units as the article writes them, whatever order the comparison read it in.
 */
import type { Article } from '../model';
import type { DiffSpan, ParagraphRef } from '../compare/types';
import type { DisplayRun, Mark } from './types';

/** What one character is marked with. Shared objects: one per diff span. */
export interface Attr {
  mark: Mark;
  added?: true;
  formal?: true;
  numbering?: true;
  movedTo?: ParagraphRef;
  movedFrom?: ParagraphRef;
}

export const PLAIN: Attr = Object.freeze({ mark: 'none' }) as Attr;

const WHOLE: Record<Mark, Attr> = {
  none: PLAIN,
  deleted: Object.freeze({ mark: 'deleted' }) as Attr,
  moved: Object.freeze({ mark: 'moved' }) as Attr,
  added: Object.freeze({ mark: 'added' }) as Attr,
};

/** One unit's text with the attributes of every character and the user notes covering each. */
export interface MarkedText {
  text: string;
  attrs: Attr[];
  notes: number[][];
}

export function plain(text: string, mark: Mark = 'none'): MarkedText {
  return { text, attrs: new Array<Attr>(text.length).fill(WHOLE[mark]), notes: Array.from({ length: text.length }, () => []) };
}

export function withAttrs(text: string, attrs: Attr[]): MarkedText {
  return { text, attrs, notes: Array.from({ length: text.length }, () => []) };
}

/** How many characters carry a mark (the fewer, the more precisely a pair says what changed). */
export function markedCount(m: MarkedText): number {
  let n = 0;
  for (const a of m.attrs) if (a.mark !== 'none' || a.added) n++;
  return n;
}

/**
 * One side of a diff, cut at its newlines into lines (the diff joins 款, and 项 inside a 款, with "\n"):
 * deleted text on the left (moved when it went to another 款), inserted text on the right.
 */
export function sideLines(spans: DiffSpan[], side: 'left' | 'right'): MarkedText[] {
  const keep = side === 'left' ? 'delete' : 'insert';
  let text = '';
  const attrs: Attr[] = [];
  for (const s of spans) {
    if (s.op !== 'equal' && s.op !== keep) continue;
    text += s.text;
    let attr = PLAIN;
    if (s.op !== 'equal') {
      attr = { mark: side === 'left' ? (s.movedTo ? 'moved' : 'deleted') : 'added' };
      if (s.formal) attr.formal = true;
      if (s.numbering) attr.numbering = true;
      if (side === 'left' && s.movedTo) attr.movedTo = s.movedTo;
      if (side === 'right' && s.movedFrom) attr.movedFrom = s.movedFrom;
    }
    for (let i = 0; i < s.text.length; i++) attrs.push(attr);
  }
  const out: MarkedText[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push(withAttrs(text.slice(start, i), attrs.slice(start, i)));
      start = i + 1;
    }
  }
  return out;
}

/** The units of a 款 as the article writes them: lead-in (when not empty), then each 项 (with its 目). */
export function paragraphUnits(p: Article['paragraphs'][number]): Array<{ kind: 'lead' | 'item'; text: string; label: number }> {
  const units: Array<{ kind: 'lead' | 'item'; text: string; label: number }> = [];
  if (p.text !== '') units.push({ kind: 'lead', text: p.text, label: 0 });
  for (const item of p.items) units.push({ kind: 'item', text: item.label + item.text + (item.items ?? []).map((s) => s.label + s.text).join(''), label: item.label.length });
  return units;
}

/**
 * A 项 whose text stayed but whose number changed (the 项 were reordered — "对列项的顺序作了调整" — or
 * some before it were added or deleted) has its label marked as a numbering change, as an article's
 * renumbered label is not marked at all; only a 项 added or deleted whole keeps the label's mark as is.
 */
export function numberingLabel(m: MarkedText, label: number): MarkedText {
  if (label === 0 || m.attrs.length <= label) return m;
  if (m.attrs.slice(0, label).every((a) => a.mark === 'none')) return m;
  if (m.attrs.slice(label).every((a) => a.mark !== 'none')) return m;
  const attrs = m.attrs.slice();
  for (let i = 0; i < label; i++) if (attrs[i]!.mark !== 'none' && !attrs[i]!.numbering) attrs[i] = { ...attrs[i]!, numbering: true };
  return { ...m, attrs };
}

/** Every character marked as moved away (a 款 that went whole to another article), whatever was edited on the way. */
export function movedAway(m: MarkedText, to: ParagraphRef | undefined): MarkedText {
  const attr: Attr = to ? { mark: 'moved', movedTo: to } : WHOLE.moved;
  return { ...m, attrs: new Array<Attr>(m.text.length).fill(attr) };
}

/**
 * A 沿革 column's text, marked against both neighbours: `incoming` (as the right side of the comparison
 * with the previous version: additions) and `outgoing` (as the left side of the comparison with the next:
 * deletions and moves). Both are the same text.
 */
export function combine(incoming: MarkedText | null, outgoing: MarkedText | null): MarkedText | null {
  if (!incoming) return outgoing;
  if (!outgoing) return incoming;
  const attrs = incoming.attrs.map((a, i) => {
    const o = outgoing.attrs[i] ?? PLAIN;
    if (o.mark === 'none') return a;
    if (a.mark !== 'added' || a.formal || a.numbering) return o;
    return { ...o, added: true } as Attr;
  });
  return { ...incoming, attrs };
}

function sameAttr(a: Attr, b: Attr): boolean {
  return (
    a === b ||
    (a.mark === b.mark &&
      a.added === b.added &&
      a.formal === b.formal &&
      a.numbering === b.numbering &&
      a.movedTo?.label === b.movedTo?.label &&
      a.movedFrom?.label === b.movedFrom?.label)
  );
}

function sameNotes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function toRuns(m: MarkedText): DisplayRun[] {
  const runs: DisplayRun[] = [];
  for (let i = 0; i < m.text.length; ) {
    const attr = m.attrs[i]!;
    const notes = m.notes[i]!;
    let j = i + 1;
    while (j < m.text.length && sameAttr(m.attrs[j]!, attr) && sameNotes(m.notes[j]!, notes)) j++;
    const run: DisplayRun = { text: m.text.slice(i, j), mark: attr.mark };
    if (attr.added) run.added = true;
    if (attr.formal) run.formal = true;
    if (attr.numbering) run.numbering = true;
    if (attr.movedTo) run.movedTo = attr.movedTo;
    if (attr.movedFrom) run.movedFrom = attr.movedFrom;
    if (notes.length) run.notes = notes.slice();
    // A note's superscript goes after the last character its quote covers.
    const ends = notes.filter((n) => j === m.text.length || !m.notes[j]!.includes(n));
    if (ends.length) run.noteEnds = ends;
    runs.push(run);
    i = j;
  }
  return runs;
}

/** A redline (both sides inline, in the diff's reading order) cut into lines, as runs. */
export function redlineLines(spans: DiffSpan[]): DisplayRun[][] {
  const lines: DisplayRun[][] = [[]];
  for (const s of spans) {
    const mark: Mark = s.op === 'equal' ? 'none' : s.op === 'insert' ? 'added' : s.movedTo ? 'moved' : 'deleted';
    s.text.split('\n').forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (!text) return;
      const run: DisplayRun = { text, mark };
      if (s.op !== 'equal') {
        if (s.formal) run.formal = true;
        if (s.numbering) run.numbering = true;
        if (s.movedTo) run.movedTo = s.movedTo;
        if (s.movedFrom) run.movedFrom = s.movedFrom;
      }
      lines[lines.length - 1]!.push(run);
    });
  }
  return lines.filter((l, i) => l.length > 0 || i === 0);
}
