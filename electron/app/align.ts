/**
 * Topic alignment across documents (align), an article's counterparts in the other documents (the Reader's
 * panel: among chosen documents, or library-wide — align-library.ts), the regulations on the same subject
 * (同类法规), the word diff of two articles (the Topics view) and the topic matrix as a file (Excel, PDF,
 * HTML) for the 研究报告. Alignments are cached per selection: the Reader asks for counterparts article
 * after article, and one alignment of the selection answers all of them.
 */
import {
  alignDocuments,
  articleTermText,
  buildMatrix,
  renderMatrixHtml,
  renderMatrixXlsx,
  tokenDiff,
  type AlignInput,
  type AlignMatrix,
  type Alignment,
  type TokenDiffSpan,
} from '../engine/align';
import { clip, fail } from '../engine/model';
import { getSegmenter } from '../engine/segment';
import type { PdfPrinter } from '../services/pdf';
import { alignMeta, articleIn, createLibraryAlign, type ArticlePlace, type LibraryAlignOptions } from './align-library';
import { Recent, type DocumentLibrary, type Documents } from './documents';
import { step, type Job } from './job';
import type { Counterparts, SimilarDocuments } from './types';

export type { ArticlePlace } from './align-library';

const CACHE_SIZE = 8;
export const DEFAULT_TOP = 3;
export const MAX_TOP = 10;

/** The formats the topic matrix is written in. */
export type MatrixFormat = 'xlsx' | 'pdf' | 'html';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['xlsx', 'pdf', 'html'];
export const MATRIX_MIME: Record<MatrixFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export interface MatrixRequest {
  refs: unknown;
  format: unknown;
  top?: unknown;
  /** Only topics two or more documents share. */
  sharedOnly?: unknown;
  /** The articles' texts in the cells (default true); false: numbers only (PDF and HTML). */
  texts?: unknown;
  /** When the matrix is made (tests fix it); default now. */
  generated?: Date;
}

export interface MatrixFile {
  bytes: Uint8Array;
  format: MatrixFormat;
  mime: string;
  /** "主题对照表（浙江 2023、湖南 2021、深圳）.xlsx". */
  filename: string;
  matrix: AlignMatrix;
}

function topOf(top: unknown): number {
  if (top === undefined || top === null) return DEFAULT_TOP;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > MAX_TOP) throw fail('bad_request', 'api.int_range', { field: 'top', min: 1, max: MAX_TOP });
  return top;
}

function matrixFormat(format: unknown): MatrixFormat {
  if (!MATRIX_FORMATS.includes(format as MatrixFormat)) throw fail('bad_request', 'align.unknown_format', { format: String(format), formats: MATRIX_FORMATS.join('、') });
  return format as MatrixFormat;
}

/** A file name every file system accepts, from the matrix's title. */
export function matrixFilename(matrix: AlignMatrix, format: MatrixFormat): string {
  // eslint-disable-next-line no-control-regex
  const base = matrix.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80) || 'duizhao-topics';
  return `${base}.${format}`;
}

export interface AlignOptions extends LibraryAlignOptions {
  /** Prints the matrix's HTML to PDF (the application layer's printer). */
  printPdf?: PdfPrinter;
}

/** Checks a matrix format named by a caller ('xlsx', 'pdf', 'html'). */
export function checkMatrixFormat(format: unknown): MatrixFormat {
  return matrixFormat(format);
}

export function createAlign(documents: Documents, library: DocumentLibrary, options: AlignOptions = {}) {
  const cache = new Recent<Alignment>(CACHE_SIZE);
  const libraryWide = createLibraryAlign(documents, library, options);

  function inputsOf(refs: unknown): AlignInput[] {
    if (!Array.isArray(refs) || refs.length < 2) throw fail('bad_request', 'align.need_two');
    // The library's metadata names the columns (浙江 2023, 北京 2020, 国家 2017).
    return refs.map((r) => {
      const l = documents.get(r);
      return { ref: l.ref, doc: l.document, version: l.version, meta: alignMeta(l.summary) };
    });
  }

  async function aligned(refs: unknown, top: unknown, job?: Job): Promise<Alignment> {
    if (!Array.isArray(refs) || refs.length < 2) throw fail('bad_request', 'align.need_two');
    const k = topOf(top);
    const loaded = refs.map((r) => documents.get(r));
    // Keyed by the documents' fingerprints: an edited, re-imported or removed document is never served stale.
    const key = documents.key(loaded, k);
    const hit = cache.get(key);
    if (hit) return hit;
    await step(job, 'align', { n: loaded.length });
    return cache.set(key, alignDocuments(inputsOf(refs), { top: k }));
  }

  /** Counterparts among chosen documents (the alignment of them all). */
  async function amongDocuments(place: ArticlePlace & { docs?: unknown }, job?: Job): Promise<Counterparts> {
    const own = documents.get(place.ref);
    const article = articleIn(own, place.article, place.sub);
    // By default: every other document of the library, at its latest version (for a 对照稿, the later draft).
    const others = Array.isArray(place.docs)
      ? (place.docs as unknown[])
      : documents
          .list()
          .filter((d) => d.id !== own.document.id)
          .map((d) => (d.versions > 1 ? `${d.id}@${d.versions - 1}` : d.id));
    const refs = [own.ref, ...others.filter((r) => r !== own.ref)];
    const response: Counterparts = { ref: own.ref, article: article.number, label: article.label, heading: article.heading, scope: 'documents', docs: [] };
    if (article.sub) response.sub = article.sub;
    if (refs.length < 2) return response;
    const alignment = await aligned(refs, DEFAULT_TOP, job);
    const same = (m: { doc: string; version: number; article: number; sub?: number }) =>
      m.doc === own.document.id && m.version === own.version && m.article === article.number && m.sub === article.sub;
    const topic = alignment.topics.find((t) => t.members.some(same));
    response.name = alignment.documents[0]!.name;
    for (const d of alignment.documents.slice(1)) {
      const other = documents.get(d.ref);
      const matches = alignment.matches.filter((m) => same(m.from) && m.to.doc === d.doc && m.to.version === d.version).sort((a, b) => a.rank - b.rank);
      response.docs.push({
        ref: d.ref,
        title: d.title,
        versionLabel: d.versionLabel,
        name: d.name,
        jurisdiction: d.jurisdiction,
        matches: matches.map((m) => {
          const a = articleIn(other, m.to.article, m.to.sub);
          return {
            article: a.number,
            ...(a.sub ? { sub: a.sub } : {}),
            label: a.label,
            heading: a.heading,
            rank: m.rank,
            score: m.score,
            terms: m.terms,
            mutual: m.mutual === true,
            ...(m.confidence ? { confidence: m.confidence } : {}),
            snippet: clip(articleTermText(a).replace(/\n/g, ' '), 80),
          };
        }),
      });
    }
    if (topic) response.topic = { label: topic.label, terms: topic.terms };
    return response;
  }

  /** The topic matrix (topics × jurisdictions, article numbers and texts) of an alignment. */
  async function matrix(req: Omit<MatrixRequest, 'format'>, job?: Job): Promise<AlignMatrix> {
    const alignment = await aligned(req.refs, req.top, job);
    return buildMatrix(alignment, inputsOf(req.refs), { generated: req.generated ?? new Date(), sharedOnly: req.sharedOnly === true });
  }

  /** One matrix in one format (the CLI writes several from one alignment). */
  async function renderMatrix(m: AlignMatrix, format: MatrixFormat, opts: { texts?: boolean } = {}, job?: Job): Promise<Omit<MatrixFile, 'matrix'>> {
    await step(job, 'render', { format: format === 'xlsx' ? 'Excel' : format.toUpperCase() });
    let bytes: Uint8Array;
    if (format === 'xlsx') bytes = await renderMatrixXlsx(m);
    else {
      const html = renderMatrixHtml(m, { texts: opts.texts !== false });
      if (format === 'html') bytes = new TextEncoder().encode(html);
      else {
        if (!options.printPdf) throw fail('not_found', 'pdf.no_chromium');
        await step(job, 'print', {});
        bytes = await options.printPdf(html);
      }
    }
    return { bytes, format, mime: MATRIX_MIME[format], filename: matrixFilename(m, format) };
  }

  return {
    /** Cross-document topic alignment (CONTRACTS.md `align`); `top` candidates per article (default 3). */
    align(refs: unknown, top?: unknown, job?: Job): Promise<Alignment> {
      return aligned(refs, top, job);
    },

    /**
     * Counterparts of one article. `scope: 'library'`: in every other jurisdiction's regulation on the same
     * subject in the library (shortlisted by document similarity), best first, with redlines; else among
     * `docs` (default: every other library document), from their alignment.
     */
    counterparts(place: ArticlePlace & { docs?: unknown; scope?: unknown; limit?: unknown; top?: unknown }, job?: Job): Promise<Counterparts> {
      if (place.scope !== undefined && place.scope !== 'library' && place.scope !== 'documents') throw fail('bad_request', 'align.unknown_scope', { scope: String(place.scope) });
      if (place.scope === 'library') return libraryWide.counterparts(place, topOf(place.top), job);
      return amongDocuments(place, job);
    },

    /** 同类法规: the regulations of other jurisdictions on the same subject as a document. */
    similar(req: { ref: unknown; limit?: unknown; sameJurisdiction?: unknown }, job?: Job): Promise<SimilarDocuments> {
      return libraryWide.similar(req, job);
    },

    /** The library-wide index (profiles, document similarity): warm-up and status. */
    library: libraryWide,

    /** Word diff of two articles of different documents (side-by-side reading). */
    diff(left: ArticlePlace, right: ArticlePlace): { spans: TokenDiffSpan[] } {
      const l = documents.get(left?.ref, 'left');
      const r = documents.get(right?.ref, 'right');
      const a = articleIn(l, left.article, left.sub);
      const b = articleIn(r, right.article, right.sub);
      return { spans: tokenDiff(articleTermText(a), articleTermText(b), getSegmenter()) };
    },

    matrix,
    renderMatrix,

    /** The matrix as a file: an Excel workbook, the printable HTML page, or that page printed to PDF. */
    async matrixFile(req: MatrixRequest, job?: Job): Promise<MatrixFile> {
      const format = matrixFormat(req.format);
      const m = await matrix(req, job);
      return { ...(await renderMatrix(m, format, { texts: req.texts !== false }, job)), matrix: m };
    },
  };
}

export type AlignUseCase = ReturnType<typeof createAlign>;
