/**
 * The report's optional appendices, after the 对照 table: 修改决定（草稿） — the decision that turns the left
 * column into the right one — and 引用检查 — the right column's internal references, checked against the
 * left column's numbering. Built once here as plain lines and rows, drawn by the HTML (→ PDF) and the
 * .docx renderers alike, so the two files say the same.
 */
import { decisionParagraphs, type Decision, type ReferenceReport, type ReferenceStatus } from '../draft';
import { intToCn, say } from '../model';

export interface DecisionAppendix {
  kind: 'decision';
  /** "附录一　修改决定（草稿）" */
  heading: string;
  /** Where it comes from, and that it is a draft. */
  intro: string;
  /** The engine's advice that the change is a 修订 (the whole text anew), when it gives it. */
  note: string | null;
  /** 《关于修改〈…〉的决定》 */
  title: string;
  /** The decision as printed: the opening, each item (a quotation of several 款 continuing as paragraphs), the closing. */
  paragraphs: string[];
  items: number;
}

export interface ReferenceRow {
  /** Where the reference is written: 第十五条第一款. */
  where: string;
  /** The reference as written (本条例第九条), with the member meant when it lists several. */
  text: string;
  /** What it points at in this version ("—" when nothing). */
  target: string;
  status: ReferenceStatus;
  statusLabel: string;
  /** Why it is flagged, and the number it should read. */
  detail: string;
}

export interface ReferencesAppendix {
  kind: 'references';
  heading: string;
  intro: string;
  /** 内部引用 14 处：无误 10，悬空 0，编号未更新 3，所指条文已删除 1；… */
  summary: string;
  rows: ReferenceRow[];
  /** dangling + moved + deleted. */
  problems: number;
}

export type Appendix = DecisionAppendix | ReferencesAppendix;

export interface AppendixInput {
  decision?: Decision;
  references?: ReferenceReport;
  /** The columns' names (修订草案, 二次审议稿). */
  left: string;
  right: string;
}

/** The reference as a line of the table: its text, and which member of a list it is about. */
function referenceText(r: ReferenceReport['references'][number]): string {
  const bare = r.text.replace(/^本[^第前本]{1,4}(?=第|前|本)/u, '');
  return r.cited !== bare ? `${r.text}（${r.cited}）` : r.text;
}

export function buildAppendices(input: AppendixInput): Appendix[] {
  const out: Appendix[] = [];
  const heading = (name: string) => `附录${intToCn(out.length + 1)}　${name}`;
  if (input.decision) {
    const d = input.decision;
    out.push({
      kind: 'decision',
      heading: heading('修改决定（草稿）'),
      intro: say('report.decision_intro', { left: input.left, right: input.right }),
      note: d.revision.advised ? d.revision.note : null,
      title: d.title,
      paragraphs: decisionParagraphs(d),
      items: d.items.length,
    });
  }
  if (input.references) {
    const report = input.references;
    const c = report.counts;
    out.push({
      kind: 'references',
      heading: heading('引用检查'),
      intro: report.against ? say('report.refs_intro_against', { side: input.right, old: input.left }) : say('report.refs_intro', { side: input.right }),
      summary:
        say('cli.refs_summary', { n: report.references.length, ok: c.ok, dangling: c.dangling, moved: c.moved, deleted: c.deleted, external: report.external.length }) +
        (report.references.length ? '' : `；${say('cli.refs_none')}`),
      rows: report.references.map((r) => ({
        where: r.from.label,
        text: referenceText(r),
        target: r.targetLabel ?? '—',
        status: r.status,
        statusLabel: say(`refs.status.${r.status}`),
        detail: r.status === 'ok' ? '' : `${r.message ?? ''}${r.suggest ? `；${say('cli.refs_suggest', { suggest: r.suggest })}` : ''}`,
      })),
      problems: c.dangling + c.moved + c.deleted,
    });
  }
  return out;
}
