/**
 * The documents Duizhao knows: the embedded default corpus (corpus/manifest.json) and the user's own
 * imported documents (`<home>/library/<id>/`), each named by its id. Disk-aware, so it lives in services/
 * and not in the pure engine. It reads no file by a path it is given: a text file named on the command line
 * is read by files.ts, which only the command line's application layer has.
 *
 * An imported document is a folder named by its id:
 *   original.<ext>   the file as given (its SHA-256 is the duplicate check)
 *   text.txt         the text read from it (UTF-8), which the parser reads on every load
 *   marks.json       bold/underline/strikethrough/shading runs of a Word or HTML file, if any
 *   meta.json        title, jurisdiction, kind, stage, dates (editable), hashes, original name, times
 * Writes never leave a half document: an import builds `.tmp-<pid>-<random>/` and renames it into place;
 * a removal renames the folder to such a name before deleting it; meta.json is replaced by rename. Folders
 * named `.tmp-*` are never listed, and those of processes no longer running are deleted on start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { decodeText, extractText, type Extracted, type SourceFormat } from '../engine/ingest';
import { suggestMetadata } from '../engine/ingest/metadata';
import { fail, MAX_IMPORT_BYTES, parseRef, say, type LegalDocument, type TextMark, type Warning } from '../engine/model';
import { parseDocument } from '../engine/parse';
import { fsyncDir, writeFileAtomic, writeNewFileDurable } from './atomic';
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

/** Ids of imported documents: lower-case ASCII, digits and hyphens, so they work in paths, URLs and REFs. */
const LIBRARY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const META_SCHEMA = 1;

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

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A test hook: `DUIZHAO_TEST_IMPORT_PAUSE=after-temp` stops an import after its temporary folder is written. */
async function testPause(stage: string): Promise<void> {
  if (process.env.DUIZHAO_TEST_IMPORT_PAUSE !== stage) return;
  process.stderr.write(`duizhao: ${say('library.test_pause', { stage })}\n`);
  setInterval(() => undefined, 1 << 30);
  await new Promise<never>(() => undefined);
}

const MAX_FIELD = 300;

function cleanField(value: unknown, field: string, allowEmpty: boolean): string {
  if (typeof value !== 'string') throw fail('bad_request', 'library.field_not_text', { field });
  // eslint-disable-next-line no-control-regex
  const v = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!allowEmpty && v === '') throw fail('bad_request', 'library.field_empty', { field });
  if (v.length > MAX_FIELD) throw fail('bad_request', 'library.field_too_long', { field, max: MAX_FIELD });
  return v;
}

const DATE_KEYS = ['adopted', 'effective', 'published', 'drafted'] as const;

function cleanDates(value: unknown, base: DocumentDates): DocumentDates {
  if (value === undefined) return { ...base };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('bad_request', 'library.dates_not_object');
  const out: DocumentDates = { ...base };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!(DATE_KEYS as readonly string[]).includes(k)) throw fail('bad_request', 'library.unknown_date', { key: k, keys: DATE_KEYS.join('、') });
    const key = k as (typeof DATE_KEYS)[number];
    if (v === '' || v === null || v === undefined) {
      delete out[key];
      continue;
    }
    if (typeof v !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v.trim())) {
      throw fail('bad_request', 'library.bad_date', { key: k, value: String(v) });
    }
    out[key] = v.trim();
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

/** An id from the file name when it has enough Latin letters or digits, else from the content hash. */
function baseId(name: string, contentHash: string): string {
  const stem = basename(name, extname(name));
  const slug = stem
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return (slug.match(/[a-z0-9]/g) ?? []).length >= 3 && LIBRARY_ID.test(slug) ? slug : `doc-${contentHash.slice(0, 8)}`;
}

interface Prepared {
  extracted: Extracted;
  document: LegalDocument;
  suggested: DocumentMetadata;
  contentHash: string;
  warnings: Warning[];
}

interface LibraryEntry {
  id: string;
  dir: string;
  meta: StoredMeta;
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

export function summarise(doc: LegalDocument, meta: Omit<DocumentSummary, 'versions' | 'versionLabels' | 'articles' | 'chapters' | 'warnings'>): DocumentSummary {
  return {
    ...meta,
    versions: doc.versions.length,
    versionLabels: doc.versions.map((v) => v.label),
    articles: doc.versions[0]?.articles.length ?? 0,
    chapters: doc.versions[0]?.chapters.length ?? 0,
    warnings: doc.warnings.filter((w) => w.level !== 'info').length,
  };
}

export class Library {
  readonly corpusDir: string;
  readonly home: string;
  /** `<home>/library`: one folder per imported document. */
  readonly libraryDir: string;
  private readonly manifest: ManifestEntry[];
  private readonly cache = new Map<string, Loaded>();
  /** Parsed imported documents, keyed by id, valid while their fingerprint is unchanged. */
  private readonly libraryCache = new Map<string, { fingerprint: string; loaded: Loaded }>();
  private readonly corpusFingerprints = new Map<string, string>();
  private readonly listeners = new Set<(change: LibraryChange) => void>();

  constructor(opts: LibraryOptions) {
    this.corpusDir = opts.corpusDir;
    this.home = opts.home;
    this.libraryDir = join(this.home, 'library');
    const raw = JSON.parse(readFileSync(join(this.corpusDir, 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] };
    this.manifest = raw.documents;
    this.cleanLeftovers();
  }

  /** Manifest entries of the corpus, in order. */
  corpusEntries(): ManifestEntry[] {
    return this.manifest.slice();
  }

  /** The corpus, then the imported documents in the order they were imported. */
  list(): DocumentSummary[] {
    const corpus = this.manifest.map((e) => this.loadCorpus(e).summary);
    const library: DocumentSummary[] = [];
    for (const entry of this.libraryEntries()) {
      try {
        library.push(this.loadLibrary(entry).summary);
      } catch {
        // A folder whose text cannot be read any more (edited by hand, disk trouble) is left out, not fatal.
      }
    }
    return [...corpus, ...library];
  }

  /** Resolves a REF (corpus id or library id, optionally @N) to a parsed document and a version index. */
  get(ref: string): Loaded & { version: number } {
    const { source, version } = parseRef(ref);
    const entry = this.manifest.find((e) => e.id === source);
    const imported = entry ? null : this.libraryEntry(source);
    if (!entry && !imported) throw fail('not_found', 'library.no_such_document', { id: source });
    return withVersion(entry ? this.loadCorpus(entry) : this.loadLibrary(imported!), source, version);
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
    const corpus = this.manifest.map((e) => ({
      id: e.id,
      title: e.title,
      ...(e.shortTitle ? { shortTitle: e.shortTitle } : {}),
      jurisdiction: e.jurisdiction,
      kind: e.kind,
      stage: e.stage,
      dates: { ...e.dates },
      source: 'corpus' as const,
      textPath: join(this.corpusDir, e.file),
      fingerprint: this.corpusFingerprint(e),
    }));
    const library = this.libraryEntries().map((l) => ({
      id: l.id,
      title: l.meta.title,
      jurisdiction: l.meta.jurisdiction,
      kind: l.meta.kind,
      stage: l.meta.stage,
      dates: { ...l.meta.dates },
      source: 'library' as const,
      textPath: join(l.dir, 'text.txt'),
      fingerprint: l.fingerprint,
    }));
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
    const duplicate = this.libraryEntries().find((e) => e.meta.contentHash === p.contentHash);
    return {
      name,
      size: bytes.length,
      format: p.extracted.format,
      ...(p.extracted.encoding ? { encoding: p.extracted.encoding } : {}),
      ...(p.extracted.pages ? { pages: p.extracted.pages } : {}),
      kind: p.document.kind,
      versions: p.document.versions.length,
      versionLabels: p.document.versions.map((v) => v.label),
      articles: p.document.versions[0]?.articles.length ?? 0,
      chapters: p.document.versions[0]?.chapters.length ?? 0,
      marks: p.extracted.marks?.length ?? 0,
      suggested: p.suggested,
      warnings: p.warnings,
      duplicateOf: duplicate?.id ?? null,
      contentHash: p.contentHash,
    };
  }

  /**
   * Adds a file to the library: read, parse (refused when it holds no articles), refuse a duplicate,
   * write the folder under a temporary name, rename it into place. Any failure leaves the library as it was.
   */
  async importBytes(bytes: Uint8Array, name: string, meta: Partial<DocumentMetadata> = {}, options: ImportOptions = {}): Promise<ImportResult> {
    const p = await this.prepare(bytes, name, options);
    const metadata = applyMetadata(p.suggested, meta);
    options.onStage?.('write');
    this.refuseDuplicate(p.contentHash, name);
    const now = new Date().toISOString();
    const ext = extname(name).toLowerCase().replace(/[^.a-z0-9]/g, '') || `.${p.extracted.format}`;
    const stored: StoredMeta = {
      schema: META_SCHEMA,
      ...metadata,
      contentHash: p.contentHash,
      textHash: sha256(p.extracted.text),
      originalName: name,
      originalFile: `original${ext}`,
      format: p.extracted.format,
      ...(p.extracted.encoding ? { encoding: p.extracted.encoding } : {}),
      ...(p.extracted.pages ? { pages: p.extracted.pages } : {}),
      size: bytes.length,
      imported: now,
      updated: now,
    };
    mkdirSync(this.libraryDir, { recursive: true });
    const temp = join(this.libraryDir, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    let id: string;
    try {
      mkdirSync(temp);
      writeNewFileDurable(join(temp, stored.originalFile), bytes);
      writeNewFileDurable(join(temp, 'text.txt'), p.extracted.text);
      if (p.extracted.marks?.length) writeNewFileDurable(join(temp, 'marks.json'), JSON.stringify(p.extracted.marks));
      writeNewFileDurable(join(temp, 'meta.json'), JSON.stringify(stored, null, 2) + '\n');
      await testPause('after-temp');
      options.checkStopped?.();
      // A second import of the same file may have finished meanwhile (another window, the CLI).
      this.refuseDuplicate(p.contentHash, name);
      id = this.renameIntoPlace(temp, baseId(name, p.contentHash));
    } catch (e) {
      rmSync(temp, { recursive: true, force: true });
      throw e;
    }
    const entry = this.libraryEntry(id);
    if (!entry) throw fail('internal', 'library.read_back_failed', { id });
    const loaded = this.loadLibrary(entry);
    this.emit({ type: 'added', id, fingerprint: entry.fingerprint });
    return { id, title: stored.title, articles: loaded.summary.articles, warnings: p.warnings, summary: loaded.summary };
  }

  /** Edits the metadata of an imported document (meta.json is replaced by rename). */
  updateMetadata(id: string, patch: Partial<DocumentMetadata>): DocumentSummary {
    const entry = this.requireImported(id, 'edit');
    const next = applyMetadata(entry.meta, patch);
    const stored: StoredMeta = { ...entry.meta, ...next, updated: new Date().toISOString() };
    writeFileAtomic(join(entry.dir, 'meta.json'), JSON.stringify(stored, null, 2) + '\n');
    const updated = this.libraryEntry(id)!;
    const { summary } = this.loadLibrary(updated);
    this.emit({ type: 'updated', id, fingerprint: updated.fingerprint });
    return summary;
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
    try {
      rmSync(trash, { recursive: true, force: true });
    } catch {
      // Left for the clean-up on the next start; it is no longer listed.
    }
    this.emit({ type: 'removed', id, fingerprint: null });
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
    const existing = this.libraryEntries().find((e) => e.meta.contentHash === contentHash);
    if (existing) {
      throw fail('exists', 'library.duplicate', { name, id: existing.id, title: existing.meta.title });
    }
  }

  private async prepare(bytes: Uint8Array, name: string, options: ImportOptions): Promise<Prepared> {
    this.checkSize(name, bytes.length);
    options.checkStopped?.();
    options.onStage?.('read');
    const extracted = await extractText(bytes, name, options);
    options.checkStopped?.();
    options.onStage?.('parse');
    const stem = basename(name, extname(name));
    const document = parseDocument(extracted.text, { id: stem });
    if (document.versions.every((v) => v.articles.length === 0)) {
      throw fail('no_articles', 'library.no_articles', { name });
    }
    const suggested = suggestMetadata(document, extracted.text, stem);
    // Reader warnings first (a missing page), then the parser's, in line order.
    const warnings = [...extracted.warnings, ...document.warnings].sort((a, b) => a.line - b.line);
    return { extracted, document, suggested, contentHash: sha256(bytes), warnings };
  }

  /** Renames the finished temporary folder to the first free id (`id`, `id-2`, …). */
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

  private renameIntoPlace(temp: string, base: string): string {
    const taken = new Set([...this.manifest.map((e) => e.id), ...this.retiredIds()]);
    for (let n = 1; n < 1000; n++) {
      const id = n === 1 ? base : `${base.slice(0, 58)}-${n}`;
      if (taken.has(id) || existsSync(join(this.libraryDir, id))) continue;
      try {
        renameSync(temp, join(this.libraryDir, id));
        fsyncDir(this.libraryDir);
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

  /** Imported documents whose meta.json reads; `.tmp-*` folders and anything unreadable are skipped. */
  private libraryEntries(): LibraryEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.libraryDir);
    } catch {
      return [];
    }
    const out: LibraryEntry[] = [];
    for (const name of names) {
      if (!LIBRARY_ID.test(name)) continue;
      const entry = this.libraryEntry(name);
      if (entry) out.push(entry);
    }
    return out.sort((a, b) => a.meta.imported.localeCompare(b.meta.imported) || a.id.localeCompare(b.id));
  }

  private libraryEntry(id: string): LibraryEntry | null {
    if (!LIBRARY_ID.test(id)) return null;
    const dir = join(this.libraryDir, id);
    let meta: StoredMeta;
    try {
      meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as StoredMeta;
    } catch {
      return null;
    }
    if (!meta || typeof meta !== 'object' || typeof meta.title !== 'string' || typeof meta.textHash !== 'string') return null;
    meta.dates ??= {};
    const editable = JSON.stringify([meta.title, meta.jurisdiction, meta.kind, meta.stage, meta.dates]);
    return { id, dir, meta, fingerprint: sha256(`${meta.textHash}\u0000${editable}`).slice(0, 24) };
  }

  private loadLibrary(entry: LibraryEntry): Loaded {
    const cached = this.libraryCache.get(entry.id);
    if (cached && cached.fingerprint === entry.fingerprint) return cached.loaded;
    const text = readFileSync(join(entry.dir, 'text.txt'), 'utf8');
    const document = parseDocument(text, { id: entry.id, title: entry.meta.title });
    try {
      const marks = JSON.parse(readFileSync(join(entry.dir, 'marks.json'), 'utf8')) as TextMark[];
      if (Array.isArray(marks) && marks.length) document.marks = marks;
    } catch {
      // No marks (plain text or PDF).
    }
    const summary: DocumentSummary = {
      ...summarise(document, {
        id: entry.id,
        title: entry.meta.title,
        source: 'library',
        jurisdiction: entry.meta.jurisdiction ?? '',
        kind: entry.meta.kind ?? '',
        stage: entry.meta.stage ?? '',
        dates: entry.meta.dates,
      }),
      fingerprint: entry.fingerprint,
      imported: entry.meta.imported,
      originalName: entry.meta.originalName,
      format: entry.meta.format,
    };
    const loaded = { summary, document };
    this.libraryCache.set(entry.id, { fingerprint: entry.fingerprint, loaded });
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
    const summary = summarise(document, {
      id: entry.id,
      title: entry.title,
      source: 'corpus',
      jurisdiction: entry.jurisdiction,
      kind: entry.kind,
      stage: entry.stage,
      dates: entry.dates,
      ...(entry.supersedes ? { supersedes: entry.supersedes } : {}),
    });
    summary.fingerprint = this.corpusFingerprint(entry);
    const loaded = { summary, document };
    this.cache.set(entry.id, loaded);
    return loaded;
  }
}
