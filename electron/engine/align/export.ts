/**
 * The topic matrix for the 研究报告 a researcher writes: topics × jurisdictions, with article numbers and
 * the articles' texts. One model (buildMatrix) and two renderings of it: an Excel workbook (three sheets:
 * texts, numbers only, the documents) and a printable HTML page (A4 landscape) that the PDF printer of the
 * comparison report prints as it is (services/pdf.ts, Electron's printToPDF).
 *
 * A cell lists the topic's members of that document; where the document has none, the nearest article
 * (AlignTopic.nearest) as a guess marked "？" with its confidence; "—" only where nothing there shares the
 * subject.
 */
import type ExcelJS from 'exceljs';
import { DEFAULT_FONTS, cssString, escapeHtml, type FontFace } from '../export/html';
import { articleText, findArticle, say } from '../model';
import type { AlignInput, Alignment, Confidence } from './types';

export interface MatrixArticle {
  article: number;
  sub?: number;
  label: string;
  heading: string | null;
  /** The article's text, 项 labelled, 款 on their own lines. */
  text: string;
}

export interface MatrixCell {
  /** The topic's members of this document, in order. */
  members: MatrixArticle[];
  /** Where there are none: the nearest article there, a guess. */
  guess?: MatrixArticle & { confidence: Confidence; score: number };
}

export interface MatrixRow {
  /** 1-based, in the alignment's reading order. */
  index: number;
  label: string;
  /** The chapter the topic's first article stands in (AlignTopic.chapter). */
  chapter: string | null;
  /** The first document's chapter where the topic has an article of it: the table's sections. */
  section: string | null;
  terms: string[];
  /** Documents with a member. */
  shared: number;
  cells: MatrixCell[];
}

export interface MatrixColumn {
  ref: string;
  name: string;
  title: string;
  jurisdiction: string;
  articles: number;
}

export interface AlignMatrix {
  title: string;
  /** ISO 8601, and as shown ("2024年5月1日 08:00"). */
  generated: string;
  generatedLabel: string;
  summary: string;
  legend: string;
  columns: MatrixColumn[];
  rows: MatrixRow[];
}

export interface MatrixOptions {
  /** When the matrix is made (the caller's clock keeps this pure). */
  generated: Date;
  title?: string;
  /** Only topics that two or more documents share (default false). */
  sharedOnly?: boolean;
  /** Guesses in the cells without members (default true). */
  guesses?: boolean;
}

/** A cell where nothing in the document shares the subject (layout, not a sentence). */
const NONE = '—';

function timeLabel(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The matrix model of an alignment; `inputs` are the aligned documents (for the texts), in its order. */
export function buildMatrix(alignment: Alignment, inputs: AlignInput[], options: MatrixOptions): AlignMatrix {
  const columns: MatrixColumn[] = alignment.documents.map((d) => ({ ref: d.ref, name: d.name, title: d.title, jurisdiction: d.jurisdiction, articles: d.articles }));
  const textOf = (column: number, article: number, sub?: number): MatrixArticle | null => {
    const input = inputs[column]!;
    const a = findArticle(input.doc.versions[input.version]!, article, sub);
    if (!a) return null;
    const out: MatrixArticle = { article: a.number, label: a.label, heading: a.heading, text: articleText(a) };
    if (a.sub) out.sub = a.sub;
    return out;
  };
  const rows: MatrixRow[] = [];
  alignment.topics.forEach((topic) => {
    const cells: MatrixCell[] = alignment.documents.map((d, column) => {
      const members = topic.members.filter((m) => m.doc === d.doc && m.version === d.version).map((m) => textOf(column, m.article, m.sub)!);
      const cell: MatrixCell = { members };
      if (!members.length && options.guesses !== false) {
        const n = topic.nearest?.find((x) => x.doc === d.doc && x.version === d.version);
        const a = n ? textOf(column, n.article, n.sub) : null;
        if (n && a) cell.guess = { ...a, confidence: n.confidence, score: n.score };
      }
      return cell;
    });
    const shared = cells.filter((c) => c.members.length).length;
    if (options.sharedOnly && shared < 2) return;
    const section = cells[0]!.members.length ? (topic.chapter ?? null) : null;
    rows.push({ index: rows.length + 1, label: topic.label, chapter: topic.chapter ?? null, section, terms: topic.terms, shared, cells });
  });
  const names = columns.map((c) => c.name).join('、');
  return {
    title: options.title ?? say('align.matrix.title', { names }),
    generated: options.generated.toISOString(),
    generatedLabel: timeLabel(options.generated),
    summary: say('align.matrix.summary', {
      documents: columns.length,
      topics: alignment.topics.length,
      shared: alignment.topics.filter((t) => new Set(t.members.map((m) => `${m.doc}@${m.version}`)).size > 1).length,
    }),
    legend: say('align.matrix.legend'),
    columns,
    rows,
  };
}

/** "第二十七条【政府采购支持】". */
function articleTitle(a: MatrixArticle): string {
  return a.heading ? `${a.label}【${a.heading}】` : a.label;
}

const confidenceWord = (c: Confidence) => say(`align.confidence.${c}`);

/** A cell as the number sheet shows it: "第二十六条、第二十七条", "第十二条？", "—". */
export function cellNumbers(cell: MatrixCell): string {
  if (cell.members.length) return cell.members.map((m) => m.label).join('、');
  if (cell.guess) return `${cell.guess.label}？`;
  return NONE;
}

// ---- Excel ------------------------------------------------------------------------------------------

const FONT = '宋体';
const GREY = 'FF7F7F7F';

/** The matrix as an .xlsx workbook (bytes). */
export async function renderMatrixXlsx(matrix: AlignMatrix): Promise<Uint8Array> {
  // Loaded on first use: commands that never write a workbook do not load exceljs.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Duizhao 对照';
  wb.created = new Date(matrix.generated);
  wb.title = matrix.title;

  const head = [say('align.matrix.topic'), say('align.matrix.chapter'), ...matrix.columns.map((c) => c.name)];
  const styleHeader = (row: ExcelJS.Row) => {
    row.font = { name: FONT, bold: true };
    row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    row.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      c.border = { bottom: { style: 'thin' } };
    });
  };

  // 1. Texts: each cell holds its articles, heading and text; a guess in grey with "？".
  const texts = wb.addWorksheet(say('align.matrix.sheet_texts'), { views: [{ state: 'frozen', xSplit: 1, ySplit: 3 }], pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  texts.addRow([matrix.title]).font = { name: FONT, bold: true, size: 14 };
  texts.addRow([`${matrix.summary}。${matrix.legend}。${say('align.matrix.generated', { when: matrix.generatedLabel })}`]).font = { name: FONT, size: 9, color: { argb: GREY } };
  styleHeader(texts.addRow(head));
  texts.columns = [{ width: 18 }, { width: 10 }, ...matrix.columns.map(() => ({ width: 48 }))];
  for (const r of matrix.rows) {
    const row = texts.addRow([r.label, r.chapter ?? '', ...r.cells.map(() => '')]);
    r.cells.forEach((cell, i) => {
      const target = row.getCell(i + 3);
      const runs: ExcelJS.RichText[] = [];
      cell.members.forEach((m, k) => {
        if (k) runs.push({ text: '\n\n' });
        runs.push({ text: articleTitle(m) + '\n', font: { name: FONT, bold: true } });
        runs.push({ text: m.text, font: { name: FONT } });
      });
      if (!cell.members.length && cell.guess) {
        const g = cell.guess;
        runs.push({ text: say('align.matrix.guess', { label: articleTitle(g), confidence: confidenceWord(g.confidence) }) + '\n', font: { name: FONT, italic: true, color: { argb: GREY } } });
        runs.push({ text: g.text, font: { name: FONT, color: { argb: GREY } } });
      }
      target.value = runs.length ? { richText: runs } : NONE;
    });
    row.font = { name: FONT };
    row.getCell(1).font = { name: FONT, bold: true };
    row.alignment = { vertical: 'top', wrapText: true };
  }

  // 2. Numbers only: the matrix at a glance.
  const numbers = wb.addWorksheet(say('align.matrix.sheet_numbers'), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  styleHeader(numbers.addRow(head));
  numbers.columns = [{ width: 22 }, { width: 12 }, ...matrix.columns.map(() => ({ width: 18 }))];
  for (const r of matrix.rows) {
    const row = numbers.addRow([r.label, r.chapter ?? '', ...r.cells.map(cellNumbers)]);
    row.font = { name: FONT };
    row.alignment = { vertical: 'top', wrapText: true };
    r.cells.forEach((cell, i) => {
      if (!cell.members.length) row.getCell(i + 3).font = { name: FONT, italic: !!cell.guess, color: { argb: GREY } };
    });
  }

  // 3. The documents.
  const docs = wb.addWorksheet(say('align.matrix.sheet_documents'));
  styleHeader(docs.addRow([say('align.matrix.name'), say('align.matrix.doc_title'), say('align.matrix.jurisdiction'), say('align.matrix.articles'), say('align.matrix.ref')]));
  docs.columns = [{ width: 16 }, { width: 50 }, { width: 10 }, { width: 8 }, { width: 36 }];
  for (const c of matrix.columns) docs.addRow([c.name, c.title, c.jurisdiction, c.articles, c.ref]).font = { name: FONT };

  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// ---- HTML (printed to PDF) --------------------------------------------------------------------------

export interface MatrixHtmlOptions {
  fonts?: FontFace[];
  /** The articles' texts in the cells (default true); false: article numbers only. */
  texts?: boolean;
}

function fontCss(fonts: FontFace[]): string {
  return fonts.map((f) => `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; src: ${f.src.join(', ')}; }`).join('\n');
}

function articleHtml(a: MatrixArticle, withText: boolean, mark = ''): string {
  const title = `<span class="label">${escapeHtml(a.label)}${mark}</span>${a.heading ? `<span class="heading">【${escapeHtml(a.heading)}】</span>` : ''}`;
  if (!withText) return `<div class="article">${title}</div>`;
  const paragraphs = a.text.split('\n').map((p, i) => `<p>${i === 0 ? title + '　' : ''}${escapeHtml(p)}</p>`);
  return `<div class="article">${paragraphs.join('')}</div>`;
}

function cellHtml(cell: MatrixCell, withText: boolean): string {
  if (cell.members.length) return cell.members.map((m) => articleHtml(m, withText)).join('');
  if (cell.guess) {
    const g = cell.guess;
    return `<div class="guess confidence-${g.confidence}" title="${escapeHtml(say('align.matrix.guess', { label: articleTitle(g), confidence: confidenceWord(g.confidence) }))}">${articleHtml(g, withText, '？')}</div>`;
  }
  return `<p class="none">${escapeHtml(NONE)}</p>`;
}

/** The matrix as one printable HTML page (A4 landscape; the header row repeats on every page). */
export function renderMatrixHtml(matrix: AlignMatrix, options: MatrixHtmlOptions = {}): string {
  const fonts = options.fonts ?? DEFAULT_FONTS;
  const withText = options.texts !== false;
  const n = matrix.columns.length;
  // Many columns: a smaller type, so that a row still fits the page's width.
  const size = n <= 3 ? 9 : n <= 5 ? 8 : n <= 8 ? 7 : 6;
  const labelWidth = n <= 5 ? 12 : 9;
  const css = `
${fontCss(fonts)}
@page {
  size: A4 landscape;
  margin: 15mm 10mm 14mm 10mm;
  @top-left { content: ${cssString(matrix.title.length > 70 ? matrix.title.slice(0, 69) + '…' : matrix.title)}; font: 8pt 'DZ Song', serif; color: #555; vertical-align: bottom; padding-bottom: 2mm; }
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font: 8pt 'DZ Song', serif; color: #555; }
}
@page :first { @top-left { content: none; } }
:root { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { font-family: 'DZ Song', 'Noto Serif CJK SC', 'Songti SC', SimSun, serif; font-size: ${size}pt; line-height: 1.5; color: #000; }
body { margin: 0; }
@media screen { body { max-width: 297mm; margin: 0 auto; padding: 10mm; background: #fff; } }
.title-block { text-align: center; margin-bottom: 4mm; }
.title-block .kind { font-family: 'DZ Hei', sans-serif; font-size: 9pt; letter-spacing: 0.3em; color: #333; margin: 0 0 1.5mm; }
.title-block h1 { font-family: 'DZ Hei', sans-serif; font-weight: 700; font-size: 15pt; line-height: 1.4; margin: 0 0 2mm; }
.meta { font-size: 8.5pt; color: #444; margin: 1mm 0; }
table.documents { margin: 2mm auto; border-collapse: collapse; font-size: 8.5pt; text-align: left; }
table.documents th, table.documents td { padding: 0.4mm 3mm 0.4mm 0; font-weight: normal; vertical-align: top; }
table.documents th { color: #444; white-space: nowrap; }
table.matrix { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.matrix thead { display: table-header-group; }
table.matrix th { font-family: 'DZ Hei', sans-serif; font-weight: 700; border: 0.6pt solid #000; padding: 1.2mm 1.5mm; background: #eee; }
table.matrix td { border: 0.6pt solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }
col.topic { width: ${labelWidth}%; }
td.topic { font-family: 'DZ Hei', sans-serif; font-weight: 700; }
td.topic .chapter { display: block; font-family: 'DZ Song', serif; font-weight: normal; color: #555; font-size: 0.9em; }
tr.row { break-inside: avoid-page; }
tr.chapter-row td { font-family: 'DZ Hei', sans-serif; background: #f4f4f4; font-size: 1.05em; }
.article + .article { margin-top: 1.2mm; }
.article p { margin: 0 0 0.6mm; text-indent: 2em; text-align: justify; }
.label { font-family: 'DZ Hei', sans-serif; font-weight: 700; }
.heading { font-family: 'DZ Hei', sans-serif; }
.guess { color: #777; }
.none { color: #999; text-align: center; margin: 0; }
`;
  const head = `<tr><th>${escapeHtml(say('align.matrix.topic'))}</th>${matrix.columns.map((c) => `<th title="${escapeHtml(c.title)}">${escapeHtml(c.name)}</th>`).join('')}</tr>`;
  const body: string[] = [];
  let chapter: string | null = null;
  for (const r of matrix.rows) {
    // A row of its own where the first document's chapter changes: the matrix reads as the laws are laid out.
    if (r.section && r.section !== chapter) {
      body.push(`<tr class="chapter-row"><td colspan="${n + 1}">${escapeHtml(r.section)}</td></tr>`);
      chapter = r.section;
    }
    body.push(`<tr class="row" data-row="${r.index}"><td class="topic">${escapeHtml(r.label)}</td>${r.cells.map((c) => `<td>${cellHtml(c, withText)}</td>`).join('')}</tr>`);
  }
  const docs = matrix.columns
    .map((c) => `<tr><th>${escapeHtml(c.name)}</th><td>${escapeHtml(c.title)}（${escapeHtml(c.ref)}），${c.articles} 条</td></tr>`)
    .join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(matrix.title)}</title>
<meta name="generator" content="Duizhao 对照">
<style>${css}</style>
</head>
<body>
<header class="title-block">
<p class="kind">${escapeHtml(say('align.matrix.kind'))}</p>
<h1>${escapeHtml(matrix.title)}</h1>
<table class="documents">${docs}</table>
<p class="meta">${escapeHtml(matrix.summary)}；${escapeHtml(say('align.matrix.generated', { when: matrix.generatedLabel }))}</p>
<p class="meta">${escapeHtml(matrix.legend)}</p>
</header>
<table class="matrix">
<colgroup><col class="topic">${matrix.columns.map(() => '<col>').join('')}</colgroup>
<thead>${head}</thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
