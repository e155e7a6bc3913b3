/**
 * The catalog of imported documents: one JSON file (`<home>/catalog.json`) holding what the library list
 * shows of each document (metadata, counts, version label, work, fingerprint), so that listing thousands
 * of documents reads one file instead of every `meta.json`, and parses no text.
 *
 * The document folders stay the truth; the catalog is derived from them and checked against them cheaply on
 * every use:
 *   - the set of document folders (one readdir of `<home>/library`) must be the catalog's set of ids;
 *   - the library folder's modification time must be the one recorded with the catalog. Every change goes
 *     through that folder: an import renames its finished folder into it, a removal renames one out of it,
 *     and a metadata edit writes the new meta.json there first and renames it into the document's folder.
 * When either differs (another process changed the library, or one was killed before it updated the
 * catalog), only the documents whose meta.json changed (inode, size, modification time) are read again.
 * A catalog that is missing or cannot be read is rebuilt from the folders. Writes are atomic (temporary
 * file + rename); a process that finds the file rewritten by another since it read it merges the two,
 * keeping for each document the entry that matches its meta.json on disk.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { DocumentDates } from './types';
import type { Amendment } from '../engine/ingest/metadata';
import type { DocumentCounts } from '../engine/ingest/prepare';
import type { SourceFormat } from '../engine/ingest';
import { say } from '../engine/model';
import { writeFileAtomic } from './atomic';

export const CATALOG_SCHEMA = 1;

/** Ids of imported documents: lower-case ASCII, digits and hyphens, so they work in paths, URLs and REFs. */
export const LIBRARY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface CatalogEntry {
  id: string;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: DocumentDates;
  /** The 修正 and 修订 with their kind, oldest first (the label says which the version is). */
  amendments: Amendment[];
  versionDate?: string;
  work: string;
  label: string;
  counts: DocumentCounts;
  fingerprint: string;
  contentHash: string;
  textHash: string;
  imported: string;
  originalName: string;
  format: SourceFormat;
  size: number;
  /** The file's path inside the folder or .zip it was imported from. */
  sourcePath?: string;
  /** inode:size:mtime of the meta.json this entry was read from (or written with). */
  metaSig: string;
}

interface CatalogFile {
  schema: number;
  /** The library folder's modification time the entries are valid for. */
  dirMtimeMs: number | null;
  documents: CatalogEntry[];
}

export const statSig = (s: Stats): string => `${s.ino}:${s.size}:${s.mtimeMs}`;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

export interface CatalogOptions {
  /** `<home>/library`: one folder per document. */
  libraryDir: string;
  /** `<home>/catalog.json`. */
  path: string;
  /** Reads one document's entry from its folder (null when it is not a readable document). */
  readEntry: (id: string) => CatalogEntry | null;
  /** Told when the file had to be rebuilt (damaged). */
  warn?: (message: string) => void;
}

export class Catalog {
  private readonly opts: CatalogOptions;
  private entries = new Map<string, CatalogEntry>();
  private byContent = new Map<string, string>();
  /** statSig of catalog.json as this process last read or wrote it. */
  private fileSig: string | null = null;
  /** The library folder's modification time `entries` are valid for (null: not checked yet). */
  private dirMtimeMs: number | null = null;
  private dirty = false;
  /** Changes whenever the entries do: what was worked out from them (version links) can be kept until then. */
  generation = 0;
  private sortedMemo: { generation: number; entries: CatalogEntry[] } | null = null;

  constructor(opts: CatalogOptions) {
    this.opts = opts;
  }

  /** The entries, checked against the folders (cheap when nothing changed), in import order. */
  current(): CatalogEntry[] {
    this.refresh();
    if (this.dirty) {
      try {
        this.persist();
      } catch {
        // Written the next time it can be.
      }
    }
    return this.sorted();
  }

  /** The entries as last checked, without looking at the folders again. */
  cached(): CatalogEntry[] {
    return this.sorted();
  }

  /** One entry, after checking (use `peek` inside a batch that keeps the catalog current itself). */
  get(id: string): CatalogEntry | undefined {
    this.refresh();
    return this.entries.get(id);
  }

  peek(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  /** The id of the document imported from these bytes (SHA-256), if any. */
  findByContent(contentHash: string): string | undefined {
    return this.byContent.get(contentHash);
  }

  /** Records a document this process just wrote (its folder renamed into place, or its meta.json replaced). */
  put(entry: CatalogEntry): void {
    const old = this.entries.get(entry.id);
    if (old) this.byContent.delete(old.contentHash);
    this.entries.set(entry.id, entry);
    this.byContent.set(entry.contentHash, entry.id);
    this.generation++;
    this.acknowledge();
  }

  /**
   * Corrects one entry from its folder, read just now (meta.json changed unseen: an edit by another process
   * within the same tick of the clock as a change of this one, or counts of a newer parser). Written with the
   * next write of the catalog.
   */
  repair(entry: CatalogEntry): void {
    if (!this.entries.has(entry.id)) return;
    const old = this.entries.get(entry.id)!;
    this.byContent.delete(old.contentHash);
    this.entries.set(entry.id, entry);
    this.byContent.set(entry.contentHash, entry.id);
    this.generation++;
    this.dirty = true;
  }

  /** Records a document this process just removed. */
  delete(id: string): void {
    const old = this.entries.get(id);
    if (old) this.byContent.delete(old.contentHash);
    this.entries.delete(id);
    this.generation++;
    this.acknowledge();
  }

  /** Writes the catalog if it changed (atomically). */
  persist(): void {
    if (!this.dirty) return;
    if (!existsSync(this.opts.libraryDir)) return;
    const onDisk = statOrNull(this.opts.path);
    if (onDisk && this.fileSig !== null && statSig(onDisk) !== this.fileSig) this.mergeFromDisk();
    const file: CatalogFile = { schema: CATALOG_SCHEMA, dirMtimeMs: this.dirMtimeMs, documents: this.sorted() };
    writeFileAtomic(this.opts.path, JSON.stringify(file));
    const written = statOrNull(this.opts.path);
    this.fileSig = written ? statSig(written) : null;
    this.dirty = false;
  }

  /** After this process changed the library folder itself: the entries are valid for its new time. */
  private acknowledge(): void {
    const dir = statOrNull(this.opts.libraryDir);
    this.dirMtimeMs = dir ? dir.mtimeMs : null;
    this.dirty = true;
  }

  private sorted(): CatalogEntry[] {
    if (this.sortedMemo?.generation !== this.generation) {
      const entries = [...this.entries.values()].sort((a, b) => a.imported.localeCompare(b.imported) || a.id.localeCompare(b.id));
      this.sortedMemo = { generation: this.generation, entries };
    }
    return this.sortedMemo.entries;
  }

  private setAll(entries: Iterable<CatalogEntry>): void {
    this.generation++;
    this.entries = new Map();
    this.byContent = new Map();
    for (const e of entries) {
      this.entries.set(e.id, e);
      this.byContent.set(e.contentHash, e.id);
    }
  }

  private refresh(): void {
    const dir = statOrNull(this.opts.libraryDir);
    if (!dir) {
      this.setAll([]);
      this.dirMtimeMs = null;
      return;
    }
    const file = statOrNull(this.opts.path);
    const sig = file ? statSig(file) : null;
    if (sig !== this.fileSig) this.load(sig);
    let names: string[];
    try {
      names = readdirSync(this.opts.libraryDir).filter((n) => LIBRARY_ID.test(n));
    } catch {
      names = [];
    }
    if (this.dirMtimeMs === dir.mtimeMs && names.length === this.entries.size && names.every((n) => this.entries.has(n))) return;
    this.reconcile(names, dir.mtimeMs);
  }

  /** Reads catalog.json (another process wrote it, or this is the first use). */
  private load(sig: string | null): void {
    this.fileSig = sig;
    if (sig === null) {
      // No catalog yet: everything is read from the folders (reconcile), then written.
      this.setAll([]);
      this.dirMtimeMs = null;
      return;
    }
    try {
      const raw = JSON.parse(readFileSync(this.opts.path, 'utf8')) as CatalogFile;
      if (raw.schema !== CATALOG_SCHEMA || !Array.isArray(raw.documents)) throw new Error('schema');
      for (const e of raw.documents) {
        if (!e || typeof e.id !== 'string' || typeof e.metaSig !== 'string' || typeof e.title !== 'string' || !e.counts) throw new Error('entry');
      }
      this.setAll(raw.documents);
      this.dirMtimeMs = typeof raw.dirMtimeMs === 'number' ? raw.dirMtimeMs : null;
    } catch {
      this.opts.warn?.(say('library.catalog_rebuilt', { why: say('library.catalog_unreadable') }));
      this.setAll([]);
      this.dirMtimeMs = null;
    }
  }

  /** Brings the entries in line with the folders, reading only the meta.json files that changed. */
  private reconcile(names: string[], dirMtimeMs: number): void {
    const next: CatalogEntry[] = [];
    for (const id of names) {
      const meta = statOrNull(`${this.opts.libraryDir}/${id}/meta.json`);
      if (!meta) continue;
      const known = this.entries.get(id);
      if (known && known.metaSig === statSig(meta)) next.push(known);
      else {
        const read = this.opts.readEntry(id);
        if (read) next.push(read);
      }
    }
    this.setAll(next);
    this.dirMtimeMs = dirMtimeMs;
    this.dirty = true;
    try {
      this.persist();
    } catch {
      // A read-only library still lists; the catalog is written the next time it can be.
    }
  }

  /** Another process rewrote catalog.json since this one read it: keep, per document, the entry matching its meta.json. */
  private mergeFromDisk(): void {
    let theirs: CatalogEntry[] = [];
    try {
      const raw = JSON.parse(readFileSync(this.opts.path, 'utf8')) as CatalogFile;
      if (raw.schema === CATALOG_SCHEMA && Array.isArray(raw.documents)) theirs = raw.documents;
    } catch {
      return;
    }
    for (const t of theirs) {
      const ours = this.entries.get(t.id);
      if (!ours || ours.metaSig === t.metaSig) continue;
      const meta = statOrNull(`${this.opts.libraryDir}/${t.id}/meta.json`);
      if (meta && statSig(meta) === t.metaSig) {
        this.byContent.delete(ours.contentHash);
        this.entries.set(t.id, t);
        this.byContent.set(t.contentHash, t.id);
        this.generation++;
      }
    }
  }
}
