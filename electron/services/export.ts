/**
 * Exporting a comparison report: two REFs → comparison → report model → HTML, PDF or .docx bytes.
 * Shared by the CLI (`duizhao export`) and the API (`exportReport`); the PDF printer is passed in, since
 * the CLI and the web mode print with headless Chromium and Electron with its own printToPDF.
 */
import type { Annotation } from '../engine/annotate';
import { compareVersions } from '../engine/compare';
import { buildReport, renderReportDocx, renderReportHtml, type Report, type ReportOptions, type ReportSideInput } from '../engine/export';
import { fail, type LegalDocument } from '../engine/model';
import type { DocumentSummary } from '../api/contract';
import type { PdfPrinter } from './pdf';

export type ExportFormat = 'pdf' | 'docx' | 'html';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['pdf', 'docx', 'html'];

export const MIME_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

/** What the export needs from the library (the Library class fits). */
export interface ExportSource {
  get(ref: string): { summary: DocumentSummary; document: LegalDocument; version: number };
  corpusEntries?(): Array<{ id: string; shortTitle?: string }>;
}

export interface ExportRequest {
  left: string;
  right: string;
  format: ExportFormat;
  options?: ReportOptions;
  annotations?: Annotation[];
  /** Report time (tests fix it); default now. */
  generated?: Date;
}

export interface ExportResult {
  bytes: Uint8Array;
  format: ExportFormat;
  mime: string;
  /** A file name for the download / save dialog: "<title>.pdf". */
  filename: string;
  report: Report;
}

function side(source: ExportSource, ref: string): ReportSideInput {
  const { summary, document, version } = source.get(ref);
  const text = document.versions[version];
  if (!text) throw fail('not_found', 'export.no_version', { ref, version });
  const shortTitle = source.corpusEntries?.().find((e) => e.id === summary.id)?.shortTitle;
  return {
    ref,
    doc: summary.id,
    version,
    title: summary.title || document.title,
    ...(shortTitle ? { shortTitle } : {}),
    ...(summary.stage ? { stage: summary.stage } : {}),
    dates: summary.dates,
    text,
  };
}

/** Builds the report model (compare + notes) without rendering it. */
export function makeReport(source: ExportSource, req: Omit<ExportRequest, 'format'>): Report {
  const left = side(source, req.left);
  const right = side(source, req.right);
  const comparison = compareVersions(left.text, right.text);
  return buildReport({
    left,
    right,
    pairs: comparison.pairs,
    annotations: req.annotations ?? [],
    options: req.options ?? {},
    generated: req.generated ?? new Date(),
  });
}

/** A file name that every file system accepts, from the report title. */
export function exportFilename(report: Report, format: ExportFormat): string {
  const base = report.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80) || 'duizhao-report';
  return `${base}.${format}`;
}

/** The report in one format: .docx directly, HTML as is, PDF as the HTML printed by `printPdf`. */
export async function renderReport(report: Report, format: ExportFormat, printPdf: PdfPrinter): Promise<Uint8Array> {
  if (format === 'docx') return renderReportDocx(report);
  const html = renderReportHtml(report);
  return format === 'html' ? new TextEncoder().encode(html) : printPdf(html);
}

export async function exportReport(source: ExportSource, req: ExportRequest, printPdf: PdfPrinter): Promise<ExportResult> {
  if (!EXPORT_FORMATS.includes(req.format)) throw fail('bad_request', 'export.unknown_format', { format: String(req.format) });
  const report = makeReport(source, req);
  const bytes = await renderReport(report, req.format, printPdf);
  return { bytes, format: req.format, mime: MIME_TYPES[req.format], filename: exportFilename(report, req.format), report };
}
