/** Where the Compare view's places live in the address: #/compare/<left>/<right>/<row>, #/compare/history/<ref,ref,…>/<k>:<article>. */
import { formatHash } from '../../route';

export const DEFAULT_LEFT = 'hunan-2020-review@0';
export const DEFAULT_RIGHT = 'hunan-2020-review@1';

export function compareHash(left: string, right: string, row?: string | null): string {
  return formatHash('compare', left, right, row ?? undefined);
}

export function historyHash(chain: string[], version: number, article: number): string {
  const readable = (s: string) => encodeURIComponent(s).replace(/%40/g, '@');
  return `#/compare/history/${chain.map(readable).join(',')}/${version}:${article}`;
}
