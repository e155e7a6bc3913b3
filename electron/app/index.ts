/**
 * The application layer: every use-case once — documents, compare (cached), history, search, align and
 * counterparts, notes, import, export. The API's handler table (electron/api/handlers.ts) and the CLI's
 * commands (scripts/commands/) are adapters over it: they check the shape of their input, call a use-case,
 * and shape its output, so the same request gets the same answer and the same error on both paths.
 *
 *   const app = createApp({ library });                 // the API: documents by library id only
 *   const app = openApp({ files: true });                // the CLI: REFs may also be text files by path
 *   app.compare.compare('hunan-2020-review@0', 'hunan-2020-review@1');
 *
 * Long use-cases take an optional `Job` (job.ts): progress events and a cancel signal.
 */
import { getSegmenter } from '../engine/segment';
import { AnnotationService } from '../services/annotations';
import { localFiles, type LocalFiles } from '../services/files';
import { corpusDir, defaultHome, Library, type LibraryOptions } from '../services/library';
import { printHtmlToPdf, type PdfPrinter } from '../services/pdf';
import { say } from '../engine/model';
import { createAlign } from './align';
import type { LibraryAlignOptions } from './align-library';
import { createAnnotate } from './annotate';
import { createCompare } from './compare';
import { createDraft } from './draft';
import { Documents, type DocumentLibrary } from './documents';
import { createExport } from './export';
import { createHistory } from './history';
import { createLibraryUseCases } from './library';
import { createSearch, SEARCH_WARM_UP_DELAY_MS } from './search';

/** The library's profiles for "其他地方怎么规定" are made after the search index has started opening. */
const ALIGN_WARM_UP_AFTER_MS = 1_500;

export type { LoadedVersion, DocumentLibrary } from './documents';
export type * from './types';
export type { HistoryRequest } from './history';
export type { ArticlePlace, MatrixFile, MatrixFormat, MatrixRequest } from './align';
export type { LibraryIndexState, Shortlister, ShortlistQuery } from './align-library';
export type { NewNote } from './annotate';
export type { ExportFormat, ExportedFile, ReportRequest } from './export';
export type { FileBytes, ImportManyOptions } from './library';
export type { BulkImportResult, BulkProgress, MemoryFile } from '../services/bulk-import';
export type { DocumentMetadata } from '../services/types';
export type { DecisionRequest } from './draft';
// How the command line writes a decision and a reference (pure text helpers of the draft stage).
export { citeTarget, renderDecisionText } from '../engine/draft';
export type { Decision, DecisionConvention, Reference, ReferenceReport } from '../engine/draft';
export { EXPORT_FORMATS, MIME_TYPES } from './export';
export { finishPdf, PDF_CREATOR } from './pdf';
export { SEARCH_WARM_UP_DELAY_MS } from './search';
export { DEFAULT_TOP, MAX_TOP, MATRIX_FORMATS, MATRIX_MIME, checkMatrixFormat } from './align';
export { similarShortlist } from './align-library';
export { MAX_CHAIN } from './history';
export { versionChains, chainFor, chainThrough } from './chains';
export type { LibraryOptions } from '../services/library';

export interface AppOptions {
  /** The documents, named by library id (the Library class; tests pass small stand-ins). */
  library: DocumentLibrary;
  /** The notes file (default: `annotations.json` in the library's home). */
  annotations?: AnnotationService;
  /** Prints report HTML to PDF (default: headless Chromium). */
  printPdf?: PdfPrinter;
  /** Library-wide alignment: another shortlist, or no disk cache of profiles (`{ cache: null }`). */
  alignLibrary?: LibraryAlignOptions;
}

function build(options: AppOptions, files: LocalFiles | null) {
  const { library } = options;
  const documents = new Documents(library, files ? files.readTextDocument : null);
  const notesFile = options.annotations ?? new AnnotationService(library.home ?? defaultHome());
  const compare = createCompare(documents);
  const notes = createAnnotate(documents, notesFile);
  const search = createSearch(library);
  const draft = createDraft(documents, compare);
  const printPdf = options.printPdf ?? ((html: string) => printHtmlToPdf(html));
  const align = createAlign(documents, library, { ...options.alignLibrary, printPdf });
  return {
    documents,
    compare,
    history: createHistory(documents, compare),
    align,
    notes,
    library: createLibraryUseCases(library, { paths: files !== null }),
    exports: createExport(documents, compare, notes, printPdf, draft),
    draft,
    search,
    /**
     * Loads the segmenter's dictionaries now, then opens the search index and profiles the library for
     * library-wide alignment: the first comparison, search and "其他地方怎么规定" are then quick.
     */
    warmUp(searchDelayMs?: number): void {
      getSegmenter();
      search.warmUp(searchDelayMs);
      setTimeout(() => {
        align.library.warmUp().catch((e: unknown) => process.stderr.write(`duizhao: ${say('align.index_failed', { detail: e instanceof Error ? e.message : String(e) })}\n`));
      }, (searchDelayMs ?? SEARCH_WARM_UP_DELAY_MS) + ALIGN_WARM_UP_AFTER_MS).unref();
    },
  };
}

export type App = ReturnType<typeof build>;

/** The command line's extras: files by path (imports, annotations files, outputs). */
export interface LocalApp extends App {
  files: LocalFiles;
}

/** The application layer over a library: documents by id only (what the API serves). */
export function createApp(options: AppOptions): App {
  return build(options, null);
}

/** The application layer that also reads text files by path (REF = a path) and writes outputs: the CLI's. */
export function createLocalApp(options: AppOptions): LocalApp {
  return { ...build(options, localFiles), files: localFiles };
}

/** Where the library lives by default: the corpus found from this program, $DUIZHAO_HOME or the user's data folder. */
export function defaultLibraryOptions(): LibraryOptions {
  return { corpusDir: corpusDir(), home: defaultHome() };
}

/** Opens the library on disk (`options`, default: defaultLibraryOptions()) and builds the application layer over it. */
export function openApp(options?: Partial<LibraryOptions>): App;
export function openApp(options: Partial<LibraryOptions> & { files: true }): LocalApp;
export function openApp(options: Partial<LibraryOptions> & { files?: boolean } = {}): App | LocalApp {
  const library = new Library({ corpusDir: options.corpusDir ?? corpusDir(), home: options.home ?? defaultHome() });
  return options.files ? createLocalApp({ library }) : createApp({ library });
}
