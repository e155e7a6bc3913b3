/**
 * The shapes a comparison of two versions produces. The fields CONTRACTS.md names (`pairs[].left/right/
 * relation/renumbered/similarity/diff`, `summary`) are kept as they are; the rest is the detail a
 * redline view needs (款 alignment, moves, formal changes, labels and editorial notes).
 */

/**
 * What happened to an article between the versions:
 * - unchanged / modified: the same article, in order, its text identical or not;
 * - moved: the same article, but out of order relative to the others (it changed place);
 * - split: one article whose 款 went to several articles (left [a], right [x, y]), or a new article
 *   made of 款 taken out of one that remains (left [a], right [x]);
 * - merged: an article that went, whole, into another one (left [a], right [x]), or a new article made
 *   of 款 from several (left [a, b], right [x]);
 * - added / deleted: nothing on the other side is similar enough.
 */
export type Relation = 'unchanged' | 'modified' | 'moved' | 'split' | 'merged' | 'added' | 'deleted';

export const RELATIONS: readonly Relation[] = ['unchanged', 'modified', 'moved', 'split', 'merged', 'added', 'deleted'];

/** Where a 款 sits: article number (and 之一 sub-number) and 1-based 款 index. */
export interface ParagraphRef {
  article: number;
  sub?: number;
  /** "第十三条第二款" */
  label: string;
  paragraph: number;
}

/** One run of a redline. Concatenating equal+insert gives the right text, equal+delete the left. */
export interface DiffSpan {
  op: 'equal' | 'insert' | 'delete';
  text: string;
  /** The change is only punctuation, full-/half-width or whitespace (hidden unless asked for). */
  formal?: true;
  /** Only a 项's number changed ("（二）" → "（一）") because 项 before it were added, deleted or reordered. */
  numbering?: true;
  /** This deleted/inserted text reappears elsewhere (a moved sentence or 款): where it went or came from. */
  movedTo?: ParagraphRef;
  movedFrom?: ParagraphRef;
}

export interface ArticleInfo {
  number: number;
  sub?: number;
  /** "第十三条" */
  label: string;
  heading: string | null;
  /** A 修改对照稿's editorial notes on this article (e.g. "移至第二十一条第一款"). */
  notes: string[];
  paragraphs: number;
}

/** How one 款 (or a 项 inside it) of the left article corresponds to one of the right article. */
export interface UnitAlignment {
  /** 1-based 款 index in the left / right article; null when the 款 exists on one side only. */
  left: number | null;
  right: number | null;
  /** For split/merged pairs, which article of the pair the 款 belongs to. */
  leftArticle?: number;
  rightArticle?: number;
  relation: 'unchanged' | 'modified' | 'moved' | 'added' | 'deleted';
  similarity: number;
  /** The 款 came from / went to another article (a cross-article move). */
  movedFrom?: ParagraphRef;
  movedTo?: ParagraphRef;
  /** Only formal differences (punctuation, width, whitespace). */
  formal?: true;
  /** 项 alignment inside the 款 when either side has 项 (label order may change: "对列项的顺序作了调整"). */
  items?: Array<{ left: number | null; right: number | null; relation: UnitAlignment['relation']; similarity: number }>;
  diff: DiffSpan[];
}

export interface Pair {
  left: number[];
  right: number[];
  relation: Relation;
  /** The article's number changed (第十条 → 第十一条). */
  renumbered: boolean;
  similarity: number;
  diff: DiffSpan[];
  leftArticles: ArticleInfo[];
  rightArticles: ArticleInfo[];
  /** Some text differs (formal or substantive). */
  changed: boolean;
  /** Every difference is formal. */
  formalOnly: boolean;
  /** 【heading】 differs (an added heading is common: 二次审议稿 adds them). */
  headingChanged: boolean;
  paragraphs: UnitAlignment[];
  /** Weaker resemblances not taken as moves: a deleted article partly reworded into another 款. */
  related?: Array<ParagraphRef & { side: 'left' | 'right'; similarity: number }>;
  /** The budget ran out before this pair: its 款 are aligned, but changed text is shown whole, not word by word. */
  diffSkipped?: true;
}

export interface Comparison {
  pairs: Pair[];
  summary: Record<Relation, number>;
  stats: {
    leftArticles: number;
    rightArticles: number;
    renumbered: number;
    /** Pairs whose only differences are formal. */
    formalOnly: number;
    /** 款 that moved to another article, and sentences (parts of a 款) that did. */
    movedParagraphs: number;
    movedFragments: number;
    ms: number;
  };
  /**
   * Present when the budget (CompareOptions.budget) stopped the word diffs: `size` before any (too many
   * articles), `time` part way (the pairs marked `diffSkipped` have whole-text redlines). The alignment
   * is complete either way.
   */
  limited?: { reason: 'time' | 'size'; /** Pairs shown without word diffs (marked diffSkipped). */ skipped: number };
}

/** One side of a comparison of two documents or versions named by REF. */
export interface ComparedSide {
  /** The REF as given ("hunan-2020-review@1"). */
  ref: string;
  /** The version's label ("二次审议稿") or, for a single-version document, its title. */
  label: string;
  doc: string;
  version: number;
  title: string;
  versionLabel: string | null;
  articles: number;
}

/** CONTRACTS.md `compare`: the comparison with what each side is. */
export interface DocumentComparison extends Comparison {
  left: ComparedSide;
  right: ComparedSide;
}

export interface CompareOptions {
  /** Leave out the inline diffs (alignment only; faster for large versions). */
  diff?: boolean;
  /**
   * What a comparison may spend on word diffs: past `maxArticles` (both versions together) none are made,
   * past `ms` (from the start) the remaining pairs keep their alignment with whole-text redlines. The
   * result says so in `limited`.
   */
  budget?: { ms?: number; maxArticles?: number };
}
