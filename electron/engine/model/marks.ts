/**
 * How a marked run of a 对照稿 is drawn when formal changes are hidden: a change that is only punctuation,
 * width or whitespace (`formal`), or only a 项's number (`numbering`), is drawn as plain text — the column
 * still reads as its version's own text. One rule for the page, the terminal and the reports.
 * Browser-safe (the page imports it).
 */
export type RunMark = 'none' | 'deleted' | 'moved' | 'added';

export interface MarkVisibility {
  /** Show punctuation, width and whitespace changes. */
  formal: boolean;
  /** Show changes of a 项's number. */
  numbering: boolean;
}

export const SHOW_ALL: MarkVisibility = { formal: true, numbering: true };
export const HIDE_FORMAL: MarkVisibility = { formal: false, numbering: false };

/** The mark a run is drawn with. */
export function visibleMark(run: { mark: RunMark; formal?: true; numbering?: true }, show: MarkVisibility): RunMark {
  if (run.mark === 'none') return 'none';
  if (run.formal && !show.formal) return 'none';
  if (run.numbering && !show.numbering) return 'none';
  return run.mark;
}
