/**
 * Handlers of the notes (批注) and export methods, spread into the one handler table of handlers.ts.
 * The annotations file lives in the library's home ($DUIZHAO_HOME, Electron's userData); the PDF printer
 * is headless Chromium by default and Electron's printToPDF in the desktop app (main.ts passes it).
 */
import { libraryRef } from './library-ref';
import { makeTarget, placeAnnotations, resolveAnchor, type Annotation } from '../engine/annotate';
import { fail, findArticle, say } from '../engine/model';
import { AnnotationService } from '../services/annotations';
import { exportReport, EXPORT_FORMATS, type ExportFormat } from '../services/export';
import { defaultHome } from '../services/library';
import { printHtmlToPdf, type PdfPrinter } from '../services/pdf';
import type { AnnotationView, ApiHandlers } from './contract';
import type { DocumentSource } from './handlers';

type AnnotationHandlers = Pick<ApiHandlers, 'listAnnotations' | 'addAnnotation' | 'updateAnnotation' | 'removeAnnotation' | 'exportReport'>;

export interface AnnotationServices {
  annotations?: AnnotationService;
  printPdf?: PdfPrinter;
}

export function createAnnotationHandlers(library: DocumentSource & { home?: string }, services: AnnotationServices = {}): AnnotationHandlers {
  const notes = services.annotations ?? new AnnotationService(library.home ?? defaultHome());
  const printPdf = services.printPdf ?? ((html: string) => printHtmlToPdf(html));

  /** Like getDocument: the UI names library documents by id, never by file path. */
  function load(ref: unknown) {
    return library.get(libraryRef(library, ref).ref);
  }

  /** Where notes land today; a note whose document is not in the library (a file path noted from the CLI, a removed document) is orphaned. */
  const place = (list: Annotation[]): AnnotationView[] =>
    placeAnnotations(list, (doc, version) => library.get(libraryRef(library, `${doc}@${version}`).ref).document.versions[version] ?? null);

  const text = (v: unknown, what: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw fail('bad_request', 'api.not_text', { field: what });
    return v;
  };

  return {
    async listAnnotations(req) {
      const listing = notes.list({
        ...(typeof req.doc === 'string' ? { doc: req.doc } : {}),
        ...(typeof req.version === 'number' ? { version: req.version } : {}),
        ...(typeof req.tag === 'string' ? { tag: req.tag } : {}),
      });
      return { ...listing, annotations: place(listing.annotations) };
    },
    async addAnnotation(req) {
      const { document, version, summary } = load(req.ref);
      const v = document.versions[version]!;
      if (typeof req.article !== 'number') throw fail('bad_request', 'api.missing_article');
      const article = findArticle(v, req.article, req.sub);
      if (!article) throw fail('not_found', 'compare.no_article', { ref: say('cli.this_version'), label: `第 ${req.article} 条` });
      if (req.paragraph !== undefined && req.paragraph !== null && (typeof req.paragraph !== 'number' || req.paragraph < 1 || req.paragraph > article.paragraphs.length)) {
        throw fail('bad_request', 'cli.no_such_paragraph', { label: article.label, n: article.paragraphs.length, paragraph: Number(req.paragraph) });
      }
      const quote = text(req.quote, '引文')?.trim();
      const target = makeTarget(summary.id, version, article, {
        ...(typeof req.paragraph === 'number' ? { paragraph: req.paragraph } : {}),
        ...(quote ? { quote } : {}),
      });
      if (quote && resolveAnchor(target, v).status !== 'exact') throw fail('bad_request', 'cli.quote_not_found', { quote, label: article.label });
      const annotation = notes.add({ target, body: text(req.body, '批注内容') ?? '', tags: req.tags ?? [] });
      return { annotation: place([annotation])[0]! };
    },
    async updateAnnotation(req) {
      if (typeof req.id !== 'string') throw fail('bad_request', 'api.missing_note_id');
      const body = text(req.body, '批注内容');
      const annotation = notes.update(req.id, { ...(body !== undefined ? { body } : {}), ...(req.tags !== undefined ? { tags: req.tags } : {}) });
      return { annotation: place([annotation])[0]! };
    },
    async removeAnnotation(req) {
      if (typeof req.id !== 'string') throw fail('bad_request', 'api.missing_note_id');
      return { id: notes.remove(req.id).id };
    },
    async exportReport(req) {
      if (!EXPORT_FORMATS.includes(req.format as ExportFormat)) throw fail('bad_request', 'export.unknown_format', { format: String(req.format) });
      load(req.left);
      load(req.right);
      const options = { changesOnly: req.options?.changesOnly === true, notes: req.options?.notes !== false };
      const annotations = options.notes ? notes.list().annotations : [];
      const result = await exportReport(library, { left: req.left, right: req.right, format: req.format, options, annotations }, printPdf);
      return {
        filename: result.filename,
        mime: result.mime,
        base64: Buffer.from(result.bytes).toString('base64'),
        bytes: result.bytes.length,
        rows: result.report.rows.length,
        annotations: result.report.counts.annotations,
      };
    },
  };
}
