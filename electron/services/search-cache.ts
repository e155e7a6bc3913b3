/**
 * The search index on disk: shards cached under `<home>/cache/search/`, so the app starts on the cached
 * index instead of segmenting every document again.
 *
 *   cache/search/catalog-<corpus key>.json   which shard files make up the index of this corpus
 *   cache/search/shards/<document key>@<version>.dzs   one shard per document version
 *
 * A document key hashes the engine version (shard format, analysis, segmenter dictionary, nodejieba) and
 * the library's fingerprint of the document (its text and metadata); the corpus key hashes the document
 * keys. A library that changed (an import, an edit, a new corpus file) finds no catalog (stale) and is
 * rebuilt, reusing the shards of unchanged documents. A file that fails to decode is deleted with a
 * warning and its document rebuilt. Files are written to a temporary name and renamed (services/atomic),
 * so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ANALYSIS_VERSION } from '../engine/index/analyse';
import { shardSources, type DocumentMeta } from '../engine/index/records';
import { SearchIndex, type Scorer } from '../engine/index/search';
import { buildShard, CorruptShardError, loadShard, serialiseShard, SHARD_FORMAT, TermMemo, type Shard } from '../engine/index/shard';
import type { SearchOptions, SearchResult, ShardMeta } from '../engine/index/types';
import { dictionaryPath, getSegmenter, type Segmenter } from '../engine/segment';
import { writeFileAtomic } from './atomic';
import type { IndexableDocument, Library } from './library';

/** What the cache needs of the library (the Library class fits; `onChange` keeps the index current). */
export type SearchLibrary = Pick<Library, 'home' | 'documentEntries' | 'get'> & Partial<Pick<Library, 'onChange'>>;

export const CATALOG_SCHEMA = 1;

interface CatalogShard {
  meta: ShardMeta;
  file: string;
}

interface Catalog {
  schema: number;
  engine: string;
  corpus: string;
  shards: CatalogShard[];
}

/** A document the index covers and the key of its current content. */
interface IndexedDocument {
  entry: IndexableDocument;
  key: string;
}

export interface SearchCacheOptions {
  library: SearchLibrary;
  /** Defaults to `<library home>/cache/search`. */
  cacheDir?: string;
  /** Where warnings go besides the search results (default: stderr). */
  warn?: (message: string) => void;
  scorer?: Scorer;
  /** The segmenter (tests and benchmarks pass the shared one; default getSegmenter()). */
  segmenter?: () => Segmenter;
}

export type SearchCacheState = 'idle' | 'loading' | 'building' | 'ready' | 'failed';

export interface SearchCacheStatus {
  state: SearchCacheState;
  /** How the index was obtained the last time it was opened. */
  source?: 'cache' | 'built' | 'partly-built';
  shards?: number;
  /** Shards segmented and built by this opening (the others came from the cache). */
  built?: number;
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

/** Everything that changes what an index holds for the same text (worked out once per process). */
export function engineVersion(): string {
  engineVersionMemo ??= `shard${SHARD_FORMAT}.analysis${ANALYSIS_VERSION}.catalog${CATALOG_SCHEMA}.jieba${jiebaVersion()}.dict-${sha(dictionaryBytes())}`;
  return engineVersionMemo;
}

/** Which documents, in which state, an index was opened on. */
const libraryState = (entries: Array<{ id: string; fingerprint: string }>): string => entries.map((e) => `${e.id}#${e.fingerprint}`).join('\u0000');

/** Writes `bytes` to `path` atomically (temporary file + rename), making the folder first. */
export function writeAtomic(path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, bytes);
}

export class SearchCache {
  readonly dir: string;
  private readonly library: SearchLibrary;
  private readonly warn: (message: string) => void;
  private readonly scorer: Scorer;
  private readonly segmenterOf: () => Segmenter;
  private opening: Promise<SearchIndex> | null = null;
  /** libraryState() of the documents the open index was built from. */
  private openedOn: string | null = null;
  private documents: IndexedDocument[] = [];
  private pendingWarnings: string[] = [];
  private status: SearchCacheStatus = { state: 'idle' };

  constructor(opts: SearchCacheOptions) {
    this.library = opts.library;
    this.dir = opts.cacheDir ?? join(opts.library.home, 'cache', 'search');
    this.warn = opts.warn ?? ((m) => process.stderr.write(`duizhao: ${m}\n`));
    this.scorer = opts.scorer ?? 'direct';
    this.segmenterOf = opts.segmenter ?? getSegmenter;
    // An import, edit or removal: the next search reopens, rebuilding only what changed.
    opts.library.onChange?.(() => {
      this.opening = null;
    });
  }

  getStatus(): SearchCacheStatus {
    return { ...this.status };
  }

  /**
   * Opens the index (from the cache, or building what is missing). Repeated calls share one opening;
   * call it early (after the server starts) so the first search does not wait.
   */
  open(): Promise<SearchIndex> {
    this.opening ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      try {
        return this.openNow();
      } catch (e) {
        this.status = { state: 'failed' };
        this.opening = null;
        throw e;
      }
    });
    return this.opening;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    // Another process (the CLI beside the app) may have imported or removed a document: onChange only
    // hears this process's changes, so compare what the library holds now with what the index was built on.
    if (this.openedOn !== null && libraryState(this.library.documentEntries()) !== this.openedOn) this.opening = null;
    const index = await this.open();
    const result = index.search(query, options);
    result.warnings.push(...this.takeWarnings());
    return result;
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

  private catalogPath(corpus: string): string {
    return join(this.dir, `catalog-${corpus}.json`);
  }

  private shardPath(key: string, version: number): string {
    return join(this.dir, 'shards', `${key}@${version}.dzs`);
  }

  private openNow(): SearchIndex {
    const started = performance.now();
    this.status = { state: 'loading' };
    const engine = engineVersion();
    const entries = this.library.documentEntries();
    this.openedOn = libraryState(entries);
    this.documents = entries.map((entry) => ({ entry, key: sha(engine, entry.id, entry.fingerprint) }));
    const corpus = sha(engine, ...this.documents.map((d) => d.key));
    const segmenter = this.segmenterOf();
    const index = new SearchIndex(segmenter, this.scorer);
    const catalog = this.readCatalog(corpus, engine);
    if (catalog) {
      for (const s of catalog.shards) index.add(s.meta, this.lazyShard(s.meta, join(this.dir, s.file)));
      this.status = { state: 'ready', source: 'cache', shards: catalog.shards.length, ms: performance.now() - started };
      return index;
    }
    // Stale or missing: build what is not cached yet, then record the catalog.
    this.status = { state: 'building' };
    let built = 0;
    let reused = 0;
    const memo = new TermMemo(segmenter);
    const shards: CatalogShard[] = [];
    for (const doc of this.documents) {
      const { document } = this.library.get(doc.entry.id);
      for (const source of shardSources(document, metaOf(doc.entry))) {
        const path = this.shardPath(doc.key, source.version);
        let shard: Shard | null = null;
        if (existsSync(path)) {
          try {
            shard = loadShard(readFileSync(path));
            reused++;
          } catch (e) {
            this.discard(path, e instanceof Error ? e.message : String(e));
          }
        }
        if (!shard) {
          shard = buildShard(segmenter, source, memo);
          writeAtomic(path, serialiseShard(shard));
          built++;
        }
        index.add(shard.meta, shard);
        shards.push({ meta: shard.meta, file: `shards/${doc.key}@${source.version}.dzs` });
      }
    }
    const out: Catalog = { schema: CATALOG_SCHEMA, engine, corpus, shards };
    writeAtomic(this.catalogPath(corpus), JSON.stringify(out));
    this.sweep(corpus, new Set(shards.map((s) => s.file)));
    this.status = { state: 'ready', source: reused > 0 ? 'partly-built' : 'built', shards: shards.length, built, ms: performance.now() - started };
    return index;
  }

  private readCatalog(corpus: string, engine: string): Catalog | null {
    const path = this.catalogPath(corpus);
    if (!existsSync(path)) return null;
    try {
      const c = JSON.parse(readFileSync(path, 'utf8')) as Catalog;
      if (c.schema !== CATALOG_SCHEMA || c.engine !== engine || c.corpus !== corpus || !Array.isArray(c.shards)) throw new Error('does not match this corpus');
      for (const s of c.shards) {
        if (typeof s.file !== 'string' || !s.meta || !existsSync(join(this.dir, s.file))) throw new Error(`shard ${String(s.file)} missing`);
      }
      return c;
    } catch (e) {
      this.discard(path, e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /**
   * Loads a cached shard when a search first needs it. A file that turns out unreadable then is deleted
   * with a warning and the shard rebuilt from its document, so the search goes on.
   */
  private lazyShard(meta: ShardMeta, path: string): () => Shard {
    return () => {
      try {
        const shard = loadShard(readFileSync(path));
        if (shard.meta.id !== meta.id) throw new CorruptShardError(`holds ${shard.meta.id}, expected ${meta.id}`);
        return shard;
      } catch (e) {
        if (!(e instanceof CorruptShardError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        this.discard(path, (e as Error).message);
        return this.rebuildShard(meta, path);
      }
    };
  }

  private rebuildShard(meta: ShardMeta, path: string): Shard {
    const doc = this.documents.find((d) => d.entry.id === meta.doc);
    const source = doc && shardSources(this.library.get(meta.doc).document, metaOf(doc.entry))[meta.version];
    if (!source) throw new CorruptShardError(`cannot rebuild ${meta.id}: the document is gone`);
    const shard = buildShard(this.segmenterOf(), source);
    writeAtomic(path, serialiseShard(shard));
    return shard;
  }

  private discard(path: string, why: string): void {
    this.note(`搜索索引缓存已损坏，已丢弃并重建：${path}（${why}）`);
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }

  /** Removes catalogs of other corpora and shards no catalog of this corpus uses. */
  private sweep(corpus: string, keep: Set<string>): void {
    try {
      for (const name of readdirSync(this.dir)) {
        if (name.startsWith('catalog-') && name !== `catalog-${corpus}.json`) rmSync(join(this.dir, name), { force: true });
      }
      const shardDir = join(this.dir, 'shards');
      for (const name of readdirSync(shardDir)) {
        // Temporary files (".name.pid.rand.tmp") may be another process's write in progress.
        if (!keep.has(`shards/${name}`) && !name.endsWith('.tmp')) rmSync(join(shardDir, name), { force: true });
      }
    } catch {
      // Sweeping is housekeeping: a failure leaves old files behind, nothing worse.
    }
  }
}

function metaOf(e: IndexableDocument): DocumentMeta {
  return { id: e.id, title: e.title, jurisdiction: e.jurisdiction, kind: e.kind, stage: e.stage, dates: { ...e.dates } };
}
