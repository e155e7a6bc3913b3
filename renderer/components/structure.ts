/**
 * The reading order of a version: part/分编/chapter/section headings interleaved with the articles, then the
 * annexes. Every node carries its source line, and the source's order is the reading order: headings that
 * hold no article (an opinion's 一、总体要求 with only intro text, a 编 heading right before its first
 * chapter) are shown where they stand. Chapters are told apart by id, not number: numbers restart in each 编.
 */
import type { Annex, Article, Chapter, Part, Section, Subpart, Version } from '../../electron/engine/model/types';

export type FlowEntry =
  | { kind: 'part'; part: Part; key: string }
  | { kind: 'subpart'; subpart: Subpart; key: string }
  | { kind: 'chapter'; chapter: Chapter; key: string }
  | { kind: 'section'; section: Section; key: string }
  | { kind: 'article'; article: Article; key: string }
  | { kind: 'annex'; annex: Annex; key: string };

/** "第一章 总则", "一、管辖", or the title alone for a heading without a number ("附则"). */
export function headingText(label: string, title: string): string {
  if (!title) return label;
  if (!label) return title;
  return /[、.．]$/.test(label) ? `${label}${title}` : `${label} ${title}`;
}

/** Rank of a kind at one source line: a heading comes before the article on its line (an implicit chapter). */
const RANK: Record<FlowEntry['kind'], number> = { part: 0, subpart: 1, chapter: 2, section: 3, article: 4, annex: 5 };

export function buildFlow(version: Version): FlowEntry[] {
  const out: Array<FlowEntry & { line: number; order: number }> = [];
  let order = 0;
  const add = (entry: FlowEntry, line: number) => out.push({ ...entry, line, order: order++ });
  version.parts.forEach((p, i) => add({ kind: 'part', part: p, key: `p${p.number}-${i}` }, p.line));
  (version.subparts ?? []).forEach((s, i) => add({ kind: 'subpart', subpart: s, key: `${s.id}-${i}` }, s.line));
  version.chapters.forEach((c, i) => add({ kind: 'chapter', chapter: c, key: `${c.id}-${i}` }, c.line));
  version.sections.forEach((s, i) => add({ kind: 'section', section: s, key: `s${s.chapterId ?? ''}-${s.number}-${i}` }, s.line));
  version.articles.forEach((a, i) => add({ kind: 'article', article: a, key: `${a.id}-${i}` }, a.line));
  // Annexes follow the body whatever their lines (a 对照稿 has none; a regulation's come last anyway).
  const last = out.reduce((m, e) => Math.max(m, e.line), 0);
  (version.annexes ?? []).forEach((x, i) => add({ kind: 'annex', annex: x, key: `${x.id}-${i}` }, Math.max(x.line, last + 1)));
  out.sort((a, b) => a.line - b.line || RANK[a.kind] - RANK[b.kind] || a.order - b.order);
  return out.map(({ line: _line, order: _order, ...entry }) => entry as FlowEntry);
}

/** The element id of an annex in the reading pane (the outline scrolls to it). */
export function annexElementId(annex: Annex): string {
  return `annex-${annex.id}`;
}
