/**
 * PDF → text lines, through the text layer (pdfjs-dist, legacy build for Node). A PDF has no lines or
 * paragraphs, only positioned runs of glyphs, so the lines are rebuilt:
 *
 * 1. runs whose baselines lie within half a glyph of each other form one visual line, read left to right;
 * 2. running headers and footers (page numbers "- 3 -", "第 3 页") at the top or bottom of a page go;
 * 3. visual lines are joined into the lines a writer typed: a new line starts where the text is indented
 *    (a 公文 paragraph starts two characters in), after a line that stops short of the right margin, after
 *    a vertical gap (which also gives a blank line), where the font size changes, and where an article or
 *    chapter label (第X条, 第X章; parse/lines.ts decides) follows the end of a sentence. Anything else is a
 *    line broken by the layout, including at a page break, and is joined.
 *
 * Refusals: a PDF whose pages carry no text at all is a scan (image only) — one sentence saying so;
 * a password-protected PDF and a damaged one each get their own sentence.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fail, warning, type Warning } from '../model';
import { classifyLine } from '../parse/lines';
import { fixRadicals } from './cjk';

export interface PdfText {
  text: string;
  warnings: Warning[];
  pages: number;
}

interface Run {
  x: number;
  y: number;
  width: number;
  size: number;
  str: string;
}

interface VisualLine {
  x: number;
  right: number;
  y: number;
  size: number;
  text: string;
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | null = null;

/** pdfjs-dist is an ES module kept outside the bundles; it is loaded on the first PDF only. */
function loadPdfJs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return loading;
}

/** Folder of the pdfjs-dist package: its CMaps read CJK PDFs whose fonts are not embedded. */
function pdfjsDir(): string | null {
  try {
    return dirname(createRequire(__filename).resolve('pdfjs-dist/package.json'));
  } catch {
    return null;
  }
}

const PAGE_NUMBER = /^(?:[-—–－~\s]*[0-9０-９]+[-—–－~\s]*|第\s*[0-9０-９]+\s*页(?:\s*[，,]?\s*共\s*[0-9０-９]+\s*页)?|[0-9]+\s*\/\s*[0-9]+)$/u;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The most frequent value, rounded to whole points: the left margin of body text. */
function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(Math.round(v), (counts.get(Math.round(v)) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) {
    if (c > bestCount || (c === bestCount && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

/** White space `width` wide: whole ems are full-width spaces (what Chinese text is set with), less is " ". */
function spaceOf(width: number, size: number): string {
  const ems = Math.round(width / size);
  return ems >= 1 && width > size * 0.75 ? '\u3000'.repeat(Math.min(ems, 8)) : ' ';
}

function visualLines(runs: Run[]): VisualLine[] {
  const sorted = runs.slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: Run[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(ref.y - r.y) <= Math.max(ref.size, r.size) * 0.5) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    let text = '';
    let end = g[0]!.x;
    for (const r of g) {
      // A visible gap between runs is white space (a table's columns, "第一条　内容" set with spaces).
      const gap = r.x - end;
      if (text !== '' && gap > r.size * 0.6 && !/\s$/.test(text) && !/^\s/.test(r.str)) text += spaceOf(gap, r.size);
      // pdfjs reports white space as one " " whatever its width; a full-width space (U+3000) is one em.
      text += /^\s+$/.test(r.str) ? spaceOf(r.width, r.size) : r.str;
      end = Math.max(end, r.x + r.width);
    }
    return { x: g[0]!.x, right: end, y: g[0]!.y, size: median(g.map((r) => r.size)), text: text.replace(/\s+$/u, '') };
  });
}

/**
 * Starts with an article or a chapter/section/part heading (not a citation such as "第五条规定的"). 项
 * labels （一） are not trusted here: inline 项 ("…措施：（一）…；（二）…") wrap onto the start of a line
 * all the time, and splitting there would cut one 款 in two; 项 set on their own lines are indented,
 * which the indent rule sees.
 */
function startsWithHeadingLabel(text: string): boolean {
  const l = classifyLine({ line: 1, text: text.trim() });
  return (l.kind === 'article' || l.kind === 'chapter' || l.kind === 'section' || l.kind === 'part') && !l.tight;
}

/** The line ends a sentence or a heading, so what follows may start anew. */
const SENTENCE_END = /[。；：！？;:!?”）)】]$/u;

const ASCII_WORD_END = /[A-Za-z0-9]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

export async function pdfToText(bytes: Uint8Array, name: string, onProgress?: (fraction: number) => void): Promise<PdfText> {
  const pdfjs = await loadPdfJs();
  const dir = pdfjsDir();
  // pdfjs takes ownership of the buffer it is given: hand it a copy.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
    ...(dir ? { cMapUrl: join(dir, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(dir, 'standard_fonts') + '/' } : {}),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const kind = (e as { name?: string }).name;
    if (kind === 'PasswordException') {
      throw fail('encrypted', 'ingest.pdf_encrypted', { name });
    }
    throw fail('corrupt', 'ingest.pdf_damaged', { name });
  }

  const warnings: Warning[] = [];
  const out: string[] = [];
  const emptyPages: number[] = [];
  let radicals = 0;
  try {
    let prev: VisualLine | null = null;
    let prevRight = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      page.cleanup();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [a, b, c, d, e, f] = item.transform as number[];
        // Rotated text (a stamp, a sideways table) is not body text.
        if (Math.abs(b ?? 0) > 0.01 || Math.abs(c ?? 0) > 0.01) continue;
        const size = Math.abs(d ?? 0) || Math.abs(a ?? 0) || item.height || 10;
        const fixed = fixRadicals(item.str);
        radicals += fixed.replaced;
        runs.push({ x: e ?? 0, y: f ?? 0, width: item.width, size, str: fixed.text });
      }
      let lines = visualLines(runs).filter((l) => l.text.trim() !== '');
      // Running heads and page numbers at the top or bottom of the page.
      while (lines.length && PAGE_NUMBER.test(lines[lines.length - 1]!.text.trim())) lines.pop();
      while (lines.length && PAGE_NUMBER.test(lines[0]!.text.trim())) lines.shift();
      if (lines.length === 0) {
        emptyPages.push(p);
        onProgress?.(p / doc.numPages);
        continue;
      }
      const bodySize = median(lines.map((l) => l.size));
      const left = mode(lines.filter((l) => Math.abs(l.size - bodySize) < bodySize * 0.2).map((l) => l.x));
      // The right margin: where most long lines end (hanging punctuation may stick out past it).
      const long = lines.filter((l) => l.text.length > 8);
      const right = median((long.length ? long : lines).map((l) => l.right));
      const pitches: number[] = [];
      for (let k = 1; k < lines.length; k++) pitches.push(lines[k - 1]!.y - lines[k]!.y);
      const pitch = median(pitches.filter((v) => v > 0)) || bodySize * 1.5;

      lines.forEach((line, k) => {
        const indented = line.x > left + line.size * 0.9;
        const label = prev !== null && SENTENCE_END.test(out[out.length - 1] ?? '') && startsWithHeadingLabel(line.text);
        const gap = k > 0 && lines[k - 1]!.y - line.y > pitch * 1.6;
        const sizeChange = prev !== null && Math.abs(prev.size - line.size) > Math.min(prev.size, line.size) * 0.2;
        // The line before stopped short of the margin: it ended a paragraph (or was a title).
        const short = prev !== null && prev.right < prevRight - line.size * 1.5;
        const first = prev === null;
        if (!first && (indented || label || short || gap || sizeChange)) {
          if (gap) out.push('');
          out.push(line.text.replace(/^\s+/u, ''));
        } else if (first) {
          out.push(line.text.replace(/^\s+/u, ''));
        } else {
          // A line broken by the layout: join, with a space only between two Latin words.
          const last = out[out.length - 1]!;
          const text = line.text.replace(/^\s+/u, '');
          out[out.length - 1] = last + (ASCII_WORD_END.test(last) && ASCII_WORD_START.test(text) ? ' ' : '') + text;
        }
        prev = line;
        prevRight = right;
      });
      onProgress?.(p / doc.numPages);
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }

  const pages = doc.numPages;
  if (out.every((l) => l.trim() === '')) {
    throw fail('no_text', 'ingest.pdf_no_text', { name });
  }
  if (emptyPages.length) {
    warnings.push(warning(1, 'warning', 'ingest.pdf_pages_without_text', { pages: rangeList(emptyPages), total: pages }));
  }
  if (radicals) {
    warnings.push(warning(1, 'info', 'ingest.pdf_radicals', { n: radicals }));
  }
  return { text: out.join('\n'), warnings, pages };
}

/** [1,2,3,5] → "1–3, 5". */
function rangeList(ns: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j > i ? `${ns[i]}–${ns[j]}` : String(ns[i]));
    i = j + 1;
  }
  return parts.join(', ');
}
