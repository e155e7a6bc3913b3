/**
 * The query language, parsed by hand (user input never reaches lunr's query parser, for which
 * `: ^ ~ * + -` are syntax):
 *
 *   政府采购 预留份额      every word required (a word may match in heading, text, chapter or title)
 *   "预留的采购份额"       exact phrase (also “…” and 「…」)
 *   -担保                 exclude articles containing 担保 (also -"…")
 *   jurisdiction:湖南  doc:hunan-2020  doc:hunan-2020-review@1  kind:地方性法规  stage:施行  year:2023
 *   (also 地区: 文档: 类型: 阶段: 年份:, and full-width ：)
 *
 * Then planning: each word gets two routes to the articles (see QueryWord). The term route: a compound
 * whose dictionary sub-words cover it without overlap ("预留份额" → 预留 + 份额) requires the sub-words,
 * because the texts write "预留的采购份额" as often as "预留份额"; the whole word then only adds to the
 * score. The literal route: any article that writes the word, found through character bigrams and a
 * literal check, whatever the segmenter made of the article ("小微企业" in 中小微企业, "责任制" in 责任制度).
 */
import type { Segmenter } from '../segment';
import { bigramKeys, isIndexTerm, normaliseForMatch, normaliseTerm } from './analyse';
import type { ParsedQueryView, SearchFilters } from './types';

export interface ParsedQuery {
  /** Free-text chunks as typed (each is segmented into words). */
  text: string[];
  phrases: string[];
  excluded: string[];
  filters: SearchFilters;
  warnings: string[];
}

const FILTER_KEYS: Record<string, keyof SearchFilters> = {
  doc: 'docs',
  文档: 'docs',
  jurisdiction: 'jurisdictions',
  地区: 'jurisdictions',
  kind: 'kinds',
  类型: 'kinds',
  stage: 'stages',
  阶段: 'stages',
  year: 'years',
  年份: 'years',
};

const OPEN_QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '”': '”' };
const SPACE = /[\s\u3000]/;

/** Splits a query into chunks: quoted phrases stay whole, `key:value` and `-x` are recognised. */
export function parseQuery(input: string): ParsedQuery {
  const out: ParsedQuery = { text: [], phrases: [], excluded: [], filters: {}, warnings: [] };
  let i = 0;
  const s = input;
  const readQuoted = (): string => {
    const close = OPEN_QUOTES[s[i]!]!;
    const end = s.indexOf(close, i + 1);
    const body = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
    i = end < 0 ? s.length : end + 1;
    return body.trim();
  };
  const readBare = (): string => {
    const start = i;
    while (i < s.length && !SPACE.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    if (SPACE.test(s[i]!)) {
      i++;
      continue;
    }
    let negate = false;
    if (s[i] === '-' || s[i] === '－') {
      negate = true;
      i++;
      if (i >= s.length || SPACE.test(s[i]!)) continue; // a lone "-"
    }
    if (OPEN_QUOTES[s[i]!]) {
      const phrase = readQuoted();
      if (phrase) (negate ? out.excluded : out.phrases).push(phrase);
      continue;
    }
    const start = i;
    const bare = readBare();
    const m = /^([A-Za-z]+|地区|文档|类型|阶段|年份)[:：](.*)$/.exec(bare);
    if (m && !negate) {
      const key = FILTER_KEYS[m[1]!.toLowerCase()] ?? FILTER_KEYS[m[1]!];
      if (key) {
        let value = m[2]!;
        if (value === '' || OPEN_QUOTES[value[0]!]) {
          // key:"quoted value"
          i = start + bare.length - value.length;
          value = OPEN_QUOTES[s[i] ?? ''] ? readQuoted() : '';
        }
        addFilter(out, key, value);
        continue;
      }
    }
    if (negate) out.excluded.push(bare);
    else out.text.push(bare);
  }
  return out;
}

function addFilter(q: ParsedQuery, key: keyof SearchFilters, value: string): void {
  if (!value) return;
  if (key === 'years') {
    if (!/^\d{4}$/.test(value)) {
      q.warnings.push(`year: 需要四位年份，忽略了 “${value}”`);
      return;
    }
    (q.filters.years ??= []).push(Number(value));
    return;
  }
  (q.filters[key] ??= []).push(value);
}

/**
 * One required word of the plan. An article matches it when it writes the word literally (in its heading,
 * text, chapter title or document title), or — for a word typed without quotes — when it holds all the
 * word's `atoms` as index terms (in any of those fields, anywhere: "预留的采购份额" answers 预留份额).
 */
export interface QueryWord {
  /** The word as segmented from the query (match form), or the quoted phrase without spaces. */
  word: string;
  /** Index terms that together stand for the word: its dictionary parts, never overlapping ([] for a phrase). */
  atoms: string[];
  /** The string checked literally; every word has one. */
  literal: string;
  /** Bigram keys of the literal (empty: one Han character or no Han at all, checked by scanning). */
  bigrams: number[];
  /** A quoted phrase: only the literal route counts. */
  phrase: boolean;
  /** The whole word as an index term, adding to the score where an article holds it (null: it is an atom). */
  boost: string | null;
}

export interface QueryPlan {
  words: QueryWord[];
  excluded: Array<{ literal: string; bigrams: number[] }>;
}

/**
 * The index terms that stand for a word: dictionary sub-words that cover every letter of it without
 * overlapping (longest first), else the word itself. Overlapping sub-words would require a cut running
 * text may never produce: 应收账款 → 应收 + 账款, never 收账 as well.
 */
export function wordAtoms(segmenter: Segmenter, word: string): string[] {
  const w = normaliseTerm(word);
  const subs = [...new Set(segmenter.cutForSearch(w).map(normaliseTerm))].filter((t) => t !== w && t.length < w.length && isIndexTerm(t));
  if (subs.length === 0) return [w];
  subs.sort((a, b) => b.length - a.length || w.indexOf(a) - w.indexOf(b));
  const covered = new Uint8Array(w.length);
  const chosen: string[] = [];
  for (const sub of subs) {
    for (let at = w.indexOf(sub); at >= 0; at = w.indexOf(sub, at + 1)) {
      let free = true;
      for (let k = at; k < at + sub.length; k++) if (covered[k]) free = false;
      if (!free) continue;
      for (let k = at; k < at + sub.length; k++) covered[k] = 1;
      if (!chosen.includes(sub)) chosen.push(sub);
    }
  }
  for (let k = 0; k < w.length; k++) {
    if (!covered[k] && /[\p{L}\p{N}]/u.test(w[k]!)) return [w];
  }
  // In the order they stand in the word (proximity and highlighting read them so).
  return chosen.sort((a, b) => w.indexOf(a) - w.indexOf(b));
}

/** Words of a text chunk as the segmenter cuts it, without punctuation and function words. */
export function queryWords(segmenter: Segmenter, chunk: string): string[] {
  const out: string[] = [];
  for (const t of segmenter.cut(chunk)) {
    const term = normaliseTerm(t);
    if (term && /[\p{L}\p{N}]/u.test(term)) out.push(term);
  }
  return out;
}

export function planQuery(segmenter: Segmenter, q: ParsedQuery): QueryPlan {
  const plan: QueryPlan = { words: [], excluded: [] };
  const seen = new Set<string>();
  const add = (word: string, phrase: boolean): void => {
    const literal = normaliseForMatch(word);
    if (!literal || seen.has((phrase ? '"' : '') + literal)) return;
    seen.add((phrase ? '"' : '') + literal);
    const bigrams = [...bigramKeys(literal)];
    // One Chinese character is rarely a term of its own (税 sits inside 税收), and function words are not
    // indexed: both are matched literally.
    const indexed = !phrase && isIndexTerm(literal) && !(literal.length === 1 && /\p{Script=Han}/u.test(literal));
    const atoms = indexed ? wordAtoms(segmenter, literal) : [];
    const boost = indexed && (atoms.length > 1 || atoms[0] !== literal) ? literal : null;
    plan.words.push({ word: literal, atoms, literal, bigrams, phrase, boost });
  };
  for (const chunk of q.text) for (const w of queryWords(segmenter, chunk)) add(w, false);
  for (const phrase of q.phrases) {
    const p = phrase.replace(/[\s\u3000]+/g, '');
    if (p) add(p, true);
  }
  for (const x of q.excluded) {
    const literal = normaliseForMatch(x);
    if (literal) plan.excluded.push({ literal, bigrams: [...bigramKeys(literal)] });
  }
  return plan;
}

export function viewOf(q: ParsedQuery, plan: QueryPlan): ParsedQueryView {
  return { words: plan.words.filter((w) => !w.phrase).map((w) => w.word), phrases: q.phrases, excluded: q.excluded, filters: q.filters };
}
