/**
 * Readable redlines (修改对照稿 style): words deleted and inserted where most of a clause survives, the
 * old clause struck whole and the new one inserted whole where it was rewritten, no kept fragment of one
 * or two characters between changes. On real revisions (test/fixtures/revisions) and the Hunan seeds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions, type Comparison, type DiffSpan, type Pair } from '../../electron/engine/compare';
import { contentKey } from '../../electron/engine/compare/text';
import type { Article, Version } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { parseSeed } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'revisions');
const version = (name: string): Version => parseDocument(readFileSync(join(FIXTURES, name), 'utf8'), { id: name }).versions[0]!;
const pairOf = (c: Comparison, l: number, r: number): Pair => c.pairs.find((p) => p.left[0] === l && p.right[0] === r)!;
const changes = (spans: DiffSpan[]) => spans.filter((s) => s.op !== 'equal').map((s) => [s.op, s.text]);

const vocational = compareVersions(version('zhiye-jiaoyu-1996.md'), version('zhiye-jiaoyu-2022.md'));
const review = parseSeed('hunan-2020-review');
const comparisons: Array<[string, Comparison, Version, Version]> = [
  ['职业教育法 1996 → 2022', vocational, version('zhiye-jiaoyu-1996.md'), version('zhiye-jiaoyu-2022.md')],
  ['行政复议法 2017 → 2023', compareVersions(version('xingzheng-fuyi-2017.md'), version('xingzheng-fuyi-2023.md')), version('xingzheng-fuyi-2017.md'), version('xingzheng-fuyi-2023.md')],
  ['hunan-2020-review 修订草案 → 二次审议稿', compareVersions(review.versions[0]!, review.versions[1]!), review.versions[0]!, review.versions[1]!],
];

describe('readable redlines', () => {
  it('a rewritten clause is struck whole and the new one inserted whole (职业教育法 第三十二条 → 第五十二条)', () => {
    const first = pairOf(vocational, 32, 52).paragraphs.find((u) => u.left === 1 && u.right === 1)!;
    // By reading: 收取学费 became 奖励和资助制度; only "对经济困难的学生" and the sentence's end carry over.
    expect(first.diff.slice(0, 3)).toEqual([
      { op: 'delete', text: '职业学校、职业培训机构可以对接受中等、高等职业学校教育和职业培训的学生适当收取学费' },
      { op: 'insert', text: '国家建立对职业学校学生的奖励和资助制度，对特别优秀的学生进行奖励' },
      { op: 'equal', text: '，对经济困难的学生' },
    ]);
  });

  it('a clause that mostly survives is marked word by word (第三十五条 → 第六十条)', () => {
    const p = pairOf(vocational, 35, 60);
    expect(changes(p.diff)).toEqual([
      ['delete', '事业组织、社会团体、其他社会'],
      ['insert', '事业单位、社会'],
    ]);
    // …and so is a phrase replaced inside a kept sentence (第二十九条 → 第六十四条).
    const q = pairOf(vocational, 29, 64);
    expect(changes(q.diff)).toContainEqual(['delete', '可以收取企业']);
    expect(changes(q.diff)).toContainEqual(['insert', '由县级以上人民政府收取其']);
  });

  it.each(comparisons)('%s: no kept fragment of one or two characters between two changes', (_name, c) => {
    const confetti: string[] = [];
    for (const p of c.pairs) {
      for (const u of p.paragraphs) {
        u.diff.forEach((s, k) => {
          const before = u.diff[k - 1];
          const after = u.diff[k + 1];
          // A line break between two 项 is structure, not kept wording.
          if (s.op !== 'equal' || !before || !after || before.op === 'equal' || after.op === 'equal' || s.text.includes('\n')) return;
          if (contentKey(s.text).length <= 2) confetti.push(`${p.left}→${p.right}: …${before.text.slice(-6)}|${s.text}|${after.text.slice(0, 6)}…`);
        });
      }
    }
    expect(confetti).toEqual([]);
  });

  it.each(comparisons)('%s: every 款 row still reads as its two texts', (_name, c, left, right) => {
    const text = (spans: DiffSpan[], op: 'delete' | 'insert') => spans.filter((s) => s.op === 'equal' || s.op === op).map((s) => s.text).join('');
    const paragraph = (a: Article, n: number) => {
      const p = a.paragraphs[n - 1]!;
      return [p.text, ...p.items.map((i) => i.label + i.text)].filter((t, k) => k > 0 || t !== '').join('\n');
    };
    for (const p of c.pairs) {
      for (const u of p.paragraphs) {
        const la = left.articles.find((a) => a.number === (u.leftArticle ?? p.left[0]));
        const ra = right.articles.find((a) => a.number === (u.rightArticle ?? p.right[0]));
        // Reordered 项 show in the right's order, so only the right text reads straight.
        const reordered = u.items?.some((i) => i.relation === 'moved');
        if (u.left !== null && la && !reordered) expect(text(u.diff, 'delete'), `${p.left}→${p.right} 款${u.left}`).toBe(paragraph(la, u.left));
        if (u.right !== null && ra) expect(text(u.diff, 'insert'), `${p.left}→${p.right} 款${u.right}`).toBe(paragraph(ra, u.right));
      }
    }
  });
});
