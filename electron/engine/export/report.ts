/**
 * The comparison report: the 对照稿 display model (engine/display) with what a printed 修改对照稿 adds —
 * a title, the two sides' names and dates, when it was made, the options it was made with. Both the HTML
 * (→ PDF) and the .docx renderer read it, so the two files always carry the same rows, bands and marks.
 *
 * A printed 对照稿 marks every change of wording and punctuation; a 项 renumbered because others moved
 * is not marked (its text did not change), as an article's renumbered label is not.
 */
import { articleBody, type Annotation } from '../annotate';
import { buildDisplay, columnNames, comparisonTitle, LEGEND, type DisplayComparison, type DisplayRow, type DisplayRun, type DisplaySide, type NameInput } from '../display';
import { RELATION_LABELS, visibleMark, type MarkVisibility, type Version } from '../model';
import type { Pair } from '../compare/types';
import type { Decision, ReferenceReport } from '../draft';
import { buildAppendices, type Appendix } from './appendix';

export type { Mark, DisplayRun as Run, DisplayUnit as ReportUnit, DisplayParagraph as ReportParagraph, DisplayArticle as ReportArticle, DisplayNote as ReportNote, DisplayBand as ReportBand, DisplayPiece as ReportPiece } from '../display';

export { RELATION_LABELS, LEGEND };

/** The marks a printed 对照稿 shows: punctuation changes yes, 项 numbers shifted by a reordering no. */
export const REPORT_MARKS: MarkVisibility = { formal: true, numbering: false };

export type ReportRow = DisplayRow;

export interface ReportSide extends DisplaySide {
  /** The column's name (= `name`; the export's JSON summary reads it as `label`). */
  label: string;
}

export interface ReportOptions {
  /** Leave out rows whose articles are unchanged (rows carrying a user note stay). */
  changesOnly?: boolean;
  /** Include the 说明 column with the user's notes and the editorial notes (default true). */
  notes?: boolean;
}

export interface Report extends Omit<DisplayComparison, 'left' | 'right'> {
  title: string;
  left: ReportSide;
  right: ReportSide;
  /** ISO 8601, and as shown ("2024年5月1日 08:00"). */
  generated: string;
  generatedLabel: string;
  options: Required<ReportOptions>;
  /** 修改决定（草稿） and 引用检查 after the table, when asked for (appendix.ts). */
  appendices: Appendix[];
}

export interface ReportSideInput {
  /** The REF as given (hunan-2020-review@1). */
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** Short title used when the version has no label of its own. */
  shortTitle?: string;
  /** The document's stage (施行, 征求意见稿…): names a column when both sides are one text's versions. */
  stage?: string;
  /** The library's name of this version of its law ("标题（2019年修订）") and its work key. */
  label?: string;
  work?: string;
  dates?: Partial<Record<'adopted' | 'published' | 'effective' | 'drafted', string>> & { amended?: string[] };
  text: Version;
}

export interface ReportInput {
  left: ReportSideInput;
  right: ReportSideInput;
  /** `compareVersions(left.text, right.text)`. */
  pairs: Pair[];
  annotations?: Annotation[];
  options?: ReportOptions;
  /** When the report is generated (the caller's clock; keeps this function pure). */
  generated: Date;
  title?: string;
  /** The decision left → right, for the appendix 修改决定（草稿）. */
  decision?: Decision;
  /** The right side's references checked against the left's numbering, for the appendix 引用检查. */
  references?: ReferenceReport;
}

function generatedLabel(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function nameInput(s: ReportSideInput): NameInput {
  return {
    title: s.title,
    versionLabel: s.text.label,
    doc: s.doc,
    ...(s.stage ? { stage: s.stage } : {}),
    ...(s.shortTitle ? { shortTitle: s.shortTitle } : {}),
    ...(s.label ? { label: s.label } : {}),
    ...(s.work ? { work: s.work } : {}),
    ...(s.dates ? { dates: s.dates } : {}),
  };
}

/** The runs as drawn with `show`: hidden changes plain, neighbours with the same look joined. */
export function resolveRuns(runs: DisplayRun[], show: MarkVisibility): DisplayRun[] {
  const out: DisplayRun[] = [];
  for (const r of runs) {
    const mark = visibleMark(r, show);
    const run: DisplayRun = { ...r, mark };
    if (mark === 'none') {
      delete run.formal;
      delete run.numbering;
      delete run.movedTo;
      delete run.movedFrom;
    }
    const last = out[out.length - 1];
    const sameNotes = (a?: number[], b?: number[]) => (a ?? []).join(',') === (b ?? []).join(',');
    if (last && mark === 'none' && last.mark === 'none' && !last.added && !run.added && !last.noteEnds && sameNotes(last.notes, run.notes)) {
      last.text += run.text;
      if (run.noteEnds) last.noteEnds = run.noteEnds;
      continue;
    }
    out.push(run);
  }
  return out;
}

function resolveRow(row: DisplayRow, show: MarkVisibility): DisplayRow {
  const article = (a: DisplayRow['left'][number]) => ({
    ...a,
    heading: a.heading ? resolveRuns(a.heading, show) : null,
    paragraphs: a.paragraphs.map((p) => ({ ...p, units: p.units.map((u) => ({ ...u, runs: resolveRuns(u.runs, show) })) })),
  });
  return { ...row, left: row.left.map(article), right: row.right.map(article) };
}

export function buildReport(input: ReportInput): Report {
  const options: Required<ReportOptions> = { changesOnly: input.options?.changesOnly ?? false, notes: input.options?.notes ?? true };
  const inputs = [nameInput(input.left), nameInput(input.right)];
  const [leftNames, rightNames] = columnNames(inputs);
  const display = buildDisplay({
    left: { ...input.left, ...leftNames! },
    right: { ...input.right, ...rightNames! },
    pairs: input.pairs,
    ...(input.annotations ? { annotations: input.annotations } : {}),
    options,
  });
  const title = input.title ?? comparisonTitle({ ...inputs[0]!, ...leftNames! }, { ...inputs[1]!, ...rightNames! });
  return {
    ...display,
    title,
    left: { ...display.left, label: display.left.name },
    right: { ...display.right, label: display.right.name },
    rows: display.rows.map((r) => resolveRow(r, REPORT_MARKS)),
    generated: input.generated.toISOString(),
    generatedLabel: generatedLabel(input.generated),
    options,
    appendices: buildAppendices({
      ...(input.decision ? { decision: input.decision } : {}),
      ...(input.references ? { references: input.references } : {}),
      left: display.left.name,
      right: display.right.name,
    }),
  };
}

/** The article body text, for callers checking a report against its source. */
export { articleBody };
