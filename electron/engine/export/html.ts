/**
 * The report as one printable HTML page (A4, print CSS). The same string is printed to PDF by headless
 * Chromium (CLI, web mode) and by Electron's printToPDF, and can be saved as an .html file.
 *
 * Running headers and page numbers are CSS page-margin boxes (`@page { @top-center … }`), which
 * Chromium prints itself; the table header repeats on every page. Fonts are named by their installed
 * names (local()), so Chromium embeds the subset it uses in the PDF.
 */
import { intToCn } from '../model';
import type { Appendix } from './appendix';
import type { Report, ReportArticle, ReportNote, ReportPiece, ReportRow, Run } from './report';

export interface FontFace {
  family: string;
  weight: 400 | 700;
  /** CSS src entries: local('Noto Serif CJK SC'), url('file:///…'). */
  src: string[];
}

export interface HtmlOptions {
  /** @font-face rules; the default names the Noto CJK fonts of Debian's fonts-noto-cjk by local(). */
  fonts?: FontFace[];
}

/**
 * The typefaces of a 对照稿: 宋体 for the text, 黑体 for additions. Windows' SimSun/SimHei first (TrueType
 * outlines: Chromium embeds them as named fonts), then Noto Serif / Sans CJK SC (Debian fonts-noto-cjk,
 * embedded as Type 3 glyphs, see services/pdf.ts), then what macOS has. Debian's TrueType AR PL UMing and
 * WenQuanYi Zen Hei come right after the Windows faces: they embed as named fonts.
 */
export const DEFAULT_FONTS: FontFace[] = [
  { family: 'DZ Song', weight: 400, src: ["local('SimSun')", "local('AR PL UMing CN')", "local('Noto Serif CJK SC')", "local('NotoSerifCJKsc-Regular')", "local('Source Han Serif SC')", "local('Songti SC')"] },
  { family: 'DZ Song', weight: 700, src: ["local('Noto Serif CJK SC Bold')", "local('NotoSerifCJKsc-Bold')", "local('Source Han Serif SC Bold')", "local('SimSun')"] },
  { family: 'DZ Hei', weight: 400, src: ["local('SimHei')", "local('WenQuanYi Zen Hei')", "local('Noto Sans CJK SC')", "local('NotoSansCJKsc-Regular')", "local('Source Han Sans SC')", "local('Heiti SC')"] },
  { family: 'DZ Hei', weight: 700, src: ["local('SimHei')", "local('WenQuanYi Zen Hei')", "local('Noto Sans CJK SC Bold')", "local('NotoSansCJKsc-Bold')", "local('Source Han Sans SC Bold')", "local('Heiti SC')"] },
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A CSS string literal (for `content:` in the page-margin boxes) that is also safe inside <style>:
 * titles come from imported files, so "<" and ">" are written as CSS escapes — a title holding
 * "</style><script>" must stay text.
 */
export function cssString(text: string): string {
  const escaped = text.replace(/[\\"<>&]/g, (c) => (c === '\\' || c === '"' ? '\\' + c : `\\${c.charCodeAt(0).toString(16)} `));
  return '"' + escaped.replace(/[\r\n]+/g, ' ') + '"';
}

function fontCss(fonts: FontFace[]): string {
  return fonts.map((f) => `@font-face { font-family: '${f.family}'; font-weight: ${f.weight}; src: ${f.src.join(', ')}; }`).join('\n');
}

function css(report: Report, fonts: FontFace[]): string {
  const threeColumns = report.options.notes;
  const header = `${report.left.label} — ${report.right.label}`;
  return `
${fontCss(fonts)}
@page {
  size: A4 ${threeColumns ? 'landscape' : 'portrait'};
  margin: 20mm 15mm 18mm 15mm;
  @top-left { content: ${cssString(clipTitle(report.title, threeColumns ? 60 : 38))}; font: 8.5pt 'DZ Song', serif; color: #555; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(header)}; font: 8.5pt 'DZ Song', serif; color: #555; vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font: 8.5pt 'DZ Song', serif; color: #555; }
}
@page :first { @top-left { content: none; } @top-right { content: none; } }
:root { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { font-family: 'DZ Song', 'Noto Serif CJK SC', 'Songti SC', SimSun, serif; font-size: 10.5pt; line-height: 1.65; color: #000; }
body { margin: 0; }
@media screen { body { max-width: ${threeColumns ? '297mm' : '210mm'}; margin: 0 auto; padding: 12mm; background: #fff; } }
.title-block { text-align: center; margin-bottom: 6mm; }
.title-block .kind { font-family: 'DZ Hei', sans-serif; font-size: 10pt; letter-spacing: 0.3em; color: #333; margin: 0 0 2mm; }
.title-block h1 { font-family: 'DZ Hei', sans-serif; font-weight: 700; font-size: 16pt; line-height: 1.4; margin: 0 0 3mm; }
.title-block .legend { margin: 2mm 0; }
.sides { margin: 3mm auto 2mm; border-collapse: collapse; font-size: 9.5pt; text-align: left; }
.sides th { font-weight: normal; color: #444; padding: 0.5mm 3mm 0.5mm 0; white-space: nowrap; vertical-align: top; }
.sides td { padding: 0.5mm 0; }
.meta { font-size: 9pt; color: #444; margin: 1mm 0; }
.mark-deleted, .mark-moved { background: #c8c8c8; }
.mark-added { font-family: 'DZ Hei', sans-serif; font-weight: 700; }
.quote { text-decoration: underline; text-decoration-style: solid; text-underline-offset: 0.18em; text-decoration-thickness: 0.08em; }
sup.note-ref { font-family: 'DZ Hei', sans-serif; font-size: 7pt; font-weight: 700; line-height: 0; vertical-align: super; margin: 0 0.1em; }
table.comparison { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.comparison thead { display: table-header-group; }
table.comparison th { font-family: 'DZ Hei', sans-serif; font-weight: 700; font-size: 10.5pt; border: 0.6pt solid #000; padding: 1.5mm 2mm; background: #fff; }
table.comparison td { border: 0.6pt solid #000; padding: 1.5mm 2.2mm; vertical-align: top; }
col.text { width: ${threeColumns ? '37.5%' : '50%'}; }
col.notes { width: 25%; }
tr.row, tr.band { break-inside: auto; }
tr.band td.left, tr.band td.right { border-top: 0.4pt dashed #888; }
p.para { margin: 0 0 0.8mm; text-indent: 2em; text-align: justify; }
p.item { margin: 0 0 0.8mm; text-indent: 2em; text-align: justify; }
.label { font-family: 'DZ Song', serif; }
.part-mark { font-size: 8.5pt; color: #444; }
.editorial { margin: 0.5mm 0 0; text-indent: 2em; }
.related { margin: 0.5mm 0 0; font-size: 8.5pt; color: #444; }
.empty { color: #777; }
td.notes { font-size: 9pt; line-height: 1.55; }
.relation { display: inline-block; font-family: 'DZ Hei', sans-serif; font-size: 8pt; border: 0.5pt solid #555; border-radius: 1mm; padding: 0 1.2mm; margin: 0 0 1mm; color: #222; }
.note { margin: 0 0 1.2mm; }
.note .num { font-family: 'DZ Hei', sans-serif; font-weight: 700; }
.note .where { color: #444; }
.note .quote-text { color: #333; }
.note .tags { color: #555; font-size: 8pt; }
.note.stale .where::after { content: "（原文已变动）"; color: #a00; }
.tail { margin-top: 6mm; font-size: 9.5pt; }
.tail h2 { font-family: 'DZ Hei', sans-serif; font-size: 11pt; margin: 0 0 2mm; }
section.appendix { break-before: page; }
section.appendix > h2 { font-family: 'DZ Hei', sans-serif; font-size: 13pt; margin: 0 0 2mm; }
.appendix .intro { font-size: 9pt; color: #444; margin: 0 0 3mm; }
.appendix .advice { border: 0.6pt solid #000; padding: 1.5mm 2.5mm; margin: 0 0 4mm; font-size: 9.5pt; }
.decision { max-width: 170mm; margin: 0 auto; }
.decision h3 { font-family: 'DZ Song', serif; font-weight: 700; font-size: 15pt; line-height: 1.5; text-align: center; margin: 4mm 0 5mm; }
.decision p { margin: 0 0 1mm; text-indent: 2em; text-align: justify; font-size: 12pt; line-height: 1.8; }
.appendix .summary { margin: 0 0 2mm; }
table.references { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
table.references thead { display: table-header-group; }
table.references th { font-family: 'DZ Hei', sans-serif; font-weight: 700; border: 0.6pt solid #000; padding: 1mm 1.5mm; text-align: left; }
table.references td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
table.references tr { break-inside: avoid; }
table.references tr.flagged td.status { font-family: 'DZ Hei', sans-serif; font-weight: 700; }
`;
}

/** "修订草案：湖南省实施《中华人民共和国中小企业促进法》办法（修订草案），制作于2020年9月16日，38 条": names, never ids. */
export function sideDescription(s: Report['left']): string {
  const name = s.fullName === s.name ? s.name : `${s.name}：${s.fullName}`;
  const dates = s.dates.map((d) => `${d.label}于${d.value}`).join('，');
  return `${name}${dates ? `，${dates}` : ''}，${s.articles} 条`;
}

function clipTitle(t: string, n: number): string {
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
}

function runsHtml(runs: Run[]): string {
  return runs
    .map((r) => {
      let html = escapeHtml(r.text);
      if (r.mark !== 'none') html = `<span class="mark-${r.mark}">${html}</span>`;
      if (r.notes?.length) html = `<span class="quote" data-notes="${r.notes.join(' ')}">${html}</span>`;
      if (r.noteEnds?.length) html += r.noteEnds.map((n) => `<sup class="note-ref">[${n}]</sup>`).join('');
      return html;
    })
    .join('');
}

/** The 款 of one article that stand in one band: the label and 【heading】 at its first piece, "（第二款）" where
 * the row shows only some of its 款 or shows them apart, the editorial notes after its last piece. */
function pieceHtml(a: ReportArticle, piece: ReportPiece, inlineNotes: boolean): string {
  const out: string[] = [];
  const heading = a.heading ? `【${runsHtml(a.heading)}】` : '';
  const paragraphs = piece.paragraphs.map((i) => a.paragraphs[i]!);
  const part = (index: number) => (piece.numbered ? `<span class="part-mark">（第${intToCn(index)}款）</span>` : '');
  paragraphs.forEach((p, pi) => {
    p.units.forEach((u, ui) => {
      const first = pi === 0 && ui === 0;
      const prefix = first && piece.head ? `<span class="label">${escapeHtml(a.label)}</span>${heading}${part(p.index)}　` : ui === 0 ? part(p.index) : '';
      out.push(`<p class="${u.kind === 'item' ? 'item' : 'para'}">${prefix}${runsHtml(u.runs)}</p>`);
    });
  });
  if (paragraphs.length === 0 && piece.head) out.push(`<p class="para"><span class="label">${escapeHtml(a.label)}</span>${heading}</p>`);
  if (inlineNotes && piece.last) for (const n of a.editorialNotes) out.push(`<p class="editorial">（${escapeHtml(n)}）</p>`);
  return `<div class="article" data-article="${escapeHtml(a.label)}">${out.join('')}</div>`;
}

function noteHtml(n: ReportNote): string {
  if (n.kind === 'editorial') {
    return `<div class="note editorial-note"><span class="where">${escapeHtml(n.where)}：</span>${escapeHtml(n.text)}</div>`;
  }
  const quote = n.quote ? `<span class="quote-text">「${escapeHtml(n.quote)}」</span>` : '';
  const tags = n.tags.length ? ` <span class="tags">${n.tags.map((t) => '#' + escapeHtml(t)).join(' ')}</span>` : '';
  return `<div class="note annotation${n.status === 'stale' ? ' stale' : ''}" data-note="${n.n ?? ''}"><span class="num">批注[${n.n ?? ''}]</span> <span class="where">${escapeHtml(n.where)}</span>${quote}：${escapeHtml(n.text)}${tags}</div>`;
}

/**
 * One row of the table; a split or merged row is one table row per band (each 款 of the left opposite the
 * 款 it became), the 说明 cell spanning them all.
 */
function rowHtml(row: ReportRow, threeColumns: boolean): string {
  const cell = (articles: ReportArticle[], pieces: ReportPiece[]) =>
    pieces.length ? pieces.map((p) => pieceHtml(articles[p.article]!, p, !threeColumns)).join('') : '<p class="empty"></p>';
  const relation = `<span class="relation">${escapeHtml(row.relationLabel)}${row.renumbered ? '·条号调整' : ''}</span>`;
  const related = row.related ? `<p class="related">${escapeHtml(row.related.text)}</p>` : '';
  const span = row.bands.length > 1 ? ` rowspan="${row.bands.length}"` : '';
  return row.bands
    .map((band, k) => {
      const last = k === row.bands.length - 1;
      const notes = threeColumns && k === 0 ? `<td class="notes"${span}>${relation}${related}${row.notes.map(noteHtml).join('')}</td>` : '';
      const tail = !threeColumns && last ? `${related}<div style="text-align:right">${relation}</div>` : '';
      const open = k === 0 ? `<tr class="row relation-${row.relation}" data-row="${row.index}"${row.bands.length > 1 ? ' data-band="1"' : ''}>` : `<tr class="band relation-${row.relation}" data-row="${row.index}" data-band="${k + 1}">`;
      return `${open}<td class="left">${cell(row.left, band.left)}</td><td class="right">${cell(row.right, band.right)}${tail}</td>${notes}</tr>`;
    })
    .join('\n');
}

/** An appendix after the table, on a page of its own (appendix.ts). */
function appendixHtml(a: Appendix): string {
  if (a.kind === 'decision') {
    const advice = a.note ? `<p class="advice">${escapeHtml(a.note)}</p>` : '';
    return `<section class="appendix decision-appendix" data-appendix="decision"><h2>${escapeHtml(a.heading)}</h2><p class="intro">${escapeHtml(a.intro)}</p>${advice}<div class="decision"><h3>${escapeHtml(a.title)}</h3>${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div></section>`;
  }
  const rows = a.rows
    .map(
      (r) =>
        `<tr class="${r.status === 'ok' ? 'ok' : 'flagged'}" data-status="${r.status}"><td>${escapeHtml(r.where)}</td><td>${escapeHtml(r.text)}</td><td>${escapeHtml(r.target)}</td><td class="status">${escapeHtml(r.statusLabel)}</td><td>${escapeHtml(r.detail)}</td></tr>`,
    )
    .join('\n');
  const table = a.rows.length
    ? `<table class="references"><colgroup><col style="width:16%"><col style="width:22%"><col style="width:20%"><col style="width:11%"><col style="width:31%"></colgroup><thead><tr><th>所在条款</th><th>引用</th><th>指向</th><th>结果</th><th>说明</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
    : '';
  return `<section class="appendix references-appendix" data-appendix="references"><h2>${escapeHtml(a.heading)}</h2><p class="intro">${escapeHtml(a.intro)}</p><p class="summary">${escapeHtml(a.summary)}</p>${table}</section>`;
}

export function renderReportHtml(report: Report, opts: HtmlOptions = {}): string {
  const threeColumns = report.options.notes;
  const fonts = opts.fonts ?? DEFAULT_FONTS;
  const side = (label: string, s: Report['left']) =>
    `<tr><th>${label}</th><td>${escapeHtml(sideDescription(s))}</td></tr>`;
  const summary = report.summary.map((s) => `${s.label} ${s.count}`).join('，');
  const omitted = report.omitted ? `；另有 ${report.omitted} 组未修改的条文从略` : '';
  const notesLine = threeColumns ? `；批注 ${report.counts.annotations} 条，编者注 ${report.counts.editorial} 条` : '';
  const unplaced = report.unplaced.length
    ? `<section class="tail"><h2>未能定位的批注</h2>${report.unplaced.map(noteHtml).join('')}</section>`
    : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(report.title)}</title>
<meta name="generator" content="Duizhao 对照">
<style>${css(report, fonts)}</style>
</head>
<body>
<header class="title-block">
<p class="kind">修改对照稿</p>
<h1>${escapeHtml(report.title)}</h1>
<p class="legend">（<span class="mark-deleted">阴影部分</span>为删去或者移动，<span class="mark-added">黑体部分</span>为增加）</p>
<table class="sides">${side('左栏', report.left)}${side('右栏', report.right)}</table>
<p class="meta">生成时间：${escapeHtml(report.generatedLabel)}　共 ${report.rows.length} 组：${escapeHtml(summary)}${omitted}${notesLine}</p>
</header>
<table class="comparison">
<colgroup><col class="text"><col class="text">${threeColumns ? '<col class="notes">' : ''}</colgroup>
<thead><tr><th>${escapeHtml(report.left.label)}</th><th>${escapeHtml(report.right.label)}</th>${threeColumns ? '<th>说明</th>' : ''}</tr></thead>
<tbody>
${report.rows.map((r) => rowHtml(r, threeColumns)).join('\n')}
</tbody>
</table>
${unplaced}
${report.appendices.map(appendixHtml).join('\n')}
</body>
</html>
`;
}
