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
 * Then planning: each word is cut by the segmenter into index terms. A compound word whose dictionary
 * sub-words cover it ("预留份额" → 预留 + 份额) requires the sub-words, because the texts write
 * "预留的采购份额" as often as "预留份额"; the whole word then only boosts. A word the sub-words do not cover
 * ("中小微企业": 中小 + 企业 miss 微) is required whole.
 */
import type { Segmenter } from '../segment';
import { isIndexTerm, normaliseForMatch, normaliseTerm } from './analyse';
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

/** One required word of the plan. */
export interface QueryWord {
  /** The word as segmented from the query. */
  word: string;
  /** Index terms an article must all hold for the word to match (empty: checked literally instead). */
  atoms: string[];
}

export interface QueryPlan {
  words: QueryWord[];
  /** Literal strings every hit must contain (phrases, and words no index term can find). */
  literals: string[];
  excluded: string[];
  /** Whole words that add to the score where they occur (compounds required through their parts). */
  boosts: string[];
}

/**
 * The index terms that stand for a word: its dictionary sub-words when they cover every letter of it
 * (longest first), else the word itself.
 */
export function wordAtoms(segmenter: Segmenter, word: string): string[] {
  const w = normaliseTerm(word);
  const subs = [...new Set(segmenter.cutForSearch(w).map(normaliseTerm))].filter((t) => t !== w && t.length < w.length && isIndexTerm(t));
  if (subs.length === 0) return [w];
  subs.sort((a, b) => b.length - a.length);
  const covered = new Uint8Array(w.length);
  const chosen: string[] = [];
  for (const sub of subs) {
    let added = false;
    for (let at = w.indexOf(sub); at >= 0; at = w.indexOf(sub, at + 1)) {
      let fresh = false;
      for (let k = at; k < at + sub.length; k++) if (!covered[k]) fresh = true;
      if (!fresh) continue;
      for (let k = at; k < at + sub.length; k++) covered[k] = 1;
      added = true;
    }
    if (added) chosen.push(sub);
  }
  for (let k = 0; k < w.length; k++) {
    if (!covered[k] && /[\p{L}\p{N}]/u.test(w[k]!)) return [w];
  }
  return chosen;
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
  const plan: QueryPlan = { words: [], literals: [], excluded: q.excluded.map(normaliseForMatch), boosts: [] };
  const seen = new Set<string>();
  const addWord = (word: string, literalIfUnindexed: boolean): void => {
    if (seen.has(word)) return;
    seen.add(word);
    const single = word.length === 1 && /\p{Script=Han}/u.test(word);
    if (!isIndexTerm(word) || single) {
      // A function word, or one Chinese character (rarely a term of its own: 税 sits inside 税收):
      // matched literally in the text.
      if (literalIfUnindexed) plan.literals.push(normaliseForMatch(word));
      return;
    }
    const atoms = wordAtoms(segmenter, word);
    plan.words.push({ word, atoms });
    if (atoms.length > 1 || atoms[0] !== word) plan.boosts.push(word);
  };
  for (const chunk of q.text) for (const w of queryWords(segmenter, chunk)) addWord(w, true);
  for (const phrase of q.phrases) {
    plan.literals.push(normaliseForMatch(phrase.replace(/[\s\u3000]+/g, '')));
    // The phrase's words narrow the candidates through the index; the literal check decides.
    for (const w of queryWords(segmenter, phrase)) addWord(w, false);
  }
  return plan;
}

export function viewOf(q: ParsedQuery, plan: QueryPlan): ParsedQueryView {
  return { words: plan.words.map((w) => w.word), phrases: q.phrases, excluded: q.excluded, filters: q.filters };
}
