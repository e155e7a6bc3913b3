/**
 * Cross-jurisdiction topic alignment, the public face: `alignDocuments` lines up the articles of two or
 * more documents by subject (which article of Hunan's 办法 deals with what article 27 of Zhejiang's 条例
 * does) and groups them into topics.
 *
 *   corpus.ts  articles → BM25-weighted term vectors over all selected documents; cosine scores
 *   match.ts   per article and other document: the accepted candidates (relative to their background)
 *   topics.ts  mutual best matches and their neighbours → topics, in reading order
 */
import { fail, findArticle, type Article } from '../model';
import { getSegmenter, type Segmenter } from '../segment';
import { buildCorpus, sharedTerms, similarity, type Corpus } from './corpus';
import { profileDocument, profileFits } from './profile';
import { selectCandidates, TermRanker, type Candidate, type Selection } from './match';
import { groupTopics, type TopicGroup } from './topics';
import { conventionalLabel, nounPhraseLabel } from './labels';
import { documentNames, jurisdictionOf } from './columns';
import { articleTermText } from './terms';
import type { AlignInput, AlignMatch, AlignOptions, AlignTopic, Alignment, ArticleKey, Confidence, NearestArticle, TopicMember } from './types';

export type * from './types';
export { articleTermText } from './terms';
export { tokenDiff, type TokenDiffSpan } from './diff';
export { columnNames, nameYear, shortJurisdiction, shortName, titleJurisdiction, titleKind, titleSubject, type NameSource } from './names';
export { documentNames, jurisdictionOf } from './columns';
export { PROFILE_SCHEMA, profileDocument, profileFits, summaryOf, type ArticleProfile, type DocumentProfile } from './profile';
export { findCounterparts, type ArticleCounterpart, type CounterpartOptions, type CounterpartsQuery, type CounterpartsResult, type DocumentCounterparts } from './counterparts';
export { buildMatrix, cellNumbers, renderMatrixHtml, renderMatrixXlsx, type AlignMatrix, type MatrixArticle, type MatrixCell, type MatrixColumn, type MatrixHtmlOptions, type MatrixOptions, type MatrixRow } from './export';
export { buildLibraryIndex, similarDocuments, type LibraryDocument, type LibraryIndex, type SimilarDocument, type SimilarOptions } from './similar';

const DEFAULT_TOP = 3;
/** Two headings joined into one label (定期检查与法律责任) only up to this length. */
const MAX_JOINED_LABEL = 12;
const MAX_TOP = 10;

function keyOf(corpus: Corpus, inputs: AlignInput[], u: number): ArticleKey {
  const unit = corpus.units[u]!;
  const input = inputs[unit.doc]!;
  const key: ArticleKey = { doc: input.doc.id, version: input.version, article: unit.article.number };
  if (unit.article.sub) key.sub = unit.article.sub;
  return key;
}

function articleOf(inputs: AlignInput[], corpus: Corpus, u: number): Article | null {
  const unit = corpus.units[u]!;
  const version = inputs[unit.doc]!.doc.versions[inputs[unit.doc]!.version];
  return version ? findArticle(version, unit.article.number, unit.article.sub) : null;
}

function topicOf(corpus: Corpus, ranker: TermRanker, inputs: AlignInput[], group: TopicGroup, segmenter: Segmenter): AlignTopic {
  const { units } = group;
  const members: TopicMember[] = units.map((u) => ({
    ...keyOf(corpus, inputs, u),
    label: corpus.units[u]!.article.label,
    heading: corpus.units[u]!.article.heading,
  }));
  // Shared terms: a term's weight is its share of the scores of all member pairs from different documents.
  let weighted: Array<{ term: number; contribution: number }> = [];
  for (let i = 0; i < units.length; i++) {
    for (let j = i + 1; j < units.length; j++) {
      if (corpus.units[units[i]!]!.doc !== corpus.units[units[j]!]!.doc) weighted.push(...sharedTerms(corpus, units[i]!, units[j]!));
    }
  }
  let terms = ranker.rank(weighted, 8);
  if (!terms.length) {
    // A topic of one document: its own heaviest terms.
    // A topic of one document: its own heaviest terms (weight × count: what the article keeps coming back to).
    weighted = units.flatMap((u) => {
      const unit = corpus.units[u]!;
      const counts = new Map(unit.article.terms.map((t, i) => [t, unit.article.counts[i]!]));
      return Array.from(unit.terms, (t, i) => ({ term: t, contribution: unit.weights[i]! * Math.sqrt(counts.get(corpus.vocabulary[t]!) ?? 1) }));
    });
    terms = ranker.rank(weighted, 3);
  }
  // Label: the 【heading】 of the most central member that has one (central = most similar to the rest).
  let label: string | null = null;
  let bestCentrality = -1;
  for (const u of units) {
    const heading = corpus.units[u]!.article.heading;
    if (!heading) continue;
    const centrality = units.reduce((s, v) => (v === u ? s : s + similarity(corpus, u, v)), 0);
    if (centrality > bestCentrality + 1e-9 || (Math.abs(centrality - bestCentrality) <= 1e-9 && label !== null && heading.length < label.length)) {
      label = heading;
      bestCentrality = centrality;
    }
  }
  // One document's two articles with headings of their own (深78【定期检查】, 深80【法律责任】): the topic
  // spans both subjects, and says so where that stays short.
  for (let d = 0; label && d < inputs.length; d++) {
    const headings = [...new Set(units.filter((u) => corpus.units[u]!.doc === d).map((u) => corpus.units[u]!.article.heading).filter((h): h is string => !!h))];
    if (headings.length === 2 && headings[0]!.length + headings[1]!.length + 1 <= MAX_JOINED_LABEL) {
      label = `${headings[0]}与${headings[1]}`;
      break;
    }
  }
  const chapter = units.map((u) => corpus.units[u]!.article.chapter).find((c): c is string => !!c) ?? null;
  if (!label) {
    // Else a noun phrase of the members' own text that holds the shared terms.
    const weights = new Map<string, number>();
    for (const { term, contribution } of weighted) {
      const t = corpus.vocabulary[term]!;
      weights.set(t, (weights.get(t) ?? 0) + contribution);
    }
    const texts = units.map((u) => articleOf(inputs, corpus, u)).map((a) => (a ? articleTermText(a) : ''));
    label = conventionalLabel(texts) ?? nounPhraseLabel(texts, weights, terms, segmenter) ?? chapter ?? terms[0] ?? members[0]!.label;
  }
  const topic: AlignTopic = { label, members, terms };
  if (chapter) topic.chapter = chapter;
  return topic;
}

const BAND: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** Per document without a member of the group: the best candidate of any member there. */
function nearestOf(corpus: Corpus, inputs: AlignInput[], selection: Selection, group: TopicGroup): NearestArticle[] {
  const present = new Set(group.units.map((u) => corpus.units[u]!.doc));
  const out: NearestArticle[] = [];
  for (let d = 0; d < inputs.length; d++) {
    if (present.has(d)) continue;
    let best: { from: number; c: Candidate } | null = null;
    for (const u of group.units) {
      for (const c of selection.candidates[u]![d]!) {
        if (!best || BAND[c.confidence] > BAND[best.c.confidence] || (BAND[c.confidence] === BAND[best.c.confidence] && c.score > best.c.score)) best = { from: u, c };
      }
    }
    if (!best) continue;
    const unit = corpus.units[best.c.unit]!;
    out.push({
      ...keyOf(corpus, inputs, best.c.unit),
      label: unit.article.label,
      heading: unit.article.heading,
      confidence: best.c.confidence,
      score: Math.round(best.c.score * 1000) / 1000,
      from: keyOf(corpus, inputs, best.from),
    });
  }
  return out;
}

/**
 * Aligns the articles of the selected documents (at least two). For every article of every document and
 * every other document: its accepted candidates, ranked (at most `top`), or none; and the topics.
 */
export function alignDocuments(inputs: AlignInput[], options: AlignOptions = {}, segmenter: Segmenter = getSegmenter()): Alignment {
  if (inputs.length < 2) throw fail('bad_request', 'align.need_two');
  const top = Math.min(MAX_TOP, Math.max(1, Math.floor(Number.isFinite(options.top) ? options.top! : DEFAULT_TOP)));
  const seen = new Set<string>();
  for (const input of inputs) {
    if (!input.doc.versions[input.version]) {
      throw fail('not_found', 'align.no_version', { ref: input.ref, version: input.version });
    }
    const id = `${input.doc.id}@${input.version}`;
    if (seen.has(id)) throw fail('bad_request', 'align.selected_twice', { ref: input.ref });
    seen.add(id);
  }

  const known = new Map<string, string | null>();
  const profiles = inputs.map((i) => (profileFits(i.profile, i.doc, i.version) ? i.profile : profileDocument(i.doc, i.version, segmenter, known)));
  const corpus = buildCorpus(profiles);
  const selection = selectCandidates(corpus, top);
  const ranker = new TermRanker(corpus);

  const matches: AlignMatch[] = [];
  // One key object per article, shared by all matches that name it (tens of thousands in a large alignment).
  const keys = corpus.units.map((_, u) => keyOf(corpus, inputs, u));
  selection.candidates.forEach((perDoc, u) => {
    const from = keys[u]!;
    for (const list of perDoc) {
      for (const c of list) {
        const match: AlignMatch = {
          from,
          to: keys[c.unit]!,
          rank: c.rank,
          score: Math.round(c.score * 1000) / 1000,
          terms: ranker.explain(u, c.unit),
        };
        if (c.mutual) match.mutual = true;
        match.confidence = c.confidence;
        matches.push(match);
      }
    }
  });

  const groups = groupTopics(corpus, selection);
  const topics = groups.map((g) => topicOf(corpus, ranker, inputs, g, segmenter));
  groups.forEach((g, i) => {
    const nearest = nearestOf(corpus, inputs, selection, g);
    if (nearest.length) topics[i]!.nearest = nearest;
  });
  const names = documentNames(inputs);

  return {
    docs: inputs.map((i) => i.ref),
    documents: inputs.map((i, k) => {
      const version = i.doc.versions[i.version]!;
      return {
        ref: i.ref,
        doc: i.doc.id,
        version: i.version,
        title: i.doc.title,
        name: names[k]!,
        jurisdiction: jurisdictionOf(i),
        versionLabel: version.label,
        kind: i.doc.kind,
        articles: version.articles.length,
      };
    }),
    matches,
    topics,
  };
}
