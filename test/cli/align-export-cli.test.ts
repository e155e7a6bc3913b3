/**
 * `duizhao align … --xlsx FILE --pdf FILE [--force]` (the topic matrix for the 研究报告) and the
 * library-wide questions `duizhao align REF --article N` (其他地方怎么规定) and `--similar` (同类法规), run
 * as a user runs them: the built CLI, a throw-away library with real texts imported.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli, tempHome } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';

const FIXTURES = join(__dirname, '..', 'fixtures', 'align-library');
const home = tempHome('duizhao-align-cli-');
const dir = mkdtempSync(join(tmpdir(), 'duizhao-align-out-'));
const duizhao = (...args: string[]) => runCli(args, home);
/** Fixture name → the id the library gave it. */
const ID: Record<string, string> = {};

beforeAll(() => {
  requireBuiltCli();
  for (const name of ['beijing-sme-2020', 'national-sme-2017', 'jinan-civility-2019', 'zhengzhou-civility-2022']) {
    const r = duizhao('import', join(FIXTURES, `${name}.md`), '--json');
    if (r.code !== 0) throw new Error(r.stderr);
    ID[name] = (JSON.parse(r.stdout) as { id: string }).id;
  }
});

describe('duizhao align --xlsx --pdf', () => {
  const xlsx = join(dir, '对照表.xlsx');
  const pdf = join(dir, '对照表.pdf');
  const refs = () => ['zhejiang-2023', 'hunan-2020', 'shenzhen-draft', ID['beijing-sme-2020']!, ID['national-sme-2017']!];

  it('writes the matrix as a workbook exceljs reads and a PDF pdftotext reads, beside the table', async () => {
    const r = duizhao('align', ...refs(), '--xlsx', xlsx, '--pdf', pdf);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').find((l) => l.startsWith('主题'))).toMatch(/^主题\s+浙江 2023\s+湖南 2021\s+深圳\s+北京 2020\s+国家 2017$/);
    expect(r.stderr).toContain(`已写出 ${xlsx}`);
    expect(r.stderr).toContain(`已写出 ${pdf}`);

    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主题对照（条文）', '主题对照（条号）', '对照文档']);
    const numbers = wb.getWorksheet('主题对照（条号）')!;
    expect((numbers.getRow(1).values as unknown[]).slice(3)).toEqual(['浙江 2023', '湖南 2021', '深圳', '北京 2020', '国家 2017']);
    const rows: string[][] = [];
    numbers.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    // The table printed on stdout and the workbook agree on the topics, in order.
    const printed = r.stdout.split('\n').filter((l) => /\S\s{2,}\S/.test(l) && !l.startsWith('主题') && !l.startsWith('  '));
    expect(rows.length - 1).toBe(printed.length);
    // The topic of 深圳 第四十五条【政府采购支持】: 浙江 第二十七条, 北京 第二十八条 (政府采购).
    const procurement = rows.find((x) => x[4]!.split('、').includes('第四十五条'))!;
    expect(procurement[2]!.split('、')).toContain('第二十七条');
    expect(procurement[5]!.split('、')).toContain('第二十八条');
    const docs = wb.getWorksheet('对照文档')!;
    expect(String(docs.getRow(6).getCell(2).value)).toBe('中华人民共和国中小企业促进法');

    const text = pdfText(pdf);
    expect(text).toContain('主题对照表（浙江2023、湖南2021、深圳、北京2020、国家2017）');
    expect(text).toContain(`北京市促进中小企业发展条例（${ID['beijing-sme-2020']}）`);
    // The 北京 text of its 政府采购 article, in the cells.
    expect(text).toContain('向中小企业预留的采购份额应当占本部门年度政府采购项目预算总额的百分之四十以上');
  }, 180_000);

  it('never replaces an existing file without --force; with it, atomically', () => {
    const before = readFileSync(xlsx);
    const again = duizhao('align', ...refs(), '--xlsx', xlsx);
    expect(again.code).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('已存在');
    expect(readFileSync(xlsx).equals(before)).toBe(true);
    const html = join(dir, '对照表.html');
    const forced = duizhao('align', 'zhejiang-2023', 'hunan-2020', '--xlsx', xlsx, '--html', html, '--shared-only', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(xlsx).equals(before)).toBe(false);
    expect(readFileSync(html, 'utf8')).toContain('主题对照表（浙江 2023、湖南 2021）');
    // No temporary file is left beside the outputs.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});

describe('duizhao align REF --article / --similar (the library)', () => {
  it('其他地方怎么规定: the article\'s counterparts in the other jurisdictions\' regulations, best first', () => {
    const r = duizhao('align', ID['beijing-sme-2020']!, '--article', '第二十八条', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { scope: string; name: string; docs: Array<{ ref: string; name: string; matches: Array<{ article: number; confidence: string; diff?: unknown[] }> }> };
    expect(c.scope).toBe('library');
    expect(c.name).toBe('北京 2020');
    const shenzhen = c.docs.find((d) => d.ref === 'shenzhen-draft')!;
    expect(shenzhen.matches[0]).toMatchObject({ article: 45, confidence: 'high' });
    expect(shenzhen.matches[0]!.diff!.length).toBeGreaterThan(0);
    expect(c.docs.some((d) => d.ref === ID['jinan-civility-2019'] || d.ref === ID['zhengzhou-civility-2022'])).toBe(false);
    const human = duizhao('align', ID['beijing-sme-2020']!, '--article', '28');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^北京 2020 第二十八条：其他地方怎么规定/);
    expect(human.stdout).toMatch(/深圳\s+第四十五条【政府采购支持】\s+置信度高/);
  }, 120_000);

  it('同类法规: the regulations of other jurisdictions on the same subject', () => {
    const r = duizhao('align', ID['zhengzhou-civility-2022']!, '--similar');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('郑州');
    expect(r.stdout).toContain(`济南市文明行为促进条例（${ID['jinan-civility-2019']}）`);
    expect(r.stdout).toMatch(/济南 \d{4}\s+\d\.\d\d\s+济南市文明行为促进条例/);
    expect(r.stdout).not.toContain('中小企业');
    const bad = duizhao('align', 'zhejiang-2023', 'hunan-2020', '--similar');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('只接受一份文档');
    expect(existsSync(join(home, 'cache', 'align', 'catalog.json'))).toBe(true);
  }, 120_000);
});
