/**
 * The search index over segments (segment.ts) and the search itself:
 *
 *  1. parse and plan the query (query.ts): each word has a term route and a literal route;
 *  2. per segment, the document versions that pass the filters (and are not removed);
 *  3. per word, the articles it matches: those holding all its atoms as terms (postings, chapter titles,
 *     document titles) or writing it literally (bigram postings, then a literal check of the few articles
 *     the term route did not already find); the candidates match every word, narrowed as a list from the
 *     most selective word on (no pass over every article of a segment);
 *  4. the candidates get a BM25F score with corpus-wide statistics: document frequencies summed over all
 *     segments less removed documents, average field lengths over every article;
 *  5. the best RERANK candidates get a proximity and phrase bonus computed on their text;
 *  6. hits (snippets from the best 款), groups by law and facet counts.
 *
 * What lunr contributes: its BM25 conventions (k1 = 1.2, b = 0.75 on the text, its idf formula
 * log(1 + |(N − df + 0.5)/(df + 0.5)|), tested against lunr.idf). The fields are combined as BM25F does
 * (field frequencies weighted and length-normalised, then saturated once), which lunr does not do; lunr's
 * per-field sum saturates each field separately, so a law's title and its text could not add up.
 */
import type { Segmenter } from '../segment';
import { analyse, normaliseForMatch } from './analyse';
import { planQuery, parseQuery, viewOf, type QueryPlan, type QueryWord } from './query';
import { articleText, type FieldTotals, type Postings, type Segment } from './segment';
import { makeSnippet, type NeedleGroup } from './snippet';
import { workKeys, type DocStatus } from './groups';
import type {
  FacetCount,
  IndexedArticle,
  SearchFacets,
  SearchFilters,
  SearchGroup,
  SearchHit,
  SearchOptions,
  SearchResult,
  SearchedView,
  ShardMeta,
  VersionStatus,
} from './types';

/** BM25F field weights: a heading names what the article is about, a law's title names what it is for. */
export const FIELD_WEIGHTS = { text: 1, head: 3, chapter: 1, title: 2.5 };
/** Length normalisation per field (BM25's b). */
export const FIELD_B = { text: 0.75, head: 0.5, chapter: 0.5, title: 0.6 };
/** lunr's (and BM25's usual) saturation. */
export const K1 = 1.2;
/** Query weight of a whole compound word over its parts. */
export const WHOLE_WORD_BOOST = 1;
/** Score share of a superseded version's article with latestFirst. */
export const HISTORICAL_WEIGHT = 0.6;
/**
 * Score factor by the kind of text (its rank in the hierarchy of norms, 效力层级): where a national law and
 * a local regulation or an interpretation of it are named after the same subject, a researcher expects the
 * law first. Kinds not listed weigh 1.
 */
export const KIND_WEIGHTS: Readonly<Record<string, number>> = { 宪法: 1.2, 法律: 1.2, 行政法规: 1.1 };
/** How many of the best candidates get the proximity and phrase bonus. */
export const RERANK = 100;
/** Bonus, as a share of the query words' idf sum, for all words adjacent in order / the whole phrase. */
export const PROXIMITY_WEIGHT = 0.6;
export const PHRASE_WEIGHT = 0.6;

/** lunr.idf's formula (lunr 2.3.9), over articles. */
export function idf(df: number, n: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** A removed document version: what it added to the statistics, subtracted until its segment is rebuilt. */
export interface Tombstone {
  segment: string;
  /** ShardMeta.id (`doc@version`) and ShardMeta.doc. */
  id: string;
  doc: string;
  articles: number;
  totals: FieldTotals;
  /** Articles of the version holding each term (in text or heading). */
  df: Record<string, number>;
}

interface SegEntry {
  id: string;
  seg: Segment;
  /** Per document of the segment: 1 once removed. */
  dead: Uint8Array;
  /** Index of each of its documents in SearchIndex.docs. */
  docIndex: Int32Array;
  /** Normalised document titles and chapter titles, for the literal route. */
  titles: TitleList;
  chapterTitles: TitleList;
}

/**
 * Titles joined into one string (each followed by U+0001) with their start offsets: finding the titles that
 * write a literal is one native indexOf scan instead of a call per title.
 */
class TitleList {
  private readonly text: string;
  private readonly starts: number[] = [];
  constructor(titles: readonly string[]) {
    let at = 0;
    for (const t of titles) {
      this.starts.push(at);
      at += t.length + 1;
    }
    this.text = titles.map((t) => t + '\u0001').join('');
  }

  get length(): number {
    return this.starts.length;
  }

  /** Indices of the titles that contain `literal` (ascending, each once). */
  containing(literal: string): number[] {
    const out: number[] = [];
    if (!literal || literal.includes('\u0001')) return out;
    for (let at = this.text.indexOf(literal); at >= 0; at = this.text.indexOf(literal, at + 1)) {
      let lo = 0;
      let hi = this.starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (this.starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      if (out[out.length - 1] !== lo) out.push(lo);
      // Go on after this title: one hit per title is enough.
      at = (this.starts[lo + 1] ?? this.text.length) - 1;
    }
    return out;
  }
}

interface DocRef {
  entry: SegEntry;
  local: number;
  meta: ShardMeta;
}

/** Collected candidates of one search, in flat arrays (a broad query over a million articles keeps numbers, not objects). */
class Candidates {
  doc = new Int32Array(1024);
  art = new Int32Array(1024);
  score = new Float64Array(1024);
  length = 0;
  push(doc: number, art: number, score: number): void {
    if (this.length === this.doc.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.doc = grow(this.doc);
      this.art = grow(this.art);
      this.score = grow(this.score);
    }
    this.doc[this.length] = doc;
    this.art[this.length] = art;
    this.score[this.length++] = score;
  }
}

/** A query unit scored by BM25F: an index term, with its corpus-wide idf and query weight. */
interface Unit {
  term: string;
  weight: number;
  idf: number;
}

export class SearchIndex {
  private readonly entries: SegEntry[] = [];
  private readonly tombstones: Tombstone[] = [];
  private docsMemo: DocRef[] | null = null;
  /** Work arrays reused from search to search (searches run one at a time). */
  private readonly scratch = new Scratch();
  private statusMemo: DocStatus[] | null = null;

  constructor(private readonly segmenter: Segmenter) {}

  /** Adds a segment (replacing one with the same id). */
  addSegment(id: string, seg: Segment): void {
    const entry: SegEntry = {
      id,
      seg,
      dead: new Uint8Array(seg.docs.length),
      docIndex: new Int32Array(seg.docs.length),
      titles: new TitleList(seg.docs.map((d) => normaliseForMatch(d.meta.title))),
      chapterTitles: new TitleList(seg.chapters.map((c) => normaliseForMatch(c.title))),
    };
    const old = this.entries.findIndex((e) => e.id === id);
    if (old >= 0) {
      this.entries[old] = entry;
      for (let i = this.tombstones.length - 1; i >= 0; i--) if (this.tombstones[i]!.segment === id) this.tombstones.splice(i, 1);
    } else this.entries.push(entry);
    this.changed();
  }

  removeSegment(id: string): void {
    const i = this.entries.findIndex((e) => e.id === id);
    if (i >= 0) this.entries.splice(i, 1);
    for (let k = this.tombstones.length - 1; k >= 0; k--) if (this.tombstones[k]!.segment === id) this.tombstones.splice(k, 1);
    this.changed();
  }

  get segmentIds(): string[] {
    return this.entries.map((e) => e.id);
  }

  segment(id: string): Segment | undefined {
    return this.entries.find((e) => e.id === id)?.seg;
  }

  /**
   * Takes every version of document `doc` out of the index: its articles stop matching, and what it
   * added to the statistics is subtracted (its terms counted again from its stored text: the same
   * analysis gives the same terms). Returns the tombstones to persist.
   */
  removeDocument(doc: string, segment?: string): Tombstone[] {
    const out: Tombstone[] = [];
    for (const e of this.entries) {
      if (segment !== undefined && e.id !== segment) continue;
      e.seg.docs.forEach((d, i) => {
        if (d.meta.doc !== doc || e.dead[i]) return;
        e.dead[i] = 1;
        out.push(this.tombstoneOf(e, i));
      });
    }
    this.tombstones.push(...out);
    if (out.length) this.changed();
    return out;
  }

  /** Re-applies persisted tombstones (an index opened from disk). Unknown segments or versions are ignored. */
  restoreTombstones(list: Tombstone[]): void {
    for (const t of list) {
      const e = this.entries.find((x) => x.id === t.segment);
      const i = e ? e.seg.docs.findIndex((d) => d.meta.id === t.id) : -1;
      if (!e || i < 0 || e.dead[i]) continue;
      e.dead[i] = 1;
      this.tombstones.push(t);
    }
    this.changed();
  }

  get removed(): Tombstone[] {
    return [...this.tombstones];
  }

  private tombstoneOf(e: SegEntry, i: number): Tombstone {
    const d = e.seg.docs[i]!;
    const totals: FieldTotals = { articles: d.count, text: 0, head: 0, chapter: 0, title: d.count * d.titleTerms.length };
    const df: Record<string, number> = {};
    for (let a = d.start; a < d.start + d.count; a++) {
      const art = e.seg.article(a);
      const head = art.heading ? analyse(this.segmenter, art.heading) : [];
      const text = analyse(this.segmenter, articleText(art));
      totals.text += text.length;
      totals.head += head.length;
      const c = e.seg.articleChapter[a]!;
      if (c >= 0) totals.chapter += e.seg.chapters[c]!.terms.length;
      for (const t of new Set([...head, ...text])) df[t] = (df[t] ?? 0) + 1;
    }
    return { segment: e.id, id: d.meta.id, doc: d.meta.doc, articles: d.count, totals, df };
  }

  private changed(): void {
    this.docsMemo = null;
    this.statusMemo = null;
  }

  /** Every live document version, in segment order. */
  private docs(): DocRef[] {
    if (this.docsMemo) return this.docsMemo;
    const out: DocRef[] = [];
    for (const e of this.entries) {
      e.seg.docs.forEach((d, i) => {
        e.docIndex[i] = e.dead[i] ? -1 : out.length;
        if (!e.dead[i]) out.push({ entry: e, local: i, meta: d.meta });
      });
    }
    this.docsMemo = out;
    return out;
  }

  private status(): DocStatus[] {
    this.statusMemo ??= workKeys(this.docs().map((d) => d.meta));
    return this.statusMemo;
  }

  /** The live document versions. */
  get shardMetas(): ShardMeta[] {
    return this.docs().map((d) => d.meta);
  }

  get articleCount(): number {
    return this.totals().articles;
  }

  /** Field sums over every live article. */
  totals(): FieldTotals {
    const t: FieldTotals = { articles: 0, text: 0, head: 0, chapter: 0, title: 0 };
    for (const e of this.entries) for (const k of Object.keys(t) as Array<keyof FieldTotals>) t[k] += e.seg.totals[k];
    for (const x of this.tombstones) for (const k of Object.keys(t) as Array<keyof FieldTotals>) t[k] -= x.totals[k];
    return t;
  }

  /** Live articles holding the term in their text or heading, over the whole index. */
  df(term: string): number {
    let df = 0;
    for (const e of this.entries) {
      const id = e.seg.termId(term);
      if (id !== undefined) df += e.seg.df(id);
    }
    for (const t of this.tombstones) df -= t.df[term] ?? 0;
    return Math.max(0, df);
  }

  /** The stored article (for export and the Reader's links); null when the version or article is unknown. */
  article(id: string, number: number, sub?: number): { meta: ShardMeta; article: IndexedArticle } | null {
    const ref = this.docs().find((d) => d.meta.id === id);
    if (!ref) return null;
    const d = ref.entry.seg.docs[ref.local]!;
    for (let a = d.start; a < d.start + d.count; a++) {
      const art = ref.entry.seg.article(a);
      if (art.number === number && art.sub === sub) return { meta: d.meta, article: art };
    }
    return null;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(query);
    const filters = mergeFilters(parsed.filters, options);
    const plan = planQuery(this.segmenter, parsed);
    const warnings = [...parsed.warnings];
    const view = viewOf(parsed, plan);
    view.filters = filters;
    const limit = options.limit ?? 20;
    const offset = options.offset ?? 0;
    const latestFirst = options.latestFirst ?? true;
    const docs = this.docs();
    const status = this.status();
    const totals = this.totals();
    const n = Math.max(1, totals.articles);
    const avg = {
      text: totals.text / n || 1,
      head: totals.head / n || 1,
      chapter: totals.chapter / n || 1,
      title: totals.title / n || 1,
    };
    const units = this.units(plan, n);
    const searched: SearchedView = {
      words: plan.words.map((w) => ({ word: w.word, terms: w.phrase ? [] : [...w.atoms, ...(w.boost ? [w.boost] : [])], literal: w.literal })),
      phrases: parsed.phrases,
      excluded: parsed.excluded,
      documents: 0,
      articles: 0,
    };
    const empty = (): SearchResult => ({
      query,
      total: 0,
      hits: [],
      parsed: view,
      warnings,
      groups: [],
      totalGroups: 0,
      facets: { jurisdiction: [], kind: [], year: [], status: [] },
      searched,
    });
    if (plan.words.length === 0 && plan.excluded.length === 0 && !hasFilters(filters)) return empty();

    const found = new Candidates();
    const scratch = this.scratch;
    const texts = new TextCache();
    for (const e of this.entries) {
      const allowed = new Uint8Array(e.seg.docs.length);
      let any = false;
      e.seg.docs.forEach((d, i) => {
        const g = e.docIndex[i]!;
        if (g >= 0 && passes(d.meta, filters, status[g]!.current)) {
          allowed[i] = 1;
          any = true;
          searched.documents++;
          searched.articles += d.count;
        }
      });
      if (any) {
        scratch.sizeStamps(e.seg.articleCount);
        this.matchSegment(e, allowed, plan, units, avg, scratch, found, latestFirst, status, texts);
      }
    }
    if (found.length === 0) return empty();

    // Proximity and phrase bonus for the best candidates.
    // (A single word that is not a compound can earn no bonus: no text need be read.)
    const free = plan.words.filter((w) => !w.phrase);
    const rerank = free.length > 1 || free.some((w) => w.atoms.length > 1);
    const order = rerank ? topIndices(found.score, found.length, Math.min(found.length, RERANK)) : [];
    const idfSum = plan.words.reduce((s, w) => s + this.wordIdf(w, units, n), 0);
    for (const k of order) {
      const ref = docs[found.doc[k]!]!;
      const bonus = proximityBonus(texts.get(ref.entry, found.art[k]!), plan.words);
      found.score[k]! += bonus * idfSum * (latestFirst && !status[found.doc[k]!]!.current ? HISTORICAL_WEIGHT : 1) * (KIND_WEIGHTS[ref.meta.kind] ?? 1);
    }

    // Per document version: matching articles and the best three.
    const perDoc = new Map<number, { total: number; best: number[] }>();
    for (let k = 0; k < found.length; k++) {
      const g = found.doc[k]!;
      let p = perDoc.get(g);
      if (!p) perDoc.set(g, (p = { total: 0, best: [] }));
      p.total++;
      insertBest(p.best, k, found.score, 8);
    }
    const facets = facetsOf(perDoc, docs, status);
    const byDate = options.sort === 'date';
    const dateOf = (g: number): string => docs[g]!.meta.date ?? '';
    const cmp = (a: number, b: number): number => {
      if (byDate) {
        const da = dateOf(found.doc[a]!);
        const db = dateOf(found.doc[b]!);
        if (da !== db) return da < db ? 1 : -1;
      }
      return found.score[b]! - found.score[a]! || found.doc[a]! - found.doc[b]! || found.art[a]! - found.art[b]!;
    };
    const want = offset + limit;
    const top = byDate ? sortedAll(found.length, cmp).slice(0, want) : topIndices(found.score, found.length, want, cmp);
    const hits = top.slice(offset).map((k) => this.hit(docs[found.doc[k]!]!, found.art[k]!, found.score[k]!, plan, status[found.doc[k]!]!.current, texts));

    const groupLimit = options.groupLimit ?? 20;
    const groupHits = options.groupHits ?? 3;
    const { groups, totalGroups } = this.groups(perDoc, found, docs, status, plan, { groupLimit, groupHits, byDate, latestFirst }, texts);
    return { query, total: found.length, hits, parsed: view, warnings, groups, totalGroups, facets, searched };
  }

  /** Index terms of the query with their corpus-wide idf (atoms weight 1, whole compounds WHOLE_WORD_BOOST). */
  private units(plan: QueryPlan, n: number): Map<string, Unit> {
    const units = new Map<string, Unit>();
    for (const w of plan.words) {
      if (w.phrase) continue;
      const add = (term: string, weight: number): void => {
        const u = units.get(term);
        if (u) u.weight += weight;
        else units.set(term, { term, weight, idf: idf(this.df(term), n) });
      };
      for (const a of w.atoms) add(a, 1 / w.atoms.length);
      if (w.boost) add(w.boost, WHOLE_WORD_BOOST);
    }
    return units;
  }

  /** idf of a word: its rarest atom's, or (literal words) its rarest bigram's. */
  private wordIdf(w: QueryWord, units: Map<string, Unit>, n: number): number {
    if (!w.phrase && w.atoms.length > 0) return Math.max(...w.atoms.map((a) => units.get(a)?.idf ?? 0), w.boost ? (units.get(w.boost)?.idf ?? 0) : 0);
    return idf(this.literalDf(w), n);
  }

  /** An upper bound of the articles writing a literal: its rarest bigram's count (all articles without bigrams). */
  private literalDf(w: Pick<QueryWord, 'bigrams'>): number {
    if (w.bigrams.length === 0) return this.totals().articles;
    let least = Infinity;
    for (const key of w.bigrams) {
      let df = 0;
      for (const e of this.entries) df += e.seg.bigramDf(key);
      least = Math.min(least, df);
    }
    return least;
  }

  private matchSegment(
    e: SegEntry,
    allowed: Uint8Array,
    plan: QueryPlan,
    units: Map<string, Unit>,
    avg: { text: number; head: number; chapter: number; title: number },
    scratch: Scratch,
    found: Candidates,
    latestFirst: boolean,
    status: DocStatus[],
    texts: TextCache,
  ): void {
    const seg = e.seg;
    const n = seg.articleCount;
    const W = plan.words.length;
    // Postings read once per search and segment (candidates, then scores).
    const postingsCache = new Map<string, Postings | null>();
    const postingsOf = (term: string): Postings | null => {
      let p = postingsCache.get(term);
      if (p === undefined) {
        const id = seg.termId(term);
        p = id === undefined ? null : seg.postings(id);
        postingsCache.set(term, p);
      }
      return p;
    };
    // Per word, per article: 0 no match, 1 term route, 2 literal in heading or text (checked or certain),
    // 3 literal to check, 4 literal in the document title, 5 literal in the chapter title.
    const state = scratch.states(W, n);
    const isAllowed = (d: number): boolean => allowed[seg.articleDoc[d]!] === 1;
    // Candidates as an ascending list, narrowed word by word, the most selective word first: no pass over
    // every article of the segment (a million articles make such passes the cost of a query).
    let list: Uint32Array | null = null;
    for (const k of this.wordOrder(seg, plan.words)) {
      const w = plan.words[k]!;
      const s = state[k]!;
      const touched = scratch.touched(list === null);
      if (!w.phrase && w.atoms.length > 0) this.termRoute(e, w.atoms, s, scratch, postingsOf, touched);
      this.literalRoute(e, w, s, scratch, touched, list, allowed);
      if (list === null) {
        const first = touched.sorted();
        let m = 0;
        for (let i = 0; i < first.length; i++) if (isAllowed(first[i]!)) first[m++] = first[i]!;
        list = first.subarray(0, m);
      } else {
        let m = 0;
        for (let i = 0; i < list.length; i++) if (s[list[i]!] !== 0) list[m++] = list[i]!;
        list = list.subarray(0, m);
      }
      if (list.length === 0) return;
    }
    if (list === null) {
      // Filters alone: every article of the documents they keep.
      const all: number[] = [];
      seg.docs.forEach((doc, i) => {
        if (allowed[i]) for (let d = doc.start; d < doc.start + doc.count; d++) all.push(d);
      });
      list = Uint32Array.from(all);
    }
    // Literal checks: only of candidates.
    const literalCount = new Map<number, [number, number]>(); // k * n + d → occurrences in text, in heading
    let m = 0;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      let ok = true;
      for (let k = 0; k < W && ok; k++) {
        if (state[k]![d] !== 3) continue;
        const t = texts.get(e, d);
        const headEnd = t.indexOf('\n');
        const literal = plan.words[k]!.literal;
        const inText = countOf(headEnd >= 0 ? t.slice(headEnd + 1) : t, literal);
        const inHead = headEnd > 0 ? countOf(t.slice(0, headEnd), literal) : 0;
        if (inText + inHead === 0) ok = false;
        else {
          literalCount.set(k * n + d, [inText, inHead]);
          state[k]![d] = 2;
        }
      }
      if (ok) list[m++] = d;
    }
    list = list.subarray(0, m);
    for (const x of plan.excluded) {
      const maybe = x.bigrams.length > 0 ? this.bigramAnd(seg, x.bigrams, scratch) : null;
      if (x.bigrams.length > 0 && !maybe) continue; // a bigram absent from the segment: no article writes it
      let k = 0;
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if ((maybe && !maybe[d]) || !texts.get(e, d).includes(x.literal)) list[k++] = d;
      }
      list = list.subarray(0, k);
    }
    if (list.length === 0) return;

    const scores = scratch.scores(n);
    const norm = (len: number, b: number, average: number): number => 1 - b + b * (len / average);
    const chapterTf = scratch.chapterTf(seg.chapters.length);
    const titleTf = scratch.titleTf(seg.docs.length);
    // BM25F per index term.
    for (const u of units.values()) {
      const post = postingsOf(u.term);
      const chapters = seg.chapterIndex.get(u.term);
      const titles = seg.titleIndex.get(u.term);
      if (!post && !chapters && !titles) continue;
      chapterTf.fill(0);
      titleTf.fill(0);
      if (chapters) for (let i = 0; i < chapters.length; i += 2) chapterTf[chapters[i]!] = chapters[i + 1]!;
      if (titles) for (let i = 0; i < titles.length; i += 2) titleTf[titles[i]!] = titles[i + 1]!;
      const docs = post?.docs;
      const factor = u.weight * u.idf;
      let j = 0;
      for (const d of list) {
        let tf = 0;
        let th = 0;
        if (docs) {
          // Postings ascend like the candidates: gallop when far behind.
          if (j < docs.length && docs[j]! < d) {
            let step = 1;
            while (j + step < docs.length && docs[j + step]! < d) step *= 2;
            let lo = j + (step >> 1);
            let hi = Math.min(docs.length, j + step);
            while (lo < hi) {
              const mid = (lo + hi) >>> 1;
              if (docs[mid]! < d) lo = mid + 1;
              else hi = mid;
            }
            j = lo;
          }
          if (j < docs.length && docs[j] === d) {
            tf = post!.tf[j]!;
            th = post!.head[j]!;
          }
        }
        const c = seg.articleChapter[d]!;
        const tc = c >= 0 ? chapterTf[c]! : 0;
        const docIdx = seg.articleDoc[d]!;
        const tt = titleTf[docIdx]!;
        if (tf + th + tc + tt === 0) continue;
        const x =
          (tf ? (FIELD_WEIGHTS.text * tf) / norm(seg.textLen[d]!, FIELD_B.text, avg.text) : 0) +
          (th ? (FIELD_WEIGHTS.head * th) / norm(seg.headLen[d]!, FIELD_B.head, avg.head) : 0) +
          (tc ? (FIELD_WEIGHTS.chapter * tc) / norm(seg.chapters[c]!.terms.length, FIELD_B.chapter, avg.chapter) : 0) +
          (tt ? (FIELD_WEIGHTS.title * tt) / norm(seg.docs[docIdx]!.titleTerms.length, FIELD_B.title, avg.title) : 0);
        scores[d]! += (factor * ((K1 + 1) * x)) / (K1 + x);
      }
    }
    // Words an article matches only literally: scored from how often it writes them.
    for (let k = 0; k < W; k++) {
      const w = plan.words[k]!;
      let lidf = -1;
      const N = this.totals().articles;
      for (const d of list) {
        const st = state[k]![d]!;
        if (st < 2) continue;
        if (lidf < 0) {
          if (w.bigrams.length > 0) lidf = idf(this.literalDf(w), N);
          else {
            // No bigram to count (税): the share of this segment's checked articles that write it, over the index.
            let hits = 0;
            for (const x of list) if (state[k]![x]! >= 2) hits++;
            lidf = idf(Math.round((hits / Math.max(1, list.length)) * N * (list.length / n)), N);
          }
        }
        let x: number;
        if (st === 4) x = FIELD_WEIGHTS.title / norm(seg.docs[seg.articleDoc[d]!]!.titleTerms.length, FIELD_B.title, avg.title);
        else if (st === 5) x = FIELD_WEIGHTS.chapter / norm(seg.chapters[seg.articleChapter[d]!]!.terms.length, FIELD_B.chapter, avg.chapter);
        else {
          // Counted where checked; a two-character word found through its bigram counts once.
          const [inText, inHead] = literalCount.get(k * n + d) ?? [1, 0];
          x =
            (FIELD_WEIGHTS.text * inText) / norm(seg.textLen[d]!, FIELD_B.text, avg.text) +
            (inHead ? (FIELD_WEIGHTS.head * inHead) / norm(seg.headLen[d]!, FIELD_B.head, avg.head) : 0);
        }
        scores[d]! += (lidf * ((K1 + 1) * x)) / (K1 + x);
      }
    }
    for (const d of list) {
      const docIdx = seg.articleDoc[d]!;
      const g = e.docIndex[docIdx]!;
      const weight = (latestFirst && !status[g]!.current ? HISTORICAL_WEIGHT : 1) * (KIND_WEIGHTS[seg.docs[docIdx]!.meta.kind] ?? 1);
      found.push(g, d, scores[d]! * weight);
    }
  }

  /**
   * The order to narrow candidates in: words by an upper bound of the articles they can match in this
   * segment (their rarest atom's postings plus their rarest bigram's), words without bigrams last.
   */
  private wordOrder(seg: Segment, words: readonly QueryWord[]): number[] {
    const bound = words.map((w) => {
      if (w.bigrams.length === 0 && (w.phrase || w.atoms.length === 0)) return Infinity;
      const literalRoute = w.bigrams.length > 0;
      let terms = w.phrase || w.atoms.length === 0 ? 0 : Infinity;
      for (const a of w.phrase ? [] : w.atoms) {
        const id = seg.termId(a);
        const extra = (seg.chapterIndex.get(a) ? 1000 : 0) + (seg.titleIndex.get(a) ? 1000 : 0);
        terms = Math.min(terms, (id === undefined ? 0 : seg.df(id)) + extra);
      }
      let literal = literalRoute ? seg.articleCount : 0;
      for (const key of w.bigrams) literal = Math.min(literal, seg.bigramDf(key));
      return terms + literal;
    });
    return words.map((_, k) => k).sort((a, b) => bound[a]! - bound[b]!);
  }

  /** Marks (state 1) the articles holding every atom in text, heading, chapter title or document title. */
  private termRoute(e: SegEntry, atoms: string[], s: Uint8Array, scratch: Scratch, postingsOf: (term: string) => Postings | null, touched: Touched): void {
    const seg = e.seg;
    const n = seg.articleCount;
    // count[d] = how many atoms so far article d holds; each source raises it only from k to k + 1, so an
    // atom found in two fields counts once. The last atom's sources are where complete articles are: they
    // are marked there (plain loops: a callback per posting costs more than the rest of the query).
    const count = scratch.count(n);
    const need = atoms.length;
    const ranges: Array<[number, number]> = [];
    for (let k = 0; k < atoms.length; k++) {
      const atom = atoms[k]!;
      const post = postingsOf(atom);
      const chapters = seg.chapterIndex.get(atom);
      const titles = seg.titleIndex.get(atom);
      if (!post && !chapters && !titles) return; // this segment never uses the atom
      const next = k + 1;
      const last = next === need;
      ranges.length = 0;
      if (titles) {
        for (let i = 0; i < titles.length; i += 2) {
          const doc = seg.docs[titles[i]!]!;
          ranges.push([doc.start, doc.start + doc.count]);
        }
      }
      if (post) {
        const docs = post.docs;
        if (last) {
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i]!;
            if (count[d] === k) {
              count[d] = next;
              if (s[d] === 0) {
                s[d] = 1;
                touched.push(d);
              }
            }
          }
        } else for (let i = 0; i < docs.length; i++) if (count[docs[i]!] === k) count[docs[i]!] = next;
      }
      for (const [from, to] of ranges) {
        for (let d = from; d < to; d++) {
          if (count[d] !== k) continue;
          count[d] = next;
          if (last && s[d] === 0) {
            s[d] = 1;
            touched.push(d);
          }
        }
      }
      if (chapters) {
        const ca = seg.chapterArticles;
        for (let i = 0; i < chapters.length; i += 2) {
          const c: number = chapters[i]!;
          for (let p: number = seg.chapterStart[c]!, end: number = seg.chapterStart[c + 1]!; p < end; p++) {
            const d = ca[p]!;
            if (count[d] !== k) continue;
            count[d] = next;
            if (last && s[d] === 0) {
              s[d] = 1;
              touched.push(d);
            }
          }
        }
      }
    }
  }

  /**
   * Marks the articles that write the word: certain (2) where the word is one bigram, (4) through a
   * document title or (5) a chapter title that writes it; to be checked (3) where they hold all its bigrams,
   * or — a word without bigrams — every candidate so far (`list`; every allowed article for a first word).
   */
  private literalRoute(e: SegEntry, w: QueryWord, s: Uint8Array, scratch: Scratch, touched: Touched, list: Uint32Array | null, allowed: Uint8Array): void {
    const seg = e.seg;
    for (const i of e.titles.containing(w.literal)) {
      const doc = seg.docs[i]!;
      for (let d = doc.start; d < doc.start + doc.count; d++) {
        if (s[d] === 0) {
          s[d] = 4;
          touched.push(d);
        }
      }
    }
    for (const c of e.chapterTitles.containing(w.literal)) {
      for (let p = seg.chapterStart[c]!, end = seg.chapterStart[c + 1]!; p < end; p++) {
        const d = seg.chapterArticles[p]!;
        if (s[d] === 0) {
          s[d] = 5;
          touched.push(d);
        }
      }
    }
    if (w.bigrams.length === 0) {
      // No bigram. A word without Han characters that is an index term (2018, ISO): the segmenter keeps
      // such runs whole, so its postings find it. One character, or a function word: checked on the text.
      if (!w.phrase && w.atoms.length > 0) return;
      const check = (d: number): void => {
        if (s[d] === 0) {
          s[d] = 3;
          touched.push(d);
        }
      };
      if (list) for (const d of list) check(d);
      else seg.docs.forEach((doc, i) => {
        if (allowed[i]) for (let d = doc.start; d < doc.start + doc.count; d++) check(d);
      });
      return;
    }
    const lists = this.bigramLists(seg, w.bigrams);
    if (!lists) return;
    // A two-character word is its own bigram: holding it is writing it.
    const v = w.literal.length === 2 && w.bigrams.length === 1 ? 2 : 3;
    const first = lists[0]!;
    if (lists.length === 1) {
      for (let i = 0; i < first.length; i++) {
        const d = first[i]!;
        if (s[d] === 0) {
          s[d] = v;
          touched.push(d);
        }
      }
      return;
    }
    const need = this.stampIntersection(lists, scratch);
    const stamp = scratch.stamp;
    for (let i = 0; i < first.length; i++) {
      const d = first[i]!;
      if (stamp[d] === need && s[d] === 0) {
        s[d] = v;
        touched.push(d);
      }
    }
  }

  /**
   * Stamps the articles of the first (shortest) list with how many lists hold them (in a fresh range of
   * stamp values, no clearing); answers the stamp of those in every list.
   */
  private stampIntersection(lists: Uint32Array[], scratch: Scratch): number {
    const base = scratch.epoch(lists.length);
    const stamp = scratch.stamp;
    const first = lists[0]!;
    for (let i = 0; i < first.length; i++) stamp[first[i]!] = base + 1;
    for (let k = 1; k < lists.length; k++) {
      const l = lists[k]!;
      const at = base + k;
      for (let i = 0; i < l.length; i++) if (stamp[l[i]!] === at) stamp[l[i]!] = at + 1;
    }
    return base + lists.length;
  }

  private bigramLists(seg: Segment, keys: number[]): Uint32Array[] | null {
    const lists: Uint32Array[] = [];
    for (const key of keys) {
      const l = seg.bigramDocs(key);
      if (!l) return null;
      lists.push(l);
    }
    return lists.sort((a, b) => a.length - b.length);
  }

  /** 1 for the articles holding every bigram (null: some bigram absent from the segment). */
  private bigramAnd(seg: Segment, keys: number[], scratch: Scratch): Uint8Array | null {
    const lists = this.bigramLists(seg, keys);
    if (!lists) return null;
    const out = scratch.mark(seg.articleCount);
    if (lists.length === 1) for (const d of lists[0]!) out[d] = 1;
    else {
      const need = this.stampIntersection(lists, scratch);
      for (const d of lists[0]!) if (scratch.stamp[d] === need) out[d] = 1;
    }
    return out;
  }

  private hit(ref: DocRef, d: number, score: number, plan: QueryPlan, current: boolean, texts: TextCache): SearchHit {
    const a = texts.article(ref.entry, d);
    const full = texts.get(ref.entry, d);
    // Highlight a word whole; its parts only where the article never writes it whole ("预留…份额"), so
    // that 政府 is not marked in every 人民政府 when the article speaks of 政府采购.
    const has = (t: string): boolean => full.includes(normaliseForMatch(t));
    const groups: NeedleGroup[] = plan.words.map((w) => (w.phrase || has(w.literal) ? { whole: [w.literal], parts: [] } : { whole: [], parts: w.atoms.filter(has) }));
    const snippet = makeSnippet(a.paragraphs, groups);
    const terms = [...new Set(groups.flatMap((g) => [...g.whole, ...g.parts]))];
    const meta = ref.meta;
    const hit: SearchHit = {
      doc: meta.doc,
      version: meta.version,
      article: a.number,
      label: a.label,
      heading: a.heading,
      title: meta.title,
      versionLabel: meta.versionLabel,
      chapter: a.chapter,
      score: Math.round(score * 1000) / 1000,
      paragraph: snippet.paragraph + 1,
      snippet: snippet.text,
      highlights: snippet.highlights,
      terms,
      date: meta.date ?? null,
      current,
    };
    if (a.sub !== undefined) hit.sub = a.sub;
    return hit;
  }

  private groups(
    perDoc: Map<number, { total: number; best: number[] }>,
    found: Candidates,
    docs: DocRef[],
    status: DocStatus[],
    plan: QueryPlan,
    o: { groupLimit: number; groupHits: number; byDate: boolean; latestFirst: boolean },
    texts: TextCache,
  ): { groups: SearchGroup[]; totalGroups: number } {
    const works = new Map<string, number[]>();
    for (const g of perDoc.keys()) {
      const key = status[g]!.work;
      let list = works.get(key);
      if (!list) works.set(key, (list = []));
      list.push(g);
    }
    const summaries = [...works.entries()].map(([work, versions]) => {
      const best: number[] = [];
      for (const g of versions) for (const k of perDoc.get(g)!.best) insertBest(best, k, found.score, 3);
      const score = (found.score[best[0]!] ?? 0) + 0.3 * (found.score[best[1]!] ?? 0) + 0.15 * (found.score[best[2]!] ?? 0);
      // Latest first: by date, then the current version before superseded ones.
      versions.sort((a, b) => {
        const da = docs[a]!.meta.date ?? '';
        const db = docs[b]!.meta.date ?? '';
        if (status[a]!.current !== status[b]!.current) return status[a]!.current ? -1 : 1;
        return da < db ? 1 : da > db ? -1 : docs[b]!.meta.version - docs[a]!.meta.version;
      });
      return { work, versions, score, date: docs[versions[0]!]!.meta.date ?? '' };
    });
    const groupCmp = (a: (typeof summaries)[number], b: (typeof summaries)[number]): number =>
      o.byDate && a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.score - a.score;
    // The first groupLimit only (thousands of laws may match a broad query): select, then sort those.
    const shownGroups: typeof summaries = [];
    for (const g of summaries) {
      if (shownGroups.length < o.groupLimit) shownGroups.push(g);
      else if (o.groupLimit > 0 && groupCmp(g, shownGroups[shownGroups.length - 1]!) < 0) shownGroups[shownGroups.length - 1] = g;
      else continue;
      for (let i = shownGroups.length - 1; i > 0 && groupCmp(shownGroups[i]!, shownGroups[i - 1]!) < 0; i--) {
        [shownGroups[i], shownGroups[i - 1]] = [shownGroups[i - 1]!, shownGroups[i]!];
      }
    }
    const groups = shownGroups.map((s): SearchGroup => {
      const shown = o.latestFirst ? s.versions[0]! : s.versions.reduce((a, b) => (found.score[perDoc.get(b)!.best[0]!]! > found.score[perDoc.get(a)!.best[0]!]! ? b : a));
      const picks: number[] = [...perDoc.get(shown)!.best];
      const others: number[] = [];
      for (const g of s.versions) if (g !== shown) for (const k of perDoc.get(g)!.best) insertBest(others, k, found.score, o.groupHits);
      const chosen = [...picks, ...others].slice(0, o.groupHits);
      const meta = docs[shown]!.meta;
      return {
        work: s.work,
        doc: meta.doc,
        version: meta.version,
        title: meta.title,
        kind: meta.kind,
        jurisdiction: meta.jurisdiction,
        date: meta.date ?? null,
        score: Math.round(s.score * 1000) / 1000,
        total: s.versions.reduce((t, g) => t + perDoc.get(g)!.total, 0),
        versions: s.versions.map((g) => ({
          doc: docs[g]!.meta.doc,
          version: docs[g]!.meta.version,
          title: docs[g]!.meta.title,
          versionLabel: docs[g]!.meta.versionLabel,
          date: docs[g]!.meta.date ?? null,
          current: status[g]!.current,
          total: perDoc.get(g)!.total,
        })),
        hits: chosen.map((k) => this.hit(docs[found.doc[k]!]!, found.art[k]!, found.score[k]!, plan, status[found.doc[k]!]!.current, texts)),
      };
    });
    return { groups, totalGroups: summaries.length };
  }
}

/** Occurrences of `needle` in `text` (not overlapping). */
function countOf(text: string, needle: string): number {
  let c = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) c++;
  return c;
}

/**
 * The proximity and phrase bonus of an article's text, in units of the query words' idf sum: the whole
 * query written as one string earns PHRASE_WEIGHT; the pairs of neighbours — consecutive query words, and
 * the parts of a compound not written whole ("拖欠中小企业账款" for 拖欠账款) — earn up to PROXIMITY_WEIGHT
 * (adjacent in order: all of it, reversed: half, fading with the characters between).
 */
export function proximityBonus(text: string, words: readonly QueryWord[]): number {
  const free = words.filter((w) => !w.phrase);
  if (free.length === 0) return 0;
  let bonus = 0;
  const whole = free.map((w) => w.literal).join('');
  if ((free.length > 1 || free[0]!.atoms.length > 1) && text.includes(whole)) bonus += PHRASE_WEIGHT;
  // The chain of units whose neighbours are measured: a word written whole is one unit (its inner pairs
  // adjacent), else its atoms in order.
  const units: Array<Array<[number, number]>> = [];
  let pairs = 0;
  let sum = 0;
  for (const w of free) {
    const spans = occurrences(text, w.literal);
    if (spans.length > 0 || w.atoms.length <= 1) {
      if (w.atoms.length > 1) {
        pairs += w.atoms.length - 1;
        sum += w.atoms.length - 1;
      }
      units.push(spans);
    } else {
      for (const a of w.atoms) units.push(occurrences(text, a));
    }
  }
  for (let k = 0; k + 1 < units.length; k++) {
    pairs++;
    let best = 0;
    for (const [as, ae] of units[k]!) {
      for (const [bs, be] of units[k + 1]!) {
        const inOrder = bs >= ae;
        const gap = inOrder ? bs - ae : as >= be ? as - be : 0;
        const v = (inOrder ? 1 : 0.5) / (1 + gap / 4);
        if (v > best) best = v;
      }
    }
    sum += best;
  }
  return pairs > 0 ? bonus + (PROXIMITY_WEIGHT * sum) / pairs : bonus;
}

/** Where a string stands in a text. At most 64 spans (long articles). */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let at = text.indexOf(needle); at >= 0 && out.length < 64; at = text.indexOf(needle, at + 1)) out.push([at, at + needle.length]);
  return out;
}

/** Keeps `best` as the indices of the `k` highest scores (descending). */
function insertBest(best: number[], i: number, score: Float64Array, k: number): void {
  const s = score[i]!;
  if (best.length >= k && score[best[best.length - 1]!]! >= s) return;
  let at = best.length;
  while (at > 0 && score[best[at - 1]!]! < s) at--;
  best.splice(at, 0, i);
  if (best.length > k) best.pop();
}

/** Indices of the `k` best entries (a bounded heap), in order. */
function topIndices(score: Float64Array, length: number, k: number, cmp: (a: number, b: number) => number = (a, b) => score[b]! - score[a]! || a - b): number[] {
  if (k <= 0) return [];
  const heap: number[] = [];
  // cmp(a, b) > 0: a ranks below b. The heap's root is the worst kept.
  const worse = (a: number, b: number): boolean => cmp(a, b) > 0;
  for (let i = 0; i < length; i++) {
    if (heap.length < k) {
      heap.push(i);
      let c = heap.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (worse(heap[0]!, i)) {
      heap[0] = i;
      let c = 0;
      for (;;) {
        const l = 2 * c + 1;
        const r = l + 1;
        let m = c;
        if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
        if (m === c) break;
        [heap[c], heap[m]] = [heap[m]!, heap[c]!];
        c = m;
      }
    }
  }
  return heap.sort(cmp);
}

function sortedAll(length: number, cmp: (a: number, b: number) => number): number[] {
  return Array.from({ length }, (_, i) => i).sort(cmp);
}

function facetsOf(perDoc: Map<number, { total: number }>, docs: DocRef[], status: DocStatus[]): SearchFacets {
  const j = new Map<string, number>();
  const kind = new Map<string, number>();
  const year = new Map<string, number>();
  const st = new Map<VersionStatus, number>();
  const add = <K>(m: Map<K, number>, key: K, c: number): void => void m.set(key, (m.get(key) ?? 0) + c);
  for (const [g, p] of perDoc) {
    const meta = docs[g]!.meta;
    add(j, meta.jurisdiction || '未注明', p.total);
    add(kind, meta.kind || '未注明', p.total);
    add(year, meta.date ? meta.date.slice(0, 4) : '未注明', p.total);
    add(st, status[g]!.current ? 'current' : 'historical', p.total);
  }
  const list = (m: Map<string, number>): FacetCount[] => [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    jurisdiction: list(j),
    kind: list(kind),
    year: [...year].map(([value, count]) => ({ value, count })).sort((a, b) => (a.value === '未注明' ? 1 : b.value === '未注明' ? -1 : a.value < b.value ? 1 : -1)),
    status: (['current', 'historical'] as const).filter((s) => st.has(s)).map((value) => ({ value, count: st.get(value)! })),
  };
}

/** Match texts of the articles one search reads (literal checks, proximity, snippets): each decoded once. */
class TextCache {
  private readonly map = new Map<string, { plain: string; match: string }>();
  private entry(e: SegEntry, d: number): { plain: string; match: string } {
    const key = `${e.id}\u0000${d}`;
    let t = this.map.get(key);
    if (t === undefined) {
      const plain = e.seg.plainText(d);
      t = { plain, match: e.seg.matchText(d, plain) };
      this.map.set(key, t);
    }
    return t;
  }
  /** The article's text in match form. */
  get(e: SegEntry, d: number): string {
    return this.entry(e, d).match;
  }
  /** The article, its text read once for both. */
  article(e: SegEntry, d: number): IndexedArticle {
    return e.seg.article(d, this.entry(e, d).plain);
  }
}

/** Articles a word marked, in a reused typed array (a first word may mark a large part of a segment). */
class Touched {
  data = new Uint32Array(1 << 16);
  length = 0;
  /** Off for the words after the first: their marks only narrow the list, nothing need be collected. */
  active = true;
  push(d: number): void {
    if (!this.active) return;
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = d;
  }
  /** A sorted copy. */
  sorted(): Uint32Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** Per-article work arrays of one search, reused from segment to segment (grown to the largest). */
class Scratch {
  private stateArrays: Uint8Array[] = [];
  private literalArrays: Uint16Array[] = [];
  private countArray = new Uint8Array(0);
  private bigramCountArray = new Uint8Array(0);
  private markArray = new Uint8Array(0);
  private scoreArray = new Float64Array(0);

  private static sized<T extends Uint8Array | Uint16Array | Float64Array>(a: T, n: number, make: (n: number) => T): T {
    const out = a.length >= n ? a : make(Math.max(n, a.length * 2));
    const view = out.subarray(0, n) as T;
    view.fill(0);
    return view;
  }

  states(words: number, n: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let k = 0; k < words; k++) {
      this.stateArrays[k] = Scratch.sized(this.stateArrays[k] ?? new Uint8Array(0), n, (m) => new Uint8Array(m));
      out.push(this.stateArrays[k]!.subarray(0, n));
    }
    return out;
  }

  literalCounts(words: number, n: number): Uint16Array[] {
    const out: Uint16Array[] = [];
    for (let k = 0; k < words; k++) {
      this.literalArrays[k] = Scratch.sized(this.literalArrays[k] ?? new Uint16Array(0), n, (m) => new Uint16Array(m));
      out.push(this.literalArrays[k]!.subarray(0, n));
    }
    return out;
  }

  count(n: number): Uint8Array {
    this.countArray = Scratch.sized(this.countArray, n, (m) => new Uint8Array(m));
    return this.countArray;
  }

  bigramCount(n: number): Uint8Array {
    this.bigramCountArray = Scratch.sized(this.bigramCountArray, n, (m) => new Uint8Array(m));
    return this.bigramCountArray;
  }

  private chapterTfArray = new Uint16Array(0);
  private touchedList = new Touched();

  touched(active: boolean): Touched {
    this.touchedList.length = 0;
    this.touchedList.active = active;
    return this.touchedList;
  }
  private titleTfArray = new Uint16Array(0);
  stamp = new Int32Array(0);
  private epochAt = 0;

  chapterTf(n: number): Uint16Array {
    this.chapterTfArray = Scratch.sized(this.chapterTfArray, n, (m) => new Uint16Array(m));
    return this.chapterTfArray;
  }

  titleTf(n: number): Uint16Array {
    this.titleTfArray = Scratch.sized(this.titleTfArray, n, (m) => new Uint16Array(m));
    return this.titleTfArray;
  }

  /** A fresh range of `width` + 1 stamp values (the stamp array is sized by `sizeStamps`). */
  epoch(width: number): number {
    if (this.epochAt + width + 1 > 0x7fffffff) {
      this.stamp.fill(0);
      this.epochAt = 0;
    }
    const base = this.epochAt + 1;
    this.epochAt += width + 1;
    return base;
  }

  sizeStamps(n: number): void {
    if (this.stamp.length < n) {
      this.stamp = new Int32Array(Math.max(n, this.stamp.length * 2));
      this.epochAt = 0;
    }
  }

  mark(n: number): Uint8Array {
    this.markArray = Scratch.sized(this.markArray, n, (m) => new Uint8Array(m));
    return this.markArray;
  }

  scores(n: number): Float64Array {
    this.scoreArray = Scratch.sized(this.scoreArray, n, (m) => new Float64Array(m));
    return this.scoreArray;
  }
}

function mergeFilters(fromQuery: SearchFilters, options: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  for (const key of ['docs', 'jurisdictions', 'kinds', 'stages', 'years', 'status'] as const) {
    const values = [...(fromQuery[key] ?? []), ...(options[key] ?? [])] as never[];
    if (values.length > 0) out[key] = [...new Set(values)];
  }
  return out;
}

function hasFilters(f: SearchFilters): boolean {
  return Object.values(f).some((v) => Array.isArray(v) && v.length > 0);
}

/** "湖南" matches 湖南 and 湖南省; values of one filter are alternatives, different filters all apply. */
function loose(value: string, wanted: string): boolean {
  return value === wanted || (wanted.length > 0 && (value.includes(wanted) || (wanted.includes(value) && value.length > 0)));
}

export function passes(meta: ShardMeta, f: SearchFilters, current = true): boolean {
  if (f.docs && !f.docs.some((d) => d === meta.doc || d === meta.id)) return false;
  if (f.jurisdictions && !f.jurisdictions.some((j) => loose(meta.jurisdiction, j))) return false;
  if (f.kinds && !f.kinds.some((k) => loose(meta.kind, k))) return false;
  if (f.stages && !f.stages.some((s) => loose(meta.stage, s))) return false;
  if (f.years && !f.years.some((y) => meta.years.includes(y))) return false;
  if (f.status && !f.status.includes(current ? 'current' : 'historical')) return false;
  return true;
}
