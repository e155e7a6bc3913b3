/**
 * The `search` and `exportSearch` methods, spread into the handler table of handlers.ts: the request
 * checked here, the search itself the application layer's (app/search.ts, over services/search-cache).
 */
import type { App } from '../app';
import type { SearchOptions } from '../engine/index/types';
import { fail } from '../engine/model';
import type { ApiHandlers, ApiRequest } from './contract';
import { fileAnswer } from './file-answer';

type SearchHandlers = Pick<ApiHandlers, 'search' | 'exportSearch'>;

const MAX_QUERY_CHARS = 500;
const MAX_LIMIT = 200;

function strings(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw fail('bad_request', 'api.not_string_list', { field: name });
  return value.length > 0 ? (value as string[]) : undefined;
}

/** The search options a request asks for, each checked. */
function optionsOf(req: ApiRequest<'search'>): SearchOptions {
  if (typeof req.query !== 'string') throw fail('bad_request', 'api.missing_field', { field: '检索词（query）' });
  if (req.query.length > MAX_QUERY_CHARS) throw fail('bad_request', 'search.query_too_long', { max: MAX_QUERY_CHARS });
  const limit = req.limit ?? 20;
  const offset = req.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw fail('bad_request', 'api.int_range', { field: 'limit', min: 1, max: MAX_LIMIT });
  if (!Number.isInteger(offset) || offset < 0) throw fail('bad_request', 'api.non_negative', { field: 'offset' });
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
    if (!Array.isArray(req.years) || !req.years.every((y) => Number.isInteger(y))) throw fail('bad_request', 'api.not_year_list');
    if (req.years.length > 0) options.years = req.years;
  }
  if (req.sort !== undefined) {
    if (req.sort !== 'relevance' && req.sort !== 'date') throw fail('bad_request', 'api.one_of', { field: 'sort', options: 'relevance、date' });
    options.sort = req.sort;
  }
  if (req.latestFirst !== undefined) {
    if (typeof req.latestFirst !== 'boolean') throw fail('bad_request', 'api.not_boolean', { field: 'latestFirst' });
    options.latestFirst = req.latestFirst;
  }
  for (const key of ['groupLimit', 'groupHits'] as const) {
    const v = req[key];
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0 || v > MAX_LIMIT) throw fail('bad_request', 'api.int_range', { field: key, min: 0, max: MAX_LIMIT });
    options[key] = v;
  }
  if (req.status !== undefined) {
    if (!Array.isArray(req.status) || !req.status.every((x) => x === 'current' || x === 'historical')) throw fail('bad_request', 'api.one_of', { field: 'status', options: 'current、historical' });
    if (req.status.length > 0) options.status = req.status;
  }
  return options;
}

export function createSearchHandlers(app: App): SearchHandlers {
  return {
    async search(req) {
      return app.search.search(req.query, optionsOf(req));
    },
    async exportSearch(req) {
      const { format, linkBase, ...rest } = req;
      const file = await app.search.exportHits(rest.query, { ...optionsOf(rest), limit: 1 }, format, typeof linkBase === 'string' ? linkBase : undefined);
      const mime = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return { ...fileAnswer(file.filename, mime, file.bytes), total: file.total, exported: file.exported };
    },
  };
}
