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
  /** Terms of each chapter title and of each document's title (the chapter and title field lengths). */
  chapterTerms: Uint32Array;
  titleTerms: Uint32Array;
  /** KIND_WEIGHTS of each document. */
  kindWeight: Float64Array;
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

/** How many best articles of each document version a search keeps (for its law's group). */
const BEST_PER_VERSION = 8;

/** Per document version (by its index in the live list): matching articles and the best of them. */
interface PerDoc {
  total: Int32Array;
  /** BEST_PER_VERSION candidate indices per version, best first; `count` of them used. */
  best: Int32Array;
  count: Uint8Array;
}

/** The law and facet values of each document version, as numbers (SearchIndex.tables). */
interface DocTables {
  work: Int32Array;
  works: number;
  /** jurisdiction, kind, year: per version a value id, and the values. */
  facets: Array<{ id: Int32Array; values: string[] }>;
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
  private tablesMemo: DocTables | null = null;
  private totalsMemo: FieldTotals | null = null;

  /**
   * `segmenter` analyses stored text (only when a document is removed: its statistics are counted again);
   * `querySegmenter` cuts queries, and must cut exactly as `segmenter` does (the compiled one does:
   * engine/segment/compiled.ts), so that a search need not load nodejieba.
   */
  constructor(
    private readonly segmenter: Segmenter,
    private readonly querySegmenter: Pick<Segmenter, 'cut' | 'cutForSearch'> = segmenter,
  ) {}

  /** Adds a segment (replacing one with the same id). */
  addSegment(id: string, seg: Segment): void {
    const entry: SegEntry = {
      id,
      seg,
      dead: new Uint8Array(seg.docs.length),
      docIndex: new Int32Array(seg.docs.length),
      titles: new TitleList(seg.docs.map((d) => normaliseForMatch(d.meta.title))),
      chapterTitles: new TitleList(seg.chapters.map((c) => normaliseForMatch(c.title))),
      chapterTerms: Uint32Array.from(seg.chapters, (c) => c.terms.length),
      titleTerms: Uint32Array.from(seg.docs, (d) => d.titleTerms.length),
      kindWeight: Float64Array.from(seg.docs, (d) => KIND_WEIGHTS[d.meta.kind] ?? 1),
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
    this.tablesMemo = null;
    this.totalsMemo = null;
  }

  /** Per document version, as small numbers: its law, and its value of each facet (computed once per index state). */
  private tables(): DocTables {
    if (this.tablesMemo) return this.tablesMemo;
    const docs = this.docs();
    const status = this.status();
    const ids = (values: string[]): { id: Int32Array; values: string[] } => {
      const index = new Map<string, number>();
      const id = new Int32Array(values.length);
      values.forEach((v, g) => {
        let x = index.get(v);
        if (x === undefined) index.set(v, (x = index.size));
        id[g] = x;
      });
      return { id, values: [...index.keys()] };
    };
    const work = ids(status.map((s) => s.work));
    this.tablesMemo = {
      work: work.id,
      works: work.values.length,
      facets: [
        ids(docs.map((d) => d.meta.jurisdiction || '未注明')),
        ids(docs.map((d) => d.meta.kind || '未注明')),
        ids(docs.map((d) => String(versionYear(d.meta) ?? '未注明'))),
      ],
    };
    return this.tablesMemo;
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
    if (this.totalsMemo) return { ...this.totalsMemo };
    const t: FieldTotals = { articles: 0, text: 0, head: 0, chapter: 0, title: 0 };
    for (const e of this.entries) for (const k of Object.keys(t) as Array<keyof FieldTotals>) t[k] += e.seg.totals[k];
    for (const x of this.tombstones) for (const k of Object.keys(t) as Array<keyof FieldTotals>) t[k] -= x.totals[k];
    this.totalsMemo = { ...t };
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

  /**
   * Queries over the index's own words that take every path of a search (several words, a compound, a
   * phrase, an exclusion, a filter, sorting by date): run once after opening (SearchCache does, in the
   * background), they have V8 compile the search before a person's first query — the first searches of a
   * process otherwise cost several times more. Chosen from the largest segment's terms by how many
   * articles hold them (common, middling and rarer words), so the same index gives the same queries.
   */
  warmUpQueries(): Array<{ query: string; options: SearchOptions }> {
    return this.warmUpWords().map((query, i) => ({ query, options: i % 3 === 1 ? { sort: 'date' } : i % 3 === 2 ? { latestFirst: false, groupHits: 5 } : {} }));
  }

  private warmUpWords(): string[] {
    const seg = [...this.entries].sort((a, b) => b.seg.articleCount - a.seg.articleCount)[0]?.seg;
    if (!seg || seg.articleCount === 0) return [];
    const n = seg.articleCount;
    // Han terms of 2 and 4 characters by how many articles hold them, most first.
    const byDf = (len: number): number[] => {
      const ids: number[] = [];
      for (let id = 0; id < seg.terms.length; id++) if (seg.terms[id]!.length === len && isCommonHan(seg.terms[id]!) && seg.df(id) > 0) ids.push(id);
      return ids.sort((x, y) => seg.df(y) - seg.df(x) || x - y);
    };
    // The first `k` terms holding at most `share` of the articles.
    const pick = (ids: number[], share: number, k: number): string[] => {
      const at = ids.findIndex((id) => seg.df(id) <= Math.max(1, share * n));
      return at < 0 ? [] : ids.slice(at, at + k).map((id) => seg.terms[id]!);
    };
    // Middling words: broad enough that each loop runs long enough for V8 to compile it, not so broad that
    // warming up costs much (at a million articles, about a second of one core in the background).
    const two = byDf(2);
    const [a, b, c] = pick(two, 0.05, 3);
    const [d, e] = pick(two, 0.005, 2);
    const [f] = pick(byDf(4), 0.01, 1);
    if (!a || !b || !d) return [];
    const first = this.docs()[0];
    const year = first ? versionYear(first.meta) : null;
    return [
      `${a} ${b}`,
      `${a} ${d}`,
      `${d} ${b} ${c ?? a}`,
      `${e ?? d} ${a}`,
      ...(f ? [f, `${f} ${a}`] : []),
      `"${a}${b}"`,
      `${a} -${b}`,
      `${b} ${d}${year ? ` year:${year}` : ''}`,
      `${a} 法`,
    ];
  }

  /** Runs warmUpQueries; answers how many searches ran. */
  warmUp(): number {
    const queries = this.warmUpQueries();
    for (const q of queries) this.search(q.query, q.options);
    return queries.length;
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(query);
    const filters = mergeFilters(parsed.filters, options);
    const plan = planQuery(this.querySegmenter, parsed);
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
    for (let o = 0; o < order.length; o++) {
      const k = order[o]!;
      const ref = docs[found.doc[k]!]!;
      const bonus = proximityBonus(texts.get(ref.entry, found.art[k]!), plan.words);
      found.score[k]! += bonus * idfSum * (latestFirst && !status[found.doc[k]!]!.current ? HISTORICAL_WEIGHT : 1) * (KIND_WEIGHTS[ref.meta.kind] ?? 1);
    }

    // Per document version: matching articles and the best BEST_PER_VERSION, in typed arrays (a broad query
    // matches most versions of a large library). A version's candidates are consecutive: found in one
    // segment, in article order.
    const D = docs.length;
    const perDoc = this.scratch.perDoc(D);
    const touchedDocs: number[] = [];
    aggregate(found, perDoc, touchedDocs);
    const tables = this.tables();
    const facets = facetsOf(touchedDocs, perDoc.total, tables, status);
    const byDate = options.sort === 'date';
    const dateOf = (g: number): string => docs[g]!.meta.date ?? '';
    const cmp = (a: number, b: number): number => {
      if (byDate) {
        const da = dateOf(found.doc[a]!);
        const db = dateOf(found.doc[b]!);
        if (da !== db) return da < db ? 1 : -1;
      }
      // Signs, not differences: a comparator that returns a fraction allocates it.
      const sa = found.score[a]!;
      const sb = found.score[b]!;
      return sb > sa ? 1 : sb < sa ? -1 : found.doc[a]! - found.doc[b]! || found.art[a]! - found.art[b]!;
    };
    const want = offset + limit;
    // cmp orders every candidate (ties by version and article): the first `want` by a bounded heap are the
    // first `want` of a full sort.
    const top = topIndices(found.score, found.length, want, cmp);
    // One hit per candidate shown (a top hit is often also one of its law's best): the snippet is made once.
    const shownHits = new Map<number, SearchHit>();
    const hitOf = (k: number): SearchHit => {
      let h = shownHits.get(k);
      if (!h) shownHits.set(k, (h = this.hit(docs[found.doc[k]!]!, found.art[k]!, found.score[k]!, plan, status[found.doc[k]!]!.current, texts)));
      return { ...h, highlights: h.highlights.map((r) => [r[0], r[1]]), terms: [...h.terms] };
    };
    const hits = top.slice(offset).map(hitOf);

    const groupLimit = options.groupLimit ?? 20;
    const groupHits = options.groupHits ?? 3;
    const { groups, totalGroups } = this.groups(touchedDocs, perDoc, found, docs, status, tables, { groupLimit, groupHits, byDate, latestFirst }, hitOf);
    for (let i = 0; i < touchedDocs.length; i++) {
      perDoc.total[touchedDocs[i]!] = 0;
      perDoc.count[touchedDocs[i]!] = 0;
    }
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
    // Candidates as an ascending list, narrowed word by word, the most selective word first: no pass over
    // every article of the segment (a million articles make such passes the cost of a query).
    let list: Uint32Array | null = null;
    for (const k of this.wordOrder(seg, plan.words)) {
      const w = plan.words[k]!;
      const s = state[k]!;
      if (list !== null) {
        // The words after the first only narrow the candidates: each candidate is looked up in the word's
        // postings and bigram lists (galloping: all ascend) — or, when the word's articles are fewer than
        // the candidates, they are marked (as for a first word) and the candidates kept where marked.
        if (this.markingSize(e, w, list.length) < list.length * 2) {
          const touched = scratch.touched(false);
          if (!w.phrase && w.atoms.length > 0) this.termRoute(e, w.atoms, s, postingsOf, touched);
          this.literalRoute(e, w, s, touched, list, allowed, postingsOf);
          list = list.subarray(0, keepMarked(list, s));
        } else list = this.narrow(e, w, s, list, postingsOf);
        if (list.length === 0) return;
        continue;
      }
      const touched = scratch.touched(true);
      if (!w.phrase && w.atoms.length > 0) this.termRoute(e, w.atoms, s, postingsOf, touched);
      this.literalRoute(e, w, s, touched, list, allowed, postingsOf);
      // Every article marked was pushed once, when its state left 0: when many are, one pass over the
      // states lists them in order faster than sorting them.
      let first: Uint32Array;
      if (touched.length * 32 > n) {
        if (touched.data.length < n) touched.data = new Uint32Array(n);
        first = touched.data.subarray(0, collectMarked(s, allowed, seg.articleDoc, n, touched.data));
      } else {
        first = touched.sorted();
        first = first.subarray(0, keepAllowed(first, allowed, seg.articleDoc));
      }
      list = first;
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
    list = list.subarray(0, literalChecks(list, state, plan.words, literalCount, n, (d) => texts.get(e, d)));
    for (const x of plan.excluded) {
      const lists = x.bigrams.length > 0 ? this.literalLists(seg, { ...x, atoms: [], phrase: true }, postingsOf) : null;
      if (x.bigrams.length > 0 && !lists) continue; // a bigram absent from the segment: no article writes it
      const at = lists ? new Int32Array(lists.length) : null;
      let k = 0;
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if ((lists && !inAll(lists, at!, d)) || !texts.get(e, d).includes(x.literal)) list[k++] = d;
      }
      list = list.subarray(0, k);
    }
    if (list.length === 0) return;

    // Scores per candidate (by position in the list: nothing sized by the segment to clear).
    const scores = scratch.scores(list.length);
    // The text and heading length norms of each candidate, once (not once per query term); chapter and
    // title norms once per chapter and document.
    const normText = scratch.norms(0, list.length);
    const normHead = scratch.norms(1, list.length);
    lengthNorms(list, seg.textLen, seg.headLen, avg.text, avg.head, normText, normHead);
    const chapterNorm = scratch.norms(2, seg.chapters.length);
    const titleNorm = scratch.norms(3, seg.docs.length);
    fieldNorms(e.chapterTerms, FIELD_B.chapter, avg.chapter, chapterNorm);
    fieldNorms(e.titleTerms, FIELD_B.title, avg.title, titleNorm);
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
      scoreTerm(list, post, chapterTf, titleTf, seg.articleChapter, seg.articleDoc, normText, normHead, chapterNorm, titleNorm, u.weight * u.idf, scores);
    }
    // Words an article matches only literally: scored from how often it writes them.
    const N = this.totals().articles;
    for (let k = 0; k < W; k++) {
      const w = plan.words[k]!;
      const s = state[k]!;
      let any = false;
      for (let i = 0; i < list.length && !any; i++) any = s[list[i]!]! >= 2;
      if (!any) continue;
      let lidf: number;
      if (w.bigrams.length > 0) lidf = idf(this.literalDf(w), N);
      else {
        // No bigram to count (税): the share of this segment's checked articles that write it, over the index.
        let hits = 0;
        for (let i = 0; i < list.length; i++) if (s[list[i]!]! >= 2) hits++;
        lidf = idf(Math.round((hits / Math.max(1, list.length)) * N * (list.length / n)), N);
      }
      scoreLiteral(list, s, k * n, literalCount, seg.articleChapter, seg.articleDoc, normText, normHead, chapterNorm, titleNorm, lidf, scores);
    }
    // Per document: its version's weight (historical, kind of text).
    const weight = scratch.norms(4, seg.docs.length);
    for (let i = 0; i < seg.docs.length; i++) {
      const g = e.docIndex[i]!;
      weight[i] = g < 0 ? 0 : (latestFirst && !status[g]!.current ? HISTORICAL_WEIGHT : 1) * e.kindWeight[i]!;
    }
    pushFound(list, scores, seg.articleDoc, e.docIndex, weight, found);
  }

  /**
   * About how many articles marking word `w` goes through (termRoute: its rarest atom's; literalRoute: the
   * titles' and chapters' articles, its shortest bigram list, or the candidates for a word checked on the text).
   */
  private markingSize(e: SegEntry, w: QueryWord, candidates: number): number {
    const seg = e.seg;
    let size = 0;
    if (!w.phrase && w.atoms.length > 0) {
      let rarest = Infinity;
      for (const atom of w.atoms) {
        const id = seg.termId(atom);
        let n = id === undefined ? 0 : seg.df(id);
        const titles = seg.titleIndex.get(atom);
        const chapters = seg.chapterIndex.get(atom);
        if (titles) for (let i = 0; i < titles.length; i += 2) n += seg.docs[titles[i]!]!.count;
        if (chapters) for (let i = 0; i < chapters.length; i += 2) n += seg.chapterStart[chapters[i]! + 1]! - seg.chapterStart[chapters[i]!]!;
        rarest = Math.min(rarest, n);
      }
      size += rarest;
    }
    if (w.bigrams.length === 0) return size + (!w.phrase && w.atoms.length > 0 ? 0 : candidates);
    let shortest = Infinity;
    for (const key of w.bigrams) shortest = Math.min(shortest, seg.bigramDf(key));
    if (ownBigram(w)) {
      const id = seg.termId(w.literal);
      shortest -= id === undefined ? 0 : seg.df(id);
    }
    return size + shortest;
  }

  /**
   * Keeps the candidates (ascending) that match word `w` too, setting their state as termRoute and
   * literalRoute would (see those), by looking each up in the word's sources: postings and bigram lists by
   * galloping (the candidates ascend), title and chapter matches by marks.
   */
  private narrow(e: SegEntry, w: QueryWord, s: Uint8Array, list: Uint32Array, postingsOf: (term: string) => Postings | null): Uint32Array {
    const seg = e.seg;
    // Term route: per atom, its postings and the documents and chapters whose titles hold it.
    let termRoute = !w.phrase && w.atoms.length > 0;
    const atomDocs: Array<Uint32Array | null> = [];
    const atomTitles: Array<Uint8Array | null> = [];
    const atomChapters: Array<Uint8Array | null> = [];
    if (termRoute) {
      for (const atom of w.atoms) {
        const post = postingsOf(atom);
        const chapters = seg.chapterIndex.get(atom);
        const titles = seg.titleIndex.get(atom);
        if (!post && !chapters && !titles) {
          termRoute = false; // this segment never uses the atom
          break;
        }
        atomDocs.push(post ? post.docs : null);
        atomTitles.push(titles ? marksOf(seg.docs.length, titles) : null);
        atomChapters.push(chapters ? marksOf(seg.chapters.length, chapters) : null);
      }
    }
    const A = termRoute ? atomDocs.length : 0;
    const atomAt = new Int32Array(A);
    // Literal route.
    const titleHit = new Uint8Array(seg.docs.length);
    for (const i of e.titles.containing(w.literal)) titleHit[i] = 1;
    const chapterHit = new Uint8Array(seg.chapters.length);
    for (const c of e.chapterTitles.containing(w.literal)) chapterHit[c] = 1;
    const noBigram = w.bigrams.length === 0;
    // A word without bigrams that is an index term is found by its postings only; else checked on the text.
    const checkAll = noBigram && !(!w.phrase && w.atoms.length > 0);
    const lists = noBigram ? null : this.literalLists(seg, w, postingsOf);
    const listAt = new Int32Array(lists ? lists.length : 0);
    const v = w.literal.length === 2 && w.bigrams.length === 1 ? 2 : 3;
    const m = narrowList(list, s, seg.articleDoc, seg.articleChapter, termRoute ? atomDocs : [], atomAt, atomTitles, atomChapters, titleHit, chapterHit, checkAll, lists, listAt, v);
    return list.subarray(0, m);
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

  /**
   * Marks (state 1) the articles holding every atom in text, heading, chapter title or document title: the
   * articles of the atom with the fewest (its postings, and the articles of the documents and chapters
   * whose titles hold it), each looked up in the other atoms' sources (postings by galloping).
   */
  private termRoute(e: SegEntry, atoms: string[], s: Uint8Array, postingsOf: (term: string) => Postings | null, touched: Touched): void {
    const seg = e.seg;
    const sources = [];
    for (const atom of atoms) {
      const post = postingsOf(atom);
      const chapters = seg.chapterIndex.get(atom);
      const titles = seg.titleIndex.get(atom);
      if (!post && !chapters && !titles) return; // this segment never uses the atom
      let size = post ? post.docs.length : 0;
      if (titles) for (let i = 0; i < titles.length; i += 2) size += seg.docs[titles[i]!]!.count;
      if (chapters) for (let i = 0; i < chapters.length; i += 2) size += seg.chapterStart[chapters[i]! + 1]! - seg.chapterStart[chapters[i]!]!;
      sources.push({ post, chapters, titles, size });
    }
    let r = 0;
    let all = 0;
    for (let k = 0; k < sources.length; k++) {
      all += sources[k]!.size;
      if (sources[k]!.size < sources[r]!.size) r = k;
    }
    // A lookup by galloping costs about as much as ten steps of a plain pass: atoms of similar size are
    // intersected by counting over all their sources instead.
    if (all < sources[r]!.size * (sources.length - 1) * 10) return termRouteByCounts(seg, sources, s, this.scratch.count(seg.articleCount), touched);
    const rarest = sources[r]!;
    const others = sources.filter((_, k) => k !== r);
    const O = others.length;
    const otherDocs = others.map((x) => (x.post ? x.post.docs : null));
    const otherTitles = others.map((x) => (x.titles ? marksOf(seg.docs.length, x.titles) : null));
    const otherChapters = others.map((x) => (x.chapters ? marksOf(seg.chapters.length, x.chapters) : null));
    const at = new Int32Array(O);
    const mark = (d: number): void => {
      if (s[d] !== 0) return;
      for (let o = 0; o < O; o++) {
        const docs = otherDocs[o];
        if (docs) {
          const i = seek(docs, at[o]!, d);
          at[o] = i;
          if (i < docs.length && docs[i] === d) continue;
        }
        if (otherTitles[o]?.[seg.articleDoc[d]!] === 1) continue;
        const c = seg.articleChapter[d]!;
        if (c >= 0 && otherChapters[o]?.[c] === 1) continue;
        return;
      }
      s[d] = 1;
      touched.push(d);
    };
    // Each source ascends: the cursors go back to the start between sources (and between chapters, whose
    // articles interleave with other chapters').
    if (rarest.post) {
      const docs = rarest.post.docs;
      for (let i = 0; i < docs.length; i++) mark(docs[i]!);
    }
    if (rarest.titles) {
      at.fill(0);
      for (let i = 0; i < rarest.titles.length; i += 2) {
        const doc = seg.docs[rarest.titles[i]!]!;
        for (let d = doc.start; d < doc.start + doc.count; d++) mark(d);
      }
    }
    if (rarest.chapters) {
      const ca = seg.chapterArticles;
      for (let i = 0; i < rarest.chapters.length; i += 2) {
        const c = rarest.chapters[i]!;
        at.fill(0);
        for (let p = seg.chapterStart[c]!, end = seg.chapterStart[c + 1]!; p < end; p++) mark(ca[p]!);
      }
    }
  }

  /**
   * Marks the articles that write the word: certain (2) where the word is one bigram, (4) through a
   * document title or (5) a chapter title that writes it; to be checked (3) where they hold all its bigrams,
   * or — a word without bigrams — every candidate so far (`list`; every allowed article for a first word).
   */
  private literalRoute(e: SegEntry, w: QueryWord, s: Uint8Array, touched: Touched, list: Uint32Array | null, allowed: Uint8Array, postingsOf: (term: string) => Postings | null): void {
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
    const lists = this.literalLists(seg, w, postingsOf);
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
    // The shortest list, each article not yet marked looked up in the others (galloping: no pass over the
    // long lists of common bigrams).
    const others = lists.slice(1);
    const at = new Int32Array(others.length);
    for (let i = 0; i < first.length; i++) {
      const d = first[i]!;
      if (s[d] === 0 && inAll(others, at, d)) {
        s[d] = v;
        touched.push(d);
      }
    }
  }

  /**
   * The lists whose intersection holds the articles the literal route of `w` must look at, shortest first
   * (null: a bigram absent from the segment, so no article writes the word).
   *
   * Where a bigram spells a two-character term that exactly the articles writing it hold (its document
   * frequency equals the bigram's: the term's postings are a subset of the bigram's list, so equal counts
   * mean equal lists — true of most words), the term's postings serve, when in memory: the bigram list is
   * not read. And a two-character word whose only atom is itself is found by the term route wherever its
   * postings hold it: its literal route needs only the articles writing it that the postings miss.
   */
  private literalLists(seg: Segment, w: Pick<QueryWord, 'literal' | 'bigrams' | 'atoms' | 'phrase'>, postingsOf: (term: string) => Postings | null): Uint32Array[] | null {
    if (ownBigram(w)) {
      const key = w.bigrams[0]!;
      const inBigrams = seg.bigramDf(key);
      if (inBigrams === 0) return null;
      const post = postingsOf(w.literal);
      if (!post) {
        const all = seg.bigramDocs(key);
        return all ? [all] : null;
      }
      return [post.docs.length === inBigrams ? EMPTY : seg.bigramExtra(key, post.docs)];
    }
    const lists: Uint32Array[] = [];
    for (const key of w.bigrams) {
      const term = String.fromCharCode(key >>> 16, key & 0xffff);
      const id = isCommonHan(term) ? seg.termId(term) : undefined;
      let l: Uint32Array | null;
      if (id !== undefined && seg.df(id) === seg.bigramDf(key) && seg.hasPostings(id)) l = postingsOf(term)!.docs;
      else l = seg.bigramDocs(key);
      if (!l) return null;
      lists.push(l);
    }
    return lists.sort((a, b) => a.length - b.length);
  }

  private hit(ref: DocRef, d: number, score: number, plan: QueryPlan, current: boolean, texts: TextCache): SearchHit {
    const a = texts.article(ref.entry, d);
    const full = texts.get(ref.entry, d);
    // Highlight a word whole; its parts only where the article never writes it whole ("预留…份额"), so
    // that 政府 is not marked in every 人民政府 when the article speaks of 政府采购. (Literals and atoms are
    // in match form already.)
    const has = (t: string): boolean => full.includes(t);
    const groups: NeedleGroup[] = plan.words.map((w) => (w.phrase || has(w.literal) ? { whole: [w.literal], parts: [] } : { whole: [], parts: w.atoms.filter(has) }));
    // The stored text is the heading line, then one line per 款: its lines after the first are the 款 in match form.
    const snippet = makeSnippet(a.paragraphs, groups, undefined, full.split('\n').slice(1));
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
    touchedDocs: readonly number[],
    perDoc: PerDoc,
    found: Candidates,
    docs: DocRef[],
    status: DocStatus[],
    tables: DocTables,
    o: { groupLimit: number; groupHits: number; byDate: boolean; latestFirst: boolean },
    hitOf: (k: number) => SearchHit,
  ): { groups: SearchGroup[]; totalGroups: number } {
    const bestOf = (g: number): number[] => Array.from(perDoc.best.subarray(g * BEST_PER_VERSION, g * BEST_PER_VERSION + perDoc.count[g]!));
    // Laws in the order their first version was found; per law the three best scores of its versions.
    const workAt = this.scratch.workSlots(tables.works);
    const works: number[] = [];
    const top3 = this.scratch.top3(tables.works * 3);
    for (let t = 0; t < touchedDocs.length; t++) {
      const g = touchedDocs[t]!;
      const w = tables.work[g]!;
      let at = workAt[w]!;
      if (at < 0) {
        at = workAt[w] = works.length;
        works.push(w);
        top3[at * 3] = top3[at * 3 + 1] = top3[at * 3 + 2] = -Infinity;
      }
      for (let i = 0; i < perDoc.count[g]!; i++) {
        const s = found.score[perDoc.best[g * BEST_PER_VERSION + i]!]!;
        const base = at * 3;
        if (s <= top3[base + 2]!) break; // a version's best are in descending order
        let j = 2;
        while (j > 0 && top3[base + j - 1]! < s) {
          top3[base + j] = top3[base + j - 1]!;
          j--;
        }
        top3[base + j] = s;
      }
    }
    const scores = new Float64Array(works.length);
    for (let at = 0; at < works.length; at++) {
      const a = top3[at * 3]!;
      const b = top3[at * 3 + 1]!;
      const c = top3[at * 3 + 2]!;
      scores[at] = (a === -Infinity ? 0 : a) + 0.3 * (b === -Infinity ? 0 : b) + 0.15 * (c === -Infinity ? 0 : c);
    }
    // Latest first: the current version before superseded ones, then by date, then by version number.
    const versionCmp = (a: number, b: number): number => {
      const da = docs[a]!.meta.date ?? '';
      const db = docs[b]!.meta.date ?? '';
      if (status[a]!.current !== status[b]!.current) return status[a]!.current ? -1 : 1;
      return da < db ? 1 : da > db ? -1 : docs[b]!.meta.version - docs[a]!.meta.version;
    };
    // The date a law sorts by: its first version in that order (only needed to sort by date).
    const workDate: string[] = [];
    if (o.byDate) {
      const first: number[] = new Array<number>(works.length).fill(-1);
      for (let t = 0; t < touchedDocs.length; t++) {
        const g = touchedDocs[t]!;
        const at = workAt[tables.work[g]!]!;
        if (first[at] === -1 || versionCmp(g, first[at]!) < 0) first[at] = g;
      }
      for (let at = 0; at < works.length; at++) workDate.push(docs[first[at]!]!.meta.date ?? '');
    }
    const groupCmp = (a: number, b: number): number =>
      o.byDate && workDate[a] !== workDate[b] ? (workDate[a]! < workDate[b]! ? 1 : -1) : scores[b]! > scores[a]! ? 1 : scores[b]! < scores[a]! ? -1 : 0;
    // The first groupLimit only (thousands of laws may match a broad query): select, then sort those.
    const shown: number[] = [];
    for (let at = 0; at < works.length; at++) {
      if (shown.length < o.groupLimit) shown.push(at);
      else if (o.groupLimit > 0 && groupCmp(at, shown[shown.length - 1]!) < 0) shown[shown.length - 1] = at;
      else continue;
      for (let i = shown.length - 1; i > 0 && groupCmp(shown[i]!, shown[i - 1]!) < 0; i--) {
        const t = shown[i]!;
        shown[i] = shown[i - 1]!;
        shown[i - 1] = t;
      }
    }
    // The versions of the laws shown, in the order found, then latest first (a stable sort).
    const versionsOf = new Map<number, number[]>(shown.map((at) => [at, []]));
    for (const g of touchedDocs) versionsOf.get(workAt[tables.work[g]!]!)?.push(g);
    const groups = shown.map((at): SearchGroup => {
      const versions = versionsOf.get(at)!.sort(versionCmp);
      const shownVersion = o.latestFirst ? versions[0]! : versions.reduce((a, b) => (found.score[perDoc.best[b * BEST_PER_VERSION]!]! > found.score[perDoc.best[a * BEST_PER_VERSION]!]! ? b : a));
      const picks = bestOf(shownVersion);
      const others: number[] = [];
      for (const g of versions) if (g !== shownVersion) for (const k of bestOf(g)) insertBest(others, k, found.score, o.groupHits);
      const chosen = [...picks, ...others].slice(0, o.groupHits);
      const meta = docs[shownVersion]!.meta;
      return {
        work: status[shownVersion]!.work,
        doc: meta.doc,
        version: meta.version,
        title: meta.title,
        kind: meta.kind,
        jurisdiction: meta.jurisdiction,
        date: meta.date ?? null,
        score: Math.round(scores[at]! * 1000) / 1000,
        total: versions.reduce((t, g) => t + perDoc.total[g]!, 0),
        versions: versions.map((g) => ({
          doc: docs[g]!.meta.doc,
          version: docs[g]!.meta.version,
          title: docs[g]!.meta.title,
          versionLabel: docs[g]!.meta.versionLabel,
          date: docs[g]!.meta.date ?? null,
          current: status[g]!.current,
          total: perDoc.total[g]!,
        })),
        hits: chosen.map(hitOf),
      };
    });
    for (let i = 0; i < works.length; i++) workAt[works[i]!] = -1;
    return { groups, totalGroups: works.length };
  }
}

// ---- the hot loops of a search, each a small function of typed arrays (V8 compiles each on its own and
// early, instead of recompiling one long function as each of its paths is first reached) ----

/** Articles d < n marked (s[d] ≠ 0) whose document is allowed, in order, into `out`; answers how many. */
function collectMarked(s: Uint8Array, allowed: Uint8Array, articleDoc: Uint32Array, n: number, out: Uint32Array): number {
  // Without branches (marks are as likely as not: a branch here is mispredicted half the time):
  // −s[d] >>> 31 is 1 for a mark, 0 otherwise; allowed[…] is 0 or 1.
  let m = 0;
  for (let d = 0; d < n; d++) {
    out[m] = d;
    m += (-s[d]! >>> 31) & allowed[articleDoc[d]!]!;
  }
  return m;
}

const EMPTY = new Uint32Array(0);

/**
 * termRoute by counting: count[d] = how many atoms so far article d holds; each source raises it only from
 * k to k + 1, so an atom found in two fields counts once; the last atom's sources mark the complete ones.
 */
function termRouteByCounts(
  seg: Segment,
  sources: Array<{ post: Postings | null; chapters: number[] | undefined; titles: number[] | undefined }>,
  s: Uint8Array,
  count: Uint8Array,
  touched: Touched,
): void {
  const need = sources.length;
  for (let k = 0; k < need; k++) {
    const { post, chapters, titles } = sources[k]!;
    const next = k + 1;
    const last = next === need;
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
    if (titles) {
      for (let i = 0; i < titles.length; i += 2) {
        const doc = seg.docs[titles[i]!]!;
        for (let d = doc.start; d < doc.start + doc.count; d++) {
          if (count[d] !== k) continue;
          count[d] = next;
          if (last && s[d] === 0) {
            s[d] = 1;
            touched.push(d);
          }
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

/** Characters of the common CJK block only (4E00–9FFF): what the analysis keeps whole as a Han term. */
function isCommonHan(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return t.length > 0;
}

/** A two-character word typed without quotes whose only atom is itself: it is its own bigram and term. */
function ownBigram(w: Pick<QueryWord, 'literal' | 'bigrams' | 'atoms' | 'phrase'>): boolean {
  return !w.phrase && w.literal.length === 2 && w.bigrams.length === 1 && w.atoms.length === 1 && w.atoms[0] === w.literal && isCommonHan(w.literal);
}

/** Keeps in place the articles marked (s[d] ≠ 0); answers how many. */
function keepMarked(list: Uint32Array, s: Uint8Array): number {
  let m = 0;
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    list[m] = d;
    m += -s[d]! >>> 31;
  }
  return m;
}

/** Keeps in place the articles whose document is allowed; answers how many. */
function keepAllowed(list: Uint32Array, allowed: Uint8Array, articleDoc: Uint32Array): number {
  let m = 0;
  for (let i = 0; i < list.length; i++) if (allowed[articleDoc[list[i]!]!] === 1) list[m++] = list[i]!;
  return m;
}

/** BM25's length normalisation of a field. */
function norm(len: number, b: number, average: number): number {
  return 1 - b + b * (len / average);
}

function lengthNorms(list: Uint32Array, textLen: Uint16Array, headLen: Uint16Array, avgText: number, avgHead: number, normText: Float64Array, normHead: Float64Array): void {
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    normText[i] = norm(textLen[d]!, FIELD_B.text, avgText);
    normHead[i] = norm(headLen[d]!, FIELD_B.head, avgHead);
  }
}

function fieldNorms(lengths: Uint32Array, b: number, average: number, out: Float64Array): void {
  for (let i = 0; i < lengths.length; i++) out[i] = norm(lengths[i]!, b, average);
}

/**
 * Checks the candidates some word must be found in literally (state 3): kept where every such word is
 * written in heading or text (state 2 then, occurrences in `counts`); answers how many are kept.
 */
function literalChecks(list: Uint32Array, state: Uint8Array[], words: readonly QueryWord[], counts: Map<number, [number, number]>, n: number, text: (d: number) => string): number {
  const W = words.length;
  let m = 0;
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    let ok = true;
    for (let k = 0; k < W && ok; k++) {
      if (state[k]![d] !== 3) continue;
      const t = text(d);
      const headEnd = t.indexOf('\n');
      const literal = words[k]!.literal;
      const inText = countOf(headEnd >= 0 ? t.slice(headEnd + 1) : t, literal);
      const inHead = headEnd > 0 ? countOf(t.slice(0, headEnd), literal) : 0;
      if (inText + inHead === 0) ok = false;
      else {
        counts.set(k * n + d, [inText, inHead]);
        state[k]![d] = 2;
      }
    }
    if (ok) list[m++] = d;
  }
  return m;
}

/** Adds one index term's BM25F score to each candidate holding it (in text, heading, chapter or title). */
function scoreTerm(
  list: Uint32Array,
  post: Postings | null,
  chapterTf: Uint16Array,
  titleTf: Uint16Array,
  articleChapter: Int32Array,
  articleDoc: Uint32Array,
  normText: Float64Array,
  normHead: Float64Array,
  chapterNorm: Float64Array,
  titleNorm: Float64Array,
  factor: number,
  scores: Float64Array,
): void {
  const docs = post ? post.docs : null;
  let j = 0;
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    let tf = 0;
    let th = 0;
    if (docs !== null) {
      // Postings ascend like the candidates: gallop when far behind.
      j = seek(docs, j, d);
      if (j < docs.length && docs[j] === d) {
        tf = post!.tf[j]!;
        th = post!.head[j]!;
      }
    }
    const c = articleChapter[d]!;
    const tc = c >= 0 ? chapterTf[c]! : 0;
    const docIdx = articleDoc[d]!;
    const tt = titleTf[docIdx]!;
    if (tf + th + tc + tt === 0) continue;
    const x =
      (tf ? (FIELD_WEIGHTS.text * tf) / normText[i]! : 0) +
      (th ? (FIELD_WEIGHTS.head * th) / normHead[i]! : 0) +
      (tc ? (FIELD_WEIGHTS.chapter * tc) / chapterNorm[c]! : 0) +
      (tt ? (FIELD_WEIGHTS.title * tt) / titleNorm[docIdx]! : 0);
    scores[i]! += (factor * ((K1 + 1) * x)) / (K1 + x);
  }
}

/** Adds a word's score to the candidates that match it only literally (state ≥ 2), from how often they write it. */
function scoreLiteral(
  list: Uint32Array,
  s: Uint8Array,
  key: number,
  counts: Map<number, [number, number]>,
  articleChapter: Int32Array,
  articleDoc: Uint32Array,
  normText: Float64Array,
  normHead: Float64Array,
  chapterNorm: Float64Array,
  titleNorm: Float64Array,
  lidf: number,
  scores: Float64Array,
): void {
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const st = s[d]!;
    if (st < 2) continue;
    let x: number;
    if (st === 4) x = FIELD_WEIGHTS.title / titleNorm[articleDoc[d]!]!;
    else if (st === 5) x = FIELD_WEIGHTS.chapter / chapterNorm[articleChapter[d]!]!;
    else {
      // Counted where checked; a two-character word found through its bigram counts once.
      const c = counts.size > 0 ? counts.get(key + d) : undefined;
      const inText = c ? c[0] : 1;
      const inHead = c ? c[1] : 0;
      x = (FIELD_WEIGHTS.text * inText) / normText[i]! + (inHead ? (FIELD_WEIGHTS.head * inHead) / normHead[i]! : 0);
    }
    scores[i]! += (lidf * ((K1 + 1) * x)) / (K1 + x);
  }
}

/** narrow()'s loop: the state of each candidate for one word (0: dropped); answers how many are kept. */
function narrowList(
  list: Uint32Array,
  s: Uint8Array,
  articleDoc: Uint32Array,
  articleChapter: Int32Array,
  atomDocs: Array<Uint32Array | null>,
  atomAt: Int32Array,
  atomTitles: Array<Uint8Array | null>,
  atomChapters: Array<Uint8Array | null>,
  titleHit: Uint8Array,
  chapterHit: Uint8Array,
  checkAll: boolean,
  lists: Uint32Array[] | null,
  listAt: Int32Array,
  v: number,
): number {
  const A = atomDocs.length;
  let m = 0;
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const doc = articleDoc[d]!;
    const c = articleChapter[d]!;
    let st = 0;
    if (A > 0) {
      let all = true;
      for (let a = 0; a < A && all; a++) {
        let has = false;
        const docs = atomDocs[a];
        if (docs) {
          const at = seek(docs, atomAt[a]!, d);
          atomAt[a] = at;
          has = at < docs.length && docs[at] === d;
        }
        if (!has) has = (atomTitles[a]?.[doc] ?? 0) === 1 || (c >= 0 && (atomChapters[a]?.[c] ?? 0) === 1);
        all = has;
      }
      if (all) st = 1;
    }
    if (st === 0 && titleHit[doc] === 1) st = 4;
    if (st === 0 && c >= 0 && chapterHit[c] === 1) st = 5;
    if (st === 0) {
      if (checkAll) st = 3;
      else if (lists && inAll(lists, listAt, d)) st = v;
    }
    if (st !== 0) {
      s[d] = st;
      list[m++] = d;
    }
  }
  return m;
}

/**
 * Per document version: its matching articles and the best BEST_PER_VERSION (indices into `found`), and
 * the versions in the order found. A version's candidates are consecutive (one segment, article order).
 */
function aggregate(found: Candidates, perDoc: PerDoc, touchedDocs: number[]): void {
  let pg = -1;
  for (let k = 0; k < found.length; k++) {
    const g = found.doc[k]!;
    if (g !== pg) {
      pg = g;
      if (perDoc.total[g] === 0) touchedDocs.push(g);
    }
    perDoc.total[g]!++;
    insertBestAt(perDoc.best, g * BEST_PER_VERSION, perDoc.count, g, k, found.score, BEST_PER_VERSION);
  }
}

function pushFound(list: Uint32Array, scores: Float64Array, articleDoc: Uint32Array, docIndex: Int32Array, weight: Float64Array, found: Candidates): void {
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const doc = articleDoc[d]!;
    found.push(docIndex[doc]!, d, scores[i]! * weight[doc]!);
  }
}

/** The first index ≥ `from` whose value is ≥ `target` (a.length if none): galloping, then binary search. */
export function seek(a: Uint32Array, from: number, target: number): number {
  if (from >= a.length || a[from]! >= target) return from;
  // Near (lists of similar density): a few steps; far: galloping.
  const near = Math.min(a.length, from + 4);
  for (let i = from + 1; i < near; i++) if (a[i]! >= target) return i;
  // a[lo] < target throughout.
  let lo = near - 1;
  let step = 1;
  while (lo + step < a.length && a[lo + step]! < target) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(a.length, lo + step);
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether every (ascending) list holds `d`; `at` keeps each list's cursor for the next, larger `d`. */
function inAll(lists: readonly Uint32Array[], at: Int32Array, d: number): boolean {
  for (let k = 0; k < lists.length; k++) {
    const l = lists[k]!;
    const i = seek(l, at[k]!, d);
    at[k] = i;
    if (i >= l.length || l[i] !== d) return false;
  }
  return true;
}

/** 1 at each id of an inverted title or chapter entry ([id, tf, id, tf, …]). */
function marksOf(size: number, entry: readonly number[]): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < entry.length; i += 2) out[entry[i]!] = 1;
  return out;
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
  if (best.length < k) best.push(i);
  for (let j = best.length - 1; j > at; j--) best[j] = best[j - 1]!;
  best[at] = i;
}

/** insertBest into a fixed slot of a typed array: `best[base …]` holding `count[slot]` indices. */
function insertBestAt(best: Int32Array, base: number, count: Uint8Array, slot: number, i: number, score: Float64Array, k: number): void {
  const n = count[slot]!;
  const s = score[i]!;
  if (n >= k && score[best[base + n - 1]!]! >= s) return;
  let at = n;
  while (at > 0 && score[best[base + at - 1]!]! < s) at--;
  for (let j = Math.min(n, k - 1); j > at; j--) best[base + j] = best[base + j - 1]!;
  best[base + at] = i;
  count[slot] = Math.min(n + 1, k);
}

/** Indices of the `k` best entries (a bounded heap), in order. */
function topIndices(score: Float64Array, length: number, k: number, cmp: (a: number, b: number) => number = (a, b) => (score[b]! > score[a]! ? 1 : score[b]! < score[a]! ? -1 : a - b)): number[] {
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
        const t = heap[c]!;
        heap[c] = heap[p]!;
        heap[p] = t;
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
        const t = heap[c]!;
        heap[c] = heap[m]!;
        heap[m] = t;
        c = m;
      }
    }
  }
  return heap.sort(cmp);
}

function facetsOf(touchedDocs: readonly number[], total: Int32Array, tables: DocTables, status: DocStatus[]): SearchFacets {
  const [j, kind, year] = tables.facets.map((f) => {
    const counts = new Float64Array(f.values.length);
    for (let t = 0; t < touchedDocs.length; t++) counts[f.id[touchedDocs[t]!]!]! += total[touchedDocs[t]!]!;
    const out: FacetCount[] = [];
    f.values.forEach((value, i) => {
      if (counts[i]! > 0) out.push({ value, count: counts[i]! });
    });
    return out;
  }) as [FacetCount[], FacetCount[], FacetCount[]];
  let current = 0;
  let historical = 0;
  for (let t = 0; t < touchedDocs.length; t++) {
    const g = touchedDocs[t]!;
    if (status[g]!.current) current += total[g]!;
    else historical += total[g]!;
  }
  const byCount = (list: FacetCount[]): FacetCount[] => list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return {
    jurisdiction: byCount(j),
    kind: byCount(kind),
    year: year.sort((a, b) => (a.value === '未注明' ? 1 : b.value === '未注明' ? -1 : a.value < b.value ? 1 : -1)),
    status: [
      ...(current > 0 ? [{ value: 'current' as const, count: current }] : []),
      ...(historical > 0 ? [{ value: 'historical' as const, count: historical }] : []),
    ],
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
  private scoreArray = new Float64Array(0);
  private chapterTfArray = new Uint16Array(0);
  private titleTfArray = new Uint16Array(0);
  private touchedList = new Touched();

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

  private countArray = new Uint8Array(0);
  count(n: number): Uint8Array {
    this.countArray = Scratch.sized(this.countArray, n, (m) => new Uint8Array(m));
    return this.countArray;
  }

  touched(active: boolean): Touched {
    this.touchedList.length = 0;
    this.touchedList.active = active;
    return this.touchedList;
  }

  chapterTf(n: number): Uint16Array {
    this.chapterTfArray = Scratch.sized(this.chapterTfArray, n, (m) => new Uint16Array(m));
    return this.chapterTfArray;
  }

  titleTf(n: number): Uint16Array {
    this.titleTfArray = Scratch.sized(this.titleTfArray, n, (m) => new Uint16Array(m));
    return this.titleTfArray;
  }

  private normArrays = [0, 1, 2, 3, 4].map(() => new Float64Array(0));
  /** A work array of n numbers, every one of which the caller writes (not cleared). */
  norms(which: number, n: number): Float64Array {
    if (this.normArrays[which]!.length < n) this.normArrays[which] = new Float64Array(Math.max(n, this.normArrays[which]!.length * 2));
    return this.normArrays[which]!;
  }

  private perDocArrays: PerDoc = { total: new Int32Array(0), best: new Int32Array(0), count: new Uint8Array(0) };
  /** Per-version work arrays of `d` versions, zero (a search sets back to zero what it used). */
  perDoc(d: number): PerDoc {
    if (this.perDocArrays.total.length < d) {
      const size = Math.max(d, this.perDocArrays.total.length * 2);
      this.perDocArrays = { total: new Int32Array(size), best: new Int32Array(size * BEST_PER_VERSION), count: new Uint8Array(size) };
    }
    return this.perDocArrays;
  }

  private top3Array = new Float64Array(0);
  /** Three best scores per law (written before read: not cleared). */
  top3(n: number): Float64Array {
    if (this.top3Array.length < n) this.top3Array = new Float64Array(Math.max(n, this.top3Array.length * 2));
    return this.top3Array;
  }

  private workSlotArray = new Int32Array(0);
  /** Per law: its place in a search's list of laws, −1 (a search sets back to −1 what it used). */
  workSlots(n: number): Int32Array {
    if (this.workSlotArray.length < n) this.workSlotArray = new Int32Array(Math.max(n, this.workSlotArray.length * 2)).fill(-1);
    return this.workSlotArray;
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

/**
 * The year a version is counted under, by the 年份 facet and the `years` filter alike (so that choosing a
 * facet value finds exactly the articles it counts): the year of the date the version is known by
 * (ShardMeta.date); null when the document states no date. Not any year the document mentions: a law
 * adopted in 1999 and amended in 2017 is the 2017 text, and would otherwise be counted under 2017 and found
 * under 1999 and 2009 as well.
 */
export function versionYear(meta: Pick<ShardMeta, 'date'>): number | null {
  const m = meta.date ? /^(\d{4})/.exec(meta.date) : null;
  return m ? Number(m[1]) : null;
}

export function passes(meta: ShardMeta, f: SearchFilters, current = true): boolean {
  if (f.docs && !f.docs.some((d) => d === meta.doc || d === meta.id)) return false;
  if (f.jurisdictions && !f.jurisdictions.some((j) => loose(meta.jurisdiction, j))) return false;
  if (f.kinds && !f.kinds.some((k) => loose(meta.kind, k))) return false;
  if (f.stages && !f.stages.some((s) => loose(meta.stage, s))) return false;
  if (f.years) {
    const year = versionYear(meta);
    if (year === null || !f.years.includes(year)) return false;
  }
  if (f.status && !f.status.includes(current ? 'current' : 'historical')) return false;
  return true;
}
