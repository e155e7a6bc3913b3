/**
 * The `search` method, spread into the handler table of handlers.ts. One SearchCache per Library: it opens
 * the cached index (or builds it) once. The app calls `warmUpSearch(library)` after its server or window
 * is up, so that loading the segmenter's dictionaries (about a second) does not hold up the first screens;
 * a search that comes earlier waits for the same opening. Creating handlers alone writes nothing.
 */
import { hitsToCsv, hitsToXlsx } from '../engine/index/export';
import type { SearchOptions } from '../engine/index/types';
import { DuizhaoError } from '../engine/model';
import { SearchCache, type SearchLibrary } from '../services/search-cache';
import type { ApiHandlers } from './contract';

type SearchHandlers = Pick<ApiHandlers, 'search'>;

/** Start-up work first (the window, the document list), then the index. */
export const SEARCH_WARM_UP_DELAY_MS = 800;
const MAX_QUERY_CHARS = 500;
const MAX_LIMIT = 200;

function isSearchLibrary(x: unknown): x is SearchLibrary {
  const l = x as Partial<SearchLibrary> | null;
  return !!l && typeof l.documentEntries === 'function' && typeof l.get === 'function' && typeof l.home === 'string';
}

/** The search cache of each library object (so the handler table and the warm-up share one). */
const caches = new WeakMap<object, SearchCache>();

function cacheOf(library: unknown): SearchCache | null {
  if (!isSearchLibrary(library)) return null;
  let cache = caches.get(library);
  if (!cache) {
    cache = new SearchCache({ library });
    caches.set(library, cache);
  }
  return cache;
}

/** Opens the search index (and brings it up to date), after a short delay (the app's first screens go first). */
export function warmUpSearch(library: unknown, delayMs = SEARCH_WARM_UP_DELAY_MS): void {
  const cache = cacheOf(library);
  if (!cache) return;
  setTimeout(() => {
    cache
      .open()
      .catch((e: unknown) => process.stderr.write(`duizhao: search index: ${e instanceof Error ? e.message : String(e)}\n`));
  }, delayMs).unref();
}

function strings(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new DuizhaoError('bad_request', `${name} 必须是字符串数组。`);
  return value.length > 0 ? (value as string[]) : undefined;
}

export function createSearchHandlers(library: unknown): SearchHandlers {
  const cache = cacheOf(library);
  return {
    async search(req) {
      if (!cache) throw new DuizhaoError('not_found', '此文库不支持检索。');
      if (typeof req.query !== 'string') throw new DuizhaoError('bad_request', '缺少检索词（query）。');
      if (req.query.length > MAX_QUERY_CHARS) throw new DuizhaoError('bad_request', `检索词过长（最多 ${MAX_QUERY_CHARS} 字）。`);
      const limit = req.limit ?? 20;
      const offset = req.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new DuizhaoError('bad_request', `limit 须为 1–${MAX_LIMIT} 的整数。`);
      if (!Number.isInteger(offset) || offset < 0) throw new DuizhaoError('bad_request', 'offset 须为非负整数。');
      const options: SearchOptions = { limit, offset };
      const docs = strings(req.docs, 'docs');
      if (docs) options.docs = docs;
      const jurisdictions = strings(req.jurisdictions, 'jurisdictions');
      if (jurisdictions) options.jurisdictions = jurisdictions;
      const kinds = strings(req.kinds, 'kinds');
      if (kinds) options.kinds = kinds;
      const stages = strings(req.stages, 'stages');
      if (stages) options.stages = stages;
      if (req.years !== undefined) {
        if (!Array.isArray(req.years) || !req.years.every((y) => Number.isInteger(y))) throw new DuizhaoError('bad_request', 'years 必须是年份数组。');
        if (req.years.length > 0) options.years = req.years;
      }
      if (req.sort !== undefined) {
        if (req.sort !== 'relevance' && req.sort !== 'date') throw new DuizhaoError('bad_request', 'sort 须为 relevance 或 date。');
        options.sort = req.sort;
      }
      if (req.latestFirst !== undefined) {
        if (typeof req.latestFirst !== 'boolean') throw new DuizhaoError('bad_request', 'latestFirst 须为布尔值。');
        options.latestFirst = req.latestFirst;
      }
      for (const key of ['groupLimit', 'groupHits'] as const) {
        const v = req[key];
        if (v === undefined) continue;
        if (!Number.isInteger(v) || v < 0 || v > MAX_LIMIT) throw new DuizhaoError('bad_request', `${key} 须为 0–${MAX_LIMIT} 的整数。`);
        options[key] = v;
      }
      if (req.status !== undefined) {
        if (!Array.isArray(req.status) || !req.status.every((x) => x === 'current' || x === 'historical')) throw new DuizhaoError('bad_request', 'status 须为 current / historical 的数组。');
        if (req.status.length > 0) options.status = req.status;
      }
      return cache.search(req.query, options);
    },
  };
}

/**
 * Every hit of a search as a CSV (UTF-8 with BOM) or .xlsx file's bytes, for an export button: not in the
 * API contract yet (the 检索 view's export is to be wired through contract.ts); `options` as for `search`.
 * `linkBase` makes the links point at the web mode's route instead of duizhao://doc/.
 */
export async function exportSearch(
  library: unknown,
  query: string,
  options: SearchOptions,
  format: 'csv' | 'xlsx',
  linkBase?: string,
): Promise<{ bytes: Uint8Array; total: number; exported: number }> {
  const cache = cacheOf(library);
  if (!cache) throw new DuizhaoError('not_found', '此文库不支持检索。');
  const { result, rows } = await cache.exportRows(query, options, linkBase);
  const bytes = format === 'csv' ? new TextEncoder().encode(hitsToCsv(rows)) : await hitsToXlsx(rows, query);
  return { bytes, total: result.total, exported: rows.length };
}
