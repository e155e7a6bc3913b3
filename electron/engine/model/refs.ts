import { fail } from './messages';

/** A document reference as CONTRACTS.md defines it: `ID`, `ID@N` or a file path (optionally `@N`). */
export interface DocRef {
  /** Corpus id, library id or file path. */
  source: string;
  /** 0-based version; a plain REF means version 0. */
  version: number;
}

export function parseRef(ref: string): DocRef {
  const trimmed = ref.trim();
  if (!trimmed) throw fail('bad_request', 'library.empty_ref');
  const m = /^(.*)@(\d+)$/.exec(trimmed);
  if (m && m[1]) return { source: m[1], version: Number(m[2]) };
  return { source: trimmed, version: 0 };
}

export function formatRef(ref: DocRef): string {
  return ref.version ? `${ref.source}@${ref.version}` : ref.source;
}
