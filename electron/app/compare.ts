/**
 * Comparing two documents or versions named by REF — the one comparison behind the Compare view, the
 * CLI's `compare`, the article history and the exported 对照稿. The last few results are kept (keyed by
 * the documents' fingerprints): the Compare view asks again when the user comes back to it, the history
 * walks the same pairs, and an export of what is on screen reuses it instead of comparing again.
 */
import { compareVersions, type ComparedSide, type DocumentComparison } from '../engine/compare';
import { fail } from '../engine/model';
import { chainFor, versionChains } from './chains';
import { Recent, type Documents, type LoadedVersion } from './documents';
import { step, type Job } from './job';
import type { VersionComparison } from './types';

const KEEP = 8;

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

export function createCompare(documents: Documents) {
  const recent = new Recent<DocumentComparison>(KEEP);

  /** The comparison of two versions (cached). */
  async function comparison(leftRef: unknown, rightRef: unknown, job?: Job): Promise<DocumentComparison> {
    const a = documents.get(leftRef, 'left');
    const b = documents.get(rightRef, 'right');
    const key = documents.key([a, b]);
    const hit = recent.get(key);
    if (hit) return hit;
    await step(job, 'compare', { left: a.ref, right: b.ref });
    const result = compareVersions(a.document.versions[a.version]!, b.document.versions[b.version]!);
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

  return { comparison, compare, compareOwnVersions };
}

export type CompareUseCase = ReturnType<typeof createCompare>;
