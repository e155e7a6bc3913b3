/**
 * Legislative histories (修订草案 → 二次审议稿 → enacted text) from the library: the versions of a
 * multi-version document follow each other, and a document's `supersedes` (corpus/manifest.json) links it
 * after the version it replaced. The Compare view offers the whole chain as an article's history.
 */
import type { DocumentSummary } from '../electron/api/contract';

/** Version 0 may be written with or without "@0". */
const canonical = (ref: string) => ref.replace(/@0$/, '');

function refsOf(d: DocumentSummary): string[] {
  return d.versions > 1 ? Array.from({ length: d.versions }, (_, k) => `${d.id}@${k}`) : [d.id];
}

export function versionChains(documents: DocumentSummary[]): string[][] {
  const next = new Map<string, string>();
  for (const d of documents) {
    const refs = refsOf(d);
    refs.forEach((r, k) => {
      if (k + 1 < refs.length) next.set(canonical(r), refs[k + 1]!);
    });
    if (d.supersedes) next.set(canonical(d.supersedes), refs[0]!);
  }
  const successors = new Set([...next.values()].map(canonical));
  const chains: string[][] = [];
  for (const d of documents) {
    for (const start of refsOf(d)) {
      if (successors.has(canonical(start)) || !next.has(canonical(start))) continue;
      const chain = [start];
      for (let r = next.get(canonical(start)); r && chain.length < 50; r = next.get(canonical(r))) chain.push(r);
      chains.push(chain);
    }
  }
  return chains;
}

/** The chain in which `right` directly follows `left`, or just the two of them. */
export function chainFor(chains: string[][], left: string, right: string): string[] {
  for (const chain of chains) {
    const i = chain.findIndex((r) => canonical(r) === canonical(left));
    if (i >= 0 && canonical(chain[i + 1] ?? '') === canonical(right)) return chain;
  }
  return [left, right];
}
