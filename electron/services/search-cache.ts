/**
 * The search index on disk, kept current as the library changes:
 *
 *   cache/search/index.json            the manifest: engine version, segments (with the documents and
 *                                      fingerprints each holds), tombstones of removed documents
 *   cache/search/segments/<id>.dzg     one segment (engine/index/segment.ts) each
 *
 * Opening reads the manifest and each segment's header and tables; postings and article texts are read
 * from the files as searches need them. Then it brings the index up to date with the library without
 * rebuilding what did not change: a document that is gone or changed gets a tombstone (its statistics
 * subtracted), a new or changed one goes into a new small segment. When small segments pile up or a
 * segment is mostly tombstones, those are rebuilt into one (compaction). An engine version change (format,
 * analysis, dictionary) rebuilds everything. A file that fails to decode is deleted with a warning and its
 * documents rebuilt. Every write is a temporary file + rename, the manifest last.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ANALYSIS_VERSION } from '../engine/index/analyse';
import { shardSources, type DocumentMeta } from '../engine/index/records';
import { SearchIndex, type Tombstone } from '../engine/index/search';
import { analyseSource, buildSegment, CorruptSegmentError, openSegment, SEGMENT_ARTICLES, SEGMENT_FORMAT, TermMemo, type AnalysedSource, type ByteSource } from '../engine/index/segment';
import { exportRows, type ExportRow } from '../engine/index/export';
import type { SearchOptions, SearchResult } from '../engine/index/types';
import { compileDictionary, CompiledSegmenter, COMPILED_DICTIONARY_FORMAT, dictionaryPath, getSegmenter, lazySegmenter, segmenterFiles, type Segmenter } from '../engine/segment';
import { writeFileAtomic } from './atomic';
import { startIndexWorkers, type IndexWorkerOptions } from './index-workers';
import type { IndexableDocument, Library } from './library';

/** What the cache needs of the library (the Library class fits; `onChange` keeps the index current). */
export type SearchLibrary = Pick<Library, 'home' | 'documentEntries' | 'get'> & Partial<Pick<Library, 'onChange' | 'corpusEntries'>>;

export const MANIFEST_SCHEMA = 1;
/** More segments than this: the small ones are rebuilt into one. */
export const MAX_SEGMENTS = 12;
/** Most hits one export writes. */
export const EXPORT_MAX = 10_000;
/** A segment whose articles are more than this share removed is rebuilt. */
const MAX_DEAD_SHARE = 0.3;

interface ManifestSegment {
  id: string;
  file: string;
  /** The documents it was built from, with their fingerprints then. */
  docs: Array<{ id: string; fingerprint: string }>;
  articles: number;
}

interface Manifest {
  schema: number;
  engine: string;
  segments: ManifestSegment[];
  tombstones: Tombstone[];
}

export interface SearchCacheOptions {
  library: SearchLibrary;
  /** Defaults to `<library home>/cache/search`. */
  cacheDir?: string;
  /** Where warnings go besides the search results (default: stderr). */
  warn?: (message: string) => void;
  /** The segmenter (tests and benchmarks pass the shared one; default getSegmenter()). */
  segmenter?: () => Segmenter;
  /**
   * What cuts queries. Default: with the default segmenter, jieba compiled into a dictionary kept beside the
   * index (engine/segment/compiled.ts: the same cut, without loading nodejieba, so a search from a cold start
   * does not wait 1–2 s for its dictionaries); with a segmenter given, that segmenter.
   */
  querySegmenter?: (() => QuerySegmenter) | 'compiled';
  /** Run the index's warm-up searches in the background once it is open (default true). */
  warmUp?: boolean;
  /** Worker threads of a large build (index-workers.ts; default: one per core when the build is large). */
  workers?: IndexWorkerOptions;
}

export type QuerySegmenter = Pick<Segmenter, 'cut' | 'cutForSearch'>;

export type SearchCacheState = 'idle' | 'loading' | 'building' | 'ready' | 'failed';

export interface SearchCacheStatus {
  state: SearchCacheState;
  /** How the index was obtained the last time it was brought up to date. */
  source?: 'cache' | 'built' | 'partly-built';
  segments?: number;
  /** Documents segmented and indexed by the last update (the others came from the cache). */
  built?: number;
  /** Document versions removed from the index by the last update (tombstones). */
  removed?: number;
  ms?: number;
}

const sha = (...parts: Array<string | Uint8Array>): string => {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 24);
};

/** The legal dictionary the segmenter loads: a changed dictionary changes every index. */
function dictionaryBytes(): Uint8Array {
  const path = dictionaryPath();
  return path && existsSync(path) ? readFileSync(path) : new Uint8Array(0);
}

function jiebaVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('nodejieba/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

let engineVersionMemo: string | null = null;
/** The compiled query dictionary, once per process (a process may open several caches: tests, the bench). */
let compiledMemo: Uint8Array | null = null;

/** jieba's dictionaries as the query side reads them (engine/segment/compiled.ts), from nodejieba's files. */
export function compiledDictionary(): Uint8Array {
  const files = segmenterFiles();
  return compileDictionary({ dict: readFileSync(files.dict, 'utf8'), userDict: readFileSync(files.userDict, 'utf8'), hmm: readFileSync(files.hmm, 'utf8') });
}

/** Everything that changes what an index holds for the same text (worked out once per process). */
export function engineVersion(): string {
  engineVersionMemo ??= `segment${SEGMENT_FORMAT}.analysis${ANALYSIS_VERSION}.manifest${MANIFEST_SCHEMA}.jieba${jiebaVersion()}.dict-${sha(dictionaryBytes())}`;
  return engineVersionMemo;
}

/** Which documents, in which state, an index was brought up to date with. */
const libraryState = (entries: Array<{ id: string; fingerprint: string }>): string => entries.map((e) => `${e.id}#${e.fingerprint}`).join('\u0000');

/** Writes `bytes` to `path` atomically (temporary file + rename), making the folder first. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes);
}

/** A segment file read piecewise (positional reads; the OS page cache keeps hot postings in memory). */
export class FileSource implements ByteSource {
  readonly byteLength: number;
  private fd: number | null;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    this.byteLength = fstatSync(this.fd).size;
  }
  read(offset: number, length: number): Uint8Array {
    if (this.fd === null) throw new CorruptSegmentError(`${this.path} closed`);
    const out = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new CorruptSegmentError(`${this.path}: unexpected end of file`);
      done += n;
    }
    return out;
  }
  readText(offset: number, length: number): string {
    return (this.read(offset, length) as Buffer).toString('utf8');
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export function metaOf(e: IndexableDocument, manifest?: { work?: string; supersedes?: string }): DocumentMeta {
  // `work` and `supersedes` from the entry where the library gives them, else from the corpus manifest.
  const extra = { ...manifest, ...(e as IndexableDocument & { work?: string; supersedes?: string }) };
  return {
    id: e.id,
    title: e.title,
    jurisdiction: e.jurisdiction,
    kind: e.kind,
    stage: e.stage,
    dates: { ...e.dates },
    ...(extra.work ? { work: extra.work } : {}),
    ...(extra.supersedes ? { supersedes: extra.supersedes } : {}),
  };
}

export class SearchCache {
  readonly dir: string;
  private readonly library: SearchLibrary;
  private readonly warn: (message: string) => void;
  private readonly segmenterOf: () => Segmenter;
  private readonly querySegmenterOf: () => QuerySegmenter;
  private warmUpAfterOpen: boolean;
  private readonly workerOptions: IndexWorkerOptions;
  private index: SearchIndex | null = null;
  private manifest: Manifest | null = null;
  private readonly sources = new Map<string, FileSource>();
  private opening: Promise<SearchIndex> | null = null;
  /** libraryState() of the documents the index is up to date with. */
  private syncedOn: string | null = null;
  private pendingWarnings: string[] = [];
  private status: SearchCacheStatus = { state: 'idle' };
  private warmedUp: SearchIndex | null = null;

  constructor(opts: SearchCacheOptions) {
    this.library = opts.library;
    this.dir = opts.cacheDir ?? join(opts.library.home, 'cache', 'search');
    this.warn = opts.warn ?? ((m) => process.stderr.write(`duizhao: ${m}\n`));
    this.segmenterOf = opts.segmenter ?? getSegmenter;
    const q = opts.querySegmenter ?? (opts.segmenter ? opts.segmenter : 'compiled');
    this.querySegmenterOf = q === 'compiled' ? () => this.compiledSegmenter() : q;
    this.warmUpAfterOpen = opts.warmUp ?? true;
    this.workerOptions = opts.workers ?? {};
    // An import, edit or removal: the next search brings the index up to date (that document only).
    opts.library.onChange?.(() => {
      this.syncedOn = null;
    });
  }

  /**
   * Runs the warm-up searches after every opening from now on (a long-lived process: the app's engine
   * worker; a command that searches once and exits is better off without them).
   */
  keepWarm(): void {
    this.warmUpAfterOpen = true;
    if (this.index) this.warmUpLater(this.index);
  }

  getStatus(): SearchCacheStatus {
    return { ...this.status };
  }

  /**
   * The index, opened from the cache and brought up to date with the library. Repeated calls share one
   * opening; call it early (after the server starts) so the first search does not wait.
   */
  open(): Promise<SearchIndex> {
    // Another process (the CLI beside the app) may have imported or removed a document: onChange only
    // hears this process's changes, so compare what the library holds now with what the index is synced on.
    if (this.opening && this.index && this.syncedOn !== libraryState(this.library.documentEntries())) this.opening = null;
    this.opening ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      try {
        const index = this.sync();
        if (this.warmUpAfterOpen) this.warmUpLater(index);
        return index;
      } catch (e) {
        this.status = { state: 'failed' };
        this.opening = null;
        throw e;
      }
    });
    return this.opening;
  }

  /**
   * The index's warm-up searches (SearchIndex.warmUpQueries), one per turn of the event loop after the
   * index is opened, so that a person's query waits for at most one of them; on timers that do not keep a
   * process alive (a command that searched once exits without them).
   */
  private warmUpLater(index: SearchIndex): void {
    if (this.warmedUp === index) return;
    this.warmedUp = index;
    const queries = index.warmUpQueries();
    let i = 0;
    const step = (): void => {
      if (i >= queries.length || this.index !== index) return;
      try {
        index.search(queries[i]!.query, queries[i]!.options);
      } catch {
        // A damaged segment is the next real search's to report.
      }
      i++;
      setTimeout(step, 0).unref();
    };
    setTimeout(step, 0).unref();
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    let index = await this.open();
    let result: SearchResult;
    try {
      result = index.search(query, options);
    } catch (e) {
      if (!(e instanceof CorruptSegmentError)) throw e;
      // A segment file damaged after it was opened: start over from what can be read.
      this.discard(join(this.dir, 'index.json'), e.message);
      this.reset();
      index = await this.open();
      result = index.search(query, options);
    }
    result.warnings.push(...this.takeWarnings());
    return result;
  }

  /**
   * Every hit of a search (up to EXPORT_MAX, best first or as `options.sort` says) as table rows with the
   * whole article text and a link back: for hitsToCsv / hitsToXlsx (engine/index/export.ts).
   */
  async exportRows(query: string, options: SearchOptions = {}, linkBase?: string): Promise<{ result: SearchResult; rows: ExportRow[] }> {
    const result = await this.search(query, { ...options, offset: 0, limit: EXPORT_MAX, groupLimit: 0 });
    const index = await this.open();
    return { result, rows: exportRows(index, result.hits, linkBase) };
  }

  /** Closes the segment files (tests, and before deleting the cache). */
  close(): void {
    for (const s of this.sources.values()) s.close();
    this.sources.clear();
    this.reset();
  }

  private reset(): void {
    for (const s of this.sources.values()) s.close();
    this.sources.clear();
    this.index = null;
    this.manifest = null;
    this.opening = null;
    this.syncedOn = null;
  }

  private takeWarnings(): string[] {
    const w = this.pendingWarnings;
    this.pendingWarnings = [];
    return w;
  }

  private note(message: string): void {
    this.warn(message);
    this.pendingWarnings.push(message);
  }

  private get dictionaryFile(): string {
    return `dictionary-${sha(engineVersion(), String(COMPILED_DICTIONARY_FORMAT))}.bin`;
  }

  /**
   * jieba's dictionaries compiled for the query side, read from beside the index (milliseconds), else
   * compiled from nodejieba's files (about a second, once per engine version) and kept. Should that fail,
   * queries are cut by nodejieba itself.
   */
  private compiledSegmenter(): QuerySegmenter {
    const path = join(this.dir, this.dictionaryFile);
    try {
      if (existsSync(path)) return new CompiledSegmenter(readFileSync(path));
    } catch {
      // damaged: compiled again below
    }
    try {
      compiledMemo ??= compiledDictionary();
      const bytes = compiledMemo;
      const segmenter = new CompiledSegmenter(bytes);
      writeAtomic(path, bytes);
      return segmenter;
    } catch {
      return lazySegmenter(this.segmenterOf);
    }
  }

  private get manifestPath(): string {
    return join(this.dir, 'index.json');
  }

  /** Opens (first time) and brings the index up to date with the library. */
  private sync(): SearchIndex {
    const started = performance.now();
    this.status = { ...this.status, state: this.index ? 'building' : 'loading' };
    const engine = engineVersion();
    const entries = this.library.documentEntries();
    const state = libraryState(entries);
    let fromCache = false;
    if (!this.index) {
      this.index = new SearchIndex(lazySegmenter(this.segmenterOf), this.querySegmenterOf());
      this.manifest = this.readManifest(engine);
      fromCache = this.manifest.segments.length > 0;
      for (const s of [...this.manifest.segments]) {
        if (!this.openSegmentFile(s)) this.manifest.segments = this.manifest.segments.filter((x) => x !== s);
      }
      this.index.restoreTombstones(this.manifest.tombstones);
    }
    const index = this.index;
    const manifest = this.manifest!;
    const current = new Map(entries.map((e) => [e.id, e.fingerprint] as const));
    // Live documents: in a segment with the fingerprint they were built with, and not tombstoned.
    const deadIds = new Set(index.removed.map((t) => `${t.segment}/${t.doc}`));
    const live = new Map<string, string>();
    let removed = 0;
    for (const s of manifest.segments) {
      for (const d of s.docs) {
        if (deadIds.has(`${s.id}/${d.id}`)) continue;
        if (current.get(d.id) === d.fingerprint && !live.has(d.id)) live.set(d.id, s.id);
        else {
          const t = this.removeFromSegment(s.id, d.id);
          removed += t;
        }
      }
    }
    const missing = entries.filter((e) => !live.has(e.id));
    const built = this.buildSegments(missing);
    this.compact(entries);
    manifest.tombstones = index.removed;
    this.writeManifest();
    this.sweep();
    this.syncedOn = state;
    this.status = {
      state: 'ready',
      source: built === 0 ? 'cache' : fromCache ? 'partly-built' : 'built',
      segments: manifest.segments.length,
      built,
      removed,
      ms: performance.now() - started,
    };
    return index;
  }

  /** Tombstones document `doc` in one segment only (another segment may hold its new text). */
  private removeFromSegment(segment: string, doc: string): number {
    return this.index!.removeDocument(doc, segment).length;
  }

  /** Builds segments for these documents (chunked to SEGMENT_ARTICLES); answers how many documents. */
  private buildSegments(docs: IndexableDocument[]): number {
    if (docs.length === 0) return 0;
    this.status = { ...this.status, state: 'building' };
    const manifest = new Map((this.library.corpusEntries?.() ?? []).map((c) => [c.id, c] as const));
    const load = (e: IndexableDocument) => shardSources(this.library.get(e.id).document, metaOf(e, manifest.get(e.id)));
    const write = (bytes: Uint8Array, segDocs: Array<{ id: string; fingerprint: string }>, articles: number): void => {
      const id = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
      const file = `segments/${id}.dzg`;
      writeAtomic(join(this.dir, file), bytes);
      const entry: ManifestSegment = { id, file, docs: segDocs, articles };
      if (this.openSegmentFile(entry)) this.manifest!.segments.push(entry);
    };
    // A large build is shared with worker threads (index-workers.ts), which segment with the default
    // segmenter only: they take the later documents, this thread the first ones, then writes theirs.
    const parallel = this.segmenterOf === getSegmenter ? startIndexWorkers(docs, load, this.workerOptions) : null;
    const segmenter = this.segmenterOf();
    const memo = new TermMemo(segmenter);
    const buildHere = (list: IndexableDocument[]): void => {
      let batch: AnalysedSource[] = [];
      let batchDocs: Array<{ id: string; fingerprint: string }> = [];
      let articles = 0;
      const flush = (): void => {
        if (batch.length === 0 && batchDocs.length === 0) return;
        write(buildSegment(batch), batchDocs, articles);
        batch = [];
        batchDocs = [];
        articles = 0;
      };
      for (const e of list) {
        const sources = load(e);
        const count = sources.reduce((s, v) => s + v.articles.length, 0);
        if (articles > 0 && articles + count > SEGMENT_ARTICLES) flush();
        for (const s of sources) batch.push(analyseSource(segmenter, s, memo));
        batchDocs.push({ id: e.id, fingerprint: e.fingerprint });
        articles += count;
      }
      flush();
    };
    try {
      buildHere(parallel ? docs.slice(0, parallel.here) : docs);
    } catch (e) {
      parallel?.cancel();
      throw e;
    }
    // The documents the workers did not deliver (none, unless one failed) are built here after theirs.
    if (parallel) buildHere(parallel.finish(write));
    return docs.length;
  }

  /**
   * Rebuilds into one the segments that are mostly tombstones, and the small ones when there are more
   * than MAX_SEGMENTS (the large segments of the first build stay as they are).
   */
  private compact(entries: IndexableDocument[]): void {
    const manifest = this.manifest!;
    const index = this.index!;
    const deadArticles = new Map<string, number>();
    for (const t of index.removed) deadArticles.set(t.segment, (deadArticles.get(t.segment) ?? 0) + t.articles);
    const heavy = manifest.segments.filter((s) => (deadArticles.get(s.id) ?? 0) > MAX_DEAD_SHARE * s.articles);
    let chosen = heavy;
    if (manifest.segments.length - heavy.length > MAX_SEGMENTS) {
      const small = manifest.segments.filter((s) => !heavy.includes(s) && s.articles < SEGMENT_ARTICLES / 4);
      chosen = [...heavy, ...small];
    }
    if (chosen.length === 0 || (chosen.length === 1 && heavy.length === 0)) return;
    const byId = new Map(entries.map((e) => [e.id, e] as const));
    const dead = new Set(index.removed.map((t) => `${t.segment}/${t.doc}`));
    const docs: IndexableDocument[] = [];
    for (const s of chosen) {
      for (const d of s.docs) {
        const e = byId.get(d.id);
        if (e && e.fingerprint === d.fingerprint && !dead.has(`${s.id}/${d.id}`)) docs.push(e);
      }
    }
    for (const s of chosen) {
      index.removeSegment(s.id);
      this.sources.get(s.id)?.close();
      this.sources.delete(s.id);
    }
    manifest.segments = manifest.segments.filter((s) => !chosen.includes(s));
    this.buildSegments(docs);
  }

  private openSegmentFile(s: ManifestSegment): boolean {
    const path = join(this.dir, s.file);
    try {
      const source = new FileSource(path);
      try {
        const seg = openSegment(source);
        this.index!.addSegment(s.id, seg);
        this.sources.set(s.id, source);
        return true;
      } catch (e) {
        source.close();
        throw e;
      }
    } catch (e) {
      if (!(e instanceof CorruptSegmentError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.discard(path, (e as Error).message);
      return false;
    }
  }

  private readManifest(engine: string): Manifest {
    const empty: Manifest = { schema: MANIFEST_SCHEMA, engine, segments: [], tombstones: [] };
    if (!existsSync(this.manifestPath)) return empty;
    try {
      const m = JSON.parse(readFileSync(this.manifestPath, 'utf8')) as Manifest;
      if (m.schema !== MANIFEST_SCHEMA || !Array.isArray(m.segments) || !Array.isArray(m.tombstones)) throw new Error('unreadable manifest');
      if (m.engine !== engine) return empty; // another engine version: rebuilt, old files swept
      return m;
    } catch (e) {
      this.discard(this.manifestPath, e instanceof Error ? e.message : String(e));
      return empty;
    }
  }

  private writeManifest(): void {
    writeAtomic(this.manifestPath, JSON.stringify(this.manifest));
  }

  private discard(path: string, why: string): void {
    this.note(`搜索索引缓存已损坏，已丢弃并重建：${path}（${why}）`);
    try {
      rmSync(path, { force: true });
    } catch {
      // already gone
    }
  }

  /** Removes segment files the manifest does not name (and the per-document shards of older versions). */
  private sweep(): void {
    const keep = new Set(this.manifest!.segments.map((s) => s.file));
    try {
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith('catalog-') || name === 'shards') rmSync(join(this.dir, name), { recursive: true, force: true });
        // Query dictionaries of other engine versions.
        if (/^dictionary-.*\.bin$/.test(name) && name !== this.dictionaryFile) rmSync(join(this.dir, name), { force: true });
      }
      const segDir = join(this.dir, 'segments');
      for (const name of readdirSync(segDir)) {
        // Temporary files (".name.pid.rand.tmp") may be another process's write in progress.
        if (!keep.has(`segments/${name}`) && !name.endsWith('.tmp')) rmSync(join(segDir, name), { force: true });
      }
    } catch {
      // Sweeping is housekeeping: a failure leaves old files behind, nothing worse.
    }
  }
}
