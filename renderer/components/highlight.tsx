/** Marks every occurrence of the given terms in a text (longest term first, so 预留采购份额 beats 采购). */
import type { ReactNode } from 'react';

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  const usable = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return <>{text}</>;
  const re = new RegExp(usable.map(escape).join('|'), 'g');
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    out.push(
      <mark key={at} className="term" data-testid="term-mark">
        {m[0]}
      </mark>,
    );
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return <>{out}</>;
}
