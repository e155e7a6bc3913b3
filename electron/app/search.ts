/**
 * Topic search over every article, on the index cached under the library's home (services/search-cache).
 * One cache per application layer: it opens the cached index (or builds it) once, and follows the
 * library's imports and removals. `warmUp` opens it ahead of the first search, after the first screens.
 * The hits of a search can be exported whole (CSV for any program, .xlsx for Excel), with a link back.
 */
import { hitsToCsv, hitsToXlsx } from '../engine/index/export';
import type { SearchOptions, SearchResult } from '../engine/index/types';
import { fail, say } from '../engine/model';
import { SearchCache, type SearchLibrary } from '../services/search-cache';

/** Start-up work first (the window, the document list), then the index. */
export const SEARCH_WARM_UP_DELAY_MS = 800;

export type SearchExportFormat = 'csv' | 'xlsx';

function isSearchLibrary(x: unknown): x is SearchLibrary {
  const l = x as Partial<SearchLibrary> | null;
  return !!l && typeof l.documentEntries === 'function' && typeof l.get === 'function' && typeof l.home === 'string';
}

export function createSearch(library: unknown) {
  // Warm-up searches only once `warmUp` says this is a long-lived process (see SearchCache.keepWarm).
  const cache = isSearchLibrary(library) ? new SearchCache({ library, warmUp: false }) : null;
  const ready = (): SearchCache => {
    if (!cache) throw fail('not_found', 'search.unsupported');
    return cache;
  };
  return {
    /** The hits of a query, grouped by law, with facets (CONTRACTS.md `search`; syntax in engine/index/query.ts). */
    search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
      return ready().search(query, options);
    },

    /**
     * Every hit of a query (up to the export limit) as a file: CSV (UTF-8 with BOM, so that Excel reads the
     * Chinese) or an .xlsx workbook; each row with title, article, text, jurisdiction, kind, date and a link.
     */
    async exportHits(query: string, options: SearchOptions, format: SearchExportFormat, linkBase?: string): Promise<{ bytes: Uint8Array; total: number; exported: number; filename: string }> {
      if (format !== 'csv' && format !== 'xlsx') throw fail('bad_request', 'export.unknown_format', { format: String(format) });
      const { result, rows } = await ready().exportRows(query, options, linkBase);
      const bytes = format === 'csv' ? new TextEncoder().encode(hitsToCsv(rows)) : await hitsToXlsx(rows, query);
      const name = query.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ').trim().slice(0, 40) || '检索';
      return { bytes, total: result.total, exported: rows.length, filename: `${say('search.export_name', { query: name })}.${format}` };
    },

    /**
     * Opens the search index (and brings it up to date), after `delayMs` (the app's first screens go first),
     * then runs its warm-up searches so that V8 has compiled the search before a person's first query.
     */
    warmUp(delayMs = SEARCH_WARM_UP_DELAY_MS): void {
      if (!cache) return;
      cache.keepWarm();
      setTimeout(() => {
        cache.open().catch((e: unknown) => process.stderr.write(`duizhao: ${say('engine.search_index_failed', { detail: e instanceof Error ? e.message : String(e) })}\n`));
      }, delayMs).unref();
    },
  };
}

export type SearchUseCase = ReturnType<typeof createSearch>;
