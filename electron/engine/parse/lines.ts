/**
 * Stage 2 — lines: classify each normalised line by what it starts with.
 *
 * Guarantee after this stage: every non-blank source line is one ClassifiedLine (or two, when a 项 or 条
 * starts mid-line after a run of spaces, as Word exports of policy documents do); `text` is the line's
 * content after its label, trimmed; nothing is dropped: label + heading + text reproduce the line's
 * characters apart from white space and brackets.
 *
 * A Markdown heading marker (kept by normalise as `heading`) is strong evidence: a `##`/`###` line that
 * starts with 第X章/节/编 is that heading even when its title has a comma or ends in "。", and a `##`
 * line "一、回避" is a heading, not text. Damaged article labels ("第七十五 条", "第三十－条") and articles
 * run together on one line after "。 " are recovered here; structure.ts accepts them only in sequence.
 */
import { cnToInt, CN_NUMERAL_CHARS, warning, type Warning } from '../model';
import type { SourceLine } from './normalise';

export type LineKind =
  | 'blank'
  | 'part' // 第一编
  | 'subpart' // 第一分编 (民法典)
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
  /** The Markdown heading level of the source line, if it was a heading. */
  mdHeading?: number;
  /** An article label damaged in the source ("第七十五 条", "第三十－条"), recovered: warn where accepted. */
  damaged?: boolean;
  /** An article that ran on after "。 " on the line of the previous one (split here): warn where accepted. */
  runOn?: boolean;
}

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;
const SPACE = '[\\s\\u3000]';
const STRUCT_RE = new RegExp(`^第(${N})(分编|编|章|节)${SPACE}*(.*)$`, 'u');
const ARTICLE_RE = new RegExp(`^第(${N})条(?:之([${CN_NUMERAL_CHARS}]+))?(${SPACE}*)(?:【([^】]*)】)?${SPACE}*(.*)$`, 'u');
const ITEM_RE = new RegExp(`^[（(]([${CN_NUMERAL_CHARS}]+)[)）]${SPACE}*(.*)$`, 'u');
const SUBITEM_RE = /^([0-9０-９]{1,3})[.．、](?![0-9０-９])[\s\u3000]*(.*)$/u;
const OUTLINE_RE = new RegExp(`^([${CN_NUMERAL_CHARS}]+)、${SPACE}*(.*)$`, 'u');
/**
 * A damaged article label: white space between the numeral and 条 ("第七十五 条"), or a dash where 一 was
 * meant ("第三十－条", an OCR or typing slip). Tried only when ARTICLE_RE does not match.
 */
const DASH = '－—\\-‐–';
const DAMAGED_ARTICLE_RE = new RegExp(`^第([${CN_NUMERAL_CHARS}${DASH}]+?)(${SPACE}*)条(${SPACE}*)(.*)$`, 'u');
/** An article run on after a sentence end and one space (飞行基本规则: a whole chapter on one line). */
const RUN_ON_RE = new RegExp(`[。；：](?:[ \\u3000])+(?=第(${N})条)`, 'gu');
const RUN_ON_QUICK = /[。；：][ \u3000]+第/u;
/** Where a run-on line is cut into 款, 项 and articles: after a sentence end and spaces. */
const RUN_ON_CUT = /(?<=[。；：])[ \u3000]+(?=\S)/u;
/** A 项 or 条 that starts mid-line after a sentence end and a run of (full-width) spaces. */
const MIDLINE_RE = new RegExp(`([。；;])((?:${SPACE})*\\u3000(?:${SPACE})*|${SPACE}{2,})(?=[（(][${CN_NUMERAL_CHARS}]+[)）]|第${N}条)`, 'u');

const INNER_HEADING = new RegExp(`第${N}(?:分编|编|章|节)`, 'u');
const LABEL_START = new RegExp(`^[第（(${CN_NUMERAL_CHARS}0-9０-９\\u2488-\\u249b]`, 'u');

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
  return { line: src.line, kind, cell, raw, label, number, sub: undefined, heading, text, tight: undefined, mdHeading: src.heading, damaged: undefined, runOn: undefined };
}

/** 第三十－条 → 31: a dash stands where 一 was meant. */
function damagedNumber(numeral: string): number | null {
  return cnToInt(numeral.replace(new RegExp(`[${DASH}]`, 'gu'), '一'));
}

export function classifyLine(src: SourceLine): ClassifiedLine {
  const cell = src.text.startsWith('\t');
  const raw = src.text.replace(/^[\s\u3000]+/u, '');
  if (raw === '') return make(src, cell, raw, 'blank', '');
  // Most lines are plain text: only a few first characters can open a structural label.
  if (!LABEL_START.test(raw)) return make(src, cell, raw, 'text', raw);

  // A Markdown heading marker is trusted over the shape of the title.
  const heading = src.heading !== undefined && src.heading > 1;
  let m = STRUCT_RE.exec(raw);
  // …but not a heading that lists other headings ("## 第一章 总则 第二章 任免范围 …": a 目录 on one line).
  if (m && ((heading && !INNER_HEADING.test(m[3]!)) || looksLikeTitle(m[3]!))) {
    const kind = m[2] === '编' ? 'part' : m[2] === '分编' ? 'subpart' : m[2] === '章' ? 'chapter' : 'section';
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
  m = DAMAGED_ARTICLE_RE.exec(raw);
  if (m && (m[2] !== '' || new RegExp(`[${DASH}]`, 'u').test(m[1]!)) && !heading) {
    const number = damagedNumber(m[1]!);
    if (number !== null && number > 0) {
      // Kept as written (a dash is not 一): the label is text of the source. Trusted only in sequence.
      const line = make(src, cell, raw, 'article', m[4]!.trim(), `第${m[1]}条`, number);
      line.damaged = true;
      line.tight = true;
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
  // "⒈" … "⒛": one character for "1." in some web sources.
  const dotted = raw.codePointAt(0)! - 0x2487;
  if (dotted >= 1 && dotted <= 20) return make(src, cell, raw, 'subitem', raw.slice(1).trim(), `${dotted}.`, dotted);
  m = OUTLINE_RE.exec(raw);
  if (m && (heading || looksLikeTitle(m[2]!))) {
    const number = cnToInt(m[1]!);
    if (number !== null) return make(src, cell, raw, 'outline', '', `${m[1]}、`, number, cleanTitle(m[2]!));
  }
  return make(src, cell, raw, 'text', raw);
}

/**
 * A line on which the next articles run on after "。 " (in sequence from `last`): cut it into its 款, 项
 * and articles, each a line of its own. Returns null for an ordinary line.
 */
function splitRunOn(src: SourceLine, last: number, warnings: Warning[]): ClassifiedLine[] | null {
  if (src.heading !== undefined || !RUN_ON_QUICK.test(src.text)) return null;
  let expected = last + 1;
  let found = false;
  const first = classifyLine(src);
  if (first.kind === 'article' && !first.tight) expected = first.number! + 1;
  for (const m of src.text.matchAll(RUN_ON_RE)) {
    if (cnToInt(m[1]!) === expected) {
      found = true;
      expected++;
    }
  }
  if (!found) return null;
  const out: ClassifiedLine[] = [];
  let rest = src.text;
  let next = first.kind === 'article' && !first.tight ? first.number! + 1 : last + 1;
  for (;;) {
    const m = RUN_ON_CUT.exec(rest);
    const piece = m ? rest.slice(0, m.index) : rest;
    const l = classifyLine({ line: src.line, text: piece });
    if (out.length && l.kind === 'article') {
      if (l.number === next) {
        l.runOn = true;
        l.tight = undefined;
        next++;
        warnings.push(warning(src.line, 'warning', 'parse.run_on_article', { label: l.label! }));
      } else {
        // Not the next article: a citation at the start of a sentence stays text.
        l.tight = true;
      }
    }
    out.push(l);
    if (!m) break;
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

/** Classifies all lines, splitting lines where a 项/条 starts mid-line. */
export function classifyLines(lines: SourceLine[], warnings: Warning[]): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  let lastArticle = 0;
  for (const src of lines) {
    const runOn = splitRunOn(src, lastArticle, warnings);
    if (runOn) {
      out.push(...runOn);
      for (const l of runOn) if (l.kind === 'article' && !l.tight) lastArticle = l.number!;
      continue;
    }
    let text = src.text;
    let first = true;
    for (;;) {
      const m = MIDLINE_RE.exec(text);
      if (!m) break;
      const cut = m.index + m[1]!.length;
      const head = text.slice(0, cut);
      const classifiedHead = classifyLine({ line: src.line, text: first ? head : head.trimStart(), heading: first ? src.heading : undefined });
      out.push(classifiedHead);
      text = text.slice(cut + m[2]!.length);
      const next = classifyLine({ line: src.line, text });
      warnings.push(warning(src.line, 'info', 'parse.midline_split', { label: next.label ?? '一段文字' }));
      first = false;
    }
    out.push(classifyLine({ line: src.line, text: first ? text : text.trimStart(), heading: first ? src.heading : undefined }));
    const l = out[out.length - 1]!;
    if (l.kind === 'article' && !l.tight) lastArticle = l.number!;
  }
  return out;
}
