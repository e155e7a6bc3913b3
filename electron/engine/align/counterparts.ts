/**
 * "其他地方怎么规定": the counterparts of one article in each of a shortlist of documents, best first, with
 * a confidence, the shared terms and the redline against each.
 *
 * The caller supplies the shortlist (the documents of other jurisdictions on the same subject, from
 * similarDocuments or the search index) and, where it keeps them, their profiles: then nothing is
 * segmented but the texts of the diffs. The weighting (idf) is that of the article's document and the
 * shortlist together, and the confidence is judged as in alignDocuments: the article's best score in each
 * document against its background there, and each candidate's own scores back in the article's document
 * (reciprocal or not). So an article's answer in one document does not depend on which others are listed,
 * beyond the idf they share.
 */
import { articleText, fail, findArticle, intToCn, type Article } from '../model';
import type { Segmenter } from '../segment';
import { getSegmenter } from '../segment';
import { buildCorpus, scoreAgainstAll, type Corpus } from './corpus';
import { TokenCache, tokenDiff, type TokenDiffSpan } from './diff';
import { judgeCandidates, MIN_KEEP, TermRanker, windowOf, type Window } from './match';
import { documentNames, jurisdictionOf } from './columns';
import { profileDocument, profileFits } from './profile';
import { articleTermText } from './terms';
import type { AlignInput, Confidence } from './types';

export interface CounterpartOptions {
  /** Candidates per document; default 3. */
  top?: number;
  /**
   * Word diffs of the article against its candidates: 'best' (default) the rank-1 candidate of each
   * document where it is at least medium (a redline against an unrelated article is noise), 'all' every
   * candidate, 'none' no diff.
   */
  diff?: 'best' | 'all' | 'none';
}

export interface ArticleCounterpart {
  article: number;
  sub?: number;
  label: string;
  heading: string | null;
  rank: number;
  score: number;
  confidence: Confidence;
  /** True when this article's best in the asking document is the asked article as well. */
  mutual: boolean;
  /** The shared terms that explain the match, most telling first. */
  terms: string[];
  /** The article's text (lead-ins, 项 and 目 in reading order, with their labels). */
  text: string;
  /** Word diff from the asked article to this one (equal + delete = the asked text; equal + insert = this one). */
  diff?: TokenDiffSpan[];
}

export interface DocumentCounterparts {
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** Short column name ("北京 2020"). */
  name: string;
  jurisdiction: string;
  /** Best first; empty where nothing in the document shares the article's subject. */
  counterparts: ArticleCounterpart[];
}

export interface CounterpartsResult {
  ref: string;
  doc: string;
  version: number;
  name: string;
  article: number;
  sub?: number;
  label: string;
  heading: string | null;
  text: string;
  /**
   * One entry per shortlisted document, ordered by their best counterpart: high before medium before low
   * before none, then by score.
   */
  docs: DocumentCounterparts[];
}

export interface CounterpartsQuery {
  /** The document holding the article (with its profile when the caller keeps it). */
  source: AlignInput;
  article: number;
  sub?: number;
  /** The documents to look in. */
  shortlist: AlignInput[];
}

const DEFAULT_TOP = 3;
const BAND: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

function unitOf(corpus: Corpus, doc: number, article: Article): number {
  for (let u = corpus.docStart[doc]!; u < corpus.docStart[doc + 1]!; u++) {
    const a = corpus.units[u]!.article;
    if (a.number === article.number && (a.sub ?? 0) === (article.sub ?? 0)) return u;
  }
  return -1;
}

/** The counterparts of one article in each shortlisted document. */
export function findCounterparts(query: CounterpartsQuery, options: CounterpartOptions = {}, segmenter: Segmenter = getSegmenter()): CounterpartsResult {
  const { source } = query;
  const version = source.doc.versions[source.version];
  if (!version) throw fail('not_found', 'align.no_version', { ref: source.ref, version: source.version });
  const article = findArticle(version, query.article, query.sub);
  if (!article) throw fail('not_found', 'align.no_article', { ref: source.ref, label: `第${intToCn(query.article)}条${query.sub ? `之${intToCn(query.sub)}` : ''}` });
  const top = Math.min(10, Math.max(1, Math.floor(options.top ?? DEFAULT_TOP)));
  const seen = new Set([`${source.doc.id}@${source.version}`]);
  const shortlist = query.shortlist.filter((d) => {
    const key = `${d.doc.id}@${d.version}`;
    if (seen.has(key) || !d.doc.versions[d.version]) return false;
    seen.add(key);
    return true;
  });
  const inputs = [source, ...shortlist];
  const known = new Map<string, string | null>();
  const corpus = buildCorpus(inputs.map((i) => (profileFits(i.profile, i.doc, i.version) ? i.profile : profileDocument(i.doc, i.version, segmenter, known))));
  const names = documentNames(inputs);
  const u = unitOf(corpus, 0, article);
  const text = articleTermText(article);
  const result: CounterpartsResult = {
    ref: source.ref,
    doc: source.doc.id,
    version: source.version,
    name: names[0]!,
    article: article.number,
    label: article.label,
    heading: article.heading,
    text: articleText(article),
    docs: [],
  };
  if (article.sub) result.sub = article.sub;

  // u against everything once; each candidate against the article's document for its back window.
  const n = corpus.units.length;
  const scores = new Float64Array(n);
  const buf: number[] = [];
  const bufUnit: number[] = [];
  const keep = Math.max(top, MIN_KEEP);
  scoreAgainstAll(corpus, u, scores);
  const forward: Window[] = shortlist.map((_, k) => windowOf(scores, corpus.docStart[k + 1]!, corpus.docStart[k + 2]!, keep, buf, bufUnit));
  const backScores = new Float64Array(n);
  const backCache = new Map<number, Window>();
  const back = (v: number): Window => {
    let w = backCache.get(v);
    if (!w) {
      scoreAgainstAll(corpus, v, backScores);
      w = windowOf(backScores, corpus.docStart[0]!, corpus.docStart[1]!, keep, buf, bufUnit);
      backCache.set(v, w);
    }
    return w;
  };
  const ranker = new TermRanker(corpus);
  const diffMode = options.diff ?? 'best';
  const tokens = new TokenCache(segmenter);
  shortlist.forEach((input, k) => {
    const candidates = judgeCandidates(u, forward[k]!, back, top);
    const targetVersion = input.doc.versions[input.version]!;
    result.docs.push({
      ref: input.ref,
      doc: input.doc.id,
      version: input.version,
      title: input.doc.title,
      name: names[k + 1]!,
      jurisdiction: jurisdictionOf(input),
      counterparts: candidates.map((c) => {
        const unit = corpus.units[c.unit]!.article;
        const target = findArticle(targetVersion, unit.number, unit.sub)!;
        const found: ArticleCounterpart = {
          article: unit.number,
          label: unit.label,
          heading: unit.heading,
          rank: c.rank,
          score: Math.round(c.score * 1000) / 1000,
          confidence: c.confidence,
          mutual: c.mutual,
          terms: ranker.explain(u, c.unit),
          text: articleText(target),
        };
        if (unit.sub) found.sub = unit.sub;
        if (diffMode === 'all' || (diffMode === 'best' && c.rank === 1 && c.confidence !== 'low')) found.diff = tokenDiff(text, articleTermText(target), segmenter, tokens);
        return found;
      }),
    });
  });
  const bestOf = (d: DocumentCounterparts) => d.counterparts[0];
  result.docs.sort((x, y) => {
    const a = bestOf(x);
    const b = bestOf(y);
    return (b ? BAND[b.confidence] : 0) - (a ? BAND[a.confidence] : 0) || (b?.score ?? 0) - (a?.score ?? 0);
  });
  return result;
}
