/**
 * What the page uses lives in model/ (browser-safe). Until the compare and index stages import these from
 * model/ themselves, their own copies must say the same: the relation names, and what a highlight matches.
 */
import { describe, expect, it } from 'vitest';
import { RELATION_LABELS as compareLabels } from '../../electron/engine/compare/labels';
import { normaliseForMatch as indexNormalise } from '../../electron/engine/index/analyse';
import { findRanges as indexFindRanges } from '../../electron/engine/index/snippet';
import { findRanges, normaliseForMatch, RELATION_LABELS } from '../../electron/engine/model';
import { seedText } from '../helpers/seeds';

describe('the page’s copies in model/', () => {
  it('name the relations as the comparison does', () => {
    expect(RELATION_LABELS).toEqual(compareLabels);
  });

  it('match highlights as the search does', () => {
    const text = seedText('zhejiang-2023');
    const needles = ['政府采购', '首台(套)', 'ＡＩ', '中小企业', '融资担保'];
    expect(findRanges(text, needles)).toEqual(indexFindRanges(text, needles));
    expect(findRanges(text, needles).length).toBeGreaterThan(10);
    for (const s of ['首台(套)', 'ＡＢＣ１２３', 'Ab（c）']) expect(normaliseForMatch(s)).toBe(indexNormalise(s));
  });
});
