/**
 * The one API contract: method name → request and response types. The Electron IPC adapter, the HTTP
 * adapter of the web mode, the engine worker and the renderer's client are all typed from this table, so
 * a method without a handler, or a handler with the wrong shape, is a compile error. The types come from
 * the layers that produce them (services/types.ts, app/types.ts, the engine's types) and are re-exported
 * here: the page imports its types from this one file.
 *
 * Errors cross the boundary as values: every call answers `{ ok: true, value }` or
 * `{ ok: false, error: { code, message, reason } }`.
 *
 * Long work (imports, exports, comparisons, the history) is a job: the caller may name it (`job`), follow
 * its progress and cancel it (`cancel`); each method has a time limit (TIME_LIMITS). See worker.ts for the
 * protocol across the engine's thread, and docs/architecture.md for how the page uses it.
 */
import type { ErrorCode, LegalDocument } from '../engine/model';
import type { Alignment } from '../engine/align/types';
import type { DiffSpan } from '../engine/compare/types';
import type { SearchOptions, SearchResult } from '../engine/index/types';
import type { BulkImportResult, BulkOverrides, DocumentMetadata, DocumentSummary, ImportPreview, ImportResult } from '../services/types';
import type { AnnotationsList, AnnotationView, ArticleHistory, ComparisonDisplay, Counterparts, Progress, SimilarDocuments, VersionComparison } from '../app/types';
import type { Decision, DecisionRequest, ReferenceReport } from '../app';

export type { DocumentDates, DocumentMetadata, DocumentSummary, ImportPreview, ImportResult, AnnotationProblem } from '../services/types';
export type { BulkFailed, BulkImported, BulkImportResult, BulkProgress, BulkSkipped } from '../services/types';
export type { AnnotationView, ArticleHistory, ComparisonDisplay, HistoryStep, LibraryScope, Progress, ProgressStage, SimilarDocuments, VersionComparison } from '../app/types';
export type * from '../engine/display/types';
export type { Decision, DecisionConvention, DecisionItem, ProvisionRef, Reference, ReferenceReport, ReferenceStatus } from '../engine/draft/types';

/**
 * A file sent for import: its name (the extension picks the reader) and its bytes. Over IPC the bytes
 * travel as a Uint8Array; over HTTP as the raw request body (application/octet-stream), the rest of the
 * request as JSON in the `req` query parameter — never as base64 through the page.
 */
export interface ImportFile {
  name: string;
  data: Uint8Array;
}

/**
 * A file of a collection sent for a bulk import (`importMany`): its path inside the folder or .zip chosen
 * ("法规/行政法规/某条例.md" — folder names say the kind) and its bytes. A file the import does not read by
 * its name (not a document, not a .zip) may come without its bytes: it is skipped by name, with a reason.
 */
export interface CollectionFile {
  path: string;
  data: Uint8Array;
}

/** An article's counterparts in other documents (the Reader's 同题条款 panel). */
export type CounterpartsResponse = Counterparts;

/** The topic matrix as a file (Excel workbook, PDF, or the printable HTML page), base64-encoded. */
export interface AlignExportRequest {
  refs: string[];
  format: 'xlsx' | 'pdf' | 'html';
  top?: number;
  /** Only topics that two or more documents share. */
  sharedOnly?: boolean;
  /** The articles' texts in the cells (default true); false: article numbers only (PDF, HTML). */
  texts?: boolean;
}

export interface AlignExportResponse {
  filename: string;
  mime: string;
  base64: string;
  bytes: number;
  /** Topics (rows) and documents (columns, by short name). */
  rows: number;
  columns: string[];
}

/** The user's notes with where each lands today, the file's path and any problem with it. */
export type AnnotationsResponse = AnnotationsList;

export interface ExportReportRequest {
  left: string;
  right: string;
  format: 'pdf' | 'docx' | 'html';
  /**
   * `decision`: append 修改决定（草稿） (true for the defaults, or the options chosen in the decision panel);
   * `refs`: append 引用检查 (the right version's references checked against the left's numbering).
   */
  options?: { changesOnly?: boolean; notes?: boolean; decision?: boolean | Omit<DecisionRequest, 'old' | 'new'>; refs?: boolean };
}

export interface ExportReportResponse {
  filename: string;
  mime: string;
  /** The file, base64-encoded. */
  base64: string;
  bytes: number;
  rows: number;
  annotations: number;
  /** The report's title (the PDF printed from the HTML carries it in its information dictionary). */
  title?: string;
  /** The appendices the file carries, by heading (附录一　修改决定（草稿）…). */
  appendices?: string[];
}

export interface ApiMethods {
  listDocuments: { req: Record<string, never>; res: { documents: DocumentSummary[] } };
  getDocument: { req: { ref: string }; res: { summary: DocumentSummary; document: LegalDocument } };
  /** Reads and parses a file without adding it (counts, warnings, suggested metadata, duplicate). */
  previewImport: { req: ImportFile; res: ImportPreview };
  /** Adds a file to the library (atomically); `meta` overrides the suggested metadata. */
  importDocument: { req: ImportFile & { meta?: Partial<DocumentMetadata> }; res: ImportResult };
  /**
   * Adds several files at once — a folder's files, several documents, .zip archives (opened here) — as the
   * command line's `import PATH...` does: legal texts imported whole with the metadata their text and path
   * suggest, the rest skipped (with the reason) or failed (with the error), a file already in the library
   * skipped. Progress per file (`import`: done/total, the file, the time left). Stopped with `cancel`, it
   * ends between documents and answers what went in, with `cancelled: true`. The page sends a large
   * collection as several calls of a few megabytes each.
   */
  importMany: { req: { files: CollectionFile[]; overrides?: BulkOverrides }; res: BulkImportResult };
  /** Edits an imported document's metadata. */
  updateMetadata: { req: { id: string; meta: Partial<DocumentMetadata> }; res: { summary: DocumentSummary } };
  /** Removes an imported document (corpus documents cannot be removed). */
  removeDocument: { req: { id: string }; res: { id: string } };
  /** Cross-document topic alignment (CONTRACTS.md `align`). */
  align: { req: { refs: string[]; top?: number }; res: Alignment };
  /**
   * Counterparts of one article. `scope: 'library'` ("其他地方怎么规定"): in every other jurisdiction's
   * regulation on the same subject in the library (at most `limit` documents, default 30), best first, with
   * the redline against each; else among `docs` (default every other library document), from their alignment.
   */
  counterparts: { req: { ref: string; article: number; sub?: number; docs?: string[]; scope?: 'library' | 'documents'; limit?: number; top?: number }; res: CounterpartsResponse };
  /** 同类法规: the regulations of other jurisdictions on the same subject as `ref` (title subject and content), most similar first. */
  similar: { req: { ref: string; limit?: number; sameJurisdiction?: boolean }; res: SimilarDocuments };
  /** The topic matrix of an alignment (topics × jurisdictions, article numbers and texts) as a file for the 研究报告. */
  alignExport: { req: AlignExportRequest; res: AlignExportResponse };
  /** Word diff of two articles of different documents (side-by-side reading in the Topics view). */
  alignDiff: {
    req: { left: { ref: string; article: number; sub?: number }; right: { ref: string; article: number; sub?: number } };
    res: { spans: DiffSpan[] };
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
  /** The comparison of two versions as a 修改对照稿 file (PDF, Word or HTML), base64-encoded (the one it compares on screen, from the cache). */
  exportReport: { req: ExportReportRequest; res: ExportReportResponse };
  /** Version comparison (CONTRACTS.md `compare`): pairs of articles, relations, redlines, each side, and the chain they belong to. */
  compare: { req: { left: string; right: string }; res: VersionComparison };
  /**
   * The same comparison as a 对照稿 to draw (engine/display): rows with each side's own text and its marks,
   * split and merged rows 款 by 款, notes, relation labels, names — what the Compare view shows, from the
   * cached comparison, so the page decides nothing.
   */
  display: { req: { left: string; right: string }; res: ComparisonDisplay };
  /**
   * An article's path through the versions of its text (CONTRACTS.md `history`), with each version's own
   * text of it and the pairs between consecutive versions. `chain`: the versions to walk, in order
   * (default: the library's chain through `ref`).
   */
  history: { req: { ref: string; article: number; sub?: number; chain?: string[] }; res: ArticleHistory };
  /** Topic search over every article (CONTRACTS.md `search`; query syntax in engine/index/query.ts), grouped by law, with facets. */
  search: { req: { query: string } & SearchOptions; res: SearchResult };
  /** Every hit of a search as a CSV or .xlsx file (base64), each row with title, article, text and a link back. */
  exportSearch: {
    req: { query: string; format: 'csv' | 'xlsx'; linkBase?: string } & SearchOptions;
    res: { filename: string; mime: string; base64: string; bytes: number; total: number; exported: number };
  };
  /**
   * The 修改决定 that turns `old` into `new` (CONTRACTS.md `decision`), its plain text for copying, and
   * with `docx: true` the Word file in 公文 layout (base64).
   */
  decision: {
    req: DecisionRequest & { docx?: boolean };
    res: { decision: Decision; text: string; file?: { filename: string; mime: string; base64: string; bytes: number } };
  };
  /** The internal cross-references of `ref` (CONTRACTS.md `refs`); with `against`, those still numbered as in that older version. */
  refs: { req: { ref: string; against?: string }; res: ReferenceReport };
  /** Stops the job the caller named `job` (it ends with a `cancelled` error); `cancelled: false` when it had already ended. */
  cancel: { req: { job: string }; res: { job: string; cancelled: boolean } };
}

export type ApiMethod = keyof ApiMethods;

/**
 * The one message the main process sends unasked: a file chosen with 文件 → 导入文档… (Electron only).
 * The preload exposes it as `window.duizhaoMenu.onImportFile`.
 */
export const MENU_IMPORT_CHANNEL = 'menu:import-file';

/** Largest file Duizhao imports (library service, menu, import panel). */
export { MAX_IMPORT_BYTES } from '../engine/model/limits';
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

/**
 * What a call carries besides its request, inside the backend: the caller's name for it (`job`, which
 * `cancel` takes), where its progress goes, and the signal that stops it.
 */
export interface CallContext {
  job?: string;
  onProgress?: (progress: Progress) => void;
  signal?: AbortSignal;
}

/** What the page may add to a call of long work: a job name (to cancel it) and a progress listener. */
export interface CallOptions {
  job?: string;
  onProgress?: (progress: Progress) => void;
}

/** What the handlers implement (one async function per method). */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiRequest<M>, ctx?: CallContext) => Promise<ApiResponse<M>> };
/** What the preload exposes as `window.duizhao`, and the web client mirrors: one function per method. */
export type ApiClient = { [M in ApiMethod]: (req: ApiRequest<M>, options?: CallOptions) => Promise<ApiResult<ApiResponse<M>>> };

/** Main process → page: `{ job, progress }` of a job the page named (Electron). */
export const PROGRESS_CHANNEL = 'api:progress';

/** A job name: what the page generates (a UUID) and `cancel` takes. */
export const JOB_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The methods whose request carries a file's bytes in `data` (HTTP: the raw body). */
export const FILE_METHODS: readonly ApiMethod[] = ['previewImport', 'importDocument'];

/**
 * The methods whose request carries several files in `files` (CollectionFile). Over HTTP the body is raw
 * too: the request as JSON on the first line, each file's `data` replaced by its `size` in bytes, then the
 * files' bytes one after another in that order — so the browser sends the files from disk as they are
 * (a Blob of the Files), never read by the page nor encoded. (JSON.stringify writes no line break.)
 */
export const MULTI_FILE_METHODS: readonly ApiMethod[] = ['importMany'];

/**
 * How long each method may run before it is stopped (a `timeout` error), in milliseconds. Generous: they
 * guard against a call that would never end, not against slow machines. The first search builds the index
 * of the whole library; the first comparison loads the segmenter's dictionaries.
 */
export const TIME_LIMITS: Record<ApiMethod, number> = {
  listDocuments: 60_000,
  getDocument: 60_000,
  previewImport: 300_000,
  importDocument: 300_000,
  // One call of a collection (the page sends a few megabytes at a time; the command line has no limit).
  importMany: 1_800_000,
  updateMetadata: 60_000,
  removeDocument: 60_000,
  align: 300_000,
  counterparts: 300_000,
  similar: 300_000,
  alignExport: 300_000,
  alignDiff: 60_000,
  listAnnotations: 60_000,
  addAnnotation: 60_000,
  updateAnnotation: 60_000,
  removeAnnotation: 60_000,
  exportReport: 300_000,
  compare: 300_000,
  display: 300_000,
  history: 300_000,
  decision: 300_000,
  refs: 300_000,
  search: 900_000,
  exportSearch: 900_000,
  cancel: 10_000,
};

/** The method names at run time (the preload and HTTP router need them); `satisfies` keeps it complete. */
const METHOD_TABLE = {
  listDocuments: true,
  getDocument: true,
  previewImport: true,
  importDocument: true,
  importMany: true,
  updateMetadata: true,
  removeDocument: true,
  align: true,
  counterparts: true,
  similar: true,
  alignExport: true,
  alignDiff: true,
  listAnnotations: true,
  addAnnotation: true,
  updateAnnotation: true,
  removeAnnotation: true,
  exportReport: true,
  compare: true,
  display: true,
  history: true,
  decision: true,
  refs: true,
  search: true,
  exportSearch: true,
  cancel: true,
} as const satisfies Record<ApiMethod, true>;
export const API_METHODS = Object.keys(METHOD_TABLE) as ApiMethod[];
