/**
 * The report as a Word document (.docx), for staff who keep editing the 对照稿 in Word: the same title
 * block, legend and rows as the HTML, as a two- or three-column table whose header row repeats on every
 * page; deleted or moved text shaded, added text in bold 黑体; the user's notes as numbered references.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Appendix } from './appendix';
import { sideDescription } from './html';
import { intToCn } from '../model';
import type { Report, ReportArticle, ReportNote, ReportPiece, ReportRow, Run } from './report';

/** Grey of the shading for deleted or moved text (the HTML uses the same #C8C8C8). */
export const SHADE_FILL = 'C8C8C8';

const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
const HEI = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' };
/** Half-points: 10.5 pt (五号) for the text, 9 pt for notes. */
const TEXT_SIZE = 21;
const NOTE_SIZE = 18;
/** Two characters of first-line indent at 10.5 pt, in twentieths of a point. */
const INDENT = 420;

const A4 = { width: 11906, height: 16838 };
const MARGIN = 850; // 15 mm

function textRun(text: string, mark: Run['mark'], size: number, extra: { underline?: boolean } = {}): TextRun {
  const shaded = mark === 'deleted' || mark === 'moved';
  const added = mark === 'added';
  return new TextRun({
    text,
    size,
    font: added ? HEI : SONG,
    ...(added ? { bold: true } : {}),
    ...(shaded ? { shading: { type: ShadingType.CLEAR, fill: SHADE_FILL, color: 'auto' } } : {}),
    ...(extra.underline ? { underline: {} } : {}),
  });
}

function noteRef(n: number, size: number): TextRun {
  return new TextRun({ text: `[${n}]`, superScript: true, bold: true, font: HEI, size });
}

function runs(list: Run[], size = TEXT_SIZE): TextRun[] {
  return list.flatMap((r) => [textRun(r.text, r.mark, size, { underline: !!r.notes?.length }), ...(r.noteEnds ?? []).map((n) => noteRef(n, size))]);
}

function plainRun(text: string, size = TEXT_SIZE, hei = false): TextRun {
  return new TextRun({ text, size, font: hei ? HEI : SONG, ...(hei ? { bold: true } : {}) });
}

/** The 款 of one article that stand in one band (see html.ts `pieceHtml`). */
function pieceParagraphs(a: ReportArticle, piece: ReportPiece, inlineNotes: boolean): Paragraph[] {
  const out: Paragraph[] = [];
  const heading = a.heading ? [plainRun('【'), ...runs(a.heading), plainRun('】')] : [];
  const paragraphs = piece.paragraphs.map((i) => a.paragraphs[i]!);
  paragraphs.forEach((p, pi) => {
    p.units.forEach((u, ui) => {
      const first = pi === 0 && ui === 0;
      const part = piece.numbered && ui === 0 ? [plainRun(`（第${intToCn(p.index)}款）`, NOTE_SIZE)] : [];
      const prefix = first && piece.head ? [plainRun(a.label), ...heading, ...part, plainRun('　')] : part;
      out.push(new Paragraph({ indent: { firstLine: INDENT }, alignment: AlignmentType.JUSTIFIED, spacing: { after: 40 }, children: [...prefix, ...runs(u.runs)] }));
    });
  });
  if (paragraphs.length === 0 && piece.head) out.push(new Paragraph({ indent: { firstLine: INDENT }, children: [plainRun(a.label), ...heading] }));
  if (inlineNotes && piece.last) for (const n of a.editorialNotes) out.push(new Paragraph({ indent: { firstLine: INDENT }, children: [plainRun(`（${n}）`)] }));
  return out;
}

function noteParagraph(n: ReportNote): Paragraph {
  if (n.kind === 'editorial') {
    return new Paragraph({ spacing: { after: 60 }, children: [plainRun(`${n.where}：`, NOTE_SIZE), plainRun(n.text, NOTE_SIZE)] });
  }
  const children: TextRun[] = [plainRun(`批注[${n.n ?? ''}] `, NOTE_SIZE, true), plainRun(n.where, NOTE_SIZE)];
  if (n.status === 'stale') children.push(plainRun('（原文已变动）', NOTE_SIZE));
  if (n.quote) children.push(plainRun(`「${n.quote}」`, NOTE_SIZE));
  children.push(plainRun(`：${n.text}`, NOTE_SIZE));
  if (n.tags.length) children.push(plainRun(' ' + n.tags.map((t) => '#' + t).join(' '), NOTE_SIZE));
  return new Paragraph({ spacing: { after: 60 }, children });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(children: Paragraph[], width: number, rowSpan = 1): TableCell {
  return new TableCell({
    ...(rowSpan > 1 ? { rowSpan } : {}),
    children: children.length ? children : [new Paragraph({ children: [] })],
    width: { size: width, type: WidthType.DXA },
    borders: BORDERS,
    verticalAlign: VerticalAlign.TOP,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

/** One table row per band (a split or merged row: each 款 of the left opposite the 款 it became), the 说明 cell spanning them. */
function rowsOf(row: ReportRow, widths: number[], threeColumns: boolean): TableRow[] {
  const side = (articles: ReportArticle[], pieces: ReportPiece[]) => pieces.flatMap((p) => pieceParagraphs(articles[p.article]!, p, !threeColumns));
  const relation = new Paragraph({ children: [plainRun(`〔${row.relationLabel}${row.renumbered ? '·条号调整' : ''}〕`, NOTE_SIZE, true)] });
  const related = row.related ? [new Paragraph({ children: [plainRun(row.related.text, NOTE_SIZE)] })] : [];
  return row.bands.map((band, k) => {
    const last = k === row.bands.length - 1;
    const cells = [cell(side(row.left, band.left), widths[0]!), cell(!threeColumns && last ? [...side(row.right, band.right), ...related, relation] : side(row.right, band.right), widths[1]!)];
    if (threeColumns && k === 0) cells.push(cell([relation, ...related, ...row.notes.map(noteParagraph)], widths[2]!, row.bands.length));
    return new TableRow({ children: cells });
  });
}

/** An appendix after the table (appendix.ts): the decision as printed, or the references as a table. */
function appendixChildren(a: Appendix, usable: number): Array<Paragraph | Table> {
  const heading = new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: a.heading, font: HEI, bold: true, size: 26 })] });
  const intro = new Paragraph({ spacing: { after: 160 }, children: [plainRun(a.intro, NOTE_SIZE)] });
  if (a.kind === 'decision') {
    const advice = a.note
      ? [new Paragraph({ spacing: { after: 200 }, border: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER }, children: [plainRun(a.note, NOTE_SIZE)] })]
      : [];
    return [
      heading,
      intro,
      ...advice,
      new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240 }, children: [new TextRun({ text: a.title, font: SONG, bold: true, size: 30 })] }),
      ...a.paragraphs.map((p) => new Paragraph({ indent: { firstLine: 480 }, alignment: AlignmentType.JUSTIFIED, spacing: { after: 60, line: 400 }, children: [plainRun(p, 24)] })),
    ];
  }
  const fractions = [0.16, 0.22, 0.2, 0.11];
  const widths = fractions.map((f) => Math.round(usable * f));
  widths.push(usable - widths.reduce((x, y) => x + y, 0));
  const line = (texts: string[], bold: boolean) =>
    new TableRow({
      ...(bold ? { tableHeader: true, cantSplit: true } : { cantSplit: true }),
      children: texts.map((t, i) => cell([new Paragraph({ children: [plainRun(t, NOTE_SIZE, bold)] })], widths[i]!)),
    });
  const table = a.rows.length
    ? [
        new Table({
          rows: [line(['所在条款', '引用', '指向', '结果', '说明'], true), ...a.rows.map((r) => line([r.where, r.text, r.target, r.statusLabel, r.detail], false))],
          width: { size: usable, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
        }),
      ]
    : [];
  return [heading, intro, new Paragraph({ spacing: { after: 120 }, children: [plainRun(a.summary)] }), ...table];
}

export async function renderReportDocx(report: Report): Promise<Uint8Array> {
  const threeColumns = report.options.notes;
  const landscape = threeColumns;
  const usable = (landscape ? A4.height : A4.width) - 2 * MARGIN;
  const widths = threeColumns ? [Math.round(usable * 0.375), Math.round(usable * 0.375), usable - 2 * Math.round(usable * 0.375)] : [Math.floor(usable / 2), usable - Math.floor(usable / 2)];

  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [report.left.label, report.right.label, ...(threeColumns ? ['说明'] : [])].map((t, i) =>
      cell([new Paragraph({ alignment: AlignmentType.CENTER, children: [plainRun(t, TEXT_SIZE, true)] })], widths[i]!),
    ),
  });
  const table = new Table({
    rows: [headerRow, ...report.rows.flatMap((r) => rowsOf(r, widths, threeColumns))],
    width: { size: usable, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
  });

  const sideLine = (label: string, s: Report['left']) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [plainRun(`${label}　${sideDescription(s)}`, NOTE_SIZE)],
    });
  const summary = report.summary.map((s) => `${s.label} ${s.count}`).join('，');
  const title: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [plainRun('修改对照稿', NOTE_SIZE, true)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [new TextRun({ text: report.title, font: HEI, bold: true, size: 32 })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [plainRun('（'), textRun('阴影部分', 'deleted', TEXT_SIZE), plainRun('为删去或者移动，'), textRun('黑体部分', 'added', TEXT_SIZE), plainRun('为增加）')],
    }),
    sideLine('左栏', report.left),
    sideLine('右栏', report.right),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 200 },
      children: [
        plainRun(
          `生成时间：${report.generatedLabel}　共 ${report.rows.length} 组：${summary}${report.omitted ? `；另有 ${report.omitted} 组未修改的条文从略` : ''}${threeColumns ? `；批注 ${report.counts.annotations} 条，编者注 ${report.counts.editorial} 条` : ''}`,
          NOTE_SIZE,
        ),
      ],
    }),
  ];
  const tail: Paragraph[] = report.unplaced.length
    ? [new Paragraph({ spacing: { before: 240 }, children: [plainRun('未能定位的批注', TEXT_SIZE, true)] }), ...report.unplaced.map(noteParagraph)]
    : [];

  const header = new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [plainRun(`${report.title}　${report.left.label} — ${report.right.label}`, 17)] })] });
  const footer = new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'], size: 17, font: SONG })] })],
  });
  const doc = new Document({
    creator: 'Duizhao',
    lastModifiedBy: 'Duizhao',
    title: report.title,
    description: `${report.left.label} — ${report.right.label}`,
    styles: { default: { document: { run: { font: SONG, size: TEXT_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1020, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: [...title, table, ...tail],
      },
      // Each appendix on pages of its own, upright (the decision reads as a document, not a table).
      ...report.appendices.map((a) => ({
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1134, bottom: 1020, left: MARGIN, right: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: { default: header },
        footers: { default: footer },
        children: appendixChildren(a, A4.width - 2 * MARGIN),
      })),
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
