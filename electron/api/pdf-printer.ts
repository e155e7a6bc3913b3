/**
 * A handler table whose PDF exports (the comparison report, the topic matrix) are printed on this thread by `print` (in the desktop app:
 * Electron's printToPDF, which exists only on the main thread while the handlers run in the engine
 * worker). The export is made as HTML by the handlers and printed here; everything else passes through.
 */
import { finishPdf } from '../app/pdf';
import { fail } from '../engine/model/messages';
import type { ApiHandlers } from './contract';
import { fileAnswer } from './file-answer';

export type HtmlPrinter = (html: string) => Promise<Uint8Array>;

/** An HTML export printed as PDF: the same answer with the PDF's bytes, name and type; named (Creator and Producer "Duizhao", not Chromium's user agent) when the export has a title. */
async function printAnswer<T extends { filename: string; base64: string; title?: string }>(html: T, print: HtmlPrinter): Promise<T & { mime: string; bytes: number }> {
  const printed = await print(Buffer.from(html.base64, 'base64').toString('utf8'));
  const pdf = html.title ? finishPdf(printed, html.title) : printed;
  return { ...html, ...fileAnswer(html.filename.replace(/\.html$/, '.pdf'), 'application/pdf', pdf) };
}

export function withPdfPrinter(handlers: ApiHandlers, print: HtmlPrinter): ApiHandlers {
  return {
    ...handlers,
    async exportReport(req, ctx) {
      if (req?.format !== 'pdf') return handlers.exportReport(req, ctx);
      const html = await handlers.exportReport({ ...req, format: 'html' }, ctx);
      if (ctx?.signal?.aborted) throw fail('cancelled', 'job.cancelled');
      return printAnswer(html, print);
    },
    async alignExport(req, ctx) {
      if (req?.format !== 'pdf') return handlers.alignExport(req, ctx);
      const html = await handlers.alignExport({ ...req, format: 'html' }, ctx);
      if (ctx?.signal?.aborted) throw fail('cancelled', 'job.cancelled');
      return printAnswer(html, print);
    },
  };
}
