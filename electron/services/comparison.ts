/**
 * Comparison of two documents or versions named by REF (`hunan-2020-review@0`, a corpus id, a file):
 * what the CLI's `compare` command and the API's `compare` method both answer.
 */
import { compareVersions, type ComparedSide, type CompareOptions, type DocumentComparison } from '../engine/compare';
import { fail, type LegalDocument } from '../engine/model';

export type { ComparedSide, DocumentComparison };

/** What is needed of the library (the Library class, or the API's document source). */
export interface VersionSource {
  get(ref: string): { summary: { id: string; title: string }; document: LegalDocument; version: number };
}

/** Compares two REFs; with one REF of a multi-version document, its first two versions. */
export function compareRefs(library: VersionSource, leftRef: string, rightRef?: string, opts: CompareOptions = {}): DocumentComparison {
  let rightName = rightRef;
  if (rightName === undefined) {
    const { document } = library.get(leftRef);
    if (document.versions.length < 2) throw fail('bad_request', 'compare.one_version', { ref: leftRef });
    rightName = `${document.id}@1`;
    leftRef = `${document.id}@0`;
  }
  const a = library.get(leftRef);
  const b = library.get(rightName);
  const left = a.document.versions[a.version]!;
  const right = b.document.versions[b.version]!;
  const side = (ref: string, loaded: typeof a): ComparedSide => {
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
  };
  const comparison = compareVersions(left, right, opts);
  return { left: side(leftRef, a), right: side(rightName, b), ...comparison };
}
