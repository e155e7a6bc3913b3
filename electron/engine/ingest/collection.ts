/**
 * Collections of legal texts: which files of a folder or a .zip are documents, what is inside a .zip, and
 * whether a text is a legal text at all (a collection also holds index pages, case reports and guides).
 * Pure: names and bytes in, lists and verdicts out; walking the disk is the caller's (services/).
 */
import JSZip from 'jszip';
import { DOCUMENT_EXTENSIONS, fail, type LegalDocument, type MessageCode } from '../model';

/** Extensions of the files a collection's documents may be (the readers of ingest/index.ts). */
const DOCUMENT_EXT = new RegExp(`\\.(${DOCUMENT_EXTENSIONS.join('|')})$`, 'i');
const ZIP_EXT = /\.zip$/i;

/** What a path inside a collection is: a document to read, a .zip to open, or something else. */
export function entryType(path: string): 'document' | 'zip' | 'other' {
  if (DOCUMENT_EXT.test(path)) return 'document';
  if (ZIP_EXT.test(path)) return 'zip';
  return 'other';
}

/**
 * Files nobody means to import: hidden files and folders (.git/, .DS_Store), the resource forks a Mac puts
 * in a .zip (__MACOSX/, ._name), Windows' Thumbs.db and desktop.ini, Word's lock files (~$name.docx).
 */
export function isHiddenPath(path: string): boolean {
  return path.split(/[\\/]/).some((part) => part.startsWith('.') || part === '__MACOSX' || part.startsWith('~$') || /^(thumbs\.db|desktop\.ini)$/i.test(part));
}

/** "…/_index.md": the page a collection keeps about a folder, never a legal text. */
export function isIndexFile(path: string): boolean {
  return /^_index\.(md|markdown|txt|html?)$/i.test(path.split(/[\\/]/).pop() ?? '');
}

/** Sorts paths as a person reads a folder: by folder, then name, numbers by value (第2 before 第10). */
export function comparePaths(a: string, b: string): number {
  return collator.compare(a, b);
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

// ---- is it a legal text? ------------------------------------------------------------------------------

export type TextVerdict =
  | { verdict: 'legal' }
  /** Not a legal text: left out, with the reason (a catalogue code). */
  | { verdict: 'skip'; reason: MessageCode }
  /** A legal text whose body is missing from the file: reported as a failure. */
  | { verdict: 'fail'; reason: MessageCode };

const DATE = '\\d{4}\\s*年\\s*\\d{1,2}\\s*月\\s*\\d{1,2}\\s*日';
/** A line of a 题注: a date and what happened on it (通过, 公布, 施行, 修正, …). */
const HEAD_EVENT = new RegExp(`^[（(]?\\s*${DATE}.{0,120}?(通过|公布|发布|施行|批准|修正|修订|印发|颁布|实施)`, 'u');
/** A document number: 国务院令第513号, 法释〔2021〕11号, 劳社部发[2008]3号. */
const DOC_NUMBER = /(令\s*第\s*[\d一二三四五六七八九十百零〇]+\s*号|[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*(第\s*)?\d+\s*号|第\s*\d+\s*号令)/u;
/** The name of a legal instrument at the end of a title (before a trailing （试行）, （二）, （2019年修订）). */
const LEGAL_TITLE = /(法|条例|规定|办法|细则|规则|决定|决议|解释|批复|答复|解答|通知|命令|意见|修正案|安排|标准|纲要|规范|章程|公约|协定|条约|准则|规程|守则|制度|纪要|通告|公告)$/u;
/** Headings of a case report (案例): 案情回顾, 裁判要点, 典型意义, 法官说法, 【判决理由】, … */
const CASE_HEADING = /^\s*(#{1,6}\s*|【)\s*(案情回顾|基本案情|简要案情|案情简介|案件事实|裁判要点|裁判要旨|裁判理由|裁判结果|判决理由|判决结果|审判结果|审理结果|处理结果|典型意义|法官说法|法官提示|法官释法|案例评析|专家点评|争议焦点|法院认为|案件来源|相关法条)/u;

function strip(title: string): string {
  return title.replace(/\s+/gu, '').replace(/([（(][^（）()]{0,16}[)）])+$/u, '');
}

/** The lines before the body: those above `<!-- INFO END -->` in the collection's Markdown, else the first few. */
export function headLines(text: string): string[] {
  const lines = text.split(/\r\n?|\n/).slice(0, 80);
  const end = lines.findIndex((l) => /<!--\s*INFO END\s*-->/u.test(l));
  const head = end >= 0 ? lines.slice(0, end) : lines.filter((l) => l.trim() !== '').slice(0, 8);
  return head.map((l) => l.trim()).filter((l) => l !== '' && !/^#\s/u.test(l));
}

/** Han characters of the body: what is left once the title, the 题注 and Markdown comments are set aside. */
function bodyHan(text: string): number {
  const lines = text.split(/\r\n?|\n/);
  const end = lines.findIndex((l) => /<!--\s*INFO END\s*-->/u.test(l));
  const body = (end >= 0 ? lines.slice(end + 1) : lines.slice(1)).join('\n').replace(/<!--[\s\S]*?-->/gu, '');
  return (body.match(/\p{Script=Han}/gu) ?? []).length;
}

/**
 * Whether a text is a legal text. A collection of laws also holds pages about its folders (`_index.md`),
 * case reports that quote articles, and guides; those are left out with a reason. A legal text has
 * articles (第X条), or a 题注 recording its adoption, publication or entry into force, or a document
 * number, or an instrument's name for a title (…规定, …解释, …修正案) over a body of text. A legal text
 * whose body is missing (only the title and the 题注 are in the file) fails: there is nothing to compare.
 */
export function judgeText(doc: Pick<LegalDocument, 'versions'>, text: string, title: string, path: string): TextVerdict {
  if (isIndexFile(path)) return { verdict: 'skip', reason: 'collection.index_file' };
  const head = headLines(text);
  const headNote = head.some((l) => HEAD_EVENT.test(l) || DOC_NUMBER.test(l));
  const lines = text.split(/\r\n?|\n/);
  const caseHeadings = new Set(lines.map((l) => CASE_HEADING.exec(l)?.[2]).filter(Boolean));
  // A case report quotes articles of the law it applies: its headings say what it is.
  if (!headNote && (caseHeadings.size >= 2 || (caseHeadings.size >= 1 && /案$/u.test(strip(title))))) {
    return { verdict: 'skip', reason: 'collection.case_report' };
  }
  const articles = doc.versions.reduce((n, v) => n + v.articles.length, 0);
  if (articles > 0) return { verdict: 'legal' };
  if (headNote || LEGAL_TITLE.test(strip(title))) {
    return bodyHan(text) >= 10 ? { verdict: 'legal' } : { verdict: 'fail', reason: 'collection.no_body' };
  }
  return { verdict: 'skip', reason: 'collection.not_legal' };
}

// ---- .zip archives ----------------------------------------------------------------------------------

/** Files one .zip may hold, and bytes it may unpack to: an archive bomb is refused, not unpacked. */
export const MAX_ZIP_ENTRIES = 20_000;
export const MAX_ZIP_UNPACKED_BYTES = 4 * 1024 * 1024 * 1024;

export interface ZipEntry {
  /** The path inside the archive, with "/" between folders. */
  path: string;
  /** The size it unpacks to, as the archive states it (checked again when read). */
  size: number;
  read(): Promise<Uint8Array>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** Names in a .zip made on a Chinese Windows are GBK without the UTF-8 flag: read them as such. */
function decodeName(bytes: string[] | Uint8Array | Buffer): string {
  const b = bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes as string[], (c) => (typeof c === 'string' ? c.charCodeAt(0) : Number(c)));
  try {
    return utf8.decode(b);
  } catch {
    return gb18030.decode(b);
  }
}

/** The files of a .zip (folders left out), in reading order. `name` is for the error messages. */
export async function zipEntries(bytes: Uint8Array, name: string): Promise<ZipEntry[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { decodeFileName: decodeName, checkCRC32: false });
  } catch {
    throw fail('corrupt', 'collection.zip_damaged', { name });
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > MAX_ZIP_ENTRIES) throw fail('too_large', 'collection.zip_too_many', { name, n: files.length, limit: MAX_ZIP_ENTRIES });
  let total = 0;
  const out: ZipEntry[] = [];
  for (const f of files) {
    // jszip keeps the sizes of the central directory in a private field; a missing one counts as unknown (0).
    const size = Number((f as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0);
    total += size;
    const path = f.name.replace(/\\/g, '/').replace(/^\/+/, '');
    if (path.split('/').includes('..')) continue;
    out.push({
      path,
      size,
      read: async () => {
        try {
          return await f.async('uint8array');
        } catch {
          throw fail('corrupt', 'collection.zip_entry_damaged', { name, path });
        }
      },
    });
  }
  if (total > MAX_ZIP_UNPACKED_BYTES) throw fail('too_large', 'collection.zip_too_large', { name, mb: Math.round(total / 1048576), limit: MAX_ZIP_UNPACKED_BYTES / 1048576 });
  return out.sort((a, b) => comparePaths(a.path, b.path));
}
