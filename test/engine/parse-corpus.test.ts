/**
 * The parser on real national texts: excerpts of the LawRefBook corpus (test/fixtures/parse/, each copied
 * line for line from the file its name points to — see README.md there), one or more per problem the corpus
 * showed (issue 10, categories A–I, and what stays a warning because the source is at fault).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleText, type Article, type LegalDocument, type Version } from '../../electron/engine/model';
import { hanBalance, parseDocument } from '../../electron/engine/parse';

const DIR = join(__dirname, '..', 'fixtures', 'parse');
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const parse = (name: string): LegalDocument => parseDocument(text(name), { id: name });
const v0 = (doc: LegalDocument): Version => doc.versions[0]!;
const article = (doc: LegalDocument, n: number): Article => {
  const a = v0(doc).articles.find((x) => x.number === n && !x.sub);
  if (!a) throw new Error(`no article ${n}`);
  return a;
};
const codes = (doc: LegalDocument) => doc.warnings.map((w) => w.code);
const chapterOf = (doc: LegalDocument, a: Article) => v0(doc).chapters.find((c) => c.id === a.chapterId);

describe('character conservation on every fixture excerpt', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.md'));
  it('has the excerpts', () => expect(files.length).toBeGreaterThanOrEqual(20));
  it.each(files)('%s: every Han character of the source is in the output exactly as often', (name) => {
    const balance = hanBalance(text(name), parse(name));
    expect(balance.diff).toEqual([]);
    expect(balance.output).toBe(balance.source);
  });
});

describe('A. a 司法解释 section heading "## 二、回避" is a chapter, not a 款 of the article before it', () => {
  const doc = parse('A-sifa-outline-sections.md');
  it('reads 一、管辖 and 二、回避 as chapters', () => {
    expect(v0(doc).chapters.map((c) => [c.label, c.title])).toEqual([
      ['一、', '管辖'],
      ['二、', '回避'],
    ]);
  });
  it('ends 第四十二条 before the heading: 2 款, the second its own text', () => {
    const a = article(doc, 42);
    expect(a.paragraphs).toHaveLength(2);
    expect(articleText(a)).not.toContain('回避');
    expect(a.paragraphs[0]!.items).toHaveLength(3);
    expect(chapterOf(doc, a)!.title).toBe('管辖');
  });
  it('puts 第四十三条 in 二、回避', () => {
    expect(chapterOf(doc, article(doc, 43))!.title).toBe('回避');
  });
  it('takes a 目录 of such headings at the top for the 目录, not for chapters', () => {
    const toc = parse('A-sifa-outline-toc.md');
    expect(v0(toc).chapters.map((c) => c.label + c.title)).toEqual(['一、管辖', '二、回避', '三、诉讼参加人', '四、证据']);
    expect(v0(toc).chapters.every((c) => c.line > 24)).toBe(true);
    expect(toc.preamble).toContain('二、回避');
    expect(codes(toc)).toContain('parse.table_of_contents');
  });
});

describe('B. a ## heading is trusted: commas, a final "。", a title broken over two lines', () => {
  it('监督法: 第二章 and 第三章 are headings with their second lines, and their articles stand in them', () => {
    const doc = parse('B-jiandufa-broken-headings.md');
    expect(v0(doc).chapters.map((c) => c.title)).toEqual([
      '总则',
      '听取和审议人民政府、人民法院和人民检察院的专项工作报告',
      '审查和批准决算，听取和审议国民经济和社会发展计划、预算的执行情况报告，听取和审议审计工作报告',
    ]);
    expect(chapterOf(doc, article(doc, 8))!.label).toBe('第二章');
    expect(chapterOf(doc, article(doc, 15))!.label).toBe('第三章');
    // 第十四条 is whole: no heading text in it.
    expect(article(doc, 14).paragraphs).toHaveLength(2);
    expect(articleText(article(doc, 14))).not.toContain('第三章');
    expect(codes(doc)).toContain('parse.heading_joined');
    expect(codes(doc)).not.toContain('parse.chapter_intro');
  });
  it('监狱法: "### 第五节 生活、卫生。" is a section and 第五十条 opens it', () => {
    const doc = parse('B-jianyufa-section-period.md');
    expect(v0(doc).sections.map((x) => x.label + x.title)).toEqual(['第四节通信、会见', '第五节生活、卫生。', '第六节奖惩']);
    expect(article(doc, 50).section).toBe(5);
    expect(article(doc, 55).section).toBe(5);
    expect(article(doc, 49).section).toBe(4);
    expect(articleText(article(doc, 49))).not.toContain('生活、卫生');
    expect(doc.warnings.filter((w) => w.level !== 'info').map((w) => w.code)).toEqual(['parse.numbering_gap']);
  });
});

describe('C. chapters restart in each 编: not a 目录, and ids from their place', () => {
  it('刑法: 第一编 第一章 holds 第一条, 第二编 第一章 holds 第一百零二条', () => {
    const doc = parse('C-E-xingfa-parts-annexes.md');
    const v = v0(doc);
    expect(v.parts.map((p) => p.label)).toEqual(['第一编', '第二编']);
    expect(article(doc, 1)).toMatchObject({ part: 1, chapter: 1, chapterId: 'part_1__chp_1' });
    expect(article(doc, 102)).toMatchObject({ part: 2, chapter: 1, chapterId: 'part_2__chp_1' });
    expect(chapterOf(doc, article(doc, 1))!.title).toBe('刑法的任务、基本原则和适用范围');
    expect(v.chapters.some((c) => c.implicit)).toBe(false);
    expect(codes(doc)).not.toContain('parse.table_of_contents');
    expect(codes(doc)).not.toContain('parse.implicit_chapter');
    expect(codes(doc)).not.toContain('parse.chapter_numbering');
  });
  it('刑事诉讼法: the same, and sections carry their chapter id', () => {
    const doc = parse('C-xingsu-restarting-chapters.md');
    expect(v0(doc).chapters.map((c) => c.id)).toEqual(['part_1__chp_1', 'part_2__chp_1']);
    expect(article(doc, 1).chapterId).toBe('part_1__chp_1');
    expect(v0(doc).sections[0]).toMatchObject({ label: '第四节', chapterId: 'part_2__chp_1' });
    expect(codes(doc)).not.toContain('parse.implicit_chapter');
  });
});

describe('D. 民法典 分编: a level between 编 and 章', () => {
  it('合同编: 第二分编 典型合同 holds 第九章 and its articles; the heading is no article text', () => {
    const doc = parse('D-minfadian-hetong-subparts.md');
    const v = v0(doc);
    expect(v.subparts!.map((s) => [s.id, s.label, s.title])).toEqual([
      ['sub_1', '第一分编', '通则'],
      ['sub_2', '第二分编', '典型合同'],
    ]);
    expect(v.chapters.map((c) => [c.id, c.subpart])).toEqual([
      ['sub_1__chp_1', 1],
      ['sub_2__chp_9', 2],
    ]);
    expect(article(doc, 595)).toMatchObject({ subpart: 2, chapterId: 'sub_2__chp_9' });
    expect(article(doc, 463)).toMatchObject({ subpart: 1, chapterId: 'sub_1__chp_1' });
    expect(articleText(article(doc, 594))).not.toContain('分编');
    expect(doc.title).toBe('中华人民共和国民法典 合同编');
  });
  it('物权编: 第二分编 所有权 after 第二百三十九条; sections under 分编 chapters', () => {
    const doc = parse('D-minfadian-wuquan-subparts.md');
    expect(v0(doc).subparts!.map((s) => s.title)).toEqual(['通则', '所有权']);
    expect(article(doc, 239).subpart).toBe(1);
    expect(articleText(article(doc, 239))).not.toContain('所有权');
    expect(article(doc, 240)).toMatchObject({ subpart: 2, chapterId: 'sub_2__chp_4' });
    expect(v0(doc).sections[0]).toMatchObject({ label: '第一节', chapterId: 'sub_1__chp_2' });
  });
});

describe('E. annexes after the last article are parts of the version', () => {
  const doc = parse('C-E-xingfa-parts-annexes.md');
  it('刑法: 第四百五十二条 keeps its own 4 款, 附件一 and 附件二 are annexes', () => {
    const a = article(doc, 452);
    expect(a.paragraphs).toHaveLength(4);
    expect(articleText(a)).not.toContain('附件一\n');
    expect(a.paragraphs.flatMap((p) => p.items)).toEqual([]);
    const annexes = v0(doc).annexes!;
    expect(annexes.map((x) => [x.id, x.title, x.lines.length])).toEqual([
      ['annex_1', '附件一', 16],
      ['annex_2', '附件二', 9],
    ]);
    expect(annexes[0]!.lines[1]).toBe('1．中华人民共和国惩治军人违反职责罪暂行条例');
  });
  it('刑法: the unnumbered "## 附则" is a heading (it ends 第二编), not a 款 of 第四百五十一条', () => {
    expect(article(doc, 451).paragraphs).toHaveLength(2);
    expect(articleText(article(doc, 451))).not.toContain('附则');
    const c = chapterOf(doc, article(doc, 452))!;
    expect(c).toMatchObject({ label: '', title: '附则' });
    expect(c.part ?? null).toBeNull();
    expect(article(doc, 452).part).toBeUndefined();
    expect(article(doc, 451).part).toBe(2);
  });
  it('导弹出口管制条例: the control list is the annex, 第二十四条 is one 款', () => {
    const d = parse('E-daodan-control-list.md');
    expect(article(d, 24).paragraphs).toHaveLength(1);
    const [annex] = v0(d).annexes!;
    expect(annex!.title).toBe('附件：');
    expect(annex!.lines[0]).toBe('导弹及相关物项和技术出口管制清单');
    expect(annex!.lines).toContain('一、前言');
    expect(codes(d)).not.toContain('parse.item_out_of_sequence');
    expect(codes(d)).not.toContain('parse.subitem_without_item');
  });
  it('香港基本法: 附件一–三 are three annexes, 第一百六十条 keeps its 2 款', () => {
    const d = parse('E-hk-basic-law-annexes.md');
    expect(article(d, 160).paragraphs).toHaveLength(2);
    expect(v0(d).annexes!.map((x) => x.title)).toEqual([
      '附件一：香港特别行政区行政长官的产生办法',
      '附件二：香港特别行政区立法会的产生办法和表决程序',
      '附件三：在香港特别行政区实施的全国性法律',
    ]);
    // "附件三所列全国性法律增减的决定" is a line of 附件三, not a fourth annex.
    expect(v0(d).annexes![2]!.lines).toContain('附件三所列全国性法律增减的决定');
  });
});

describe('F. a 款 ends where the evidence says so, not only where a line stops without 。', () => {
  it('a formula line does not swallow the next 款 (企业所得税法实施条例 第七十六条)', () => {
    const doc = parse('F-formula-qiyesuodeshui.md');
    expect(article(doc, 76).paragraphs.map((p) => p.text)).toEqual([
      '企业所得税法第二十二条规定的应纳税额的计算公式为：',
      '应纳税额＝应纳税所得额×适用税率－减免税额－抵免税额',
      '公式中的减免税额和抵免税额，是指依照企业所得税法和国务院的税收优惠规定减征、免征和抵免的应纳税额。',
    ]);
  });
  it('two formulas stay two 款 (消费税暂行条例 第七条)', () => {
    const doc = parse('F-formula-xiaofeishui.md');
    const a = article(doc, 7);
    expect(a.paragraphs).toHaveLength(5);
    expect(a.paragraphs[2]!.text).toBe('组成计税价格＝(成本＋利润)÷(1－比例税率)');
    expect(a.paragraphs[4]!.text).toBe('组成计税价格＝(成本＋利润＋自产自用数量×定额税率)÷(1－比例税率)');
  });
  it('a 款 that ends in "(2011年1月8日删除)" ends there (转换经营机制条例 第十条)', () => {
    const doc = parse('F-deleted-note.md');
    const a = article(doc, 10);
    expect(a.paragraphs).toHaveLength(5);
    expect(a.paragraphs[2]!.text.endsWith('(2011年1月8日删除)')).toBe(true);
    expect(a.paragraphs[3]!.text.startsWith('企业生产国家规定由特定单位收购的产品')).toBe(true);
  });
  it('junk after a colon does not hide the colon (刑事诉讼规则 第三百九十条)', () => {
    const doc = parse('F-H-junk-and-missing-labels.md');
    const p = article(doc, 390).paragraphs[1]!;
    expect(p.text.startsWith('具有下列情形之一的，可以确认犯罪事实已经查清：')).toBe(true);
    expect(p.items.map((i) => i.number)).toEqual([1, 2, 3, 4]);
  });
  it('still joins a real hard wrap in Markdown ("…发挥表率" / "作用。"), as in the seeds', () => {
    const doc = parse('F-markdown-hard-wrap.md');
    expect(article(doc, 7).paragraphs.map((p) => p.text)).toEqual([
      '国家机关、企业事业单位、社会团体、其他组织和公民应当参与文明行为促进工作。',
      '公职人员、公众人物应当在文明行为促进工作中发挥表率作用。',
    ]);
    expect(codes(doc)).toContain('parse.line_joined');
  });
});

describe('G. "1." "2." directly under a 款 are its 项', () => {
  const doc = parse('G-patent-numbered-items.md');
  it('专利纠纷规定 第一条: one 款 with 16 项, not 17 款', () => {
    const a = article(doc, 1);
    expect(a.paragraphs).toHaveLength(1);
    expect(a.paragraphs[0]!.text).toBe('人民法院受理下列专利纠纷案件：');
    expect(a.paragraphs[0]!.items.map((i) => i.label)).toEqual(Array.from({ length: 16 }, (_, i) => `${i + 1}.`));
    expect(a.paragraphs[0]!.items[15]!.text).toBe('其他专利纠纷案件。');
    expect(codes(doc)).not.toContain('parse.subitem_without_item');
    expect(codes(doc)).not.toContain('parse.item_out_of_sequence');
  });
});

describe('H. unlabelled lines inside a list of 项', () => {
  it('国歌法 第四条: the line between （一） and （二） continues （一）; nine 项 in sequence', () => {
    const doc = parse('H-guogefa-item-continued.md');
    const a = article(doc, 4);
    expect(a.paragraphs).toHaveLength(1);
    const items = a.paragraphs[0]!.items;
    expect(items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(items[0]!.text).toBe('全国人民代表大会会议和地方各级人民代表大会会议的开幕、闭幕；中国人民政治协商会议全国委员会会议和地方各级委员会会议的开幕、闭幕；');
    expect(codes(doc)).not.toContain('parse.item_out_of_sequence');
    expect(doc.warnings.filter((w) => w.code === 'parse.item_continued')).toEqual([expect.objectContaining({ line: 19, level: 'info' })]);
  });
  it('枣庄山体保护条例 第十二条: two lines before （三） are 项 （一）（二） whose labels the source lost (warned)', () => {
    const doc = parse('H-zaozhuang-missing-labels.md');
    const p = article(doc, 12).paragraphs;
    expect(p).toHaveLength(1);
    expect(p[0]!.items.map((i) => [i.label, i.number])).toEqual([
      ['', 1],
      ['', 2],
      ['（三）', 3],
      ['（四）', 4],
      ['（五）', 5],
      ['（六）', 6],
    ]);
    expect(p[0]!.items[1]!.text).toBe('城区范围内的山体；');
    expect(doc.warnings.filter((w) => w.code === 'parse.item_label_missing').map((w) => w.message)).toEqual([
      '这一行缺少项号，按位置读作项（一）',
      '这一行缺少项号，按位置读作项（二）',
    ]);
    expect(codes(doc)).not.toContain('parse.item_out_of_sequence');
  });
});

describe('I. the "# 标题" line of a Markdown file is the title', () => {
  it('a 解释 whose preamble says "…解释如下：" is titled by its # line', () => {
    expect(parse('I-title-jieshi.md').title).toBe('最高人民法院、最高人民检察院关于办理危害生产安全刑事案件适用法律若干问题的解释');
  });
  it('an amendment decision is not titled "三、在《解释》第五条中增加一款…"', () => {
    const doc = parse('I-title-amendment-decision.md');
    expect(doc.title).toBe('关于审理非法行医刑事案件具体应用法律若干问题的解释');
    // The # line stays in the preamble: the title is text of the source.
    expect(doc.preamble[0]).toBe(doc.title);
  });
});

describe('not the parser’s fault: recovered, and still warned', () => {
  it('"第一百二十八 条" (a space inside the label) is 第一百二十八条, with a warning', () => {
    const doc = parse('C-xingsu-restarting-chapters.md');
    const a = article(doc, 128);
    expect(a.label).toBe('第一百二十八条');
    expect(a.paragraphs[0]!.text.startsWith('侦查人员对于与犯罪有关的场所')).toBe(true);
    expect(doc.warnings.find((w) => w.code === 'parse.damaged_label')).toMatchObject({ line: a.line, message: expect.stringContaining('“第一百二十八 条”') });
  });
  it('"第三十－条" (a dash for 一) is article 31, its label kept as written, with a warning', () => {
    const doc = parse('W-damaged-dash-label.md');
    const a = article(doc, 31);
    expect(a.label).toBe('第三十－条');
    expect(a.paragraphs).toHaveLength(2);
    expect(articleText(article(doc, 30))).not.toContain('第三十－条');
    expect(doc.warnings.filter((w) => w.code === 'parse.damaged_label').map((w) => w.message)).toEqual(['条号“第三十－条”书写有误，按位置读作第三十一条']);
  });
  it('飞行基本规则: ten articles run together on one line after "。 " are split, each warned', () => {
    const doc = parse('W-run-on-articles.md');
    const first = v0(doc).chapters[0]!;
    const inFirst = v0(doc).articles.filter((a) => a.chapterId === first.id);
    expect(inFirst.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(article(doc, 2).paragraphs[0]!.text).toBe('凡辖有航空器的单位、个人和与飞行有关的人员及其飞行活动，必须遵守本规则。');
    expect(doc.warnings.filter((w) => w.code === 'parse.run_on_article').map((w) => w.line)).toEqual(Array(9).fill(13));
    expect(codes(doc)).not.toContain('parse.numbering_gap');
  });
  it('a missing chapter heading is still supplied and warned', () => {
    const doc = parse('W-damaged-dash-label.md');
    expect(v0(doc).chapters[0]).toMatchObject({ implicit: true, label: '第三章' });
    expect(codes(doc)).toContain('parse.implicit_chapter');
  });
});
