/**
 * One file of an import, read and understood before anything is written: its text, its parse, whether it
 * is a legal text, and what it says about itself (title, place, kind, dates, which version of which law).
 * Pure and self-contained (bytes in, plain data out), so a whole collection can be prepared on worker
 * threads while the library writes what is ready.
 */
import { createHash } from 'node:crypto';
import { fail, type LegalDocument, type MessageCode, type TextMark, type Warning } from '../model';
import { parseDocument } from '../parse';
import { headLines, judgeText } from './collection';
import { extractText, type ExtractOptions, type SourceFormat } from './index';
import { dateFromFileName, guessJurisdiction, suggestMetadata, versionLabel, workKey, type SuggestedMetadata } from './metadata';

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

const NATIONAL = new Set(['全国']);
const PROVINCE_FOLDER = /^(北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆)(省|市|自治区)?(地方法规|地方性法规)?$/u;

/**
 * What the title alone cannot say, read from the rest of the head and the folders:
 * - a part of a code kept in its own file ("# 中华人民共和国民法典" then "# 合同编") is titled with its part,
 *   so the eight parts of the 民法典 are told apart;
 * - a local regulation whose title names no place (中关村国家自主创新示范区条例, 开封古城保护条例) applies
 *   where the body that adopted it sits (北京市…人民代表大会常务委员会…通过), else where its folder says
 *   (…/地方性法规/北京/).
 */
function refine(s: SuggestedMetadata, text: string, path: string): SuggestedMetadata {
  const out = { ...s };
  const head = text.split(/\r\n?|\n/u).slice(0, 12);
  const titles = head.filter((l) => /^#\s+\S/u.test(l)).map((l) => l.replace(/^#\s+/u, '').trim());
  if (titles.length === 2 && titles[0] === s.title && titles[1]!.length <= 12) out.title = `${s.title}·${titles[1]}`;
  if (!out.jurisdiction && !NATIONAL.has(s.kind)) {
    const adopted = headLines(text).find((l) => /人民代表大会|人民政府/u.test(l) && /(通过|公布|发布)/u.test(l));
    const issuer = adopted?.replace(/^[（(]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*/u, '');
    const place = issuer ? guessJurisdiction(issuer) : '';
    const folder = path.split(/[\\/]/u).slice(0, -1).reverse().map((p) => PROVINCE_FOLDER.exec(p)?.[1]).find(Boolean);
    out.jurisdiction = place || folder || '';
  }
  return out;
}

/**
 * Reads, parses and judges one file. Throws (a DuizhaoError from the catalogue) when the file cannot be
 * read, or is a legal text whose body is missing; answers `skip` for a text that is not a legal text.
 */
export async function prepareImport(bytes: Uint8Array, path: string, options: ExtractOptions & { onParse?: () => void } = {}): Promise<Preparation> {
  const name = path.split(/[\\/]/).pop() || path;
  const contentHash = sha256(bytes);
  const extracted = await extractText(bytes, name, options);
  // The caller's moment between reading and parsing (a stop is honoured here; progress says "parsing").
  options.onParse?.();
  const stem = name.replace(/\.[^.]+$/u, '');
  const document = parseDocument(extracted.text, { id: stem });
  const suggested = refine(suggestMetadata(document, extracted.text, path), extracted.text, path);
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
