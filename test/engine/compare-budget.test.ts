/**
 * The comparison's budget: past it, word diffs stop but the alignment is the same, and the result says
 * why (`limited`) and which pairs kept whole-text redlines (`diffSkipped`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, type Comparison } from '../../electron/engine/compare';
import { parseSeed } from '../helpers/seeds';

const review = parseSeed('hunan-2020-review');
const [draft, second] = review.versions as [NonNullable<(typeof review.versions)[0]>, NonNullable<(typeof review.versions)[1]>];
const shape = (c: Comparison) => c.pairs.map((p) => `${p.left}→${p.right} ${p.relation} ${p.paragraphs.map((u) => `${u.left}:${u.right}`).join(',')}`);

let full: Comparison;
beforeAll(() => {
  full = compareVersions(draft, second);
});

describe('compareVersions budget', () => {
  it('no budget: nothing limited, every pair diffed word by word', () => {
    expect(full.limited).toBeUndefined();
    expect(full.pairs.some((p) => p.diffSkipped)).toBe(false);
  });

  it('more articles than maxArticles: alignment only, said in the result', () => {
    const c = compareVersions(draft, second, { budget: { maxArticles: draft.articles.length + second.articles.length - 1 } });
    expect(c.limited?.reason).toBe('size');
    // Every pair with a 款 changed between the two sides is shown whole; the others need no word diff.
    const changedBothSides = full.pairs.filter((p) => p.paragraphs.some((u) => u.left !== null && u.right !== null && u.diff.some((s) => s.op !== 'equal')));
    expect(c.limited!.skipped).toBe(changedBothSides.length);
    expect(c.pairs.filter((p) => p.diffSkipped).map((p) => `${p.left}→${p.right}`)).toEqual(changedBothSides.map((p) => `${p.left}→${p.right}`));
    expect(shape(c)).toEqual(shape(full));
    // 草案第一条 → 二审第一条 gained a phrase: shown as the whole old text replaced by the new.
    const first = c.pairs.find((p) => p.left[0] === 1 && p.right[0] === 1)!;
    expect(first.diffSkipped).toBe(true);
    expect(first.diff.map((s) => s.op)).toEqual(['delete', 'insert']);
    // Within the limit, the comparison is the full one.
    const within = compareVersions(draft, second, { budget: { maxArticles: draft.articles.length + second.articles.length } });
    expect(within.limited).toBeUndefined();
    expect(within.pairs).toEqual(full.pairs);
  });

  it('out of time: the pairs not yet diffed keep their alignment', () => {
    const c = compareVersions(draft, second, { budget: { ms: 0 } });
    expect(c.limited?.reason).toBe('time');
    expect(shape(c)).toEqual(shape(full));
    expect(c.limited!.skipped).toBe(c.pairs.filter((p) => p.diffSkipped).length);
    expect(c.limited!.skipped).toBeGreaterThan(0);
  });
});
