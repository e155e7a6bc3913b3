/**
 * A word-level diff of two articles of different documents, for reading them side by side: which
 * wording one jurisdiction took over from the other. The compare engine's redline (jsdiff's diffArrays
 * on jieba words), so the Topics view reads like the Compare view.
 */
import { diffTexts } from '../compare/diff';
import { TokenCache } from '../compare/text';
import type { DiffSpan } from '../compare/types';
import type { Segmenter } from '../segment';

/** equal+delete spans rebuild the left text, equal+insert the right; `formal` marks punctuation-only changes. */
export type TokenDiffSpan = DiffSpan;

/** `cache`: a TokenCache the caller keeps across diffs of the same texts (one article against many). */
export function tokenDiff(left: string, right: string, segmenter: Segmenter, cache: TokenCache = new TokenCache(segmenter)): TokenDiffSpan[] {
  return diffTexts(left, right, cache);
}

export { TokenCache };
