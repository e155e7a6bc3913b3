/**
 * Comparing two documents or versions named by REF — the one comparison behind the Compare view, the
 * CLI's `compare`, the article history and the exported 对照稿. The last few results are kept (keyed by
 * the documents' fingerprints): the Compare view asks again when the user comes back to it, the history
 * walks the same pairs, and an export of what is on screen reuses it instead of comparing again.
 */
import { compareVersions, type ComparedSide, type DocumentComparison } from '../engine/compare';
import { buildDisplay, columnNames, comparisonTitle } from '../engine/display';
import { fail } from '../engine/model';
import { chainFor, versionChains } from './chains';
import { Recent, type Documents, type LoadedVersion } from './documents';
import { step, type Job } from './job';
import type { ComparisonDisplay, VersionComparison } from './types';

const KEEP = 8;

/**
 * How much word-level redlining one comparison may cost: two unrelated codes of thousands of articles would
 * otherwise keep the engine busy for minutes. Past it the alignment is still complete and the remaining
 * changed pairs show their text whole; the result says so (`limited`), and so do the view and the CLI.
 */
export const COMPARE_BUDGET = { ms: 30_000, maxArticles: 20_000 };

function side(ref: string, loaded: LoadedVersion): ComparedSide {
  const v = loaded.document.versions[loaded.version]!;
  return {
    ref,
    label: v.label ?? loaded.summary.title,
    doc: loaded.summary.id,
    version: loaded.version,
    title: loaded.summary.title,
    versionLabel: v.label,
    articles: v.articles.length,
  };
}

export interface DisplayRequest {
  /** Each row's redline 款 by 款 (the terminal). */
  redline?: boolean;
}

export function createCompare(documents: Documents) {
  const recent = new Recent<DocumentComparison>(KEEP);
  const displays = new Recent<ComparisonDisplay>(KEEP);

  /** The comparison of two versions (cached). */
  async function comparison(leftRef: unknown, rightRef: unknown, job?: Job): Promise<DocumentComparison> {
    const a = documents.get(leftRef, 'left');
    const b = documents.get(rightRef, 'right');
    const key = documents.key([a, b]);
    const hit = recent.get(key);
    if (hit) return hit;
    await step(job, 'compare', { left: a.ref, right: b.ref });
    const result = compareVersions(a.document.versions[a.version]!, b.document.versions[b.version]!, { budget: COMPARE_BUDGET });
    return recent.set(key, { left: side(a.ref, a), right: side(b.ref, b), ...result });
  }

  /** Two REFs compared, with the chain they belong to. */
  async function compare(leftRef: unknown, rightRef: unknown, job?: Job): Promise<VersionComparison> {
    const result = await comparison(leftRef, rightRef, job);
    return { ...result, chain: chainFor(versionChains(documents.list()), result.left.ref, result.right.ref) };
  }

  /** The first two versions of a multi-version document (`duizhao compare REF`). */
  async function compareOwnVersions(ref: unknown, job?: Job): Promise<VersionComparison> {
    const { document, ref: given } = documents.get(ref, 'left');
    if (document.versions.length < 2) throw fail('bad_request', 'compare.one_version', { ref: given });
    return compare(`${document.id}@0`, `${document.id}@1`, job);
  }

  /**
   * The comparison as a 对照稿 to draw (engine/display), from the cached comparison, itself kept beside
   * it: the Compare view gets rows ready to draw, the terminal its redline.
   */
  async function display(leftRef: unknown, rightRef: unknown, req: DisplayRequest = {}, job?: Job): Promise<ComparisonDisplay> {
    const a = documents.get(leftRef, 'left');
    const b = documents.get(rightRef, 'right');
    const key = documents.key([a, b], req.redline ? 'redline' : 'rows');
    const hit = displays.get(key);
    if (hit) return hit;
    const c = await comparison(a.ref, b.ref, job);
    const inputs = [documents.nameInput(a), documents.nameInput(b)];
    const [leftNames, rightNames] = columnNames(inputs);
    const sideInput = (l: typeof a, names: typeof leftNames) => ({
      ref: l.ref,
      doc: l.summary.id,
      version: l.version,
      title: l.summary.title || l.document.title,
      ...names!,
      dates: l.summary.dates,
      text: l.document.versions[l.version]!,
    });
    const shown = buildDisplay({ left: sideInput(a, leftNames), right: sideInput(b, rightNames), pairs: c.pairs, ...(c.limited ? { limited: c.limited } : {}), options: { notes: true, redline: req.redline === true } });
    return displays.set(key, {
      ...shown,
      title: comparisonTitle({ ...inputs[0]!, ...leftNames! }, { ...inputs[1]!, ...rightNames! }),
      chain: chainFor(versionChains(documents.list()), a.ref, b.ref),
    });
  }

  /** The display of a document's first two versions (`duizhao compare REF`). */
  async function displayOwnVersions(ref: unknown, req: DisplayRequest = {}, job?: Job): Promise<ComparisonDisplay> {
    const { document, ref: given } = documents.get(ref, 'left');
    if (document.versions.length < 2) throw fail('bad_request', 'compare.one_version', { ref: given });
    return display(`${document.id}@0`, `${document.id}@1`, req, job);
  }

  return { comparison, compare, compareOwnVersions, display, displayOwnVersions };
}

export type CompareUseCase = ReturnType<typeof createCompare>;
