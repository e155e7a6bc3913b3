/**
 * The one API contract: method name → request and response types. The Electron IPC adapter, the HTTP
 * adapter of the web mode and the renderer's client are all typed from this table, so a method without a
 * handler, or a handler with the wrong shape, is a compile error.
 *
 * Errors cross the boundary as values: every call answers `{ ok: true, value }` or
 * `{ ok: false, error: { code, message } }`.
 */
import type { LegalDocument, ErrorCode, Warning } from '../engine/model';
import type { Alignment, TokenDiffSpan } from '../engine/align';
import type { Anchor, Annotation } from '../engine/annotate';
import type { SearchOptions, SearchResult } from '../engine/index/types';
import type { DocumentComparison } from '../engine/compare/types';

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

/** A file sent for import: its name (the extension picks the reader) and its bytes in base64. */
export interface ImportFile {
  name: string;
  dataBase64: string;
}

/** An article's counterparts in other documents (the Reader's 同题条款 panel). */
export interface CounterpartsResponse {
  ref: string;
  article: number;
  label: string;
  heading: string | null;
  /** The topic the article belongs to in the alignment of the whole selection. */
  topic?: { label: string; terms: string[] };
  /** One entry per other document; `matches` is empty where that document has no counterpart. */
  docs: Array<{
    ref: string;
    title: string;
    versionLabel: string | null;
    matches: Array<{
      article: number;
      sub?: number;
      label: string;
      heading: string | null;
      rank: number;
      score: number;
      terms: string[];
      mutual: boolean;
      snippet: string;
    }>;
  }>;
}

export interface ApiMethods {
  listDocuments: { req: Record<string, never>; res: { documents: DocumentSummary[] } };
  getDocument: { req: { ref: string }; res: { summary: DocumentSummary; document: LegalDocument } };
  /** Reads and parses a file without adding it (counts, warnings, suggested metadata, duplicate). */
  previewImport: { req: ImportFile; res: ImportPreview };
  /** Adds a file to the library (atomically); `meta` overrides the suggested metadata. */
  importDocument: { req: ImportFile & { meta?: Partial<DocumentMetadata> }; res: ImportResult };
  /** Edits an imported document's metadata. */
  updateMetadata: { req: { id: string; meta: Partial<DocumentMetadata> }; res: { summary: DocumentSummary } };
  /** Removes an imported document (corpus documents cannot be removed). */
  removeDocument: { req: { id: string }; res: { id: string } };
  /** Cross-document topic alignment (CONTRACTS.md `align`). */
  align: { req: { refs: string[]; top?: number }; res: Alignment };
  /** Counterparts of one article; `docs` defaults to every other library document. */
  counterparts: { req: { ref: string; article: number; sub?: number; docs?: string[] }; res: CounterpartsResponse };
  /** Word diff of two articles of different documents (side-by-side reading in the Topics view). */
  alignDiff: {
    req: { left: { ref: string; article: number; sub?: number }; right: { ref: string; article: number; sub?: number } };
    res: { spans: TokenDiffSpan[] };
  };
  /** The user's notes (批注), each with where it lands in today's text (see engine/annotate). */
  listAnnotations: { req: { doc?: string; version?: number; tag?: string }; res: AnnotationsResponse };
  /** A note on an article, a 款 (1-based) or a quoted span of it; the server fills the anchor. */
  addAnnotation: {
    req: { ref: string; article: number; sub?: number; paragraph?: number; quote?: string; body: string; tags?: string[] };
    res: { annotation: AnnotationView };
  };
  updateAnnotation: { req: { id: string; body?: string; tags?: string[] }; res: { annotation: AnnotationView } };
  removeAnnotation: { req: { id: string }; res: { id: string } };
  /** The comparison of two versions as a 修改对照稿 file (PDF, Word or HTML), base64-encoded. */
  exportReport: { req: ExportReportRequest; res: ExportReportResponse };
  /** Version comparison (CONTRACTS.md `compare`): pairs of articles, relations, redlines, and each side. */
  compare: { req: { left: string; right: string }; res: DocumentComparison };
  /** Topic search over every article (CONTRACTS.md `search`; query syntax in engine/index/query.ts). */
  search: { req: { query: string } & SearchOptions; res: SearchResult };
}

export interface AnnotationView extends Annotation {
  /** Where the note lands now; `orphaned` when its document is not in the library any more. */
  anchor: Anchor;
}

export interface AnnotationsResponse {
  annotations: AnnotationView[];
  /** The annotations file (for backups). */
  path: string;
  /** A damaged file kept aside, or a file from a newer Duizhao: shown to the user as sentences. */
  problems: Array<{ kind: 'corrupt' | 'newer'; message: string; keptAs: string }>;
  readOnly: boolean;
}

export interface ExportReportRequest {
  left: string;
  right: string;
  format: 'pdf' | 'docx' | 'html';
  options?: { changesOnly?: boolean; notes?: boolean };
}

export interface ExportReportResponse {
  filename: string;
  mime: string;
  /** The file, base64-encoded. */
  base64: string;
  bytes: number;
  rows: number;
  annotations: number;
}

export type ApiMethod = keyof ApiMethods;

/**
 * The one message the main process sends unasked: a file chosen with 文件 → 导入文档… (Electron only).
 * The preload exposes it as `window.duizhaoMenu.onImportFile`.
 */
export const MENU_IMPORT_CHANNEL = 'menu:import-file';

/** Largest file Duizhao imports (library service, menu, import panel). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
export interface MenuImportFile {
  name: string;
  data: Uint8Array;
}
export interface MenuBridge {
  /** Calls `listener` with each file chosen from the menu; returns the unsubscribe function. */
  onImportFile(listener: (file: MenuImportFile) => void): () => void;
}
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['req'];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['res'];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The message catalogue's code of the sentence, when there is one (electron/engine/model/messages.ts). */
  reason?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the handlers implement and what the preload exposes (one async function per method). */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResponse<M>> };
export type ApiClient = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResult<ApiResponse<M>>> };

/** The method names at run time (the preload and HTTP router need them); `satisfies` keeps it complete. */
const METHOD_TABLE = {
  listDocuments: true,
  getDocument: true,
  previewImport: true,
  importDocument: true,
  updateMetadata: true,
  removeDocument: true,
  align: true,
  counterparts: true,
  alignDiff: true,
  listAnnotations: true,
  addAnnotation: true,
  updateAnnotation: true,
  removeAnnotation: true,
  exportReport: true,
  compare: true,
  search: true,
} as const satisfies Record<ApiMethod, true>;
export const API_METHODS = Object.keys(METHOD_TABLE) as ApiMethod[];
