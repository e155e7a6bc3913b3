/**
 * The `compare` method: two library documents or versions, compared (see electron/engine/compare).
 * The last few results are kept, since the Compare view asks again when the user comes back to it.
 */
import { compareRefs, type DocumentComparison, type VersionSource } from '../services/comparison';
import type { ApiHandlers, DocumentSummary } from './contract';
import { cacheKey, libraryRef } from './library-ref';

type CompareHandlers = Pick<ApiHandlers, 'compare'>;

const KEEP = 6;

export function createCompareHandlers(library: VersionSource & { list(): DocumentSummary[] }): CompareHandlers {
  const recent = new Map<string, DocumentComparison>();
  return {
    async compare(req) {
      const sides = [libraryRef(library, req.left, 'left'), libraryRef(library, req.right, 'right')];
      const [left, right] = sides.map((s) => s.ref) as [string, string];
      const key = cacheKey(sides);
      let result = recent.get(key);
      if (!result) {
        result = compareRefs(library, left, right);
        recent.set(key, result);
        if (recent.size > KEEP) recent.delete(recent.keys().next().value!);
      }
      return result;
    },
  };
}
