/**
 * The 对照稿 display model on the seeds: the Hunan 修订草案 → 二次审议稿 → 施行文本 chain. Every column must
 * be its version's own text; marks say what changed and nothing else; split rows stand 款 by 款; the 沿革
 * columns are the versions' own texts marked against their neighbours.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { articleBody } from '../../electron/engine/annotate';
import { compareVersions, type Comparison } from '../../electron/engine/compare';
import { buildDisplay, buildHistoryColumns, columnNames, comparisonTitle, type DisplayArticle, type DisplayComparison, type DisplayRow, type DisplayRun, type NameInput } from '../../electron/engine/display';
import { articleText, findArticle, paragraphText, RELATION_LABELS, type Version } from '../../electron/engine/model';
import { parseSeed } from '../helpers/seeds';

const review = parseSeed('hunan-2020-review');
const [draft, second] = [review.versions[0]!, review.versions[1]!];
const enacted = parseSeed('hunan-2020').versions[0]!;

// How the library describes the three texts (corpus/manifest.json).
const REVIEW_TITLE = '湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）修改对照稿';
const HUNAN_TITLE = '湖南省实施《中华人民共和国中小企业促进法》办法';
const chainInputs: NameInput[] = [
  { title: REVIEW_TITLE, versionLabel: '修订草案', doc: 'hunan-2020-review', stage: '二次审议', shortTitle: '湖南修改对照稿' },
  { title: REVIEW_TITLE, versionLabel: '二次审议稿', doc: 'hunan-2020-review', stage: '二次审议', shortTitle: '湖南修改对照稿' },
  { title: HUNAN_TITLE, versionLabel: null, doc: 'hunan-2020', stage: '施行', shortTitle: '湖南办法', dates: { effective: '2021-01-01' } },
];

function side(ref: string, doc: string, version: number, text: Version, names: { name: string; fullName: string }, title: string) {
  return { ref, doc, version, title, ...names, text };
}

let c01: Comparison;
let c12: Comparison;
let shown: DisplayComparison;
beforeAll(() => {
  c01 = compareVersions(draft, second);
  c12 = compareVersions(second, enacted);
  const [n0, n1] = columnNames(chainInputs.slice(0, 2));
  shown = buildDisplay({
    left: side('hunan-2020-review@0', 'hunan-2020-review', 0, draft, n0!, REVIEW_TITLE),
    right: side('hunan-2020-review@1', 'hunan-2020-review', 1, second, n1!, REVIEW_TITLE),
    pairs: c01.pairs,
    options: { redline: true },
  });
});

const text = (runs: DisplayRun[]) => runs.map((r) => r.text).join('');
const runsOf = (a: DisplayArticle) => a.paragraphs.flatMap((p) => p.units.flatMap((u) => u.runs));
const rowOf = (key: string) => shown.rows.find((r) => r.key === key)!;
/** The pieces of a band as "第十三条第一款" strings. */
const bandSide = (row: DisplayRow, band: number, s: 'left' | 'right') =>
  row.bands[band]![s].flatMap((p) => p.paragraphs.map((i) => `${row[s][p.article]!.label}第${row[s][p.article]!.paragraphs[i]!.index}款`));

describe('the 对照稿 display model', () => {
  it('has one row per pair of the comparison (Hunan: 42), keyed, labelled in Chinese, counted as the comparison counts', () => {
    expect(shown.rows).toHaveLength(42);
    expect(shown.rows.map((r) => r.key)).toEqual(c01.pairs.map((p) => `${p.left.join('.') || '0'}-${p.right.join('.') || '0'}`));
    expect(shown.rows.map((r) => r.relationLabel)).toEqual(c01.pairs.map((p) => RELATION_LABELS[p.relation]));
    expect(Object.fromEntries(shown.summary.map((s) => [s.relation, s.count]))).toEqual(Object.fromEntries(Object.entries(c01.summary).filter(([, n]) => n > 0)));
    expect(shown.stats).toMatchObject({ renumbered: c01.stats.renumbered, formalOnly: c01.stats.formalOnly, leftArticles: 38, rightArticles: 35 });
    expect([shown.left.name, shown.right.name]).toEqual(['修订草案', '二次审议稿']);
  });

  it('each column is its version’s own text: whole articles as written, the 款 of a partial one as written', () => {
    const seen = { left: new Set<string>(), right: new Set<string>() };
    for (const row of shown.rows) {
      for (const [s, version] of [['left', draft], ['right', second]] as const) {
        for (const a of row[s]) {
          const source = findArticle(version, a.number, a.sub)!;
          seen[s].add(source.id);
          if (!a.partial) expect(a.paragraphs.map((p) => p.units.map((u) => text(u.runs)).join('\n')).join('\n'), `${s} ${a.label}`).toBe(articleBody(source));
          for (const p of a.paragraphs) expect(p.units.map((u) => text(u.runs)).join('\n')).toBe(paragraphText(source.paragraphs[p.index - 1]!));
          expect(a.heading ? text(a.heading) : null).toBe(source.heading);
        }
        // Every band shows each of the row's 款 exactly once.
        const placed = row.bands.flatMap((b) => b[s].flatMap((p) => p.paragraphs.map((i) => `${p.article}:${i}`)));
        expect(placed.sort()).toEqual(row[s].flatMap((a, k) => a.paragraphs.map((_, i) => `${k}:${i}`)).sort());
      }
    }
    // No article is left out.
    expect(seen.left.size).toBe(draft.articles.length);
    expect(seen.right.size).toBe(second.articles.length);
  });

  it('marks deletions and moves on the left only, additions on the right only; formal and numbering changes flagged', () => {
    for (const row of shown.rows) {
      for (const a of row.left) expect(runsOf(a).every((r) => r.mark !== 'added' && !r.added)).toBe(true);
      for (const a of row.right) expect(runsOf(a).every((r) => r.mark === 'none' || r.mark === 'added')).toBe(true);
    }
    // No mark is lost or made up: in every row of articles that correspond whole, the marked characters of
    // each side are the characters the comparison deleted and inserted.
    shown.rows.forEach((row, i) => {
      if (row.layout !== 'articles') return;
      const diff = c01.pairs[i]!.paragraphs.flatMap((u) => u.diff);
      const count = (op: 'delete' | 'insert') => diff.filter((x) => x.op === op).reduce((n, x) => n + x.text.replace(/\n/g, '').length, 0);
      const marked = (articles: DisplayArticle[], marks: string[]) => articles.flatMap(runsOf).filter((r) => marks.includes(r.mark)).reduce((n, r) => n + r.text.length, 0);
      if (row.relation === 'deleted' || row.relation === 'added') return; // marked whole
      expect(marked(row.left, ['deleted', 'moved']), row.key).toBe(count('delete'));
      expect(marked(row.right, ['added']), row.key).toBe(count('insert'));
    });
    // 草案第三十四条 → 第三十条 differs only in punctuation ("行业协会、商会"): every mark formal.
    const formal = rowOf('34-30');
    expect(formal.formalOnly).toBe(true);
    const marks = [...formal.left, ...formal.right].flatMap(runsOf).filter((r) => r.mark !== 'none');
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((r) => r.formal)).toBe(true);
    // 第十条 → 第十一条: the 项 reordered keep their text; only their numbers are marked, as numbering.
    const tenth = rowOf('10-11');
    const items = tenth.left[0]!.paragraphs[0]!.units.filter((u) => u.kind === 'item');
    expect(items).toHaveLength(7);
    expect(items.every((u) => u.runs[0]!.mark === 'deleted' && u.runs[0]!.numbering === true && /^（[一二三四五六七]）$/.test(u.runs[0]!.text))).toBe(true);
    expect(text(items[0]!.runs)).toBe('（一）优化贷款审批流程，提高贷款审批效率；'); // the left in its own order
    expect(runsOf(tenth.left[0]!).filter((r) => r.mark === 'deleted' && !r.numbering && !r.formal).map((r) => r.text)).toContain('银行机构');
    expect(runsOf(tenth.right[0]!).filter((r) => r.mark === 'added' && !r.numbering && !r.formal).map((r) => r.text)).toContain('金融机构');
    expect(tenth.notes.map((n) => n.text)).toEqual(['对列项的顺序作了调整']);
  });

  it('a split row stands 款 by 款: 草案第十三条第一款 opposite 第二十一条第一款, 第二款 opposite 第十六条第二款', () => {
    const split = rowOf('13-16.21');
    expect(split.relation).toBe('split');
    expect(split.layout).toBe('paragraphs');
    expect(split.bands).toHaveLength(2);
    expect([bandSide(split, 0, 'left'), bandSide(split, 0, 'right')]).toEqual([['第十三条第1款'], ['第二十一条第1款']]);
    expect([bandSide(split, 1, 'left'), bandSide(split, 1, 'right')]).toEqual([['第十三条第2款'], ['第十六条第2款']]);
    // The same words on both sides of each band.
    const d13 = findArticle(draft, 13)!;
    const p = (s: 'left' | 'right', band: number) => {
      const piece = split.bands[band]![s][0]!;
      return split[s][piece.article]!.paragraphs[piece.paragraphs[0]!]!;
    };
    expect(text(p('left', 0).units[0]!.runs)).toBe(d13.paragraphs[0]!.text);
    expect(text(p('right', 0).units[0]!.runs)).toBe(findArticle(second, 21)!.paragraphs[0]!.text);
    expect(text(p('left', 1).units[0]!.runs)).toBe(d13.paragraphs[1]!.text);
    expect(text(p('right', 1).units[0]!.runs)).toBe(findArticle(second, 16)!.paragraphs[1]!.text);
    // All of 草案第十三条 moved away (阴影), each 款 saying where to; the label at the first piece, the notes after the last.
    expect(runsOf(split.left[0]!).every((r) => r.mark === 'moved')).toBe(true);
    expect(split.left[0]!.paragraphs.map((x) => x.movedTo?.label)).toEqual(['第二十一条第一款', '第十六条第二款']);
    expect(split.bands.map((b) => b.left[0]!.head)).toEqual([true, false]);
    expect(split.bands.map((b) => b.left[0]!.last)).toEqual([false, true]);
    expect(split.bands.every((b) => b.left[0]!.numbered && b.right[0]!.numbered)).toBe(true);
    // In the right column only what changed on the way: 第十六条第二款's new words.
    expect(split.right.map((a) => a.label)).toEqual(['第十六条', '第二十一条']);
    expect(runsOf(split.right[0]!).filter((r) => r.mark === 'added').map((r) => r.text).join('')).toContain('人力资源和社会保障、财政等');
    expect(runsOf(split.right[1]!).filter((r) => r.mark !== 'none')).toEqual([]);
  });

  it('a merged row: 草案第二十条 stands opposite the 款 it became, 第二十条第二款', () => {
    const merged = rowOf('20-20');
    expect(merged.relation).toBe('merged');
    expect(merged.bands.map((_, k) => [bandSide(merged, k, 'left'), bandSide(merged, k, 'right')])).toEqual([[['第二十条第1款'], ['第二十条第2款']]]);
  });

  it('rows whose articles correspond whole are one band; a deleted article has its "参见" once, naming the side', () => {
    expect(shown.rows.filter((r) => r.layout === 'articles').every((r) => r.bands.length === 1)).toBe(true);
    expect(rowOf('28-0').related).toMatchObject({ side: 'right', text: '参见二次审议稿第二十七条第三款' });
    // 浙江条例 → 湖南办法: 浙江第四条 has no counterpart; two of its 款 resemble the same 款 of 湖南第二条.
    const zhejiang = parseSeed('zhejiang-2023').versions[0]!;
    const c = compareVersions(zhejiang, enacted);
    const pair = c.pairs.find((p) => p.left.join() === '4' && p.relation === 'deleted')!;
    expect(pair.related!.filter((r) => r.label === '第二条第二款').length).toBeGreaterThan(1);
    const [nz, nh] = columnNames([
      { title: '浙江省促进中小微企业发展条例', versionLabel: null, doc: 'zhejiang-2023', stage: '施行', shortTitle: '浙江条例' },
      { title: HUNAN_TITLE, versionLabel: null, doc: 'hunan-2020', stage: '施行', shortTitle: '湖南办法' },
    ]);
    const d = buildDisplay({ left: side('zhejiang-2023', 'zhejiang-2023', 0, zhejiang, nz!, ''), right: side('hunan-2020', 'hunan-2020', 0, enacted, nh!, HUNAN_TITLE), pairs: c.pairs });
    const related = d.rows.find((r) => r.key === '4-0')!.related!;
    expect(related.text).toBe(`参见湖南办法${[...new Set(pair.related!.map((r) => r.label))].join('、')}`);
    expect(new Set(related.refs.map((r) => r.label)).size).toBe(related.refs.length);
  });

  it('the redline of each row, 款 by 款, names the 款 on both sides (the terminal draws it)', () => {
    const split = rowOf('13-16.21');
    expect(split.changes!.map((ch) => [ch.left, ch.right, ch.relationLabel, ch.move])).toEqual([
      ['第十三条第一款', '第二十一条第一款', '移动', '移至第二十一条第一款'],
      ['第十三条第二款', '第十六条第二款', '移动', '移至第十六条第二款'],
    ]);
    const first = rowOf('1-1').changes![0]!;
    expect(first.lines[0]!.filter((r) => r.mark === 'added').map((r) => r.text)).toEqual(['和其他有关法律、行政法规']);
    expect(buildDisplay({ left: side('a', 'a', 0, draft, { name: 'a', fullName: 'a' }, ''), right: side('b', 'b', 1, second, { name: 'b', fullName: 'b' }, ''), pairs: c01.pairs }).rows[0]!.changes).toBeUndefined();
  });
});

describe('沿革 columns', () => {
  const names = () => columnNames(chainInputs);
  const columns = (articles: [number, number[], number[]], relations: Array<'modified' | 'split' | null>) => {
    const n = names();
    const versions = [draft, second, enacted];
    return buildHistoryColumns({
      steps: versions.map((v, k) => ({
        ref: ['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020'][k]!,
        name: n[k]!.name,
        title: k < 2 ? REVIEW_TITLE : HUNAN_TITLE,
        doc: k < 2 ? 'hunan-2020-review' : 'hunan-2020',
        version: k < 2 ? k : 0,
        text: v,
        articles: (k === 0 ? [articles[0]] : articles[k as 1 | 2]).map((x) => findArticle(v, x)!),
        relation: relations[k]!,
      })),
      comparisons: [c01.pairs, c12.pairs],
    });
  };

  it('第十条 → 第十一条 → 第十一条: each column exactly its version’s text, marked against both neighbours', () => {
    const cols = columns([10, [11], [11]], [null, 'modified', 'modified']);
    expect(cols.map((c) => c.name)).toEqual(['修订草案', '二次审议稿', '施行文本']);
    const sources = [findArticle(draft, 10)!, findArticle(second, 11)!, findArticle(enacted, 11)!];
    cols.forEach((c, k) => {
      const a = c.articles[0]!;
      expect(a.partial).toBe(false);
      expect(a.paragraphs.map((p) => p.units.map((u) => text(u.runs)).join('\n')).join('\n')).toBe(articleText(sources[k]!));
    });
    // What the old page showed, matching neither version.
    const all = cols.map((c) => c.articles[0]!.paragraphs.map((p) => p.units.map((u) => text(u.runs)).join('')).join('')).join('');
    for (const garbled of ['（二）（一）', '线上融资产品。；', '融资规模和比例；，运用']) expect(all).not.toContain(garbled);
    // The first column only loses text, the last only gains; the middle one both.
    const marks = (k: number) => runsOf(cols[k]!.articles[0]!);
    expect(marks(0).some((r) => r.mark === 'added' || r.added)).toBe(false);
    expect(marks(2).some((r) => r.mark === 'deleted' || r.mark === 'moved')).toBe(false);
    const added1 = marks(1).filter((r) => r.mark === 'added' || r.added).map((r) => r.text).join('');
    const gone1 = marks(1).filter((r) => r.mark === 'deleted').map((r) => r.text).join('');
    expect(added1).toContain('特许经营权融资和'); // new in the 二次审议稿
    expect(added1).toContain('金融机构');
    expect(gone1).toContain('掌上贷'); // gone in the 施行文本 ("推广线上融资产品")
    expect(marks(2).filter((r) => r.mark === 'added').map((r) => r.text).join('')).toContain('歧视性要求');
    expect(cols.map((c) => [c.relationLabel, c.renumbered, c.from])).toEqual([
      [null, false, []],
      ['修改', true, ['第十条']],
      ['修改', false, []],
    ]);
  });

  it('草案第十三条 → 第十六条、第二十一条: the 二次审议稿 columns whole, the 款 the 施行文本 drops shaded there', () => {
    const cols = columns([13, [16, 21], [16, 21]], [null, 'split', 'modified']);
    const second21 = cols[1]!.articles.find((a) => a.label === '第二十一条')!;
    expect(second21.partial).toBe(false);
    expect(second21.paragraphs).toHaveLength(findArticle(second, 21)!.paragraphs.length);
    expect(second21.paragraphs[0]!.units.flatMap((u) => u.runs).filter((r) => r.mark === 'deleted').map((r) => r.text).join('')).toContain('制定和完善扶持创新创业的政策');
    expect(cols[2]!.articles.map((a) => a.label)).toEqual(['第十六条', '第二十一条']);
    expect(runsOf(cols[0]!.articles[0]!).every((r) => r.mark === 'moved')).toBe(true);
  });
});

describe('names, not ids', () => {
  it('versions of one text by their own names; two texts by their short titles; two 施行 texts of one law by year', () => {
    expect(columnNames(chainInputs).map((n) => n.name)).toEqual(['修订草案', '二次审议稿', '施行文本']);
    const [a, b] = columnNames(chainInputs.slice(0, 2));
    expect(comparisonTitle({ ...chainInputs[0]!, ...a! }, { ...chainInputs[1]!, ...b! })).toBe('湖南省实施《中华人民共和国中小企业促进法》办法（修订草案与二次审议稿）修改对照稿');
    expect(a!.fullName).toBe('湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）');
    // Two laws: each by its short title.
    const two = columnNames([chainInputs[2]!, { title: '浙江省促进中小微企业发展条例', versionLabel: null, doc: 'zhejiang-2023', stage: '施行', shortTitle: '浙江条例' }]);
    expect(two.map((n) => n.name)).toEqual(['湖南办法', '浙江条例']);
    // Two 施行 versions of one law (what the library says of 行政复议法 2017 and 2023): never "施行文本与施行文本".
    const law = (amended: string[]): NameInput => ({ title: '中华人民共和国行政复议法', versionLabel: null, stage: '施行', dates: { adopted: '1999-04-29', amended } });
    const versions = [law(['2009-08-27', '2017-09-01']), law(['2009-08-27', '2017-09-01', '2023-09-01'])];
    const named = columnNames(versions);
    expect(named.map((n) => n.name)).toEqual(['2017年文本', '2023年文本']);
    expect(comparisonTitle({ ...versions[0]!, ...named[0]! }, { ...versions[1]!, ...named[1]! })).toBe('中华人民共和国行政复议法（2017年文本与2023年文本）修改对照稿');
    // With the library's label of each version, that label.
    const labelled = columnNames([{ ...versions[0]!, label: '中华人民共和国行政复议法（2017年修正）' }, { ...versions[1]!, label: '中华人民共和国行政复议法（2023年修订）' }]);
    expect(labelled).toEqual([
      { name: '2017年修正', fullName: '中华人民共和国行政复议法（2017年修正）' },
      { name: '2023年修订', fullName: '中华人民共和国行政复议法（2023年修订）' },
    ]);
  });
});
