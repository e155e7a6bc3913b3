import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';


function duizhao(...args: string[]) {
  return runCli(args);
}

beforeAll(requireBuiltCli);

describe('duizhao parse / list', () => {
  it('parse --json has the CONTRACTS.md shape, both versions of the 对照稿 and notes outside the text', () => {
    const r = duizhao('parse', 'hunan-2020-review', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['id', 'title', 'kind', 'preamble', 'versions', 'warnings']));
    expect(doc.id).toBe('hunan-2020-review');
    expect(doc.versions.map((v: { label: string }) => v.label)).toEqual(['修订草案', '二次审议稿']);
    const v0 = doc.versions[0];
    expect(Object.keys(v0)).toEqual(expect.arrayContaining(['label', 'chapters', 'articles']));
    const a13 = v0.articles[12];
    expect(Object.keys(a13)).toEqual(expect.arrayContaining(['number', 'label', 'heading', 'chapter', 'section', 'paragraphs', 'notes']));
    expect(a13).toMatchObject({ number: 13, label: '第十三条', heading: null, chapter: null, notes: ['移至第二十一条第一款', '移至第十六条第二款修改'] });
    expect(a13.paragraphs[0]).toEqual({ text: expect.stringMatching(/^县级以上人民政府应当制定和完善扶持创新创业的政策/), items: [] });
    expect(JSON.stringify(v0.articles.map((a: { paragraphs: unknown }) => a.paragraphs))).not.toContain('移至');
    expect(doc.versions[1].articles[1]).toMatchObject({ heading: '政府和部门职责' });
    const items = doc.versions[0].articles[9].paragraphs[0].items;
    expect(items[0]).toEqual({ label: '（一）', number: 1, text: '优化贷款审批流程，提高贷款审批效率；' });
    expect(r.stderr).toBe('');
  });
  it('parse REF@1 picks the version; the outline names chapters, articles and warnings', () => {
    const r = duizhao('parse', 'shenzhen-draft');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('第二章 服务体系');
    expect(r.stdout).toContain('第二十二条【创业协作】');
    expect(r.stdout).toMatch(/第 5 行：缺少第一章标题/);
    const v1 = duizhao('parse', 'hunan-2020-review@1');
    expect(v1.stdout).toMatch(/版本 @1 \*: 二次审议稿 — 0 章 35 条/);
  });
  it('parses a file path, and list --json lists the corpus', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duizhao-'));
    const file = join(dir, 'draft.txt');
    writeFileSync(file, '第一条　为了测试，制定本办法。\n第二条　本办法自公布之日起施行。\n');
    const r = duizhao('parse', file, '--json');
    expect(JSON.parse(r.stdout).versions[0].articles).toHaveLength(2);
    const list = JSON.parse(duizhao('list', '--json').stdout);
    expect(list.documents.map((d: { id: string }) => d.id)).toEqual(['zhejiang-2023', 'hunan-2020', 'zhejiang-2020-opinion', 'hunan-2020-review', 'shenzhen-draft']);
    expect(list.documents[3]).toMatchObject({ source: 'corpus', jurisdiction: '湖南', versions: 2, articles: 38 });
  });
  it('fails with one clear line and a non-zero exit on bad input', () => {
    const missing = duizhao('parse', 'no-such-doc');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toEqual(['duizhao: 没有名为“no-such-doc”的文档或文件']);
    const version = duizhao('parse', 'hunan-2020@3');
    expect(version.stderr).toMatch(/hunan-2020 只有一个版本（@0），没有 @3/);
    const dir = mkdtempSync(join(tmpdir(), 'duizhao-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const e = duizhao('parse', empty);
    expect(e.code).not.toBe(0);
    expect(e.stderr.trim()).toBe('duizhao: empty.txt：文件是空的');
    const bin = join(dir, 'x.bin');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]));
    expect(duizhao('parse', bin).stderr.trim()).toBe('duizhao: x.bin：这是二进制文件，不是文本');
    expect(duizhao('frobnicate').stderr).toMatch(/未知命令“frobnicate”/);
    // A mistyped flag is refused, not taken as a flag that swallows the next argument.
    const typo = duizhao('compare', '--jsn', 'hunan-2020-review@0', 'hunan-2020-review@1');
    expect(typo.code).toBe(2);
    expect(typo.stderr.trim()).toBe('duizhao: 未知选项 --jsn（本命令的选项：--json --formal）');
    expect(duizhao('parse').code).toBe(2);
    const docx = join(dir, '草案.docx');
    writeFileSync(docx, Buffer.from('PK\u0003\u0004'));
    expect(duizhao('parse', docx).stderr.trim()).toBe(`duizhao: 草案.docx：请先导入（duizhao import ${docx}），再用它的文库编号`);
  });
});
