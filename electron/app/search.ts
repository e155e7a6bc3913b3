/**
 * Topic search over every article, on the index cached under the library's home (services/search-cache).
 * One cache per application layer: it opens the cached index (or builds it) once, and follows the
 * library's imports and removals. `warmUp` opens it ahead of the first search, after the first screens.
 */
import type { SearchOptions, SearchResult } from '../engine/index/types';
import { fail, say } from '../engine/model';
import { SearchCache, type SearchLibrary } from '../services/search-cache';

/** Start-up work first (the window, the document list), then the index. */
export const SEARCH_WARM_UP_DELAY_MS = 800;

function isSearchLibrary(x: unknown): x is SearchLibrary {
  const l = x as Partial<SearchLibrary> | null;
  return !!l && typeof l.documentEntries === 'function' && typeof l.get === 'function' && typeof l.home === 'string';
}

export function createSearch(library: unknown) {
  const cache = isSearchLibrary(library) ? new SearchCache({ library }) : null;
  return {
    /** The hits of a query (CONTRACTS.md `search`; syntax in engine/index/query.ts). */
    search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
      if (!cache) throw fail('not_found', 'search.unsupported');
      return cache.search(query, options);
    },

    /** Opens the search index and reads its shards, after `delayMs` (the app's first screens go first). */
    warmUp(delayMs = SEARCH_WARM_UP_DELAY_MS): void {
      if (!cache) return;
      setTimeout(() => {
        cache
          .open()
          .then((index) => index.loadAll())
          .catch((e: unknown) => process.stderr.write(`duizhao: ${say('engine.search_index_failed', { detail: e instanceof Error ? e.message : String(e) })}\n`));
      }, delayMs).unref();
    },
  };
}

export type SearchUseCase = ReturnType<typeof createSearch>;
