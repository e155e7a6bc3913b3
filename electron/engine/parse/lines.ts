/**
 * Stage 2 — lines: classify each normalised line by what it starts with.
 *
 * Guarantee after this stage: every non-blank source line is one ClassifiedLine (or two, when a 项 or 条
 * starts mid-line after a run of spaces, as Word exports of policy documents do); `text` is the line's
 * content after its label, trimmed; nothing is dropped: label + heading + text reproduce the line's
 * characters apart from white space and brackets.
 */
import { cnToInt, CN_NUMERAL_CHARS, warning, type Warning } from '../model';
import type { SourceLine } from './normalise';

export type LineKind =
  | 'blank'
  | 'part' // 第一编
  | 'chapter' // 第一章
  | 'section' // 第一节
  | 'article' // 第一条
  | 'item' // （一）
  | 'subitem' // 1.
  | 'outline' // 一、 (a policy document's numbered sections)
  | 'text';

export interface ClassifiedLine {
  line: number;
  kind: LineKind;
  /** True when the source line began with a tab: a cell of a flattened two-column table. */
  cell: boolean;
  /** The whole trimmed line (for preamble and messages). */
  raw: string;
  /** Label as written, e.g. "第三条", "（一）", "1.". */
  label?: string;
  number?: number;
  /** 之一 → 1. */
  sub?: number;
  /** 【heading】 (without brackets) of an article, or the title of a chapter/section/part/outline. */
  heading?: string;
  /** Content after the label and heading. */
  text: string;
  /** An article label with nothing separating it from the text ("第五条规定的…"): maybe a citation. */
  tight?: boolean;
}

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;
const SPACE = '[\\s\\u3000]';
const STRUCT_RE = new RegExp(`^第(${N})(编|章|节)${SPACE}*(.*)$`, 'u');
const ARTICLE_RE = new RegExp(`^第(${N})条(?:之([${CN_NUMERAL_CHARS}]+))?(${SPACE}*)(?:【([^】]*)】)?${SPACE}*(.*)$`, 'u');
const ITEM_RE = new RegExp(`^[（(]([${CN_NUMERAL_CHARS}]+)[)）]${SPACE}*(.*)$`, 'u');
const SUBITEM_RE = /^([0-9０-９]{1,3})[.．、](?![0-9０-９])[\s\u3000]*(.*)$/u;
const OUTLINE_RE = new RegExp(`^([${CN_NUMERAL_CHARS}]+)、${SPACE}*(.*)$`, 'u');
/** A 项 or 条 that starts mid-line after a sentence end and a run of (full-width) spaces. */
const MIDLINE_RE = new RegExp(`([。；;])((?:${SPACE})*\\u3000(?:${SPACE})*|${SPACE}{2,})(?=[（(][${CN_NUMERAL_CHARS}]+[)）]|第${N}条)`, 'u');

const LABEL_START = new RegExp(`^[第（(${CN_NUMERAL_CHARS}0-9０-９]`, 'u');

/** Structural headings are short titles, never sentences. */
function looksLikeTitle(title: string): boolean {
  return title.length <= 40 && !/[。；，,;]/.test(title);
}

/** Chapter titles are often typeset with inner spaces ("附    则"); the title is the words without them. */
export function cleanTitle(title: string): string {
  return title.replace(/[\s\u3000]+/gu, '');
}

/** Every ClassifiedLine gets the same fields in the same order: one hidden class, a fast hot loop. */
function make(
  src: SourceLine,
  cell: boolean,
  raw: string,
  kind: LineKind,
  text: string,
  label?: string,
  number?: number,
  heading?: string,
): ClassifiedLine {
  return { line: src.line, kind, cell, raw, label, number, sub: undefined, heading, text, tight: undefined };
}

export function classifyLine(src: SourceLine): ClassifiedLine {
  const cell = src.text.startsWith('\t');
  const raw = src.text.replace(/^[\s\u3000]+/u, '');
  if (raw === '') return make(src, cell, raw, 'blank', '');
  // Most lines are plain text: only a few first characters can open a structural label.
  if (!LABEL_START.test(raw)) return make(src, cell, raw, 'text', raw);

  let m = STRUCT_RE.exec(raw);
  if (m && looksLikeTitle(m[3]!)) {
    const kind = m[2] === '编' ? 'part' : m[2] === '章' ? 'chapter' : 'section';
    const number = cnToInt(m[1]!);
    if (number !== null) return make(src, cell, raw, kind, '', `第${m[1]}${m[2]}`, number, cleanTitle(m[3]!));
  }
  m = ARTICLE_RE.exec(raw);
  if (m) {
    const number = cnToInt(m[1]!);
    if (number !== null) {
      const line = make(src, cell, raw, 'article', m[5]!.trim(), `第${m[1]}条${m[2] ? '之' + m[2] : ''}`, number, m[4]?.trim() || undefined);
      if (m[2]) line.sub = cnToInt(m[2]) ?? undefined;
      // "第五条规定的…" at the start of a sentence is a citation, not an article; without a separator we
      // only believe it when the caller finds the number in sequence (see structure.ts).
      if (m[3] === '' && m[4] === undefined && m[5] !== '') line.tight = true;
      return line;
    }
  }
  m = ITEM_RE.exec(raw);
  if (m) {
    const number = cnToInt(m[1]!);
    if (number !== null) return make(src, cell, raw, 'item', m[2]!.trim(), `（${m[1]}）`, number);
  }
  m = SUBITEM_RE.exec(raw);
  if (m) {
    const number = cnToInt(m[1]!)!;
    return make(src, cell, raw, 'subitem', m[2]!.trim(), `${number}.`, number);
  }
  m = OUTLINE_RE.exec(raw);
  if (m && looksLikeTitle(m[2]!)) {
    const number = cnToInt(m[1]!);
    if (number !== null) return make(src, cell, raw, 'outline', '', `${m[1]}、`, number, cleanTitle(m[2]!));
  }
  return make(src, cell, raw, 'text', raw);
}

/** Classifies all lines, splitting lines where a 项/条 starts mid-line. */
export function classifyLines(lines: SourceLine[], warnings: Warning[]): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  for (const src of lines) {
    let text = src.text;
    let first = true;
    for (;;) {
      const m = MIDLINE_RE.exec(text);
      if (!m) break;
      const cut = m.index + m[1]!.length;
      const head = text.slice(0, cut);
      const classifiedHead = classifyLine({ line: src.line, text: first ? head : head.trimStart() });
      out.push(classifiedHead);
      text = text.slice(cut + m[2]!.length);
      const next = classifyLine({ line: src.line, text });
      warnings.push(warning(src.line, 'info', 'parse.midline_split', { label: next.label ?? '一段文字' }));
      first = false;
    }
    out.push(classifyLine({ line: src.line, text: first ? text : text.trimStart() }));
  }
  return out;
}
