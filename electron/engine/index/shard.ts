/**
 * One shard = the search index of one document version, plus its articles (for snippets, phrases and
 * exclusions).
 *
 * Why shards: a search filtered to some documents only loads and queries their shards, a changed or newly
 * imported document rebuilds only its own shard (its segmentation is done once and kept in the cache).
 *
 * Why not lunr's Builder, JSON and query() as they are (scripts/bench/search.ts, this machine): on 10,000
 * synthetic articles lunr.Builder + toJSON built at 0.7 MB/s against a 3.2 MB/s segmentation floor,
 * serialised to 39 MB, loaded in 2.6 s and held ~700 MB (one `{}` per posting, a TokenSet trie per
 * index); and lunr.Index.query, even over these compact shards restricted to the candidates, answered
 * 100,000 articles at p95 1.5 s (goal 200 ms) because it allocates several objects per matching article.
 * So a shard holds exactly what lunr's index holds — each term's postings with lunr's BM25 field weights,
 * computed with lunr's formula — in typed arrays; `scoreCandidates` computes lunr's score from them, and
 * `lunrIndex()` presents the shard to lunr as a `lunr.Index` whose `query()` gives the same scores
 * (the tests check both against a plain `lunr.Builder` index of the same articles).
 */
import lunr from 'lunr';
import type { Segmenter } from '../segment';
import { analyse } from './analyse';
import type { IndexedArticle, ShardMeta, ShardSource } from './types';

/** lunr field names, in the order of the postings table. */
export const FIELDS = ['h', 't', 'c', 'd'] as const;
export type FieldName = (typeof FIELDS)[number];
/** A heading names what the article is about; a chapter title less so; the document title least. */
export const BOOSTS: Record<FieldName, number> = { h: 4, t: 1, c: 1.5, d: 0.5 };
const F = FIELDS.length;
/** lunr's BM25 parameters (lunr.Builder defaults). */
const K1 = 1.2;
const B = 0.75;

export function articleText(a: IndexedArticle): string {
  return a.paragraphs.join('\n');
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

/** The fields of one article, segmented (heading, text, chapter title, document title). */
export type ArticleTerms = [string[], string[], string[], string[]];

export function articleTerms(segmenter: Segmenter, a: IndexedArticle, docTitle: string, memo: TermMemo): ArticleTerms {
  return [memo.terms(a.heading), analyse(segmenter, articleText(a)), memo.terms(a.chapter), memo.terms(docTitle)];
}

/** Article positions: 2 bytes each while a shard has at most 65,536 articles. */
export type DocIds = Uint16Array | Uint32Array;

export class Shard {
  /**
   * Postings of term `t` in field `f` are entries termFieldStart[t*F+f] … termFieldStart[t*F+f+1] of
   * postDocs (article positions, ascending) and postWeights (lunr's BM25 weight in thousandths: lunr rounds
   * weights to 3 decimals, so the integer holds it exactly).
   */
  constructor(
    readonly meta: ShardMeta,
    readonly docCount: number,
    readonly terms: string[],
    readonly termFieldStart: Uint32Array,
    readonly postDocs: DocIds,
    readonly postWeights: Uint32Array,
    private readonly articleAt: (i: number) => IndexedArticle,
  ) {
    this.termIds = new Map();
    for (let i = 0; i < terms.length; i++) this.termIds.set(terms[i]!, i);
  }

  private readonly termIds: Map<string, number>;
  private readonly decoded: Array<IndexedArticle | undefined> = [];

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  /** Article `i`, decoded on first use: a search decodes only the articles it shows or checks. */
  article(i: number): IndexedArticle {
    let a = this.decoded[i];
    if (!a) {
      a = this.articleAt(i);
      this.decoded[i] = a;
    }
    return a;
  }

  /**
   * Counts into `count` (one slot per article) the articles holding term `termId` in any field; `seen`
   * (same length) stamps each article with `stamp` so a term held in two fields counts once.
   */
  countTerm(termId: number, stamp: number, count: Uint16Array, seen: Int32Array): void {
    const docs = this.postDocs;
    for (let p = this.termFieldStart[termId * F]!, end = this.termFieldStart[termId * F + F]!; p < end; p++) {
      const d = docs[p]!;
      if (seen[d] !== stamp) {
        seen[d] = stamp;
        count[d]!++;
      }
    }
  }

  /**
   * This shard as a `lunr.Index` whose postings are restricted to `candidates` (1 = candidate, one slot
   * per article position): lunr's query() then only does work for articles that hold every required
   * term. Restricting is exact for queries whose required clauses define the candidates: lunr drops every
   * other article anyway. (SearchIndex with `scorer: 'lunr'`; the default computes the same scores in
   * scoreCandidates.)
   */
  lunrIndex(candidates: Uint8Array): lunr.Index {
    const shard = this;
    const EMPTY = Object.freeze(Object.create(null) as object);
    const postingCache = new Map<string, Record<string, unknown> | undefined>();
    const invertedIndex = new Proxy(Object.create(null) as Record<string, unknown>, {
      get(_target, prop) {
        if (typeof prop !== 'string') return undefined;
        if (postingCache.has(prop)) return postingCache.get(prop);
        const id = shard.termIds.get(prop);
        let posting: Record<string, unknown> | undefined;
        if (id !== undefined) {
          posting = { _index: id };
          for (let f = 0; f < F; f++) {
            const docs: Record<string, object> = Object.create(null);
            const end: number = shard.termFieldStart[id * F + f + 1]!;
            for (let p: number = shard.termFieldStart[id * F + f]!; p < end; p++) {
              const d: number = shard.postDocs[p]!;
              if (candidates[d] === 1) docs[d] = EMPTY;
            }
            posting[FIELDS[f]!] = docs;
          }
        }
        postingCache.set(prop, posting);
        return posting;
      },
    });
    // lunr scores a matching field by the dot product of the query vector with the field's vector; only
    // the query's terms contribute, so the vector handed over holds just those entries.
    const queryTerms: number[] = [];
    const fieldVectors = new Proxy(Object.create(null) as Record<string, lunr.Vector>, {
      get(_target, prop) {
        if (typeof prop !== 'string') return undefined;
        const slash = prop.indexOf('/');
        const f = FIELDS.indexOf(prop.slice(0, slash) as FieldName);
        const doc = Number(prop.slice(slash + 1));
        const elements: number[] = [];
        for (const id of queryTerms) {
          const w = shard.weight(id, f, doc);
          if (w !== 0) elements.push(id, w);
        }
        return new lunr.Vector(elements);
      },
    });
    // Exact-term lookup in place of lunr's TokenSet trie: the queries use neither wildcards nor edit
    // distance, so intersecting with a query term's token set is a dictionary lookup.
    const tokenSet = {
      intersect(query: lunr.TokenSet): { toArray(): string[] } {
        const term = tokenSetString(query);
        const id = term === null ? undefined : shard.termIds.get(term);
        if (id !== undefined && !queryTerms.includes(id)) {
          queryTerms.push(id);
          queryTerms.sort((a, b) => a - b);
        }
        return { toArray: () => (id === undefined ? [] : [term!]) };
      },
    };
    // lunr.js reads `fieldVectors` (@types/lunr calls it documentVectors).
    const attributes = { invertedIndex, fieldVectors, tokenSet, fields: [...FIELDS], pipeline: new lunr.Pipeline() };
    return new lunr.Index(attributes as unknown as lunr.Index.Attributes);
  }

  /**
   * lunr's score computed straight from the postings, for the candidates only. lunr.Index.query scores an
   * article as Σ over fields of (query vector · field vector) / ‖query vector‖, where the query vector
   * holds each query term present in the index with the sum of its clauses' boosts, the same in every
   * field; so score = Σ_terms boost · Σ_fields weight / ‖(boosts)‖. Adds into `out` (one slot per article).
   * Same numbers as `lunrIndex(candidates).query(…)` (tests check it) without lunr's per-article objects,
   * which cost 7× the 100k-article query goal.
   */
  scoreCandidates(query: ReadonlyMap<number, number>, candidates: Uint8Array, out: Float64Array): void {
    let norm = 0;
    for (const boost of query.values()) norm += boost * boost;
    norm = Math.sqrt(norm);
    if (norm === 0) return;
    for (const [id, boost] of query) {
      const factor = boost / 1000 / norm;
      for (let p = this.termFieldStart[id * F]!, end = this.termFieldStart[id * F + F]!; p < end; p++) {
        const d = this.postDocs[p]!;
        if (candidates[d] === 1) out[d]! += this.postWeights[p]! * factor;
      }
    }
  }

  /** lunr's BM25 weight of a term in one field of one article (0 when absent). */
  weight(termId: number, field: number, doc: number): number {
    let lo = this.termFieldStart[termId * F + field]!;
    let hi = this.termFieldStart[termId * F + field + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = this.postDocs[mid]!;
      if (d === doc) return this.postWeights[mid]! / 1000;
      if (d < doc) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }
}

/** The string a (wildcard-free) lunr.TokenSet.fromString chain spells, or null for anything else. */
function tokenSetString(set: lunr.TokenSet): string | null {
  let node = set as unknown as { edges: Record<string, unknown>; final: boolean };
  let s = '';
  for (;;) {
    const keys = Object.keys(node.edges);
    if (keys.length === 0) return node.final ? s : null;
    if (keys.length > 1) return null;
    s += keys[0]!;
    node = node.edges[keys[0]!] as typeof node;
  }
}

/**
 * Builds a shard. Same model as lunr.Builder with our fields and no pipeline: per field, BM25 with
 * k1 = 1.2, b = 0.75, lunr's idf (its document count sums over fields), field boosts, weights rounded to
 * 3 decimals.
 */
export function buildShard(segmenter: Segmenter, source: ShardSource, memo = new TermMemo(segmenter)): Shard {
  return buildShardFromTerms(
    source,
    source.articles.map((a) => articleTerms(segmenter, a, source.title, memo)),
  );
}

export function buildShardFromTerms(source: ShardSource, fields: ArticleTerms[]): Shard {
  const { articles, ...meta } = source;
  const n = articles.length;
  const termIds = new Map<string, number>();
  const terms: string[] = [];
  // Postings per (term, field) as flat [doc, tf, doc, tf, …] lists, docs ascending by construction.
  const lists: number[][] = [];
  const fieldLength = new Uint32Array(n * F);
  const totalLength = new Float64Array(F);
  // Term frequencies of the field at hand: counts by term id, and the ids touched (to reset them).
  let tf = new Uint32Array(1024);
  const touched: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const perField = fields[doc]!;
    for (let f = 0; f < F; f++) {
      const list = perField[f]!;
      fieldLength[doc * F + f] = list.length;
      totalLength[f]! += list.length;
      for (const term of list) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = terms.length;
          termIds.set(term, id);
          terms.push(term);
          for (let k = 0; k < F; k++) lists.push([]);
          if (id >= tf.length) {
            const grown = new Uint32Array(tf.length * 2);
            grown.set(tf);
            tf = grown;
          }
        }
        if (tf[id]!++ === 0) touched.push(id);
      }
      for (const id of touched) {
        lists[id * F + f]!.push(doc, tf[id]!);
        tf[id] = 0;
      }
      touched.length = 0;
    }
  }
  const termFieldStart = new Uint32Array(terms.length * F + 1);
  let total = 0;
  for (let i = 0; i < lists.length; i++) {
    termFieldStart[i] = total;
    total += lists[i]!.length / 2;
  }
  termFieldStart[lists.length] = total;
  const postDocs = n <= 0x10000 ? new Uint16Array(total) : new Uint32Array(total);
  const postWeights = new Uint32Array(total);
  const avg = Array.from(totalLength, (t) => t / n);
  for (let id = 0; id < terms.length; id++) {
    let df = 0;
    for (let f = 0; f < F; f++) df += lists[id * F + f]!.length / 2;
    const x = (n - df + 0.5) / (df + 0.5);
    const idf = Math.log(1 + Math.abs(x));
    for (let f = 0; f < F; f++) {
      const list = lists[id * F + f]!;
      let p = termFieldStart[id * F + f]!;
      const boost = BOOSTS[FIELDS[f]!];
      for (let k = 0; k < list.length; k += 2) {
        const doc = list[k]!;
        const count = list[k + 1]!;
        const len = fieldLength[doc * F + f]!;
        const score = ((idf * ((K1 + 1) * count)) / (K1 * (1 - B + B * (len / avg[f]!)) + count)) * boost;
        postDocs[p] = doc;
        postWeights[p] = Math.round(score * 1000);
        p++;
      }
    }
  }
  return new Shard(meta, n, terms, termFieldStart, postDocs, postWeights, (i) => articles[i]!);
}

// ---------------------------------------------------------------------------------------------------
// Serialisation: one binary blob per shard, loaded without parsing the postings.
//
//   "DZS1" | u32 header bytes | header JSON (meta, docCount, terms, counts) | pad to 4 |
//   articleStart u32[docCount + 1] | articles (one JSON text each) | pad to 4 |
//   termFieldStart u32[] | postWeights u32[] | postDocs u16[] or u32[] (u16 while ≤ 65,536 articles)
//
// Each article stays undecoded until a search shows it or checks its text.

export const SHARD_FORMAT = 2;
const MAGIC = 0x3153_5a44; // "DZS1" little-endian

interface ShardHeader {
  format: number;
  meta: ShardMeta;
  docCount: number;
  terms: string[];
  postings: number;
}

const pad4 = (n: number): number => (n + 3) & ~3;

export function serialiseShard(shard: Shard): Uint8Array {
  const header: ShardHeader = { format: SHARD_FORMAT, meta: shard.meta, docCount: shard.docCount, terms: shard.terms, postings: shard.postDocs.length };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const articleStart = new Uint32Array(shard.docCount + 1);
  const articleTexts: Buffer[] = [];
  let articleBytes = 0;
  for (let i = 0; i < shard.docCount; i++) {
    const b = Buffer.from(JSON.stringify(shard.article(i)), 'utf8');
    articleTexts.push(b);
    articleStart[i] = articleBytes;
    articleBytes += b.length;
  }
  articleStart[shard.docCount] = articleBytes;
  const size =
    8 + pad4(headerBytes.length) + articleStart.byteLength + pad4(articleBytes) + shard.termFieldStart.byteLength + shard.postDocs.byteLength + shard.postWeights.byteLength;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  view.setUint32(at, MAGIC, true);
  view.setUint32(at + 4, headerBytes.length, true);
  out.set(headerBytes, 8);
  at = 8 + pad4(headerBytes.length);
  out.set(new Uint8Array(articleStart.buffer), at);
  at += articleStart.byteLength;
  for (const b of articleTexts) {
    out.set(b, at);
    at += b.length;
  }
  at = pad4(at);
  for (const arr of [shard.termFieldStart, shard.postWeights, shard.postDocs]) {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
    at += arr.byteLength;
  }
  return out;
}

export class CorruptShardError extends Error {}

/** Decodes a shard; throws CorruptShardError on anything that does not hold together. */
export function loadShard(bytes: Uint8Array): Shard {
  const fail = (why: string): never => {
    throw new CorruptShardError(why);
  };
  // Typed-array views need 4-byte alignment; a pooled Buffer may start anywhere.
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  if (bytes.length < 12) fail('too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) fail('not a Duizhao search shard');
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) fail('truncated header');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let header: ShardHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + headerLength))) as ShardHeader;
  } catch {
    return fail('unreadable header');
  }
  if (header.format !== SHARD_FORMAT) fail(`format ${String(header.format)}, expected ${SHARD_FORMAT}`);
  if (!Array.isArray(header.terms) || !header.meta || !Number.isInteger(header.docCount) || !Number.isInteger(header.postings)) fail('incomplete header');
  let at = 8 + pad4(headerLength);
  const n = header.docCount;
  if (at + (n + 1) * 4 > bytes.length) fail('truncated');
  const articleStart = new Uint32Array(bytes.buffer, bytes.byteOffset + at, n + 1);
  const articlesAt = at + articleStart.byteLength;
  for (let i = 1; i <= n; i++) if (articleStart[i]! < articleStart[i - 1]!) fail('bad article table');
  at = pad4(articlesAt + articleStart[n]!);
  const T = header.terms.length;
  const docBytes = header.docCount <= 0x10000 ? 2 : 4;
  const need = at + (T * F + 1) * 4 + header.postings * (4 + docBytes);
  if (need !== bytes.length) fail(`size ${bytes.length}, expected ${need}`);
  const base = bytes.byteOffset;
  const termFieldStart = new Uint32Array(bytes.buffer, base + at, T * F + 1);
  at += termFieldStart.byteLength;
  const postWeights = new Uint32Array(bytes.buffer, base + at, header.postings);
  at += postWeights.byteLength;
  const postDocs = docBytes === 2 ? new Uint16Array(bytes.buffer, base + at, header.postings) : new Uint32Array(bytes.buffer, base + at, header.postings);
  // Cheap structural checks: offsets ascend to the end, every posting names an existing article.
  if (termFieldStart[0] !== 0 || termFieldStart[T * F] !== header.postings) fail('bad postings table');
  for (let i = 1; i <= T * F; i++) if (termFieldStart[i]! < termFieldStart[i - 1]!) fail('bad postings table');
  for (let p = 0; p < postDocs.length; p++) if (postDocs[p]! >= header.docCount) fail('posting out of range');
  const articleAt = (i: number): IndexedArticle => {
    try {
      const a = JSON.parse(decoder.decode(bytes.subarray(articlesAt + articleStart[i]!, articlesAt + articleStart[i + 1]!))) as IndexedArticle;
      if (!a || !Array.isArray(a.paragraphs) || typeof a.label !== 'string') throw new Error('shape');
      return a;
    } catch {
      throw new CorruptShardError(`article ${i} of ${header.meta.id} unreadable`);
    }
  };
  return new Shard(header.meta, n, header.terms, termFieldStart, postDocs, postWeights, articleAt);
}
