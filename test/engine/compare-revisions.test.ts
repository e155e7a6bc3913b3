/**
 * Comprehensive revisions (全面修订): articles rewritten and moved far, chapters reorganised. Excerpts of
 * real dated versions from the shared corpus (test/fixtures/revisions/README.md). Every pair asserted here
 * was established by reading the two texts side by side; the comparison never sees an editor's table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, type Comparison, type Pair } from '../../electron/engine/compare';
import { articleId, articleLabel, type Version } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';

const FIXTURES = join(__dirname, '..', 'fixtures', 'revisions');
const version = (name: string): Version => parseDocument(readFileSync(join(FIXTURES, name), 'utf8'), { id: name }).versions[0]!;

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const pair = (c: Comparison, left: number[], right: number[]): Pair => {
  const found = c.pairs.filter((p) => same(p.left, left) && same(p.right, right));
  expect(found, `pair ${JSON.stringify(left)} → ${JSON.stringify(right)} in ${c.pairs.map((p) => `${p.left}→${p.right}`).join(' ')}`).toHaveLength(1);
  return found[0]!;
};

/**
 * Every article of both sides is in a pair; one that no split/merged pair names is in exactly one (an
 * article made of 款 of another is shown by the split/merged pair alone).
 */
function expectCoverage(c: Comparison, left: Version, right: Version): void {
  const shared = c.pairs.filter((p) => p.relation === 'split' || p.relation === 'merged');
  for (const [side, v] of [['left', left], ['right', right]] as const) {
    for (const a of v.articles) {
      const n = c.pairs.filter((p) => p[side].includes(a.number)).length;
      if (shared.some((p) => p[side].includes(a.number))) expect(n, `${side} ${a.label}`).toBeGreaterThanOrEqual(1);
      else expect(n, `${side} ${a.label}`).toBe(1);
    }
  }
}

describe('行政复议法 2017 → 2023 (修订, 43 → 90 条), excerpt', () => {
  const left = version('xingzheng-fuyi-2017.md');
  const right = version('xingzheng-fuyi-2023.md');
  let c: Comparison;
  beforeAll(() => {
    c = compareVersions(left, right);
  });

  it('articles that moved far pair as moved and renumbered, not as deleted + added', () => {
    // 第九条 (申请期限 六十日) went from 第三章 to 2023 第二十条 in the new 第二章第三节 申请的提出.
    // 第二十四条 (被申请人不得自行收集证据) is 2023 第四十六条, first 款, in the new 第四章第二节 行政复议证据.
    // 第八条 (行政处分、人事处理决定; 民事纠纷的调解) became 2023 第十二条 (不属于行政复议范围, 项（三）（四）).
    for (const [l, r] of [
      [9, 20],
      [24, 46],
      [8, 12],
    ] as const) {
      const p = pair(c, [l], [r]);
      expect(p.relation, `第${l}条 → 第${r}条`).toBe('moved');
      expect(p.renumbered).toBe(true);
    }
  });

  it('articles rewritten in place stay paired in order', () => {
    // 第五条 (对复议决定不服 → 行政诉讼) → 第十条; 第七条 (附带审查规范性文件) → 第十三条; 第十条 (申请人)
    // → 第十四条; 第二十条 (无正当理由不予受理) → 第三十五条; 第二十一条 (不停止执行) → 第四十二条;
    // 第二十三条 (七日内发送申请书副本) → 第四十八条.
    for (const [l, r] of [
      [5, 10],
      [7, 13],
      [10, 14],
      [11, 22],
      [20, 35],
      [21, 42],
      [23, 48],
    ] as const) {
      expect(pair(c, [l], [r]).relation, `第${l}条 → 第${r}条`).toBe('modified');
    }
    // 第二十二条 (书面审查) has no counterpart in the excerpt; the new 证据 articles are added.
    expect(pair(c, [22], []).relation).toBe('deleted');
    for (const r of [21, 44, 45]) expect(pair(c, [], [r]).relation).toBe('added');
    expectCoverage(c, left, right);
  });

  it('articles split across chapters: each 款 found where it went', () => {
    // 第三十一条: 第一款 (六十日内作出决定) is 2023 第六十二条 (第四章 审理, 普通程序); 第二款 (决定书) and
    // 第三款 (送达即生效) are 2023 第七十五条 (第五章 决定).
    const kept31 = pair(c, [31], [62]);
    expect(kept31.relation).toBe('modified');
    expect(kept31.paragraphs.filter((u) => u.movedTo).map((u) => [u.left, u.movedTo!.article, u.movedTo!.paragraph])).toEqual([
      [2, 75, 1],
      [3, 75, 2],
    ]);
    const split31 = pair(c, [31], [75]);
    expect(split31.relation).toBe('split');
    expect(split31.paragraphs.map((u) => [u.left, u.right])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    // 第二十三条: 第一款 (七日内发送副本) is 2023 第四十八条; 第二款 (查阅书面答复) is 2023 第四十七条.
    expect(pair(c, [23], [48]).paragraphs.find((u) => u.left === 2)!.movedTo).toMatchObject({ article: 47, paragraph: 1 });
    expect(pair(c, [23], [47]).relation).toBe('split');
  });
});

describe('职业教育法 1996 → 2022 (修订): 第四章 职业教育的保障条件, spread over four chapters', () => {
  const left = version('zhiye-jiaoyu-1996.md');
  const right = version('zhiye-jiaoyu-2022.md');
  /** By reading: 1996 article → 2022 article that continues it. */
  const MOVED: Array<[number, number]> = [
    [33, 41], // 举办企业的收入 → 第四章 职业学校: 校企合作、举办企业取得的收入
    [36, 44], // 职业教育教师的培养培训 → 第五章 教师
    [32, 52], // 学费; 奖学金、贷学金 → 第五章 受教育者: 奖励和资助, 奖学金、助学金
    [28, 58], // 企业承担职工职业教育的费用 → 企业提取和使用职工教育经费
    [29, 64], // 企业未实施职业教育: 责令改正, 收取经费 → 第七章 法律责任
  ];
  const IN_PLACE: Array<[number, number]> = [
    [26, 54], // 多种渠道筹集资金
    [27, 55], // 生均经费标准
    [31, 57], // 农村科学技术开发、技术推广的经费用于农村职业培训
    [34, 59], // 金融机构支持职业教育
    [35, 60], // 捐资助学
  ];
  let c: Comparison;
  beforeAll(() => {
    c = compareVersions(left, right);
  });

  it('provisions that moved to other chapters, rewritten, are moved and renumbered', () => {
    for (const [l, r] of MOVED) {
      const p = pair(c, [l], [r]);
      expect(p.relation, `第${l}条 → 第${r}条`).toBe('moved');
      expect(p.renumbered).toBe(true);
    }
  });

  it('provisions kept in the 保障 chapter pair in order; the rest is deleted / added', () => {
    for (const [l, r] of IN_PLACE) expect(pair(c, [l], [r]).relation, `第${l}条 → 第${r}条`).toBe('modified');
    // 第三十条 (教育附加费) and 第三十七条 (生产实习基地) share too little wording with any 2022 article.
    expect(pair(c, [30], []).relation).toBe('deleted');
    expect(pair(c, [37], []).relation).toBe('deleted');
    expectCoverage(c, left, right);
  });

  it('the same pairs when the 2022 chapters come in reverse order (a reorganisation)', () => {
    // The 2022 excerpt with its chapters reversed (法律责任 first, 职业学校 last) and renumbered 1..n.
    const chapters = [...new Set(right.articles.map((a) => a.chapter))].reverse();
    const articles = chapters.flatMap((ch) => right.articles.filter((a) => a.chapter === ch));
    const original = articles.map((a) => a.number);
    const reordered: Version = { ...right, articles: articles.map((a, k) => ({ ...a, number: k + 1, sub: undefined, label: articleLabel(k + 1), id: articleId(k + 1) })) };
    const r = compareVersions(left, reordered);
    const asPairs = (x: Comparison, number: (n: number) => number) =>
      x.pairs.map((p) => `${p.left.join(',')}→${p.right.map(number).join(',')}`).sort();
    expect(asPairs(r, (n) => original[n - 1]!)).toEqual(asPairs(c, (n) => n));
    // 第二十九条 now sits first: still the same provision, moved.
    const first = pair(r, [29], [original.indexOf(64) + 1]);
    expect(first.relation).toBe('moved');
  });
});

describe('立法法 2015 → 2023 (修正: the order is kept)', () => {
  const left = version('lifa-2015.md');
  const right = version('lifa-2023.md');

  it('every article pairs in order, renumbered after the inserted ones; nothing moved', () => {
    const c = compareVersions(left, right);
    for (let n = 10; n <= 16; n++) expect(['unchanged', 'modified']).toContain(pair(c, [n], [n + 3]).relation);
    expect(pair(c, [65], [72]).relation).toBe('modified');
    expect(pair(c, [66], [73]).relation).toBe('modified');
    expect(pair(c, [], [79]).relation).toBe('added');
    expect(c.summary.moved).toBe(0);
  });

  it('第十三条 stays with 第十六条 (its place), although 第七十九条 scores higher: order is a prior', () => {
    // 2015 第十三条 (全国人大及其常委会授权暂时调整法律) → 2023 第十六条 (the same power, 款 added);
    // 2023 第七十九条 is the new parallel power of 国务院 over 行政法规, worded like it.
    const c = compareVersions(left, right);
    const p = pair(c, [13], [16]);
    expect(p.relation).toBe('modified');
    const rival = c.pairs.find((x) => x.right.includes(79))!;
    expect(rival.left).toEqual([]);
  });
});
