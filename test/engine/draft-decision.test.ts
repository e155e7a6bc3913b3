/**
 * The 修改决定 generator, judged by real decisions and real texts.
 *
 * 1. Three decisions of the 最高人民法院 (test/fixtures/draft, README there): for each, the old text is the
 *    amended text with the decision applied backwards; our decision for (old, new) must make the same
 *    operations on the same provisions, quoting the same new text, as the real one.
 * 2. The Hunan 二次审议稿 → enacted text (and 修订草案 → 二次审议稿): every item checked by applying the
 *    decision to the old text (it must give the new one), and the items a reader can verify by reading
 *    the two texts (the 对照 of `duizhao compare hunan-2020-review@1 hunan-2020`).
 * 3. A seed with one article inserted: one item, and the renumbering as a sentence or item by item.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareVersions, type Comparison } from '../../electron/engine/compare';
import { applyDecision, decisionDiscrepancies, draftDecision, lawTitle, renderDecisionDocx, renderDecisionText, type Decision, type DecisionOptions } from '../../electron/engine/draft';
import { analysePhrases } from '../../electron/engine/draft/words';
import { cnToInt, type Version } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { getSegmenter } from '../../electron/engine/segment';
import { insertArticle } from '../helpers/renumber';
import { parseSeed, seedText } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'draft');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const version = (text: string, id: string, n = 0): Version => parseDocument(text, { id }).versions[n]!;

/** Content only: the quotes of a decision and of a text differ in blank lines and an odd half-width ";". */
const content = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');

/** One item of a real decision, as the comparison of operations needs it. */
interface Op {
  op: string;
  old?: number;
  new?: number;
  quote?: string;
}

const NUM = '([一二三四五六七八九十百]+)';

/** The items of a real decision: "一、…" paragraphs (quotations may run over several), or the only item. */
function realItems(md: string): Op[] {
  const body = md.split('<!-- INFO END -->')[1]!;
  const paras = body.split('\n').map((l) => l.trim()).filter(Boolean);
  const start = paras.findIndex((p) => p.endsWith('作如下修改：'));
  const end = paras.findIndex((p) => p.startsWith('本决定自'));
  const items: string[] = [];
  for (const p of paras.slice(start + 1, end)) {
    const m = /^[一二三四五六七八九十]+、(.*)$/.exec(p);
    if (m || items.length === 0) items.push(m ? m[1]! : p);
    else items[items.length - 1] += '\n' + p;
  }
  return items.map(classify);
}

function classify(text: string): Op {
  const n = (s: string) => cnToInt(s)!;
  const quote = text.includes('“') ? content(text.slice(text.indexOf('“') + 1, text.lastIndexOf('”'))) : undefined;
  let m: RegExpExecArray | null;
  if ((m = new RegExp(`^将第${NUM}条(?:修改|改)为第${NUM}条[，,]?(?:修改为)?[：:]`).exec(text))) return { op: 'modify', old: n(m[1]!), new: n(m[2]!), quote };
  if ((m = new RegExp(`^将第${NUM}条修改为第${NUM}条。?$`).exec(text))) return { op: 'renumber', old: n(m[1]!), new: n(m[2]!) };
  if ((m = new RegExp(`^将第${NUM}条修改为[：:]`).exec(text))) return { op: 'modify', old: n(m[1]!), new: n(m[1]!), quote };
  if ((m = new RegExp(`^增加一条，?作为第${NUM}条[：:]`).exec(text))) return { op: 'add', new: n(m[1]!), quote };
  if ((m = new RegExp(`^原第${NUM}条作为第${NUM}条`).exec(text))) return { op: 'renumber', old: n(m[1]!), new: n(m[2]!) };
  throw new Error(`unrecognised item: ${text.slice(0, 40)}`);
}

function ours(d: Decision): Op[] {
  return d.items.map((i) => ({
    op: i.op,
    ...(i.old ? { old: i.old.article } : {}),
    ...(i.new ? { new: i.new.article } : {}),
    ...(i.quote !== undefined ? { quote: content(i.quote) } : {}),
  }));
}

const key = (o: Op) => JSON.stringify([o.op, o.old ?? null, o.new ?? null, o.quote ?? null]);

interface Case {
  name: string;
  old: Version;
  new: Version;
  comparison: Comparison;
  real: Op[];
  decision: Decision;
}

const CASES = ['arbitration', 'shanghai', 'food'] as const;
const cases = new Map<string, Case>();

beforeAll(() => {
  for (const name of CASES) {
    const newText = read(`${name}.new.md`);
    const o = version(read(`${name}.old.md`), `${name}-old`);
    const n = version(newText, `${name}-new`);
    const comparison = compareVersions(o, n);
    const title = parseDocument(newText, { id: name }).title;
    cases.set(name, { name, old: o, new: n, comparison, real: realItems(read(`${name}.decision.md`)), decision: draftDecision(o, n, comparison, { title, kind: '司法解释' }) });
  }
});

describe('three real decisions of the 最高人民法院, reproduced from (old, new)', () => {
  it('the fixtures are what the README says: the old texts differ where the decisions say', () => {
    const c = cases.get('arbitration')!;
    expect(c.old.articles).toHaveLength(8);
    expect(c.new.articles).toHaveLength(9);
    expect(cases.get('shanghai')!.old.articles).toHaveLength(7);
    expect(cases.get('food')!.old.articles).toHaveLength(19);
    for (const name of CASES) expect(cases.get(name)!.real.length).toBeGreaterThan(0);
  });

  it.each(CASES)('%s: the same operations on the same provisions, quoting the same new text', (name) => {
    const c = cases.get(name)!;
    expect(ours(c.decision).map(key).sort()).toEqual(c.real.map(key).sort());
  });

  it('仲裁司法审查 and 食品药品: the items in the same order as the real decision', () => {
    for (const name of ['arbitration', 'food']) {
      const c = cases.get(name)!;
      expect(ours(c.decision).map(key)).toEqual(c.real.map(key));
    }
  });

  it('上海金融法院: the same items; additions stand where they are inserted (the real decision interleaves them)', () => {
    // The real decision lists 三、增加一条作为第二条 after 二、将第二条修改为第六条, and 五、六 (第三、四条) after
    // 四、将第三条修改为第五条: it places an added article beside the old article whose number it takes.
    // Ours lists the items in the order of the old text, an added article right after the article it
    // follows in the new text (new 第二至四条 follow 第一条). Apart from those three, the order is the same.
    const c = cases.get('shanghai')!;
    const isAddOfTwoToFour = (o: Op) => o.op === 'add' && o.new! >= 2 && o.new! <= 4;
    expect(ours(c.decision).filter((o) => !isAddOfTwoToFour(o)).map(key)).toEqual(c.real.filter((o) => !isAddOfTwoToFour(o)).map(key));
    const mine = ours(c.decision);
    expect(mine.slice(1, 4).map((o) => [o.op, o.new])).toEqual([
      ['add', 2],
      ['add', 3],
      ['add', 4],
    ]);
  });

  it('the wording of the court: 将第三条修改为：“…”, 增加一条，作为第四条, 原第四条作为第五条, title and closing', () => {
    const d = cases.get('arbitration')!.decision;
    expect(d.convention).toBe('court');
    expect(d.renumber).toBe('items');
    expect(d.title).toBe('最高人民法院关于修改《最高人民法院关于仲裁司法审查案件报核问题的有关规定》的决定');
    expect(d.items.map((i) => i.label)).toEqual(['一、', '二、', '三、', '四、', '五、', '六、', '七、']);
    expect(d.items[0]!.text).toMatch(/^将第三条修改为：“本规定第二条第二款规定的非涉外涉港澳台仲裁司法审查案件，高级人民法院经审查，拟同意/);
    expect(d.items[1]!.text).toMatch(/^增加一条，作为第四条：“依据本规定第二条第二款由高级人民法院审核的案件/);
    expect(d.items[2]!.text).toBe('原第四条作为第五条。');
    expect(d.closing[0]).toMatch(/^本决定自.+起施行。$/);
    expect(d.closing[1]).toBe('根据本决定，《最高人民法院关于仲裁司法审查案件报核问题的有关规定》作相应修改后，重新公布。');
    // 食品药品: a single item is not numbered, as in the real decision.
    expect(cases.get('food')!.decision.items[0]!.label).toBe('');
    expect(cases.get('food')!.decision.text).toContain('\n将第十二条修改为：“食品检验机构故意出具虚假检验报告');
  });

  it('the same changes in the 人大常委会 convention: word level where one phrase changed', () => {
    const c = cases.get('food')!;
    const d = draftDecision(c.old, c.new, c.comparison, { title: 'x', convention: 'npc' });
    // 食品、药品检验机构 → 食品检验机构 in both 款 of 第十二条: one phrase for the whole article.
    expect(d.items).toHaveLength(1);
    expect(d.items[0]!.op).toBe('replace');
    expect(d.items[0]!.old).toEqual({ article: 12 });
    expect(d.items[0]!.text).toBe('删去第十二条中的“、药品”。');
  });

  it.each(CASES)('%s: the decision applied to the old text gives the new one, in every convention and renumbering form', (name) => {
    const c = cases.get(name)!;
    for (const convention of ['npc', 'court'] as const) {
      for (const renumber of ['items', 'sentence'] as const) {
        const d = draftDecision(c.old, c.new, c.comparison, { title: 'x', convention, renumber });
        expect(decisionDiscrepancies(c.old, c.new, d), `${convention}/${renumber}`).toEqual([]);
      }
    }
  });
});

describe('the Hunan texts (seed 003 → seed 001, and 修订草案 → 二次审议稿)', () => {
  const review = parseSeed('hunan-2020-review');
  const enacted = parseSeed('hunan-2020');
  const second = review.versions[1]!;
  const options: DecisionOptions = { title: lawTitle(review.title), kind: '地方性法规', jurisdiction: '湖南' };
  let comparison: Comparison;
  let d: Decision;
  beforeAll(() => {
    comparison = compareVersions(second, enacted.versions[0]!);
    d = draftDecision(second, enacted.versions[0]!, comparison, options);
  });

  it('title, opening and closing of the standing committee', () => {
    expect(lawTitle(review.title)).toBe('湖南省实施《中华人民共和国中小企业促进法》办法');
    expect(d.title).toBe('湖南省人民代表大会常务委员会关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定');
    expect(d.opening).toMatch(/^湖南省人民代表大会常务委员会第.+次会议决定对《湖南省实施〈中华人民共和国中小企业促进法〉办法》作如下修改：$/);
    expect(d.closing[1]).toBe('《湖南省实施〈中华人民共和国中小企业促进法〉办法》根据本决定作相应修改，重新公布。');
    expect(d.convention).toBe('npc');
  });

  it('every item is exact: the decision applied to the 二次审议稿 gives the enacted text', () => {
    for (const convention of ['npc', 'court'] as const) {
      for (const renumber of ['items', 'sentence'] as const) {
        const x = draftDecision(second, enacted.versions[0]!, comparison, { ...options, convention, renumber });
        expect(decisionDiscrepancies(second, enacted.versions[0]!, x), `${convention}/${renumber}`).toEqual([]);
      }
    }
  });

  it('so much changed that the convention is a 修订: said, and the items still made', () => {
    expect(d.revision.advised).toBe(true);
    expect(d.revision.note).toMatch(/修订/);
    expect(d.items.length).toBeGreaterThan(20);
  });

  it('the new 第二十三条 is added after 第二十二条, quoted with its label', () => {
    const add = d.items.filter((i) => i.op === 'add');
    expect(add).toHaveLength(1);
    expect(add[0]!.new).toEqual({ article: 23 });
    expect(add[0]!.text).toMatch(/^在第二十二条后增加一条，作为第二十三条：“第二十三条　县级以上人民政府及其有关部门应当建立健全高层次人才服务机制/);
  });

  it('a 项 added to 第三十四条 is 增加一项, not a rewrite', () => {
    const item = d.items.find((i) => i.op === 'add-item');
    expect(item?.text).toBe('第三十四条增加一项，作为第七项：“（七）违法向中小企业摊派财物的；”');
    expect(item?.new).toEqual({ article: 35, paragraph: 1, item: 7 });
  });

  it('one phrase added: 在第十二条中的“…”后增加“，并将其纳入内部考核”', () => {
    const item = d.items.find((i) => i.old?.article === 12)!;
    expect(item.op).toBe('replace');
    expect(item.phrases).toEqual([{ kind: 'insert', from: '信贷业务的重点', to: '，并将其纳入内部考核', where: 'after' }]);
    expect(item.text).toBe('在第十二条中的“信贷业务的重点”后增加“，并将其纳入内部考核”。');
  });

  it('an article rewritten throughout (第十八条: 款 added before and after) is rewritten whole', () => {
    const item = d.items.find((i) => i.old?.article === 18)!;
    expect(item.op).toBe('modify');
    expect(item.text).toMatch(/^将第十八条修改为：“第十八条　高等学校、科研机构等事业单位可以选派/);
  });

  it('renumbering: one sentence by default; item by item on request', () => {
    expect(d.renumbering).toHaveLength(comparison.stats.renumbered);
    expect(d.sentence).toMatch(/^此外，对条文顺序/);
    expect(d.items.some((i) => i.op === 'renumber')).toBe(false);
    const byItems = draftDecision(second, enacted.versions[0]!, comparison, { ...options, renumber: 'items' });
    const numbered = byItems.items.filter((i) => i.op === 'renumber' || (i.op === 'modify' && i.old && i.new && i.old.article !== i.new.article));
    expect(new Set(numbered.map((i) => i.old!.article)).size).toBe(comparison.stats.renumbered);
    expect(byItems.items.find((i) => i.op === 'renumber')?.text).toMatch(/^将第.+条改为第.+条。$/);
    expect(byItems.sentence ?? '').not.toMatch(/条文顺序/);
  });

  it('an article changed in punctuation only is no item, but the sentence says so', () => {
    expect(comparison.stats.formalOnly).toBeGreaterThan(0);
    const formal = comparison.pairs.filter((p) => p.formalOnly).map((p) => p.left[0]);
    for (const n of formal) expect(d.items.some((i) => i.old?.article === n)).toBe(false);
    expect(d.sentence).toMatch(/标点/);
  });

  it('a renumbered article rewritten whole names its new number, even when the renumbering is one sentence', () => {
    const item = d.items.find((i) => i.old?.article === 35)!;
    expect(item.text).toBe('将第三十五条改为第三十六条，修改为：“第三十六条　本办法自2021年1月1日起施行。”');
    expect(item.new).toEqual({ article: 36 });
  });

  it('the court convention rewrites each changed article whole', () => {
    const court = draftDecision(second, enacted.versions[0]!, comparison, { ...options, convention: 'court' });
    expect(court.items.some((i) => i.op === 'replace')).toBe(false);
    expect(court.items.find((i) => i.old?.article === 12)?.text).toMatch(/^将第十二条修改为：“本省设立的地方商业银行/);
  });

  it('修订草案 → 二次审议稿 (articles merged, split, deleted, added): exact in every form', () => {
    const draft = review.versions[0]!;
    const c = compareVersions(draft, second);
    for (const convention of ['npc', 'court'] as const) {
      for (const renumber of ['items', 'sentence'] as const) {
        const x = draftDecision(draft, second, c, { ...options, convention, renumber });
        expect(decisionDiscrepancies(draft, second, x), `${convention}/${renumber}`).toEqual([]);
      }
    }
    const x = draftDecision(draft, second, c, options);
    expect(x.items.some((i) => i.op === 'delete')).toBe(true);
    expect(x.items.some((i) => i.op === 'add')).toBe(true);
  });
});

describe('a seed with one article inserted (the drafter’s commonest amendment)', () => {
  const before = parseSeed('hunan-2020').versions[0]!;
  const after = version(insertArticle(seedText('hunan-2020'), 10), 'hunan-inserted');
  const c = compareVersions(before, after);

  it('one item with its place, and the renumbering in one sentence', () => {
    const d = draftDecision(before, after, c, { title: '湖南省实施《中华人民共和国中小企业促进法》办法', kind: '地方性法规', jurisdiction: '湖南' });
    expect(d.items).toHaveLength(1);
    expect(d.items[0]!.label).toBe('');
    expect(d.items[0]!.text).toBe('在第九条后增加一条，作为第十条：“第十条　县级以上人民政府应当建立中小企业发展情况年度报告制度。”');
    expect(d.sentence).toBe('此外，对条文顺序作相应调整。');
    expect(d.revision.advised).toBe(false);
  });

  it('item by item: 原第十条作为第十一条 … for every article after it', () => {
    const d = draftDecision(before, after, c, { title: 'x', kind: '司法解释' });
    expect(d.items[0]!.text).toMatch(/^增加一条，作为第十条：“县级以上人民政府应当建立/);
    const renumbers = d.items.filter((i) => i.op === 'renumber');
    expect(renumbers).toHaveLength(before.articles.length - 9);
    expect(renumbers[0]!.text).toBe('原第十条作为第十一条。');
    expect(applyDecision(before, d)).toHaveLength(after.articles.length);
    expect(decisionDiscrepancies(before, after, d)).toEqual([]);
  });
});

describe('chapters', () => {
  it('a chapter renamed: 将第五章的章名修改为“…”, before the items of its articles', () => {
    const text = seedText('zhejiang-2023');
    expect(text).toContain('\n第五章 财税支持\n');
    const before = parseSeed('zhejiang-2023').versions[0]!;
    const after = version(text.replace('\n第五章 财税支持\n', '\n第五章 财政税收支持\n'), 'zhejiang-renamed');
    const d = draftDecision(before, after, compareVersions(before, after), { title: '浙江省促进中小微企业发展条例', kind: '地方性法规', jurisdiction: '浙江' });
    expect(d.title).toBe('浙江省人民代表大会常务委员会关于修改《浙江省促进中小微企业发展条例》的决定');
    expect(d.items.map((i) => i.text)).toEqual(['将第五章的章名修改为“财政税收支持”。']);
    expect(d.items[0]!.old?.chapter).toBe(5);
  });
});

describe('word-level phrases of real wording changes', () => {
  const seg = getSegmenter();
  it('a term replaced: the quote grows to a readable phrase that occurs once', () => {
    // 湖南 二次审议稿 第十条 → 施行文本 第十条.
    const r = analysePhrases(
      '县级以上人民政府工业和信息化主管部门应当与金融监督管理部门联合建立和完善中小企业产融合作白名单机制，引导金融机构差异化支持白名单中小企业融资，提供精准的金融服务。',
      '县级以上人民政府工业和信息化主管部门应当与金融监督管理机构联合建立和完善中小企业产融合作白名单机制，引导金融机构差异化支持白名单中小企业融资。',
      seg,
    );
    expect(r.exact).toBe(true);
    expect(r.edits).toEqual([
      { kind: 'replace', from: '金融监督管理部门', to: '金融监督管理机构' },
      { kind: 'delete', from: '，提供精准的金融服务', to: '' },
    ]);
  });

  it('a change of punctuation only is formal, no phrase', () => {
    const r = analysePhrases('县级以上人民政府应当加强对中小企业促进工作的领导,建立协调机制。', '县级以上人民政府应当加强对中小企业促进工作的领导，建立协调机制。', seg);
    expect(r.edits).toEqual([]);
    expect(r.formal).toBe(true);
  });
});

describe('export', () => {
  it('plain text and a .docx in 公文 layout', async () => {
    const d = cases.get('arbitration')!.decision;
    const text = renderDecisionText(d);
    expect(text.split('\n')[0]).toBe(d.title);
    expect(text).toContain('\n一、将第三条修改为：');
    const bytes = await renderDecisionDocx(d);
    expect(String.fromCharCode(bytes[0]!, bytes[1]!)).toBe('PK');
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain('最高人民法院关于修改《最高人民法院关于仲裁司法审查案件报核问题的有关规定》的决定');
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toMatch(/<w:jc w:val="center"\/>/);
    expect(xml).toContain('原第四条作为第五条。');
  });
});
