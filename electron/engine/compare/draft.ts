/**
 * The records the stages of a comparison pass along (stages.ts, rows.ts): the sides, a pair's rows
 * before its redline is joined, and the references and article summaries a pair carries.
 */
import { addressOf, cite, type Article } from '../model';
import type { Entry } from './inner';
import type { ParagraphLoc, ParagraphMove } from './moves';
import type { ArticleInfo, Pair, ParagraphRef, UnitAlignment } from './types';

/** A side of the comparison: the older version (left) or the newer (right). */
export type Side = 'left' | 'right';

export const otherSide = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** A 款 moved between articles, seen from one of its ends. */
export const moveEnd = (m: ParagraphMove, side: Side): ParagraphLoc => (side === 'left' ? m.from : m.to);

/** One 款 row of a pair: its place in the joined redline and its alignment. */
export interface Row {
  entry: Entry;
  unit: UnitAlignment;
  /** Rows whose deleted/inserted text may be part of a moved sentence (not already a moved 款). */
  leftSite?: ParagraphRef;
  rightSite?: ParagraphRef;
}

/** A pair before its redline is joined, with its sort key in the 对照稿's reading order. */
export interface Draft {
  pair: Omit<Pair, 'diff' | 'paragraphs' | 'changed' | 'formalOnly'>;
  rows: Row[];
  major: number;
  minor: number;
  tie: number;
  /** Some row of this pair was not diffed word by word (the budget ran out). */
  diffSkipped?: true;
}

export function paragraphRef(a: Article, para: number): ParagraphRef {
  return { article: a.number, ...(a.sub ? { sub: a.sub } : {}), label: cite(addressOf(a, para + 1), a.label), paragraph: para + 1 };
}

export function info(a: Article): ArticleInfo {
  return { number: a.number, ...(a.sub ? { sub: a.sub } : {}), label: a.label, heading: a.heading, notes: a.notes, paragraphs: a.paragraphs.length };
}
