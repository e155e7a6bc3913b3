/**
 * An article's history through a legislative chain (修订草案 → 二次审议稿 → 施行文本): which article(s) it
 * is in each version, how it got there from the version before (the pairs of the comparison, cached), and
 * each version's own text of it. What `duizhao history REF ARTICLE` prints and the Compare view's 沿革
 * shows, from one call: the page neither compares the versions itself nor traces the article.
 */
import { traceArticle, type Pair, type Relation } from '../engine/compare';
import { baseTitle, buildHistoryColumns, columnNames } from '../engine/display';
import { cite, fail, findArticle } from '../engine/model';
import { canonicalRef, chainThrough, versionChains } from './chains';
import type { CompareUseCase } from './compare';
import type { Documents } from './documents';
import type { Job } from './job';
import type { ArticleHistory, HistoryStep } from './types';

export interface HistoryRequest {
  ref: unknown;
  article: unknown;
  sub?: unknown;
  /** The versions to walk, in order; default: the library's chain through `ref`. */
  chain?: unknown;
}

/** Longest chain accepted from a caller (a real legislative history has a handful of versions). */
export const MAX_CHAIN = 20;

/** When pairs of several kinds lead to a version, the one that says most about what happened. */
const SIGNIFICANCE: Relation[] = ['split', 'merged', 'added', 'deleted', 'moved', 'modified', 'unchanged'];

function relationOf(pairs: Pair[]): Relation | null {
  if (pairs.length === 0) return null;
  return SIGNIFICANCE.find((r) => pairs.some((p) => p.relation === r)) ?? pairs[0]!.relation;
}

function positiveInteger(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw fail('bad_request', 'api.missing_field', { field });
  return value;
}

export function createHistory(documents: Documents, compare: CompareUseCase) {
  function chainOf(ref: string, given: unknown): string[] {
    if (given === undefined || given === null) {
      const chain = chainThrough(versionChains(documents.list()), ref);
      if (!chain) throw fail('not_found', 'history.no_chain', { ref });
      return chain;
    }
    if (!Array.isArray(given) || !given.every((r) => typeof r === 'string' && r.trim() !== '')) throw fail('bad_request', 'api.not_string_list', { field: 'chain' });
    if (given.length < 2) throw fail('bad_request', 'history.chain_too_short');
    if (given.length > MAX_CHAIN) throw fail('bad_request', 'history.chain_too_long', { max: MAX_CHAIN });
    return (given as string[]).map((r) => r.trim());
  }

  return {
    /** The history of article `article` (之`sub`) of the version `ref`, through its chain. */
    async history(req: HistoryRequest, job?: Job): Promise<ArticleHistory> {
      const start = documents.get(req.ref);
      const article = positiveInteger(req.article, '条号（article）');
      const sub = req.sub === undefined || req.sub === null || req.sub === 0 ? undefined : positiveInteger(req.sub, '之几（sub）');
      const startVersion = start.document.versions[start.version]!;
      const named = findArticle(startVersion, article, sub);
      if (!named) throw fail('not_found', 'compare.no_article', { ref: start.ref, label: cite({ article, ...(sub ? { sub } : {}) }) });

      const chain = chainOf(start.ref, req.chain);
      const from = chain.findIndex((r) => canonicalRef(r) === canonicalRef(start.ref));
      if (from < 0) throw fail('bad_request', 'history.not_in_chain', { ref: start.ref });
      const loaded = chain.map((ref) => documents.get(ref));
      const comparisons = [];
      for (let k = 1; k < chain.length; k++) comparisons.push(await compare.comparison(chain[k - 1]!, chain[k]!, job));
      // Pairs name articles by number; a 第X条之一 is followed with its whole number.
      const traced = traceArticle(comparisons, from, article);

      // Each version named beside the others (修订草案, 二次审议稿, 施行文本), never by its id.
      const inputs = loaded.map((l) => documents.nameInput(l));
      const names = columnNames(inputs);
      const texts = traced.map((t, k) => {
        const l = loaded[k]!;
        const version = l.document.versions[l.version]!;
        return k === from ? [named] : version.articles.filter((a) => t.articles.includes(a.number));
      });
      const relations = traced.map((t, k) => (k === 0 ? null : relationOf(t.pairs)));
      // The columns: each version's own text, marked against its neighbours by the same comparisons.
      const columns = buildHistoryColumns({
        steps: traced.map((_, k) => {
          const l = loaded[k]!;
          return { ref: chain[k]!, name: names[k]!.name, title: l.summary.title, doc: l.summary.id, version: l.version, text: l.document.versions[l.version]!, articles: texts[k]!, relation: relations[k]! };
        }),
        comparisons: comparisons.map((c) => c.pairs),
      });
      const steps: HistoryStep[] = traced.map((t, k) => {
        const l = loaded[k]!;
        return {
          ref: chain[k]!,
          label: names[k]!.name,
          title: l.summary.title,
          doc: l.summary.id,
          version: l.version,
          articles: k === from ? [article] : t.articles,
          relation: relations[k]!,
          texts: texts[k]!,
          pairs: t.pairs,
          column: columns[k]!,
        };
      });
      return {
        chain,
        from,
        article,
        ...(sub ? { sub } : {}),
        label: named.label,
        title: baseTitle(inputs[from]!.title),
        steps,
        choices: startVersion.articles.map((a) => ({ article: a.number, ...(a.sub ? { sub: a.sub } : {}), label: a.label })),
      };
    },
  };
}

export type HistoryUseCase = ReturnType<typeof createHistory>;
