/**
 * A segment: the index of many document versions at once (up to SEGMENT_ARTICLES articles), with its own
 * sorted term dictionary. The library's index is a list of segments — the corpus in a few large ones, each
 * later import in a small one — over which search.ts keeps corpus-wide statistics.
 *
 * Why segments and not one shard per document (the format before): BM25 needs document frequencies and
 * field lengths over the whole library, and a query must not open thousands of files. A segment holds
 * raw counts (term frequency per field, field lengths), never scores, so a document added or removed
 * elsewhere changes the statistics without rewriting any segment.
 *
 * What a segment holds, per article:
 *  - word postings: for each index term (the segmenter's search-mode words), the articles that hold it in
 *    their text or heading, with the two term frequencies;
 *  - bigram postings: for each pair of adjacent Han characters, the articles whose heading or text write
 *    it (the recall layer: see analyse.ts bigramKeys);
 *  - its text (heading, paragraphs) for snippets, literal checks and proximity;
 *  - its chapter (chapter titles are kept once per distinct title, with their terms) and its document
 *    (title terms).
 *
 * On disk (all numbers little-endian):
 *   "DZG4" | u32 header bytes | header JSON | pad 8 | sections, each padded to 8 bytes:
 *   articleChapter i32[n] | textLen u16[n] | headLen u16[n] | termStart u32[T+1] | bigramKey u32[B] |
 *   bigramStart u32[B+1] | articleOffset f64[n+1] | metaOffset f64[n+1] | fold u8[n] | postDoc u32[P] |
 *   bigramDoc u32[PB] | postTf u8[P] | postHead u8[P] | articles | metas
 * An article is stored as its plain text (heading, then each 款, on lines of their own: what literal checks,
 * proximity and snippets read, without parsing anything) and a small JSON of its label and numbers;
 * `fold` marks the texts that normaliseForMatch changes (Latin letters, digits, half-width brackets).
 * Opening reads the header and the arrays before postDoc (tens of MB for a million articles); postings and
 * article texts are read from the ByteSource when a query needs them, so a large index is not held in
 * memory and opens in a fraction of a second.
 */
import type { Segmenter } from '../segment';
import { analyse, normaliseForMatch } from './analyse';
import type { IndexedArticle, ShardMeta, ShardSource } from './types';

export const SEGMENT_FORMAT = 4;
const MAGIC = 0x3447_5a44; // "DZG4" little-endian
/** Bytes of postings a segment keeps in memory between queries (the rest is read again from its source). */
export const CACHE_BYTES = 24 * 1024 * 1024;
/** Articles per segment built in one go: bounds the builder's memory (about 1 GB at this size). */
export const SEGMENT_ARTICLES = 131_072;

/** Bytes of a serialised index, read piecewise: a file (services/search-cache) or memory (tests). */
export interface ByteSource {
  readonly byteLength: number;
  read(offset: number, length: number): Uint8Array;
  /** UTF-8 text at offset (optional: a source that can decode faster than TextDecoder). */
  readText?(offset: number, length: number): string;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return { byteLength: bytes.byteLength, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

export function articleText(a: Pick<IndexedArticle, 'paragraphs'>): string {
  return a.paragraphs.join('\n');
}

/** Heading and text as literal checks, bigrams and proximity see them (match form, heading first). */
export function matchText(a: Pick<IndexedArticle, 'heading' | 'paragraphs'>): string {
  return normaliseForMatch((a.heading ?? '') + '\n' + articleText(a));
}

/** Terms of text that repeats across articles (chapter and document titles): segmented once. */
export class TermMemo {
  private readonly memo = new Map<string, string[]>();
  constructor(private readonly segmenter: Segmenter) {}
  terms(text: string | null): string[] {
    if (!text) return [];
    let t = this.memo.get(text);
    if (!t) {
      t = analyse(this.segmenter, text);
      this.memo.set(text, t);
    }
    return t;
  }
}

/** A document version ready to go into a segment: its articles with their heading and text terms. */
export interface AnalysedSource {
  source: ShardSource;
  /** Per article: [heading terms, text terms]. */
  fields: Array<[string[], string[]]>;
  titleTerms: string[];
  /** Terms of each chapter title the articles name. */
  chapterTerms: Map<string, string[]>;
}

export function analyseSource(segmenter: Segmenter, source: ShardSource, memo = new TermMemo(segmenter)): AnalysedSource {
  const chapterTerms = new Map<string, string[]>();
  for (const a of source.articles) if (a.chapter && !chapterTerms.has(a.chapter)) chapterTerms.set(a.chapter, memo.terms(a.chapter));
  return {
    source,
    fields: source.articles.map((a) => [memo.terms(a.heading), analyse(segmenter, articleText(a))]),
    titleTerms: memo.terms(source.title),
    chapterTerms,
  };
}

/** One document version in a segment: its articles are positions start … start + count − 1. */
export interface SegmentDoc {
  meta: ShardMeta;
  start: number;
  count: number;
  titleTerms: string[];
}

export interface SegmentChapter {
  title: string;
  terms: string[];
}

/** Sums over a segment's articles, for average field lengths. */
export interface FieldTotals {
  articles: number;
  text: number;
  head: number;
  chapter: number;
  title: number;
}

export interface Postings {
  docs: Uint32Array;
  tf: Uint8Array;
  head: Uint8Array;
}

interface Header {
  format: number;
  docs: SegmentDoc[];
  chapters: SegmentChapter[];
  terms: string[];
  bigrams: number;
  postings: number;
  bigramPostings: number;
  articleBytes: number;
  metaBytes: number;
  totals: FieldTotals;
  sections: Record<SectionName, number>;
}

const SECTIONS = ['articleChapter', 'textLen', 'headLen', 'termStart', 'bigramKey', 'bigramStart', 'articleOffset', 'metaOffset', 'fold', 'postDoc', 'bigramDoc', 'postTf', 'postHead', 'articles', 'metas'] as const;
type SectionName = (typeof SECTIONS)[number];

/** The sections the builder holds whole before writing (the others it writes into the output in place). */
type Built = Exclude<SectionName, 'postDoc' | 'bigramDoc' | 'postTf' | 'postHead' | 'articles' | 'metas'>;
const isBuilt = (name: SectionName): name is Built => name !== 'postDoc' && name !== 'bigramDoc' && name !== 'postTf' && name !== 'postHead' && name !== 'articles' && name !== 'metas';

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

export class CorruptSegmentError extends Error {}

export class Segment {
  /** Document index of each article. */
  readonly articleDoc: Uint32Array;
  /** Articles of chapter c: chapterArticles[chapterStart[c] … chapterStart[c + 1]) (ascending). */
  readonly chapterStart: Uint32Array;
  readonly chapterArticles: Uint32Array;
  /** Title term → [document index, tf, …]; chapter term → [chapter index, tf, …]. */
  readonly titleIndex = new Map<string, number[]>();
  readonly chapterIndex = new Map<string, number[]>();
  private readonly decoded = new Map<number, IndexedArticle>();
  /**
   * Recently read postings and bigram lists, up to CACHE_BYTES per segment: the common terms of a library
   * come back in most queries, and reading them again costs a copy and garbage to collect.
   */
  private readonly cache = new Map<string, { value: Postings | Uint32Array; bytes: number }>();
  private cachedBytes = 0;
  // Not fatal: faster, and a damaged text still fails JSON.parse or the shape check below.
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    readonly docs: SegmentDoc[],
    readonly chapters: SegmentChapter[],
    readonly terms: string[],
    readonly totals: FieldTotals,
    readonly articleChapter: Int32Array,
    readonly textLen: Uint16Array,
    readonly headLen: Uint16Array,
    readonly termStart: Uint32Array,
    readonly bigramKey: Uint32Array,
    readonly bigramStart: Uint32Array,
    readonly articleOffset: Float64Array,
    readonly metaOffset: Float64Array,
    readonly fold: Uint8Array,
    private readonly source: ByteSource,
    private readonly at: Record<SectionName, number>,
  ) {
    this.articleDoc = new Uint32Array(articleChapter.length);
    docs.forEach((d, i) => this.articleDoc.fill(i, d.start, d.start + d.count));
    this.chapterStart = new Uint32Array(chapters.length + 1);
    for (let a = 0; a < articleChapter.length; a++) if (articleChapter[a]! >= 0) this.chapterStart[articleChapter[a]! + 1]!++;
    for (let c = 0; c < chapters.length; c++) this.chapterStart[c + 1]! += this.chapterStart[c]!;
    this.chapterArticles = new Uint32Array(this.chapterStart[chapters.length]!);
    const fill = this.chapterStart.slice(0, chapters.length);
    for (let a = 0; a < articleChapter.length; a++) if (articleChapter[a]! >= 0) this.chapterArticles[fill[articleChapter[a]!]!++] = a;
    const invert = (into: Map<string, number[]>, terms: string[], id: number): void => {
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, c] of counts) {
        let list = into.get(t);
        if (!list) into.set(t, (list = []));
        list.push(id, c);
      }
    };
    docs.forEach((d, i) => invert(this.titleIndex, d.titleTerms, i));
    chapters.forEach((c, i) => invert(this.chapterIndex, c.terms, i));
  }

  get articleCount(): number {
    return this.articleChapter.length;
  }

  /** The term's id: binary search of the sorted dictionary (no per-term objects to build on open). */
  termId(term: string): number | undefined {
    const terms = this.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < terms.length && terms[lo] === term ? lo : undefined;
  }

  /** Articles whose text or heading hold the term (its document frequency in this segment). */
  df(termId: number): number {
    return this.termStart[termId + 1]! - this.termStart[termId]!;
  }

  postings(termId: number): Postings {
    const key = `t${termId}`;
    const hit = this.cached(key);
    if (hit) return hit as Postings;
    const from = this.termStart[termId]!;
    const count = this.termStart[termId + 1]! - from;
    const value = {
      docs: u32(this.source.read(this.at.postDoc + from * 4, count * 4)),
      tf: this.source.read(this.at.postTf + from, count),
      head: this.source.read(this.at.postHead + from, count),
    };
    this.remember(key, value, count * 6);
    return value;
  }

  private cached(key: string): Postings | Uint32Array | undefined {
    const e = this.cache.get(key);
    if (!e) return undefined;
    // Most recently used last.
    this.cache.delete(key);
    this.cache.set(key, e);
    return e.value;
  }

  private remember(key: string, value: Postings | Uint32Array, bytes: number): void {
    if (bytes > CACHE_BYTES / 4) return;
    this.cache.set(key, { value, bytes });
    this.cachedBytes += bytes;
    for (const [k, e] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(k);
      this.cachedBytes -= e.bytes;
    }
  }

  /** Articles whose heading or text write the bigram (null: none in this segment). */
  bigramDocs(key: number): Uint32Array | null {
    let lo = 0;
    let hi = this.bigramKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bigramKey[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.bigramKey.length || this.bigramKey[lo] !== key) return null;
    const cacheKey = `b${key}`;
    const hit = this.cached(cacheKey);
    if (hit) return hit as Uint32Array;
    const from = this.bigramStart[lo]!;
    const count = this.bigramStart[lo + 1]! - from;
    const value = u32(this.source.read(this.at.bigramDoc + from * 4, count * 4));
    this.remember(cacheKey, value, count * 4);
    return value;
  }

  /** Whether the term's postings are in memory (reading them again costs nothing). */
  hasPostings(termId: number): boolean {
    return this.cache.has(`t${termId}`);
  }

  /**
   * The articles that write bigram `key` but are not in `postings` (ascending; the postings of the
   * two-character term the bigram spells, which only articles writing it hold): small, and kept in memory.
   */
  bigramExtra(key: number, postings: Uint32Array): Uint32Array {
    const cacheKey = `x${key}`;
    const hit = this.cached(cacheKey);
    if (hit) return hit as Uint32Array;
    let lo = 0;
    let hi = this.bigramKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bigramKey[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    let out = new Uint32Array(0);
    if (lo < this.bigramKey.length && this.bigramKey[lo] === key) {
      const from = this.bigramStart[lo]!;
      const count = this.bigramStart[lo + 1]! - from;
      const all = u32(this.source.read(this.at.bigramDoc + from * 4, count * 4));
      const extra: number[] = [];
      let j = 0;
      for (let i = 0; i < all.length; i++) {
        const d = all[i]!;
        while (j < postings.length && postings[j]! < d) j++;
        if (j >= postings.length || postings[j] !== d) extra.push(d);
      }
      out = Uint32Array.from(extra);
    }
    this.remember(cacheKey, out, out.length * 4 + 64);
    return out;
  }

  /** How many articles write the bigram (0 when none). */
  bigramDf(key: number): number {
    let lo = 0;
    let hi = this.bigramKey.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bigramKey[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.bigramKey.length || this.bigramKey[lo] !== key) return 0;
    return this.bigramStart[lo + 1]! - this.bigramStart[lo]!;
  }

  /** The plain text of article `i`: heading, then each 款, one per line. */
  plainText(i: number): string {
    const from = this.articleOffset[i]!;
    const at = this.at.articles + from;
    const length = this.articleOffset[i + 1]! - from;
    return this.source.readText ? this.source.readText(at, length) : this.decoder.decode(this.source.read(at, length));
  }

  /** Heading and text in match form (what matchText() gives for the article); `plain` if already read. */
  matchText(i: number, plain = this.plainText(i)): string {
    return this.fold[i] ? normaliseForMatch(plain) : plain;
  }

  /** Article `i` (decoded on first use and kept while few: a search decodes only what it shows or checks). */
  article(i: number, plain?: string): IndexedArticle {
    let a = this.decoded.get(i);
    if (a) return a;
    try {
      const from = this.metaOffset[i]!;
      const meta = JSON.parse(this.decoder.decode(this.source.read(this.at.metas + from, this.metaOffset[i + 1]! - from))) as StoredMeta;
      if (!meta || typeof meta.l !== 'string' || typeof meta.n !== 'number') throw new Error('shape');
      const [heading, ...paragraphs] = (plain ?? this.plainText(i)).split('\n');
      const c = this.articleChapter[i]!;
      a = { number: meta.n, label: meta.l, heading: meta.h ? heading! : null, chapter: c >= 0 ? this.chapters[c]!.title : null, paragraphs };
      if (meta.s !== undefined) a.sub = meta.s;
      if (meta.i !== undefined) a.id = meta.i;
    } catch {
      throw new CorruptSegmentError(`article ${i} unreadable`);
    }
    // A bounded memo: the same hits are shown and checked several times in one search.
    if (this.decoded.size >= 4096) this.decoded.clear();
    this.decoded.set(i, a);
    return a;
  }
}

/** An article's numbers as stored: n number, s sub, l label, i id, h has a heading. */
interface StoredMeta {
  n: number;
  s?: number;
  l: string;
  i?: string;
  h?: 1;
}

/** The stored plain text of an article (heading line, then the 款). 款 never hold a line break. */
export function plainText(a: Pick<IndexedArticle, 'heading' | 'paragraphs'>): string {
  return (a.heading ?? '') + '\n' + a.paragraphs.map((p) => p.replace(/[\r\n]+/g, ' ')).join('\n');
}

function u32(bytes: Uint8Array): Uint32Array {
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}

/** Growable typed array (the builder's flat tuple lists). */
class Grow {
  data: Uint32Array;
  length = 0;
  constructor(initial = 1 << 16) {
    this.data = new Uint32Array(initial);
  }
  push(x: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = x;
  }
  private grow(): void {
    const next = new Uint32Array(this.data.length * 2);
    next.set(this.data);
    this.data = next;
  }
}

/** Growable UTF-8 byte run (article texts, article metas): one buffer instead of a Buffer per article. */
class Utf8Run {
  data: Buffer = Buffer.allocUnsafe(1 << 20);
  length = 0;
  /** Appends the UTF-8 of `s` (the bytes Buffer.from(s, 'utf8') gives); answers the run's length after. */
  write(s: string): number {
    // At most 3 bytes per UTF-16 unit.
    if (this.length + s.length * 3 > this.data.length) this.grow(this.length + s.length * 3);
    this.length += this.data.write(s, this.length, 'utf8');
    return this.length;
  }
  private grow(atLeast: number): void {
    let size = this.data.length * 2;
    while (size < atLeast) size *= 2;
    const next = Buffer.allocUnsafe(size);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/**
 * Bigram key → id, open addressing over one Int32Array (slots of key, id + 1, last article that listed it):
 * a Map with 32-bit keys boxes most of them (keys ≥ 2³¹ are heap numbers) and cost most of a build, and the
 * last-article field dedupes an article's bigrams in the same cache line as the lookup.
 */
class BigramTable {
  // Small at first (a later import's segment holds a few thousand bigrams), doubled as it fills.
  private slots = new Int32Array(4 << 12);
  private shift = 20;
  private mask = (1 << 12) - 1;
  /** Keys by id, in first-seen order. */
  readonly keys = new Grow();

  get size(): number {
    return this.keys.length;
  }

  /** The bigram's id if article `n` has not listed it yet (it is now listed), else −1. */
  visit(key: number, n: number): number {
    const slots = this.slots;
    const k = key | 0;
    let s = Math.imul(k, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const at = s << 2;
      const id1 = slots[at + 1]!;
      if (id1 === 0) return this.insert(at, k, n);
      if (slots[at] === k) {
        if (slots[at + 2] === n) return -1;
        slots[at + 2] = n;
        return id1 - 1;
      }
      s = (s + 1) & this.mask;
    }
  }

  /** The id of a key the table holds. */
  id(key: number): number {
    const slots = this.slots;
    const k = key | 0;
    let s = Math.imul(k, 0x9e3779b1) >>> this.shift;
    while (slots[(s << 2) + 1] !== 0 && slots[s << 2] !== k) s = (s + 1) & this.mask;
    return slots[(s << 2) + 1]! - 1;
  }

  private insert(at: number, k: number, n: number): number {
    const id = this.keys.length;
    this.keys.push(k >>> 0);
    this.slots[at] = k;
    this.slots[at + 1] = id + 1;
    this.slots[at + 2] = n;
    // Load at most ½.
    if (this.keys.length * 2 > this.mask + 1) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.shift--;
    this.mask = capacity - 1;
    const slots = new Int32Array(capacity * 4);
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 1] === 0) continue;
      let s = Math.imul(old[at]!, 0x9e3779b1) >>> this.shift;
      while (slots[(s << 2) + 1] !== 0) s = (s + 1) & this.mask;
      const to = s << 2;
      slots[to] = old[at]!;
      slots[to + 1] = old[at + 1]!;
      slots[to + 2] = old[at + 2]!;
    }
    this.slots = slots;
  }
}

/**
 * Term → id, open addressing over Int32Arrays. The builder looks up every term of every article, each a
 * fresh string from the segmenter: a Map hashes and compares such strings in C++ at several times the cost
 * of these short loops. Most terms are one or two characters: those are keyed by their code units packed
 * in one number (no string to hash or compare); longer ones by a hash of their units, then compared.
 */
class TermTable {
  // Slots of (packed units, id + 1) for terms of one or two units.
  private short = new Int32Array(2 << 10);
  private shortShift = 22;
  private shortMask = (1 << 10) - 1;
  private shortCount = 0;
  // Slots of (hash, id + 1) for the other terms.
  private long = new Int32Array(2 << 10);
  private longShift = 22;
  private longMask = (1 << 10) - 1;
  private longCount = 0;
  /** Terms by id, in first-seen order. */
  readonly names: string[] = [];

  /** The term's id, given it one if new (ids are dense: a new term's id is names.length − 1). */
  intern(term: string): number {
    const length = term.length;
    if (length === 1 || length === 2) {
      const c0 = term.charCodeAt(0);
      // A first unit of 0 would make "\0x" and "x" the same key: such a (never seen) term goes the long way.
      if (c0 !== 0) return this.internShort(length === 1 ? c0 : (c0 << 16) | term.charCodeAt(1), term);
    }
    return this.internLong(term);
  }

  private internShort(key: number, term: string): number {
    const slots = this.short;
    let s = Math.imul(key, 0x9e3779b1) >>> this.shortShift;
    for (;;) {
      const at = s << 1;
      const id1 = slots[at + 1]!;
      if (id1 === 0) {
        const id = this.add(term);
        slots[at] = key;
        slots[at + 1] = id + 1;
        // Load at most ½.
        if (++this.shortCount * 2 > this.shortMask + 1) this.rehashShort();
        return id;
      }
      if (slots[at] === key) return id1 - 1;
      s = (s + 1) & this.shortMask;
    }
  }

  private internLong(term: string): number {
    const h = termHash(term);
    const slots = this.long;
    const names = this.names;
    let s = h >>> this.longShift;
    for (;;) {
      const at = s << 1;
      const id1 = slots[at + 1]!;
      if (id1 === 0) {
        const id = this.add(term);
        slots[at] = h;
        slots[at + 1] = id + 1;
        if (++this.longCount * 2 > this.longMask + 1) this.rehashLong();
        return id;
      }
      if (slots[at] === h && names[id1 - 1] === term) return id1 - 1;
      s = (s + 1) & this.longMask;
    }
  }

  private add(term: string): number {
    this.names.push(term);
    return this.names.length - 1;
  }

  private rehashShort(): void {
    const old = this.short;
    const capacity = (this.shortMask + 1) * 2;
    this.shortShift--;
    this.shortMask = capacity - 1;
    const slots = new Int32Array(capacity * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let s = Math.imul(old[at]!, 0x9e3779b1) >>> this.shortShift;
      while (slots[(s << 1) + 1] !== 0) s = (s + 1) & this.shortMask;
      slots[s << 1] = old[at]!;
      slots[(s << 1) + 1] = old[at + 1]!;
    }
    this.short = slots;
  }

  private rehashLong(): void {
    const old = this.long;
    const capacity = (this.longMask + 1) * 2;
    this.longShift--;
    this.longMask = capacity - 1;
    const slots = new Int32Array(capacity * 2);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] === 0) continue;
      let s = old[at]! >>> this.longShift;
      while (slots[(s << 1) + 1] !== 0) s = (s + 1) & this.longMask;
      slots[s << 1] = old[at]!;
      slots[(s << 1) + 1] = old[at + 1]!;
    }
    this.long = slots;
  }
}

/** FNV-1a over the UTF-16 units, then mixed so that the high bits (the slot) depend on every unit. */
function termHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h | 0;
}

/**
 * The state of one segment build. Each step is a small method over typed arrays (sized to the articles up
 * front, or grown by doubling) so that V8 keeps every hot loop optimised: one large function with
 * polymorphic loops and a Map of boxed numbers was deoptimised again and again on a large build.
 */
class SegmentBuilder {
  private readonly termIds = new TermTable();
  // Word postings as flat tuples (term, article, text tf | heading tf << 8) in article order: at most one
  // per term occurrence, so sized to the articles' terms and never grown.
  private readonly tTerm: Uint32Array;
  private readonly tDoc: Uint32Array;
  private readonly tTf: Uint16Array;
  private tCount = 0;
  /** Per term id: the articles that hold it (the length of its postings). */
  private termDf = new Uint32Array(1024);
  private readonly bigrams = new BigramTable();
  // Bigram postings (bigram, article): at most one per character of the articles' texts.
  private readonly bTerm: Uint32Array;
  private readonly bDoc: Uint32Array;
  private bCount = 0;
  private bigramDf = new Uint32Array(1 << 12);
  private readonly chapterIds = new Map<string, number>();
  private readonly chapters: SegmentChapter[] = [];
  private readonly docs: SegmentDoc[] = [];
  private totalArticles = 0;
  private totalText = 0;
  private totalHead = 0;
  private totalChapter = 0;
  private totalTitle = 0;
  private readonly articleChapter: Int32Array;
  private readonly textLen: Uint16Array;
  private readonly headLen: Uint16Array;
  private readonly fold: Uint8Array;
  private readonly articleOffset: Float64Array;
  private readonly metaOffset: Float64Array;
  private readonly texts = new Utf8Run();
  private readonly metas = new Utf8Run();
  /** Per term id: text tf << 16 | heading tf, for the article at hand. */
  private counts = new Uint32Array(1024);
  /** The term ids the article at hand has counted (as many slots as counts: no article has more terms). */
  private touched = new Uint32Array(1024);
  private touchedCount = 0;
  private n = 0;

  /** `terms`, `chars`: at least the articles' term occurrences and text characters. */
  constructor(articles: number, terms: number, chars: number) {
    this.tTerm = new Uint32Array(terms);
    this.tDoc = new Uint32Array(terms);
    this.tTf = new Uint16Array(terms);
    this.bTerm = new Uint32Array(chars);
    this.bDoc = new Uint32Array(chars);
    this.articleChapter = new Int32Array(articles);
    this.textLen = new Uint16Array(articles);
    this.headLen = new Uint16Array(articles);
    this.fold = new Uint8Array(articles);
    this.articleOffset = new Float64Array(articles + 1);
    this.metaOffset = new Float64Array(articles + 1);
  }

  addSource(input: AnalysedSource): void {
    const { source } = input;
    const { articles, ...meta } = source;
    this.docs.push({ meta, start: this.n, count: articles.length, titleTerms: input.titleTerms });
    for (let i = 0; i < articles.length; i++) {
      const fields = input.fields[i]!;
      this.addArticle(articles[i]!, fields[0], fields[1], input);
      this.n++;
    }
  }

  private addArticle(a: IndexedArticle, head: string[], text: string[], input: AnalysedSource): void {
    const n = this.n;
    this.articleChapter[n] = a.chapter ? this.chapterOf(a.chapter, input) : -1;
    this.textLen[n] = Math.min(text.length, 0xffff);
    this.headLen[n] = Math.min(head.length, 0xffff);
    this.totalArticles++;
    this.totalText += text.length;
    this.totalHead += head.length;
    this.totalTitle += input.titleTerms.length;
    this.countTerms(head, 1);
    this.countTerms(text, 1 << 16);
    this.flushTerms(n);
    const plain = plainText(a);
    const match = normaliseForMatch(plain);
    this.addBigrams(match, n);
    this.articleOffset[n + 1] = this.texts.write(plain);
    this.fold[n] = match === plain ? 0 : 1;
    const meta: StoredMeta = { n: a.number, l: a.label };
    if (a.sub !== undefined) meta.s = a.sub;
    if (a.id !== undefined) meta.i = a.id;
    if (a.heading !== null) meta.h = 1;
    this.metaOffset[n + 1] = this.metas.write(JSON.stringify(meta));
  }

  private chapterOf(title: string, input: AnalysedSource): number {
    let id = this.chapterIds.get(title);
    if (id === undefined) {
      id = this.chapters.length;
      this.chapterIds.set(title, id);
      this.chapters.push({ title, terms: input.chapterTerms.get(title) ?? [] });
    }
    this.totalChapter += this.chapters[id]!.terms.length;
    return id;
  }

  private countTerms(terms: string[], step: number): void {
    const termIds = this.termIds;
    for (let i = 0; i < terms.length; i++) {
      const id = termIds.intern(terms[i]!);
      if (id >= this.counts.length) this.growCounts();
      const counts = this.counts;
      if (counts[id] === 0) this.touched[this.touchedCount++] = id;
      counts[id] = counts[id]! + step;
    }
  }

  private growCounts(): void {
    const grown = new Uint32Array(this.counts.length * 2);
    grown.set(this.counts);
    this.counts = grown;
    const touched = new Uint32Array(grown.length);
    touched.set(this.touched);
    this.touched = touched;
    const df = new Uint32Array(grown.length);
    df.set(this.termDf);
    this.termDf = df;
  }

  /** One posting per term the article counted, then the counts cleared for the next article. */
  private flushTerms(n: number): void {
    const counts = this.counts;
    const touched = this.touched;
    const termDf = this.termDf;
    let t = this.tCount;
    for (let k = 0; k < this.touchedCount; k++) {
      const id = touched[k]!;
      const c = counts[id]!;
      this.tTerm[t] = id;
      this.tDoc[t] = n;
      this.tTf[t++] = Math.min(c >>> 16, 255) | (Math.min(c & 0xffff, 255) << 8);
      termDf[id]!++;
      counts[id] = 0;
    }
    this.tCount = t;
    this.touchedCount = 0;
  }

  private addBigrams(match: string, n: number): void {
    const bigrams = this.bigrams;
    let prev = -1;
    for (let k = 0; k < match.length; k++) {
      const c = match.charCodeAt(k);
      const han = c >= 0x3400 && c <= 0x9fff;
      if (han && prev >= 0) {
        // The same key as analyse.ts bigramKeys.
        const id = bigrams.visit(((prev << 16) | c) >>> 0, n);
        if (id >= 0) {
          if (id >= this.bigramDf.length) this.growBigramDf();
          this.bigramDf[id]!++;
          this.bTerm[this.bCount] = id;
          this.bDoc[this.bCount++] = n;
        }
      }
      prev = han ? c : -1;
    }
  }

  private growBigramDf(): void {
    const grown = new Uint32Array(this.bigramDf.length * 2);
    grown.set(this.bigramDf);
    this.bigramDf = grown;
  }

  /** Dictionaries in sorted order (binary search on open), postings grouped by term keeping article order. */
  finish(): Uint8Array {
    const { termIds, termDf, bigrams, bigramDf } = this;
    const termNames = termIds.names;
    const T = termNames.length;
    // Terms are distinct: the default sort (UTF-16 code units) is the order `<` gives.
    const sortedTerms = termNames.slice().sort();
    // Each term's postings start where the terms before it in sorted order end (a counting sort by term
    // that keeps article order); termFill: by term id, the next free place.
    const termStart = new Uint32Array(T + 1);
    const termFill = new Uint32Array(T);
    for (let r = 0; r < T; r++) {
      const id = termIds.intern(sortedTerms[r]!);
      termFill[id] = termStart[r]!;
      termStart[r + 1] = termStart[r]! + termDf[id]!;
    }
    const B = bigrams.size;
    const bigramKey = bigrams.keys.data.slice(0, B).sort();
    const bigramStart = new Uint32Array(B + 1);
    const bigramFill = new Uint32Array(B);
    for (let r = 0; r < B; r++) {
      const id = bigrams.id(bigramKey[r]!);
      bigramFill[id] = bigramStart[r]!;
      bigramStart[r + 1] = bigramStart[r]! + bigramDf[id]!;
    }
    const P = this.tCount;
    const PB = this.bCount;
    const articleBytes = this.texts.length;
    const metaBytes = this.metas.length;
    const arrays: Record<Built, ArrayBufferView> = {
      articleChapter: this.articleChapter,
      textLen: this.textLen,
      headLen: this.headLen,
      termStart,
      bigramKey,
      bigramStart,
      articleOffset: this.articleOffset,
      metaOffset: this.metaOffset,
      fold: this.fold,
    };
    // The postings are sorted straight into the output (its sections are 8-aligned): no copy of the largest parts.
    const sizes: Record<Exclude<SectionName, Built>, number> = { postDoc: P * 4, bigramDoc: PB * 4, postTf: P, postHead: P, articles: articleBytes, metas: metaBytes };
    const sections = {} as Record<SectionName, number>;
    let rel = 0;
    for (const name of SECTIONS) {
      sections[name] = rel;
      rel += pad8(isBuilt(name) ? arrays[name].byteLength : sizes[name]);
    }
    const header: Header = {
      format: SEGMENT_FORMAT,
      docs: this.docs,
      chapters: this.chapters,
      terms: sortedTerms,
      bigrams: B,
      postings: P,
      bigramPostings: PB,
      articleBytes,
      metaBytes,
      totals: { articles: this.totalArticles, text: this.totalText, head: this.totalHead, chapter: this.totalChapter, title: this.totalTitle },
      sections,
    };
    const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
    const base = pad8(8 + headerBytes.length);
    const out = new Uint8Array(base + rel);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, headerBytes.length, true);
    out.set(headerBytes, 8);
    for (const name of SECTIONS) {
      if (name === 'articles') out.set(this.texts.data.subarray(0, articleBytes), base + sections[name]);
      else if (name === 'metas') out.set(this.metas.data.subarray(0, metaBytes), base + sections[name]);
      else if (isBuilt(name)) {
        const a = arrays[name];
        out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), base + sections[name]);
      }
    }
    this.sortPostings(termFill, new Uint32Array(out.buffer, base + sections.postDoc, P), out.subarray(base + sections.postTf, base + sections.postTf + P), out.subarray(base + sections.postHead, base + sections.postHead + P));
    this.sortBigramPostings(bigramFill, new Uint32Array(out.buffer, base + sections.bigramDoc, PB));
    return out;
  }

  private sortPostings(fill: Uint32Array, postDoc: Uint32Array, postTf: Uint8Array, postHead: Uint8Array): void {
    const { tTerm, tDoc, tTf } = this;
    for (let k = 0; k < this.tCount; k++) {
      const p = fill[tTerm[k]!]!++;
      postDoc[p] = tDoc[k]!;
      postTf[p] = tTf[k]! & 0xff;
      postHead[p] = tTf[k]! >>> 8;
    }
  }

  private sortBigramPostings(fill: Uint32Array, bigramDoc: Uint32Array): void {
    const { bTerm, bDoc } = this;
    for (let k = 0; k < this.bCount; k++) bigramDoc[fill[bTerm[k]!]!++] = bDoc[k]!;
  }
}

/**
 * Builds one segment from analysed document versions (in the order given; their articles are numbered on
 * from 0). Returns the serialised bytes: a segment is always used through its bytes, so what a search
 * sees is what the disk holds.
 */
export function buildSegment(inputs: AnalysedSource[]): Uint8Array {
  let articles = 0;
  let terms = 0;
  let chars = 0;
  for (const input of inputs) {
    articles += input.source.articles.length;
    for (const [head, text] of input.fields) terms += head.length + text.length;
    // Plain text: heading, then each 款 after a line break (bigrams: fewer than its characters).
    for (const a of input.source.articles) {
      chars += (a.heading ?? '').length + 1;
      for (const p of a.paragraphs) chars += p.length + 1;
    }
  }
  const builder = new SegmentBuilder(articles, terms, chars);
  for (const input of inputs) builder.addSource(input);
  return builder.finish();
}
/** Opens a segment: reads the header and the per-article arrays; postings and texts stay in `source`. */
export function openSegment(source: ByteSource): Segment {
  const fail = (why: string): never => {
    throw new CorruptSegmentError(why);
  };
  if (source.byteLength < 16) fail('too short');
  const head = source.read(0, 8);
  const view = new DataView(head.buffer, head.byteOffset, 8);
  if (view.getUint32(0, true) !== MAGIC) fail('not a Duizhao search segment');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > source.byteLength) fail('truncated header');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(source.read(8, headerLength))) as Header;
  } catch {
    return fail('unreadable header');
  }
  if (header.format !== SEGMENT_FORMAT) fail(`format ${String(header.format)}, expected ${SEGMENT_FORMAT}`);
  if (!Array.isArray(header.docs) || !Array.isArray(header.terms) || !Array.isArray(header.chapters) || !header.sections || !header.totals) fail('incomplete header');
  const base = pad8(8 + headerLength);
  const n = header.docs.reduce((s, d) => s + d.count, 0);
  const T = header.terms.length;
  const B = header.bigrams;
  const sizes: Record<SectionName, number> = {
    articleChapter: n * 4,
    textLen: n * 2,
    headLen: n * 2,
    termStart: (T + 1) * 4,
    bigramKey: B * 4,
    bigramStart: (B + 1) * 4,
    articleOffset: (n + 1) * 8,
    metaOffset: (n + 1) * 8,
    fold: n,
    postDoc: header.postings * 4,
    bigramDoc: header.bigramPostings * 4,
    postTf: header.postings,
    postHead: header.postings,
    articles: header.articleBytes,
    metas: header.metaBytes,
  };
  const at = {} as Record<SectionName, number>;
  let expect = 0;
  for (const name of SECTIONS) {
    if (header.sections[name] !== expect) fail(`bad section table (${name})`);
    at[name] = base + expect;
    expect += pad8(sizes[name]);
  }
  if (base + expect !== source.byteLength) fail(`size ${source.byteLength}, expected ${base + expect}`);
  const read = <T>(name: SectionName, make: (b: ArrayBuffer, o: number, l: number) => T, width: number): T => {
    let bytes = source.read(at[name], sizes[name]);
    if (bytes.byteOffset % width !== 0) bytes = bytes.slice();
    return make(bytes.buffer as ArrayBuffer, bytes.byteOffset, sizes[name] / width);
  };
  const articleChapter = read('articleChapter', (b, o, l) => new Int32Array(b, o, l), 4);
  const textLen = read('textLen', (b, o, l) => new Uint16Array(b, o, l), 2);
  const headLen = read('headLen', (b, o, l) => new Uint16Array(b, o, l), 2);
  const termStart = read('termStart', (b, o, l) => new Uint32Array(b, o, l), 4);
  const bigramKey = read('bigramKey', (b, o, l) => new Uint32Array(b, o, l), 4);
  const bigramStart = read('bigramStart', (b, o, l) => new Uint32Array(b, o, l), 4);
  const articleOffset = read('articleOffset', (b, o, l) => new Float64Array(b, o, l), 8);
  const metaOffset = read('metaOffset', (b, o, l) => new Float64Array(b, o, l), 8);
  const fold = read('fold', (b, o, l) => new Uint8Array(b, o, l), 1);
  // Cheap structural checks: tables ascend and end where the postings end.
  if (termStart[0] !== 0 || termStart[T] !== header.postings) fail('bad postings table');
  if (bigramStart[0] !== 0 || bigramStart[B] !== header.bigramPostings) fail('bad bigram table');
  if (articleOffset[0] !== 0 || articleOffset[n] !== header.articleBytes) fail('bad article table');
  if (metaOffset[0] !== 0 || metaOffset[n] !== header.metaBytes) fail('bad article table');
  for (let i = 1; i <= T; i++) if (termStart[i]! < termStart[i - 1]!) fail('bad postings table');
  for (let i = 1; i <= B; i++) if (bigramStart[i]! < bigramStart[i - 1]!) fail('bad bigram table');
  for (let i = 0; i < n; i++) if (articleChapter[i]! >= header.chapters.length) fail('bad chapter table');
  return new Segment(header.docs, header.chapters, header.terms, header.totals, articleChapter, textLen, headLen, termStart, bigramKey, bigramStart, articleOffset, metaOffset, fold, source, at);
}
