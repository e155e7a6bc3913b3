/**
 * The PDF's document information (Creator, Producer, Title), set after printing. Chromium's printToPDF
 * names itself (Creator "Mozilla/5.0 … HeadlessChrome/…", Producer "Skia/PDF m1xx") and offers no option
 * to change that; Electron's printToPDF is the same engine. Rather than rewrite the file, this appends an
 * incremental update (ISO 32000-1 §7.5.6): a new revision of the Info dictionary, an xref section for that
 * one object and a trailer pointing back (/Prev) at the original one — the bytes Chromium wrote stay as
 * they are, and every reader takes the last revision. No PDF library is needed for one small dictionary.
 *
 * Only the classic cross-reference table Skia writes is handled; a file with a cross-reference stream (or
 * anything unexpected) is returned unchanged rather than risk a damaged file.
 */

export interface PdfInfo {
  title?: string;
  creator: string;
  producer: string;
}

const latin1 = (bytes: Uint8Array, from = 0, to = bytes.length) => {
  let s = '';
  for (let i = from; i < to; i += 8192) s += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + 8192)));
  return s;
};

/** A PDF text string: ASCII as a literal string, anything else as UTF-16BE with a byte order mark, in hex. */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => '\\' + c)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** The entries of a dictionary's body ("/Key value …"), each value as written; null when it does not read. */
function dictEntries(body: string): Array<[string, string]> | null {
  const out: Array<[string, string]> = [];
  let i = 0;
  const ws = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++;
  };
  const name = () => {
    const m = /^\/[^\s/<>[\]()]+/.exec(body.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const value = (): string | null => {
    const start = i;
    const c = body[i];
    if (c === '(') {
      let depth = 0;
      for (; i < body.length; i++) {
        if (body[i] === '\\') i++;
        else if (body[i] === '(') depth++;
        else if (body[i] === ')' && --depth === 0) return body.slice(start, ++i);
      }
      return null;
    }
    if (c === '<' && body[i + 1] !== '<') {
      const end = body.indexOf('>', i);
      if (end < 0) return null;
      i = end + 1;
      return body.slice(start, i);
    }
    if (c === '<' || c === '[') {
      const [open, close] = c === '<' ? ['<<', '>>'] : ['[', ']'];
      let depth = 0;
      while (i < body.length) {
        if (body.startsWith(open, i)) {
          depth++;
          i += open.length;
        } else if (body.startsWith(close, i)) {
          depth--;
          i += close.length;
          if (depth === 0) return body.slice(start, i);
        } else if (body[i] === '(') {
          if (value() === null) return null;
        } else i++;
      }
      return null;
    }
    const m = /^[^\s/<>[\]()]+(?:\s+\d+\s+R\b)?/.exec(body.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  for (ws(); i < body.length; ws()) {
    const key = name();
    if (!key) return null;
    ws();
    const v = value();
    if (v === null) return null;
    out.push([key, v]);
  }
  return out;
}

/** Where object `num` starts, from the cross-reference table at `xref` (null when it is not listed there). */
function objectOffset(bytes: Uint8Array, xref: number, num: number): number | null {
  const text = latin1(bytes, xref, Math.min(bytes.length, xref + 64 + 20 * (num + 1) + 4096));
  const lines = text.split(/\r\n|\r|\n/);
  for (let k = 1; k < lines.length; ) {
    const head = /^(\d+)\s+(\d+)\s*$/.exec(lines[k]!);
    if (!head) return null;
    const [first, count] = [Number(head[1]), Number(head[2])];
    if (num >= first && num < first + count) {
      const entry = /^(\d{10})\s+\d{5}\s+n/.exec(lines[k + 1 + num - first] ?? '');
      return entry ? Number(entry[1]) : null;
    }
    k += 1 + count;
  }
  return null;
}

/** The PDF with its Info dictionary's Creator and Producer (and Title, when given) set. */
export function setPdfInfo(bytes: Uint8Array, info: PdfInfo): Uint8Array {
  if (latin1(bytes, 0, 5) !== '%PDF-') return bytes;
  const tail = latin1(bytes, Math.max(0, bytes.length - 4096));
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) return bytes;
  const prev = Number(sx[1]);
  if (latin1(bytes, prev, prev + 4) !== 'xref') return bytes; // a cross-reference stream: left alone
  const trailerAt = tail.lastIndexOf('trailer');
  if (trailerAt < 0) return bytes;
  const trailer = dictEntries(/<<([\s\S]*)>>/.exec(tail.slice(trailerAt))?.[1] ?? '');
  if (!trailer) return bytes;
  const get = (k: string) => trailer.find(([key]) => key === k)?.[1];
  const size = Number(get('/Size'));
  const root = get('/Root');
  if (!Number.isInteger(size) || !root) return bytes;

  // The Info object: revised in place (same number) when there is one, else a new object.
  const ref = /^(\d+)\s+(\d+)\s+R$/.exec(get('/Info') ?? '');
  const [num, gen] = ref ? [Number(ref[1]), Number(ref[2])] : [size, 0];
  let entries: Array<[string, string]> = [];
  if (ref) {
    const at = objectOffset(bytes, prev, num);
    const body = at !== null ? /^\s*\d+\s+\d+\s+obj\s*<<([\s\S]*?)>>\s*endobj/.exec(latin1(bytes, at, Math.min(bytes.length, at + 65536))) : null;
    entries = (body && dictEntries(body[1]!)) ?? [];
  }
  const set = new Map(entries);
  if (info.title !== undefined) set.set('/Title', pdfTextString(info.title));
  set.set('/Creator', pdfTextString(info.creator));
  set.set('/Producer', pdfTextString(info.producer));

  const eol = bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  const objAt = bytes.length + eol.length;
  const obj = `${num} ${gen} obj\n<<${[...set].map(([k, v]) => `${k} ${v}`).join('\n')}>>\nendobj\n`;
  const xrefAt = objAt + obj.length;
  const keep = trailer.filter(([k]) => k === '/ID');
  const newSize = Math.max(size, num + 1);
  const update =
    eol +
    obj +
    `xref\n${num} 1\n${String(objAt).padStart(10, '0')} ${String(gen).padStart(5, '0')} n\r\n` +
    `trailer\n<</Size ${newSize}\n/Root ${root}\n/Info ${num} ${gen} R\n/Prev ${prev}${keep.map(([k, v]) => `\n${k} ${v}`).join('')}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  // The update is ASCII only (non-ASCII text is written in hex): one byte per character.
  const out = new Uint8Array(bytes.length + update.length);
  out.set(bytes, 0);
  for (let i = 0; i < update.length; i++) out[bytes.length + i] = update.charCodeAt(i);
  return out;
}
