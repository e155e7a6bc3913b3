/**
 * Handlers of the alignment methods (align, counterparts, alignDiff), spread into the one handler table
 * of handlers.ts. Alignments are cached per selection: the Reader asks for counterparts article after
 * article, and one alignment of the whole corpus answers all of them.
 */
import { alignDocuments, articleTermText, tokenDiff, type AlignInput, type Alignment } from '../engine/align';
import { clip, fail, findArticle, type Article } from '../engine/model';
import { getSegmenter } from '../engine/segment';
import type { ApiHandlers, CounterpartsResponse } from './contract';
import type { DocumentSource } from './handlers';
import { cacheKey, libraryRef } from './library-ref';

type AlignHandlers = Pick<ApiHandlers, 'align' | 'counterparts' | 'alignDiff'>;

const CACHE_SIZE = 8;

export function createAlignHandlers(library: DocumentSource): AlignHandlers {
  const cache = new Map<string, Alignment>();

  /** Like getDocument: the UI names library documents by id, never by file path. */
  function load(ref: unknown): AlignInput & { title: string } {
    const checked = libraryRef(library, ref);
    const { document, version, summary } = library.get(checked.ref);
    return { ref: checked.ref, doc: document, version, title: summary.title };
  }

  function aligned(refs: string[], top: number): Alignment {
    // Keyed by the documents' fingerprints: an edited, re-imported or removed document is never served stale.
    const key = cacheKey(refs.map((r) => libraryRef(library, r)), top);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const result = alignDocuments(refs.map(load), { top });
    cache.set(key, result);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return result;
  }

  function articleIn(input: AlignInput, article: unknown, sub?: unknown): Article {
    if (typeof article !== 'number' || !Number.isInteger(article)) throw fail('bad_request', 'api.missing_article');
    const found = findArticle(input.doc.versions[input.version]!, article, typeof sub === 'number' ? sub : undefined);
    if (!found) throw fail('not_found', 'compare.no_article', { ref: input.ref, label: `第 ${article} 条` });
    return found;
  }

  function topOf(top: unknown): number {
    if (top === undefined) return 3;
    if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > 10) throw fail('bad_request', 'api.int_range', { field: 'top', min: 1, max: 10 });
    return top;
  }

  return {
    async align(req) {
      if (!Array.isArray(req.refs) || req.refs.length < 2) throw fail('bad_request', 'align.need_two');
      return aligned(req.refs, topOf(req.top));
    },

    async counterparts(req) {
      const own = load(req.ref);
      const article = articleIn(own, req.article, req.sub);
      // By default: every other document of the library, at its latest version (for a 对照稿, the later draft).
      const others = Array.isArray(req.docs)
        ? req.docs
        : library
            .list()
            .filter((d) => d.id !== own.doc.id)
            .map((d) => (d.versions > 1 ? `${d.id}@${d.versions - 1}` : d.id));
      const refs = [own.ref, ...others.filter((r) => r !== own.ref)];
      const response: CounterpartsResponse = { ref: own.ref, article: article.number, label: article.label, heading: article.heading, docs: [] };
      if (refs.length < 2) return response;
      const alignment = aligned(refs, 3);
      const topic = alignment.topics.find((t) => t.members.some((m) => m.doc === own.doc.id && m.version === own.version && m.article === article.number && m.sub === article.sub));
      for (const d of alignment.documents.slice(1)) {
        const input = load(d.ref);
        const matches = alignment.matches
          .filter((m) => m.from.doc === own.doc.id && m.from.version === own.version && m.from.article === article.number && m.from.sub === article.sub && m.to.doc === d.doc && m.to.version === d.version)
          .sort((a, b) => a.rank - b.rank);
        response.docs.push({
          ref: d.ref,
          title: d.title,
          versionLabel: d.versionLabel,
          matches: matches.map((m) => {
            const a = articleIn(input, m.to.article, m.to.sub);
            const text = articleTermText(a);
            return {
              article: a.number,
              ...(a.sub ? { sub: a.sub } : {}),
              label: a.label,
              heading: a.heading,
              rank: m.rank,
              score: m.score,
              terms: m.terms,
              mutual: m.mutual === true,
              ...(m.confidence ? { confidence: m.confidence } : {}),
              snippet: clip(text.replace(/\n/g, " "), 80),
            };
          }),
        });
      }
      if (topic) response.topic = { label: topic.label, terms: topic.terms };
      return response;
    },

    async alignDiff(req) {
      const left = load(req.left?.ref);
      const right = load(req.right?.ref);
      const a = articleIn(left, req.left.article, req.left.sub);
      const b = articleIn(right, req.right.article, req.right.sub);
      return { spans: tokenDiff(articleTermText(a), articleTermText(b), getSegmenter()) };
    },
  };
}

