/**
 * The API names documents of the library by id (REF = ID or ID@N), never by file path: a path, which the
 * CLI accepts, would let a page read any file on disk. Every handler that takes a REF checks it here.
 */
import { fail, parseRef } from '../engine/model';
import type { DocumentSummary } from './contract';

export interface LibraryRef {
  ref: string;
  /** The document's summary; its `fingerprint` changes whenever the document does (cache keys). */
  summary: DocumentSummary;
}

export function libraryRef(library: { list(): DocumentSummary[] }, ref: unknown, what = 'ref'): LibraryRef {
  if (typeof ref !== 'string' || ref.trim() === '') throw fail('bad_request', 'library.missing_ref', { what });
  const { source } = parseRef(ref);
  const summary = library.list().find((d) => d.id === source);
  if (!summary) throw fail('not_found', 'library.no_such_document', { id: source });
  return { ref: ref.trim(), summary };
}

/** A cache key for results computed from these documents: stale as soon as one of them changes. */
export function cacheKey(refs: LibraryRef[], ...extra: Array<string | number>): string {
  return [...extra, ...refs.map((r) => `${r.ref}#${r.summary.fingerprint ?? ''}`)].join('\u0000');
}
