import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { alignDocuments, buildMatrix, cellNumbers, renderMatrixHtml, renderMatrixXlsx, type AlignInput, type AlignMatrix, type Alignment } from '../../electron/engine/align';
import { articleText, findArticle } from '../../electron/engine/model';
import { parseSeed, type SeedId } from '../helpers/seeds';

const seed = (id: SeedId, meta?: AlignInput['meta']): AlignInput => ({ ref: id, doc: parseSeed(id), version: 0, ...(meta ? { meta } : {}) });

let inputs: AlignInput[];
let alignment: Alignment;
let matrix: AlignMatrix;

beforeAll(() => {
  inputs = [seed('zhejiang-2023', { jurisdiction: '浙江', dates: { adopted: '2023-01-16' } }), seed('hunan-2020', { jurisdiction: '湖南', dates: { effective: '2021-01-01' } }), seed('shenzhen-draft', { jurisdiction: '深圳' })];
  alignment = alignDocuments(inputs);
  matrix = buildMatrix(alignment, inputs, { generated: new Date(2024, 4, 1, 8, 0) });
});

const rowOf = (m: AlignMatrix, doc: number, article: number) => m.rows.find((r) => r.cells[doc]!.members.some((a) => a.article === article))!;

describe('the topic matrix model', () => {
  it('one row per topic, one column per document, short names, the texts of the articles', () => {
    expect(matrix.columns.map((c) => c.name)).toEqual(['浙江 2023', '湖南 2021', '深圳']);
    expect(matrix.rows).toHaveLength(alignment.topics.length);
    expect(matrix.title).toBe('主题对照表（浙江 2023、湖南 2021、深圳）');
    expect(matrix.generatedLabel).toBe('2024年5月1日 08:00');
    const procurement = rowOf(matrix, 0, 27);
    expect(procurement.cells.map(cellNumbers)).toEqual(['第二十六条、第二十七条', '第二十七条', '第四十五条']);
    expect(procurement.cells[2]!.members[0]!.heading).toBe('政府采购支持');
    // Every article of every document is in exactly one cell, with its text as written.
    for (const [column, input] of inputs.entries()) {
      const articles = input.doc.versions[0]!.articles;
      const inCells = matrix.rows.flatMap((r) => r.cells[column]!.members);
      expect(inCells).toHaveLength(articles.length);
      for (const m of inCells) expect(m.text).toBe(articleText(findArticle(input.doc.versions[0]!, m.article, m.sub)!));
    }
  });

  it('a document without a member shows its nearest article as a guess, or "—" where nothing shares the subject', () => {
    const antitrust = rowOf(matrix, 2, 73); // 深73 反垄断: no counterpart in 浙江 or 湖南
    expect(antitrust.shared).toBe(1);
    for (const cell of antitrust.cells.slice(0, 2)) {
      expect(cell.members).toEqual([]);
      expect(cell.guess?.confidence).toBe('low');
      expect(cellNumbers(cell)).toMatch(/^第.+条？$/);
    }
    const withoutGuesses = buildMatrix(alignment, inputs, { generated: new Date(0), guesses: false });
    expect(cellNumbers(rowOf(withoutGuesses, 2, 73).cells[0]!)).toBe('—');
    const shared = buildMatrix(alignment, inputs, { generated: new Date(0), sharedOnly: true });
    expect(shared.rows.every((r) => r.shared >= 2)).toBe(true);
    expect(shared.rows.length).toBeLessThan(matrix.rows.length);
    expect(shared.rows.map((r) => r.index)).toEqual(shared.rows.map((_, i) => i + 1));
  });
});

describe('the matrix as a workbook and as a printable page', () => {
  it('.xlsx: texts, numbers and documents sheets, Chinese headings, guesses in grey', async () => {
    const bytes = await renderMatrixXlsx(matrix);
    expect(Buffer.from(bytes.slice(0, 2)).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主题对照（条文）', '主题对照（条号）', '对照文档']);
    const numbers = wb.getWorksheet('主题对照（条号）')!;
    expect(numbers.getRow(1).values).toEqual([undefined, '主题', '所在章', '浙江 2023', '湖南 2021', '深圳']);
    expect(numbers.rowCount).toBe(matrix.rows.length + 1);
    const procurement = matrix.rows.indexOf(rowOf(matrix, 0, 27));
    expect(numbers.getRow(procurement + 2).getCell(3).value).toBe('第二十六条、第二十七条');
    const texts = wb.getWorksheet('主题对照（条文）')!;
    const cell = texts.getRow(procurement + 4).getCell(4).value as ExcelJS.CellRichTextValue;
    const text = cell.richText.map((r) => r.text).join('');
    expect(text.startsWith('第二十七条\n')).toBe(true);
    expect(text).toContain('向中小企业预留的采购份额应当占本部门年度政府采购项目预算总额的百分之三十以上');
    const antitrust = matrix.rows.indexOf(rowOf(matrix, 2, 73));
    const guess = texts.getRow(antitrust + 4).getCell(3).value as ExcelJS.CellRichTextValue;
    expect(guess.richText[0]!.text).toMatch(/？（可能对应，置信度低）/);
    expect(guess.richText[0]!.font?.italic).toBe(true);
    const docs = wb.getWorksheet('对照文档')!;
    expect(docs.getRow(2).values).toEqual([undefined, '浙江 2023', '浙江省促进中小微企业发展条例', '浙江', 65, 'zhejiang-2023']);
  });

  it('HTML for the PDF printer: A4 landscape, header row on every page, every text, titles escaped', () => {
    const html = renderMatrixHtml(matrix);
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('<thead><tr><th>主题</th><th title="浙江省促进中小微企业发展条例">浙江 2023</th>');
    expect(html.match(/<tr class="row"/g)).toHaveLength(matrix.rows.length);
    for (const r of matrix.rows) for (const c of r.cells) for (const m of c.members) for (const p of m.text.split('\n')) expect(html).toContain(p.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(html).toMatch(/class="guess confidence-low"/);
    const hostile = buildMatrix(alignment, inputs, { generated: new Date(0), title: '</style><script>alert(1)</script>' });
    const page = renderMatrixHtml(hostile);
    expect(page).not.toContain('<script>alert(1)</script>');
    const numbersOnly = renderMatrixHtml(matrix, { texts: false });
    expect(numbersOnly.length).toBeLessThan(html.length / 2);
    expect(numbersOnly).not.toContain('向中小企业预留的采购份额');
  });
});
