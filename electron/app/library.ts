/**
 * The user's own documents: preview an import (parse without writing), import, edit the metadata, remove.
 * Files arrive as bytes with their name (the extension picks the reader); an import reports its stages
 * (reading — with the fraction of a PDF read —, parsing, writing) and can be stopped until the moment its
 * folder is renamed into the library, so a stopped import leaves the library as it was.
 */
import { fail, say } from '../engine/model';
import { bulkImport, type BulkImportOptions, type BulkImportResult, type BulkProgress, type MemoryFile } from '../services/bulk-import';
import { Library } from '../services/library';
import type { DocumentMetadata, DocumentSummary, ImportPreview, ImportResult } from '../services/types';

type DocumentMetadataPatch = Partial<DocumentMetadata>;
import { checkStopped, progress, type Job } from './job';

/** What these use-cases need of the library (the Library class fits); absent, the library is read-only. */
export type DocumentStore = Pick<Library, 'previewImport' | 'importBytes' | 'updateMetadata' | 'remove'>;

export function isDocumentStore(x: unknown): x is DocumentStore {
  const l = x as Partial<DocumentStore> | null;
  return !!l && typeof l.previewImport === 'function' && typeof l.importBytes === 'function' && typeof l.remove === 'function';
}

/** A file to import: its name and its bytes. */
export interface FileBytes {
  name: unknown;
  data: unknown;
}

function fileOf(file: FileBytes): { name: string; bytes: Uint8Array } {
  if (typeof file.name !== 'string' || file.name.trim() === '') throw fail('bad_request', 'api.missing_field', { field: '文件名（name）' });
  if (!(file.data instanceof Uint8Array)) throw fail('bad_request', 'api.missing_field', { field: '文件内容（data）' });
  // A name, never a path: the folder part of "C:\\dir\\a.docx" or "../a.docx" is dropped.
  return { name: file.name.split(/[\\/]/).pop()!, bytes: file.data };
}

function metaOf(meta: unknown): DocumentMetadataPatch {
  if (meta === undefined || meta === null) return {};
  if (typeof meta !== 'object' || Array.isArray(meta)) throw fail('bad_request', 'api.meta_not_object');
  return meta as DocumentMetadataPatch;
}

function idOf(id: unknown): string {
  if (typeof id !== 'string' || id === '') throw fail('bad_request', 'api.missing_field', { field: '文档编号（id）' });
  return id;
}

/** `paths`: whether items may be paths on disk (the command line's app); the API's app takes bytes only. */
export function createLibraryUseCases(library: unknown, { paths = false }: { paths?: boolean } = {}) {
  const store = (): DocumentStore => {
    if (!isDocumentStore(library)) throw fail('bad_request', 'library.read_only');
    return library;
  };

  /** The library's import options for a job: its stages and fractions as progress, its stop as checks. */
  const options = (name: string, job?: Job) => ({
    onStage: (stage: 'read' | 'parse' | 'write') => progress(job, stage, { name }),
    onProgress: (fraction: number) => progress(job, 'read', { name }, { done: Math.round(fraction * 1000), total: 1000 }),
    checkStopped: () => checkStopped(job),
  });

  return {
    /** Reads and parses a file as an import would, without writing anything. */
    async preview(file: FileBytes, job?: Job): Promise<ImportPreview> {
      const { name, bytes } = fileOf(file);
      return store().previewImport(bytes, name, options(name, job));
    },

    /** Adds a file to the library (atomically); `meta` overrides the metadata the text suggests. */
    async import(file: FileBytes & { meta?: unknown }, job?: Job): Promise<ImportResult> {
      const { name, bytes } = fileOf(file);
      return store().importBytes(bytes, name, metaOf(file.meta), options(name, job));
    },

    /** Edits an imported document's metadata (only the fields given). */
    edit(id: unknown, meta: unknown): DocumentSummary {
      return store().updateMetadata(idOf(id), metaOf(meta));
    },

    /** Removes an imported document (corpus documents cannot be removed). */
    remove(id: unknown): { id: string } {
      const checked = idOf(id);
      store().remove(checked);
      return { id: checked };
    },

    /**
     * A whole collection: files dropped or chosen in the window, the entries of an uploaded .zip (`path`
     * inside it: folder names say the kind), or — the command line's app only — files, folders and .zip
     * archives named by path. Non-legal files are skipped with a reason, failures listed, duplicates
     * skipped; each document goes in whole; a stop ends it between documents.
     */
    async importMany(items: Array<MemoryFile | string>, opts: ImportManyOptions = {}, job?: Job): Promise<BulkImportResult> {
      if (!(library instanceof Library)) throw fail('bad_request', 'library.read_only');
      if (!Array.isArray(items) || items.length === 0) throw fail('bad_request', 'api.missing_field', { field: '文件（files）' });
      for (const item of items) {
        // A page names no path: only the command line's app reads the disk by path.
        if (typeof item === 'string' ? !paths : !(item && typeof item.path === 'string' && item.bytes instanceof Uint8Array)) {
          throw fail('bad_request', 'api.missing_field', { field: '文件内容（bytes）' });
        }
      }
      const options: BulkImportOptions = {
        onProgress: (p) => {
          opts.onProgress?.(p);
          // Told, never thrown: a stop ends the import between documents, and its answer says what went in
          // (`cancelled: true`) — the page's summary and the command line's both need it.
          if (p.phase === 'importing' && job?.onProgress) {
            job.onProgress({
              stage: 'import',
              message: say('progress.import', { file: p.file ?? '' }),
              done: p.done,
              total: p.total,
              ...(p.file !== undefined ? { file: p.file } : {}),
              ...(p.remainingMs !== undefined ? { remainingMs: Math.round(p.remainingMs) } : {}),
            });
          }
        },
        ...(job?.signal ? { signal: job.signal } : {}),
        ...(opts.overrides ? { overrides: opts.overrides } : {}),
      };
      return bulkImport(library, items, options);
    },
  };
}

export interface ImportManyOptions {
  onProgress?: (p: BulkProgress) => void;
  overrides?: BulkImportOptions['overrides'];
}

export type LibraryUseCases = ReturnType<typeof createLibraryUseCases>;
