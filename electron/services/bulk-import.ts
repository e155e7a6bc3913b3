/**
 * Importing a whole collection at once: files, folders (recursively) and .zip archives.
 *
 * Every file found is read, checked against the library by its SHA-256 (the same file is never imported
 * twice, so running the same import again adds nothing), then read into text, parsed and judged on worker
 * threads (import-worker.ts; one per core), while this thread writes what is ready: each document's folder
 * under a temporary name, flushed, then renamed into place in the order the files were found — each goes
 * in whole or not at all. Files that are not legal texts are skipped with a reason, a file that fails is
 * listed with its error, and the rest go on. The catalog is written every few seconds and at the end; a
 * process killed half-way leaves complete documents and temporary folders, which the next start deletes,
 * and the next run of the same import finishes the job.
 *
 * Progress goes to `onProgress` (done/total, the current file, the time left); an `AbortSignal` stops it
 * between documents (those in flight finish).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BulkFailed, BulkImported, BulkImportResult, BulkOverrides, BulkProgress, BulkSkipped, DocumentDates, DocumentMetadata } from './types';

// The shapes of a bulk import's answer live with the other types the page reads (no run-time code there).
export type { BulkFailed, BulkImported, BulkImportResult, BulkOverrides, BulkProgress, BulkSkipped } from './types';
import { comparePaths, entryType, isHiddenPath, isIndexFile, zipEntries } from '../engine/ingest/collection';
import { prepareImport, type PreparedImport, type Preparation } from '../engine/ingest/prepare';
import { DuizhaoError, fail, isDuizhaoError, say, type ErrorCode, type MessageCode } from '../engine/model';
import { applyMetadata, importTestPause, MAX_IMPORT_BYTES, type Library, type StagedDocument } from './library';

export interface BulkImportOptions {
  onProgress?: (p: BulkProgress) => void;
  signal?: AbortSignal;
  /** Worker threads that parse (default: one per core, at most 4; 0 parses on this thread). */
  workers?: number;
  /** Metadata that applies to every document (the rest comes from each text). */
  overrides?: BulkOverrides;
  /** The worker bundle (default: import-worker.js beside this bundle). */
  workerFile?: string;
}

/**
 * A file already in memory (the app: files dropped or chosen in the window, a .zip uploaded): `path` is its
 * path inside the folder it came from ("行政法规/某条例.md", folder names say the kind) or its name.
 */
export interface MemoryFile {
  path: string;
  bytes: Uint8Array;
}

/** One file to import: where it is reported from, the path its metadata reads, and how to get its bytes. */
interface Source {
  file: string;
  /** The folder (or .zip) given and the path inside: folder names say the kind (行政法规/…). */
  metaPath: string;
  size: number;
  read(): Promise<Uint8Array>;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const CHECKPOINT_MS = 2000;

function asError(e: unknown): { error: string; code: string } {
  if (isDuizhaoError(e)) return { error: e.message, code: e.reason ?? e.code };
  return { error: say('cli.failed', { detail: e instanceof Error ? e.message : String(e) }), code: 'internal' };
}

/** A catalogue sentence by a code known only at run time (the reasons of skipped files). */
const sayCode = (code: MessageCode, params?: Record<string, string>): string => (say as (c: MessageCode, p?: Record<string, string>) => string)(code, params);

function extOf(path: string): string {
  const m = /\.[^./\\]+$/.exec(path);
  return m ? m[0].toLowerCase() : '';
}

/** The files of the paths given, in reading order; what cannot be imported goes to `skipped`. */
async function collect(paths: Array<string | MemoryFile>, skipped: BulkSkipped[]): Promise<Source[]> {
  const out: Source[] = [];
  const skip = (file: string, code: MessageCode, params?: Record<string, string>) => skipped.push({ file, reason: sayCode(code, params), code });

  const addZip = async (file: string, metaBase: string, bytes: Uint8Array, reportBase: string) => {
    for (const entry of await zipEntries(bytes, file)) {
      const shown = reportBase ? `${reportBase}/${entry.path}` : entry.path;
      if (isHiddenPath(entry.path)) continue;
      const type = entryType(entry.path);
      if (type === 'zip') skip(shown, 'collection.nested_zip');
      else if (type === 'other') skip(shown, 'collection.unsupported_type', { ext: extOf(entry.path) });
      else out.push({ file: shown, metaPath: `${metaBase}/${entry.path}`, size: entry.size, read: entry.read });
    }
  };

  for (const given of paths) {
    if (typeof given !== 'string') {
      const path = given.path.replace(/\\/g, '/').replace(/^\/+/, '');
      // A folder chosen in the window arrives whole: judged by name as a folder on disk is.
      if (isHiddenPath(path)) continue;
      const type = entryType(path);
      if (type === 'zip') {
        try {
          await addZip(path, path.replace(/\.zip$/i, ''), given.bytes, '');
        } catch (e) {
          skipped.push({ file: path, reason: asError(e).error, code: asError(e).code });
        }
      } else if (type === 'other') skip(path, 'collection.unsupported_type', { ext: extOf(path) });
      else out.push({ file: path, metaPath: path, size: given.bytes.length, read: async () => given.bytes });
      continue;
    }
    const full = resolve(given);
    let st;
    try {
      st = statSync(full);
    } catch {
      throw fail('not_found', 'collection.no_such_path', { path: given });
    }
    if (st.isDirectory()) {
      const top = basename(full);
      const seen = new Set<string>();
      const walk = async (dir: string): Promise<void> => {
        const real = realpathSync(dir);
        if (seen.has(real)) return; // a link back up the tree
        seen.add(real);
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch (e) {
          skip(relative(full, dir).split(sep).join('/') || top, 'collection.unreadable', { path: dir, detail: (e as Error).message });
          return;
        }
        for (const name of names.sort(comparePaths)) {
          const path = join(dir, name);
          const rel = relative(full, path).split(sep).join('/');
          if (isHiddenPath(name)) continue;
          let s;
          try {
            s = statSync(path);
          } catch {
            continue; // a dangling link
          }
          if (s.isDirectory()) await walk(path);
          else if (!s.isFile()) continue;
          else {
            const type = entryType(name);
            if (type === 'document') out.push({ file: rel, metaPath: `${top}/${rel}`, size: s.size, read: () => readFile(path) });
            else if (type === 'zip') {
              try {
                await addZip(rel, `${top}/${rel.replace(/\.zip$/i, '')}`, await readFile(path), rel);
              } catch (e) {
                skipped.push({ file: rel, reason: asError(e).error, code: asError(e).code });
              }
            } else skip(rel, 'collection.unsupported_type', { ext: extOf(name) });
          }
        }
      };
      await walk(full);
    } else if (entryType(full) === 'zip') {
      await addZip(basename(full), basename(full).replace(/\.zip$/i, ''), await readFile(full), '');
    } else {
      out.push({ file: basename(full), metaPath: basename(full), size: st.size, read: () => readFile(full) });
    }
  }
  return out;
}

// ---- worker threads ---------------------------------------------------------------------------------

type PrepareResult = { status: 'ready'; prepared: PreparedImport } | Extract<Preparation, { status: 'skip' }>;

interface Pending {
  resolve: (r: PrepareResult) => void;
  reject: (e: unknown) => void;
}

/** Threads that prepare files; a thread that dies fails the files it held and is replaced. */
class PreparePool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, Pending> }> = [];
  private next = 1;

  constructor(
    private readonly file: string,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  private spawn(): { worker: Worker; pending: Map<number, Pending> } {
    const slot = { worker: new Worker(this.file), pending: new Map<number, Pending>() };
    slot.worker.on('message', (m: { id: number; ok: boolean; result?: PrepareResult; error?: { code: ErrorCode; reason?: string; message: string } }) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (m.ok) p.resolve(m.result!);
      else p.reject(new DuizhaoError(m.error!.code, m.error!.message, m.error!.reason ? { reason: m.error!.reason } : {}));
    });
    const died = (e: unknown) => {
      const i = this.workers.indexOf(slot);
      if (i < 0) return;
      const error = fail('internal', 'collection.worker_failed', { detail: e instanceof Error ? e.message : String(e) });
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      this.workers[i] = this.spawn();
    };
    slot.worker.on('error', died);
    slot.worker.on('exit', (code) => {
      if (code !== 0) died(new Error(`exit ${code}`));
    });
    return slot;
  }

  prepare(bytes: Uint8Array, path: string): Promise<PrepareResult> {
    const slot = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.next++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, bytes, path });
    });
  }

  async close(): Promise<void> {
    const all = this.workers.splice(0);
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}

function defaultWorkerFile(): string {
  // Beside the bundle that runs this (build/cli.js, build/engine-worker.js, build/bench.js); unpacked from
  // app.asar in the packaged app, since a worker thread cannot start from inside the archive.
  return join(__dirname, 'import-worker.js').replace(/([\\/])app\.asar(?=[\\/])/, '$1app.asar.unpacked');
}

// ---- the import ---------------------------------------------------------------------------------------

/** Imports files, folders and .zip archives given by path (the CLI), or files already in memory (the app). */
export async function bulkImport(library: Library, paths: Array<string | MemoryFile>, options: BulkImportOptions = {}): Promise<BulkImportResult> {
  const started = performance.now();
  const startedAt = Date.now();
  const skipped: BulkSkipped[] = [];
  const failed: BulkFailed[] = [];
  const elapsed = () => performance.now() - started;
  options.onProgress?.({ phase: 'scanning', done: 0, total: 0, imported: 0, skipped: 0, failed: 0, elapsedMs: 0 });
  const sources = await collect(paths, skipped);
  const total = sources.length;
  const bytesTotal = sources.reduce((n, s) => n + s.size, 0) || 1;

  const wanted = options.workers ?? Math.min(4, Math.max(1, availableParallelism()));
  const workerFile = options.workerFile ?? defaultWorkerFile();
  const pool = wanted > 0 && total > 1 && existsSync(workerFile) ? new PreparePool(workerFile, wanted) : null;
  const prepare = (bytes: Uint8Array, path: string): Promise<PrepareResult> =>
    pool ? pool.prepare(bytes, path) : prepareImport(bytes, path).then((r) => (r.status === 'ready' ? { status: 'ready' as const, prepared: r.prepared } : r));

  // Per source, in order: what became of it (filled as they finish, reported in order).
  const outcome: Array<{ imported?: BulkImported; skipped?: BulkSkipped; failed?: BulkFailed } | undefined> = new Array(total);
  const inRun = new Map<string, string>();
  library.findByContent(''); // brings the catalog up to date once; documents are then checked in memory
  let done = 0;
  let imported = 0;
  let bytesDone = 0;
  let lastCheckpoint = performance.now();
  let cancelled = false;
  // Renames happen in the order the files were found, so ids are given in that order.
  let turn: Promise<void> = Promise.resolve();

  let skippedN = skipped.length;
  let failedN = 0;
  const settle = (i: number, o: { imported?: BulkImported; skipped?: BulkSkipped; failed?: BulkFailed }) => {
    outcome[i] = o;
    if (o.skipped) skippedN++;
    if (o.failed) failedN++;
  };
  const report = (file: string) => {
    done++;
    const t = elapsed();
    const remainingMs = bytesDone > 0 && done < total ? (t * (bytesTotal - bytesDone)) / bytesDone : undefined;
    options.onProgress?.({
      phase: 'importing',
      done,
      total,
      file,
      imported,
      skipped: skippedN,
      failed: failedN,
      elapsedMs: t,
      ...(remainingMs !== undefined ? { remainingMs } : {}),
    });
  };

  const one = async (i: number, myTurn: Promise<void>, release: () => void): Promise<void> => {
    const src = sources[i]!;
    let staged: StagedDocument | null = null;
    try {
      // Pages about a folder (_index.md) are alike across folders: say what they are, not that they repeat.
      if (isIndexFile(src.file)) {
        bytesDone += src.size;
        settle(i, { skipped: { file: src.file, reason: sayCode('collection.index_file'), code: 'collection.index_file' } });
        return;
      }
      if (src.size > MAX_IMPORT_BYTES) throw fail('too_large', 'library.too_large', { name: src.file, mb: (src.size / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 });
      const bytes = await src.read();
      if (bytes.length > MAX_IMPORT_BYTES) throw fail('too_large', 'library.too_large', { name: src.file, mb: (bytes.length / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 });
      bytesDone += src.size || bytes.length;
      const hash = sha256(bytes);
      const twin = inRun.get(hash);
      if (twin !== undefined) {
        settle(i, { skipped: { file: src.file, reason: say('collection.duplicate_in_run', { file: twin }), code: 'collection.duplicate_in_run' } });
        return;
      }
      const existing = library.findByContentCached(hash);
      if (existing) {
        const e = library.catalogEntry(existing);
        settle(i, { skipped: { file: src.file, reason: say('collection.duplicate_in_library', { id: existing, title: e?.label ?? e?.title ?? '' }), code: 'collection.duplicate_in_library', duplicateOf: existing } });
        return;
      }
      inRun.set(hash, src.file);
      const r = await prepare(bytes, src.metaPath);
      if (r.status === 'skip') {
        settle(i, { skipped: { file: src.file, reason: sayCode(r.reason), code: r.reason } });
        return;
      }
      const p: PreparedImport = { ...r.prepared, original: bytes };
      const s = p.suggested;
      const base: DocumentMetadata = { title: s.title, jurisdiction: s.jurisdiction, kind: s.kind, stage: s.stage, dates: datesOf(s.dates) };
      const metadata = applyMetadata(base, options.overrides ?? {});
      // Listed in the order the files were found (documents are written several at a time).
      staged = await library.stage(p, metadata, basename(src.file), new Date(startedAt + i));
      await myTurn;
      const entry = library.place(staged, false);
      staged = null;
      imported++;
      library.announce({ type: 'added', id: entry.id, fingerprint: entry.fingerprint });
      settle(i, {
        imported: {
          id: entry.id,
          title: entry.title,
          label: entry.label,
          file: src.file,
          articles: entry.counts.articles,
          jurisdiction: entry.jurisdiction,
          kind: entry.kind,
          dates: entry.dates,
          work: entry.work,
          ...(entry.versionDate ? { versionDate: entry.versionDate } : {}),
          warnings: entry.counts.warnings,
        },
      });
      await importTestPause(`after-${imported}`);
    } catch (e) {
      if (staged) library.discard(staged);
      settle(i, { failed: { file: src.file, ...asError(e) } });
    } finally {
      release();
      report(src.file);
      if (performance.now() - lastCheckpoint > CHECKPOINT_MS) {
        lastCheckpoint = performance.now();
        library.persistCatalog();
      }
    }
  };

  // Enough files in flight to keep every worker busy while this thread reads and writes.
  const window = Math.max(4, (pool ? wanted : 1) * 4);
  const running = new Set<Promise<void>>();
  try {
    for (let i = 0; i < total; i++) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      let release!: () => void;
      const mine = new Promise<void>((r) => (release = r));
      const myTurn = turn;
      turn = turn.then(() => mine);
      const task = one(i, myTurn, release).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= window) await Promise.race(running);
    }
    await Promise.all(running);
  } finally {
    await pool?.close();
    library.persistCatalog();
  }

  // Links between versions are known once every document is in: read them from the list.
  const links = new Map(library.list().map((d) => [d.id, d.supersedes] as const));
  const result: BulkImportResult = { imported: [], skipped: [...skipped], failed: [...failed], cancelled, total, bytes: bytesDone, ms: 0 };
  for (const o of outcome) {
    if (o?.imported) {
      const supersedes = links.get(o.imported.id);
      result.imported.push(supersedes ? { ...o.imported, supersedes } : o.imported);
    } else if (o?.skipped) result.skipped.push(o.skipped);
    else if (o?.failed) result.failed.push(o.failed);
  }
  result.ms = elapsed();
  options.onProgress?.({ phase: 'done', done, total, imported: result.imported.length, skipped: result.skipped.length, failed: result.failed.length, elapsedMs: result.ms });
  return result;
}

/** The suggested dates as the library stores them (every kind the 题注 gives). */
function datesOf(d: PreparedImport['suggested']['dates']): DocumentDates {
  const out: DocumentDates = {};
  for (const k of ['adopted', 'amended', 'approved', 'effective', 'published', 'drafted'] as const) {
    const v = d[k];
    if (v !== undefined) (out as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}
