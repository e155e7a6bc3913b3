/**
 * The documents Duizhao knows: the embedded default corpus (corpus/manifest.json) and, by path, any text
 * file. Disk-aware, so it lives in services/ and not in the pure engine.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { DocumentDates, DocumentSummary } from '../api/contract';
import { decodeText } from '../engine/ingest';
import { DuizhaoError, parseRef, type LegalDocument } from '../engine/model';
import { parseDocument } from '../engine/parse';

export interface ManifestEntry {
  id: string;
  file: string;
  title: string;
  shortTitle?: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: DocumentDates;
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
    if (up === dir) throw new DuizhaoError('not_found', `corpus/manifest.json not found above ${start}`);
    dir = up;
  }
}

/** Largest text file we parse; a legal text of that size would be ~50 times the longest code in China. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

interface Loaded {
  summary: DocumentSummary;
  document: LegalDocument;
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
  private readonly manifest: ManifestEntry[];
  private readonly cache = new Map<string, Loaded>();

  constructor(opts: LibraryOptions) {
    this.corpusDir = opts.corpusDir;
    this.home = opts.home;
    const raw = JSON.parse(readFileSync(join(this.corpusDir, 'manifest.json'), 'utf8')) as { documents: ManifestEntry[] };
    this.manifest = raw.documents;
  }

  /** Manifest entries of the corpus, in order. */
  corpusEntries(): ManifestEntry[] {
    return this.manifest.slice();
  }

  list(): DocumentSummary[] {
    return this.manifest.map((e) => this.loadCorpus(e).summary);
  }

  /** Resolves a REF (corpus id, file path, optionally @N) to a parsed document and a version index. */
  get(ref: string): Loaded & { version: number } {
    const { source, version } = parseRef(ref);
    const entry = this.manifest.find((e) => e.id === source);
    const loaded = entry ? this.loadCorpus(entry) : this.loadFile(source);
    if (version >= loaded.document.versions.length) {
      const n = loaded.document.versions.length;
      throw new DuizhaoError('not_found', `${source} has ${n} version${n > 1 ? 's' : ''} (@0${n > 1 ? `–@${n - 1}` : ''}); @${version} does not exist`);
    }
    return { ...loaded, version };
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
    });
    const loaded = { summary, document };
    this.cache.set(entry.id, loaded);
    return loaded;
  }

  private loadFile(path: string): Loaded {
    const full = resolve(path);
    if (!existsSync(full)) throw new DuizhaoError('not_found', `no document or file named "${path}"`);
    const stat = statSync(full);
    if (!stat.isFile()) throw new DuizhaoError('bad_request', `${path} is not a file`);
    if (stat.size > MAX_TEXT_BYTES) throw new DuizhaoError('too_large', `${path} is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${MAX_TEXT_BYTES / 1048576} MB`);
    const { text } = decodeText(readFileSync(full), basename(path));
    const document = parseDocument(text, { id: path });
    const summary = summarise(document, { id: path, title: document.title, source: 'library', jurisdiction: '', kind: '', stage: '', dates: {} });
    return { summary, document };
  }
}
