/**
 * Limits every layer agrees on: the library refuses larger files, the desktop menu refuses them before
 * reading, and the page before sending. Browser-safe.
 */

/** Largest file Duizhao imports. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Extensions of the files a collection's documents may be (the readers of ingest/index.ts); with `.zip`
 * (opened), the only files a bulk import reads. The page sends the others without their bytes: the
 * import skips them by name, with its reason.
 */
export const DOCUMENT_EXTENSIONS: readonly string[] = ['txt', 'text', 'md', 'markdown', 'docx', 'docm', 'dotx', 'pdf', 'html', 'htm', 'xhtml'];
