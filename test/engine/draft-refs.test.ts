/**
 * The cross-reference check, on real texts: the seeds (their references found, none flagged), real laws
 * whose references are right (nothing flagged, other laws set apart), drafts that kept old numbers after
 * renumbering (a seed with an article inserted; a 行政法规 with an article inserted and one deleted — the
 * stale numbers caught with the right suggestion), and a real amended pair whose drafters updated every
 * reference (nothing flagged).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../electron/engine/compare';
import { checkReferences, type Reference, type ReferenceReport } from '../../electron/engine/draft';
import type { Version } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { insertArticle } from '../helpers/renumber';
import { parseSeed, SEEDS, seedText, type SeedId } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures', 'draft');
const fixture = (name: string): Version => parseDocument(readFileSync(join(FIXTURES, name), 'utf8'), { id: name }).versions[0]!;
const against = (oldV: Version, newV: Version): ReferenceReport => checkReferences(newV, { against: { version: oldV, comparison: compareVersions(oldV, newV) } });
const flagged = (r: ReferenceReport) => r.references.filter((x) => x.status !== 'ok');
const brief = (x: Reference) => ({ at: x.from.label, text: x.text, cited: x.cited, status: x.status, ...(x.suggest ? { suggest: x.suggest } : {}) });

describe('the seeds: every reference found, none flagged', () => {
  it.each(Object.keys(SEEDS) as SeedId[])('%s', (id) => {
    const doc = parseSeed(id);
    for (const v of doc.versions) expect(flagged(checkReferences(v)).map(brief)).toEqual([]);
  });

  it('深圳 征求意见稿: the four references and what they point at', () => {
    const r = checkReferences(parseSeed('shenzhen-draft').versions[0]!);
    expect(r.references.map((x) => [x.from.label, x.text, x.form, x.target])).toEqual([
      ['第四十六条第二款', '本条例第四十五条第三项', 'explicit', { article: 45, paragraph: 1, item: 3 }],
      ['第七十七条第二款', '前款', 'relative', { article: 77, paragraph: 1 }],
      ['第七十七条第二款', '前款第一至第四项', 'relative', { article: 77, paragraph: 1, item: 1, through: { article: 77, paragraph: 1, item: 4 } }],
      ['第八十条第一款第四项', '本条例第七十六条', 'explicit', { article: 76 }],
    ]);
    expect(r.counts).toEqual({ ok: 4, dangling: 0, moved: 0, deleted: 0 });
    // What each points at, as the page and the report write it (whole, not relative to where it stands).
    expect(r.references.map((x) => x.targetLabel)).toEqual(['第四十五条第一款第三项', '第七十七条第一款', '第七十七条第一款第一项至第四项', '第七十六条']);
  });
});

describe('real texts whose references are right', () => {
  it('价格违法行为行政处罚规定: lists, ranges, 前款, 前两款 resolved; 价格法第十四条 is another law', () => {
    const r = checkReferences(fixture('price.md'));
    expect(flagged(r)).toEqual([]);
    const at = (label: string) => r.references.filter((x) => x.from.label === label).map((x) => [x.cited, x.target]);
    expect(at('第十一条第一款')).toEqual([
      ['第四条', { article: 4 }],
      ['第七条至第九条', { article: 7, through: { article: 9 } }],
    ]);
    expect(at('第五条第三款')).toEqual([['前两款', { article: 5, paragraph: 1, through: { article: 5, paragraph: 2 } }]]);
    expect(at('第十六条第一款')).toEqual([['第四条至第十三条', { article: 4, through: { article: 13 } }]]);
    // 违反价格法第十四条 in five articles: the 价格法's, not this 规定's 第十四条.
    expect(r.external.filter((x) => x.law === '价格法' && x.text === '价格法第十四条').length).toBeGreaterThanOrEqual(5);
    expect(r.references.some((x) => x.cited === '第十四条')).toBe(false);
    expect(r.external.some((x) => x.law === '《中华人民共和国行政处罚法》')).toBe(true);
  });

  it('两高 危害生产安全 解释: 本条第一款第一项, 前款第五项; 刑法 lists and a title naming 〈刑法〉第九章 set apart', () => {
    const r = checkReferences(fixture('safety.md'));
    expect(flagged(r).map(brief)).toEqual([]);
    const find = (text: string) => r.references.find((x) => x.text === text);
    expect(find('本条第一款第一项')?.target).toEqual({ article: 6, paragraph: 1, item: 1 });
    expect(find('前款第五项')?.target).toEqual({ article: 12, paragraph: 1, item: 5 });
    expect(find('本解释第六条第一款第一项')?.target).toEqual({ article: 6, paragraph: 1, item: 1 });
    // 实施刑法第一百三十二条、第一百三十四条第一款、第一百三十五条之一…: every member is the 刑法's.
    const list = r.external.find((x) => x.text.startsWith('刑法第一百三十二条、第一百三十四条第一款'));
    expect(list?.law).toBe('刑法');
    expect(r.references.every((x) => x.target === null || x.target.article < 20)).toBe(true);
    expect(r.external.some((x) => x.law === '〈中华人民共和国刑法〉')).toBe(true);
  });
});

describe('chapters and dangling references', () => {
  it('国家通用语言文字法: 本章 and 本法第二章 resolved to the chapter', () => {
    const r = checkReferences(fixture('language.md'));
    expect(flagged(r)).toEqual([]);
    expect(r.references.filter((x) => x.kind === 'chapter').map((x) => [x.from.label, x.text, x.target])).toEqual([
      ['第十六条第一款', '本章', { article: 0, chapter: 2 }],
      ['第十七条第一款', '本章', { article: 0, chapter: 2 }],
      ['第二十六条第一款', '本法第二章', { article: 0, chapter: 2 }],
      ['第二十六条第二款', '本法第二章', { article: 0, chapter: 2 }],
      ['第二十六条第三款', '本法第二章', { article: 0, chapter: 2 }],
    ]);
    expect(r.references.find((x) => x.text === '本法第十九条第二款')?.target).toEqual({ article: 19, paragraph: 2 });
  });

  it('深圳 征求意见稿 with 第七十七条 cut to two 项: 前款第一至第四项 now points past its end', () => {
    const text = seedText('shenzhen-draft');
    const cut = text.replace(/\n\n（三）强制或者变相强制中小企业接受有偿新闻[\s\S]*?（七）没有法律、法规、规章依据或者没有明确监督检查事项的检查。/u, '');
    expect(cut.length).toBeLessThan(text.length);
    const r = checkReferences(parseDocument(cut, { id: 'shenzhen-cut' }).versions[0]!);
    expect(flagged(r).map((x) => [x.from.label, x.text, x.status, x.message])).toEqual([['第七十七条第二款', '前款第一至第四项', 'dangling', '第七十七条第一款没有第四项']]);
  });
});

describe('drafts that kept the old numbers after renumbering', () => {
  it('深圳 征求意见稿 with an article inserted before 第四十五条: the two references to later articles are stale', () => {
    const before = parseSeed('shenzhen-draft').versions[0]!;
    const after = parseDocument(insertArticle(seedText('shenzhen-draft'), 45), { id: 'shenzhen-inserted' }).versions[0]!;
    const r = against(before, after);
    expect(flagged(r).map(brief)).toEqual([
      { at: '第四十七条第二款', text: '本条例第四十五条第三项', cited: '第四十五条第三项', status: 'moved', suggest: '第四十六条第三项' },
      { at: '第八十一条第一款第四项', text: '本条例第七十六条', cited: '第七十六条', status: 'moved', suggest: '第七十七条' },
    ]);
    // 前款 and 前款第一至第四项 still point at the 款 before them.
    expect(r.references.filter((x) => x.form === 'relative').every((x) => x.status === 'ok')).toBe(true);
    expect(r.counts).toEqual({ ok: 2, dangling: 0, moved: 2, deleted: 0 });
    // Without the old text the check can only see that the new 第四十五条 has no 第三项; 第七十六条 exists
    // (another article now), so it passes: the reason for --against.
    const alone = checkReferences(after);
    expect(flagged(alone).map((x) => [x.text, x.status])).toEqual([['本条例第四十五条第三项', 'dangling']]);
  });

  it('中药品种保护条例 with an article inserted and one deleted: moved with the new number, deleted, and the rest right', () => {
    const r = against(fixture('tcm.old.md'), fixture('tcm.draft.md'));
    expect(flagged(r).map(brief)).toEqual([
      { at: '第十五条第一款', text: '本条例第九条', cited: '第九条', status: 'moved', suggest: '第十条' },
      { at: '第十六条第二款', text: '本条例第九条', cited: '第九条', status: 'moved', suggest: '第十条' },
      { at: '第十八条第一款', text: '本条例第十条', cited: '第十条', status: 'moved', suggest: '第十一条' },
      { at: '第二十二条第一款', text: '本条例第十三条', cited: '第十三条', status: 'deleted' },
    ]);
    // 第十七条 and 第十九条 kept their numbers (one article in, one out before them); the new 第九条 cites
    // 第十三条第二款 in the new numbering.
    const ok = r.references.filter((x) => x.status === 'ok').map((x) => `${x.from.label}:${x.cited}`);
    expect(ok).toContain('第十七条第一款:第十九条');
    expect(ok).toContain('第二十三条第一款:第十七条');
    expect(ok).toContain('第九条第一款:第十三条第二款');
    expect(r.references.find((x) => x.status === 'moved')?.message).toMatch(/原第九条.*第十条/);
  });

  it('a real amendment whose drafters updated the references (废旧金属收购业治安管理办法 1994 → 2023): nothing flagged', () => {
    const r = against(fixture('scrap-metal.1994.md'), fixture('scrap-metal.2023.md'));
    expect(r.references.length).toBeGreaterThanOrEqual(5);
    expect(flagged(r).map(brief)).toEqual([]);
  });
});
