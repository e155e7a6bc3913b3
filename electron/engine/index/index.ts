/**
 * Topic search over article-level documents: analysis (analyse.ts), segments (segment.ts: raw counts,
 * word and bigram postings, article texts), the query language (query.ts), snippets (snippet.ts), laws and
 * versions (groups.ts), the search with corpus-wide BM25F statistics (search.ts) and the export of hits
 * (export.ts). Pure: persistence works on bytes; the disk-aware cache is electron/services/search-cache.ts.
 */
export * from './types';
export { analyse, bigramKeys, normaliseForMatch, STOP_TERMS, ANALYSIS_VERSION } from './analyse';
export { shardSources, indexedArticle, paragraphText, yearsOf, dateOf, type DocumentMeta } from './records';
export {
  Segment,
  buildSegment,
  openSegment,
  analyseSource,
  memorySource,
  articleText,
  matchText,
  TermMemo,
  CorruptSegmentError,
  SEGMENT_FORMAT,
  SEGMENT_ARTICLES,
  type AnalysedSource,
  type ByteSource,
  type FieldTotals,
} from './segment';
export { parseQuery, planQuery, wordAtoms, type ParsedQuery, type QueryPlan, type QueryWord } from './query';
export { findRanges, makeSnippet, mergeRanges, type NeedleGroup, type Range } from './snippet';
export { workKeys, titleKey, type DocStatus } from './groups';
export { SearchIndex, passes, versionYear, idf, proximityBonus, FIELD_WEIGHTS, FIELD_B, K1, type Tombstone } from './search';
export { exportRows, hitsToCsv, hitsToXlsx, articleLink, EXPORT_COLUMNS, type ExportRow } from './export';
