/**
 * `duizhao decision` and `duizhao refs`, as a user runs them: the CONTRACTS.md JSON, the readable text, the
 * Word file, and errors as one Chinese line.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, ROOT, runCli } from '../helpers/cli';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'draft');

beforeAll(requireBuiltCli);

describe('duizhao decision', () => {
  it('二次审议稿 → enacted text: a decision a drafter can start from, with the 修订 advice on stderr', () => {
    const r = runCli(['decision', 'hunan-2020-review@1', 'hunan-2020']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('湖南省人民代表大会常务委员会关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定');
    expect(lines[2]).toMatch(/决定对《湖南省实施〈中华人民共和国中小企业促进法〉办法》作如下修改：$/);
    expect(r.stdout).toContain('\n一、删去第二条第二款中的“，对中型、小型、微型企业按照国家企业划分标准进行认定”。\n');
    expect(r.stdout).toContain('在第二十二条后增加一条，作为第二十三条：“第二十三条　');
    expect(r.stdout).toContain('\n此外，对条文顺序和个别标点符号作相应调整。\n');
    expect(r.stdout).toMatch(/\n本决定自.+起施行。\n《湖南省实施〈中华人民共和国中小企业促进法〉办法》根据本决定作相应修改，重新公布。\n$/);
    expect(r.stderr).toMatch(/修订/);
  });

  it('--json has the CONTRACTS.md shape', () => {
    const r = runCli(['decision', 'hunan-2020-review@1', 'hunan-2020', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(typeof d.title).toBe('string');
    expect(typeof d.text).toBe('string');
    const ops = ['modify', 'add', 'delete', 'replace', 'add-paragraph', 'add-item', 'delete-paragraph', 'delete-item', 'renumber', 'move'];
    d.items.forEach((i: { n: number; op: string; text: string; old?: { article: number }; new?: { article: number } }, k: number) => {
      expect(i.n).toBe(k + 1);
      expect(ops).toContain(i.op);
      expect(i.text.length).toBeGreaterThan(0);
      expect(i.old ?? i.new).toBeDefined();
      expect(d.text).toContain(i.text.split('\n')[0]);
    });
    expect(d.revision.advised).toBe(true);
  });

  it('--renumber items lists each renumbered article; a 司法解释 follows the court form; --docx writes a Word file', () => {
    const items = runCli(['decision', 'hunan-2020-review@1', 'hunan-2020', '--renumber', 'items', '--json']);
    const d = JSON.parse(items.stdout);
    expect(d.items.some((i: { op: string; text: string }) => i.op === 'renumber' && /^将第.+条改为第.+条。$/.test(i.text))).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'duizhao-decision-'));
    const file = join(dir, '决定.docx');
    const r = runCli(['decision', join(FIXTURES, 'arbitration.old.md'), join(FIXTURES, 'arbitration.new.md'), '--docx', file]);
    expect(r.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(r.stderr).toContain('已写出');
    const again = runCli(['decision', join(FIXTURES, 'arbitration.old.md'), join(FIXTURES, 'arbitration.new.md'), '--docx', file]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/已存在/);
    const text = runCli(['decision', join(FIXTURES, 'arbitration.old.md'), join(FIXTURES, 'arbitration.new.md')]);
    expect(text.stdout).toContain('\n三、原第四条作为第五条。\n');
  });

  it('bad input: one Chinese line and a usage exit code', () => {
    const r = runCli(['decision', 'hunan-2020']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^duizhao: decision 需要两份文档/);
    const bad = runCli(['decision', 'hunan-2020-review@1', 'hunan-2020', '--renumber', 'all']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--renumber 须为 items、sentence 之一');
  });
});

describe('duizhao refs', () => {
  it('the seeds: references found, none flagged', () => {
    const r = runCli(['refs', 'shenzhen-draft', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.references).toHaveLength(4);
    for (const x of report.references) {
      expect(Object.keys(x)).toEqual(expect.arrayContaining(['from', 'text', 'target', 'status']));
      expect(x.status).toBe('ok');
    }
    for (const id of ['zhejiang-2023', 'hunan-2020', 'hunan-2020-review@1']) {
      const s = runCli(['refs', id]);
      expect(s.code).toBe(0);
      expect(s.stdout).toMatch(/悬空 0，编号未更新 0，所指条文已删除 0/);
    }
  });

  it('--against: the stale numbers of a draft, with what they should read', () => {
    const r = runCli(['refs', join(FIXTURES, 'tcm.draft.md'), '--against', join(FIXTURES, 'tcm.old.md')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('内部引用 14 处：无误 10，悬空 0，编号未更新 3，所指条文已删除 1；另有引用其他法律 0 处（不检查）');
    expect(r.stdout).toContain('第十八条第一款　本条例第十条 → 第十条　编号未更新：这里引用的是原第十条，该条文现为第十一条，编号未随之调整；应为第十一条');
    expect(r.stdout).toContain('第二十二条第一款　本条例第十三条 → 第十三条　所指条文已删除');
    const json = JSON.parse(runCli(['refs', join(FIXTURES, 'tcm.draft.md'), '--against', join(FIXTURES, 'tcm.old.md'), '--json']).stdout);
    expect(json.references.filter((x: { status: string }) => x.status === 'moved').map((x: { suggest: string }) => x.suggest)).toEqual(['第十条', '第十条', '第十一条']);
  });
});
