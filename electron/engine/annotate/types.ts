/**
 * Annotations (批注): a user's note on an article, a 款 or a quoted span of one version of a document.
 * The file shape is the "Annotations file" of CONTRACTS.md; the fields marked "added" are ours (the
 * contract allows added fields) and are all optional, so a file written by hand with only the contract's
 * fields still loads.
 */

/** The schema version this code reads and writes. */
export const ANNOTATIONS_SCHEMA_VERSION = 1;

export interface AnnotationTarget {
  /** Document id (corpus id, library id or path): the REF without @N. */
  doc: string;
  /** 0-based version of the document. */
  version: number;
  /** 第X条 → X as it was numbered when the note was written (for an opinion's （X） items: X). */
  article: number;
  /** Added: 第X条之一 → 1. */
  sub?: number;
  /** 1-based 款: 2 = 第二款, as cited. Absent for a note on the whole article. */
  paragraph?: number;
  /** The selected span, verbatim; the note re-anchors by it when numbering shifts. */
  quote?: string;
  /** Added: the article as cited when the note was written ("第十三条"), for lists and orphaned notes. */
  label?: string;
  /** Added: the article's 【heading】 when the note was written. */
  heading?: string | null;
  /**
   * Added: the opening words of the 款 (or of the article) the note is on, when no quote was selected,
   * so that notes on a whole article or 款 re-anchor too.
   */
  context?: string;
}

export interface Annotation {
  id: string;
  target: AnnotationTarget;
  body: string;
  tags: string[];
  /** ISO 8601 timestamps. */
  created: string;
  updated: string;
}

export interface AnnotationsFile {
  version: number;
  annotations: Annotation[];
}

/** What a user supplies to create a note (the store fills id and timestamps). */
export interface AnnotationInput {
  target: AnnotationTarget;
  body: string;
  tags?: string[];
}

/** What a user may change on an existing note. The target is fixed: a note moves by re-anchoring. */
export interface AnnotationPatch {
  body?: string;
  tags?: string[];
}

/**
 * Where a note lands in a given version of its document:
 * - `exact`: the numbered article is there and still holds the quote (or context);
 * - `reanchored`: the quote (or context) was found in another article, e.g. after renumbering;
 * - `stale`: the article number exists but the quoted text is gone (the note is shown there, flagged);
 * - `orphaned`: neither the article nor the text can be found.
 */
export type AnchorStatus = 'exact' | 'reanchored' | 'stale' | 'orphaned';

export interface Anchor {
  status: AnchorStatus;
  /** The article the note belongs to now (null when orphaned). */
  article: { number: number; sub?: number; label: string; id: string } | null;
  /** 1-based 款 the note points at now, when it points at one. */
  paragraph?: number;
  /**
   * Where the quote stands in the article's body text (`articleBody`: its 款 joined by newlines, each 项
   * on its own line), as JavaScript string offsets, when it was found.
   */
  range?: { start: number; end: number };
}

export interface ResolvedAnnotation extends Annotation {
  anchor: Anchor;
}
