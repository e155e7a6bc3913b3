/**
 * An article's history through a chain of versions (修订草案 → 二次审议稿 → enacted text): from the
 * comparisons of consecutive versions, which article(s) it was or became in each, and the pairs that
 * say how. Pure over comparison results; no segmentation (the renderer can use it).
 */
import type { Comparison, Pair } from './types';

export interface HistoryStep {
  /** Index of the version in the chain. */
  version: number;
  /** The article(s) the traced article is, in this version ([] once it was deleted / before it was added). */
  articles: number[];
  /** The pairs linking this version with the previous one (empty for the first version). */
  pairs: Pair[];
}

/**
 * `chain[k]` compares version k with version k+1. Starting from `article` in version `from`, follows
 * pairs forward and backward; a split article is followed into all its parts.
 */
export function traceArticle(chain: Comparison[], from: number, article: number): HistoryStep[] {
  const steps: HistoryStep[] = Array.from({ length: chain.length + 1 }, (_, version) => ({ version, articles: [], pairs: [] }));
  steps[from]!.articles = [article];
  for (let k = from; k < chain.length; k++) {
    const current = new Set(steps[k]!.articles);
    const pairs = chain[k]!.pairs.filter((p) => p.left.some((n) => current.has(n)));
    steps[k + 1]!.pairs = pairs;
    steps[k + 1]!.articles = unique(pairs.flatMap((p) => p.right));
  }
  for (let k = from; k > 0; k--) {
    const current = new Set(steps[k]!.articles);
    const pairs = chain[k - 1]!.pairs.filter((p) => p.right.some((n) => current.has(n)));
    steps[k]!.pairs = unique([...steps[k]!.pairs, ...pairs]);
    steps[k - 1]!.articles = unique(pairs.flatMap((p) => p.left));
  }
  return steps;
}

function unique<T>(xs: T[]): T[] {
  const out = [...new Set(xs)];
  return typeof out[0] === 'number' ? (out as number[]).sort((a, b) => a - b) as T[] : out;
}
