/**
 * The user's own documents: preview an import (parse without writing), import, edit the metadata, remove.
 * Files arrive as bytes with their name (the extension picks the reader); an import reports its stages
 * (reading — with the fraction of a PDF read —, parsing, writing) and can be stopped until the moment its
 * folder is renamed into the library, so a stopped import leaves the library as it was.
 */
import { fail } from '../engine/model';
import type { Library } from '../services/library';
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

export function createLibraryUseCases(library: unknown) {
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
  };
}

export type LibraryUseCases = ReturnType<typeof createLibraryUseCases>;
