/**
 * The one API contract: method name → request and response types. The Electron IPC adapter, the HTTP
 * adapter of the web mode and the renderer's client are all typed from this table, so a method without a
 * handler, or a handler with the wrong shape, is a compile error.
 *
 * Errors cross the boundary as values: every call answers `{ ok: true, value }` or
 * `{ ok: false, error: { code, message } }`.
 */
import type { LegalDocument, ErrorCode } from '../engine/model';

export interface DocumentDates {
  adopted?: string;
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
}

export interface ApiMethods {
  listDocuments: { req: Record<string, never>; res: { documents: DocumentSummary[] } };
  getDocument: { req: { ref: string }; res: { summary: DocumentSummary; document: LegalDocument } };
}

export type ApiMethod = keyof ApiMethods;
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['req'];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['res'];

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the handlers implement and what the preload exposes (one async function per method). */
export type ApiHandlers = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResponse<M>> };
export type ApiClient = { [M in ApiMethod]: (req: ApiRequest<M>) => Promise<ApiResult<ApiResponse<M>>> };

/** The method names at run time (the preload and HTTP router need them); `satisfies` keeps it complete. */
const METHOD_TABLE = { listDocuments: true, getDocument: true } as const satisfies Record<ApiMethod, true>;
export const API_METHODS = Object.keys(METHOD_TABLE) as ApiMethod[];
