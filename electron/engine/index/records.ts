/**
 * LegalDocument → what the index holds: one ShardSource per version, one IndexedArticle per article.
 */
import type { Article, LegalDocument, Paragraph } from '../model';
import type { IndexedArticle, ShardSource } from './types';

export interface DocumentMeta {
  id: string;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  /** ISO dates the document states; their years feed the `year:` filter. */
  dates: Record<string, string | string[] | undefined>;
  /** The law this document is a text of (library metadata, when present). */
  work?: string;
  /** REF of the version this document follows. */
  supersedes?: string;
}

/** A 款 as printed: the lead-in, then its 项 and their 目 inline. */
export function paragraphText(p: Paragraph): string {
  let s = p.text;
  for (const item of p.items) {
    s += item.label + item.text;
    for (const sub of item.items ?? []) s += sub.label + sub.text;
  }
  return s;
}

export function indexedArticle(a: Article, chapterTitle: string | null): IndexedArticle {
  const out: IndexedArticle = {
    number: a.number,
    label: a.label,
    id: a.id,
    heading: a.heading,
    chapter: chapterTitle,
    paragraphs: a.paragraphs.map(paragraphText),
  };
  if (a.sub !== undefined) out.sub = a.sub;
  return out;
}

export function yearsOf(dates: Record<string, string | string[] | undefined>): number[] {
  const years = new Set<number>();
  for (const v of Object.values(dates)) {
    for (const d of Array.isArray(v) ? v : [v]) {
      const m = d ? /^(\d{4})/.exec(d) : null;
      if (m) years.add(Number(m[1]));
    }
  }
  return [...years].sort((a, b) => a - b);
}

const ISO = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The date a version is known by: effective, else the latest amendment, adopted, published, drafted. */
export function dateOf(dates: Record<string, string | string[] | undefined>): string | null {
  const amended = dates.amended;
  const lastAmended = Array.isArray(amended) ? [...amended].sort().pop() : amended;
  for (const d of [dates.effective, lastAmended, dates.adopted, dates.published, dates.drafted]) {
    if (typeof d === 'string' && ISO.test(d)) return d;
  }
  return null;
}

export function shardSources(doc: LegalDocument, meta: DocumentMeta): ShardSource[] {
  return doc.versions.map((v, version) => {
    // By id, not number: chapter numbers restart in each 编 of a code.
    const chapterTitles = new Map(v.chapters.map((c) => [c.id, c.title] as const));
    return {
      id: `${meta.id}@${version}`,
      doc: meta.id,
      version,
      versionLabel: v.label,
      title: meta.title,
      jurisdiction: meta.jurisdiction,
      kind: meta.kind,
      stage: meta.stage,
      years: yearsOf(meta.dates),
      date: dateOf(meta.dates),
      ...(meta.work ? { work: meta.work } : {}),
      // Version n of a multi-version document follows version n − 1.
      ...(version > 0 ? { supersedes: `${meta.id}@${version - 1}` } : meta.supersedes ? { supersedes: meta.supersedes } : {}),
      articles: v.articles.map((a) => indexedArticle(a, a.chapterId ? (chapterTitles.get(a.chapterId) ?? null) : null)),
    };
  });
}
