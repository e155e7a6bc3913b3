/**
 * Search hits as a table: CSV (UTF-8 with a byte-order mark, so that Excel opens the Chinese text right)
 * and an .xlsx workbook written by exceljs. One row per hit with the whole article text and a link back.
 * Pure: both return bytes or text; the caller writes the file.
 */
import type { SearchIndex } from './search';
import { articleText } from './segment';
import type { SearchHit } from './types';

export interface ExportRow {
  title: string;
  /** 第二十七条 */
  label: string;
  heading: string;
  /** The whole article, 款 by 款 on their own lines. */
  text: string;
  jurisdiction: string;
  kind: string;
  date: string;
  /** duizhao://doc/ID@V#art_N (or `linkBase` + the same). */
  link: string;
  doc: string;
  version: number;
  article: number;
  score: number;
}

/** Column order and the Chinese headers of both formats. */
export const EXPORT_COLUMNS: ReadonlyArray<{ key: keyof ExportRow; header: string; width: number }> = [
  { key: 'title', header: '标题', width: 36 },
  { key: 'label', header: '条', width: 12 },
  { key: 'heading', header: '条标题', width: 16 },
  { key: 'text', header: '条文', width: 80 },
  { key: 'jurisdiction', header: '地区', width: 10 },
  { key: 'kind', header: '类型', width: 12 },
  { key: 'date', header: '日期', width: 12 },
  { key: 'link', header: '链接', width: 40 },
];

/** The article's place in the app: `${base}${doc}@${version}#art_N` (art_N_1 for 第N条之一). */
export function articleLink(doc: string, version: number, id: string, base = 'duizhao://doc/'): string {
  return `${base}${doc}@${version}#${id}`;
}

/** Rows for hits of `index` (the whole article text is read from the index). */
export function exportRows(index: SearchIndex, hits: readonly SearchHit[], linkBase?: string): ExportRow[] {
  return hits.map((h) => {
    const found = index.article(`${h.doc}@${h.version}`, h.article, h.sub);
    const id = found?.article.id ?? `art_${h.article}${h.sub !== undefined ? `_${h.sub}` : ''}`;
    return {
      title: h.title,
      label: h.label,
      heading: h.heading ?? '',
      text: found ? articleText(found.article) : h.snippet,
      jurisdiction: found?.meta.jurisdiction ?? '',
      kind: found?.meta.kind ?? '',
      date: h.date ?? '',
      link: articleLink(h.doc, h.version, id, linkBase),
      doc: h.doc,
      version: h.version,
      article: h.article,
      score: h.score,
    };
  });
}

/** A cell Excel would read as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
function safeCell(value: string): string {
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const v = safeCell(value);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV text with a byte-order mark and CRLF line ends (RFC 4180), headers in Chinese. */
export function hitsToCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_COLUMNS.map((c) => c.header).join(',')];
  for (const r of rows) lines.push(EXPORT_COLUMNS.map((c) => csvField(String(r[c.key]))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** An .xlsx workbook (one sheet 检索结果, header row frozen, links clickable), as bytes. */
export async function hitsToXlsx(rows: readonly ExportRow[], query = ''): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Duizhao 对照';
  workbook.title = query ? `检索：${query}` : '检索结果';
  const sheet = workbook.addWorksheet('检索结果', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow({ ...r, link: { text: r.link, hyperlink: r.link } });
    row.getCell('text').alignment = { wrapText: true, vertical: 'top' };
    row.alignment = { vertical: 'top' };
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
