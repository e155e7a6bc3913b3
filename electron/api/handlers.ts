/**
 * The one handler table behind both adapters (Electron IPC in ipc.ts, HTTP in http.ts). Each handler takes
 * the contract's request and answers the contract's response; `callHandler` turns what they throw into the
 * `{ ok: false, error }` envelope so errors cross the boundary as values.
 */
import type { LegalDocument } from '../engine/model';
import type { Library } from '../services/library';
import { createAlignHandlers } from './align-handlers';
import { createAnnotationHandlers, type AnnotationServices } from './annotation-handlers';
import { createSearchHandlers } from './search-handlers';
import { createCompareHandlers } from './compare-handlers';
import { libraryRef } from './library-ref';
import { createImportHandlers } from './import-handlers';
import type { ApiHandlers, DocumentSummary } from './contract';

// The envelope lives apart from the handler table so that Electron's main process (ipc.ts) can use it
// without bundling the engine, which runs in the worker.
export { callHandler, isApiMethod } from './envelope';

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
