/**
 * What the library says about its documents (summaries, metadata, import previews and results): plain,
 * serialisable data. The library (services/library.ts) produces them; the application layer and the API
 * contract pass them on (contract.ts re-exports them), and the page reads them (types only).
 */
import type { Annotation } from '../engine/annotate/types';
import type { Warning } from '../engine/model';

export interface DocumentDates {
  adopted?: string;
  /** Each 修正 and 修订, oldest first. */
  amended?: string[];
  /** A 设区的市's regulation approved by the province. */
  approved?: string;
  effective?: string;
  published?: string;
  drafted?: string;
}

export interface DocumentSummary {
  id: string;
  title: string;
  source: 'corpus' | 'library';
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: DocumentDates;
  versions: number;
  versionLabels: Array<string | null>;
  articles: number;
  chapters: number;
  warnings: number;
  /** Tells versions of one law apart where a person reads them: 标题（2019年修订）. */
  label: string;
  /** The same for every version of one law (its title and jurisdiction): 全国:行政复议法. */
  work: string;
  /** The date the text stands at (its last 修正/修订, else its adoption or publication), when known. */
  versionDate?: string;
  /** REF of the version this document follows (its predecessor in a legislative history), if known:
   * from the corpus manifest, else the previous version of the same work by version date. */
  supersedes?: string;
  /** Changes whenever the document's text or metadata change (a cache key, e.g. for the search index). */
  fingerprint?: string;
  /** Imported documents: when, from which file, and what kind of file. */
  imported?: string;
  originalName?: string;
  format?: 'txt' | 'docx' | 'pdf' | 'html';
}

/** The editable metadata of an imported document (`importDocument`, `updateMetadata`). */
export interface DocumentMetadata {
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: DocumentDates;
}

/** What an import would add: the parse result, shown before anything is written. */
export interface ImportPreview {
  name: string;
  size: number;
  format: 'txt' | 'docx' | 'pdf' | 'html';
  encoding?: string;
  pages?: number;
  /** The parser's reading: regulation, opinion (numbered items) or comparison (a 对照稿 with 2 versions). */
  kind: string;
  versions: number;
  versionLabels: Array<string | null>;
  articles: number;
  chapters: number;
  /** Formatting runs kept from a Word/HTML file (bold, underline, strikethrough, shading). */
  marks: number;
  /** Metadata the text suggests (title, place, kind, stage, dates): the form starts from it. */
  suggested: DocumentMetadata;
  /** Reader and parser warnings; `level: 'info'` are repairs. */
  warnings: Warning[];
  /** The library document holding the same file (same SHA-256), if any: importing it again is refused. */
  duplicateOf: string | null;
  contentHash: string;
}

/** CONTRACTS.md `import`: `{ id, title, articles, warnings }`, plus the new document's summary. */
export interface ImportResult {
  id: string;
  title: string;
  articles: number;
  warnings: Warning[];
  summary: DocumentSummary;
}

export interface AnnotationProblem {
  /** `corrupt`: the damaged file was kept aside under `keptAs`; `newer`: left in place, notes read-only. */
  kind: 'corrupt' | 'newer';
  message: string;
  /** Full path of the kept file. */
  keptAs: string;
}

export interface AnnotationListing {
  annotations: Annotation[];
  /** Where the notes live (shown in the UI so a user can back them up). */
  path: string;
  problems: AnnotationProblem[];
  readOnly: boolean;
}

// ---- bulk import (services/bulk-import.ts) ----

export interface BulkImported {
  id: string;
  title: string;
  /** 标题（2019年修订）: which version of its law the document is. */
  label: string;
  /** The path relative to the folder or .zip given. */
  file: string;
  articles: number;
  jurisdiction: string;
  kind: string;
  dates: DocumentDates;
  work: string;
  versionDate?: string;
  supersedes?: string;
  /** Warnings a person should read (repairs left out). */
  warnings: number;
}

export interface BulkSkipped {
  file: string;
  /** Why, in Chinese. */
  reason: string;
  /** The catalogue code of the reason (collection.not_legal, collection.duplicate_in_library, …). */
  code: string;
  /** The library document holding the same file, for a duplicate. */
  duplicateOf?: string;
}

export interface BulkFailed {
  file: string;
  error: string;
  code: string;
}

export interface BulkImportResult {
  imported: BulkImported[];
  skipped: BulkSkipped[];
  failed: BulkFailed[];
  /** Stopped by the signal before every file was done. */
  cancelled: boolean;
  /** Files found, and the bytes of those read. */
  total: number;
  bytes: number;
  ms: number;
}

export interface BulkProgress {
  phase: 'scanning' | 'importing' | 'done';
  done: number;
  total: number;
  /** The file just finished. */
  file?: string;
  imported: number;
  skipped: number;
  failed: number;
  elapsedMs: number;
  /** Estimated from the bytes still to read (absent until there is something to go by). */
  remainingMs?: number;
}

/** Metadata that applies to every document of a bulk import (the rest comes from each text). */
export type BulkOverrides = Partial<Pick<DocumentMetadata, 'jurisdiction' | 'kind' | 'stage'>>;
