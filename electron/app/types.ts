/**
 * What the use-cases answer: plain, serialisable data, free of the code that computes it, so that the
 * API contract can re-export it and the page can read it (types only) without pulling Node code into the
 * browser's type check.
 */
import type { Anchor, Annotation } from '../engine/annotate/types';
import type { DiffSpan, DocumentComparison, Pair, Relation } from '../engine/compare/types';
import type { DisplayComparison, HistoryColumn } from '../engine/display/types';
import type { Article } from '../engine/model/types';
import type { SimilarDocument } from '../engine/align';
import type { AnnotationListing } from '../services/types';

/** One progress event: which stage, a sentence for a person, and, when known, how far (done of total). */
export interface Progress {
  stage: ProgressStage;
  message: string;
  done?: number;
  total?: number;
  /** A bulk import: the file just done, and the time left as the import estimates it. */
  file?: string;
  remainingMs?: number;
}

export type ProgressStage = 'upload' | 'read' | 'parse' | 'write' | 'compare' | 'report' | 'render' | 'print' | 'align' | 'draft' | 'import';

export interface Job {
  /** Aborted when the caller cancels (or the time limit passes): the job stops at its next stage. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** CONTRACTS.md `compare`, plus the legislative chain the two versions belong to (for 沿革 links). */
export interface VersionComparison extends DocumentComparison {
  /** The chain in which the right version directly follows the left, or just the two of them. */
  chain: string[];
}

/** A comparison as a 对照稿 to draw (engine/display): rows ready for the page, with its title and chain. */
export interface ComparisonDisplay extends DisplayComparison {
  /** "…办法（修订草案与二次审议稿）修改对照稿" */
  title: string;
  /** The chain in which the right version directly follows the left, or just the two of them (for 沿革 links). */
  chain: string[];
}

export interface HistoryStep {
  /** The version (CONTRACTS.md `history`). */
  ref: string;
  /** How the version is named beside the others: 修订草案, 二次审议稿, 施行文本. */
  label: string;
  title: string;
  doc: string;
  version: number;
  /** Where the article's text is in this version ([] = not there: not yet, or no longer). */
  articles: number[];
  /** How this version's text came from the previous version's (null for the first version, and where the article is in neither). */
  relation: Relation | null;
  /** This version's own text of those articles: label, 【heading】, 款 and 项, editorial notes. */
  texts: Article[];
  /** The pairs of the comparison with the previous version that concern the article ([] for the first version). */
  pairs: Pair[];
  /** The column to draw: this version's own text, marked against the previous version and the next (engine/display). */
  column: HistoryColumn;
}

export interface ArticleHistory {
  chain: string[];
  /** Index in `chain` of the version the article was named in. */
  from: number;
  article: number;
  sub?: number;
  /** The article as named in that version ("第十三条"). */
  label: string;
  /** The text the chain is of, by name ("湖南省实施《中华人民共和国中小企业促进法》办法"). */
  title: string;
  steps: HistoryStep[];
  /** The articles of that version, to follow another one. */
  choices: Array<{ article: number; sub?: number; label: string }>;
}

/** How much of the library a library-wide answer looked at. */
export interface LibraryScope {
  /** Documents in the library. */
  documents: number;
  /** Documents in the library index (current texts: superseded drafts and older editions left out). */
  indexed: number;
  /** Documents on the same subject that were looked in (or listed). */
  shortlisted: number;
  /** The library is still being profiled for the first time: the answer covers `done` of `total` new documents. */
  partial?: { done: number; total: number };
}

/**
 * An article's counterparts in other documents: the Reader's "其他地方怎么规定" panel (`scope: 'library'`:
 * every other jurisdiction's regulation on the same subject, best first) or among chosen documents
 * (`scope: 'documents'`, from their alignment).
 */
export interface Counterparts {
  ref: string;
  article: number;
  sub?: number;
  label: string;
  heading: string | null;
  scope?: 'library' | 'documents';
  /** The asking document's short name ("浙江 2023"). */
  name?: string;
  /** The article's text (library scope). */
  text?: string;
  /** The topic the article belongs to in the alignment of the whole selection (documents scope). */
  topic?: { label: string; terms: string[] };
  /**
   * One entry per other document; `matches` is empty where that document has no counterpart. Library
   * scope: ordered by the best counterpart (high before medium before low before none, then by score).
   */
  docs: Array<{
    ref: string;
    title: string;
    /** The library's label of this version of the law (标题（2019年修订）), when it has one. */
    label?: string;
    versionLabel: string | null;
    /** Short column name ("北京 2020", "国家 2017"). */
    name?: string;
    jurisdiction?: string;
    /** Document similarity to the asking document, 0..1 (library scope). */
    similarity?: number;
    matches: Array<{
      article: number;
      sub?: number;
      label: string;
      heading: string | null;
      rank: number;
      score: number;
      terms: string[];
      mutual: boolean;
      /** How sure the engine is (CONTRACTS.md align): a weak rank 1 is listed as 'low' rather than left out. */
      confidence?: 'high' | 'medium' | 'low';
      snippet: string;
      /** The article's text (library scope). */
      text?: string;
      /** Redline from the asked article to this one: the rank-1 counterpart where it is at least medium (library scope). */
      diff?: DiffSpan[];
    }>;
  }>;
  /** Library scope: how much of the library was looked at. */
  library?: LibraryScope;
}

/** 同类法规: the regulations of other jurisdictions on the same subject as a document. */
export interface SimilarDocuments {
  ref: string;
  title: string;
  /** Short name of the asking document ("浙江 2023"). */
  name: string;
  jurisdiction: string;
  /** Most similar first. */
  docs: Array<
    Omit<SimilarDocument, 'name'> & {
    /** The library's label of this version of the law (标题（2019年修订）), when it has one. */
    label?: string;
    /** Short name ("北京 2020"), the title where there is none. */
    name: string;
    kind: string;
    stage: string;
    dates: Record<string, string | string[]>;
    articles: number;
    }
  >;
  library: LibraryScope;
}

/** A note with where it lands now; `orphaned` when its document is not in the library any more. */
export interface AnnotationView extends Annotation {
  anchor: Anchor;
}

export interface AnnotationsList extends Omit<AnnotationListing, 'annotations'> {
  annotations: AnnotationView[];
}
