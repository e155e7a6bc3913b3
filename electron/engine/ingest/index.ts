/**
 * Ingest: bytes of a file → text the parser reads.
 *
 * `extractText` picks the reader from the file's first bytes when they are unambiguous (a PDF, a zip, an
 * OLE container), else from its extension, so a misnamed file is still read right; a type it does not know
 * is refused with the list of types it does.
 */
import { fail, say, type DuizhaoError, type TextMark, type Warning } from '../model';
import { decodeText, type Encoding } from './decode';
import { docxToText, isOleContainer } from './docx';
import { declaredCharset, htmlToText } from './html';
import { pdfToText } from './pdf';

export { decodeText, type Decoded, type Encoding } from './decode';
export { htmlToText, type TextWithMarks } from './html';
export { fixRadicals } from './cjk';

export type SourceFormat = 'txt' | 'docx' | 'pdf' | 'html';

export interface Extracted {
  text: string;
  format: SourceFormat;
  /** Formatting runs of a .docx/.html (bold, underline, strikethrough, shading), when it has any. */
  marks?: TextMark[];
  /** What the reader repaired or could not read (line numbers of `text`). */
  warnings: Warning[];
  /** The encoding of a text file (or of an HTML file). */
  encoding?: Encoding | string;
  /** Pages of a PDF. */
  pages?: number;
}

export interface ExtractOptions {
  /** Reading progress 0..1 (PDF pages); for large files. */
  onProgress?: (fraction: number) => void;
}

export const SUPPORTED_TYPES = ['.txt', '.md', '.docx', '.pdf', '.html', '.htm'] as const;

function extension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, ascii: string, at = 0): boolean {
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/** Reading the magic bytes: what the file really is, when they say so clearly. */
export function sniffFormat(bytes: Uint8Array): SourceFormat | 'ole' | 'zip' | null {
  // "%PDF-" may follow a little junk (some generators prepend bytes); pdfjs tolerates it too.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  if (head.indexOf('%PDF-') >= 0 && head.indexOf('%PDF-') < 1024) return 'pdf';
  if (startsWith(bytes, 'PK\x03\x04')) return 'zip';
  if (isOleContainer(bytes)) return 'ole';
  const text = head.toString('latin1').replace(/^\xef\xbb\xbf/, '').trimStart().slice(0, 200).toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || (text.startsWith('<?xml') && text.includes('<html'))) return 'html';
  return null;
}

function decodeHtml(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  const declared = declaredCharset(bytes);
  const hasBom = (bytes[0] === 0xef && bytes[1] === 0xbb) || bytes[0] === 0xff || bytes[0] === 0xfe;
  if (declared && !hasBom && !/^utf-?8$/.test(declared)) {
    // GB2312 and GBK pages are read with GB18030, their superset.
    const label = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(declared) ? 'gb18030' : declared;
    try {
      return { text: new TextDecoder(label).decode(bytes), encoding: label };
    } catch {
      // An unknown label: fall back to detection.
    }
  }
  const d = decodeText(bytes, name);
  return { text: d.text, encoding: d.encoding };
}

function unsupported(name: string, ext: string, zip = false): DuizhaoError {
  const what = zip ? say('ingest.unsupported_zip') : ext ? say('ingest.unsupported_ext', { ext }) : say('ingest.unsupported_noext');
  return fail('unsupported_type', 'ingest.unsupported', { name, what, formats: SUPPORTED_TYPES.join('、') });
}

export async function extractText(bytes: Uint8Array, fileName: string, options: ExtractOptions = {}): Promise<Extracted> {
  const name = fileName.split(/[\\/]/).pop() || fileName;
  if (bytes.length === 0) throw fail('empty_file', 'ingest.empty', { name });
  const ext = extension(name);
  const sniffed = sniffFormat(bytes);
  let format: SourceFormat;
  if (sniffed === 'pdf') format = 'pdf';
  else if (sniffed === 'zip' || sniffed === 'ole') {
    // Word files are zips (.docx) or OLE containers (.doc, or a password-protected .docx).
    if (ext === '.docx' || ext === '.docm' || ext === '.dotx' || ext === '.doc' || ext === '' || ext === '.wps') format = 'docx';
    else throw unsupported(name, ext, sniffed === 'zip');
  } else if (ext === '.pdf') format = 'pdf'; // not a PDF inside: pdfToText says it is damaged
  else if (ext === '.docx' || ext === '.docm' || ext === '.dotx') format = 'docx';
  else if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || sniffed === 'html') format = 'html';
  // Markdown is a text format: its `# 标题`, `##` headings and <!-- --> comments are read by the parser.
  else if (ext === '.txt' || ext === '.text' || ext === '.md' || ext === '.markdown' || ext === '') format = 'txt';
  else throw unsupported(name, ext);

  let out: Extracted;
  switch (format) {
    case 'txt': {
      const d = decodeText(bytes, name);
      out = { text: d.text, format, warnings: [], encoding: d.encoding };
      break;
    }
    case 'html': {
      const d = decodeHtml(bytes, name);
      const r = htmlToText(d.text);
      out = { text: r.text, format, warnings: r.warnings, encoding: d.encoding, ...(r.marks.length ? { marks: r.marks } : {}) };
      break;
    }
    case 'docx': {
      const r = await docxToText(bytes, name);
      out = { text: r.text, format, warnings: r.warnings, ...(r.marks.length ? { marks: r.marks } : {}) };
      break;
    }
    case 'pdf': {
      const r = await pdfToText(bytes, name, options.onProgress);
      out = { text: r.text, format, warnings: r.warnings, pages: r.pages };
      break;
    }
  }
  if (out.text.trim() === '') throw fail('empty_file', 'ingest.no_text', { name });
  return out;
}
