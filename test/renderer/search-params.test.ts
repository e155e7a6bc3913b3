/**
 * The 检索 view's state in the hash (renderer/components/search-params.ts): read back as written, the API
 * options it asks for, and a typed filter taken out of the query by its chip's ×.
 */
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../renderer/route';
import { parseSearchParams, removeQueryFilter, searchHash, searchOptions, toggleFilter } from '../../renderer/components/search-params';

const read = (hash: string) => parseSearchParams(parseHash(hash).params);

describe('search params in the hash', () => {
  it('reads back what it writes: lists, order, layout, latest-first', () => {
    let p = read('#/search?q=融资担保');
    expect(p).toMatchObject({ q: '融资担保', sort: 'relevance', latestFirst: true, layout: 'laws' });
    p = toggleFilter(toggleFilter(p, 'jurisdiction', '湖南'), 'jurisdiction', '浙江');
    p = { ...toggleFilter(p, 'year', '2021'), sort: 'date', latestFirst: false, layout: 'articles' };
    const hash = searchHash(p);
    expect(decodeURIComponent(hash)).toBe('#/search?q=融资担保&jurisdiction=湖南,浙江&year=2021&sort=date&latest=0&view=articles');
    expect(read(hash)).toEqual(p);
    // A second click takes a value off; the last one off leaves no parameter.
    expect(decodeURIComponent(searchHash(toggleFilter(p, 'jurisdiction', '湖南')))).toContain('jurisdiction=浙江&');
  });

  it('asks the API for the filters, and leaves one out for that facet’s own counts', () => {
    const p = read('#/search?q=x&jurisdiction=湖南,浙江&kind=法律&year=2021,20x1&status=historical,old&doc=hunan-2020@0');
    expect(searchOptions(p)).toEqual({ sort: 'relevance', latestFirst: true, jurisdictions: ['湖南', '浙江'], kinds: ['法律'], years: [2021], status: ['historical'], docs: ['hunan-2020@0'] });
    expect(searchOptions(p, 'jurisdiction').jurisdictions).toBeUndefined();
    expect(searchOptions(p, 'jurisdiction').kinds).toEqual(['法律']);
  });

  it('takes a typed filter out of the query, in either spelling, and nothing else', () => {
    expect(removeQueryFilter('融资担保 jurisdiction:湖南', 'jurisdictions', '湖南')).toBe('融资担保');
    expect(removeQueryFilter('地区：湖南 融资担保 year:2023', 'jurisdictions', '湖南')).toBe('融资担保 year:2023');
    expect(removeQueryFilter('融资担保 kind:"地方性法规"', 'kinds', '地方性法规')).toBe('融资担保');
    expect(removeQueryFilter('融资担保 year:2023', 'years', '2023')).toBe('融资担保');
    // Another value, or the word in the text, stays.
    expect(removeQueryFilter('湖南 jurisdiction:湖南省', 'jurisdictions', '湖南')).toBe('湖南 jurisdiction:湖南省');
  });
});
