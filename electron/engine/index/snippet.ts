/**
 * Snippets and highlight ranges. Pure string work (no segmenter), so the renderer can use `findRanges`
 * to mark the same terms in a whole article.
 */
import { normaliseForMatch } from './analyse';

export type Range = [number, number];

/**
 * Every occurrence of any needle in `text`, as sorted, merged [start, end) ranges. Matching ignores
 * full-/half-width differences ("首台(套)" finds "首台（套）"); offsets are JavaScript string indices.
 */
export function findRanges(text: string, needles: readonly string[]): Range[] {
  return findMatchRanges(normaliseForMatch(text), needles.map(normaliseForMatch));
}

/** findRanges of a text and needles already in match form (normaliseForMatch). */
export function findMatchRanges(hay: string, needles: readonly string[]): Range[] {
  const ranges: Range[] = [];
  for (const n of needles) {
    if (!n) continue;
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + 1)) ranges.push([at, at + n.length]);
  }
  return ranges.length > 1 ? mergeRanges(ranges) : ranges;
}

export function mergeRanges(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out: Range[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

export interface Snippet {
  /** 0-based index of the paragraph (款) the snippet comes from. */
  paragraph: number;
  text: string;
  highlights: Range[];
}

/** Longest snippet; a 款 that fits is shown whole. */
export const SNIPPET_CHARS = 160;

/** What one query word (or phrase) looks like in a text: written whole, or only by its parts. */
export interface NeedleGroup {
  whole: string[];
  parts: string[];
}

/**
 * The snippet of an article for a search: the 款 where most query words occur (then: most matched
 * characters, a whole word counting double), cut to a window around its first match.
 */
export function makeSnippet(paragraphs: readonly string[], groups: readonly NeedleGroup[], maxChars = SNIPPET_CHARS, matchForm?: readonly string[]): Snippet {
  let best = { paragraph: 0, words: -1, score: -1, ranges: [] as Range[] };
  // With the paragraphs in match form (a search has them) and needles in match form, nothing is normalised
  // again per paragraph and needle.
  const match = matchForm && matchForm.length === paragraphs.length ? matchForm : null;
  paragraphs.forEach((p, i) => {
    let words = 0;
    let score = 0;
    const all: Range[] = [];
    for (const g of groups) {
      const whole = match ? findMatchRanges(match[i]!, g.whole) : findRanges(p, g.whole);
      const parts = match ? findMatchRanges(match[i]!, g.parts) : findRanges(p, g.parts);
      if (whole.length + parts.length > 0) words++;
      score += 2 * coverage(whole) + coverage(parts);
      all.push(...whole, ...parts);
    }
    if (words > best.words || (words === best.words && score > best.score)) best = { paragraph: i, words, score, ranges: mergeRanges(all) };
  });
  const text = paragraphs[best.paragraph] ?? '';
  if (text.length <= maxChars) return { paragraph: best.paragraph, text, highlights: best.ranges };
  // Window: start a little before the first match (at a sentence start when one is close), keep the
  // window inside the text.
  const first = best.ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - 30);
  const sentence = Math.max(text.lastIndexOf('。', first - 1), text.lastIndexOf('；', first - 1));
  if (sentence >= 0 && first - sentence <= 60) start = sentence + 1;
  if (first - start > maxChars - 20) start = first - 20;
  start = Math.max(0, Math.min(start, text.length - maxChars));
  const end = Math.min(text.length, start + maxChars);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  const highlights: Range[] = [];
  for (const [a, b] of best.ranges) {
    if (b <= start || a >= end) continue;
    highlights.push([Math.max(a, start) + shift, Math.min(b, end) + shift]);
  }
  return { paragraph: best.paragraph, text: prefix + text.slice(start, end) + suffix, highlights };
}

function coverage(ranges: Range[]): number {
  let n = 0;
  for (const [a, b] of ranges) n += b - a;
  return n;
}
