/**
 * "同类法规": which documents of a library regulate the same subject as a given one. Two signals, both
 * from the documents' profiles (profile.ts), so that a library of thousands answers from cached data:
 *   subject  the title's subject (广东省促进中小企业发展条例 → 促进中小企业发展), idf-weighted over the titles
 *            of the library: 优化营商环境 meets 优化营商环境, 中小企业促进 meets 促进中小企业发展;
 *   content  the document's heaviest terms, tf-idf over the library's documents: what the text keeps
 *            talking about (融资担保, 政府采购, 专精特新 for an SME regulation).
 * score = SUBJECT_SHARE × subject + (1 − SUBJECT_SHARE) × content, both cosines in 0..1.
 *
 * buildLibraryIndex is the one pass over all profiles (term postings); similarDocuments then touches only
 * the documents sharing a term with the query. The index is plain data made from the profiles: rebuild it
 * when the library changes (or keep it and rebuild on a changed fingerprint).
 */
import { shortJurisdiction, titleJurisdiction } from './names';
import type { DocumentProfile } from './profile';
import type { DocumentMeta } from './types';

export interface LibraryDocument {
  ref: string;
  profile: DocumentProfile;
  /** Display name ("北京 2020"); the caller's, when it has one. */
  name?: string;
  meta?: DocumentMeta;
}

interface Vector {
  terms: Int32Array;
  weights: Float64Array;
}

export interface LibraryIndex {
  entries: Array<{ ref: string; doc: string; version: number; title: string; name: string | null; jurisdiction: string; subject: string }>;
  vocabulary: string[];
  /** Per entry: its normalised content and subject vectors (term ids ascending). */
  content: Vector[];
  subject: Vector[];
  /** Document frequencies over the entries, for weighting a query that is not in the index. */
  contentDf: Int32Array;
  subjectDf: Int32Array;
  /** Postings: for term t, the entries (and weights) whose content / subject vector holds it. */
  contentPostings: Postings;
  subjectPostings: Postings;
}

/** Term → (entry, weight) in compressed rows: term t's entries are at start[t] .. start[t+1]. */
export interface Postings {
  start: Int32Array;
  entry: Int32Array;
  weight: Float64Array;
}

/** Share of the title subject in the combined score. */
export const SUBJECT_SHARE = 0.35;
/** Subjects at least this alike are "the same subject" (sameSubject). */
const SAME_SUBJECT = 0.6;

function idf(n: number, df: number): number {
  return Math.log((n + 1) / (df + 0.5));
}

/** Packs a term id and its position into one number, so that a plain numeric sort orders both. */
const PACK = 4096;

function vectorOf(ids: number[], raw: number[], df: Int32Array, n: number): Vector {
  const packed = new Float64Array(Math.min(ids.length, PACK));
  for (let k = 0; k < packed.length; k++) packed[k] = ids[k]! * PACK + k;
  packed.sort();
  const terms = new Int32Array(packed.length);
  const weights = new Float64Array(packed.length);
  let norm = 0;
  for (let i = 0; i < packed.length; i++) {
    const k = packed[i]! % PACK;
    const t = (packed[i]! - k) / PACK;
    terms[i] = t;
    const w = raw[k]! * idf(n, df[t] ?? 0);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
  return { terms, weights };
}

/** The index over a library's document profiles. */
export function buildLibraryIndex(documents: LibraryDocument[]): LibraryIndex {
  const vocabulary: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (t: string) => {
    let id = ids.get(t);
    if (id === undefined) {
      id = vocabulary.length;
      ids.set(t, id);
      vocabulary.push(t);
    }
    return id;
  };
  const contentIds = documents.map((d) => d.profile.summary.terms.map(idOf));
  const subjectIds = documents.map((d) => [...new Set(d.profile.subjectTerms)].map(idOf));
  const contentDf = new Int32Array(vocabulary.length);
  const subjectDf = new Int32Array(vocabulary.length);
  for (const list of contentIds) for (const t of list) contentDf[t]!++;
  for (const list of subjectIds) for (const t of list) subjectDf[t]!++;
  const n = documents.length;
  // Content: sublinear counts (a term said 40 times is not 40 times the subject), then idf.
  const content = documents.map((d, i) => vectorOf(contentIds[i]!, d.profile.summary.counts.map((c) => 1 + Math.log(c)), contentDf, n));
  const subject = documents.map((_, i) => vectorOf(subjectIds[i]!, subjectIds[i]!.map(() => 1), subjectDf, n));
  const postings = (vectors: Vector[]): Postings => {
    const start = new Int32Array(vocabulary.length + 1);
    for (const v of vectors) for (const t of v.terms) start[t + 1]!++;
    for (let t = 0; t < vocabulary.length; t++) start[t + 1]! += start[t]!;
    const fill = start.slice(0, vocabulary.length);
    const entry = new Int32Array(start[vocabulary.length]!);
    const weight = new Float64Array(entry.length);
    vectors.forEach((v, e) => {
      for (let k = 0; k < v.terms.length; k++) {
        const at = fill[v.terms[k]!]!++;
        entry[at] = e;
        weight[at] = v.weights[k]!;
      }
    });
    return { start, entry, weight };
  };
  return {
    entries: documents.map((d) => ({
      ref: d.ref,
      doc: d.profile.doc,
      version: d.profile.version,
      title: d.profile.title,
      name: d.name ?? null,
      jurisdiction: (d.meta?.jurisdiction ? shortJurisdiction(d.meta.jurisdiction) : '') || titleJurisdiction(d.profile.title),
      subject: d.profile.subject,
    })),
    vocabulary,
    content,
    subject,
    contentDf,
    subjectDf,
    contentPostings: postings(content),
    subjectPostings: postings(subject),
  };
}

export interface SimilarOptions {
  /** At most this many (default 20). */
  limit?: number;
  /** Include documents of the query's own jurisdiction (default false: "other jurisdictions"). */
  sameJurisdiction?: boolean;
  /** Leave these REFs out (e.g. other versions of the same law). */
  exclude?: string[];
  /** Nothing below this combined score (default 0.05). */
  minScore?: number;
}

export interface SimilarDocument {
  ref: string;
  doc: string;
  version: number;
  title: string;
  name: string | null;
  jurisdiction: string;
  subject: string;
  /** Combined similarity 0..1, and its two parts. */
  score: number;
  subjectScore: number;
  contentScore: number;
  /** The titles name the same subject (优化营商环境 / 优化营商环境). */
  sameSubject: boolean;
  /** The heavy terms both documents share, most telling first. */
  terms: string[];
}

/** The query as vectors in the index's vocabulary: the entry's own when it is in the index. */
function queryVectors(index: LibraryIndex, query: DocumentProfile): { content: Vector; subject: Vector; entry: number } {
  const entry = index.entries.findIndex((e) => e.doc === query.doc && e.version === query.version);
  if (entry >= 0) return { content: index.content[entry]!, subject: index.subject[entry]!, entry };
  const n = index.entries.length;
  const vocab = new Map(index.vocabulary.map((t, i) => [t, i]));
  const known = (terms: string[], raw: number[]) => {
    const ids: number[] = [];
    const weights: number[] = [];
    terms.forEach((t, i) => {
      const id = vocab.get(t);
      if (id !== undefined) {
        ids.push(id);
        weights.push(raw[i]!);
      }
    });
    return { ids, weights };
  };
  const c = known(query.summary.terms, query.summary.counts.map((x) => 1 + Math.log(x)));
  const subjectTerms = [...new Set(query.subjectTerms)];
  const s = known(subjectTerms, subjectTerms.map(() => 1));
  return { content: vectorOf(c.ids, c.weights, index.contentDf, n), subject: vectorOf(s.ids, s.weights, index.subjectDf, n), entry: -1 };
}

function accumulate(vector: Vector, postings: Postings, into: Float64Array): void {
  const { start, entry, weight } = postings;
  for (let k = 0; k < vector.terms.length; k++) {
    const w = vector.weights[k]!;
    const t = vector.terms[k]!;
    for (let p = start[t]!, end = start[t + 1]!; p < end; p++) into[entry[p]!]! += w * weight[p]!;
  }
}

/** The library's documents most like `query` (a profile; in the index or not), best first. */
export function similarDocuments(index: LibraryIndex, query: DocumentProfile, options: SimilarOptions = {}, queryJurisdiction?: string): SimilarDocument[] {
  const limit = Math.max(1, options.limit ?? 20);
  const minScore = options.minScore ?? 0.05;
  const exclude = new Set(options.exclude ?? []);
  const { content, subject, entry } = queryVectors(index, query);
  const n = index.entries.length;
  const contentScores = new Float64Array(n);
  const subjectScores = new Float64Array(n);
  accumulate(content, index.contentPostings, contentScores);
  accumulate(subject, index.subjectPostings, subjectScores);
  const own = queryJurisdiction ?? (entry >= 0 ? index.entries[entry]!.jurisdiction : titleJurisdiction(query.title));
  const picked: Array<[number, number]> = [];
  for (let e = 0; e < n; e++) {
    if (e === entry) continue;
    const info = index.entries[e]!;
    if (info.doc === query.doc) continue;
    if (exclude.has(info.ref)) continue;
    if (!options.sameJurisdiction && own && info.jurisdiction === own) continue;
    const score = SUBJECT_SHARE * Math.min(1, subjectScores[e]!) + (1 - SUBJECT_SHARE) * Math.min(1, contentScores[e]!);
    if (score >= minScore) picked.push([e, score]);
  }
  picked.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return picked.slice(0, limit).map(([e, score]) => {
    const info = index.entries[e]!;
    const other = index.content[e]!;
    // Shared heavy terms: the products of the two content weights.
    const shared: Array<[string, number]> = [];
    let i = 0;
    let j = 0;
    while (i < content.terms.length && j < other.terms.length) {
      const a = content.terms[i]!;
      const b = other.terms[j]!;
      if (a === b) shared.push([index.vocabulary[a]!, content.weights[i++]! * other.weights[j++]!]);
      else if (a < b) i++;
      else j++;
    }
    shared.sort((x, y) => y[1] - x[1]);
    // Search-mode fragments (场主 of 市场主体, 合体 of 联合体) are shown as the whole term only.
    const whole = shared.filter(([t]) => !shared.some(([u]) => u !== t && u.length > t.length && u.includes(t)));
    const round = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;
    return {
      ref: info.ref,
      doc: info.doc,
      version: info.version,
      title: info.title,
      name: info.name,
      jurisdiction: info.jurisdiction,
      subject: info.subject,
      score: round(score),
      subjectScore: round(subjectScores[e]!),
      contentScore: round(contentScores[e]!),
      sameSubject: subjectScores[e]! >= SAME_SUBJECT,
      terms: whole.slice(0, 6).map(([t]) => t),
    };
  });
}
