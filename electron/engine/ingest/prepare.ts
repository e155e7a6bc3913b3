/**
 * One file of an import, read and understood before anything is written: its text, its parse, whether it
 * is a legal text, and what it says about itself (title, place, kind, dates, which version of which law).
 * Pure and self-contained (bytes in, plain data out), so a whole collection can be prepared on worker
 * threads while the library writes what is ready.
 */
import { createHash } from 'node:crypto';
import { fail, type LegalDocument, type MessageCode, type TextMark, type Warning } from '../model';
import { parseDocument } from '../parse';
import { judgeText } from './collection';
import { extractText, type ExtractOptions, type SourceFormat } from './index';
import { dateFromFileName, suggestMetadata, versionLabel, workKey, type SuggestedMetadata } from './metadata';

export interface DocumentCounts {
  versions: number;
  versionLabels: Array<string | null>;
  articles: number;
  chapters: number;
  /** Warnings a person should read (repairs, `level: 'info'`, left out). */
  warnings: number;
}

export interface PreparedImport {
  /** The path inside the folder or .zip (or the file name): folder names there say the kind. */
  path: string;
  contentHash: string;
  textHash: string;
  size: number;
  /** The file's bytes, kept by whoever read them (a worker thread answers without them). */
  original?: Uint8Array;
  text: string;
  format: SourceFormat;
  encoding?: string;
  pages?: number;
  marks?: TextMark[];
  /** Reader warnings, then the parser's, in line order. */
  warnings: Warning[];
  counts: DocumentCounts;
  /** The parser's reading: regulation, opinion, comparison. */
  parsedKind: string;
  suggested: SuggestedMetadata;
  /** The date in the file name ("行政复议法(2023-09-01).md"), if any. */
  fileDate?: string;
  work: string;
  label: string;
}

export type Preparation =
  | { status: 'ready'; prepared: PreparedImport; document: LegalDocument }
  /** Not a legal text: left out with this reason. */
  | { status: 'skip'; path: string; reason: MessageCode; contentHash: string };

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export function countsOf(doc: LegalDocument): DocumentCounts {
  return {
    versions: doc.versions.length,
    versionLabels: doc.versions.map((v) => v.label),
    articles: doc.versions[0]?.articles.length ?? 0,
    chapters: doc.versions[0]?.chapters.length ?? 0,
    warnings: doc.warnings.filter((w) => w.level !== 'info').length,
  };
}

/**
 * Reads, parses and judges one file. Throws (a DuizhaoError from the catalogue) when the file cannot be
 * read, or is a legal text whose body is missing; answers `skip` for a text that is not a legal text.
 */
export async function prepareImport(bytes: Uint8Array, path: string, options: ExtractOptions = {}): Promise<Preparation> {
  const name = path.split(/[\\/]/).pop() || path;
  const contentHash = sha256(bytes);
  const extracted = await extractText(bytes, name, options);
  const stem = name.replace(/\.[^.]+$/u, '');
  const document = parseDocument(extracted.text, { id: stem });
  const suggested = suggestMetadata(document, extracted.text, path);
  const verdict = judgeText(document, extracted.text, suggested.title, path);
  if (verdict.verdict === 'skip') return { status: 'skip', path, reason: verdict.reason, contentHash };
  if (verdict.verdict === 'fail') throw fail('no_articles', 'library.no_body', { name });
  const fileDate = dateFromFileName(path);
  const prepared: PreparedImport = {
    path,
    contentHash,
    textHash: sha256(extracted.text),
    size: bytes.length,
    text: extracted.text,
    format: extracted.format,
    ...(extracted.encoding ? { encoding: extracted.encoding } : {}),
    ...(extracted.pages ? { pages: extracted.pages } : {}),
    ...(extracted.marks?.length ? { marks: extracted.marks } : {}),
    warnings: [...extracted.warnings, ...document.warnings].sort((a, b) => a.line - b.line),
    counts: countsOf(document),
    parsedKind: document.kind,
    suggested,
    ...(fileDate ? { fileDate } : {}),
    work: workKey(suggested.title, suggested.jurisdiction),
    label: versionLabel(suggested),
  };
  return { status: 'ready', prepared, document };
}
