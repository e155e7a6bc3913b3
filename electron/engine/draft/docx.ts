/**
 * The 修改决定 as a Word document in 公文 layout (GB/T 9704): A4, margins 37/35/28/26 mm; the title centred
 * in 宋体 (二号, bold — 小标宋 where installed is the drafter's own choice); the body in 仿宋 三号 with a
 * two-character first-line indent and a fixed 28-point line; page numbers "— 1 —" at the foot. A
 * quotation that runs over several 款 or 项 continues as its own indented paragraphs, as in the printed
 * decisions. And the plain text, for copying.
 */
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import type { Decision } from './types';

const FANGSONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', cs: 'Times New Roman' };
const SONG = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
/** Half-points: 三号 16 pt for the body, 二号 22 pt for the title, 四号 14 pt for page numbers. */
const BODY = 32;
const TITLE = 44;
const FOOT = 28;
/** Twentieths of a point: two characters of 16 pt; a fixed 28-point line. */
const INDENT = 640;
const LINE = 560;
const MM = 56.7;

const body = (text: string, opts: { indent?: boolean; centre?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.centre ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    ...(opts.indent === false ? {} : { indent: { firstLine: INDENT } }),
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [new TextRun({ text, font: FANGSONG, size: BODY })],
  });

/** The decision, paragraph by paragraph, as it is printed (and copied as text). */
export function decisionParagraphs(d: Decision): string[] {
  const out = [d.opening];
  for (const item of d.items) {
    const [first, ...rest] = item.text.split('\n');
    out.push(item.label + first, ...rest);
  }
  if (d.sentence) out.push(d.sentence);
  out.push(...d.closing);
  return out;
}

/** Plain text for copying: the title, a blank line, then one paragraph a line. */
export function renderDecisionText(d: Decision): string {
  return [d.title, '', ...decisionParagraphs(d)].join('\n') + '\n';
}

export async function renderDecisionDocx(d: Decision): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Duizhao 对照',
    title: d.title,
    styles: { default: { document: { run: { font: FANGSONG, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(20 * MM) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: FOOT })] })],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT, after: LINE },
            children: [new TextRun({ text: d.title, font: SONG, size: TITLE, bold: true })],
          }),
          ...decisionParagraphs(d).map((p) => body(p)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
