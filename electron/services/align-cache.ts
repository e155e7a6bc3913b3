/**
 * The term profiles of the library's documents on disk (the align stage's DocumentProfile, plain JSON),
 * so that "其他地方怎么规定" and "同类法规" over a library of thousands start from counts instead of
 * segmenting every document again. Under `<home>/cache/align/`:
 *
 *   profiles/<id>@<version>-<key>.json   one document version's full profile (articles and summary);
 *                                        key = hash of the engine version and the document's fingerprint
 *   catalog.json                         per document of the library: its fingerprint, the version the
 *                                        library index holds, metadata, and the light part of its profile
 *                                        (title subject and summary terms) — what the library index is
 *                                        built from, in one read
 *
 * The engine version covers PROFILE_SCHEMA, the segmenter's legal dictionary and nodejieba's version: what
 * changes the terms a profile holds for the same text. A file that does not decode, or that holds another
 * document or engine, is deleted (with a warning) and its profile made again. Every write is atomic
 * (temporary file + rename): a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROFILE_SCHEMA, type DocumentProfile } from '../engine/align';
import { say } from '../engine/model';
import { dictionaryPath } from '../engine/segment';
import { writeFileAtomic } from './atomic';

export const ALIGN_CATALOG_SCHEMA = 1;

/** What the library index needs of a document, without its articles. */
export interface LightProfile {
  subject: string;
  subjectTerms: string[];
  summary: DocumentProfile['summary'];
  articles: number;
}

/** One document of the library as the catalog records it. */
export interface CatalogEntry {
  id: string;
  fingerprint: string;
  /** The version the library index holds (the latest: a 对照稿's later draft). */
  version: number;
  versions: number;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: Record<string, string | string[]>;
  /** The REF this document follows in its legislative history (it replaces that version). */
  supersedes?: string;
  /** The same for every version of one law (from the library, when it says). */
  work?: string;
  /** What tells this version of the law from the others (标题（2019年修订）), when the library says. */
  label?: string;
  /** The date the text stands at (its last 修正/修订, else adoption), when the library says. */
  versionDate?: string;
  light: LightProfile;
}

interface CatalogFile {
  schema: number;
  engine: string;
  entries: CatalogEntry[];
}

interface ProfileFile {
  engine: string;
  fingerprint: string;
  profile: DocumentProfile;
}

const sha = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(p);
    h.update('\u0000');
  }
  return h.digest('hex').slice(0, 24);
};

let engineMemo: string | null = null;

/** Everything that changes a profile of the same text (worked out once per process). */
export function profileEngineVersion(): string {
  if (engineMemo) return engineMemo;
  let jieba = 'unknown';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jieba = (require('nodejieba/package.json') as { version: string }).version;
  } catch {
    // The version is only part of the key.
  }
  const dict = dictionaryPath();
  const dictHash = dict && existsSync(dict) ? createHash('sha256').update(readFileSync(dict)).digest('hex').slice(0, 16) : 'none';
  engineMemo = `profile${PROFILE_SCHEMA}.catalog${ALIGN_CATALOG_SCHEMA}.jieba${jieba}.dict-${dictHash}`;
  return engineMemo;
}

/** The light part of a profile (what the catalog keeps). */
export function lightOf(profile: DocumentProfile): LightProfile {
  return { subject: profile.subject, subjectTerms: profile.subjectTerms, summary: profile.summary, articles: profile.articles.length };
}

export interface AlignCacheOptions {
  /** `<home>/cache/align` by default. */
  dir?: string;
  home?: string;
  /** Where warnings go (default: stderr). */
  warn?: (message: string) => void;
  /** The engine version (tests pass their own). */
  engine?: string;
}

export class AlignCache {
  readonly dir: string;
  readonly engine: string;
  private readonly warn: (message: string) => void;

  constructor(options: AlignCacheOptions) {
    if (!options.dir && !options.home) throw new Error('AlignCache needs a dir or a home');
    this.dir = options.dir ?? join(options.home!, 'cache', 'align');
    this.engine = options.engine ?? profileEngineVersion();
    this.warn = options.warn ?? ((m) => process.stderr.write(`duizhao: ${m}\n`));
  }

  /** The profile file's name for a document version in the state `fingerprint`. */
  profileFile(id: string, version: number, fingerprint: string): string {
    return `${id}@${version}-${sha(this.engine, fingerprint)}.json`;
  }

  private profilePath(file: string): string {
    return join(this.dir, 'profiles', file);
  }

  /** The cached profile, or null (missing, damaged — then deleted — or made by another engine). */
  loadProfile(id: string, version: number, fingerprint: string): DocumentProfile | null {
    const path = this.profilePath(this.profileFile(id, version, fingerprint));
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch {
      return null;
    }
    try {
      const f = JSON.parse(raw) as ProfileFile;
      const p = f?.profile;
      const fits =
        f.engine === this.engine &&
        f.fingerprint === fingerprint &&
        p?.schema === PROFILE_SCHEMA &&
        p.doc === id &&
        p.version === version &&
        Array.isArray(p.articles) &&
        Array.isArray(p.subjectTerms) &&
        Array.isArray(p.summary?.terms) &&
        Array.isArray(p.summary?.counts);
      if (!fits) throw new Error(say('align.cache_mismatch'));
      return p;
    } catch (e) {
      this.discard(path, e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /** Writes a profile (atomically); answers its file name. */
  saveProfile(fingerprint: string, profile: DocumentProfile): string {
    const file = this.profileFile(profile.doc, profile.version, fingerprint);
    const body: ProfileFile = { engine: this.engine, fingerprint, profile };
    writeAtomic(this.profilePath(file), JSON.stringify(body));
    return file;
  }

  /** The catalog's entries by `id#fingerprint` (empty when missing, damaged or of another engine). */
  readCatalog(): Map<string, CatalogEntry> {
    const path = join(this.dir, 'catalog.json');
    const out = new Map<string, CatalogEntry>();
    if (!existsSync(path)) return out;
    try {
      const c = JSON.parse(readFileSync(path, 'utf8')) as CatalogFile;
      if (c.schema !== ALIGN_CATALOG_SCHEMA || !Array.isArray(c.entries)) throw new Error(say('align.cache_mismatch'));
      // Another engine's catalog is simply stale (a new dictionary): no warning, everything is made again.
      if (c.engine !== this.engine) return out;
      for (const e of c.entries) {
        if (typeof e?.id !== 'string' || typeof e.fingerprint !== 'string' || !e.light || !Array.isArray(e.light.summary?.terms)) continue;
        out.set(catalogKey(e.id, e.fingerprint), e);
      }
    } catch (e) {
      this.discard(path, e instanceof Error ? e.message : String(e));
    }
    return out;
  }

  /** Replaces the catalog with `entries` (atomically). */
  writeCatalog(entries: CatalogEntry[]): void {
    const body: CatalogFile = { schema: ALIGN_CATALOG_SCHEMA, engine: this.engine, entries };
    writeAtomic(join(this.dir, 'catalog.json'), JSON.stringify(body));
  }

  /** Deletes profile files no longer named in `keep` (documents removed or changed). Housekeeping only. */
  sweep(keep: Set<string>): void {
    const dir = join(this.dir, 'profiles');
    try {
      for (const name of readdirSync(dir)) {
        // Temporary files (".name.pid.rand.tmp") may be another process's write in progress.
        if (!keep.has(name) && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
      }
    } catch {
      // A failure leaves old files behind, nothing worse.
    }
  }

  private discard(path: string, why: string): void {
    this.warn(say('align.cache_discarded', { path, detail: why }));
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}

export const catalogKey = (id: string, fingerprint: string): string => `${id}#${fingerprint}`;

function writeAtomic(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, data);
}
