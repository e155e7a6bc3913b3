/**
 * The documents Duizhao knows: the embedded default corpus (corpus/manifest.json), the user's own imported
 * documents (`<home>/library/<id>/`), and, by path, any text file. Disk-aware, so it lives in services/ and
 * not in the pure engine.
 *
 * An imported document is a folder named by its id (engine/ingest/ids.ts: `cn-law-d4bc36-2023`):
 *   original.<ext>   the file as given (its SHA-256 is the duplicate check)
 *   text.txt         the text read from it (UTF-8), which the parser reads on every load
 *   marks.json       bold/underline/strikethrough/shading runs of a Word or HTML file, if any
 *   meta.json        title, jurisdiction, kind, stage, dates (editable), the 修正/修订 with their kind,
 *                    counts, hashes, original name and path, times
 * `<home>/catalog.json` lists them all for the library list (services/catalog.ts): derived from the
 * folders, checked against them on every use, rebuilt when missing or damaged.
 *
 * Versions of one law (the same work: title and jurisdiction, ingest/metadata.ts workKey) are linked by
 * `supersedes`, each to the one before it by version date, computed whenever the list is read: imports,
 * edits and removals re-link them with no manual step. A corpus document's manifest link wins.
 *
 * Writes never leave a half document: an import builds `.tmp-<pid>-<random>/` and renames it into place;
 * a removal renames the folder to such a name before deleting it; meta.json is replaced by rename. Folders
 * named `.tmp-*` are never listed, and those of processes no longer running are deleted on start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { open as openAsync, mkdir as mkdirAsync, rm as rmAsync } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { decodeText, type SourceFormat } from '../engine/ingest';
import { libraryIdBase } from '../engine/ingest/ids';
import { versionLabel, workKey, type Amendment } from '../engine/ingest/metadata';
import { countsOf, prepareImport, sha256, type DocumentCounts, type PreparedImport } from '../engine/ingest/prepare';
import { fail, MAX_IMPORT_BYTES, parseRef, say, type LegalDocument, type TextMark } from '../engine/model';
import { parseDocument } from '../engine/parse';
import { fsyncDir, writeFileAtomic, writeNewFileDurable } from './atomic';
import { Catalog, LIBRARY_ID, statSig, type CatalogEntry } from './catalog';
import type { DocumentDates, DocumentMetadata, DocumentSummary, ImportPreview, ImportResult } from './types';

export interface ManifestEntry {
  id: string;
  file: string;
  title: string;
  shortTitle?: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: DocumentDates;
  /** The REF of the version this document follows in its legislative history (the enacted text follows
   * the 二次审议稿): what the Compare view's article history walks through. */
  supersedes?: string;
}

export interface LibraryOptions {
  corpusDir: string;
  home: string;
}

/** Where user data lives: $DUIZHAO_HOME when set, else the platform's per-user data folder. */
export function defaultHome(): string {
  if (process.env.DUIZHAO_HOME) return resolve(process.env.DUIZHAO_HOME);
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Duizhao');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Duizhao');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'duizhao');
}

/** The corpus folder, found by walking up from this module (works from source, from build/ and packaged). */
export function corpusDir(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'corpus', 'manifest.json');
    if (existsSync(candidate)) return dirname(candidate);
    const up = dirname(dir);
    if (up === dir) throw fail('not_found', 'library.corpus_missing', { start });
    dir = up;
  }
}

/** Largest text file we parse; a legal text of that size would be ~50 times the longest code in China. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export { MAX_IMPORT_BYTES };

const META_SCHEMA = 1;
/** Parsed imported documents kept in memory (a library of thousands is never held whole). */
const PARSED_CACHE_SIZE = 48;

/** meta.json of an imported document. */
export interface StoredMeta extends DocumentMetadata {
  schema: number;
  /** SHA-256 (hex) of the original file: the same file is never imported twice. */
  contentHash: string;
  /** SHA-256 (hex) of text.txt. */
  textHash: string;
  originalName: string;
  /** The original's file name inside the folder ("original.docx"). */
  originalFile: string;
  format: SourceFormat;
  encoding?: string;
  pages?: number;
  size: number;
  /** ISO times. */
  imported: string;
  updated: string;
  /** The 修正 and 修订 of `dates.amended` with their kind (修正 or 修订), oldest first. */
  amendments?: Amendment[];
  /** The date in the file name, the version's date when the text states none. */
  fileDate?: string;
  /** The path inside the folder or .zip the file was imported from. */
  sourcePath?: string;
  /** The parse's counts at import (the catalog is rebuilt from these without parsing). */
  counts?: DocumentCounts;
}

/** What changed in the library; listeners (e.g. a search index) update only that document. */
export interface LibraryChange {
  type: 'added' | 'updated' | 'removed';
  id: string;
  /** The document's new fingerprint (null once removed). */
  fingerprint: string | null;
}

/** A document as an index sees it: its metadata, the text file it is parsed from, and its fingerprint. */
export interface IndexableDocument extends DocumentMetadata {
  id: string;
  shortTitle?: string;
  source: 'corpus' | 'library';
  /** Which version of its law it is (标题（2019年修订）). */
  label?: string;
  /** The law it is a version of (the same for every version), and the version it follows. */
  work?: string;
  supersedes?: string;
  versionDate?: string;
  /** Absolute path of the text the document is parsed from. */
  textPath: string;
  /** Changes whenever the text or the metadata change. */
  fingerprint: string;
}

export interface ImportOptions {
  /** Reading progress 0..1 of a large PDF. */
  onProgress?: (fraction: number) => void;
  /** Each stage as it begins: reading the file, parsing its text, writing it into the library. */
  onStage?: (stage: 'read' | 'parse' | 'write') => void;
  /**
   * Checked between stages, and last before the new folder is renamed into place: a stopped import
   * leaves the library as it was. Throws to stop.
   */
  checkStopped?: () => void;
}

/** A document written under a temporary name, waiting to be renamed into place. */
export interface StagedDocument {
  temp: string;
  meta: StoredMeta;
}

/** How a prepared document is written (bulk imports trade per-document folder syncs for speed). */
export interface CommitOptions {
  /** fsync the library folder after the rename (a single import does; a bulk import does it in batches). */
  syncDir?: boolean;
  /** Refuse when the library already holds the same file (checked again just before the rename). */
  refuseDuplicate?: boolean;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Test hooks: `DUIZHAO_TEST_IMPORT_PAUSE=after-temp` stops an import after its temporary folder is written;
 * `DUIZHAO_TEST_IMPORT_PAUSE=after-N` stops a bulk import after its N-th document is in place.
 */
async function testPause(stage: string): Promise<void> {
  if (process.env.DUIZHAO_TEST_IMPORT_PAUSE !== stage) return;
  process.stderr.write(`duizhao: ${say('library.test_pause', { stage })}\n`);
  setInterval(() => undefined, 1 << 30);
  await new Promise<never>(() => undefined);
}

export { testPause as importTestPause };

const MAX_FIELD = 300;

function cleanField(value: unknown, field: string, allowEmpty: boolean): string {
  if (typeof value !== 'string') throw fail('bad_request', 'library.field_not_text', { field });
  // eslint-disable-next-line no-control-regex
  const v = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!allowEmpty && v === '') throw fail('bad_request', 'library.field_empty', { field });
  if (v.length > MAX_FIELD) throw fail('bad_request', 'library.field_too_long', { field, max: MAX_FIELD });
  return v;
}

const DATE_KEYS = ['adopted', 'amended', 'approved', 'effective', 'published', 'drafted'] as const;
const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function cleanDate(key: string, v: unknown): string {
  if (typeof v !== 'string' || !DATE_RE.test(v.trim())) throw fail('bad_request', 'library.bad_date', { key, value: String(v) });
  return v.trim();
}

function cleanDates(value: unknown, base: DocumentDates): DocumentDates {
  if (value === undefined) return { ...base, ...(base.amended ? { amended: [...base.amended] } : {}) };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('bad_request', 'library.dates_not_object');
  const out: DocumentDates = { ...base };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(DATE_KEYS as readonly string[]).includes(k)) throw fail('bad_request', 'library.unknown_date', { key: k, keys: DATE_KEYS.join('、') });
    const key = k as (typeof DATE_KEYS)[number];
    const empty = v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
    if (empty) {
      delete out[key];
      continue;
    }
    if (key === 'amended') {
      if (!Array.isArray(v)) throw fail('bad_request', 'library.amended_not_list');
      out.amended = [...new Set(v.map((d) => cleanDate(k, d)))].sort();
    } else out[key] = cleanDate(k, v);
  }
  return out;
}

/** Applies user edits to metadata: only the fields given change; each is checked. */
export function applyMetadata(base: DocumentMetadata, patch: Partial<DocumentMetadata>): DocumentMetadata {
  return {
    title: patch.title !== undefined ? cleanField(patch.title, 'title', false) : base.title,
    jurisdiction: patch.jurisdiction !== undefined ? cleanField(patch.jurisdiction, 'jurisdiction', true) : base.jurisdiction,
    kind: patch.kind !== undefined ? cleanField(patch.kind, 'kind', true) : base.kind,
    stage: patch.stage !== undefined ? cleanField(patch.stage, 'stage', true) : base.stage,
    dates: cleanDates(patch.dates, base.dates),
  };
}

/** The 修正/修订 of `amended`, keeping the kind the text gave each date (修正 for a date added by hand). */
function amendmentsOf(amended: string[] | undefined, known: Amendment[] = []): Amendment[] {
  const kinds = new Map(known.map((a) => [a.date, a.kind] as const));
  return (amended ?? []).map((date) => ({ date, kind: kinds.get(date) ?? '修正' }));
}

/** The date a version stands at: its last 修正/修订, else its adoption or publication, else the file name's date. */
export function versionDateOf(dates: DocumentDates, fileDate?: string): string | undefined {
  return dates.amended?.at(-1) ?? dates.adopted ?? dates.published ?? fileDate ?? dates.effective ?? dates.drafted;
}

/** Which version of which law: the work key, the label people read and the version's date. */
export function versionOf(meta: DocumentMetadata & { amendments?: Amendment[]; fileDate?: string }): { work: string; label: string; versionDate?: string } {
  const amendments = amendmentsOf(meta.dates.amended, meta.amendments);
  const versionDate = versionDateOf(meta.dates, meta.fileDate);
  const label = versionLabel({ title: meta.title, amendments, dates: meta.dates, stage: meta.stage, ...(versionDate ? { versionDate } : {}) });
  return { work: workKey(meta.title, meta.jurisdiction), label, ...(versionDate ? { versionDate } : {}) };
}

function fingerprintOf(meta: StoredMeta): string {
  const editable = JSON.stringify([meta.title, meta.jurisdiction, meta.kind, meta.stage, meta.dates]);
  return sha256(`${meta.textHash}\u0000${editable}`).slice(0, 24);
}

function entryOf(id: string, meta: StoredMeta, metaSig: string, counts: DocumentCounts): CatalogEntry {
  const v = versionOf(meta);
  return {
    id,
    title: meta.title,
    jurisdiction: meta.jurisdiction ?? '',
    kind: meta.kind ?? '',
    stage: meta.stage ?? '',
    dates: meta.dates,
    amendments: amendmentsOf(meta.dates.amended, meta.amendments),
    ...(v.versionDate ? { versionDate: v.versionDate } : {}),
    work: v.work,
    label: v.label,
    counts,
    fingerprint: fingerprintOf(meta),
    contentHash: meta.contentHash,
    textHash: meta.textHash,
    imported: meta.imported,
    originalName: meta.originalName,
    format: meta.format,
    size: meta.size,
    ...(meta.sourcePath ? { sourcePath: meta.sourcePath } : {}),
    metaSig,
  };
}

/**
 * Links each version of a work to the one before it by version date (documents of one work on the same
 * date are the same version in two files: neither follows the other). A link given already (the corpus
 * manifest's) is kept.
 */
export function linkVersions(documents: DocumentSummary[]): DocumentSummary[] {
  const works = new Map<string, DocumentSummary[]>();
  for (const d of documents) {
    if (!d.versionDate || !d.work) continue;
    const list = works.get(d.work) ?? [];
    list.push(d);
    works.set(d.work, list);
  }
  const links = new Map<string, string>();
  for (const list of works.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => a.versionDate!.localeCompare(b.versionDate!) || a.id.localeCompare(b.id));
    let previous: DocumentSummary | null = null;
    let current: DocumentSummary | null = null;
    for (const d of list) {
      if (current && d.versionDate !== current.versionDate) previous = current;
      if (!current || d.versionDate !== current.versionDate) current = d;
      // The predecessor's last version (a 对照稿's second text, say).
      if (previous) links.set(d.id, previous.versions > 1 ? `${previous.id}@${previous.versions - 1}` : previous.id);
    }
  }
  const linked = documents.map((d) => {
    if (d.supersedes || !links.has(d.id)) return d;
    return { ...d, supersedes: links.get(d.id)! };
  });
  // A version that follows another is a text of the same law, whatever its title says: the corpus's enacted
  // 湖南 办法 follows the 二次审议稿 of a 修改对照稿 titled otherwise. It takes the first version's work.
  const byId = new Map(linked.map((d) => [d.id, d]));
  const rootWork = (d: DocumentSummary, seen = new Set<string>()): string => {
    const before = d.supersedes ? byId.get(parseRef(d.supersedes).source) : undefined;
    if (!before || seen.has(d.id)) return d.work;
    seen.add(d.id);
    return rootWork(before, seen);
  };
  return linked.map((d) => {
    const work = rootWork(d);
    return work === d.work ? d : { ...d, work };
  });
}

interface LibraryEntry {
  id: string;
  dir: string;
  meta: StoredMeta;
  metaSig: string;
  fingerprint: string;
}

export interface Loaded {
  summary: DocumentSummary;
  document: LegalDocument;
}

/** Refuses a file over the import limit (before it is read, where its size is known). */
export function checkImportSize(name: string, size: number): void {
  if (size > MAX_IMPORT_BYTES) {
    throw fail('too_large', 'library.too_large', { name, mb: (size / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 });
  }
}

/** A parsed document at version `version`, refused when it has no such version. */
export function withVersion<T extends Loaded>(loaded: T, source: string, version: number): T & { version: number } {
  if (version >= loaded.document.versions.length) {
    throw fail('not_found', 'library.no_such_version', { source, n: loaded.document.versions.length, version });
  }
  return { ...loaded, version };
}

export function summarise(
  doc: LegalDocument,
  meta: Omit<DocumentSummary, 'versions' | 'versionLabels' | 'articles' | 'chapters' | 'warnings' | 'label' | 'work'> & Partial<Pick<DocumentSummary, 'label' | 'work'>>,
): DocumentSummary {
  const v = meta.label !== undefined && meta.work !== undefined ? { label: meta.label, work: meta.work, versionDate: meta.versionDate } : versionOf(meta);
  return { ...meta, ...countsOf(doc), label: v.label, work: v.work, ...(v.versionDate ? { versionDate: v.versionDate } : {}) };
}

function summaryOfEntry(e: CatalogEntry): DocumentSummary {
  return {
    id: e.id,
    title: e.title,
    source: 'library',
    jurisdiction: e.jurisdiction,
    kind: e.kind,
    stage: e.stage,
    dates: e.dates,
    ...e.counts,
    label: e.label,
    work: e.work,
    ...(e.versionDate ? { versionDate: e.versionDate } : {}),
    fingerprint: e.fingerprint,
    imported: e.imported,
    originalName: e.originalName,
    format: e.format,
  };
}

/** Reads a whole small file through one descriptor, with the stat of what was read. */
function readWithSig(path: string): { text: string; sig: string } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { text: buf.subarray(0, off).toString('utf8'), sig: statSig(st) };
  } finally {
    closeSync(fd);
  }
}

export class Library {
  readonly corpusDir: string;
  readonly home: string;
  /** `<home>/library`: one folder per imported document. */
  readonly libraryDir: string;
  private readonly manifest: ManifestEntry[];
  private readonly catalog: Catalog;
  private readonly cache = new Map<string, Loaded>();
  /** Parsed imported documents, keyed by id, valid while their fingerprint is unchanged (least recently used last out). */
  private readonly libraryCache = new Map<string, { fingerprint: string; loaded: Loaded }>();
  private readonly corpusFingerprints = new Map<string, string>();
  private readonly listeners = new Set<(change: LibraryChange) => void>();
  private lastRefresh = 0;

  constructor(opts: LibraryOptions) {
    this.corpusDir = opts.corpusDir;
    this.home = opts.home;
    this.libraryDir = join(this.home, 'library');
    const raw = JSON.parse(readFileSync(join(this.corpusDir, 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] };
    this.manifest = raw.documents;
    this.catalog = new Catalog({
      libraryDir: this.libraryDir,
      path: join(this.home, 'catalog.json'),
      readEntry: (id) => this.readEntry(id),
      warn: (m) => process.stderr.write(`duizhao: ${m}\n`),
    });
    this.cleanLeftovers();
  }

  /** Manifest entries of the corpus, in order. */
  corpusEntries(): ManifestEntry[] {
    return this.manifest.slice();
  }

  /** The corpus, then the imported documents in the order they were imported; versions of one work linked. */
  list(): DocumentSummary[] {
    return linkVersions([...this.corpusSummaries(), ...this.catalogEntries().map(summaryOfEntry)]);
  }

  /** Resolves a REF (corpus id or library id, optionally @N) to a parsed document and a version index. */
  get(ref: string): Loaded & { version: number } {
    const { source, version } = parseRef(ref);
    const entry = this.manifest.find((e) => e.id === source);
    const imported = entry ? null : this.libraryEntry(source);
    if (!entry && !imported) throw fail('not_found', 'library.no_such_document', { id: source });
    const loaded = withVersion(entry ? this.loadCorpus(entry) : this.loadLibrary(imported!), source, version);
    const entries = Date.now() - this.lastRefresh > 1000 ? this.catalogEntries() : this.catalog.cached();
    return { summary: this.withLinks(loaded.summary, entries), document: loaded.document, version };
  }

  /** Whether `id` names a document of the corpus or of the library. */
  has(id: string): boolean {
    return this.manifest.some((e) => e.id === id) || this.libraryEntry(id) !== null;
  }

  /**
   * Every document with the text file it is parsed from and a fingerprint, for indexes that keep their
   * own cache: re-index a document only when its fingerprint changed (and drop ids no longer listed).
   */
  documentEntries(): IndexableDocument[] {
    const entries = this.catalogEntries();
    const { links, works } = this.linksOf(entries);
    const corpus = this.manifest.map((e) => {
      const s = this.loadCorpus(e).summary;
      const supersedes = e.supersedes ?? links.get(e.id);
      return {
        id: e.id,
        title: e.title,
        ...(e.shortTitle ? { shortTitle: e.shortTitle } : {}),
        jurisdiction: e.jurisdiction,
        kind: e.kind,
        stage: e.stage,
        dates: { ...e.dates },
        source: 'corpus' as const,
        label: s.label,
        work: works.get(e.id) ?? s.work,
        ...(s.versionDate ? { versionDate: s.versionDate } : {}),
        ...(supersedes ? { supersedes } : {}),
        textPath: join(this.corpusDir, e.file),
        fingerprint: this.corpusFingerprint(e),
      };
    });
    const library = entries.map((l) => {
      const supersedes = links.get(l.id);
      return {
        id: l.id,
        title: l.title,
        jurisdiction: l.jurisdiction,
        kind: l.kind,
        stage: l.stage,
        dates: { ...l.dates },
        source: 'library' as const,
        label: l.label,
        work: works.get(l.id) ?? l.work,
        ...(l.versionDate ? { versionDate: l.versionDate } : {}),
        ...(supersedes ? { supersedes } : {}),
        textPath: join(this.libraryDir, l.id, 'text.txt'),
        fingerprint: l.fingerprint,
      };
    });
    return [...corpus, ...library];
  }

  /** Calls `listener` after each import, metadata edit and removal made through this Library; answers an unsubscribe. */
  onChange(listener: (change: LibraryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: LibraryChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch (e) {
        process.stderr.write(`duizhao: ${say('library.listener_failed', { detail: e instanceof Error ? e.message : String(e) })}\n`);
      }
    }
  }

  // ----------------------------------------------------------------------------------------------------
  // Import

  /** Reads and parses a file as an import would, without writing anything. */
  async previewImport(bytes: Uint8Array, name: string, options: ImportOptions = {}): Promise<ImportPreview> {
    const p = await this.prepare(bytes, name, options);
    const duplicate = this.findByContent(p.contentHash);
    return {
      name,
      size: bytes.length,
      format: p.format,
      ...(p.encoding ? { encoding: p.encoding } : {}),
      ...(p.pages ? { pages: p.pages } : {}),
      kind: p.parsedKind,
      versions: p.counts.versions,
      versionLabels: p.counts.versionLabels,
      articles: p.counts.articles,
      chapters: p.counts.chapters,
      marks: p.marks?.length ?? 0,
      suggested: suggestedMetadata(p),
      warnings: p.warnings,
      duplicateOf: duplicate ?? null,
      contentHash: p.contentHash,
    };
  }

  /**
   * Adds a file to the library: read, parse (refused when it is not a legal text), refuse a duplicate,
   * write the folder under a temporary name, rename it into place. Any failure leaves the library as it was.
   */
  async importBytes(bytes: Uint8Array, name: string, meta: Partial<DocumentMetadata> = {}, options: ImportOptions = {}): Promise<ImportResult> {
    const p = await this.prepare(bytes, name, options);
    const metadata = applyMetadata(suggestedMetadata(p), meta);
    options.onStage?.('write');
    this.refuseDuplicate(p.contentHash, name);
    const entry = await this.commitPrepared(p, metadata, { syncDir: true, refuseDuplicate: true, name, ...(options.checkStopped ? { checkStopped: options.checkStopped } : {}) });
    this.catalog.persist();
    const loaded = this.loadLibrary(this.libraryEntry(entry.id) ?? this.readBackFailed(entry.id));
    this.emit({ type: 'added', id: entry.id, fingerprint: entry.fingerprint });
    return { id: entry.id, title: entry.title, articles: loaded.summary.articles, warnings: p.warnings, summary: this.withLinks(loaded.summary) };
  }

  /**
   * Writes a prepared document: its folder under a temporary name (each file flushed to disk), then renamed
   * to a free id. Answers its catalog entry; the caller persists the catalog (a bulk import, in batches).
   */
  async commitPrepared(p: PreparedImport, metadata: DocumentMetadata, opts: CommitOptions & { name?: string; checkStopped?: () => void } = {}): Promise<CatalogEntry> {
    const staged = await this.stage(p, metadata, opts.name);
    try {
      await testPause('after-temp');
      opts.checkStopped?.();
      // A second import of the same file may have finished meanwhile (another window, the CLI).
      if (opts.refuseDuplicate) this.refuseDuplicate(p.contentHash, staged.meta.originalName);
      return this.place(staged, opts.syncDir ?? true);
    } catch (e) {
      this.discard(staged);
      throw e;
    }
  }

  /** Writes a prepared document's folder under a temporary name; nothing is listed until `place`. */
  async stage(p: PreparedImport, metadata: DocumentMetadata, originalName?: string, importedAt = new Date()): Promise<StagedDocument> {
    const now = importedAt.toISOString();
    const name = originalName ?? (p.path.split(/[\\/]/).pop() || p.path);
    const ext = extname(name).toLowerCase().replace(/[^.a-z0-9]/g, '') || `.${p.format}`;
    const stored: StoredMeta = {
      schema: META_SCHEMA,
      ...metadata,
      contentHash: p.contentHash,
      textHash: p.textHash,
      originalName: name,
      originalFile: `original${ext}`,
      format: p.format,
      ...(p.encoding ? { encoding: p.encoding } : {}),
      ...(p.pages ? { pages: p.pages } : {}),
      size: p.size,
      imported: now,
      updated: now,
      amendments: amendmentsOf(metadata.dates.amended, p.suggested.amendments),
      ...(p.fileDate ? { fileDate: p.fileDate } : {}),
      ...(p.path !== name ? { sourcePath: p.path } : {}),
      counts: p.counts,
    };
    await mkdirAsync(this.libraryDir, { recursive: true });
    const temp = join(this.libraryDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await mkdirAsync(temp);
      await Promise.all([
        writeDurable(join(temp, stored.originalFile), p.original ?? Buffer.from(p.text, 'utf8')),
        writeDurable(join(temp, 'text.txt'), p.text),
        p.marks?.length ? writeDurable(join(temp, 'marks.json'), JSON.stringify(p.marks)) : Promise.resolve(),
        writeDurable(join(temp, 'meta.json'), JSON.stringify(stored, null, 2) + '\n'),
      ]);
    } catch (e) {
      await rmAsync(temp, { recursive: true, force: true });
      throw e;
    }
    return { temp, meta: stored };
  }

  /** Renames a staged folder to its id (the first free one of `cn-law-d4bc36-2023`, `…-2`, …): the commit. */
  place(staged: StagedDocument, syncDir = true): CatalogEntry {
    const v = versionOf(staged.meta);
    const base = libraryIdBase({ jurisdiction: staged.meta.jurisdiction, kind: staged.meta.kind, work: v.work, ...(v.versionDate ? { versionDate: v.versionDate } : {}) });
    const id = this.renameIntoPlace(staged.temp, base, syncDir);
    const entry = entryOf(id, staged.meta, statSig(statSync(join(this.libraryDir, id, 'meta.json'))), staged.meta.counts!);
    this.catalog.put(entry);
    return entry;
  }

  /** Deletes a staged folder that will not be placed. */
  discard(staged: StagedDocument): void {
    rmSync(staged.temp, { recursive: true, force: true });
  }

  /** Writes the catalog now (a bulk import calls this between batches and at the end), flushing the folder. */
  persistCatalog(): void {
    fsyncDir(this.libraryDir);
    this.catalog.persist();
  }

  /** The library document holding exactly these bytes (SHA-256), if any. */
  findByContent(contentHash: string): string | undefined {
    this.catalogEntries();
    return this.catalog.findByContent(contentHash);
  }

  /** The same, from the catalog as last checked (a bulk import checks it once, then keeps it current itself). */
  findByContentCached(contentHash: string): string | undefined {
    return this.catalog.findByContent(contentHash);
  }

  /** An imported document's catalog entry as last checked. */
  catalogEntry(id: string): CatalogEntry | undefined {
    return this.catalog.peek(id);
  }

  /** Tells listeners about documents a bulk import added. */
  announce(change: LibraryChange): void {
    this.emit(change);
  }

  /** Edits the metadata of an imported document (meta.json is replaced by rename). */
  updateMetadata(id: string, patch: Partial<DocumentMetadata>): DocumentSummary {
    const entry = this.requireImported(id, 'edit');
    const next = applyMetadata(entry.meta, patch);
    const stored: StoredMeta = {
      ...entry.meta,
      ...next,
      amendments: amendmentsOf(next.dates.amended, entry.meta.amendments),
      updated: new Date().toISOString(),
    };
    // Written beside the documents and renamed into the document's folder, so the library folder itself
    // changes and every process's catalog notices the edit (services/catalog.ts).
    const temp = join(this.libraryDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      writeNewFileDurable(temp, JSON.stringify(stored, null, 2) + '\n');
      renameSync(temp, join(entry.dir, 'meta.json'));
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    fsyncDir(entry.dir);
    fsyncDir(this.libraryDir);
    const updated = this.libraryEntry(id)!;
    const known = this.catalog.peek(id);
    const counts = stored.counts ?? known?.counts ?? countsOf(this.loadLibrary(updated).document);
    this.catalog.put(entryOf(id, stored, updated.metaSig, counts));
    this.catalog.persist();
    const { summary } = this.loadLibrary(updated);
    this.emit({ type: 'updated', id, fingerprint: updated.fingerprint });
    return this.withLinks(summary);
  }

  /** Removes an imported document: renamed away first (so it disappears at once and whole), then deleted. */
  remove(id: string): void {
    const entry = this.requireImported(id, 'remove');
    // The id is never given to another document: notes and links that name it must not slide onto a
    // different text imported later under the same file name.
    this.retire(id);
    const trash = join(this.libraryDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    renameSync(entry.dir, trash);
    this.libraryCache.delete(id);
    this.catalog.delete(id);
    this.catalog.persist();
    try {
      rmSync(trash, { recursive: true, force: true });
    } catch {
      // Left for the clean-up on the next start; it is no longer listed.
    }
    this.emit({ type: 'removed', id, fingerprint: null });
  }

  private readBackFailed(id: string): never {
    throw fail('internal', 'library.read_back_failed', { id });
  }

  private requireImported(id: string, action: 'edit' | 'remove'): LibraryEntry {
    if (this.manifest.some((e) => e.id === id)) {
      throw fail('bad_request', 'library.corpus_readonly', { id, action: say(action === 'edit' ? 'library.action_edit' : 'library.action_remove') });
    }
    const entry = this.libraryEntry(id);
    if (!entry) throw fail('not_found', 'library.no_such_import', { id });
    return entry;
  }

  private checkSize(name: string, size: number): void {
    checkImportSize(name, size);
  }

  private refuseDuplicate(contentHash: string, name: string): void {
    const existing = this.findByContent(contentHash);
    if (existing) {
      throw fail('exists', 'library.duplicate', { name, id: existing, title: this.catalog.peek(existing)?.title ?? '' });
    }
  }

  private async prepare(bytes: Uint8Array, name: string, options: ImportOptions): Promise<PreparedImport> {
    this.checkSize(name, bytes.length);
    options.checkStopped?.();
    options.onStage?.('read');
    const r = await prepareImport(bytes, name, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      onParse: () => {
        options.checkStopped?.();
        options.onStage?.('parse');
      },
    });
    options.checkStopped?.();
    if (r.status === 'skip') throw fail('no_articles', 'library.no_articles', { name });
    return { ...r.prepared, original: bytes };
  }

  private retiredPath(): string {
    return join(this.libraryDir, '.retired.json');
  }

  /** Ids of removed documents (never reused). */
  private retiredIds(): string[] {
    try {
      const ids = JSON.parse(readFileSync(this.retiredPath(), 'utf8')) as unknown;
      return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private retire(id: string): void {
    const ids = new Set(this.retiredIds());
    ids.add(id);
    writeFileAtomic(this.retiredPath(), JSON.stringify([...ids], null, 1) + '\n');
  }

  /** Renames the finished temporary folder to the first free id (`id`, `id-2`, …). */
  private renameIntoPlace(temp: string, base: string, syncDir: boolean): string {
    const taken = new Set([...this.manifest.map((e) => e.id), ...this.retiredIds()]);
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? base : `${base.slice(0, 58)}-${n}`;
      if (taken.has(id) || existsSync(join(this.libraryDir, id))) continue;
      try {
        renameSync(temp, join(this.libraryDir, id));
        if (syncDir) fsyncDir(this.libraryDir);
        return id;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // The name was taken between the check and the rename (another process): try the next.
        if (code === 'EEXIST' || code === 'ENOTEMPTY' || code === 'EPERM') continue;
        throw e;
      }
    }
    throw fail('internal', 'library.no_free_id', { base });
  }

  /** Deletes `.tmp-*` folders left by imports or removals of processes that are no longer running. */
  private cleanLeftovers(): void {
    let names: string[];
    try {
      names = readdirSync(this.libraryDir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = /^\.tmp-(\d+)-/.exec(name);
      if (!m) continue;
      const pid = Number(m[1]);
      if (pid === process.pid || processAlive(pid)) continue;
      try {
        rmSync(join(this.libraryDir, name), { recursive: true, force: true });
      } catch {
        // Housekeeping only.
      }
    }
  }

  // ----------------------------------------------------------------------------------------------------
  // Reading

  /** The catalog's entries, checked against the folders. */
  private catalogEntries(): CatalogEntry[] {
    this.lastRefresh = Date.now();
    return this.catalog.current();
  }

  private corpusSummaries(): DocumentSummary[] {
    return this.manifest.map((e) => this.loadCorpus(e).summary);
  }

  private linkMemo: { generation: number; links: Map<string, string>; works: Map<string, string> } | null = null;

  /** Which version each document follows, and the work it is a version of (linkVersions over the whole library). */
  private linksOf(entries: CatalogEntry[]): { links: Map<string, string>; works: Map<string, string> } {
    if (this.linkMemo?.generation === this.catalog.generation) return this.linkMemo;
    const links = new Map<string, string>();
    const works = new Map<string, string>();
    for (const d of linkVersions([...this.corpusSummaries(), ...entries.map(summaryOfEntry)])) {
      if (d.supersedes) links.set(d.id, d.supersedes);
      works.set(d.id, d.work);
    }
    this.linkMemo = { generation: this.catalog.generation, links, works };
    return this.linkMemo;
  }

  /**
   * A summary with the version it follows and its work. Opening a document should not cost a look at the
   * whole library each time (an index build opens thousands): `get` checks the catalog against the folders
   * at most once a second.
   */
  private withLinks(summary: DocumentSummary, entries: CatalogEntry[] = this.catalog.cached()): DocumentSummary {
    const { links, works } = this.linksOf(entries);
    const supersedes = summary.supersedes ?? links.get(summary.id);
    const work = works.get(summary.id) ?? summary.work;
    return supersedes === summary.supersedes && work === summary.work ? summary : { ...summary, ...(supersedes ? { supersedes } : {}), work };
  }

  /** A document's catalog entry read from its folder (meta.json; the text is parsed only for counts an old import lacks). */
  private readEntry(id: string): CatalogEntry | null {
    const entry = this.libraryEntry(id);
    if (!entry) return null;
    let counts = entry.meta.counts;
    if (!counts) {
      try {
        counts = countsOf(this.loadLibrary(entry).document);
      } catch {
        return null;
      }
    }
    return entryOf(id, entry.meta, entry.metaSig, counts);
  }

  private libraryEntry(id: string): LibraryEntry | null {
    if (!LIBRARY_ID.test(id)) return null;
    const dir = join(this.libraryDir, id);
    let meta: StoredMeta;
    let metaSig: string;
    try {
      const r = readWithSig(join(dir, 'meta.json'));
      meta = JSON.parse(r.text) as StoredMeta;
      metaSig = r.sig;
    } catch {
      return null;
    }
    if (!meta || typeof meta !== 'object' || typeof meta.title !== 'string' || typeof meta.textHash !== 'string') return null;
    meta.dates ??= {};
    return { id, dir, meta, metaSig, fingerprint: fingerprintOf(meta) };
  }

  private loadLibrary(entry: LibraryEntry): Loaded {
    const cached = this.libraryCache.get(entry.id);
    if (cached && cached.fingerprint === entry.fingerprint) {
      this.libraryCache.delete(entry.id);
      this.libraryCache.set(entry.id, cached);
      return cached.loaded;
    }
    const text = readFileSync(join(entry.dir, 'text.txt'), 'utf8');
    const document = parseDocument(text, { id: entry.id, title: entry.meta.title });
    try {
      const marks = JSON.parse(readFileSync(join(entry.dir, 'marks.json'), 'utf8')) as TextMark[];
      if (Array.isArray(marks) && marks.length) document.marks = marks;
    } catch {
      // No marks (plain text or PDF).
    }
    // The catalog lists what this document is now: its metadata as read, its counts as parsed now.
    const known = this.catalog.peek(entry.id);
    const counts = countsOf(document);
    if (known && (known.metaSig !== entry.metaSig || JSON.stringify(known.counts) !== JSON.stringify(counts))) {
      this.catalog.repair(entryOf(entry.id, entry.meta, entry.metaSig, counts));
    }
    const v = versionOf(entry.meta);
    const summary: DocumentSummary = {
      ...summarise(document, {
        id: entry.id,
        title: entry.meta.title,
        source: 'library',
        jurisdiction: entry.meta.jurisdiction ?? '',
        kind: entry.meta.kind ?? '',
        stage: entry.meta.stage ?? '',
        dates: entry.meta.dates,
        label: v.label,
        work: v.work,
        ...(v.versionDate ? { versionDate: v.versionDate } : {}),
      }),
      fingerprint: entry.fingerprint,
      imported: entry.meta.imported,
      originalName: entry.meta.originalName,
      format: entry.meta.format,
    };
    const loaded = { summary, document };
    this.libraryCache.delete(entry.id);
    this.libraryCache.set(entry.id, { fingerprint: entry.fingerprint, loaded });
    while (this.libraryCache.size > PARSED_CACHE_SIZE) this.libraryCache.delete(this.libraryCache.keys().next().value!);
    return loaded;
  }

  private corpusFingerprint(entry: ManifestEntry): string {
    let fp = this.corpusFingerprints.get(entry.id);
    if (!fp) {
      const h = createHash('sha256');
      h.update(readFileSync(join(this.corpusDir, entry.file)));
      h.update(JSON.stringify([entry.title, entry.jurisdiction, entry.kind, entry.stage, entry.dates]));
      fp = h.digest('hex').slice(0, 24);
      this.corpusFingerprints.set(entry.id, fp);
    }
    return fp;
  }

  private loadCorpus(entry: ManifestEntry): Loaded {
    const cached = this.cache.get(entry.id);
    if (cached) return cached;
    const path = join(this.corpusDir, entry.file);
    const { text } = decodeText(readFileSync(path), entry.file);
    const document = parseDocument(text, { id: entry.id, title: entry.title });
    const v = versionOf(entry);
    const summary = summarise(document, {
      id: entry.id,
      title: entry.title,
      source: 'corpus',
      jurisdiction: entry.jurisdiction,
      kind: entry.kind,
      stage: entry.stage,
      dates: entry.dates,
      label: v.label,
      work: v.work,
      ...(v.versionDate ? { versionDate: v.versionDate } : {}),
      ...(entry.supersedes ? { supersedes: entry.supersedes } : {}),
    });
    summary.fingerprint = this.corpusFingerprint(entry);
    const loaded = { summary, document };
    this.cache.set(entry.id, loaded);
    return loaded;
  }

}

/** The form's starting point: what the text suggests (the 批准 date goes with the others). */
function suggestedMetadata(p: PreparedImport): DocumentMetadata {
  const s = p.suggested;
  const dates: DocumentDates = {};
  for (const k of ['adopted', 'amended', 'approved', 'effective', 'published', 'drafted'] as const) {
    const v = s.dates[k];
    if (v !== undefined) (dates as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  }
  return { title: s.title, jurisdiction: s.jurisdiction, kind: s.kind, stage: s.stage, dates };
}

/** Writes a new file and flushes it to disk (asynchronously: a bulk import has many in flight, and the
 * file system commits their flushes together). */
async function writeDurable(path: string, data: string | Uint8Array): Promise<void> {
  const fh = await openAsync(path, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
