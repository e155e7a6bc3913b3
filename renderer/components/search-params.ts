/**
 * The 检索 view's state as it stands in the hash: `#/search?q=融资担保&jurisdiction=湖南,浙江&sort=date`.
 * Lists are comma-separated (library ids, place names, kinds and years hold no commas), so a search with its
 * filters can be linked, reloaded and gone back to. Pure: the view and its parts read and write it here.
 */
import type { SearchOptions, VersionStatus } from '../../electron/engine/index/types';
import { formatHash, withParams } from '../route';

/** The filters a facet click or a group's 查看全部 sets (besides those typed in the query). */
export type FilterKey = 'jurisdiction' | 'kind' | 'year' | 'status' | 'doc' | 'stage';
export const FILTER_KEYS: readonly FilterKey[] = ['jurisdiction', 'kind', 'year', 'status', 'doc', 'stage'];

export const FILTER_LABELS: Record<FilterKey, string> = {
  jurisdiction: '地区',
  kind: '类型',
  year: '年份',
  status: '版本',
  doc: '法规',
  stage: '阶段',
};

export const STATUS_LABELS: Record<VersionStatus, string> = { current: '现行', historical: '历史' };

export type SearchSort = 'relevance' | 'date';
/** `laws`: grouped by law (the default); `articles`: one ranked list of articles. */
export type SearchLayout = 'laws' | 'articles';

export interface SearchParams {
  q: string;
  filters: Record<FilterKey, string[]>;
  sort: SearchSort;
  /** The latest version of each law first (SearchOptions.latestFirst); `latest=0` in the hash turns it off. */
  latestFirst: boolean;
  layout: SearchLayout;
}

const list = (v: string | undefined): string[] =>
  [...new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean))];

export function parseSearchParams(params: Record<string, string>): SearchParams {
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, list(params[k])])) as Record<FilterKey, string[]>;
  filters.year = filters.year.filter((y) => /^\d{4}$/.test(y));
  filters.status = filters.status.filter((s) => s === 'current' || s === 'historical');
  return {
    q: (params.q ?? '').trim(),
    filters,
    sort: params.sort === 'date' ? 'date' : 'relevance',
    latestFirst: params.latest !== '0',
    layout: params.view === 'articles' ? 'articles' : 'laws',
  };
}

export function searchHash(p: SearchParams): string {
  const out: Record<string, string | undefined> = { q: p.q.trim() };
  for (const k of FILTER_KEYS) out[k] = p.filters[k].join(',');
  if (p.sort === 'date') out.sort = 'date';
  if (!p.latestFirst) out.latest = '0';
  if (p.layout === 'articles') out.view = 'articles';
  return withParams(formatHash('search'), out);
}

export function hasFilters(p: SearchParams): boolean {
  return FILTER_KEYS.some((k) => p.filters[k].length > 0);
}

/** The same params with one filter's values replaced. */
export function withFilter(p: SearchParams, key: FilterKey, values: string[]): SearchParams {
  return { ...p, filters: { ...p.filters, [key]: [...new Set(values)] } };
}

/** A facet value clicked: added to its filter, or taken out when it was on. */
export function toggleFilter(p: SearchParams, key: FilterKey, value: string): SearchParams {
  const now = p.filters[key];
  return withFilter(p, key, now.includes(value) ? now.filter((v) => v !== value) : [...now, value]);
}

/** What the API is asked (besides the query, paging and group sizes). `except` leaves one filter out (facet counts). */
export function searchOptions(p: SearchParams, except?: FilterKey): SearchOptions {
  const f = (k: FilterKey): string[] => (k === except ? [] : p.filters[k]);
  const o: SearchOptions = { sort: p.sort, latestFirst: p.latestFirst };
  if (f('doc').length) o.docs = f('doc');
  if (f('jurisdiction').length) o.jurisdictions = f('jurisdiction');
  if (f('kind').length) o.kinds = f('kind');
  if (f('stage').length) o.stages = f('stage');
  if (f('year').length) o.years = f('year').map(Number);
  if (f('status').length) o.status = f('status') as VersionStatus[];
  return o;
}

/** Query-text filters (`jurisdiction:湖南`, `地区：湖南`, `year:2023`) by the key the API reports them under. */
const QUERY_KEYS: Record<string, string> = {
  docs: 'doc|文档',
  jurisdictions: 'jurisdiction|地区',
  kinds: 'kind|类型',
  stages: 'stage|阶段',
  years: 'year|年份',
};

/**
 * The query with one typed filter taken out (the × of its chip): `融资担保 jurisdiction:湖南` → `融资担保`.
 * Quoted values (`kind:"地方性法规"`) too; anything else in the query stays as typed.
 */
export function removeQueryFilter(query: string, key: string, value: string): string {
  const names = QUERY_KEYS[key];
  if (!names) return query;
  const v = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(^|[\\s\\u3000])(?:${names})[:：](?:${v}|["“「]${v}["”」])(?=$|[\\s\\u3000])`, 'gi');
  return query.replace(re, '$1').replace(/[\s\u3000]+/g, ' ').trim();
}
