/**
 * What moved between articles: whole 款 (a 款 deleted in one place and added, as it was or lightly
 * edited, in another — "移至第二十一条第一款"), and sentences inside 款 ("后两句移至第十五条第四款").
 */
import type { ArticleData } from './articles';
import { contentKey, similarity, type Profile, type TokenCache, type Weights } from './text';
import type { DiffSpan, ParagraphRef } from './types';

/** A 款 counts as moved when its new place reads as the same 款: lightly edited at most. */
export const PARAGRAPH_MOVE = 0.6;
/** Weaker resemblance, reported as "related" (a deleted provision partly reworded elsewhere). */
export const RELATED = 0.3;

export interface ParagraphLoc {
  /** Article index in its version, 款 index in the article (0-based). */
  art: number;
  para: number;
}

export interface ParagraphMove {
  from: ParagraphLoc;
  to: ParagraphLoc;
  score: number;
}

const ALL_PAIRS_LIMIT = 40_000;

/**
 * Pairs leftover 款 of the left (deleted inside their pair, or of unpaired articles) with leftover 款 of
 * the right, strongest first. `samePair(l, r)` excludes 款 of one article pair (already compared there).
 */
export function findParagraphMoves(
  left: ArticleData[],
  right: ArticleData[],
  leftovers: { left: ParagraphLoc[]; right: ParagraphLoc[] },
  samePair: (leftArt: number, rightArt: number) => boolean,
  weights: Weights,
): ParagraphMove[] {
  const profileOf = (side: ArticleData[], loc: ParagraphLoc): Profile => side[loc.art]!.paragraphs[loc.para]!.profile!;
  const candidates = paragraphCandidates(
    leftovers.left.map((l) => profileOf(left, l)),
    leftovers.right.map((r) => profileOf(right, r)),
    weights,
  );
  const scored: Array<ParagraphMove> = [];
  for (const [a, b] of candidates) {
    const l = leftovers.left[a]!;
    const r = leftovers.right[b]!;
    if (samePair(l.art, r.art)) continue;
    const s = similarity(profileOf(left, l), profileOf(right, r));
    if (s >= PARAGRAPH_MOVE && substantial(profileOf(left, l), profileOf(right, r))) scored.push({ from: l, to: r, score: s });
  }
  scored.sort((x, y) => y.score - x.score || x.from.art - y.from.art || x.from.para - y.from.para);
  const usedLeft = new Set<string>();
  const usedRight = new Set<string>();
  const out: ParagraphMove[] = [];
  for (const m of scored) {
    const lk = `${m.from.art}:${m.from.para}`;
    const rk = `${m.to.art}:${m.to.para}`;
    if (usedLeft.has(lk) || usedRight.has(rk)) continue;
    usedLeft.add(lk);
    usedRight.add(rk);
    out.push(m);
  }
  return out;
}

/** A 款 of a few words ("本办法自 年 月 日起施行") moving is not evidence of anything. */
function substantial(a: Profile, b: Profile): boolean {
  return a.uni.ids.length >= 4 && b.uni.ids.length >= 4;
}

/** The best match of each given 款 among all 款 of the other side (for "related" hints). */
export function bestParagraphMatches(
  from: Profile[],
  to: Array<{ loc: ParagraphLoc; profile: Profile }>,
  weights: Weights,
  threshold: number,
): Array<{ loc: ParagraphLoc; score: number } | null> {
  const best: Array<{ loc: ParagraphLoc; score: number } | null> = from.map(() => null);
  for (const [a, b] of paragraphCandidates(from, to.map((t) => t.profile), weights)) {
    const s = similarity(from[a]!, to[b]!.profile);
    if (s >= threshold && (!best[a] || s > best[a]!.score)) best[a] = { loc: to[b]!.loc, score: s };
  }
  return best;
}

/** All pairs when few; otherwise pairs sharing rare word pairs (an inverted index), a handful per 款. */
function paragraphCandidates(left: Profile[], right: Profile[], weights: Weights): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (left.length * right.length <= ALL_PAIRS_LIMIT) {
    for (let a = 0; a < left.length; a++) for (let b = 0; b < right.length; b++) out.push([a, b]);
    return out;
  }
  const index = new Map<number, number[]>();
  right.forEach((p, b) => {
    for (const key of p.bi.ids) {
      const list = index.get(key);
      if (list) list.push(b);
      else index.set(key, [b]);
    }
  });
  const acc = new Map<number, number>();
  left.forEach((p, a) => {
    acc.clear();
    for (const key of p.bi.ids) {
      const list = index.get(key);
      if (!list || list.length > 40) continue;
      const w = weights.pairs.idf(key);
      for (const b of list) acc.set(b, (acc.get(b) ?? 0) + w);
    }
    for (const [b] of [...acc.entries()].sort((x, y) => y[1] - x[1]).slice(0, 5)) out.push([a, b]);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Sentence-level moves inside the redline.

/** A moved sentence must be at least this long (characters of words, punctuation aside). */
const MIN_FRAGMENT = 10;
/** …and say something: the rarity weights of its words add up to this (boilerplate such as
 * 县级以上人民政府应当根据实际 does not). */
const MIN_FRAGMENT_INFORMATION = 9;
/** …and rare: its words found in at most this many articles of each version (not boilerplate). */
const MAX_FRAGMENT_ARTICLES = 2;

/** Deletions compared with each insertion, at most. */
const MAX_FRAGMENT_CANDIDATES = 5;

/** A deleted or inserted span that may be part of a move, with where it sits. */
export interface FragmentSite {
  spans: DiffSpan[];
  /** 款 the deleted (left) or inserted (right) text belongs to. */
  ref: ParagraphRef;
}

/**
 * Finds text deleted in one place and inserted in another (or in the same article, moved within it),
 * and splits those spans so that the moved part carries movedTo / movedFrom. Spans already part of a
 * whole-款 move are left alone. Returns how many fragments were linked.
 */
export function linkMovedFragments(
  deleteSites: FragmentSite[],
  insertSites: FragmentSite[],
  tokens: TokenCache,
  leftArticleKeys: () => string[],
  rightArticleKeys: () => string[],
  weights: Weights,
): number {
  let linked = 0;
  // Each article's text without punctuation, made only if some fragment needs its rarity checked.
  let keys: { left: string[]; right: string[] } | null = null;
  const countIn = (keys: string[], needle: string) => {
    let n = 0;
    for (const k of keys) if (k.includes(needle) && ++n > MAX_FRAGMENT_ARTICLES) break;
    return n;
  };
  function isMovedFragment(run: Run): boolean {
    if (run.chars < MIN_FRAGMENT) return false;
    let information = 0;
    for (const w of tokens.words(run.text)) information += weights.words.idfOf(w);
    if (information < MIN_FRAGMENT_INFORMATION) return false;
    const key = contentKey(run.text);
    keys ??= { left: leftArticleKeys(), right: rightArticleKeys() };
    return countIn(keys.left, key) <= MAX_FRAGMENT_ARTICLES && countIn(keys.right, key) <= MAX_FRAGMENT_ARTICLES;
  }
  // Text pairs already compared: their common run, or null when it is not a moved fragment (later
  // rounds see most of the same spans again).
  const compared = new Map<string, Run | null>();
  for (let round = 0; round < 16; round++) {
    const dels = collect(deleteSites, 'delete');
    const inss = collect(insertSites, 'insert');
    if (dels.length === 0 || inss.length === 0) break;
    // Candidate generation: 4-character shingles of the deleted texts' words.
    const gramIndex = new Map<string, number[]>();
    dels.forEach((d, n) => {
      for (const g of new Set(shingles(d.key))) {
        const list = gramIndex.get(g);
        if (list) list.push(n);
        else gramIndex.set(g, [n]);
      }
    });
    const matches: Array<{ d: number; i: number; run: Run }> = [];
    inss.forEach((ins, i) => {
      const hits = new Map<number, number>();
      for (const g of new Set(shingles(ins.key))) {
        const list = gramIndex.get(g);
        if (!list || list.length > 30) continue;
        for (const d of list) hits.set(d, (hits.get(d) ?? 0) + 1);
      }
      // The few deletions sharing most text with this insertion (bounded work on long versions).
      const likely = [...hits].filter(([, n]) => n >= 3).sort((x, y) => y[1] - x[1]).slice(0, MAX_FRAGMENT_CANDIDATES);
      for (const [d] of likely) {
        const pairKey = dels[d]!.text + '\u0000' + ins.text;
        let run = compared.get(pairKey);
        if (run === undefined) {
          const found = longestCommonRun(tokens.tokens(dels[d]!.text), tokens.tokens(ins.text), (t) => tokens.key(t));
          run = isMovedFragment(found) ? found : null;
          compared.set(pairKey, run);
        }
        if (run) matches.push({ d, i, run });
      }
    });
    if (matches.length === 0) break;
    matches.sort((x, y) => y.run.chars - x.run.chars);
    // Each span splits at most once per round; within one list the splits are made from the last span
    // back, so that the indices of the spans before stay valid.
    const usedSpans = new Set<DiffSpan>();
    const splits = new Map<FragmentSite, Array<{ index: number; start: number; end: number; mark: Pick<DiffSpan, 'movedFrom' | 'movedTo'> }>>();
    const plan = (site: FragmentSite, split: { index: number; start: number; end: number; mark: Pick<DiffSpan, 'movedFrom' | 'movedTo'> }) => {
      const list = splits.get(site);
      if (list) list.push(split);
      else splits.set(site, [split]);
    };
    for (const m of matches) {
      const del = dels[m.d]!;
      const ins = inss[m.i]!;
      const delSpan = del.site.spans[del.index]!;
      const insSpan = ins.site.spans[ins.index]!;
      if (usedSpans.has(delSpan) || usedSpans.has(insSpan)) continue;
      usedSpans.add(delSpan);
      usedSpans.add(insSpan);
      plan(del.site, { index: del.index, start: m.run.aStart, end: m.run.aEnd, mark: { movedTo: ins.site.ref } });
      plan(ins.site, { index: ins.index, start: m.run.bStart, end: m.run.bEnd, mark: { movedFrom: del.site.ref } });
      linked++;
    }
    // Sites sharing one span list (a row that is both a deletion and an insertion site) split together.
    const byList = new Map<DiffSpan[], Array<{ site: FragmentSite; index: number; start: number; end: number; mark: Pick<DiffSpan, 'movedFrom' | 'movedTo'> }>>();
    for (const [site, list] of splits) {
      const all = byList.get(site.spans) ?? [];
      for (const x of list) all.push({ site, ...x });
      byList.set(site.spans, all);
    }
    for (const list of byList.values()) {
      list.sort((x, y) => y.index - x.index);
      for (const x of list) splitSpan(x.site, x.index, x.start, x.end, tokens, x.mark);
    }
  }
  return linked;
}

interface Candidate {
  site: FragmentSite;
  index: number;
  text: string;
  key: string;
}

function collect(sites: FragmentSite[], op: 'delete' | 'insert'): Candidate[] {
  const out: Candidate[] = [];
  for (const site of sites) {
    site.spans.forEach((s, index) => {
      if (s.op !== op || s.formal || s.movedFrom || s.movedTo) return;
      const key = contentKey(s.text);
      if (key.length >= MIN_FRAGMENT) out.push({ site, index, text: s.text, key });
    });
  }
  return out;
}

function shingles(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= key.length; i++) out.push(key.slice(i, i + 4));
  return out;
}

interface Run {
  /** Token ranges [start, end) in a and b. */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  chars: number;
  text: string;
}

/**
 * Longest run of tokens common to a and b, comparing words and letting any punctuation match any
 * punctuation (a moved sentence often changes its closing mark), measured in characters of words.
 * Runs start and end on words.
 */
export function longestCommonRun(a: string[], b: string[], key: (t: string) => string = contentKey): Run {
  const ka = a.map(key);
  const kb = b.map(key);
  let best: Run = { aStart: 0, aEnd: 0, bStart: 0, bEnd: 0, chars: 0, text: '' };
  let bestI = 0;
  let bestJ = 0;
  let bestLen = 0;
  // Dynamic programming over the two token lists (spans are sentences: short), two rolling rows.
  let prevLen = new Int32Array(b.length + 1);
  let prevChars = new Int32Array(b.length + 1);
  let curLen = new Int32Array(b.length + 1);
  let curChars = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ki = ka[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      if (ki === kb[j - 1]) {
        curLen[j] = prevLen[j - 1]! + 1;
        curChars[j] = prevChars[j - 1]! + ki.length;
        // End runs on a word, so a trailing mark stays with the text around it.
        if (ki !== '' && curChars[j]! > best.chars) {
          best.chars = curChars[j]!;
          bestI = i;
          bestJ = j;
          bestLen = curLen[j]!;
        }
      } else {
        curLen[j] = 0;
        curChars[j] = 0;
      }
    }
    [prevLen, curLen] = [curLen, prevLen];
    [prevChars, curChars] = [curChars, prevChars];
  }
  if (best.chars === 0) return best;
  // Start runs on a word too.
  let start = bestI - bestLen;
  let bStart = bestJ - bestLen;
  while (ka[start] === '' && start < bestI) {
    start++;
    bStart++;
  }
  best = { aStart: start, aEnd: bestI, bStart, bEnd: bestJ, chars: best.chars, text: a.slice(start, bestI).join('') };
  return best;
}

/** Replaces spans[index] by up to three spans: before, the moved part (marked), after. */
function splitSpan(site: FragmentSite, index: number, start: number, end: number, tokens: TokenCache, mark: Pick<DiffSpan, 'movedFrom' | 'movedTo'>): void {
  const span = site.spans[index]!;
  const toks = tokens.tokens(span.text);
  const before = toks.slice(0, start).join('');
  const moved = toks.slice(start, end).join('');
  const after = toks.slice(end).join('');
  const parts: DiffSpan[] = [];
  if (before) parts.push({ op: span.op, text: before });
  parts.push({ op: span.op, text: moved, ...mark });
  if (after) parts.push({ op: span.op, text: after });
  site.spans.splice(index, 1, ...parts);
}
