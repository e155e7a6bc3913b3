/**
 * The document tree. Plain, serialisable data: every function over it is pure.
 *
 * Chinese legislation nests 编 (part) → 章 (chapter) → 节 (section) → 条 (article). Inside an article,
 * each paragraph of text is a 款 (Paragraph); a 款 may introduce numbered 项 (Item, "（一）…") and a 项
 * numbered 目 (sub-item, "1.…"). 款 are not numbered in the text: they are counted ("第二款" is the second
 * paragraph), which is why a parser that splits or merges paragraphs wrongly changes legal references.
 */

export interface Warning {
  /** 1-based line in the source text. */
  line: number;
  /** Stable code from the message catalogue (model/messages.ts), e.g. "parse.duplicate_article". */
  code: string;
  /** The sentence for a person, in Chinese. */
  message: string;
  /** "warning" for things a reader should check, "info" for repairs the parser made (e.g. a joined line). */
  level?: 'warning' | 'info';
}

export interface SubItem {
  /** "1." as written (normalised to half-width digits and "."). */
  label: string;
  number: number;
  text: string;
}

export interface Item {
  /**
   * "（一）", always with full-width parentheses — or "1." where a 款 numbers its 项 the Arabic way with no
   * （一） above them, or "" where the source lost the label and the parser read the 项 by its place
   * (warned as parse.item_label_missing; `number` is then its place in the list).
   */
  label: string;
  number: number;
  text: string;
  /** 目 under this 项, if any. */
  items?: SubItem[];
}

export interface Paragraph {
  /** The 款's own text; for a 款 that introduces 项 this is the lead-in ("…采取下列措施："). */
  text: string;
  items: Item[];
}

export interface Article {
  /** 第X条 → X. For 第X条之一 the number is X and `sub` is 1. */
  number: number;
  sub?: number;
  /** As it is cited: "第三条", "第十条之一", or "（十一）" for the numbered items of a policy opinion. */
  label: string;
  /** 【heading】 without brackets (or an opinion item's title phrase), null where the text has none. */
  heading: string | null;
  chapter: number | null;
  section: number | null;
  part?: number | null;
  /** 分编 (民法典: 第三编 合同 → 第二分编 典型合同) the article stands in, if any; see Subpart. */
  subpart?: number | null;
  /**
   * The chapter's `id` (its place in the tree): chapter numbers restart in each 编, so `chapter` alone does
   * not say which chapter an article stands in; null outside chapters.
   */
  chapterId?: string | null;
  paragraphs: Paragraph[];
  /** Editorial notes of a 修改对照稿, e.g. "移至第二十一条第一款"; never part of the article text. */
  notes: string[];
  /** Stable id from the numbering, e.g. "art_15" or "art_10_1" (之一). */
  id: string;
  /** Source line of the article's first line. */
  line: number;
}

export interface Section {
  number: number;
  chapter: number | null;
  /** Id of the chapter the section stands in (see Chapter.id). */
  chapterId?: string | null;
  label: string;
  title: string;
  line: number;
}

export interface Chapter {
  /**
   * Unique in its version, from its place in the tree: "chp_2", "part_2__chp_1" (第二编第一章). Chapter
   * numbers restart in each 编 of a code, so the number alone is not an identity.
   */
  id: string;
  number: number;
  /** "第一章" (or "一、" for an opinion's sections). */
  label: string;
  title: string;
  /** Text between the chapter heading and its first article. */
  intro: string[];
  part?: number | null;
  /** 分编 the chapter stands in, if any (its number within the 编; see Subpart). */
  subpart?: number | null;
  /** True where the heading was missing in the text and the parser supplied it. */
  implicit?: boolean;
  line: number;
}

export interface Part {
  number: number;
  label: string;
  title: string;
  line: number;
}

/**
 * 分编: a level between 编 and 章 (民法典 第三编 合同 → 第一分编 通则, 第二分编 典型合同…). Numbered within its 编;
 * chapter numbers run on across the 分编 of one 编, so a chapter's id names the 编 and the 分编
 * ("part_3__sub_2__chp_9").
 */
export interface Subpart {
  /** Unique in its version, from its place: "part_3__sub_2". */
  id: string;
  number: number;
  /** "第二分编". */
  label: string;
  title: string;
  /** The 编 it belongs to (null if the text has no 编 heading before it). */
  part: number | null;
  line: number;
}

/**
 * An annex (附件, 附表, 附录, 附：…) after the last article: part of the version, never text of an article.
 * Kept simple for reading and searching: the heading as written and the text lines after it, one string per
 * non-blank source line (a control list, a table flattened to text, a model form…).
 */
export interface Annex {
  /** Unique in its version, in order: "annex_1", "annex_2"… */
  id: string;
  /** The heading line as written: "附件一", "附件二：…", "附：…", "附则" when it follows the last article. */
  title: string;
  /** The annex's text, one entry per non-blank source line, as written (trimmed). */
  lines: string[];
  /** Source line of the heading. */
  line: number;
}

export interface Version {
  /** e.g. "修订草案"; null for a single-version document. */
  label: string | null;
  parts: Part[];
  /** 分编, where the text has them (only 民法典 among national laws); absent otherwise. */
  subparts?: Subpart[];
  chapters: Chapter[];
  sections: Section[];
  articles: Article[];
  /** Annexes after the last article, in source order; absent when there are none. */
  annexes?: Annex[];
}

/** One row of a 修改对照稿's table: the articles the editor put side by side. [] = empty cell. */
export interface TableRow {
  left: number[];
  right: number[];
  line: number;
}

export type DocumentKind = 'regulation' | 'opinion' | 'comparison';

/**
 * A run of formatting in an imported source (a Word or HTML 对照稿), kept because it carries meaning there:
 * the header of a 修改对照稿 says e.g. "阴影部分为删去或者移动，黑体部分为增加" — shaded text was deleted or
 * moved, bold (黑体) text was added; other drafts mark deletions with strikethrough and additions with
 * underline. Offsets are JavaScript string indices into `line` of the extracted text.
 */
export interface TextMark {
  /** 1-based line of the extracted text (the same numbering as Warning.line and Article.line). */
  line: number;
  start: number;
  end: number;
  kind: 'bold' | 'underline' | 'strike' | 'shade';
}

export interface LegalDocument {
  id: string;
  title: string;
  kind: DocumentKind;
  /** Title lines, adoption notes, 附件 markers, a wrapping 通知: everything before the body. Never dropped. */
  preamble: string[];
  versions: Version[];
  /** Lines after the body that belong to no article (e.g. a 对照稿's "（制作时间：…）"). */
  trailer: string[];
  /** The 修改对照稿's own row pairing, when the document is one. */
  table?: { rows: TableRow[] };
  warnings: Warning[];
  /** Formatting runs of an imported .docx/.html (see TextMark); absent for plain text. */
  marks?: TextMark[];
}
