/**
 * Files to import, made in the test from the seed texts: a GBK .txt, a .docx (one paragraph per line, or
 * the 修改对照稿 as a real two-column Word table), a .pdf printed by Chromium, bad inputs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { chromium } from 'playwright-core';

export { gb18030Encode } from './gbk';

/** A .docx with one Word paragraph per line of `text` (blank lines are empty paragraphs). */
export async function docxFromLines(text: string): Promise<Buffer> {
  const children = text.split('\n').map((line) => new Paragraph({ children: line ? [new TextRun(line)] : [] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** A run of a cell: plain, or formatted the way a 对照稿 marks changes. */
export interface Run {
  text: string;
  bold?: boolean;
  heiti?: boolean;
  shade?: boolean;
  strike?: boolean;
  underline?: boolean;
}

export interface ComparisonLayout {
  preamble: string[];
  /** Rows of [left cell lines, right cell lines]; [] = empty cell. */
  rows: Array<[string[], string[]]>;
  trailer: string[];
}

/**
 * Reads the flattened 对照稿 text (seed 003) back into its table: each cell starts with a tab, cells
 * alternate left/right; the text before the first cell is the preamble, the lines after a blank line
 * following the last cell the trailer. (The inverse of what the Word import must produce.)
 */
export function comparisonLayout(text: string): ComparisonLayout {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('\t'));
  const preamble = lines.slice(0, first).filter((l) => l.trim() !== '');
  const cells: string[][] = [];
  let k = first;
  let blankRun = 0;
  for (; k < lines.length; k++) {
    const l = lines[k]!;
    if (l.startsWith('\t')) {
      cells.push(l.trim() === '' ? [] : [l.slice(1)]);
      blankRun = 0;
    } else if (l.trim() === '') blankRun++;
    else if (blankRun > 0 && !lines.slice(k).some((x) => x.startsWith('\t'))) break;
    else cells[cells.length - 1]!.push(l);
  }
  const trailer = lines.slice(k).filter((l) => l.trim() !== '');
  const rows: Array<[string[], string[]]> = [];
  for (let i = 0; i < cells.length; i += 2) rows.push([cells[i]!, cells[i + 1] ?? []]);
  return { preamble, rows, trailer };
}

function runOf(r: Run): TextRun {
  return new TextRun({
    text: r.text,
    ...(r.bold ? { bold: true } : {}),
    ...(r.heiti ? { font: { eastAsia: '黑体', ascii: '黑体', hAnsi: '黑体' } } : {}),
    ...(r.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'BFBFBF' } } : {}),
    ...(r.strike ? { strike: true } : {}),
    ...(r.underline ? { underline: {} } : {}),
  });
}

/** A 修改对照稿 as Word makes it: the preamble, a two-column table, the trailer. `format` may style runs. */
export async function comparisonDocx(layout: ComparisonLayout, format: (line: string) => Run[] = (l) => [{ text: l }]): Promise<Buffer> {
  const cell = (lines: string[]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: lines.length ? lines.map((l) => new Paragraph({ children: format(l).map(runOf) })) : [new Paragraph({ children: [] })],
    });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: layout.rows.map(([left, right]) => new TableRow({ children: [cell(left), cell(right)] })),
  });
  const paragraphs = (lines: string[]) => lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(l)] }));
  return Packer.toBuffer(
    new Document({
      sections: [{ children: [...paragraphs(layout.preamble), table, new Paragraph({ children: [] }), ...paragraphs(layout.trailer)] }],
    }),
  );
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The text typeset as a 公文 is: each line a paragraph indented two characters, A4, wrapped by the
 * browser (so long lines break where the layout breaks them and must be joined again).
 */
export function officialHtml(text: string): string {
  const body = text
    .split('\n')
    .map((l) => (l.trim() === '' ? '<p class="blank"></p>' : `<p>${escapeHtml(l)}</p>`))
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.5; }
    p { margin: 0; text-indent: 2em; text-align: justify; }
    p.blank { height: 1.5em; }
  </style><body>${body}</body></html>`;
}

/** PDFs printed by Debian's Chromium: one per HTML page given. */
export async function printPdfs(pages: string[]): Promise<Buffer[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const out: Buffer[] = [];
    for (const html of pages) {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      out.push(await page.pdf({ format: 'A4', margin: { top: '25mm', bottom: '25mm', left: '26mm', right: '26mm' } }));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

/** A page with no text at all, only a picture of text: what a scanner produces. */
export const SCANNED_HTML = `<!doctype html><html><body><canvas id="c" width="800" height="300"></canvas><script>
  const x = document.getElementById('c').getContext('2d');
  x.font = '40px serif';
  x.fillText('第一条 本条例自公布之日起施行。', 20, 80);
</script></body></html>`;

/**
 * A PDF that needs a password to open: a minimal file with a Standard security handler (RC4, R2) whose
 * /U entry does not match the empty user password, so no reader can open it without one.
 */
export function encryptedPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'a5'.repeat(32)}> /U <${'3c'.repeat(32)}> >>`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Every file and folder under `dir` with the hash of its bytes: "byte-identical" made checkable. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        out[relative(dir, full) + '/'] = 'dir';
        walk(full);
      } else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
