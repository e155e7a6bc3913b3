/**
 * How the page names the library's documents where a person reads them — pickers, lists, search hits,
 * chips, headings: by the library's label (标题（2019年修订）, which tells versions of one law apart), never
 * by id; a version inside a multi-version document (a 对照稿's 修订草案) by its own label first. And what a
 * picker offers: one choice per version, found by any word of its name, place, kind or year.
 */
import type { DocumentSummary } from '../electron/api/contract';
import { kindLabel, stageLabel } from './format';

/** The document's name: its label (标题（2019年修订）), else its title. */
export function docName(d: Pick<DocumentSummary, 'label' | 'title'>): string {
  return d.label || d.title;
}

/** The name of version `version` of a document: "修订草案 · 标题（2020年）" inside a multi-version document. */
export function docVersionName(d: DocumentSummary, version: number | null): string {
  if (version === null || d.versions <= 1) return docName(d);
  return `${d.versionLabels[version] ?? `版本 ${version + 1}`} · ${docName(d)}`;
}

/** The year a document stands at: its version date, else the latest of its dates. */
export function yearOf(d: Pick<DocumentSummary, 'versionDate' | 'dates'>): string | null {
  const dates = d.dates;
  const amended = dates.amended ?? [];
  const latest = d.versionDate ?? amended.at(-1) ?? dates.adopted ?? dates.published ?? dates.effective ?? dates.drafted;
  const m = latest ? /^(\d{4})/.exec(latest) : null;
  return m ? m[1]! : null;
}

/** What a picker offers: a document, or one version of a multi-version document. */
export interface DocChoice {
  /** The REF it stands for: `id` for a one-version document, `id@N` for a version. */
  ref: string;
  doc: DocumentSummary;
  /** The version inside a multi-version document, or null (the document as a whole). */
  version: number | null;
  /** What a person reads: the label, with the version's own label first. */
  name: string;
  /** The smaller line under the name: place · kind · stage · year. */
  detail: string;
  /** Lower-cased text a query is matched against. */
  haystack: string;
}

function detailOf(d: DocumentSummary): string {
  return [d.jurisdiction, kindLabel(d.kind), stageLabel(d.stage), yearOf(d) ? `${yearOf(d)}年` : ''].filter(Boolean).join(' · ');
}

/**
 * The choices for a picker, in the library's order. `whole`: a multi-version document is offered as a
 * whole too (the search filter), before its versions.
 */
export function choicesOf(documents: DocumentSummary[], { whole = false }: { whole?: boolean } = {}): DocChoice[] {
  const out: DocChoice[] = [];
  for (const d of documents) {
    const detail = detailOf(d);
    const base = [d.label, d.title, d.jurisdiction, kindLabel(d.kind), d.kind, stageLabel(d.stage), yearOf(d) ?? '', d.id, d.originalName ?? ''].join(' ').toLowerCase();
    const make = (version: number | null, name: string): DocChoice => ({
      ref: version === null ? d.id : `${d.id}@${version}`,
      doc: d,
      version,
      name,
      detail,
      haystack: version === null ? base : `${base} ${(d.versionLabels[version] ?? '').toLowerCase()}`,
    });
    if (d.versions <= 1) out.push(make(null, docName(d)));
    else {
      if (whole) out.push(make(null, `${docName(d)}（全部 ${d.versions} 个版本）`));
      for (let v = 0; v < d.versions; v++) out.push(make(v, docVersionName(d, v)));
    }
  }
  return out;
}

/** The words of a query: each must appear (any order); full-width spaces count. */
export function queryTerms(query: string): string[] {
  return query.toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
}

/** The choices a query keeps: every word somewhere in the name, title, place, kind, year or id; those whose name begins with the first word first. */
export function filterChoices(choices: DocChoice[], query: string): DocChoice[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return choices;
  const kept = choices.filter((c) => terms.every((t) => c.haystack.includes(t)));
  const first = terms[0]!;
  const starts = (c: DocChoice) => c.doc.title.toLowerCase().startsWith(first) || c.name.toLowerCase().startsWith(first);
  return [...kept.filter(starts), ...kept.filter((c) => !starts(c))];
}

/** A REF's name, from the library's list: "标题（2019年修订）", "修订草案 · 标题（2020年）"; the REF itself when unknown. */
export function nameOfRef(byId: ReadonlyMap<string, DocumentSummary>, ref: string): string {
  const [id, v] = ref.split('@');
  const d = byId.get(id!);
  if (!d) return ref;
  return docVersionName(d, v === undefined ? null : Number(v));
}
