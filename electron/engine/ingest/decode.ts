/**
 * Bytes → text. Chinese government files come as UTF-8 (with or without BOM), UTF-16 (Windows "Unicode"
 * saves, with BOM) or GB18030/GBK (the legacy national encoding; GB18030 is a superset of GBK and GB2312,
 * so one decoder reads all three). Detection: BOM first, then strict UTF-8, then strict GB18030.
 * Anything else is refused with one sentence naming the file — never half-decoded.
 */
import { fail } from '../model';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

function strict(encoding: Encoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Share of characters that are C0 control codes other than tab/LF/CR/FF: text files have none. */
function controlRatio(text: string): number {
  if (!text.length) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f) bad++;
  }
  return bad / text.length;
}

/** UTF-16 without BOM shows as NUL in every other byte of ASCII-range text. */
function guessBomlessUtf16(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Uint8Array, name: string): Decoded {
  if (bytes.length === 0) throw fail('empty_file', 'ingest.empty', { name });
  let encoding: Encoding | null = null;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    encoding = guessBomlessUtf16(bytes);
  }
  let text: string | null = null;
  if (encoding) {
    text = strict(encoding, body);
    if (text === null) throw fail('undecodable', 'ingest.bad_declared_encoding', { name, encoding: encoding.toUpperCase() });
  } else {
    if (bytes.includes(0)) throw fail('binary_file', 'ingest.binary', { name });
    text = strict('utf-8', body);
    encoding = 'utf-8';
    if (text === null) {
      text = strict('gb18030', body);
      encoding = 'gb18030';
    }
    if (text === null) throw fail('undecodable', 'ingest.undecodable', { name });
  }
  if (controlRatio(text) > 0.01) throw fail('binary_file', 'ingest.binary', { name });
  if (text.trim() === '') throw fail('empty_file', 'ingest.no_text', { name });
  return { text, encoding };
}
