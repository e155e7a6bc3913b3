/**
 * Version comparison on the seeds. Truth for the 修订草案 → 二次审议稿 comparison is the 修改对照稿
 * itself: its table rows (which article the editor put beside which) and its editorial notes
 * (（移至第二十一条第一款）, （原第十三条第二款）…), both read by the parser — the comparison never
 * sees them. Truth for 二次审议稿 → enacted text was established by reading the two texts side by side.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, traceArticle, type Comparison, type DiffSpan, type Pair, type ParagraphRef } from '../../electron/engine/compare';
import { cnToInt, type Article, type LegalDocument } from '../../electron/engine/model';
import { parseSeed } from '../helpers/seeds';

const review: LegalDocument = parseSeed('hunan-2020-review');
const enacted: LegalDocument = parseSeed('hunan-2020');
const draft = review.versions[0]!; // 修订草案
const second = review.versions[1]!; // 二次审议稿

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const pairWith = (c: Comparison, left: number[], right: number[]) => c.pairs.filter((p) => same(p.left, left) && same(p.right, right));
const pairsOf = (c: Comparison, side: 'left' | 'right', n: number) => c.pairs.filter((p) => p[side].includes(n));
const allSpans = (p: Pair): DiffSpan[] => [...p.diff, ...p.paragraphs.flatMap((u) => u.diff)];
const textOf = (spans: DiffSpan[], op: 'delete' | 'insert') => spans.filter((s) => s.op === 'equal' || s.op === op).map((s) => s.text).join('');

/** "移至第二十一条第一款" → { article: 21, paragraph: 1 }; "原第二十条" → { article: 20 }. */
function noteTarget(note: string, verb: '移至' | '原'): { article: number; paragraph?: number } | null {
  const m = new RegExp(`${verb}第([一二三四五六七八九十百]+)条(?:第([一二三四五六七八九十]+)款)?`).exec(note);
  if (!m) return null;
  return { article: cnToInt(m[1]!)!, ...(m[2] ? { paragraph: cnToInt(m[2])! } : {}) };
}
const refMatches = (ref: ParagraphRef | undefined, t: { article: number; paragraph?: number }) =>
  !!ref && ref.article === t.article && (t.paragraph === undefined || ref.paragraph === t.paragraph);

let c: Comparison;
beforeAll(() => {
  c = compareVersions(draft, second);
});

describe('hunan-2020-review@0 → @1 reproduces the 修改对照稿', () => {
  const rows = review.table!.rows;

  it('the document has the 42 rows and the notes this test relies on', () => {
    expect(rows).toHaveLength(42);
    expect(draft.articles).toHaveLength(38);
    expect(second.articles).toHaveLength(35);
  });

  it('one pair per row, in the same order', () => {
    // The editor's row of a split/merged article has an empty right cell (the 款 went elsewhere).
    const asRow = (p: Pair) => (p.relation === 'split' || p.relation === 'merged' ? [p.left, []] : [p.left, p.right]);
    expect(c.pairs.map(asRow)).toEqual(rows.map((r) => [r.left, r.right]));
  });

  it('every row with both cells filled is a pair of those two articles', () => {
    for (const row of rows.filter((r) => r.left.length && r.right.length)) {
      const found = pairWith(c, row.left, row.right);
      expect(found, `row ${row.left} ↔ ${row.right}`).toHaveLength(1);
      expect(['unchanged', 'modified']).toContain(found[0]!.relation);
      expect(found[0]!.renumbered).toBe(row.left[0] !== row.right[0]);
    }
  });

  it('every row with an empty right cell is a deleted article, or split/merged where its note says it moved', () => {
    for (const row of rows.filter((r) => !r.right.length)) {
      const n = row.left[0]!;
      const article = draft.articles.find((a) => a.number === n)!;
      const targets = article.notes.map((note) => noteTarget(note, '移至')).filter((t) => t !== null);
      const found = pairsOf(c, 'left', n);
      expect(found, `草案第${n}条`).toHaveLength(1);
      const pair = found[0]!;
      if (targets.length === 0) {
        expect(pair.relation, `草案第${n}条 has no note: deleted`).toBe('deleted');
        expect(pair.right).toEqual([]);
      } else {
        // 草案第十三条 → 二审第二十一条第一款 and 第十六条第二款: split; 草案第二十条 → 二审第二十条第二款: merged.
        expect(pair.relation).toBe(targets.length > 1 ? 'split' : 'merged');
        expect(pair.right.slice().sort()).toEqual([...new Set(targets.map((t) => t.article))].sort());
        for (const t of targets) expect(pair.paragraphs.some((u) => refMatches(u.movedTo, t)), `草案第${n}条 → ${JSON.stringify(t)}`).toBe(true);
      }
    }
  });

  it('every row with an empty left cell is an added article', () => {
    for (const row of rows.filter((r) => !r.left.length)) {
      const found = pairsOf(c, 'right', row.right[0]!);
      expect(found).toHaveLength(1);
      expect(found[0]!.relation).toBe('added');
      expect(found[0]!.left).toEqual([]);
    }
  });

  it('every article of both versions is in exactly one pair, except the receivers of split/merged 款', () => {
    for (const a of draft.articles) expect(pairsOf(c, 'left', a.number)).toHaveLength(1);
    const receivers = new Set(c.pairs.filter((p) => p.relation === 'split' || p.relation === 'merged').flatMap((p) => p.right));
    expect([...receivers].sort((x, y) => x - y)).toEqual([16, 20, 21]);
    for (const a of second.articles) expect(pairsOf(c, 'right', a.number)).toHaveLength(receivers.has(a.number) ? 2 : 1);
  });

  it('the notes of the 二次审议稿 ("原第十三条第二款", "后两句为原第十九条第一款内容") are moves into the article', () => {
    const checked: string[] = [];
    for (const a of second.articles) {
      for (const note of a.notes) {
        const t = noteTarget(note, '原');
        if (!t) continue;
        const primary = c.pairs.find((p) => same(p.right, [a.number]) && p.left.length === 1)!;
        const fromUnit = primary.paragraphs.some((u) => refMatches(u.movedFrom, t));
        const fromSpan = allSpans(primary).some((s) => s.op === 'insert' && refMatches(s.movedFrom, t));
        expect(fromUnit || fromSpan, `二审${a.label} （${note}）`).toBe(true);
        checked.push(`${a.number}`);
      }
    }
    expect(checked).toEqual(['15', '16', '20', '21']);
  });

  it('草案第十九条 "后两句移至第十五条第四款": the sentence is marked as moved to 二审第十五条第四款', () => {
    const pair = pairWith(c, [19], [21])[0]!;
    const moved = allSpans(pair).filter((s) => s.op === 'delete' && refMatches(s.movedTo, { article: 15, paragraph: 4 }));
    expect(moved.map((s) => s.text).join('')).toContain('完善法人治理结构，建立现代企业制度');
    // And the 款 it came from is otherwise kept as 二审第二十一条第二款.
    expect(pair.paragraphs.find((u) => u.left === 1)!.right).toBe(2);
  });

  it('草案第十三条第二款 "移至第十六条第二款修改": moved with its wording changed', () => {
    const split = pairsOf(c, 'left', 13)[0]!;
    const unit = split.paragraphs.find((u) => u.left === 2)!;
    expect(unit.rightArticle).toBe(16);
    expect(unit.right).toBe(2);
    expect(unit.diff.some((s) => s.op === 'insert' && s.text.includes('人力资源和社会保障'))).toBe(true);
    // 第一款 moved as it was.
    const first = split.paragraphs.find((u) => u.left === 1)!;
    expect(first.diff.every((s) => s.op === 'equal')).toBe(true);
  });

  it('草案第二十五条 "第一款与第二款的顺序对调": the two 款 swap places', () => {
    const pair = pairWith(c, [25], [25])[0]!;
    const byLeft = (n: number) => pair.paragraphs.find((u) => u.left === n)!;
    expect(byLeft(1).right).toBe(2);
    expect(byLeft(2).right).toBe(1);
    expect(pair.paragraphs.some((u) => u.relation === 'moved')).toBe(true);
  });

  it('草案第十条 "对列项的顺序作了调整": 项 reordered, each kept 项 found under its new number', () => {
    const pair = pairWith(c, [10], [11])[0]!;
    const items = pair.paragraphs.find((u) => u.left === 1)!.items!;
    // By reading: 草案（二）→（一）, （五）→（二）, （六）→（三）, （七）→（四）, （一）→（五）, （三）→（六）, （四）→（七）.
    const mapping = Object.fromEntries(items.map((i) => [i.left, i.right]));
    expect(mapping).toEqual({ 1: 5, 2: 1, 3: 6, 4: 7, 5: 2, 6: 3, 7: 4 });
    expect(items.some((i) => i.relation === 'moved')).toBe(true);
    // The new numbers are marked as numbering, not as wording changes.
    const numbering = pair.diff.filter((s) => s.numbering);
    expect(numbering.length).toBeGreaterThan(0);
  });

  it('草案第三十七条 "最后一句的位置作了调整": the listed conduct moved within the article (into 项)', () => {
    const pair = pairWith(c, [37], [34])[0]!;
    const moved = allSpans(pair).filter((s) => s.op === 'delete' && s.movedTo?.article === 34);
    expect(moved.map((s) => s.text).join('')).toContain('非法占有或者无偿使用中小企业财产');
  });

  it('formal-only changes are marked: 草案第三十四条 → 二审第三十条 changes only punctuation', () => {
    const pair = pairWith(c, [34], [30])[0]!;
    expect(pair.formalOnly).toBe(true);
    expect(pair.diff.filter((s) => s.op !== 'equal').every((s) => s.formal)).toBe(true);
    // "行业协会商会" → "行业协会、商会"
    expect(pair.diff.some((s) => s.op === 'insert' && s.text === '、' && s.formal)).toBe(true);
  });

  it('the redline is on words and reproduces both texts', () => {
    const pair = pairWith(c, [1], [1])[0]!;
    expect(pair.diff).toEqual([
      { op: 'equal', text: '根据《中华人民共和国中小企业促进法》' },
      { op: 'insert', text: '和其他有关法律、行政法规' },
      { op: 'equal', text: '，结合本省实际，制定本办法。' },
    ]);
    for (const p of c.pairs.filter((x) => x.relation === 'unchanged' || x.relation === 'modified')) {
      const left = draft.articles.find((a) => a.number === p.left[0])!;
      const right = second.articles.find((a) => a.number === p.right[0])!;
      expect(textOf(p.diff, 'insert'), `right text of ${p.right}`).toBe(bodyText(right));
      // Reordered 款 and 项 show in the right's order; otherwise the left text reads as it was.
      const reordered = p.paragraphs.some((u) => (u.relation === 'moved' && u.left !== null && u.right !== null) || u.items?.some((i) => i.relation === 'moved'));
      // 草案第十条 (项 reordered), 第二十五条 (款 swapped, both noted) and 第十一条, by reading: its second
      // 款 (再担保) now follows the 款 that was its third (二审第十四条第三款 after 第二款).
      expect(reordered, `草案第${p.left[0]}条`).toBe([10, 11, 25].includes(p.left[0]!));
      if (!reordered) {
        expect(textOf(p.diff, 'delete'), `left text of ${p.left}`).toBe(bodyText(left));
      }
    }
  });

  it('the summary counts the relations', () => {
    expect(c.summary).toEqual({ unchanged: 1, modified: 30, moved: 0, split: 1, merged: 1, added: 4, deleted: 5 });
  });
});

/** An article's body as the comparison writes it: 款 on lines, 项 on lines. */
function bodyText(a: Article): string {
  return a.paragraphs.map((p) => [p.text, ...p.items.map((i) => i.label + i.text)].filter((t, k) => k > 0 || t !== '').join('\n')).join('\n');
}

describe('hunan-2020-review@1 (二次审议稿, 35 条) → hunan-2020 (enacted, 36 条), as verified by reading', () => {
  let e: Comparison;
  beforeAll(() => {
    e = compareVersions(second, enacted.versions[0]!);
  });

  it('one article was added (第二十三条, 高层次人才服务); every other article is kept in order, renumbered after it', () => {
    expect(e.pairs).toHaveLength(36);
    expect(e.summary.added).toBe(1);
    expect(pairWith(e, [], [23])[0]!.relation).toBe('added');
    for (let n = 1; n <= 35; n++) {
      const to = n <= 22 ? n : n + 1;
      const p = pairWith(e, [n], [to]);
      expect(p, `二审第${n}条 → 第${to}条`).toHaveLength(1);
      expect(['unchanged', 'modified']).toContain(p[0]!.relation);
    }
  });

  it('the eleven articles enacted word for word are unchanged (their 【headings】 were dropped)', () => {
    const unchanged = e.pairs.filter((p) => p.relation === 'unchanged').map((p) => p.left[0]);
    expect(unchanged).toEqual([1, 5, 13, 16, 17, 19, 24, 28, 29, 30, 31]);
    expect(pairWith(e, [1], [1])[0]!.headingChanged).toBe(true);
  });

  it('第三条 changed only a half-width comma: formal', () => {
    const p = pairWith(e, [3], [3])[0]!;
    expect(p.relation).toBe('modified');
    expect(p.formalOnly).toBe(true);
    expect(p.diff.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: ',', formal: true },
      { op: 'insert', text: '，', formal: true },
    ]);
  });

  it('第十八条, rewritten (离岗创业 → 挂职、兼职、离岗创办), still pairs: same place, same subject', () => {
    const p = pairWith(e, [18], [18])[0]!;
    expect(p.relation).toBe('modified');
    expect(p.similarity).toBeLessThan(0.4);
  });

  it('第十四条: its fourth 款 was folded into the second', () => {
    const p = pairWith(e, [14], [14])[0]!;
    expect(p.paragraphs.find((u) => u.left === 4)!.right).toBeNull();
    expect(allSpans(p).some((s) => s.op === 'delete' && s.movedTo?.article === 14 && s.movedTo.paragraph === 2 && s.text.includes('担保机构为中小企业提供融资担保'))).toBe(true);
  });

  it('第二十一条 lost its first 款 (the one taken from 草案第十三条); 第三十二条 → 第三十三条 gained a first 款', () => {
    const p21 = pairWith(e, [21], [21])[0]!;
    expect(p21.paragraphs.find((u) => u.left === 1)!.relation).toBe('deleted');
    expect(p21.paragraphs.find((u) => u.left === 2)!.right).toBe(1);
    const p32 = pairWith(e, [32], [33])[0]!;
    expect(p32.paragraphs.find((u) => u.right === 1)!.relation).toBe('added');
    expect(p32.paragraphs.find((u) => u.left === 1)!.right).toBe(2);
  });

  it('第三十四条 → 第三十五条: 项（七） inserted, the old （七） renumbered （八）', () => {
    const p = pairWith(e, [34], [35])[0]!;
    const items = p.paragraphs[0]!.items!;
    expect(items.find((i) => i.right === 7)!.relation).toBe('added');
    expect(items.find((i) => i.left === 7)!).toMatchObject({ right: 8, relation: 'unchanged' });
    expect(p.diff.some((s) => s.op === 'insert' && s.text.includes('违法向中小企业摊派财物的'))).toBe(true);
  });
});

describe('article history: 修订草案 → 二次审议稿 → enacted', () => {
  let chain: Comparison[];
  beforeAll(() => {
    chain = [c, compareVersions(second, enacted.versions[0]!)];
  });

  it('草案第十三条 went into 二审第十六条 and 第二十一条, which are 第十六条 and 第二十一条 of the enacted text', () => {
    expect(traceArticle(chain, 0, 13).map((s) => s.articles)).toEqual([[13], [16, 21], [16, 21]]);
  });

  it('草案第十条 → 二审第十一条 → 第十一条; 草案第二十一条 was deleted', () => {
    expect(traceArticle(chain, 0, 10).map((s) => s.articles)).toEqual([[10], [11], [11]]);
    const deleted = traceArticle(chain, 0, 21);
    expect(deleted.map((s) => s.articles)).toEqual([[21], [], []]);
    expect(deleted[1]!.pairs[0]!.relation).toBe('deleted');
  });

  it('backwards: enacted 第二十三条 is new in the enacted text; 二审第十六条 came from 草案第十三条 and 第十四条', () => {
    expect(traceArticle(chain, 2, 23).map((s) => s.articles)).toEqual([[], [], [23]]);
    expect(traceArticle(chain, 1, 16).map((s) => s.articles)).toEqual([[13, 14], [16], [16]]);
  });
});
