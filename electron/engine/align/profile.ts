/**
 * A document's term profile: what segmentation yields for each of its articles, counted, plus the
 * document's title subject and its heaviest terms. Segmenting is most of the cost of an alignment, and a
 * profile depends on nothing but the document's text and title, so a caller can compute it once, keep it
 * per document fingerprint (it is plain JSON) and pass it back with the document: alignments, counterparts
 * and document similarity then start from the counts.
 *
 * Counts are kept for every term (profileTerm), including the field's own name (中小企业): article
 * alignment drops those (isDomainTerm), document similarity needs them.
 */
import type { Article, LegalDocument, Version } from '../model';
import type { Segmenter } from '../segment';
import { titleSubject } from './names';
import { articleTermText, profileTerm, termCounts, withoutCitedTitles } from './terms';

/** Bump when the terms a profile holds change (segmentation, stop terms, synonyms): cached profiles are then stale. */
export const PROFILE_SCHEMA = 1;

/**
 * A 【heading】 is the drafter's own one-phrase summary of the article: its terms count as if they
 * appeared this many more times in the text.
 */
export const HEADING_BOOST = 3;

/** Terms kept in a document's summary (its heaviest), for document similarity. */
const SUMMARY_TERMS = 240;

export interface ArticleProfile {
  number: number;
  sub?: number;
  label: string;
  heading: string | null;
  /** Title of the chapter (an opinion's section) the article stands in. */
  chapter: string | null;
  /** Distinct terms (first-seen order) and their counts; heading terms counted HEADING_BOOST more. */
  terms: string[];
  counts: number[];
}

export interface DocumentProfile {
  schema: number;
  doc: string;
  version: number;
  title: string;
  /** What the title says the document regulates (titleSubject) and its terms. */
  subject: string;
  subjectTerms: string[];
  articles: ArticleProfile[];
  /** The document's heaviest terms over all its articles, heaviest first, with their counts. */
  summary: { terms: string[]; counts: number[] };
}

function chapterTitles(version: Version): Map<string, string> {
  const titles = new Map<string, string>();
  for (const c of version.chapters) if (c.title) titles.set(c.id, c.title);
  return titles;
}

function chapterOf(article: Article, version: Version, titles: Map<string, string>): string | null {
  if (article.chapterId) return titles.get(article.chapterId) ?? null;
  if (article.chapter === null) return null;
  const c = version.chapters.find((x) => x.number === article.chapter && !x.part);
  return c?.title || null;
}

/** An article's terms and counts (heading boosted). `known`: token → term cache shared by the caller. */
export function profileArticle(article: Article, segmenter: Segmenter, known: Map<string, string | null>, chapter: string | null = null): ArticleProfile {
  const counts = termCounts(segmenter, withoutCitedTitles(articleTermText(article)), known);
  if (article.heading) {
    for (const [term, n] of termCounts(segmenter, article.heading, known)) counts.set(term, (counts.get(term) ?? 0) + n * HEADING_BOOST);
  }
  const profile: ArticleProfile = {
    number: article.number,
    label: article.label,
    heading: article.heading,
    chapter,
    terms: [...counts.keys()],
    counts: [...counts.values()],
  };
  if (article.sub) profile.sub = article.sub;
  return profile;
}

/** A document's heaviest terms over its articles' counts (DocumentProfile.summary). */
export function summaryOf(articles: ArticleProfile[]): DocumentProfile['summary'] {
  const totals = new Map<string, number>();
  for (const p of articles) p.terms.forEach((t, i) => totals.set(t, (totals.get(t) ?? 0) + p.counts[i]!));
  // Heaviest first; among equals the longer (more specific) term; then by spelling, so profiles are stable.
  const heaviest = [...totals].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, SUMMARY_TERMS);
  return { terms: heaviest.map(([t]) => t), counts: heaviest.map(([, n]) => n) };
}

/** The profile of one version of a document. */
export function profileDocument(doc: LegalDocument, version: number, segmenter: Segmenter, known: Map<string, string | null> = new Map()): DocumentProfile {
  const text = doc.versions[version];
  const articles: ArticleProfile[] = [];
  if (text) {
    const titles = chapterTitles(text);
    for (const article of text.articles) articles.push(profileArticle(article, segmenter, known, chapterOf(article, text, titles)));
  }
  const subject = titleSubject(doc.title);
  return {
    schema: PROFILE_SCHEMA,
    doc: doc.id,
    version,
    title: doc.title,
    subject,
    subjectTerms: [...termCounts(segmenter, subject, known).keys()],
    articles,
    summary: summaryOf(articles),
  };
}

/** True when `profile` was made by this engine for this document version (else make it again). */
export function profileFits(profile: DocumentProfile | undefined, doc: LegalDocument, version: number): profile is DocumentProfile {
  return (
    !!profile &&
    profile.schema === PROFILE_SCHEMA &&
    profile.doc === doc.id &&
    profile.version === version &&
    profile.articles.length === (doc.versions[version]?.articles.length ?? -1)
  );
}

export { profileTerm };
