/**
 * Exporting a comparison as a 修改对照稿: the (cached) comparison of two versions → the report model with
 * the user's notes → HTML, PDF or .docx bytes. The comparison is the one the Compare view shows (the
 * compare use-case's cache), never computed a second time. The PDF printer is given to the application
 * layer: headless Chromium on the command line and in the web mode; the desktop app prints the HTML with
 * Electron's own printToPDF on its main thread (api/pdf-printer.ts).
 */
import type { Annotation } from '../engine/annotate';
import { buildReport, renderReportDocx, renderReportHtml, type Report, type ReportOptions, type ReportSideInput } from '../engine/export';
import { fail } from '../engine/model';
import type { PdfPrinter } from '../services/pdf';
import { finishPdf } from './pdf';
import type { AnnotateUseCase } from './annotate';
import type { CompareUseCase } from './compare';
import type { DecisionRequest, DraftUseCase } from './draft';
import type { Documents, LoadedVersion } from './documents';
import { step, type Job } from './job';

export type ExportFormat = 'pdf' | 'docx' | 'html';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'docx', 'html'];

export const MIME_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

export interface ReportRequest {
  left: unknown;
  right: unknown;
  /**
   * `decision`: append 修改决定（草稿） (true, or the decision's options as in the 对照 view's panel);
   * `refs`: append 引用检查 (the right version's references against the left's numbering).
   */
  options?: { changesOnly?: unknown; notes?: unknown; decision?: unknown; refs?: unknown };
  /** The notes to print; default: the user's own (none when `options.notes` is false). */
  annotations?: Annotation[];
  /** Report time (tests fix it); default now. */
  generated?: Date;
}

export interface ExportedFile {
  bytes: Uint8Array;
  format: ExportFormat;
  mime: string;
  /** A file name for the download / save dialog: "<title>.pdf". */
  filename: string;
  report: Report;
}

export function checkFormat(format: unknown): ExportFormat {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) throw fail('bad_request', 'export.unknown_format', { format: String(format) });
  return format as ExportFormat;
}

/** A file name that every file system accepts, from the report title. */
export function exportFilename(report: Report, format: ExportFormat): string {
  const base = report.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80) || 'duizhao-report';
  return `${base}.${format}`;
}

/** The decision options an export may carry (the rest of a DecisionRequest is the export's two sides). */
export type ReportDecisionOptions = Omit<DecisionRequest, 'old' | 'new'>;

/** `options.decision` → whether to append the decision, and with which options (checked by the draft use-case). */
function decisionOption(value: unknown): ReportDecisionOptions | null {
  if (value === undefined || value === false || value === null) return null;
  if (value === true) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw fail('bad_request', 'api.not_choice', { field: 'options.decision' });
  const { convention, renumber, meeting, effective } = value as Record<string, unknown>;
  return { ...(convention !== undefined ? { convention } : {}), ...(renumber !== undefined ? { renumber } : {}), ...(meeting !== undefined ? { meeting } : {}), ...(effective !== undefined ? { effective } : {}) } as ReportDecisionOptions;
}

export function createExport(documents: Documents, compare: CompareUseCase, notes: AnnotateUseCase, printPdf: PdfPrinter, draft: DraftUseCase) {
  function side(loaded: LoadedVersion & { ref: string }): ReportSideInput {
    const { summary, document, version, ref } = loaded;
    const text = document.versions[version];
    if (!text) throw fail('not_found', 'export.no_version', { ref, version });
    // Named as the Compare view names it (engine/display/names.ts), never by id.
    const names = documents.nameInput(loaded);
    return {
      ref,
      doc: summary.id,
      version,
      title: names.title,
      ...(names.shortTitle ? { shortTitle: names.shortTitle } : {}),
      ...(names.stage ? { stage: names.stage } : {}),
      ...(names.label ? { label: names.label } : {}),
      ...(names.work ? { work: names.work } : {}),
      dates: { ...summary.dates, ...(names.dates?.amended ? { amended: names.dates.amended } : {}) },
      text,
    };
  }

  /** The report model: the comparison (from the cache when it was just shown) with the notes. */
  async function report(req: ReportRequest, job?: Job): Promise<Report> {
    const left = side(documents.get(req.left, 'left'));
    const right = side(documents.get(req.right, 'right'));
    const comparison = await compare.comparison(left.ref, right.ref, job);
    await step(job, 'report', {});
    const options: ReportOptions = { changesOnly: req.options?.changesOnly === true, notes: req.options?.notes !== false };
    const annotations = req.annotations ?? (options.notes ? notes.stored().annotations : []);
    // The appendices stand on the same cached comparison (the draft use-cases ask compare for it again).
    const decisionOptions = decisionOption(req.options?.decision);
    const decision = decisionOptions ? await draft.decision({ ...decisionOptions, old: left.ref, new: right.ref }, job) : undefined;
    const references = req.options?.refs === true ? await draft.references(right.ref, left.ref, job) : undefined;
    return buildReport({
      left,
      right,
      pairs: comparison.pairs,
      annotations,
      options,
      generated: req.generated ?? new Date(),
      ...(decision ? { decision } : {}),
      ...(references ? { references } : {}),
    });
  }

  /** The report in one format: .docx directly, HTML as is, PDF as the HTML printed. */
  async function render(model: Report, format: ExportFormat, job?: Job): Promise<Uint8Array> {
    await step(job, 'render', { format: format === 'docx' ? 'Word' : format.toUpperCase() });
    if (format === 'docx') return renderReportDocx(model);
    const html = renderReportHtml(model);
    if (format === 'html') return new TextEncoder().encode(html);
    await step(job, 'print', {});
    return finishPdf(await printPdf(html), model.title);
  }

  return {
    report,
    render,

    /** One file: the report of two versions in `format`. */
    async file(req: ReportRequest & { format: unknown }, job?: Job): Promise<ExportedFile> {
      const format = checkFormat(req.format);
      const model = await report(req, job);
      const bytes = await render(model, format, job);
      return { bytes, format, mime: MIME_TYPES[format], filename: exportFilename(model, format), report: model };
    },
  };
}

export type ExportUseCase = ReturnType<typeof createExport>;
