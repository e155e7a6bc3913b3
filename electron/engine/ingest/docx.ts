/**
 * Word (.docx) → text lines, through mammoth (docx → HTML) and html.ts (HTML → lines, tables, marks).
 *
 * mammoth keeps bold, underline, strikethrough and highlight, but not two kinds of formatting a 修改对照稿
 * made in Word uses to mark changes: character shading (w:shd, "阴影部分为删去或者移动") and the 黑体 (SimHei)
 * typeface ("黑体部分为增加" — a typeface, not bold). Before mammoth reads the file, runs with either get
 * the formatting mammoth does read (a highlight, bold), so they come out as 'shade' and 'bold' marks.
 *
 * Refusals, each one sentence: not a zip / no document part (damaged), a password-protected file (Word
 * stores it as an encrypted OLE container), an old binary .doc.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { fail } from '../model';
import { htmlToText, type TextWithMarks } from './html';

/** Largest word/document.xml we inflate: ~40 times the XML of the longest Chinese code. */
const MAX_DOCUMENT_XML_BYTES = 200 * 1024 * 1024;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isOleContainer(bytes: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => bytes[i] === b);
}

/** "EncryptedPackage" as UTF-16LE: the stream a password-protected .docx/.xlsx keeps its content in. */
function hasEncryptedPackage(bytes: Uint8Array): boolean {
  const needle = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

const SHADED_FILL = /<w:shd\b[^>]*\bw:fill="(?!auto"|FFFFFF"|ffffff")[0-9A-Fa-f]{6}"/;
const HEITI = /<w:rFonts\b[^>]*="(?:黑体|SimHei|方正黑体[^"]*|FZHei[^"]*)"/;

/** Run properties with shading or the 黑体 typeface get a highlight / bold mammoth understands. */
export function markChangeFormatting(xml: string): { xml: string; changed: number } {
  let changed = 0;
  const out = xml.replace(/<w:rPr>([\s\S]*?)<\/w:rPr>/g, (whole, inner: string) => {
    let add = '';
    if (SHADED_FILL.test(inner) && !inner.includes('<w:highlight')) add += '<w:highlight w:val="lightGray"/>';
    if (HEITI.test(inner) && !/<w:b(\s+w:val="(true|1|on)")?\s*\/>/.test(inner)) add += '<w:b/>';
    if (!add) return whole;
    changed++;
    // A bare <w:b w:val="0"/> would cancel the bold we add.
    return `<w:rPr>${inner.replace(/<w:b\s+w:val="(false|0|off)"\s*\/>/g, '')}${add}</w:rPr>`;
  });
  return { xml: out, changed };
}

export async function docxToText(bytes: Uint8Array, name: string): Promise<TextWithMarks> {
  if (isOleContainer(bytes)) {
    if (hasEncryptedPackage(bytes)) {
      throw fail('encrypted', 'ingest.doc_encrypted', { name });
    }
    throw fail('unsupported_type', 'ingest.doc_legacy', { name });
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw fail('corrupt', 'ingest.docx_not_zip', { name });
  }
  const part = zip.file('word/document.xml');
  if (!part) throw fail('corrupt', 'ingest.docx_no_document', { name });
  // A small .docx can inflate to gigabytes (a zip bomb): refuse by the size the archive declares before
  // inflating anything. JSZip keeps that size on a field it does not document, hence the guarded read.
  const declared = (part as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  if (typeof declared === 'number' && declared > MAX_DOCUMENT_XML_BYTES) {
    throw fail('too_large', 'ingest.docx_too_large', { name, mb: (declared / 1048576).toFixed(0), limit: MAX_DOCUMENT_XML_BYTES / 1048576 });
  }
  let input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    const marked = markChangeFormatting(await part.async('string'));
    if (marked.changed > 0) {
      zip.file('word/document.xml', marked.xml);
      input = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    }
  } catch {
    throw fail('corrupt', 'ingest.docx_damaged', { name });
  }
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: input },
      {
        styleMap: ['u => u', 'strike => s', 'highlight => mark'],
        ignoreEmptyParagraphs: false,
        // Images carry no text; skip encoding them as data URIs.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch {
    throw fail('corrupt', 'ingest.docx_damaged', { name });
  }
  // mammoth writes Word's text as it is (no layout white space): keep its spaces.
  return htmlToText(html, { preserveSpaces: true });
}
