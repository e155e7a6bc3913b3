/**
 * Cross-document topic alignment: which article of document B deals with what article N of document A.
 * The JSON shapes here are the `align` contract of CONTRACTS.md (field names must not change; fields may
 * be added).
 */
import type { LegalDocument } from '../model';
import type { DocumentProfile } from './profile';

/** One selected document: `ref` as the user gave it (corpus id, library id or path, optionally @N). */
export interface AlignInput {
  ref: string;
  doc: LegalDocument;
  version: number;
  /** Its term profile (profileDocument), when the caller keeps them: saves segmenting the document again. */
  profile?: DocumentProfile;
  /** The column's display name ("北京 2020", "国家 2017"); made from `meta` and the title when absent (names.ts). */
  name?: string;
  /** What the library knows about the document, for the default name. */
  meta?: DocumentMeta;
}

/** Library metadata a caller may pass along (all optional): the place it applies, its dates, its kind. */
export interface DocumentMeta {
  jurisdiction?: string;
  kind?: string;
  stage?: string;
  dates?: { adopted?: string; amended?: string | string[]; effective?: string; published?: string; drafted?: string };
}

/** An article of one selected document. `doc` is the document id (the REF without @N). */
export interface ArticleKey {
  doc: string;
  version: number;
  /** 第X条 → X (for a policy opinion: the number of its item （X）). */
  article: number;
  /** 第X条之一 → 1; absent for ordinary articles. */
  sub?: number;
}

export interface AlignMatch {
  from: ArticleKey;
  to: ArticleKey;
  /** 1 = best candidate of `from` in `to`'s document. */
  rank: number;
  /** Cosine similarity of the weighted term vectors, 0..1. */
  score: number;
  /** The shared distinctive terms that make the two match, most telling first. */
  terms: string[];
  /** True when `to`'s best candidate in `from`'s document is `from` as well. */
  mutual?: boolean;
  /**
   * How sure the engine is that a reader would take `to` as the counterpart (measured on the reference
   * set): high ≈ 0.99 of them are, medium about half (else mostly a neighbouring provision), low is the
   * best there is, sharing some terms. A rank ≥ 2 is never surer than the rank before it.
   */
  confidence?: Confidence;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface TopicMember extends ArticleKey {
  label: string;
  heading: string | null;
}

export interface AlignTopic {
  /**
   * What the topic is about: the 【heading】 of its most central member where one has one, else a short
   * noun phrase of the members' text that holds their shared terms (融资担保体系), else the chapter title.
   */
  label: string;
  /** Title of the chapter the first member stands in (创业扶持, 融资促进), for grouping rows; absent without chapters. */
  chapter?: string;
  /** Members in the order of the selected documents, then by article. */
  members: TopicMember[];
  /** The distinctive terms the members share (for highlighting). */
  terms: string[];
  /**
   * For each selected document without a member: the best candidate any member has there, with its
   * confidence (a matrix shows it as a guess, e.g. "12？", instead of "—"). Absent where no member has a
   * candidate in that document: then nothing there shares the subject.
   */
  nearest?: NearestArticle[];
}

/** A document's closest article to a topic it has no member in. */
export interface NearestArticle extends ArticleKey {
  label: string;
  heading: string | null;
  confidence: Confidence;
  score: number;
  /** The member whose candidate it is. */
  from: ArticleKey;
}

export interface AlignDocSummary {
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** Short column name, unique within the alignment: "浙江 2023", "深圳", "国家 2017". */
  name: string;
  /** The jurisdiction, short ("浙江", "深圳", "国家"); '' where neither metadata nor title names one. */
  jurisdiction: string;
  versionLabel: string | null;
  /** As the parser classified it: an 'opinion' has numbered items （一） instead of 条. */
  kind: LegalDocument['kind'];
  articles: number;
}

export interface Alignment {
  /** The REFs as given, in order. */
  docs: string[];
  /** Per selected document: its id, version and title (same order as `docs`). */
  documents: AlignDocSummary[];
  matches: AlignMatch[];
  topics: AlignTopic[];
}

export interface AlignOptions {
  /** Candidates per (article, other document); default 3. */
  top?: number;
}
