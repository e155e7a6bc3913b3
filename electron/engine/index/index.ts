/**
 * Topic search over article-level documents: analysis (analyse.ts), shards (shard.ts: lunr's BM25 index in
 * compact postings), the query language (query.ts), snippets (snippet.ts) and the multi-shard search
 * (search.ts). Pure: persistence works on bytes; the disk-aware cache is electron/services/search-cache.ts.
 */
export * from './types';
export { analyse, normaliseForMatch, STOP_TERMS } from './analyse';
export { shardSources, indexedArticle, paragraphText, yearsOf, type DocumentMeta } from './records';
export { Shard, buildShard, buildShardFromTerms, articleTerms, TermMemo, serialiseShard, loadShard, CorruptShardError, SHARD_FORMAT, FIELDS, BOOSTS } from './shard';
export { parseQuery, planQuery, wordAtoms, type ParsedQuery, type QueryPlan } from './query';
export { findRanges, makeSnippet, mergeRanges, type NeedleGroup, type Range } from './snippet';
export { SearchIndex, passes } from './search';
