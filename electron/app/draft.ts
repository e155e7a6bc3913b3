/**
 * The drafting aids as use-cases: the 修改决定 that turns one version into another, and the check of a
 * version's internal cross-references (against an older version's numbering when given). Both stand on
 * the one cached comparison of the two versions (compare.ts), so opening them from the 对照 view costs no
 * second comparison.
 */
import { checkReferences, draftDecision, lawTitle, renderDecisionDocx, renderDecisionText, type Decision, type DecisionConvention, type ReferenceReport } from '../engine/draft';
import { fail } from '../engine/model';
import type { CompareUseCase } from './compare';
import type { Documents } from './documents';
import { step, type Job } from './job';

export interface DecisionRequest {
  old: string;
  new: string;
  convention?: DecisionConvention;
  renumber?: 'items' | 'sentence';
  meeting?: string;
  effective?: string;
}

export function createDraft(documents: Documents, compare: CompareUseCase) {
  /** The 修改决定 from OLD to NEW, in the convention of the body that amends the law. */
  async function decision(req: DecisionRequest, job?: Job): Promise<Decision> {
    if (req.convention !== undefined && req.convention !== 'npc' && req.convention !== 'court') throw fail('bad_request', 'cli.bad_choice', { name: 'convention', value: String(req.convention), options: 'npc、court' });
    if (req.renumber !== undefined && req.renumber !== 'items' && req.renumber !== 'sentence') throw fail('bad_request', 'cli.bad_choice', { name: 'renumber', value: String(req.renumber), options: 'items、sentence' });
    for (const key of ['meeting', 'effective'] as const) if (req[key] !== undefined && typeof req[key] !== 'string') throw fail('bad_request', 'api.not_text', { field: key });
    const a = documents.get(req.old, 'old');
    const b = documents.get(req.new, 'new');
    const comparison = await compare.comparison(a.ref, b.ref, job);
    await step(job, 'draft', { left: a.ref, right: b.ref });
    // The law amended: the old text's title without a draft's marks; its kind, unless it is a 对照稿.
    const kind = a.summary.kind === '修改对照稿' ? b.summary.kind : a.summary.kind;
    return draftDecision(a.document.versions[a.version]!, b.document.versions[b.version]!, comparison, {
      title: lawTitle(a.summary.title || b.summary.title),
      kind,
      jurisdiction: a.summary.jurisdiction || b.summary.jurisdiction,
      ...(req.convention ? { convention: req.convention } : {}),
      ...(req.renumber ? { renumber: req.renumber } : {}),
      ...(req.meeting ? { meeting: req.meeting } : {}),
      ...(req.effective ? { effective: req.effective } : {}),
    });
  }

  /** The decision as a Word file in 公文 layout, and as text for copying. */
  async function decisionFile(req: DecisionRequest, job?: Job): Promise<{ decision: Decision; docx: Uint8Array; text: string; filename: string }> {
    const d = await decision(req, job);
    const filename = `${d.title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 80) || '修改决定'}.docx`;
    return { decision: d, docx: await renderDecisionDocx(d), text: renderDecisionText(d), filename };
  }

  /** The internal cross-references of REF; with `against`, those that kept the old numbering. */
  async function references(ref: string, against?: string, job?: Job): Promise<ReferenceReport> {
    const loaded = documents.get(ref, 'ref');
    const version = loaded.document.versions[loaded.version]!;
    if (!against) return checkReferences(version, {});
    const old = documents.get(against, 'against');
    const comparison = await compare.comparison(old.ref, loaded.ref, job);
    return checkReferences(version, { against: { version: old.document.versions[old.version]!, comparison } });
  }

  return { decision, decisionFile, references, text: renderDecisionText };
}

export type DraftUseCase = ReturnType<typeof createDraft>;
