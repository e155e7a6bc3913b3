/**
 * The search index over many shards (one per document version) and the search itself:
 *
 *  1. parse and plan the query (query.ts);
 *  2. keep the shards whose document passes the filters, loading each on first use;
 *  3. per shard, the candidates are the articles holding every required term (a pass over the compact
 *     postings), then the literal checks (phrases, single characters) and exclusions on the text;
 *  4. the candidates get lunr's score (BM25 per field, heading boosted, whole words boosting), computed
 *     from the postings (`scorer: 'lunr'` runs lunr.Index.query instead: same scores, slower);
 *  5. the best `limit` hits (kept in a bounded heap) get a snippet from their best-matching 款 with
 *     highlight ranges.
 */
import lunr from 'lunr';
import type { Segmenter } from '../segment';
import { normaliseForMatch } from './analyse';
import { planQuery, parseQuery, viewOf, type QueryPlan } from './query';
import { articleText, type Shard } from './shard';
import { makeSnippet, type NeedleGroup } from './snippet';
import type { IndexedArticle, SearchFilters, SearchHit, SearchOptions, SearchResult, ShardMeta } from './types';

interface Entry {
  meta: ShardMeta;
  load: () => Shard;
  shard: Shard | null;
  /** Normalised heading + text per article, filled as literal checks need them. */
  texts: Array<string | undefined>;
}

interface Match {
  entry: Entry;
  /** Position of the shard, for a stable order among equal scores. */
  order: number;
  doc: number;
  score: number;
}

/** Which evaluation computes lunr's scores (see Shard.scoreCandidates). */
export type Scorer = 'direct' | 'lunr';

/** How much a whole compound word adds over its required parts (lunr clause boost). */
const WHOLE_WORD_BOOST = 2;

export class SearchIndex {
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();

  constructor(
    private readonly segmenter: Segmenter,
    private readonly scorer: Scorer = 'direct',
  ) {}

  /** Adds a shard, loaded now or on first use. A shard with the same id replaces the old one. */
  add(meta: ShardMeta, shard: Shard | (() => Shard)): void {
    const entry: Entry =
      typeof shard === 'function' ? { meta, load: shard, shard: null, texts: [] } : { meta, load: () => shard, shard, texts: [] };
    const old = this.byId.get(meta.id);
    if (old) this.entries[this.entries.indexOf(old)] = entry;
    else this.entries.push(entry);
    this.byId.set(meta.id, entry);
  }

  get shardMetas(): ShardMeta[] {
    return this.entries.map((e) => e.meta);
  }

  /** Loads every shard now (start-up warm-up, benchmarks). */
  loadAll(): void {
    for (const e of this.entries) this.shardOf(e);
  }

  private shardOf(e: Entry): Shard {
    e.shard ??= e.load();
    return e.shard;
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
    if (plan.words.length === 0 && plan.literals.length === 0 && plan.excluded.length === 0 && !hasFilters(filters)) {
      return { query, total: 0, hits: [], parsed: view, warnings };
    }
    const top = new TopMatches(offset + limit);
    const atoms = [...new Set(plan.words.flatMap((w) => w.atoms))];
    const scratch = new Scratch();
    this.entries.forEach((entry, order) => {
      if (passes(entry.meta, filters)) this.matchShard(entry, order, plan, atoms, scratch, top);
    });
    const hits = top.sorted().slice(offset).map((m) => this.hit(m, plan));
    return { query, total: top.total, hits, parsed: view, warnings };
  }

  private matchShard(entry: Entry, order: number, plan: QueryPlan, atoms: string[], scratch: Scratch, top: TopMatches): void {
    const shard = this.shardOf(entry);
    const n = shard.docCount;
    const ids: number[] = [];
    for (const atom of atoms) {
      const id = shard.termId(atom);
      if (id === undefined) return; // a required term this document never uses
      ids.push(id);
    }
    // Candidates: articles holding every required term, in any field.
    const { candidates, count, seen, scores } = scratch.reset(n);
    if (ids.length === 0) candidates.fill(1);
    else {
      for (let k = 0; k < ids.length; k++) shard.countTerm(ids[k]!, k, count, seen);
      for (let d = 0; d < n; d++) if (count[d] === ids.length) candidates[d] = 1;
    }
    if (plan.literals.length > 0 || plan.excluded.length > 0) {
      for (let d = 0; d < n; d++) {
        if (!candidates[d]) continue;
        const t = this.textOf(entry, d);
        if (!plan.literals.every((l) => t.includes(l)) || plan.excluded.some((x) => t.includes(x))) candidates[d] = 0;
      }
    }
    let any = false;
    for (let d = 0; d < n && !any; d++) if (candidates[d]) any = true;
    if (!any) return;
    if (ids.length === 0) {
      // No index term: a filter-only query keeps document order; a literal-only one (税, 应当) ranks by
      // how often the article writes it, in its heading above all, per length.
      for (let d = 0; d < n; d++) {
        if (candidates[d]) top.offer(entry, order, d, plan.literals.length > 0 ? this.literalScore(entry, d, plan.literals) : 0);
      }
      return;
    }
    if (this.scorer === 'lunr') {
      const results = shard.lunrIndex(candidates).query((q) => {
        for (const atom of atoms) {
          q.term(atom, { presence: lunr.Query.presence.REQUIRED, usePipeline: false, wildcard: lunr.Query.wildcard.NONE });
        }
        for (const word of plan.boosts) {
          q.term(word, { presence: lunr.Query.presence.OPTIONAL, boost: WHOLE_WORD_BOOST, usePipeline: false, wildcard: lunr.Query.wildcard.NONE });
        }
      });
      for (const r of results) top.offer(entry, order, Number(r.ref), r.score);
      return;
    }
    // The same query vector lunr would build: required parts boost 1, whole words WHOLE_WORD_BOOST,
    // terms absent from this shard left out.
    const vector = new Map<number, number>();
    for (const id of ids) vector.set(id, (vector.get(id) ?? 0) + 1);
    for (const word of plan.boosts) {
      const id = shard.termId(word);
      if (id !== undefined) vector.set(id, (vector.get(id) ?? 0) + WHOLE_WORD_BOOST);
    }
    shard.scoreCandidates(vector, candidates, scores);
    for (let d = 0; d < n; d++) if (candidates[d]) top.offer(entry, order, d, scores[d]!);
  }

  private literalScore(entry: Entry, doc: number, literals: string[]): number {
    const text = this.textOf(entry, doc);
    const headingEnd = text.indexOf('\n');
    let score = 0;
    for (const l of literals) {
      for (let at = text.indexOf(l); at >= 0; at = text.indexOf(l, at + l.length)) score += at < headingEnd ? 4 : 1;
    }
    return score / (1 + text.length / 1000);
  }

  private textOf(entry: Entry, doc: number): string {
    let t = entry.texts[doc];
    if (t === undefined) {
      const a = this.shardOf(entry).article(doc);
      t = normaliseForMatch((a.heading ?? '') + '\n' + articleText(a));
      entry.texts[doc] = t;
    }
    return t;
  }

  private hit(m: Match, plan: QueryPlan): SearchHit {
    const shard = this.shardOf(m.entry);
    const a: IndexedArticle = shard.article(m.doc);
    const full = normaliseForMatch((a.heading ?? '') + '\n' + articleText(a));
    // Highlight a word whole; its parts only where the article never writes it whole ("预留…份额"), so
    // that 政府 is not marked in every 人民政府 when the article speaks of 政府采购.
    const has = (t: string): boolean => full.includes(normaliseForMatch(t));
    const groups: NeedleGroup[] = [
      ...plan.literals.map((l) => ({ whole: [l], parts: [] })),
      ...plan.words.map((w) => (has(w.word) ? { whole: [w.word], parts: [] } : { whole: [], parts: w.atoms.filter(has) })),
    ];
    const snippet = makeSnippet(a.paragraphs, groups);
    const terms = [...new Set(groups.flatMap((g) => [...g.whole, ...g.parts]))];
    const hit: SearchHit = {
      doc: m.entry.meta.doc,
      version: m.entry.meta.version,
      article: a.number,
      label: a.label,
      heading: a.heading,
      title: m.entry.meta.title,
      versionLabel: m.entry.meta.versionLabel,
      chapter: a.chapter,
      score: Math.round(m.score * 1000) / 1000,
      paragraph: snippet.paragraph + 1,
      snippet: snippet.text,
      highlights: snippet.highlights,
      terms,
    };
    if (a.sub !== undefined) hit.sub = a.sub;
    return hit;
  }
}

/** Per-article work arrays of one search, reused from shard to shard (grown to the largest). */
class Scratch {
  candidates = new Uint8Array(0);
  count = new Uint16Array(0);
  seen = new Int32Array(0);
  scores = new Float64Array(0);

  reset(n: number): { candidates: Uint8Array; count: Uint16Array; seen: Int32Array; scores: Float64Array } {
    if (this.candidates.length < n) {
      const size = Math.max(n, 2 * this.candidates.length);
      this.candidates = new Uint8Array(size);
      this.count = new Uint16Array(size);
      this.seen = new Int32Array(size);
      this.scores = new Float64Array(size);
    }
    const candidates = this.candidates.subarray(0, n);
    const count = this.count.subarray(0, n);
    const seen = this.seen.subarray(0, n);
    const scores = this.scores.subarray(0, n);
    candidates.fill(0);
    count.fill(0);
    seen.fill(-1);
    scores.fill(0);
    return { candidates, count, seen, scores };
  }
}

/**
 * The best `k` matches seen so far (a min-heap on score) and the count of all: a search over 100,000
 * articles keeps 20 objects, not 100,000. Equal scores keep shard and article order.
 */
class TopMatches {
  total = 0;
  private readonly heap: Match[] = [];
  constructor(private readonly k: number) {}

  /** a ranks below b. */
  private static worse(a: Match, b: Match): boolean {
    if (a.score !== b.score) return a.score < b.score;
    if (a.order !== b.order) return a.order > b.order;
    return a.doc > b.doc;
  }

  offer(entry: Entry, order: number, doc: number, score: number): void {
    this.total++;
    if (this.k <= 0) return;
    const h = this.heap;
    const m: Match = { entry, order, doc, score };
    if (h.length < this.k) {
      h.push(m);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!TopMatches.worse(h[i]!, h[parent]!)) break;
        [h[i], h[parent]] = [h[parent]!, h[i]!];
        i = parent;
      }
      return;
    }
    if (!TopMatches.worse(h[0]!, m)) return;
    h[0] = m;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let least = i;
      if (l < h.length && TopMatches.worse(h[l]!, h[least]!)) least = l;
      if (r < h.length && TopMatches.worse(h[r]!, h[least]!)) least = r;
      if (least === i) break;
      [h[i], h[least]] = [h[least]!, h[i]!];
      i = least;
    }
  }

  sorted(): Match[] {
    return [...this.heap].sort((a, b) => (TopMatches.worse(a, b) ? 1 : TopMatches.worse(b, a) ? -1 : 0));
  }
}

function mergeFilters(fromQuery: SearchFilters, options: SearchFilters): SearchFilters {
  const out: SearchFilters = {};
  for (const key of ['docs', 'jurisdictions', 'kinds', 'stages', 'years'] as const) {
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
  return value === wanted || (wanted.length > 0 && (value.includes(wanted) || wanted.includes(value) && value.length > 0));
}

export function passes(meta: ShardMeta, f: SearchFilters): boolean {
  if (f.docs && !f.docs.some((d) => d === meta.doc || d === meta.id)) return false;
  if (f.jurisdictions && !f.jurisdictions.some((j) => loose(meta.jurisdiction, j))) return false;
  if (f.kinds && !f.kinds.some((k) => loose(meta.kind, k))) return false;
  if (f.stages && !f.stages.some((s) => loose(meta.stage, s))) return false;
  if (f.years && !f.years.some((y) => meta.years.includes(y))) return false;
  return true;
}
