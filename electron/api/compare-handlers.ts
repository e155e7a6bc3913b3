/**
 * The `compare` method: two library documents or versions, compared (see electron/engine/compare).
 * The last few results are kept, since the Compare view asks again when the user comes back to it.
 */
import { DuizhaoError, parseRef } from '../engine/model';
import { compareRefs, type DocumentComparison, type VersionSource } from '../services/comparison';
import type { ApiHandlers, DocumentSummary } from './contract';

type CompareHandlers = Pick<ApiHandlers, 'compare'>;

const KEEP = 6;

export function createCompareHandlers(library: VersionSource & { list(): DocumentSummary[] }): CompareHandlers {
  const recent = new Map<string, DocumentComparison>();
  const checkRef = (name: string, ref: unknown): string => {
    if (typeof ref !== 'string' || ref.trim() === '') throw new DuizhaoError('bad_request', `缺少要比较的文档（${name}）。`);
    // Library documents only: a file path would let the renderer read any file on disk.
    const { source } = parseRef(ref);
    if (!library.list().some((d) => d.id === source)) throw new DuizhaoError('not_found', `文库中没有文档“${source}”。`);
    return ref.trim();
  };
  return {
    async compare(req) {
      const left = checkRef('left', req.left);
      const right = checkRef('right', req.right);
      const key = `${left}\u0000${right}`;
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
