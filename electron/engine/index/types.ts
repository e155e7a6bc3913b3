/**
 * Shapes of the search index: what is indexed (one record per article), how shards are described, and
 * what a search answers (CONTRACTS.md `search`, plus a few fields the UI uses).
 */

/** A document version as the index sees it: its metadata (for filters) and its articles. */
export interface ShardMeta {
  /** `${doc}@${version}`: one shard per document version. */
  id: string;
  doc: string;
  version: number;
  versionLabel: string | null;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  /** Years of the dates the document states (adopted, effective, published, drafted): `year:` filters. */
  years: number[];
}

/** One article, flattened for indexing and for snippets. */
export interface IndexedArticle {
  number: number;
  sub?: number;
  /** "第二十七条", or "（十一）" for an opinion's items. */
  label: string;
  heading: string | null;
  /** Title of the chapter the article stands in (null outside chapters). */
  chapter: string | null;
  /** The 款 in order, each with its 项 (and 目) written inline after the lead-in, as in print. */
  paragraphs: string[];
}

export interface ShardSource extends ShardMeta {
  articles: IndexedArticle[];
}

export interface SearchFilters {
  docs?: string[];
  jurisdictions?: string[];
  kinds?: string[];
  stages?: string[];
  years?: number[];
}

export interface SearchOptions extends SearchFilters {
  /** Most hits returned (default 20); `total` still counts them all. */
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  doc: string;
  version: number;
  /** Article number (第X条 → X); with `sub` for 第X条之一. */
  article: number;
  sub?: number;
  label: string;
  heading: string | null;
  /** Document title. */
  title: string;
  versionLabel: string | null;
  chapter: string | null;
  score: number;
  /** The matching 款 (1-based, as in 第二款) the snippet comes from. */
  paragraph: number;
  snippet: string;
  /** [start, end) offsets into `snippet` (JavaScript string indices), sorted, not overlapping. */
  highlights: Array<[number, number]>;
  /** Words to highlight when the article is shown in full (the Reader). */
  terms: string[];
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
  /** The query as understood: words (each all required), phrases, exclusions, filters. */
  parsed: ParsedQueryView;
  /** Problems worth telling the user (an unknown filter, a cache that had to be rebuilt…). */
  warnings: string[];
}

export interface ParsedQueryView {
  words: string[];
  phrases: string[];
  excluded: string[];
  filters: SearchFilters;
}
