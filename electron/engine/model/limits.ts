/**
 * Limits every layer agrees on: the library refuses larger files, the desktop menu refuses them before
 * reading, and the page before sending. Browser-safe.
 */

/** Largest file Duizhao imports. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
