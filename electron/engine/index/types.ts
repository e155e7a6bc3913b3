/**
 * Shapes of the search index: what is indexed (one record per article), how document versions are described, and
 * what a search answers (CONTRACTS.md `search`, plus a few fields the UI uses).
 */

/** A document version as the index sees it: its metadata (for filters, facets and groups). */
export interface ShardMeta {
  /** `${doc}@${version}`. */
  id: string;
  doc: string;
  version: number;
  versionLabel: string | null;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  /**
   * Years of every date the document states (adopted, amended, effective, published, drafted). Not what the
   * `years` filter or the 年份 facet use: both take the year of `date` (search.ts versionYear).
   */
  years: number[];
  /**
   * The date the version is known by (ISO): effective, else adopted, else published, else drafted; null
   * when the document states none. Sorts by date, the 年份 facet, which version of a law is current.
   */
  date?: string | null;
  /**
   * The law this version is a text of, the same for all its versions (library metadata `work`, when the
   * library provides it). Without it the index derives one: the `supersedes` chain, else jurisdiction +
   * title without its edition note (see groups.ts workKey).
   */
  work?: string;
  /** REF (`doc@version`) of the version this one follows, from the library's metadata. */
  supersedes?: string;
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
  /** The article's id in the document tree ("art_15", "art_10_1"): links back (duizhao://doc/ID@V#art_15). */
  id?: string;
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
  /** The year of the version's date (ShardMeta.date), as the 年份 facet counts it: a version without a date never passes. */
  years?: number[];
  /** 现行 (`current`: the latest version of its law) and/or 历史 (`historical`: superseded versions). */
  status?: VersionStatus[];
}

export type VersionStatus = 'current' | 'historical';

export interface SearchOptions extends SearchFilters {
  /** Most hits returned (default 20); `total` still counts them all. */
  limit?: number;
  offset?: number;
  /** `relevance` (default) or `date`: newest law first, then by score. Applies to hits and groups. */
  sort?: 'relevance' | 'date';
  /**
   * Default true: a superseded version of a law ranks below the current one (its articles score
   * HISTORICAL_WEIGHT of what they would), and each group shows the latest version's articles first.
   * false: every version counts alike.
   */
  latestFirst?: boolean;
  /** Most groups (laws) returned (default 20); `totalGroups` counts them all. 0: no groups. */
  groupLimit?: number;
  /** Best articles shown per group (default 3). */
  groupHits?: number;
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
  /** The version's own date (ShardMeta.date) and whether it is the current text of its law. */
  date: string | null;
  current: boolean;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
  /** The query as understood: words (each all required), phrases, exclusions, filters. */
  parsed: ParsedQueryView;
  /** Problems worth telling the user (an unknown filter, a cache that had to be rebuilt…). */
  warnings: string[];
  /** The matching laws, best first (or newest first with sort: 'date'), each with its best articles. */
  groups: SearchGroup[];
  /** How many laws matched (groups lists the first `groupLimit`). */
  totalGroups: number;
  /** Counts over every matching article (not only the hits shown): what each facet filter would keep. */
  facets: SearchFacets;
  /** What was looked for and where: the words with the index terms and literal strings that stand for them. */
  searched: SearchedView;
}

/** A law among the results: all its matching versions, its best articles. */
export interface SearchGroup {
  /** Key of the law (ShardMeta.work, or derived: see groups.ts workKey). */
  work: string;
  /** The version the group shows first (the latest matching one with latestFirst, else the best). */
  doc: string;
  version: number;
  title: string;
  kind: string;
  jurisdiction: string;
  date: string | null;
  /** The group's score: its best article plus a share of the next two (laws with several relevant articles first). */
  score: number;
  /** Matching articles over all versions. */
  total: number;
  /** The matching versions, latest first. */
  versions: SearchGroupVersion[];
  /** Best articles, the shown version's first (groupHits of them). */
  hits: SearchHit[];
}

export interface SearchGroupVersion {
  doc: string;
  version: number;
  title: string;
  versionLabel: string | null;
  date: string | null;
  current: boolean;
  /** Matching articles of this version. */
  total: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

/** Article counts by 地区, 类型, 年份 and 现行/历史, largest first (years newest first). */
export interface SearchFacets {
  jurisdiction: FacetCount[];
  kind: FacetCount[];
  year: FacetCount[];
  status: Array<{ value: VersionStatus; count: number }>;
}

export interface SearchedView {
  /** Per query word: the index terms that find it and the literal string checked on the text. */
  words: Array<{ word: string; terms: string[]; literal: string | null }>;
  phrases: string[];
  excluded: string[];
  /** Document versions and articles the filters left to search. */
  documents: number;
  articles: number;
}

export interface ParsedQueryView {
  words: string[];
  phrases: string[];
  excluded: string[];
  filters: SearchFilters;
}
