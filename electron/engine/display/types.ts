/**
 * The 对照稿 as it is drawn: one display model, built once by the engine from a comparison, and drawn by
 * every renderer — the Compare view (React), the terminal (`duizhao compare`), the report (HTML → PDF,
 * .docx) and the 沿革 columns. Renderers lay it out; none of them decides what is marked.
 *
 * The marks follow the convention printed at the head of a real 修改对照稿 ("阴影部分为删去或者移动，
 * 黑体部分为增加"): in the left column, text deleted or moved away is shaded; in the right column, text
 * added is set in bold 黑体. Each column shows its own articles as written (their own 款 and 项 order),
 * so a column's text is always exactly that version's text.
 *
 * Types only (no run-time code): the page imports them.
 */
import type { AnchorStatus } from '../annotate/types';
import type { ParagraphRef, Relation } from '../compare/types';

/** deleted / moved: shaded (阴影); added: bold (黑体); none: plain. */
export type Mark = 'none' | 'deleted' | 'moved' | 'added';

/** A run of text with one mark and one set of attributes. */
export interface DisplayRun {
  text: string;
  mark: Mark;
  /**
   * 沿革 only: a column between two versions is marked against both — `mark` says what becomes of the text
   * in the next version (deleted or moved), `added` that it is new against the previous one (黑体 too).
   */
  added?: true;
  /** The change is only punctuation, full-/half-width or whitespace: drawn plain unless formal changes are shown. */
  formal?: true;
  /** Only a 项's number changed (the 项 were reordered, or some before it added or deleted): drawn plain unless shown. */
  numbering?: true;
  /** Where the text went (left column) or came from (right column), when it moved to another 款. */
  movedTo?: ParagraphRef;
  movedFrom?: ParagraphRef;
  /** Numbers of the user's notes whose quote covers the run (reports only). */
  notes?: number[];
  /** Note numbers whose quote ends with this run (where the superscript goes). */
  noteEnds?: number[];
}

/** A 款's lead-in or one of its 项 (with its 目), as one line of runs. */
export interface DisplayUnit {
  kind: 'lead' | 'item';
  runs: DisplayRun[];
}

export interface DisplayParagraph {
  /** 1-based 款 index in its article. */
  index: number;
  units: DisplayUnit[];
  /** The whole 款 went to another article ("移至第二十一条第一款"), or came from one ("自第十三条第二款移入"). */
  movedTo?: ParagraphRef;
  movedFrom?: ParagraphRef;
}

export interface DisplayArticle {
  number: number;
  sub?: number;
  /** "第十三条" */
  label: string;
  /** 【heading】 with its marks (without the brackets); null where the article has none. */
  heading: DisplayRun[] | null;
  /** The heading as written (links, notes). */
  headingText: string | null;
  /** How many 款 the article has in all (a note may be put on any of them). */
  paragraphCount: number;
  /** Only some of the article's 款 belong to this row (a split or merged article): renderers label them. */
  partial: boolean;
  paragraphs: DisplayParagraph[];
  /** The 对照稿's editorial notes on this article, when this row is the one that carries them. */
  editorialNotes: string[];
}

/** Some 款 of one article of a row: `article` indexes the row's side, `paragraphs` that article's `paragraphs`. */
export interface DisplayPiece {
  article: number;
  paragraphs: number[];
  /** The article's first piece in the row: its label and 【heading】 go here. */
  head: boolean;
  /** The article's last piece in the row: its editorial notes (and the view's 批注) go after it. */
  last: boolean;
  /** Each 款 is labelled with its number ("（第二款）"): the row shows only some of the article's 款, or shows them apart. */
  numbered: boolean;
}

/**
 * One band of a row: what stands opposite what. A row whose articles correspond as wholes has one band
 * holding every article of both sides; a split or merged row has one band per 款, each 款 of the left
 * opposite the 款 it became.
 */
export interface DisplayBand {
  left: DisplayPiece[];
  right: DisplayPiece[];
}

export interface DisplayNote {
  /** Display number, in reading order over the whole comparison (user notes only; editorial notes have none). */
  n?: number;
  kind: 'annotation' | 'editorial';
  side: 'left' | 'right';
  /** Where it is: "修订草案第十三条第二款". */
  where: string;
  text: string;
  quote?: string;
  tags: string[];
  /** How the note found its place (annotations only): see annotate/types.ts. */
  status?: AnchorStatus;
  id?: string;
}

/** "参见" for an article deleted or added: the closest 款 on the other side, each named once, and which side. */
export interface DisplayRelated {
  /** The side the 款 named are in. */
  side: 'left' | 'right';
  /** "参见二次审议稿第二十七条第三款" */
  text: string;
  refs: Array<ParagraphRef & { similarity: number }>;
}

/** One aligned 款 of a row as a redline (deletions and additions inline, in reading order): the terminal's view. */
export interface DisplayChange {
  /** "第十三条第一款", null when the 款 is on the other side only. */
  left: string | null;
  right: string | null;
  relation: 'unchanged' | 'modified' | 'moved' | 'added' | 'deleted';
  relationLabel: string;
  /** Only formal differences. */
  formal: boolean;
  /** "移至第二十一条第一款" / "原第十三条第二款" */
  move: string | null;
  /** 项 put in another order: "（一）→（五）". */
  reordered: string[];
  /** False for a 款 that moved in or out whole and is shown in full where it landed. */
  shown: boolean;
  /** The redline's lines (lead-in and 项). */
  lines: DisplayRun[][];
}

export interface DisplayRow {
  /** "13-16.21": the articles on each side (stable across renderings; the view's address uses it). */
  key: string;
  /** 1-based, in the comparison's order (over the rows kept). */
  index: number;
  relation: Relation;
  relationLabel: string;
  renumbered: boolean;
  /** Some text differs. */
  changed: boolean;
  /** Every difference is formal. */
  formalOnly: boolean;
  /** Both sides have a 【heading】 and they differ (an added heading is marked in the text instead). */
  headingChanged: boolean;
  /** 'paragraphs' when the row is laid out 款 by 款 (a split or merged row), else 'articles'. */
  layout: 'articles' | 'paragraphs';
  left: DisplayArticle[];
  right: DisplayArticle[];
  bands: DisplayBand[];
  /** Editorial notes (always, also inline in the articles) and the user's notes (when given), for a 说明 column. */
  notes: DisplayNote[];
  /** For a deleted (added) article: where the right (left) side has something like it. */
  related: DisplayRelated | null;
  /** The row as a redline, 款 by 款 (only when asked for: the terminal). */
  changes?: DisplayChange[];
}

/** How a side is named where a person reads it. */
export interface DisplaySide {
  ref: string;
  doc: string;
  version: number;
  /** The document's title. */
  title: string;
  /** The column's name beside the other: the version's own (修订草案), its stage (施行文本), its year… */
  name: string;
  /** The full name of the text: 标题（2019年修正）, or the title with the version's label. */
  fullName: string;
  versionLabel: string | null;
  dates: Array<{ label: string; value: string }>;
  articles: number;
}

export interface DisplayComparison {
  left: DisplaySide;
  right: DisplaySide;
  legend: string;
  rows: DisplayRow[];
  /** Rows left out by `changesOnly`. */
  omitted: number;
  summary: Array<{ relation: Relation; label: string; count: number }>;
  stats: { renumbered: number; formalOnly: number; leftArticles: number; rightArticles: number };
  /** User notes that could not be placed on any row (their article is gone). */
  unplaced: DisplayNote[];
  counts: { annotations: number; editorial: number };
  /** The comparison's budget ran out: `skipped` pairs show their changed text whole, not word by word. */
  limited?: { reason: 'time' | 'size'; skipped: number };
}

/** One version's column of an article's history (沿革): its own text, marked against its neighbours. */
export interface HistoryColumn {
  ref: string;
  name: string;
  title: string;
  doc: string;
  version: number;
  /** The version's own text of the article(s), whole: 黑体 = new against the previous column, 阴影 = deleted or moved away in the next. */
  articles: DisplayArticle[];
  /** How the text came from the previous column (null for the first, and where it is in neither). */
  relation: Relation | null;
  relationLabel: string | null;
  renumbered: boolean;
  /** The previous column's articles it came from, when not simply the same numbers ("第十三条第二款、第十四条"). */
  from: string[];
  /** Why the column is empty: not yet (尚无此条) or no longer (已删除). */
  absent: 'before' | 'after' | null;
}
