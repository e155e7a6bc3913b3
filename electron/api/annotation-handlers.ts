/**
 * Handlers of the notes (批注) and export methods, spread into the one handler table of handlers.ts.
 * The annotations file lives in the library's home ($DUIZHAO_HOME, Electron's userData); the PDF printer
 * is headless Chromium by default and Electron's printToPDF in the desktop app (main.ts passes it).
 */
import { libraryRef } from './library-ref';
import { makeTarget, placeAnnotations, resolveAnchor, type Annotation } from '../engine/annotate';
import { DuizhaoError } from '../engine/model';
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
    if (typeof v !== 'string') throw new DuizhaoError('bad_request', `${what}须为文字。`);
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
      if (typeof req.article !== 'number') throw new DuizhaoError('bad_request', '缺少条号（article）。');
      const article = v.articles.find((a) => a.number === req.article && (a.sub ?? 0) === (req.sub ?? 0));
      if (!article) throw new DuizhaoError('not_found', `该版本中没有第 ${req.article} 条。`);
      if (req.paragraph !== undefined && req.paragraph !== null && (typeof req.paragraph !== 'number' || req.paragraph < 1 || req.paragraph > article.paragraphs.length)) {
        throw new DuizhaoError('bad_request', `${article.label}只有 ${article.paragraphs.length} 款。`);
      }
      const quote = text(req.quote, '引文')?.trim();
      const target = makeTarget(summary.id, version, article, {
        ...(typeof req.paragraph === 'number' ? { paragraph: req.paragraph } : {}),
        ...(quote ? { quote } : {}),
      });
      if (quote && resolveAnchor(target, v).status !== 'exact') throw new DuizhaoError('bad_request', `所选文字不在${article.label}中。`);
      const annotation = notes.add({ target, body: text(req.body, '批注内容') ?? '', tags: req.tags ?? [] });
      return { annotation: place([annotation])[0]! };
    },
    async updateAnnotation(req) {
      if (typeof req.id !== 'string') throw new DuizhaoError('bad_request', '缺少批注编号（id）。');
      const body = text(req.body, '批注内容');
      const annotation = notes.update(req.id, { ...(body !== undefined ? { body } : {}), ...(req.tags !== undefined ? { tags: req.tags } : {}) });
      return { annotation: place([annotation])[0]! };
    },
    async removeAnnotation(req) {
      if (typeof req.id !== 'string') throw new DuizhaoError('bad_request', '缺少批注编号（id）。');
      return { id: notes.remove(req.id).id };
    },
    async exportReport(req) {
      if (!EXPORT_FORMATS.includes(req.format as ExportFormat)) throw new DuizhaoError('bad_request', '导出格式须为 pdf、docx 或 html。');
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
