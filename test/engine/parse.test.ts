import { describe, expect, it } from 'vitest';
import type { Article, LegalDocument } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { documentStrings, hanCounts, parseSeed, SEEDS, seedText, type SeedId } from '../helpers/seeds';

const article = (doc: LegalDocument, n: number, version = 0): Article => {
  const a = doc.versions[version]!.articles.find((x) => x.number === n);
  if (!a) throw new Error(`no article ${n}`);
  return a;
};
const articleText = (a: Article) => a.paragraphs.map((p) => p.text + p.items.map((i) => i.label + i.text).join('')).join('');
const problems = (doc: LegalDocument) => doc.warnings.filter((w) => w.level !== 'info');

describe('counts on the five seeds', () => {
  const cases: Array<[SeedId, number[], number[]]> = [
    ['zhejiang-2023', [10], [65]],
    ['hunan-2020', [0], [36]],
    ['zhejiang-2020-opinion', [8], [29]],
    ['hunan-2020-review', [0, 0], [38, 35]],
    ['shenzhen-draft', [10], [81]],
  ];
  it.each(cases)('%s', (id, chapters, articles) => {
    const doc = parseSeed(id);
    expect(doc.versions.map((v) => v.chapters.length)).toEqual(chapters);
    expect(doc.versions.map((v) => v.articles.length)).toEqual(articles);
    // Articles are numbered 1..n in order in every version.
    for (const v of doc.versions) expect(v.articles.map((a) => a.number)).toEqual(v.articles.map((_, i) => i + 1));
  });
});

describe('nothing is lost', () => {
  it.each(Object.keys(SEEDS) as SeedId[])('%s: every Han character of the source is in the output as often', (id) => {
    const source = hanCounts(seedText(id));
    const output = hanCounts(documentStrings(parseSeed(id)).join('\n'));
    const diff: string[] = [];
    for (const ch of new Set([...source.keys(), ...output.keys()])) {
      if ((source.get(ch) ?? 0) !== (output.get(ch) ?? 0)) diff.push(`${ch}: source ${source.get(ch) ?? 0}, output ${output.get(ch) ?? 0}`);
    }
    expect(diff).toEqual([]);
  });
});

describe('zhejiang-2023 (PDF text: lines broken mid-sentence, blank lines between)', () => {
  const doc = parseSeed('zhejiang-2023');
  it('keeps the title and the adoption note, joined across its line break, in the preamble', () => {
    expect(doc.title).toBe('浙江省促进中小微企业发展条例');
    expect(doc.preamble).toEqual(['浙江省促进中小微企业发展条例', '(2023年1月16日浙江省第十四届人民代表大会第一次会议通过)']);
  });
  it('joins the sentence broken over a page: 第三条 has 4 款, not 5', () => {
    const a = article(doc, 3);
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[1]!.text).toContain('纳入国民经济和社会发展规划，建立健全协调机制');
  });
  it('joins a break right after the article label (第十七条) and inside parentheses (第十五条)', () => {
    expect(article(doc, 17).paragraphs[0]!.text.startsWith('县级以上人民政府应当支持行业骨干企业建设产业大脑')).toBe(true);
    expect(article(doc, 15).paragraphs[1]!.text).toContain('为山区、海岛县（市、区)提供指导和服务。');
    expect(article(doc, 15).paragraphs).toHaveLength(4);
  });
  it('puts 项 on their own lines under the 款 that introduces them', () => {
    const a = article(doc, 8);
    expect(a.paragraphs).toHaveLength(1);
    expect(a.paragraphs[0]!.text.endsWith('并按照职责开展下列工作：')).toBe(true);
    expect(a.paragraphs[0]!.items.map((i) => i.label)).toEqual(['（一）', '（二）', '（三）', '（四）']);
    expect(a.paragraphs[0]!.items[3]!.text).toBe('其他创业服务。');
  });
  it('assigns chapters and reads 第二十七条', () => {
    const a = article(doc, 27);
    expect(a.chapter).toBe(4);
    expect(doc.versions[0]!.chapters[3]!.title).toBe('市场开拓');
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[0]!.text).toContain('向中小微企业预留的采购份额应当符合国家和省有关规定，并在年度政府采购预算中列示。');
  });
  it('reports the joins it made as repairs, and no problems', () => {
    expect(problems(doc)).toEqual([]);
    expect(doc.warnings.some((w) => w.level === 'info' && w.line === 20 && w.code === 'parse.line_joined')).toBe(true);
  });
});

describe('hunan-2020 (no title, no chapters, inline 项)', () => {
  const doc = parseSeed('hunan-2020');
  it('splits inline 项 out of the 款 that introduces them', () => {
    const p = article(doc, 11).paragraphs[0]!;
    expect(p.text).toBe('各类金融机构应当按照国家规定采取以下措施支持中小企业发展：');
    expect(p.items).toHaveLength(7);
    expect(p.items[0]).toMatchObject({ label: '（一）', number: 1 });
    expect(p.items[0]!.text).toBe('增加小型微型企业融资规模和比例，运用再贷款、再贴现资金，发行小型微型企业专项金融债；');
    expect(p.items[6]!.text.endsWith('简化程序办理续贷。')).toBe(true);
    // The next line is a 款 of its own.
    expect(article(doc, 11).paragraphs[1]!.text.startsWith('金融机构发放贷款时')).toBe(true);
  });
  it('handles the full-width space after 第X条 and the inline 项 of 第三十四条/第三十五条', () => {
    expect(article(doc, 1).paragraphs[0]!.text.startsWith('根据《中华人民共和国中小企业促进法》')).toBe(true);
    expect(article(doc, 34).paragraphs[0]!.items).toHaveLength(6);
    expect(article(doc, 35).paragraphs[0]!.items).toHaveLength(8);
    expect(article(doc, 35).paragraphs[0]!.text.endsWith('依法追究刑事责任：')).toBe(true);
  });
  it('has no preamble and no problems', () => {
    expect(doc.preamble).toEqual([]);
    expect(problems(doc)).toEqual([]);
  });
});

describe('zhejiang-2020-opinion (sections and numbered items, not articles)', () => {
  const doc = parseSeed('zhejiang-2020-opinion');
  const v = doc.versions[0]!;
  it('maps 一、 sections to chapters and （一） items to articles numbered across sections', () => {
    expect(doc.kind).toBe('opinion');
    expect(v.chapters.map((c) => c.title)).toEqual([
      '总体要求', '打造最优营商环境', '深入实施融资畅通工程', '加大财税支持力度', '有效提升创新能力', '加快推进企业现代化建设', '加大服务保障能力', '强化组织领导和统筹协调',
    ]);
    const a = article(doc, 11);
    expect(a).toMatchObject({ label: '（十一）', heading: '加强政府采购支持', chapter: 4 });
    expect(a.paragraphs[0]!.text.startsWith('落实《政府采购促进中小企业发展管理办法》。')).toBe(true);
  });
  it('finds the item that starts mid-line after full-width spaces', () => {
    expect(article(doc, 6)).toMatchObject({ heading: '拓宽融资渠道', chapter: 3, line: 13 });
    expect(articleText(article(doc, 5))).not.toContain('拓宽融资渠道');
    expect(articleText(article(doc, 5)).endsWith('降低企业综合融资成本。')).toBe(true);
  });
  it('keeps the wrapping notice in the preamble and the first section text as its introduction', () => {
    expect(doc.preamble[0]).toBe('浙江省委办公厅省政府办公厅印发《关于促进中小企业健康发展的实施意见》的通知');
    expect(doc.preamble.join('')).toContain('2020年12月31日');
    expect(doc.preamble.join('')).not.toContain('bookmark');
    expect(v.chapters[0]!.intro).toHaveLength(1);
    expect(v.chapters[0]!.intro[0]!.startsWith('以习近平新时代中国特色社会主义思想为指导')).toBe(true);
    expect(problems(doc)).toEqual([]);
  });
});

describe('hunan-2020-review (修改对照稿: a flattened two-column table)', () => {
  const doc = parseSeed('hunan-2020-review');
  const [draft, review] = doc.versions;
  it('splits into its two versions with their labels', () => {
    expect(doc.kind).toBe('comparison');
    expect(doc.versions.map((v) => v.label)).toEqual(['修订草案', '二次审议稿']);
    expect(draft!.articles).toHaveLength(38);
    expect(review!.articles).toHaveLength(35);
  });
  it("keeps the table's own 42 rows, empty cells included", () => {
    const rows = doc.table!.rows;
    expect(rows).toHaveLength(42);
    expect(rows[9]).toMatchObject({ left: [], right: [10] });
    expect(rows[10]).toMatchObject({ left: [10], right: [11] });
    expect(rows[15]).toMatchObject({ left: [13], right: [] });
    expect(rows[41]).toMatchObject({ left: [38], right: [35] });
    // Each article of each version sits in exactly one row.
    expect(rows.flatMap((r) => r.left)).toEqual(draft!.articles.map((a) => a.number));
    expect(rows.flatMap((r) => r.right)).toEqual(review!.articles.map((a) => a.number));
  });
  it('moves editorial notes into notes, never into the text', () => {
    const a13 = article(doc, 13, 0);
    expect(a13.notes).toEqual(['移至第二十一条第一款', '移至第十六条第二款修改']);
    expect(a13.paragraphs.map((p) => p.text)).toEqual([
      '县级以上人民政府应当制定和完善扶持创新创业的政策，提供创新创业服务，加强创新创业培训，改善创业环境，支持创办各类中小企业。',
      '县级以上人民政府及其有关部门应当支持符合条件的创业人员及小型微型企业申请创业担保贷款。',
    ]);
    expect(article(doc, 10, 0).notes).toEqual(['对列项的顺序作了调整']);
    expect(article(doc, 10, 0).paragraphs[0]!.items[6]!.text).toBe('运用大数据、人工智能、互联网等金融科技手段，推广网上贷、掌上贷等线上融资产品。');
    // A note on a line of its own is not a 款.
    expect(article(doc, 21, 1).notes).toEqual(['原第十三条第一款']);
    expect(article(doc, 21, 1).paragraphs).toHaveLength(3);
    expect(article(doc, 37, 0).notes).toEqual(['最后一句的位置作了调整']);
    for (const v of doc.versions) for (const a of v.articles) expect(articleText(a)).not.toMatch(/（(移至|原第)/);
  });
  it('reads 【headings】 of the second version, with text on the heading line or the next', () => {
    expect(article(doc, 2, 1)).toMatchObject({ heading: '政府和部门职责' });
    expect(article(doc, 2, 1).paragraphs).toHaveLength(3);
    expect(article(doc, 1, 1).paragraphs[0]!.text.startsWith('根据《中华人民共和国中小企业促进法》和其他有关法律')).toBe(true);
    expect(article(doc, 14, 1).paragraphs).toHaveLength(4);
  });
  it('keeps the header in the preamble and the production date as trailer', () => {
    expect(doc.preamble).toContain('（阴影部分为删去或者移动，黑体部分为增加）');
    expect(doc.trailer).toEqual(['（制作时间：2020年9月16日）']);
    expect(problems(doc)).toEqual([]);
  });
});

describe('shenzhen-draft (missing first chapter heading, blank lines between 款)', () => {
  const doc = parseSeed('shenzhen-draft');
  const v = doc.versions[0]!;
  it('gives an implicit chapter 1 and says so at the first article', () => {
    expect(v.chapters[0]).toMatchObject({ number: 1, implicit: true });
    expect(article(doc, 8).chapter).toBe(1);
    expect(article(doc, 9).chapter).toBe(2);
    expect(problems(doc)).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('第一章') })]);
  });
  it('reads chapter titles with inner spaces', () => {
    expect(v.chapters[9]!.title).toBe('附则');
    expect(v.chapters[1]!.title).toBe('服务体系');
  });
  it('keeps 附件1 and the 征求意见稿 marker in the preamble', () => {
    expect(doc.preamble).toEqual(['附件1', '深圳经济特区中小企业发展促进条例', '（征求意见稿）']);
  });
  it('starts a new 款 after 项, and reads a heading alone on its line', () => {
    const a = article(doc, 5);
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[1]!.text).toBe('市中小企业服务部门履行下列职责：');
    expect(a.paragraphs[1]!.items).toHaveLength(5);
    expect(a.paragraphs[2]!.text.startsWith('发展改革、工业和信息化')).toBe(true);
    expect(article(doc, 22)).toMatchObject({ heading: '创业协作' });
    expect(article(doc, 22).paragraphs[0]!.text.startsWith('鼓励自然人、法人及其他组织')).toBe(true);
    expect(article(doc, 53).paragraphs).toHaveLength(3);
    expect(article(doc, 45).paragraphs[0]!.items).toHaveLength(6);
  });
});

describe('variants of the seeds', () => {
  it('reads CRLF and a BOM the same way', () => {
    const plain = parseSeed('zhejiang-2023');
    const crlf = parseDocument('\ufeff' + seedText('zhejiang-2023').replace(/\n/g, '\r\n'), { id: 'zhejiang-2023' });
    expect(crlf.versions).toEqual(plain.versions);
  });
  it('skips a table of contents that repeats the chapter headings', () => {
    const plain = parseSeed('zhejiang-2023');
    const headings = plain.versions[0]!.chapters.map((c) => `${c.label} ${c.title}`);
    const text = seedText('zhejiang-2023').replace('第一章 总则', ['目录', ...headings, '', '第一章 总则'].join('\n'));
    const doc = parseDocument(text, { id: 'toc' });
    expect(doc.versions[0]!.chapters).toHaveLength(10);
    expect(doc.versions[0]!.chapters.every((c) => c.line >= 20)).toBe(true);
    expect(doc.versions[0]!.articles).toHaveLength(65);
    expect(doc.preamble).toContain('第十章 附则');
  });
  it('reads markdown headings and drops HTML comments from text copied from the web', () => {
    const text = seedText('shenzhen-draft').replace(/^第(.+)章/gm, '## 第$1章').replace('第九条', '<!-- 来源：网页 -->\n第九条');
    const doc = parseDocument(text, { id: 'md' });
    expect(doc.versions[0]!.chapters).toHaveLength(10);
    expect(doc.versions[0]!.articles).toHaveLength(81);
    expect(doc.warnings.some((w) => w.code === 'parse.comment_removed')).toBe(true);
  });
  it('reads 第X条之一 and numbers above one hundred', () => {
    const text = seedText('hunan-2020').replace('第十一条', '第十条之一　各类担保机构应当为中小企业提供服务。\n第十一条').replace('第三十六条', '第一百零五条');
    const doc = parseDocument(text, { id: 'x' });
    const a = doc.versions[0]!.articles.find((x) => x.sub === 1)!;
    expect(a).toMatchObject({ number: 10, sub: 1, label: '第十条之一', id: 'art_10_1' });
    expect(doc.versions[0]!.articles.at(-1)).toMatchObject({ number: 105 });
    expect(problems(doc).map((w) => [w.code, w.message])).toEqual([['parse.numbering_gap', expect.stringContaining('第一百零五条之前缺少第三十六条至第一百零四条')]]);
  });
  it('warns with line numbers about gaps, duplicates and out-of-order articles', () => {
    const lines = seedText('hunan-2020').split('\n');
    // Line 5 is 第三条: drop it (gap), repeat 第九条 (line 17) as a duplicate, and move 第二十条 after 第二十一条.
    const edited = lines.map((l, i) => (i === 4 ? '' : l));
    edited[16] = edited[16]!.replace('第九条', '第八条');
    edited[40] = edited[40]!.replace('第二十条', '第二十一条');
    edited[42] = edited[42]!.replace('第二十一条', '第二十条');
    const doc = parseDocument(edited.join('\n'), { id: 'edited' });
    const messages = problems(doc).map((w) => `${w.line}: ${w.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '7: 条文编号不连续：第四条之前缺少第三条',
        '17: 第八条重复出现',
        '43: 第二十条顺序有误：位于第二十一条之后',
      ]),
    );
  });
  it('warns when text fits no article', () => {
    const text = seedText('zhejiang-2023').replace('第二章 创业扶持\n', '第二章 创业扶持\n\n本章规定创业扶持。\n');
    const doc = parseDocument(text, { id: 'intro' });
    expect(doc.versions[0]!.chapters[1]!.intro).toEqual(['本章规定创业扶持。']);
    expect(problems(doc).some((w) => w.line === 46 && w.code === 'parse.chapter_intro')).toBe(true);
  });
});
