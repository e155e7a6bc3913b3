/** The reading order of a version: part/chapter/section headings interleaved with the articles. */
import type { Article, Chapter, Part, Section, Version } from '../../electron/engine/model/types';

export type FlowEntry =
  | { kind: 'part'; part: Part; key: string }
  | { kind: 'chapter'; chapter: Chapter; key: string }
  | { kind: 'section'; section: Section; key: string }
  | { kind: 'article'; article: Article; key: string };

export function headingText(label: string, title: string): string {
  if (!title) return label;
  return /[、.．]$/.test(label) ? `${label}${title}` : `${label} ${title}`;
}

export function buildFlow(version: Version): FlowEntry[] {
  const out: FlowEntry[] = [];
  let part: number | null | undefined;
  let chapter: number | null | undefined;
  let section: number | null | undefined;
  // Chapters are emitted in their own order, including those without articles (an opinion's 一、总体要求
  // holds only intro text): before a chapter, every earlier one not yet shown.
  let nextChapter = 0;
  const emitChaptersThrough = (index: number, at: number): void => {
    for (; nextChapter <= index && nextChapter < version.chapters.length; nextChapter++) {
      const c = version.chapters[nextChapter]!;
      out.push({ kind: 'chapter', chapter: c, key: `c${c.number}-${nextChapter}-${at}` });
    }
  };
  version.articles.forEach((a, i) => {
    const aPart = a.part ?? null;
    if (aPart !== null && aPart !== part) {
      const p = version.parts.find((x) => x.number === aPart);
      if (p) out.push({ kind: 'part', part: p, key: `p${aPart}-${i}` });
    }
    if (a.chapter !== null && (a.chapter !== chapter || aPart !== part)) {
      const ci = version.chapters.findIndex((x, k) => k >= nextChapter && x.number === a.chapter);
      if (ci >= 0) emitChaptersThrough(ci, i);
      section = undefined;
    }
    if (a.section !== null && a.section !== section) {
      const s = version.sections.find((x) => x.number === a.section && (x.chapter ?? null) === a.chapter);
      if (s) out.push({ kind: 'section', section: s, key: `s${a.chapter}-${a.section}-${i}` });
    }
    part = aPart;
    chapter = a.chapter;
    section = a.section;
    out.push({ kind: 'article', article: a, key: `${a.id}-${i}` });
  });
  emitChaptersThrough(version.chapters.length - 1, version.articles.length);
  return out;
}
