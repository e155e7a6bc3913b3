/**
 * Legislative histories (修订草案 → 二次审议稿 → enacted text) from the library: the versions of a
 * multi-version document follow each other, and a document's `supersedes` (corpus/manifest.json) links it
 * after the version it replaced. The article history (history.ts) and the Compare view's 沿革 links walk
 * these chains.
 */
import type { DocumentSummary } from '../services/types';

/** Version 0 may be written with or without "@0". */
export const canonicalRef = (ref: string): string => ref.replace(/@0$/, '');

function refsOf(d: DocumentSummary): string[] {
  return d.versions > 1 ? Array.from({ length: d.versions }, (_, k) => `${d.id}@${k}`) : [d.id];
}

/** Every chain of two or more versions, each from its first version to its last. */
export function versionChains(documents: DocumentSummary[]): string[][] {
  const next = new Map<string, string>();
  for (const d of documents) {
    const refs = refsOf(d);
    refs.forEach((r, k) => {
      if (k + 1 < refs.length) next.set(canonicalRef(r), refs[k + 1]!);
    });
    if (d.supersedes) next.set(canonicalRef(d.supersedes), refs[0]!);
  }
  const successors = new Set([...next.values()].map(canonicalRef));
  const chains: string[][] = [];
  for (const d of documents) {
    for (const start of refsOf(d)) {
      if (successors.has(canonicalRef(start)) || !next.has(canonicalRef(start))) continue;
      const chain = [start];
      for (let r = next.get(canonicalRef(start)); r && chain.length < 50; r = next.get(canonicalRef(r))) chain.push(r);
      chains.push(chain);
    }
  }
  return chains;
}

/** The chain in which `right` directly follows `left`, or just the two of them. */
export function chainFor(chains: string[][], left: string, right: string): string[] {
  for (const chain of chains) {
    const i = chain.findIndex((r) => canonicalRef(r) === canonicalRef(left));
    if (i >= 0 && canonicalRef(chain[i + 1] ?? '') === canonicalRef(right)) return chain;
  }
  return [left, right];
}

/** The chain that holds `ref`, or null. */
export function chainThrough(chains: string[][], ref: string): string[] | null {
  return chains.find((chain) => chain.some((r) => canonicalRef(r) === canonicalRef(ref))) ?? null;
}
