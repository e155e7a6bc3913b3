/**
 * Version comparison: which article of the left version became which of the right, what was added,
 * deleted, moved, split or merged, and the redline of each pair — from the two texts alone (a 对照稿's
 * own row pairing is never consulted; it is the test's truth).
 *
 * The comparison is six stages (stages.ts, rows.ts; the records they pass along in draft.ts), each a
 * function of the previous ones' output:
 *   prepare → pair → moves → rows → link → finish.
 */
import type { Version } from '../model';
import type { Segmenter } from '../segment';
import { buildRows } from './rows';
import { findMoves, finish, linkMoved, pairArticles, prepare } from './stages';
import type { CompareOptions, Comparison } from './types';

export * from './types';
export { diffTexts } from './diff';
export { traceArticle, type HistoryStep } from './history';
export { articleText } from './text';
export { paragraphRef } from './draft';
export { unpairedRelation } from './rows';

export function compareVersions(left: Version, right: Version, opts: CompareOptions & { segmenter?: Segmenter } = {}): Comparison {
  const prepared = prepare(left, right, opts, performance.now());
  const pairing = pairArticles(prepared);
  const moves = findMoves(prepared, pairing);
  const drafts = buildRows(prepared, pairing, moves);
  const linked = linkMoved(prepared, pairing, drafts);
  return finish(prepared, drafts, moves, linked);
}
