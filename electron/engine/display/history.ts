/**
 * An article's history (沿革) as columns, one per version of a chain: each column is that version's own
 * text of the article, whole, marked as the 对照 marks it — against the previous version as the right
 * column of their comparison (黑体 = added), against the next as the left column (阴影 = deleted or moved
 * away). Built from the same sides as the 对照 rows, over the chain of consecutive comparisons.
 */
import { RELATION_LABELS, type Article, type Version } from '../model';
import type { Pair, Relation } from '../compare/types';
import { combine, markedCount, paragraphUnits, plain, type MarkedText } from './marks';
import { showSide, type ShownArticle, type ShownParagraph, type Side } from './sides';
import { displayArticle } from './build';
import type { HistoryColumn } from './types';

export interface HistoryStepInput {
  ref: string;
  /** The column's name (names.ts `columnNames` over the chain). */
  name: string;
  title: string;
  doc: string;
  version: number;
  text: Pick<Version, 'articles'>;
  /** The version's own articles that the traced article is in this version ([] = not there). */
  articles: Article[];
  /** How the text came from the previous version (null for the first version). */
  relation: Relation | null;
}

export interface HistoryInput {
  steps: HistoryStepInput[];
  /** `comparisons[k]`: the pairs of version k against version k + 1. */
  comparisons: Pair[][];
}

const same = (a: Pick<Article, 'number' | 'sub'>, b: Pick<Article, 'number' | 'sub'>) => a.number === b.number && (a.sub ?? 0) === (b.sub ?? 0);

/**
 * How `article` is shown by each pair of `pairs` that holds it on `side`; per 款, the showing that marks
 * least (a 款 paired with the 款 it really came from says more than the same 款 counted as moved in whole).
 */
function bestShowing(article: Article, pairs: Pair[], side: Side, version: Pick<Version, 'articles'>): { heading: MarkedText | null; paragraphs: Map<number, ShownParagraph> } | null {
  const shown: ShownArticle[] = [];
  for (const p of pairs) {
    if (!(side === 'left' ? p.leftArticles : p.rightArticles).some((a) => same(a, article))) continue;
    const s = showSide(p, side, version).find((x) => same(x.article, article));
    if (s) shown.push(s);
  }
  if (shown.length === 0) return null;
  const weight = (p: ShownParagraph) => p.units.reduce((n, u) => n + markedCount(u.marked), 0);
  const paragraphs = new Map<number, ShownParagraph>();
  for (const s of shown) {
    for (const p of s.paragraphs) {
      const had = paragraphs.get(p.index);
      if (!had || weight(p) < weight(had)) paragraphs.set(p.index, p);
    }
  }
  const headings = shown.map((s) => s.heading).filter((h): h is MarkedText => h !== null);
  const heading = headings.sort((a, b) => markedCount(a) - markedCount(b))[0] ?? null;
  return { heading, paragraphs };
}

/** The article whole, each 款 and the heading marked against the previous version and the next. */
function column(article: Article, incoming: ReturnType<typeof bestShowing>, outgoing: ReturnType<typeof bestShowing>): ShownArticle {
  const paragraphs: ShownParagraph[] = article.paragraphs.map((p, i) => {
    const a = incoming?.paragraphs.get(i + 1);
    const b = outgoing?.paragraphs.get(i + 1);
    const units = paragraphUnits(p).map((u, k) => {
      const marked = combine(a?.units[k]?.marked.text === u.text ? a.units[k]!.marked : null, b?.units[k]?.marked.text === u.text ? b.units[k]!.marked : null);
      return { kind: u.kind, marked: marked ?? plain(u.text) };
    });
    return { index: i + 1, units, ...(b?.movedTo ? { movedTo: b.movedTo } : {}), ...(a?.movedFrom ? { movedFrom: a.movedFrom } : {}) };
  });
  const heading = article.heading ? (combine(incoming?.heading ?? null, outgoing?.heading ?? null) ?? plain(article.heading)) : null;
  return { article, heading, paragraphs, partial: false };
}

export function buildHistoryColumns(input: HistoryInput): HistoryColumn[] {
  const { steps, comparisons } = input;
  return steps.map((step, k) => {
    const incomingPairs = k > 0 ? (comparisons[k - 1] ?? []) : [];
    const outgoingPairs = comparisons[k] ?? [];
    const articles = step.articles.map((a) =>
      displayArticle(column(a, k > 0 ? bestShowing(a, incomingPairs, 'right', step.text) : null, bestShowing(a, outgoingPairs, 'left', step.text)), a.notes),
    );
    // The pairs this version's articles came by.
    const came = k > 0 ? incomingPairs.filter((p) => p.rightArticles.some((r) => step.articles.some((a) => same(a, r)))) : [];
    const own = step.articles.map((a) => a.label);
    const from = step.relation && step.relation !== 'added' ? [...new Set(came.flatMap((p) => p.leftArticles.map((a) => a.label)))] : [];
    const later = steps.slice(k + 1).some((s) => s.articles.length > 0);
    return {
      ref: step.ref,
      name: step.name,
      title: step.title,
      doc: step.doc,
      version: step.version,
      articles,
      relation: step.relation,
      relationLabel: step.relation ? RELATION_LABELS[step.relation] : null,
      renumbered: came.some((p) => p.renumbered),
      from: from.join('、') === own.join('、') ? [] : from,
      absent: step.articles.length > 0 ? null : later ? 'before' : 'after',
    };
  });
}
