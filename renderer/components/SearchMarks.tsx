/**
 * Search highlights: a text with given [start, end) ranges marked (a search snippet), or with every
 * occurrence of some terms marked (the Reader opened from a search hit). Term matching is the engine's
 * (full-/half-width insensitive), so what the search matched is what gets marked.
 */
import type { ReactNode } from 'react';
import { findRanges, type Range } from '../../electron/engine/model/match';

export function RangeMarks({ text, ranges }: { text: string; ranges: ReadonlyArray<Range> }) {
  const out: ReactNode[] = [];
  let at = 0;
  for (const [a, b] of ranges) {
    if (a < at || b > text.length || b <= a) continue;
    if (a > at) out.push(text.slice(at, a));
    out.push(
      <mark key={a} className="search-mark" data-testid="search-mark">
        {text.slice(a, b)}
      </mark>,
    );
    at = b;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

export function TermMarks({ text, terms }: { text: string; terms?: readonly string[] }) {
  if (!terms || terms.length === 0) return <>{text}</>;
  return <RangeMarks text={text} ranges={findRanges(text, terms)} />;
}

/** Terms carried in a Reader link (`?hl=a b`), and back. */
export function parseHighlightParam(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((t) => t.length > 0);
}

export function highlightParam(terms: readonly string[]): string | undefined {
  const clean = terms.map((t) => t.replace(/\s+/g, '')).filter((t) => t.length > 0);
  return clean.length ? clean.join(' ') : undefined;
}
