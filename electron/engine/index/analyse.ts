/**
 * Text → index terms, the one analysis shared by indexing and querying (a term only matches if both sides
 * cut it the same way).
 *
 * Chinese has no spaces, so terms come from the segmenter's search mode: a dictionary word and its
 * dictionary sub-words ("政府采购" → 政府, 采购, 政府采购). lunr's own pipeline (trimmer, English stemmer,
 * English stop words) would mangle these, so the index uses no pipeline at all and this module does the
 * little normalisation Chinese needs: drop punctuation, drop a handful of function characters that occur
 * in every article, lower-case Latin letters.
 */
import type { Segmenter } from '../segment';

/** Bump when the analysis changes what terms a text yields: cached indexes are then rebuilt. */
export const ANALYSIS_VERSION = 2;

/** Function words so frequent that a posting for them costs space and never narrows a search. */
export const STOP_TERMS: ReadonlySet<string> = new Set([
  '的', '地', '得', '了', '和', '与', '及', '或', '等', '在', '对', '为', '是', '以', '并', '其', '由', '于',
  '将', '向', '从', '把', '被', '之', '所', '者', '也', '而', '且', '则', '即', '按', '经', '就', '该',
  '以及', '或者', '并且', '其他', '有关', '应当', '可以', '进行', '按照', '根据', '依照', '依法',
]);

/** A term must hold a letter, digit or CJK character; pure punctuation and spaces are not terms. */
const WORDLIKE = /[\p{L}\p{N}]/u;

export function isIndexTerm(token: string): boolean {
  return WORDLIKE.test(token) && !STOP_TERMS.has(token);
}

/** Index terms of a text, in order, repeats kept (term frequency counts them). */
export function analyse(segmenter: Segmenter, text: string): string[] {
  const out: string[] = [];
  for (const t of segmenter.cutForSearch(text)) {
    // Fast path for the usual token, Chinese characters only: nothing to fold (the segmenter has already
    // folded widths), a word by construction.
    if (isHanOnly(t)) {
      if (!STOP_TERMS.has(t)) out.push(t);
      continue;
    }
    const term = normaliseTerm(t);
    if (term && isIndexTerm(term)) out.push(term);
  }
  return out;
}

function isHanOnly(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return t.length > 0;
}

/** A token in the form index terms take (the segmenter already folded widths; this also lower-cases). */
export function normaliseTerm(token: string): string {
  return normaliseForMatch(token.trim());
}

/**
 * Same-length normalisation used when comparing query words with article text literally (phrases,
 * exclusions, highlights): full-width letters and digits → half-width, half-width parentheses →
 * full-width, Latin lower-cased. Same length, so an offset found in the normalised text is an offset in
 * the original.
 */
export function normaliseForMatch(text: string): string {
  return MATCH_FOLD.test(text) ? text.replace(MATCH_FOLD_G, foldChar) : text;
}

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
 * Character bigrams of a text (the recall layer): every pair of adjacent Han characters, as one 32-bit
 * key (first << 16 | second; characters outside the Basic Multilingual Plane make no key). A text that
 * contains a string of ≥ 2 Han characters contains every bigram of that string, so the articles holding
 * all of a word's bigrams are a superset of those that write the word: a literal check on that (small)
 * set finds every article that writes it, whatever the segmenter made of the running text.
 * `text` should already be in match form (normaliseForMatch). Keys are returned unique, in any order.
 */
export function bigramKeys(text: string, into: Set<number> = new Set()): Set<number> {
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const han = c >= 0x3400 && c <= 0x9fff;
    if (han && prev >= 0) into.add(((prev << 16) | c) >>> 0);
    prev = han ? c : -1;
  }
  return into;
}

/** True when `text` is at least two Han characters long in a row somewhere (it then has bigrams). */
export function hasBigram(text: string): boolean {
  return bigramKeys(text).size > 0;
}

/** Every Han character of a word, for a literal word of one character (no bigram: checked on the text). */
export function isHanChar(c: string): boolean {
  const x = c.charCodeAt(0);
  return c.length === 1 && x >= 0x3400 && x <= 0x9fff;
}
