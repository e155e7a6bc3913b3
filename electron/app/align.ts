/**
 * Topic alignment across documents (align), an article's counterparts in the other documents (the Reader's
 * 同题条款 panel) and the word diff of two articles (the Topics view). Alignments are cached per selection:
 * the Reader asks for counterparts article after article, and one alignment of the whole corpus answers
 * all of them.
 */
import { alignDocuments, articleTermText, tokenDiff, type AlignInput, type Alignment, type TokenDiffSpan } from '../engine/align';
import { cite, clip, fail, findArticle, type Article } from '../engine/model';
import { getSegmenter } from '../engine/segment';
import { Recent, type Documents, type LoadedVersion } from './documents';
import { step, type Job } from './job';
import type { Counterparts } from './types';

/** An article of a document named by REF. */
export interface ArticlePlace {
  ref: unknown;
  article: unknown;
  sub?: unknown;
}

const CACHE_SIZE = 8;
export const DEFAULT_TOP = 3;
export const MAX_TOP = 10;

function articleIn(loaded: LoadedVersion & { ref: string }, article: unknown, sub?: unknown): Article {
  if (typeof article !== 'number' || !Number.isInteger(article)) throw fail('bad_request', 'api.missing_article');
  const s = typeof sub === 'number' && sub > 0 ? sub : undefined;
  const found = findArticle(loaded.document.versions[loaded.version]!, article, s);
  if (!found) throw fail('not_found', 'compare.no_article', { ref: loaded.ref, label: cite({ article, ...(s ? { sub: s } : {}) }) });
  return found;
}

function topOf(top: unknown): number {
  if (top === undefined || top === null) return DEFAULT_TOP;
  if (typeof top !== 'number' || !Number.isInteger(top) || top < 1 || top > MAX_TOP) throw fail('bad_request', 'api.int_range', { field: 'top', min: 1, max: MAX_TOP });
  return top;
}

export function createAlign(documents: Documents) {
  const cache = new Recent<Alignment>(CACHE_SIZE);

  async function aligned(refs: unknown, top: unknown, job?: Job): Promise<Alignment> {
    if (!Array.isArray(refs) || refs.length < 2) throw fail('bad_request', 'align.need_two');
    const k = topOf(top);
    const loaded = refs.map((r) => documents.get(r));
    // Keyed by the documents' fingerprints: an edited, re-imported or removed document is never served stale.
    const key = documents.key(loaded, k);
    const hit = cache.get(key);
    if (hit) return hit;
    await step(job, 'align', { n: loaded.length });
    // The library's metadata names the columns (浙江 2023, 北京 2020, 国家 2017).
    const inputs: AlignInput[] = loaded.map((l) => ({ ref: l.ref, doc: l.document, version: l.version, meta: { jurisdiction: l.summary.jurisdiction, kind: l.summary.kind, stage: l.summary.stage, dates: l.summary.dates } }));
    return cache.set(key, alignDocuments(inputs, { top: k }));
  }

  return {
    /** Cross-document topic alignment (CONTRACTS.md `align`); `top` candidates per article (default 3). */
    align(refs: unknown, top?: unknown, job?: Job): Promise<Alignment> {
      return aligned(refs, top, job);
    },

    /** Counterparts of one article; `docs` defaults to every other library document (at its latest version). */
    async counterparts(place: ArticlePlace & { docs?: unknown }, job?: Job): Promise<Counterparts> {
      const own = documents.get(place.ref);
      const article = articleIn(own, place.article, place.sub);
      // By default: every other document of the library, at its latest version (for a 对照稿, the later draft).
      const others = Array.isArray(place.docs)
        ? (place.docs as unknown[])
        : documents
            .list()
            .filter((d) => d.id !== own.document.id)
            .map((d) => (d.versions > 1 ? `${d.id}@${d.versions - 1}` : d.id));
      const refs = [own.ref, ...others.filter((r) => r !== own.ref)];
      const response: Counterparts = { ref: own.ref, article: article.number, label: article.label, heading: article.heading, docs: [] };
      if (refs.length < 2) return response;
      const alignment = await aligned(refs, DEFAULT_TOP, job);
      const same = (m: { doc: string; version: number; article: number; sub?: number }) =>
        m.doc === own.document.id && m.version === own.version && m.article === article.number && m.sub === article.sub;
      const topic = alignment.topics.find((t) => t.members.some(same));
      for (const d of alignment.documents.slice(1)) {
        const other = documents.get(d.ref);
        const matches = alignment.matches.filter((m) => same(m.from) && m.to.doc === d.doc && m.to.version === d.version).sort((a, b) => a.rank - b.rank);
        response.docs.push({
          ref: d.ref,
          title: d.title,
          versionLabel: d.versionLabel,
          matches: matches.map((m) => {
            const a = articleIn(other, m.to.article, m.to.sub);
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
              snippet: clip(articleTermText(a).replace(/\n/g, ' '), 80),
            };
          }),
        });
      }
      if (topic) response.topic = { label: topic.label, terms: topic.terms };
      return response;
    },

    /** Word diff of two articles of different documents (side-by-side reading). */
    diff(left: ArticlePlace, right: ArticlePlace): { spans: TokenDiffSpan[] } {
      const l = documents.get(left?.ref, 'left');
      const r = documents.get(right?.ref, 'right');
      const a = articleIn(l, left.article, left.sub);
      const b = articleIn(r, right.article, right.sub);
      return { spans: tokenDiff(articleTermText(a), articleTermText(b), getSegmenter()) };
    },
  };
}

export type AlignUseCase = ReturnType<typeof createAlign>;
