/**
 * The one handler table behind both adapters (Electron IPC in ipc.ts, HTTP in http.ts). Each handler takes
 * the contract's request and answers the contract's response; `callHandler` turns what they throw into the
 * `{ ok: false, error }` envelope so errors cross the boundary as values.
 */
import { isDuizhaoError, say, type LegalDocument } from '../engine/model';
import type { Library } from '../services/library';
import { createAlignHandlers } from './align-handlers';
import { createAnnotationHandlers, type AnnotationServices } from './annotation-handlers';
import { createSearchHandlers } from './search-handlers';
import { createCompareHandlers } from './compare-handlers';
import { libraryRef } from './library-ref';
import { createImportHandlers } from './import-handlers';
import {
  API_METHODS,
  type ApiHandlers,
  type ApiMethod,
  type ApiResponse,
  type ApiResult,
  type DocumentSummary,
} from './contract';

/**
 * What the handlers need from the library: the Library class satisfies it. Kept structural so the HTTP
 * adapter can be tested against a small in-memory source.
 */
export interface DocumentSource {
  list(): DocumentSummary[];
  get(ref: string): { summary: DocumentSummary; document: LegalDocument; version: number };
}

// Compile-time check that the real Library still fits what the handlers call.
type _LibraryFits = Library extends DocumentSource ? true : never;
const _libraryFits: _LibraryFits = true;
void _libraryFits;

/** `services`: the notes store and the PDF printer (defaults: the library home's file, headless Chromium). */
export function createHandlers(library: DocumentSource & { home?: string }, services: AnnotationServices = {}): ApiHandlers {
  return {
    ...createAlignHandlers(library),
    ...createAnnotationHandlers(library, services),
    ...createSearchHandlers(library),
    ...createCompareHandlers(library),
    ...createImportHandlers(library),
    async listDocuments() {
      return { documents: library.list() };
    },
    async getDocument(req) {
      const { ref } = libraryRef(library, req.ref);
      return library.get(ref);
    },
  };
}

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** The HTTP status that goes with an error code (the body still carries the envelope). */
export function httpStatusFor(code: string): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'not_found':
      return 404;
    case 'exists':
      return 409;
    case 'too_large':
      return 413;
    case 'unsupported_type':
      return 415;
    case 'internal':
      return 500;
    default:
      return 422; // the request was understood but the content is at fault (empty_file, undecodable, …)
  }
}

/**
 * Validates the method name and the request, runs the handler, and wraps the outcome. Never throws.
 * A DuizhaoError keeps its code and message; anything else becomes `internal` with the message only
 * (no stack crosses the boundary; it is logged here instead).
 */
export async function callHandler<M extends ApiMethod>(
  handlers: ApiHandlers,
  method: M | string,
  req: unknown,
): Promise<ApiResult<ApiResponse<M>>> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { code: 'not_found', message: say('api.unknown_method', { method: String(method) }), reason: 'api.unknown_method' } };
  }
  if (req === undefined || req === null) req = {};
  if (typeof req !== 'object' || Array.isArray(req)) {
    return { ok: false, error: { code: 'bad_request', message: say('api.not_object'), reason: 'api.not_object' } };
  }
  const handler = handlers[method] as (r: unknown) => Promise<ApiResponse<M>>;
  try {
    const value = await handler(req);
    return { ok: true, value };
  } catch (e) {
    if (isDuizhaoError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.reason ? { reason: e.reason } : {}) } };
    const message = e instanceof Error ? e.message : String(e);
    if (process.env.DUIZHAO_DEBUG || process.argv.includes('--debug')) console.error(e);
    else console.error(`duizhao: ${method}: ${say('api.internal', { detail: message })}`);
    return { ok: false, error: { code: 'internal', message: say('api.internal', { detail: message }), reason: 'api.internal' } };
  }
}
