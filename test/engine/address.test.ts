/**
 * Addressing (model/address.ts): every provision of the seeds — article, 款, 项, 目 — has an id and a
 * citation that both lead back to it; citations typed the ways people type them are understood.
 */
import { describe, expect, it } from 'vitest';
import { addressId, addressOf, articleText, cite, findArticle, parseAddressId, parseCitation, resolveAddress, type Address } from '../../electron/engine/model';
import { parseSeed, SEEDS, type SeedId } from '../helpers/seeds';

/** Every address of every regulation version of the seeds (not the policy opinion, which has no 条). */
function allAddresses(): Array<{ seed: SeedId; version: number; address: Address }> {
  const out: Array<{ seed: SeedId; version: number; address: Address }> = [];
  for (const seed of Object.keys(SEEDS) as SeedId[]) {
    const doc = parseSeed(seed);
    if (doc.kind === 'opinion') continue;
    doc.versions.forEach((v, version) => {
      for (const a of v.articles) {
        out.push({ seed, version, address: addressOf(a) });
        a.paragraphs.forEach((p, pi) => {
          out.push({ seed, version, address: addressOf(a, pi + 1) });
          for (const item of p.items) {
            out.push({ seed, version, address: addressOf(a, pi + 1, item.number) });
            for (const s of item.items ?? []) out.push({ seed, version, address: addressOf(a, pi + 1, item.number, s.number) });
          }
        });
      }
    });
  }
  return out;
}

describe('addresses of the seeds', () => {
  const all = allAddresses();

  it('cover articles, 款, 项 and 目', () => {
    expect(all.filter((x) => x.address.paragraph === undefined).length).toBe(65 + 36 + 38 + 35 + 81);
    expect(all.some((x) => x.address.item !== undefined)).toBe(true);
  });

  it('id → address → id, and citation → address, round-trip; both resolve to the provision', () => {
    const docs = new Map((Object.keys(SEEDS) as SeedId[]).map((s) => [s, parseSeed(s)]));
    for (const { seed, version, address } of all) {
      const id = addressId(address);
      expect(parseAddressId(id), id).toEqual(address);
      const citation = cite(address);
      expect(parseCitation(citation), citation).toEqual(address);
      const v = docs.get(seed)!.versions[version]!;
      expect(resolveAddress(v, address), `${seed}@${version} ${citation}`).not.toBeNull();
    }
  });

  it('ids read as the hierarchy: art_13__para_2__item_3', () => {
    expect(addressId({ article: 13, paragraph: 2, item: 3 })).toBe('art_13__para_2__item_3');
    expect(addressId({ article: 10, sub: 1 })).toBe('art_10_1');
    expect(parseAddressId('art_10_1__para_2')).toEqual({ article: 10, sub: 1, paragraph: 2 });
    expect(parseAddressId('art_3__item_2')).toBeNull(); // a 项 always stands in a 款
    expect(parseAddressId('chp_2')).toBeNull();
  });

  it('resolves Zhejiang 第二十七条 第一款 to the text of that 款, and refuses what is not there', () => {
    const v = parseSeed('zhejiang-2023').versions[0]!;
    const a = findArticle(v, 27)!;
    expect(resolveAddress(v, { article: 27, paragraph: 1 })?.paragraph).toBe(a.paragraphs[0]);
    expect(articleText(a).startsWith(a.paragraphs[0]!.text)).toBe(true);
    expect(resolveAddress(v, { article: 27, paragraph: a.paragraphs.length + 1 })).toBeNull();
    expect(resolveAddress(v, { article: 999 })).toBeNull();
    expect(findArticle(v, 27, 0)).toBe(a);
    expect(findArticle(v, 27, 1)).toBeNull();
  });
});

describe('citations as people type them', () => {
  const cases: Array<[string, Address | null]> = [
    ['第十三条', { article: 13 }],
    ['13', { article: 13 }],
    ['十三', { article: 13 }],
    ['第 十三 条', { article: 13 }],
    ['第一百零五条', { article: 105 }],
    ['10之1', { article: 10, sub: 1 }],
    ['第十条之一', { article: 10, sub: 1 }],
    ['第十条之一第二款', { article: 10, sub: 1, paragraph: 2 }],
    ['第五条第一款第三项', { article: 5, paragraph: 1, item: 3 }],
    ['第五条第一款第（三）项', { article: 5, paragraph: 1, item: 3 }],
    ['第五条第三项', { article: 5, paragraph: 1, item: 3 }],
    ['第二十条第一款第三项第2目', { article: 20, paragraph: 1, item: 3, subitem: 2 }],
    ['第（十一）项', null],
    ['前款', null],
    ['第二款', null],
    ['第〇条', null],
    ['本条例', null],
  ];
  for (const [text, want] of cases) {
    it(text, () => expect(parseCitation(text)).toEqual(want));
  }

  it('cites 项 without their parentheses and an opinion item by its label', () => {
    expect(cite({ article: 5, paragraph: 1, item: 3 })).toBe('第五条第一款第三项');
    expect(cite({ article: 11, paragraph: 2 }, '（十一）')).toBe('（十一）第二段');
    expect(cite({ article: 10, sub: 1, paragraph: 1 }, '第十条之一')).toBe('第十条之一第一款');
  });
});
