/**
 * Anchoring notes to the text, and re-anchoring them when numbering shifts.
 *
 * A note records the article number it was written on, but numbers are the least stable thing in a
 * draft: one article inserted near the top renumbers everything after it (the Hunan 修订草案 has 38
 * articles, its 二次审议稿 35). So a note also keeps the words it is about: the span the user selected
 * (`quote`) or, for a note on a whole article or 款, that 款's opening words (`context`). Resolving a note
 * trusts the number only while those words are still there; otherwise it looks for the words.
 */
import { articleText, paragraphText, type Article, type Version } from '../model';
import type { Anchor, Annotation, AnnotationTarget } from './types';

/**
 * An article's body: its 款 joined by newlines, without label, heading or editorial notes — the model's
 * `articleText`, the same string the comparison diffs, so quote offsets line up with diff spans.
 */
export const articleBody = (a: Article): string => articleText(a);
const paragraphBody = (p: Article['paragraphs'][number]): string => paragraphText(p);

/** Start offset of each 款 in `articleBody(a)`. */
export function paragraphOffsets(a: Article): number[] {
  const out: number[] = [];
  let at = 0;
  for (const p of a.paragraphs) {
    out.push(at);
    at += paragraphBody(p).length + 1;
  }
  return out;
}

/** The 1-based 款 holding offset `pos` of the article body. */
export function paragraphAt(a: Article, pos: number): number {
  const starts = paragraphOffsets(a);
  let n = 1;
  starts.forEach((s, i) => {
    if (pos >= s) n = i + 1;
  });
  return n;
}

/** Whitespace (ASCII and the full-width space) never decides whether a quote matches. */
const SPACE = /[\s\u3000]/;

function squeeze(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (SPACE.test(ch)) continue;
    out += ch;
    map.push(i);
  }
  return { text: out, map };
}

/** Where the squeezed quote `q` occurs in a squeezed body, as offsets of the original body. */
function locate(b: { text: string; map: number[] }, q: string): { start: number; end: number } | null {
  if (q === '') return null;
  const at = b.text.indexOf(q);
  if (at < 0) return null;
  return { start: b.map[at]!, end: b.map[at + q.length - 1]! + 1 };
}

/** Where `quote` occurs in `body`, ignoring whitespace on both sides; the first occurrence. */
export function findQuote(body: string, quote: string): { start: number; end: number } | null {
  return locate(squeeze(body), squeeze(quote).text);
}

/**
 * A version's articles prepared for anchoring (bodies with whitespace squeezed out), so that resolving
 * many notes against one version does that work once.
 */
export class AnchorIndex {
  readonly version: Version;
  readonly articles: Array<{ article: Article; squeezed: { text: string; map: number[] } }>;
  constructor(version: Version) {
    this.version = version;
    this.articles = version.articles.map((article) => ({ article, squeezed: squeeze(articleBody(article)) }));
  }
}

/** How many characters of a 款's opening `context` keeps. Enough to be unique in a statute. */
export const CONTEXT_LENGTH = 24;

/** The opening words of a 款 (or of the article when no 款 is named), whitespace removed. */
export function contextOf(a: Article, paragraph?: number): string {
  const p = paragraph !== undefined ? a.paragraphs[paragraph - 1] : a.paragraphs[0];
  const text = p ? paragraphBody(p) : articleBody(a);
  return squeeze(text).text.slice(0, CONTEXT_LENGTH);
}

/** Builds the target of a new note on `article` (optionally one 款 of it, optionally a quoted span). */
export function makeTarget(
  doc: string,
  version: number,
  article: Article,
  opts: { paragraph?: number; quote?: string } = {},
): AnnotationTarget {
  const target: AnnotationTarget = { doc, version, article: article.number, label: article.label, heading: article.heading };
  if (article.sub) target.sub = article.sub;
  if (opts.paragraph !== undefined) target.paragraph = opts.paragraph;
  const quote = opts.quote?.trim();
  if (quote) {
    target.quote = quote;
    // A quote fixes the 款 by itself when none was named.
    if (target.paragraph === undefined) {
      const r = findQuote(articleBody(article), quote);
      if (r) target.paragraph = paragraphAt(article, r.start);
    }
  } else {
    const context = contextOf(article, opts.paragraph);
    if (context) target.context = context;
  }
  return target;
}

function articleRef(a: Article): NonNullable<Anchor['article']> {
  return a.sub ? { number: a.number, sub: a.sub, label: a.label, id: a.id } : { number: a.number, label: a.label, id: a.id };
}

/** Among several articles holding the words, the one nearest the old number (same heading first). */
function nearest<T extends { article: Article }>(hits: T[], target: AnnotationTarget): T {
  return hits
    .slice()
    .sort(
      (x, y) =>
        Number(y.article.heading === (target.heading ?? null)) - Number(x.article.heading === (target.heading ?? null)) ||
        Math.abs(x.article.number - target.article) - Math.abs(y.article.number - target.article),
    )[0]!;
}

function withParagraph(anchor: Anchor, a: Article, paragraph: number | undefined): Anchor {
  if (paragraph !== undefined && paragraph >= 1 && paragraph <= a.paragraphs.length) anchor.paragraph = paragraph;
  return anchor;
}

/** The 款 of `a` that opens with `context` (whitespace ignored), if any. */
function paragraphWithContext(a: Article, context: string): number | undefined {
  const i = a.paragraphs.findIndex((p) => squeeze(paragraphBody(p)).text.startsWith(context));
  return i >= 0 ? i + 1 : undefined;
}

/**
 * Where `target` lands in `version` (which must be the version of the document the note was written on,
 * possibly re-parsed or renumbered since).
 */
export function resolveAnchor(target: AnnotationTarget, version: Version | AnchorIndex): Anchor {
  const index = version instanceof AnchorIndex ? version : new AnchorIndex(version);
  const articles = index.version.articles;
  const prepared = index.articles;
  const primaryAt = articles.findIndex((a) => a.number === target.article && (a.sub ?? 0) === (target.sub ?? 0));
  const primary = primaryAt >= 0 ? articles[primaryAt]! : null;
  const quote = target.quote ? squeeze(target.quote).text : '';

  if (quote) {
    const find = (p: (typeof prepared)[number], q: string) => {
      const range = locate(p.squeezed, q);
      return range ? { article: p.article, range } : null;
    };
    const here = primary ? find(prepared[primaryAt]!, quote) : null;
    if (here) return { status: 'exact', article: articleRef(here.article), paragraph: paragraphAt(here.article, here.range.start), range: here.range };
    const hits = prepared.map((p) => find(p, quote)).filter((h): h is NonNullable<typeof h> => h !== null);
    if (hits.length > 0) {
      const best = nearest(hits, target);
      return { status: 'reanchored', article: articleRef(best.article), paragraph: paragraphAt(best.article, best.range.start), range: best.range };
    }
    // The quote was edited since: a long enough half of it that still occurs once is good evidence.
    if (quote.length >= 12) {
      const half = Math.floor(quote.length / 2);
      for (const part of [quote.slice(0, half), quote.slice(half)]) {
        const partHits = prepared.map((p) => ({ article: p.article, range: locate(p.squeezed, part) })).filter((h) => h.range !== null);
        if (partHits.length === 1) {
          const h = partHits[0]!;
          const status = primary && h.article === primary ? 'exact' : 'reanchored';
          return { status, article: articleRef(h.article), paragraph: paragraphAt(h.article, h.range!.start) };
        }
      }
    }
    if (primary) return withParagraph({ status: 'stale', article: articleRef(primary) }, primary, target.paragraph);
    return { status: 'orphaned', article: null };
  }

  const context = target.context ? squeeze(target.context).text : '';
  if (context) {
    if (primary && prepared[primaryAt]!.squeezed.text.includes(context)) {
      return withParagraph({ status: 'exact', article: articleRef(primary) }, primary, target.paragraph !== undefined ? (paragraphWithContext(primary, context) ?? target.paragraph) : undefined);
    }
    const hits = prepared.filter((p) => p.squeezed.text.includes(context)).map((p) => ({ article: p.article }));
    if (hits.length > 0) {
      const best = nearest(hits, target).article;
      return withParagraph({ status: 'reanchored', article: articleRef(best) }, best, target.paragraph !== undefined ? paragraphWithContext(best, context) : undefined);
    }
  }
  // Last evidence: a 【heading】 that exactly one article carries.
  if (target.heading && !(primary && primary.heading === target.heading)) {
    const same = articles.filter((a) => a.heading === target.heading);
    if (same.length === 1) return withParagraph({ status: 'reanchored', article: articleRef(same[0]!) }, same[0]!, target.paragraph);
  }
  if (primary) {
    // Without words to check, the number is all there is; with words that no longer match, say so.
    const status = context && !(target.heading && primary.heading === target.heading) ? 'stale' : 'exact';
    return withParagraph({ status, article: articleRef(primary) }, primary, target.paragraph);
  }
  return { status: 'orphaned', article: null };
}

/**
 * Where each note lands today. `versionOf` finds a note's document version (null when it is gone: the
 * note is kept and shown as orphaned); each version is prepared once for all the notes on it.
 */
export function placeAnnotations<A extends Annotation>(
  annotations: A[],
  versionOf: (doc: string, version: number) => Version | null,
): Array<A & { anchor: Anchor }> {
  const indexes = new Map<string, AnchorIndex | null>();
  return annotations.map((a) => {
    const key = `${a.target.doc}@${a.target.version}`;
    if (!indexes.has(key)) {
      let version: Version | null = null;
      try {
        version = versionOf(a.target.doc, a.target.version);
      } catch {
        version = null;
      }
      indexes.set(key, version ? new AnchorIndex(version) : null);
    }
    const index = indexes.get(key);
    return { ...a, anchor: index ? resolveAnchor(a.target, index) : { status: 'orphaned', article: null } };
  });
}
