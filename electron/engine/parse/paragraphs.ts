/**
 * Stage 4 — an article's lines become 款 (paragraphs) with their 项 (items) and 目 (sub-items).
 *
 * The conventions handled here:
 * - Each line of text is one 款. A line that stops without a sentence end (。；：！？) may have been broken
 *   by PDF extraction or page layout, and then the next text line continues it (Zhejiang 第三条 has 4 款,
 *   not 5). The last character is not enough evidence on its own (see `continues`): a formula
 *   ("应纳税额＝…"), a note in parentheses ("…销售。 (2011年1月8日删除)") or a short title-like line
 *   ends its 款.
 * - 项 ("（一）…") belong to the 款 that introduces them (usually ending in "："); a text line after
 *   them starts a new 款 — unless the list goes on after it: a line between 项（一） and 项（二） continues
 *   项（一） (国歌法 第四条), and lines that fill a gap in the numbering exactly are 项 whose labels the
 *   source lost (warned). 项 can also be written inline: "…措施：（一）…；（二）…。" (Hunan 第十一条).
 * - 目-style numbers "1." "2." directly under a 款 (no 项 above) are that 款's 项, labelled "1." (专利纠纷
 *   规定 第一条: one 款 with 16 项, not 17 款).
 * - A 修改对照稿 carries editorial notes in parentheses — "（移至第二十一条第一款）",
 *   "（对列项的顺序作了调整）" — after a 款 or on their own line. They describe the change, are not law,
 *   and go to the article's `notes`, never into its text.
 */
import { cnToInt, intToCn, CN_NUMERAL_CHARS, warning, type Item, type Paragraph, type Warning } from '../model';

export interface Entry {
  line: number;
  kind: 'text' | 'item' | 'subitem';
  label?: string;
  number?: number;
  text: string;
  /** A blank line came before this entry. */
  afterBlank: boolean;
  /** Length of the source line, label included: a short line with no punctuation is whole. */
  width?: number;
}

/** Ends a sentence: 。；：！？ (either width), possibly followed by closing quotes or brackets. */
const SENTENCE_END = /[。；：！？;:!?…][”’」』）)\]》〉]*$/u;

/** Words with which the editors of a 对照稿 describe a change. */
const NOTE_WORDS = /移至|原第|作了调整|顺序对调|删去|合并至|拆分为|移入/u;

export function isEditorialNote(inner: string): boolean {
  return inner.length <= 60 && NOTE_WORDS.test(inner);
}

const WHOLE_NOTE = /^[（(]([^（）()]*)[)）]$/u;
const TRAILING_NOTE = /^(.*[。；：.;:])[\s\u3000]*[（(]([^（）()]*)[)）]$/u;

/** Splits editorial notes off a line: returns the remaining text and the notes found, in order. */
export function takeNotes(text: string): { text: string; notes: string[] } {
  if (!text.endsWith('）') && !text.endsWith(')')) return { text, notes: [] };
  const whole = WHOLE_NOTE.exec(text);
  if (whole && isEditorialNote(whole[1]!)) return { text: '', notes: [whole[1]!] };
  const notes: string[] = [];
  let rest = text;
  for (;;) {
    const m = TRAILING_NOTE.exec(rest);
    if (!m || !isEditorialNote(m[2]!)) break;
    notes.unshift(m[2]!);
    rest = m[1]!;
  }
  return { text: rest, notes };
}

/** Private-use characters (font artefacts of a web page) at a line's end say nothing about the sentence. */
const TRAILING_JUNK = /[\ue000-\uf8ff\ufffd]+$/u;
/** A formula line: "应纳税额＝应纳税所得额×适用税率－减免税额－抵免税额". */
const FORMULA = /[＝=]/u;
/** A note in parentheses after the sentence, or one that says the text was struck: "…销售。 (2011年1月8日删除)". */
const APPENDED_NOTE = /(?:[。；：！？][\s\u3000]*[（(][^（）()]*[)）]|[（(][^（）()]*(?:删除|废止|失效|略)[^（）()]*[)）])$/u;
/** A line that stops on a comma or 、 is mid-sentence whatever the layout. */
const COMMA_END = /[，、,]$/u;
/** A line that starts a note of its own. */
const NOTE_START = /^(?:注|说明|备注)[：:]/u;
/** Punctuation of any kind: a short line with none is a title or a table row, not half a sentence. */
const ANY_PUNCTUATION = /[，、。；：！？,.;:!?（）()“”《》]/u;

/**
 * Whether text line `next` continues `prev` — a sentence broken by page layout or PDF extraction — rather
 * than starting a new 款. A line without a sentence end was usually broken (the seeds, and many Markdown
 * sources wrapped at no fixed width: "…发挥表率" / "作用。"), so the default is to join; what says "this
 * line is whole" wins: a sentence end (ignoring font junk after it), a formula on either side, a note in
 * parentheses at the end, a short line with no punctuation at all (a title, a table row), or a next line
 * that opens a note. A comma at the end always continues. (Markdown does not change this: its lines are
 * meant to be paragraphs, but this corpus's Markdown is full of hard wraps at no fixed width.)
 */
export function continues(prev: Entry, next: Entry): boolean {
  if (next.kind !== 'text' || prev.text === '') return false;
  const end = prev.text.replace(TRAILING_JUNK, '');
  if (end === '' || SENTENCE_END.test(end)) return false;
  if (FORMULA.test(prev.text) || FORMULA.test(next.text)) return false;
  if (APPENDED_NOTE.test(end)) return false;
  if (COMMA_END.test(end)) return true;
  if (NOTE_START.test(next.text)) return false;
  const width = prev.width ?? end.length;
  if (width <= 15 && !ANY_PUNCTUATION.test(end)) return false;
  return true;
}

function joinText(a: string, b: string): string {
  // CJK text joins without a space; two Latin words or numbers keep one.
  return /[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

const INLINE_LABEL = new RegExp(`[（(]([${CN_NUMERAL_CHARS}]+)[)）]`, 'gu');

/**
 * Splits inline 项: "…措施：（一）甲；（二）乙。" → lead-in "…措施：" and items 甲；/乙。.
 * Only labels in sequence (一, 二, 三…) after a colon or a 项's end count, so "（市、区）" or a stray
 * "（二）" inside a sentence are left alone.
 */
export function splitInlineItems(text: string): { lead: string; items: Item[] } | null {
  const hits: Array<{ index: number; end: number; number: number; raw: string }> = [];
  let expected = 1;
  for (const m of text.matchAll(INLINE_LABEL)) {
    const number = cnToInt(m[1]!);
    if (number !== expected) continue;
    const before = text.slice(0, m.index).trimEnd();
    const okBefore = expected === 1 ? /[：:]$/.test(before) : /[；;。]$/.test(before);
    if (!okBefore) continue;
    hits.push({ index: m.index!, end: m.index! + m[0].length, number, raw: m[1]! });
    expected++;
  }
  if (hits.length < 2) return null;
  const items: Item[] = hits.map((h, i) => ({
    label: `（${h.raw}）`,
    number: h.number,
    text: text.slice(h.end, i + 1 < hits.length ? hits[i + 1]!.index : text.length).trim(),
  }));
  return { lead: text.slice(0, hits[0]!.index).trimEnd(), items };
}

export interface BuiltParagraphs {
  paragraphs: Paragraph[];
  notes: string[];
}

/** Turns an article's entries (its first line's text and the lines after it) into 款/项/目. */
export function buildParagraphs(entries: Entry[], warnings: Warning[]): BuiltParagraphs {
  const notes: string[] = [];
  // 1. Editorial notes out of the text.
  const kept: Entry[] = [];
  for (const e of entries) {
    const { text, notes: found } = takeNotes(e.text);
    notes.push(...found);
    if (text === '' && found.length && e.kind === 'text') continue;
    kept.push({ ...e, text });
  }
  // 2. Rejoin lines broken mid-sentence.
  const joined: Entry[] = [];
  for (const e of kept) {
    const prev = joined[joined.length - 1];
    if (prev && continues(prev, e)) {
      warnings.push(warning(e.line, 'info', 'parse.line_joined', { line: e.line, prev: prev.line }));
      prev.text = joinText(prev.text, e.text);
      prev.width = e.width;
      continue;
    }
    joined.push({ ...e });
  }
  // 3. 款 with their 项 and 目.
  const paragraphs: Paragraph[] = [];
  for (let i = 0; i < joined.length; i++) {
    const e = joined[i]!;
    const current = paragraphs[paragraphs.length - 1];
    if (e.kind === 'text') {
      if (e.text === '') continue;
      // Only inside a list, or right after a lead-in that announces one, can a text line belong to a list.
      const inList = current !== undefined && (current.items.length > 0 || /[：:]/u.test(current.text.slice(-4)));
      const taken = inList ? takeIntoList(current, joined, i, warnings) : 0;
      if (taken > 0) {
        i += taken - 1;
        continue;
      }
      paragraphs.push({ text: e.text, items: [] });
    } else if (e.kind === 'item') {
      const item: Item = { label: e.label!, number: e.number!, text: e.text };
      if (current) {
        current.items.push(item);
      } else {
        // 项 with no lead-in: keep them under an empty 款 rather than invent text.
        paragraphs.push({ text: '', items: [item] });
      }
    } else {
      const parentItem = current?.items[current.items.length - 1];
      if (parentItem && !isNumberedItem(parentItem)) {
        (parentItem.items ??= []).push({ label: e.label!, number: e.number!, text: e.text });
      } else if (current) {
        // "1." "2." directly under a 款: its 项, numbered the Arabic way.
        current.items.push({ label: e.label!, number: e.number!, text: e.text });
      } else {
        paragraphs.push({ text: '', items: [{ label: e.label!, number: e.number!, text: e.text }] });
      }
    }
  }
  // 4. Inline 项, and numbering checks of 项.
  for (const p of paragraphs) {
    if (p.items.length === 0) {
      const split = splitInlineItems(p.text);
      if (split) {
        p.text = split.lead;
        p.items = split.items;
      }
    }
    p.items.forEach((item, i) => {
      if (item.number !== i + 1) {
        const expected = isNumberedItem(item) ? `${i + 1}.` : `（${intToCn(i + 1)}）`;
        const line = entries.find((e) => e.label === item.label)?.line ?? entries[0]?.line ?? 0;
        warnings.push(warning(line, 'warning', 'parse.item_out_of_sequence', { label: item.label, expected }));
      }
    });
  }
  return { paragraphs, notes };
}

/** A 项 numbered "1." (directly under its 款), not "（一）". */
function isNumberedItem(item: Item): boolean {
  return /^[0-9]/.test(item.label);
}

/**
 * Unlabelled text lines inside a list of 项 (`joined[at]` and the text lines after it), when the list goes
 * on after them: between 项（一） and 项（二） they continue 项（一）; where they fill a gap in the numbering
 * exactly (（一）, two lines, （四）), they are 项 whose labels the source lost — kept with an empty label
 * and their number, and warned. Returns how many entries it took into the list (0: none, a new 款).
 */
function takeIntoList(p: Paragraph, joined: Entry[], at: number, warnings: Warning[]): number {
  let end = at;
  while (end < joined.length && joined[end]!.kind === 'text' && joined[end]!.text !== '') end++;
  const next = joined[end];
  if (!next || next.kind !== 'item') return 0;
  const lines = joined.slice(at, end);
  const last = p.items[p.items.length - 1];
  if (last && isNumberedItem(last)) return 0;
  const before = last?.number ?? 0;
  // Before the first 项, only a lead-in that announces a list ("…下列情形之一的：") has lost labels.
  if (!last && !/[：:][”’」』）)]*$/u.test(p.text.replace(TRAILING_JUNK, ''))) return 0;
  if (last && next.number === before + 1) {
    for (const e of lines) {
      warnings.push(warning(e.line, 'info', 'parse.item_continued', { label: last.label }));
      last.text = joinText(last.text, e.text);
    }
    return lines.length;
  }
  if (next.number === before + 1 + lines.length) {
    lines.forEach((e, k) => {
      const number = before + 1 + k;
      warnings.push(warning(e.line, 'warning', 'parse.item_label_missing', { expected: `（${intToCn(number)}）` }));
      p.items.push({ label: '', number, text: e.text });
    });
    return lines.length;
  }
  return 0;
}
