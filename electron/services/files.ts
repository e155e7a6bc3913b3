/**
 * Files named by a path on the command line: a text file read as a document (`duizhao compare a.txt
 * b.txt`), a file read for import, an annotations file, an output file written. Only the command line's
 * application layer is given these (app/index.ts `openApp({ files: true })`): the API's has no reader of
 * paths at all, so no page can make it read a file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseAnnotationsFile, type Annotation } from '../engine/annotate';
import { decodeText } from '../engine/ingest';
import { fail, isDuizhaoError, parseRef } from '../engine/model';
import { parseDocument } from '../engine/parse';
import { writeFileAtomic } from './atomic';
import { checkImportSize, MAX_TEXT_BYTES, summarise, withVersion, type Loaded } from './library';

/** A text file (.txt, .md) by path, parsed; `path@N` picks a version. */
export function readTextDocument(ref: string): Loaded & { version: number } {
  const { source: path, version } = parseRef(ref);
  const full = resolve(path);
  if (!existsSync(full)) throw fail('not_found', 'library.no_such_document_or_file', { path });
  const stat = statSync(full);
  if (!stat.isFile()) throw fail('bad_request', 'library.not_a_file', { path });
  if (stat.size > MAX_TEXT_BYTES) throw fail('too_large', 'library.too_large', { name: path, mb: (stat.size / 1048576).toFixed(1), limit: MAX_TEXT_BYTES / 1048576 });
  if (/\.(docx|pdf|html?)$/i.test(full)) {
    // Reading these needs the (asynchronous) extractors of an import; a path REF reads text files.
    throw fail('unsupported_type', 'library.import_first', { name: basename(path), path });
  }
  const { text } = decodeText(readFileSync(full), basename(path));
  const document = parseDocument(text, { id: path });
  const summary = summarise(document, { id: path, title: document.title, source: 'library', jurisdiction: '', kind: '', stage: '', dates: {} });
  return withVersion({ summary, document }, path, version);
}

/** A file to import, by path: refused when missing, not a file, or over the import limit (before reading). */
export function readImportFile(path: string): { name: string; bytes: Uint8Array } {
  const full = resolve(path);
  const name = basename(full);
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw fail('bad_request', 'library.not_a_file', { path });
    size = stat.size;
  } catch (e) {
    if (isDuizhaoError(e)) throw e;
    throw fail('not_found', 'library.no_such_file', { path });
  }
  checkImportSize(name, size);
  return { name, bytes: readFileSync(full) };
}

/** Notes from an annotations file given by path, read strictly: a damaged file is an error. */
export function readAnnotationsFile(file: string): Annotation[] {
  const path = resolve(file);
  if (!existsSync(path)) throw fail('not_found', 'cli.annotations_missing', { file });
  try {
    return parseAnnotationsFile(readFileSync(path, 'utf8')).annotations;
  } catch (e) {
    throw fail('corrupt', 'cli.annotations_unreadable', { file, detail: e instanceof Error ? e.message : String(e) });
  }
}

/** Writes an output file atomically; an existing one only with `overwrite`. */
export function writeOutputFile(path: string, bytes: Uint8Array, overwrite: boolean): void {
  try {
    writeFileAtomic(resolve(path), bytes, { overwrite });
  } catch (e) {
    if (isDuizhaoError(e) && e.code === 'exists') throw fail('exists', 'export.file_exists', { path });
    throw e;
  }
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}

/** Everything of this module, as the command line's application layer takes it. */
export const localFiles = { readTextDocument, readImportFile, readAnnotationsFile, writeOutputFile, fileExists };
export type LocalFiles = typeof localFiles;
