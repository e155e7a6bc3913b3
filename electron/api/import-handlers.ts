/**
 * Handlers of the library's own documents: preview an import, import, edit metadata, remove. Files arrive
 * as base64 in the request (HTTP and IPC carry JSON); the size limit is checked on the base64 length
 * before anything is decoded.
 */
import { fail } from '../engine/model';
import { MAX_IMPORT_BYTES, type Library } from '../services/library';
import type { ApiHandlers, DocumentMetadata, ImportFile } from './contract';

/** What these handlers need of the library (the Library class fits). */
export type DocumentStore = Pick<Library, 'previewImport' | 'importBytes' | 'updateMetadata' | 'remove'>;

export function isDocumentStore(x: unknown): x is DocumentStore {
  const l = x as Partial<DocumentStore> | null;
  return !!l && typeof l.previewImport === 'function' && typeof l.importBytes === 'function' && typeof l.remove === 'function';
}

type ImportHandlers = Pick<ApiHandlers, 'previewImport' | 'importDocument' | 'updateMetadata' | 'removeDocument'>;

function fileOf(req: ImportFile): { name: string; bytes: Buffer } {
  if (typeof req.name !== 'string' || req.name.trim() === '') throw fail('bad_request', 'api.missing_field', { field: '文件名（name）' });
  if (typeof req.dataBase64 !== 'string') throw fail('bad_request', 'api.missing_field', { field: '文件内容（dataBase64）' });
  // 4 base64 characters carry 3 bytes: refuse before decoding a huge string.
  const approx = Math.floor((req.dataBase64.length * 3) / 4);
  if (approx > MAX_IMPORT_BYTES + 3) {
    throw fail('too_large', 'library.too_large', { name: req.name, mb: (approx / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 });
  }
  if (!/^[A-Za-z0-9+/=\s]*$/.test(req.dataBase64)) throw fail('bad_request', 'api.bad_base64');
  return { name: req.name.split(/[\\/]/).pop()!, bytes: Buffer.from(req.dataBase64, 'base64') };
}

function metaOf(meta: unknown): Partial<DocumentMetadata> {
  if (meta === undefined || meta === null) return {};
  if (typeof meta !== 'object' || Array.isArray(meta)) throw fail('bad_request', 'api.meta_not_object');
  return meta as Partial<DocumentMetadata>;
}

export function createImportHandlers(library: unknown): ImportHandlers {
  const store = (): DocumentStore => {
    if (!isDocumentStore(library)) throw fail('bad_request', 'library.read_only');
    return library;
  };
  return {
    async previewImport(req) {
      const { name, bytes } = fileOf(req);
      return store().previewImport(bytes, name);
    },
    async importDocument(req) {
      const { name, bytes } = fileOf(req);
      return store().importBytes(bytes, name, metaOf(req.meta));
    },
    async updateMetadata(req) {
      if (typeof req.id !== 'string' || req.id === '') throw fail('bad_request', 'api.missing_field', { field: '文档编号（id）' });
      return { summary: store().updateMetadata(req.id, metaOf(req.meta)) };
    },
    async removeDocument(req) {
      if (typeof req.id !== 'string' || req.id === '') throw fail('bad_request', 'api.missing_field', { field: '文档编号（id）' });
      store().remove(req.id);
      return { id: req.id };
    },
  };
}
