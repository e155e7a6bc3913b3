import { describe, expect, it } from 'vitest';
import {
  addAnnotation,
  articleBody,
  emptyAnnotationsFile,
  findQuote,
  makeTarget,
  parseAnnotationsFile,
  removeAnnotation,
  resolveAnchor,
  serialiseAnnotationsFile,
  updateAnnotation,
} from '../../electron/engine/annotate';
import { parseDocument } from '../../electron/engine/parse';
import { parseSeed, seedText } from '../helpers/seeds';
import { insertArticle, insertReviewArticle } from '../helpers/renumber';

const review = parseSeed('hunan-2020-review');
const draft = review.versions[0]!; // 修订草案
const art = (v: typeof draft, n: number) => v.articles.find((a) => a.number === n)!;

describe('anchoring a note', () => {
  it('a quote fixes the 款 and its offsets in the article body', () => {
    const a13 = art(draft, 13);
    const t = makeTarget('hunan-2020-review', 0, a13, { quote: '申请创业担保贷款' });
    expect(t).toMatchObject({ doc: 'hunan-2020-review', version: 0, article: 13, label: '第十三条', paragraph: 2, quote: '申请创业担保贷款' });
    const anchor = resolveAnchor(t, draft);
    expect(anchor.status).toBe('exact');
    expect(anchor.article?.label).toBe('第十三条');
    expect(anchor.paragraph).toBe(2);
    expect(articleBody(a13).slice(anchor.range!.start, anchor.range!.end)).toBe('申请创业担保贷款');
  });

  it('matches quotes across whitespace and 项 line breaks (a selection in the browser)', () => {
    const a10 = art(draft, 10); // 第十条 with 项 （一）…（七）
    const body = articleBody(a10);
    const first = a10.paragraphs[0]!.items[0]!;
    const second = a10.paragraphs[0]!.items[1]!;
    // Selected from the end of （一） into （二）, with the line break the page shows as a space.
    const quote = `${first.text.slice(-6)} ${second.label}${second.text.slice(0, 4)}`;
    const r = findQuote(body, quote);
    expect(r).not.toBeNull();
    expect(body.slice(r!.start, r!.end).replace(/\s/g, '')).toBe(quote.replace(/\s/g, ''));
  });

  it('a note on a whole article or 款 keeps the opening words and resolves by number while they match', () => {
    const a2 = art(draft, 2);
    const t = makeTarget('hunan-2020-review', 0, a2, { paragraph: 2 });
    expect(t.context).toBe(a2.paragraphs[1]!.text.slice(0, 24));
    expect(resolveAnchor(t, draft)).toMatchObject({ status: 'exact', paragraph: 2, article: { number: 2 } });
  });

  it('re-anchors by the quote when the 修订草案 is renumbered (an article inserted before 第十三条)', () => {
    const shifted = parseDocument(insertReviewArticle(seedText('hunan-2020-review'), 5), { id: 'hunan-2020-review' });
    const v0 = shifted.versions[0]!;
    expect(v0.articles).toHaveLength(draft.articles.length + 1);
    // The variant really is renumbered: old 第十三条 is now 第十四条, and 第十三条 is old 第十二条.
    expect(articleBody(art(v0, 14))).toBe(articleBody(art(draft, 13)));
    expect(articleBody(art(v0, 13))).toBe(articleBody(art(draft, 12)));
    // The 二次审议稿 column is untouched.
    expect(shifted.versions[1]!.articles.map(articleBody)).toEqual(review.versions[1]!.articles.map(articleBody));

    const quoted = makeTarget('hunan-2020-review', 0, art(draft, 13), { quote: '提供创新创业服务，加强创新创业培训' });
    const anchor = resolveAnchor(quoted, v0);
    expect(anchor).toMatchObject({ status: 'reanchored', article: { number: 14, label: '第十四条' }, paragraph: 1 });
    expect(articleBody(art(v0, 14)).slice(anchor.range!.start, anchor.range!.end)).toBe('提供创新创业服务，加强创新创业培训');

    // Notes without a quote follow their 款's opening words.
    const onParagraph = makeTarget('hunan-2020-review', 0, art(draft, 13), { paragraph: 2 });
    expect(resolveAnchor(onParagraph, v0)).toMatchObject({ status: 'reanchored', article: { number: 14 }, paragraph: 2 });
    const onArticle = makeTarget('hunan-2020-review', 0, art(draft, 30));
    expect(resolveAnchor(onArticle, v0)).toMatchObject({ status: 'reanchored', article: { number: 31 } });
    // Before the insertion point nothing moves.
    expect(resolveAnchor(makeTarget('hunan-2020-review', 0, art(draft, 3), { quote: '统计监测制度' }), v0)).toMatchObject({ status: 'exact', article: { number: 3 } });
  });

  it('re-anchors in a renumbered plain regulation (湖南办法 with a new 第十条)', () => {
    const original = parseSeed('hunan-2020').versions[0]!;
    const shifted = parseDocument(insertArticle(seedText('hunan-2020'), 10), { id: 'hunan-2020' }).versions[0]!;
    expect(shifted.articles).toHaveLength(original.articles.length + 1);
    const a11 = art(original, 11); // 各类金融机构应当按照国家规定采取以下措施…
    const t = makeTarget('hunan-2020', 0, a11, { quote: '推广线上融资产品' });
    const anchor = resolveAnchor(t, shifted);
    expect(anchor).toMatchObject({ status: 'reanchored', article: { number: 12 } });
    expect(articleBody(art(shifted, 12))).toContain('推广线上融资产品');
  });

  it('flags a note whose words are gone, and one whose article is gone too', () => {
    const t = makeTarget('hunan-2020-review', 0, art(draft, 13), { quote: '支持创办各类中小企业' });
    const edited = { ...t, quote: '这句话不在任何条文中出现过的文字' };
    expect(resolveAnchor(edited, draft)).toMatchObject({ status: 'stale', article: { number: 13 } });
    expect(resolveAnchor({ ...edited, article: 99 }, draft)).toMatchObject({ status: 'orphaned', article: null });
  });

  it('a quote that occurs in several articles goes to the one nearest the old number', () => {
    // "中小企业" is everywhere; from 第二十条 the nearest holder is 第二十条 itself, then its neighbours.
    const t = { doc: 'hunan-2020-review', version: 0, article: 20, quote: '中小企业' };
    expect(resolveAnchor(t, draft)).toMatchObject({ status: 'exact', article: { number: 20 } });
    const moved = { ...t, article: 200 };
    expect(resolveAnchor(moved, draft).article?.number).toBe(draft.articles.at(-2)!.number);
  });
});

describe('the annotations file', () => {
  const stamp = (id: string, now = '2024-05-01T08:00:00.000Z') => ({ id, now });
  const target = makeTarget('hunan-2020-review', 0, art(draft, 13), { quote: '申请创业担保贷款' });

  it('adds, updates and removes notes; tags are cleaned', () => {
    let f = emptyAnnotationsFile();
    ({ file: f } = addAnnotation(f, { target, body: '  建议保留“创业担保贷款”的表述。 ', tags: ['#融资', '融资', ' 二审 ', ''] }, stamp('n1')));
    expect(f.annotations[0]).toMatchObject({ id: 'n1', body: '建议保留“创业担保贷款”的表述。', tags: ['融资', '二审'], created: '2024-05-01T08:00:00.000Z' });
    ({ file: f } = updateAnnotation(f, 'n1', { body: '已与财政厅沟通。' }, '2024-05-02T08:00:00.000Z'));
    expect(f.annotations[0]).toMatchObject({ body: '已与财政厅沟通。', tags: ['融资', '二审'], updated: '2024-05-02T08:00:00.000Z', created: '2024-05-01T08:00:00.000Z' });
    expect(() => updateAnnotation(f, 'nope', { body: 'x' }, 'now')).toThrow(/没有编号为 nope/);
    expect(() => addAnnotation(f, { target, body: '   ' }, stamp('n2'))).toThrow(/不能为空/);
    expect(() => addAnnotation(f, { target: { ...target, article: 0 }, body: 'x' }, stamp('n2'))).toThrow(/条/);
    ({ file: f } = removeAnnotation(f, 'n1'));
    expect(f.annotations).toEqual([]);
  });

  it('round-trips through its JSON in the CONTRACTS.md shape', () => {
    const { file } = addAnnotation(emptyAnnotationsFile(), { target, body: '注', tags: ['a'] }, stamp('n1'));
    const text = serialiseAnnotationsFile(file);
    const raw = JSON.parse(text);
    expect(raw.version).toBe(1);
    expect(Object.keys(raw.annotations[0]).sort()).toEqual(['body', 'created', 'id', 'tags', 'target', 'updated']);
    expect(raw.annotations[0].target).toMatchObject({ doc: 'hunan-2020-review', version: 0, article: 13, paragraph: 2, quote: '申请创业担保贷款' });
    expect(parseAnnotationsFile(text)).toEqual(file);
  });

  it('refuses damaged files and newer schemas with a reason (the service keeps them)', () => {
    expect(() => parseAnnotationsFile('{"version":1,"annotations":[')).toThrow(/不是有效的 JSON/);
    expect(() => parseAnnotationsFile('{"annotations":[]}')).toThrow(/格式版本/);
    expect(() => parseAnnotationsFile('{"version":2,"annotations":[]}')).toThrow(/更新版本/);
    expect(() => parseAnnotationsFile('{"version":1,"annotations":[{"id":"x","body":"b","tags":[],"created":"c","updated":"u","target":{"doc":"d","version":0}}]}')).toThrow(/第 1 条批注/);
    // A minimal hand-written file with only the contract's fields loads.
    const minimal = parseAnnotationsFile('{"version":1,"annotations":[{"id":"x","body":"b","tags":[],"created":"c","updated":"u","target":{"doc":"d","version":0,"article":3}}]}');
    expect(minimal.annotations[0]!.target).toEqual({ doc: 'd', version: 0, article: 3 });
  });
});
