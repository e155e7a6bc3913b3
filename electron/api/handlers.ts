/**
 * The one handler table behind every adapter (Electron IPC in ipc.ts, HTTP in http.ts, the engine worker):
 * the contract's methods, each an adapter over one use-case of the application layer (electron/app). A
 * handler shapes its request into the use-case's input and the use-case's answer into the contract's
 * response; checking the input's content and every decision are the application layer's, so the command
 * line, which calls the same use-cases, answers the same. The application layer given here names
 * documents by library id only (createApp): no request can make it read a file by path.
 */
import { createApp, type App, type AppOptions } from '../app';
import { fail } from '../engine/model';
import type { ApiHandlers } from './contract';
import { fileAnswer } from './file-answer';
import { createSearchHandlers } from './search-handlers';

// The envelope lives apart from the handler table so that Electron's main process (ipc.ts) can use it
// without bundling the engine, which runs in the worker.
export { callHandler, isApiMethod } from './envelope';

/** The handlers of an application layer; or of a library, with the application layer built over it. */
export function createHandlers(source: App | AppOptions['library'], options: Omit<AppOptions, 'library'> = {}): ApiHandlers {
  const app = isApp(source) ? source : createApp({ library: source, ...options });
  return {
    async listDocuments() {
      return { documents: app.documents.list() };
    },
    async getDocument(req) {
      const { summary, document, version } = app.documents.get(req.ref);
      return { summary, document, version };
    },

    previewImport: (req, ctx) => app.library.preview(req, ctx),
    importDocument: (req, ctx) => app.library.import(req, ctx),
    importMany: (req, ctx) =>
      app.library.importMany(
        // The use-case checks each file (a path, bytes); here only the names change.
        Array.isArray(req?.files) ? req.files.map((f) => ({ path: f?.path, bytes: f?.data }) as { path: string; bytes: Uint8Array }) : [],
        req?.overrides ? { overrides: req.overrides } : {},
        ctx,
      ),
    async updateMetadata(req) {
      return { summary: app.library.edit(req.id, req.meta) };
    },
    async removeDocument(req) {
      return app.library.remove(req.id);
    },

    align: (req, ctx) => app.align.align(req.refs, req.top, ctx),
    counterparts: (req, ctx) => app.align.counterparts(req, ctx),
    similar: (req, ctx) => app.align.similar(req, ctx),
    async alignExport(req, ctx) {
      const file = await app.align.matrixFile({ refs: req.refs, format: req.format, top: req.top, sharedOnly: req.sharedOnly, texts: req.texts }, ctx);
      return {
        ...fileAnswer(file.filename, file.mime, file.bytes),
        rows: file.matrix.rows.length,
        columns: file.matrix.columns.map((c) => c.name),
      };
    },
    async alignDiff(req) {
      return app.align.diff(req.left, req.right);
    },

    async listAnnotations(req) {
      return app.notes.list(req);
    },
    async addAnnotation(req) {
      return { annotation: app.notes.add(req) };
    },
    async updateAnnotation(req) {
      return { annotation: app.notes.update(req.id, req) };
    },
    async removeAnnotation(req) {
      return { id: app.notes.remove(req.id).id };
    },
    async exportReport(req, ctx) {
      const file = await app.exports.file({ left: req.left, right: req.right, format: req.format, ...(req.options ? { options: req.options } : {}) }, ctx);
      return {
        ...fileAnswer(file.filename, file.mime, file.bytes),
        rows: file.report.rows.length,
        annotations: file.report.counts.annotations,
        title: file.report.title,
        appendices: file.report.appendices.map((a) => a.heading),
      };
    },

    compare: (req, ctx) => app.compare.compare(req.left, req.right, ctx),
    display: (req, ctx) => app.compare.display(req?.left, req?.right, {}, ctx),
    history: (req, ctx) => app.history.history(req, ctx),
    async decision(req, ctx) {
      if (!req.docx) {
        const decision = await app.draft.decision(req, ctx);
        return { decision, text: app.draft.text(decision) };
      }
      const file = await app.draft.decisionFile(req, ctx);
      const mime = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      return { decision: file.decision, text: file.text, file: fileAnswer(file.filename, mime, file.docx) };
    },
    refs: (req, ctx) => app.draft.references(req.ref, req.against, ctx),
    ...createSearchHandlers(app),

    // Jobs are named and cancelled where calls come in (jobs.ts); a table without that layer has none running.
    async cancel(req) {
      if (typeof req.job !== 'string') throw fail('bad_request', 'job.bad_id');
      return { job: req.job, cancelled: false };
    },
  };
}

function isApp(x: unknown): x is App {
  const a = x as Partial<App> | null;
  return !!a && typeof a === 'object' && 'documents' in a && 'compare' in a && 'exports' in a;
}

/** The HTTP status that goes with an error code (the body still carries the envelope). */
export function httpStatusFor(code: string): number {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'not_found':
      return 404;
    case 'exists':
      return 409;
    case 'too_large':
      return 413;
    case 'unsupported_type':
      return 415;
    case 'cancelled':
      return 499;
    case 'timeout':
      return 504;
    case 'internal':
      return 500;
    default:
      return 422; // the request was understood but the content is at fault (empty_file, undecodable, …)
  }
}
