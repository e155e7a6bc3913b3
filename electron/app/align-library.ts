/**
 * Alignment at library scale: "其他地方怎么规定" (an article's counterparts in every other jurisdiction's
 * regulation on the same subject) and "同类法规" (the regulations of other jurisdictions on the same
 * subject as a document).
 *
 * Every document of the library has a term profile (engine/align/profile.ts), kept on disk per document
 * fingerprint (services/align-cache.ts) and in memory; the library index (engine/align/similar.ts) is built
 * from their light parts and rebuilt when the library changes (its onChange, and a look at the library's
 * fingerprints before answering, for changes made by another process). A question then costs one
 * shortlist over the index and one findCounterparts over the shortlisted documents' cached profiles.
 *
 * The shortlist is a function (`Shortlister`) so that another one — the search index's — can replace the
 * document similarity without touching the rest.
 *
 * The first time a library is seen, its documents are profiled in the background (warmUp), yielding to
 * other calls between documents; a question asked meanwhile waits a while for it, then answers from the
 * documents profiled so far and says so (`library.partial`).
 */
import {
  buildLibraryIndex,
  findCounterparts,
  jurisdictionOf,
  nameYear,
  profileDocument,
  shortJurisdiction,
  shortName,
  similarDocuments,
  titleJurisdiction,
  type AlignInput,
  type DocumentMeta,
  type DocumentProfile,
  type LibraryIndex,
  type SimilarDocument,
} from '../engine/align';
import { cite, clip, fail, findArticle, say, type Article, type LegalDocument } from '../engine/model';
import { getSegmenter } from '../engine/segment';
import { AlignCache, catalogKey, lightOf, type CatalogEntry } from '../services/align-cache';
import type { DocumentSummary } from '../services/types';
import { Recent, type DocumentLibrary, type Documents, type LoadedVersion } from './documents';
import { checkStopped, type Job } from './job';
import type { Counterparts, LibraryScope, SimilarDocuments } from './types';

/** Kinds of national texts: a document of these kinds without a recorded place is the 国家 column. */
const NATIONAL_KINDS = new Set(['法律', '行政法规', '司法解释', '部门规章', '国务院文件']);

/** The library metadata an alignment names its columns from (浙江 2023, 北京 2020, 国家 2017). */
export function alignMeta(summary: { jurisdiction: string; kind: string; stage: string; dates: object }): DocumentMeta {
  const jurisdiction = summary.jurisdiction?.trim() || (NATIONAL_KINDS.has(summary.kind) ? '国家' : '');
  const meta: DocumentMeta = { kind: summary.kind, stage: summary.stage, dates: { ...(summary.dates as DocumentMeta['dates']) } };
  if (jurisdiction) meta.jurisdiction = jurisdiction;
  return meta;
}

/** The library's label of a document version (标题（2019年修订）), when it differs from the title. */
function labelOf(summary: Pick<DocumentSummary, 'label' | 'title'>): string | undefined {
  const label = summary.label;
  return typeof label === 'string' && label.trim() && label !== summary.title ? label : undefined;
}

/**
 * What this module reads of a document without parsing it. `work` (the same for every version of one
 * law), `label` (what tells the versions apart), `versionDate` and `supersedes` (the version it follows)
 * come from the library when it knows them; they are read afresh on every rebuild, since they change when
 * another version of the law comes or goes while this document's own fingerprint stays the same.
 */
interface LibraryEntry {
  id: string;
  fingerprint: string;
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: Record<string, string | string[]>;
  work?: string;
  label?: string;
  versionDate?: string;
  supersedes?: string;
}

/** The library index and what it was built from. */
export interface LibraryIndexState {
  index: LibraryIndex;
  /** The indexed documents, in the index's order. */
  entries: CatalogEntry[];
  byRef: Map<string, CatalogEntry>;
  /** Documents in the library (the index leaves out superseded versions and older editions). */
  documents: number;
  /** Present while the library is still being profiled: the index covers `done` of `total` new documents. */
  partial?: { done: number; total: number };
}

/** A question for a shortlist: the documents most likely to hold counterparts of `profile`'s articles. */
export interface ShortlistQuery {
  ref: string;
  doc: string;
  version: number;
  profile: DocumentProfile;
  /** Short jurisdiction of the asking document ('' when unknown). */
  jurisdiction: string;
  /** The asking document's work (its other versions are not "another jurisdiction's regulation"). */
  work: string;
  limit: number;
  sameJurisdiction?: boolean;
}

/** Picks the documents to look in; the default is the library's document similarity (similarShortlist). */
export type Shortlister = (state: LibraryIndexState, query: ShortlistQuery) => SimilarDocument[];

/**
 * Which documents count as on the same subject (document similarity, engine/align/similar.ts): those
 * scoring at least SAME_SUBJECT_RATIO of the best one (a library of 文明行为 texts scores higher than one
 * of SME laws) and at least SAME_SUBJECT_MIN, or whose titles name much the same subject (促进中小企业发展 /
 * 中小企业促进, SUBJECT_ALIKE). Measured on the shared corpus (2,000 texts): the regulations of one subject
 * score 0.35–0.8, the next subjects (民营经济, 人才发展 beside SME laws) 0.2–0.4, the rest below 0.2.
 */
export const SAME_SUBJECT_MIN = 0.25;
export const SAME_SUBJECT_RATIO = 0.5;
export const SUBJECT_ALIKE = 0.35;
/**
 * A library of a few dozen documents weighs terms by too few documents (every SME text shares every SME
 * term): scores are low and close together, so only the share of the best one counts there.
 */
export const SMALL_LIBRARY = 40;
export const SMALL_LIBRARY_RATIO = 0.3;
const SMALL_LIBRARY_MIN = 0.05;
/** Shortlisted documents for counterparts, and listed for 同类法规, by default. */
export const DEFAULT_SHORTLIST = 30;
export const MAX_SHORTLIST = 100;
/** How long a question waits for a first profiling of the library before answering from what is done. */
export const PARTIAL_WAIT_MS = 15_000;
/** Between two looks at the library's fingerprints (another process may have imported meanwhile). */
const CHECK_INTERVAL_MS = 2_000;
/** Profiling yields to other calls this often. */
const SLICE_MS = 30;

/** Title without a trailing edition note: 某某条例（2019年修订） → 某某条例. */
const editionless = (title: string) => title.replace(/[（(][^（）()]*[)）]\s*$/u, '').trim();

/** One law's versions share this key: the library's `work` when it says, else place and title. */
function workKey(e: Pick<CatalogEntry, 'id' | 'title' | 'jurisdiction' | 'work'>): string {
  if (e.work) return `w:${e.work}`;
  const place = shortJurisdiction(e.jurisdiction) || titleJurisdiction(e.title);
  return `t:${place}|${editionless(e.title)}`;
}

const refOf = (id: string, version: number) => (version > 0 ? `${id}@${version}` : id);
const idOf = (ref: string) => ref.replace(/@\d+$/, '');

/** The default shortlist: the library's most similar documents of other jurisdictions, those on the same subject. */
export const similarShortlist: Shortlister = (state, q) => {
  const sameWork = state.entries.filter((e) => workKey(e) === q.work).map((e) => refOf(e.id, e.version));
  const small = state.index.entries.length < SMALL_LIBRARY;
  const floor = small ? SMALL_LIBRARY_MIN : SAME_SUBJECT_MIN;
  const raw = similarDocuments(state.index, q.profile, { limit: q.limit * 2 + 10, sameJurisdiction: q.sameJurisdiction === true, exclude: sameWork, minScore: floor }, q.jurisdiction);
  const best = raw[0]?.score ?? 0;
  const cut = small ? Math.max(floor, SMALL_LIBRARY_RATIO * best) : Math.max(floor, SAME_SUBJECT_RATIO * best);
  return raw.filter((s) => s.score >= cut || (!small && s.subjectScore >= SUBJECT_ALIKE)).slice(0, q.limit);
};

function limitOf(value: unknown, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SHORTLIST) throw fail('bad_request', 'api.int_range', { field: 'limit', min: 1, max: MAX_SHORTLIST });
  return value;
}

/** An article of a document named by REF. */
export interface ArticlePlace {
  ref: unknown;
  article: unknown;
  sub?: unknown;
}

/** The article a place names, or the catalogue's error. */
export function articleIn(loaded: LoadedVersion & { ref: string }, article: unknown, sub?: unknown): Article {
  if (typeof article !== 'number' || !Number.isInteger(article)) throw fail('bad_request', 'api.missing_article');
  const s = typeof sub === 'number' && sub > 0 ? sub : undefined;
  const found = findArticle(loaded.document.versions[loaded.version]!, article, s);
  if (!found) throw fail('not_found', 'compare.no_article', { ref: loaded.ref, label: cite({ article, ...(s ? { sub: s } : {}) }) });
  return found;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface LibraryAlignOptions {
  /** Profiles on disk (default: under the library's home; none without a home). */
  cache?: AlignCache | null;
  shortlist?: Shortlister;
  /** How long a question waits for a first profiling (tests shorten it). */
  partialWaitMs?: number;
}

export function createLibraryAlign(documents: Documents, library: DocumentLibrary, options: LibraryAlignOptions = {}) {
  const cache = options.cache !== undefined ? options.cache : library.home ? new AlignCache({ home: library.home }) : null;
  const shortlister = options.shortlist ?? similarShortlist;
  const partialWait = options.partialWaitMs ?? PARTIAL_WAIT_MS;
  /** Token → term, shared by every profile this process makes. */
  const known = new Map<string, string | null>();
  const profiles = new Recent<DocumentProfile>(256);

  let catalog: Map<string, CatalogEntry> | null = null;
  let state: LibraryIndexState | null = null;
  /** The library's documents and fingerprints the index was built on. */
  let builtOn: string | null = null;
  let checkedAt = 0;
  let changed = true;
  let refreshing: Promise<LibraryIndexState> | null = null;
  let progress = { done: 0, total: 0 };
  let partial: { key: string; state: LibraryIndexState } | null = null;
  /** Documents that could not be profiled in this state (not tried again until they change). */
  const failed = new Set<string>();
  const listeners = new Set<(p: { done: number; total: number }) => void>();

  library.onChange?.(() => {
    changed = true;
  });

  function entries(): LibraryEntry[] {
    const list: Array<Omit<LibraryEntry, 'dates' | 'fingerprint'> & { dates: object; fingerprint?: string }> = library.documentEntries ? library.documentEntries() : library.list();
    return list.map((e) => {
      const entry: LibraryEntry = { id: e.id, fingerprint: e.fingerprint ?? '', title: e.title, jurisdiction: e.jurisdiction, kind: e.kind, stage: e.stage, dates: { ...(e.dates as Record<string, string>) } };
      if (e.work) entry.work = e.work;
      if (e.label) entry.label = e.label;
      if (e.versionDate) entry.versionDate = e.versionDate;
      if (e.supersedes) entry.supersedes = e.supersedes;
      return entry;
    });
  }

  const stateKey = (list: LibraryEntry[]) => list.map((e) => catalogKey(e.id, e.fingerprint)).join('\u0000');

  /** A document version's full profile: memory, else the disk cache, else made (and kept). */
  function profileOf(id: string, version: number, fingerprint: string | undefined, document: LegalDocument): DocumentProfile {
    const key = `${id}@${version}#${fingerprint ?? ''}`;
    const hit = fingerprint ? profiles.get(key) : undefined;
    if (hit) return hit;
    let profile = fingerprint && cache ? cache.loadProfile(id, version, fingerprint) : null;
    if (!profile || profile.articles.length !== (document.versions[version]?.articles.length ?? -1)) {
      profile = profileDocument(document, version, getSegmenter(), known);
      // A document read from a file (the CLI) has no fingerprint: nothing to key a cached copy by.
      if (fingerprint && cache) cache.saveProfile(fingerprint, profile);
    }
    if (fingerprint) profiles.set(key, profile);
    return profile;
  }

  function catalogEntryOf(e: LibraryEntry): CatalogEntry {
    const loaded = documents.get(e.id);
    const versions = loaded.document.versions.length;
    const version = Math.max(0, versions - 1);
    const profile = profileOf(e.id, version, e.fingerprint, loaded.document);
    const summary = loaded.summary;
    const entry: CatalogEntry = {
      id: e.id,
      fingerprint: e.fingerprint,
      version,
      versions,
      title: summary.title || loaded.document.title,
      jurisdiction: e.jurisdiction,
      kind: e.kind,
      stage: e.stage,
      dates: e.dates,
      light: lightOf(profile),
    };
    if (summary.supersedes) entry.supersedes = summary.supersedes;
    if (summary.work) entry.work = summary.work;
    const label = labelOf(summary);
    if (label) entry.label = label;
    if (summary.versionDate) entry.versionDate = summary.versionDate;
    return entry;
  }

  /**
   * The index over the current texts: a version another document supersedes (a draft the enacted text
   * replaced) is left out, and of several editions of one law only the latest is kept.
   */
  function buildState(list: LibraryEntry[], cached: CatalogEntry[], partialProgress?: { done: number; total: number }): LibraryIndexState {
    // What the library says now about versions of one law wins over what the catalog recorded.
    const fromLibrary = new Map(list.map((e) => [e.id, e]));
    const known = cached.map((c) => {
      const e = fromLibrary.get(c.id);
      if (!e || (e.work === undefined && e.supersedes === undefined && e.label === undefined && e.versionDate === undefined)) return c;
      const fresh: CatalogEntry = { ...c };
      for (const key of ['work', 'label', 'versionDate', 'supersedes'] as const) {
        const value = key === 'label' ? (e.label && e.label !== c.title ? e.label : undefined) : e[key];
        if (value) fresh[key] = value;
        else delete fresh[key];
      }
      return fresh;
    });
    const superseded = new Set(known.filter((c) => c.supersedes).map((c) => idOf(c.supersedes!)));
    const latest = new Map<string, CatalogEntry>();
    const year = (c: CatalogEntry) => c.versionDate ?? (nameYear({ title: c.title, dates: c.dates as DocumentMeta['dates'] & object }) || '0000');
    for (const c of known) {
      if (superseded.has(c.id) || c.light.articles === 0) continue;
      const k = workKey(c);
      const before = latest.get(k);
      if (!before || year(c) >= year(before)) latest.set(k, c);
    }
    const kept = known.filter((c) => latest.get(workKey(c)) === c);
    const index = buildLibraryIndex(
      kept.map((c) => {
        const meta = alignMeta(c);
        const profile: DocumentProfile = {
          schema: 0,
          doc: c.id,
          version: c.version,
          title: c.title,
          subject: c.light.subject,
          subjectTerms: c.light.subjectTerms,
          articles: [],
          summary: c.light.summary,
        };
        return { ref: refOf(c.id, c.version), profile, name: shortName({ title: c.title, ...(meta.jurisdiction ? { jurisdiction: meta.jurisdiction } : {}), dates: c.dates as DocumentMeta['dates'] & object }), meta };
      }),
    );
    const s: LibraryIndexState = { index, entries: kept, byRef: new Map(kept.map((c) => [refOf(c.id, c.version), c])), documents: list.length };
    if (partialProgress) s.partial = partialProgress;
    return s;
  }

  /** Profiles what is missing, then builds the index (one run at a time; callers share it). */
  function refresh(): Promise<LibraryIndexState> {
    if (refreshing) return refreshing;
    const run = rebuild();
    refreshing = run;
    // Cleared once settled (a run with nothing to profile settles without ever yielding).
    const clear = () => {
      if (refreshing === run) refreshing = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** One run of refresh(): profile what is missing (yielding now and then), write the catalog, build the index. */
  async function rebuild(): Promise<LibraryIndexState> {
    changed = false;
    const list = entries();
    const key = stateKey(list);
    catalog ??= cache ? cache.readCatalog() : new Map();
    const before = catalog.size;
    const missing = list.filter((e) => !catalog!.has(catalogKey(e.id, e.fingerprint)) && !failed.has(catalogKey(e.id, e.fingerprint)));
    progress = { done: 0, total: missing.length };
    let slice = performance.now();
    for (const e of missing) {
      try {
        catalog.set(catalogKey(e.id, e.fingerprint), catalogEntryOf(e));
      } catch (err) {
        // A document that does not parse any more is left out of the index, not fatal for the others.
        failed.add(catalogKey(e.id, e.fingerprint));
        process.stderr.write(`duizhao: ${say('align.profile_failed', { id: e.id, detail: err instanceof Error ? err.message : String(err) })}\n`);
      }
      progress = { done: progress.done + 1, total: progress.total };
      for (const l of listeners) l(progress);
      if (performance.now() - slice > SLICE_MS) {
        await pause();
        slice = performance.now();
      }
    }
    const current = list.map((e) => catalog!.get(catalogKey(e.id, e.fingerprint))).filter((c): c is CatalogEntry => !!c);
    const stale = before + missing.length !== current.length || catalog.size !== current.length;
    catalog = new Map(current.map((c) => [catalogKey(c.id, c.fingerprint), c]));
    if (cache && (missing.length > 0 || stale)) {
      cache.writeCatalog(current);
      const keep = new Set<string>();
      for (const c of current) for (let v = 0; v < c.versions; v++) keep.add(cache.profileFile(c.id, v, c.fingerprint));
      cache.sweep(keep);
    }
    state = buildState(list, current);
    builtOn = key;
    checkedAt = Date.now();
    partial = null;
    return state;
  }

  /** True when the index answers for the library as it is now (looked at every few seconds at most). */
  function fresh(): boolean {
    if (!state || changed) return false;
    if (Date.now() - checkedAt < CHECK_INTERVAL_MS) return true;
    const now = stateKey(entries());
    checkedAt = Date.now();
    return now === builtOn;
  }

  /** The index for a question: current, or after a wait for the profiling, or from what is profiled so far. */
  async function ready(job?: Job): Promise<LibraryIndexState> {
    checkStopped(job);
    if (fresh()) return state!;
    const run = refresh();
    const report = (p: { done: number; total: number }) => {
      if (p.total > 0 && (p.done === p.total || p.done % 10 === 0)) job?.onProgress?.({ stage: 'align', message: say('progress.align_library', p), done: p.done, total: p.total });
    };
    listeners.add(report);
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const outcome = await Promise.race([
        run,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), partialWait);
        }),
        new Promise<null>((resolve) => {
          onAbort = () => resolve(null);
          job?.signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      checkStopped(job);
      if (outcome) return outcome;
    } finally {
      listeners.delete(report);
      clearTimeout(timer);
      if (onAbort) job?.signal?.removeEventListener('abort', onAbort);
    }
    // Still profiling a large library: answer from the documents profiled so far, and say how far it is.
    const list = entries();
    const have = list.map((e) => catalog?.get(catalogKey(e.id, e.fingerprint))).filter((c): c is CatalogEntry => !!c);
    const key = `${stateKey(list)}\u0001${have.length}`;
    if (partial?.key !== key) partial = { key, state: buildState(list, have, { ...progress }) };
    return partial.state;
  }

  function scopeOf(s: LibraryIndexState, shortlisted: number): LibraryScope {
    const scope: LibraryScope = { documents: s.documents, indexed: s.entries.length, shortlisted };
    if (s.partial) scope.partial = s.partial;
    return scope;
  }

  function shortlistFor(s: LibraryIndexState, own: LoadedVersion & { ref: string }, limit: number, sameJurisdiction = false) {
    const profile = profileOf(own.document.id, own.version, own.summary.fingerprint, own.document);
    const meta = alignMeta(own.summary);
    const jurisdiction = jurisdictionOf({ doc: own.document, meta });
    const summary = own.summary;
    const work = workKey({ id: own.document.id, title: summary.title || own.document.title, jurisdiction: meta.jurisdiction ?? '', ...(summary.work ? { work: summary.work } : {}) });
    const list = shortlister(s, { ref: own.ref, doc: own.document.id, version: own.version, profile, jurisdiction, work, limit, sameJurisdiction });
    return { profile, meta, jurisdiction, list };
  }

  function inputOf(loaded: LoadedVersion & { ref: string }): AlignInput {
    return {
      ref: loaded.ref,
      doc: loaded.document,
      version: loaded.version,
      profile: profileOf(loaded.document.id, loaded.version, loaded.summary.fingerprint, loaded.document),
      meta: alignMeta(loaded.summary),
    };
  }

  return {
    /** Profiles the library's documents and builds the index ahead of the first question. */
    warmUp(): Promise<void> {
      return refresh().then(() => undefined);
    },

    /** Where the index stands (tests, diagnostics). */
    status(): { documents: number; indexed: number; profiling: boolean; progress: { done: number; total: number }; cached: number } {
      return { documents: state?.documents ?? 0, indexed: state?.entries.length ?? 0, profiling: refreshing !== null, progress: { ...progress }, cached: catalog?.size ?? 0 };
    },

    /** The index as a question would use it (the benchmark and other shortlists). */
    index: ready,

    /** 同类法规: the regulations of other jurisdictions on the same subject as `ref`, most similar first. */
    async similar(req: { ref: unknown; limit?: unknown; sameJurisdiction?: unknown }, job?: Job): Promise<SimilarDocuments> {
      const own = documents.get(req.ref);
      const limit = limitOf(req.limit, 20);
      const s = await ready(job);
      const { meta, jurisdiction, list } = shortlistFor(s, own, limit, req.sameJurisdiction === true);
      const title = own.summary.title || own.document.title;
      return {
        ref: own.ref,
        title,
        name: shortName({ title, ...(meta.jurisdiction ? { jurisdiction: meta.jurisdiction } : {}), dates: meta.dates ?? {} }),
        jurisdiction,
        docs: list.map((d) => {
          const c = s.byRef.get(d.ref);
          return {
            ...d,
            ...(c?.label ? { label: c.label } : {}),
            name: d.name ?? d.title,
            kind: c?.kind ?? '',
            stage: c?.stage ?? '',
            dates: { ...(c?.dates ?? {}) },
            articles: c?.light.articles ?? 0,
          };
        }),
        library: scopeOf(s, list.length),
      };
    },

    /**
     * 其他地方怎么规定: the counterparts of one article in every other jurisdiction's regulation on the
     * same subject, best first, with the redline against each one that is at least a medium match.
     */
    async counterparts(place: ArticlePlace & { limit?: unknown }, top: number, job?: Job): Promise<Counterparts> {
      const own = documents.get(place.ref);
      const article = articleIn(own, place.article, place.sub);
      const limit = limitOf(place.limit, DEFAULT_SHORTLIST);
      const s = await ready(job);
      const { list } = shortlistFor(s, own, limit);
      checkStopped(job);
      const byRef = new Map(list.map((d) => [d.ref, d]));
      const shortlist = list.map((d) => inputOf(documents.get(d.ref)));
      const result = findCounterparts({ source: inputOf(own), article: article.number, ...(article.sub ? { sub: article.sub } : {}), shortlist }, { top, diff: 'best' });
      const response: Counterparts = {
        ref: own.ref,
        article: result.article,
        label: result.label,
        heading: result.heading,
        scope: 'library',
        name: result.name,
        text: result.text,
        docs: result.docs.map((d) => {
          const loaded = shortlist.find((x) => x.ref === d.ref)!;
          const similar = byRef.get(d.ref);
          const label = labelOf(documents.get(d.ref).summary);
          return {
            ref: d.ref,
            title: d.title,
            ...(label ? { label } : {}),
            versionLabel: loaded.doc.versions.length > 1 ? (loaded.doc.versions[loaded.version]?.label ?? null) : null,
            name: d.name,
            jurisdiction: d.jurisdiction,
            ...(similar ? { similarity: similar.score } : {}),
            matches: d.counterparts.map((c) => ({
              article: c.article,
              ...(c.sub ? { sub: c.sub } : {}),
              label: c.label,
              heading: c.heading,
              rank: c.rank,
              score: c.score,
              terms: c.terms,
              mutual: c.mutual,
              confidence: c.confidence,
              snippet: clip(c.text.replace(/\n/g, ' '), 80),
              text: c.text,
              ...(c.diff ? { diff: c.diff } : {}),
            })),
          };
        }),
        library: scopeOf(s, list.length),
      };
      if (result.sub) response.sub = result.sub;
      return response;
    },
  };
}

export type LibraryAlignUseCase = ReturnType<typeof createLibraryAlign>;
