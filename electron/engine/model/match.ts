/**
 * Literal matching of query words in article text, the same for the search engine's snippets and the
 * page's highlights (what the search matched is what gets marked). Pure string work, browser-safe.
 */

/** [start, end) offsets, JavaScript string indices. */
export type Range = [number, number];

const MATCH_FOLD = /[０-９Ａ-Ｚａ-ｚ()A-Z]/;
const MATCH_FOLD_G = /[０-９Ａ-Ｚａ-ｚ()A-Z]/g;

function foldChar(c: string): string {
  if (c === '(') return '（';
  if (c === ')') return '）';
  const code = c.charCodeAt(0);
  if (code >= 0xff00) return foldChar(String.fromCharCode(code - 0xfee0));
  return c.toLowerCase();
}

/**
 * Same-length normalisation for comparing query words with article text literally: full-width letters
 * and digits → half-width, half-width parentheses → full-width, Latin lower-cased. Same length, so an
 * offset found in the normalised text is an offset in the original.
 */
export function normaliseForMatch(text: string): string {
  return MATCH_FOLD.test(text) ? text.replace(MATCH_FOLD_G, foldChar) : text;
}

/** Sorted, overlapping ranges merged. */
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

/**
 * Every occurrence of any needle in `text`, as sorted, merged ranges. Matching ignores full-/half-width
 * differences ("首台(套)" finds "首台（套）").
 */
export function findRanges(text: string, needles: readonly string[]): Range[] {
  const hay = normaliseForMatch(text);
  const ranges: Range[] = [];
  for (const raw of needles) {
    const n = normaliseForMatch(raw);
    if (!n) continue;
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + 1)) ranges.push([at, at + n.length]);
  }
  return mergeRanges(ranges);
}
