/**
 * Stage 4 — an article's lines become 款 (paragraphs) with their 项 (items) and 目 (sub-items).
 *
 * The conventions handled here:
 * - Each line of text is one 款. A line that stops without a sentence end (。；：！？) was broken by PDF
 *   extraction or page layout, and the next text line continues it (Zhejiang 第三条 has 4 款, not 5).
 * - 项 ("（一）…") belong to the 款 that introduces them (usually ending in "："); a text line after
 *   them starts a new 款. 项 can also be written inline: "…措施：（一）…；（二）…。" (Hunan 第十一条).
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
    if (prev && e.kind === 'text' && prev.text !== '' && !SENTENCE_END.test(prev.text)) {
      warnings.push(warning(e.line, 'info', 'parse.line_joined', { line: e.line, prev: prev.line }));
      prev.text = joinText(prev.text, e.text);
      continue;
    }
    joined.push({ ...e });
  }
  // 3. 款 with their 项 and 目.
  const paragraphs: Paragraph[] = [];
  for (const e of joined) {
    const current = paragraphs[paragraphs.length - 1];
    if (e.kind === 'text') {
      if (e.text === '') continue;
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
      if (parentItem) {
        (parentItem.items ??= []).push({ label: e.label!, number: e.number!, text: e.text });
      } else {
        warnings.push(warning(e.line, 'warning', 'parse.subitem_without_item', { label: e.label! }));
        paragraphs.push({ text: `${e.label}${e.text}`, items: [] });
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
        const line = entries.find((e) => e.label === item.label)?.line ?? entries[0]?.line ?? 0;
        warnings.push(warning(line, 'warning', 'parse.item_out_of_sequence', { label: item.label, expected: `（${intToCn(i + 1)}）` }));
      }
    });
  }
  return { paragraphs, notes };
}
