/**
 * Reading documents by REF, for every use-case. The application layer is built with the library (corpus
 * and imported documents, named by id) and, on the command line only, a reader of text files by path:
 * so the API's application layer cannot read a file named in a request, because it has no reader to do it
 * with (no handler has to remember a check). Cache keys carry each document's fingerprint, so a result
 * computed from a document that was edited, re-imported or removed is never served again.
 */
import type { NameInput } from '../engine/display';
import { fail, isDuizhaoError, type LegalDocument, type Version } from '../engine/model';
import type { IndexableDocument, LibraryChange } from '../services/library';
import type { DocumentSummary } from '../services/types';

/** A document at one of its versions. */
export interface LoadedVersion {
  summary: DocumentSummary;
  document: LegalDocument;
  version: number;
}

/** What the application layer reads documents from (the Library class fits; tests pass small stand-ins). */
export interface DocumentLibrary {
  list(): DocumentSummary[];
  /** A corpus or library id, optionally @N; anything else is not found. */
  get(ref: string): LoadedVersion;
  corpusEntries?(): Array<{ id: string; shortTitle?: string }>;
  /** Where the user's data lives (annotations, caches). */
  home?: string;
  /** Every document's metadata and fingerprint without parsing it (library-wide indexes; else `list()`). */
  documentEntries?(): Array<Pick<IndexableDocument, 'id' | 'fingerprint' | 'title' | 'jurisdiction' | 'kind' | 'stage' | 'dates'> & Partial<Pick<IndexableDocument, 'work' | 'label' | 'versionDate' | 'supersedes'>>>;
  /** Calls `listener` after each change made through this library (import, edit, removal). */
  onChange?(listener: (change: LibraryChange) => void): () => void;
}

/** Reads a text file by path (REF = path, optionally @N): the command line's only. */
export type TextFileReader = (ref: string) => LoadedVersion;

export class Documents {
  constructor(
    private readonly library: DocumentLibrary,
    private readonly readFile: TextFileReader | null = null,
  ) {}

  list(): DocumentSummary[] {
    return this.library.list();
  }

  /**
   * The document a REF names. `what` names the field in the error when the REF is missing ("left").
   * A REF that is not a library id is read as a file only where a file reader was given (the CLI).
   */
  get(ref: unknown, what = 'ref'): LoadedVersion & { ref: string } {
    if (typeof ref !== 'string' || ref.trim() === '') throw fail('bad_request', 'library.missing_ref', { what });
    const clean = ref.trim();
    try {
      return { ...this.library.get(clean), ref: clean };
    } catch (e) {
      if (this.readFile && isDuizhaoError(e) && e.reason === 'library.no_such_document') return { ...this.readFile(clean), ref: clean };
      throw e;
    }
  }

  /** The version a REF names. */
  version(ref: unknown, what = 'ref'): Version & { ref: string } {
    const loaded = this.get(ref, what);
    return { ...loaded.document.versions[loaded.version]!, ref: loaded.ref };
  }

  /** What names a loaded version (its title, labels, stage, dates). */
  nameInput(loaded: LoadedVersion): NameInput {
    return nameInputOf(loaded, this.shortTitle(loaded.summary.id));
  }

  /** The corpus's short title of a document ("湖南办法"), if it has one. */
  shortTitle(id: string): string | undefined {
    return this.library.corpusEntries?.().find((e) => e.id === id)?.shortTitle;
  }

  get home(): string | undefined {
    return this.library.home;
  }

  /** A cache key for results computed from these documents: it changes as soon as one of them does. */
  key(loaded: Array<LoadedVersion & { ref: string }>, ...extra: Array<string | number>): string {
    return [...extra, ...loaded.map((l) => `${l.ref}#${l.summary.fingerprint ?? ''}`)].join('\u0000');
  }
}

/**
 * What names a version where a person reads it (engine/display/names.ts decides the names): its title,
 * its own label, the document's stage and dates, the corpus's short title, and — once the library gives
 * them — its label among the versions of its law ("标题（2019年修订）") and the law's work key.
 */
export function nameInputOf(loaded: LoadedVersion, shortTitle?: string): NameInput {
  const { summary } = loaded;
  return {
    title: summary.title || loaded.document.title,
    versionLabel: loaded.document.versions[loaded.version]?.label ?? null,
    doc: summary.id,
    ...(summary.stage ? { stage: summary.stage } : {}),
    ...(shortTitle ? { shortTitle } : {}),
    // Test stand-ins for the library may leave these out.
    ...(summary.label ? { label: summary.label } : {}),
    ...(summary.work ? { work: summary.work } : {}),
    dates: { ...summary.dates },
  };
}

/** A small least-recently-used cache. */
export class Recent<T> {
  private readonly map = new Map<string, T>();
  constructor(private readonly size: number) {}

  get(key: string): T | undefined {
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: T): T {
    this.map.set(key, value);
    if (this.map.size > this.size) this.map.delete(this.map.keys().next().value!);
    return value;
  }
}
