/**
 * The annotations file as data: reading it strictly (anything unexpected is `corrupt`, so the service
 * can keep the file aside instead of overwriting it), and pure add / update / remove operations that
 * return a new file. Ids and clocks come from the caller, which keeps these functions deterministic.
 */
import { fail } from '../model';
import {
  ANNOTATIONS_SCHEMA_VERSION,
  type Annotation,
  type AnnotationInput,
  type AnnotationPatch,
  type AnnotationsFile,
  type AnnotationTarget,
} from './types';

export const MAX_BODY_CHARS = 20_000;
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 40;
export const MAX_QUOTE_CHARS = 2_000;

export function emptyAnnotationsFile(): AnnotationsFile {
  return { version: ANNOTATIONS_SCHEMA_VERSION, annotations: [] };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks a target from outside (the file, the API, the CLI); returns a clean copy or throws `code`. */
export function checkTarget(raw: unknown, code: 'corrupt' | 'bad_request' = 'bad_request'): AnnotationTarget {
  const invalid = (why: string): never => {
    throw fail(code, 'annotate.bad_target', { why });
  };
  if (!isRecord(raw)) return invalid('不是对象');
  if (typeof raw.doc !== 'string' || raw.doc.trim() === '') invalid('缺少文档（doc）');
  if (!isNonNegInt(raw.version)) invalid('版本（version）须为非负整数');
  if (!isNonNegInt(raw.article) || raw.article === 0) invalid('条（article）须为正整数');
  const t: AnnotationTarget = { doc: raw.doc as string, version: raw.version as number, article: raw.article as number };
  if (raw.sub !== undefined) {
    if (!isNonNegInt(raw.sub)) invalid('“之X”（sub）须为非负整数');
    if (raw.sub) t.sub = raw.sub as number;
  }
  if (raw.paragraph !== undefined && raw.paragraph !== null) {
    if (!isNonNegInt(raw.paragraph) || raw.paragraph === 0) invalid('款（paragraph）从 1 起计');
    t.paragraph = raw.paragraph as number;
  }
  if (raw.quote !== undefined && raw.quote !== null) {
    if (typeof raw.quote !== 'string') invalid('引文（quote）须为文字');
    const q = (raw.quote as string).trim();
    if (q.length > MAX_QUOTE_CHARS) invalid(`引文超过 ${MAX_QUOTE_CHARS} 字`);
    if (q) t.quote = q;
  }
  if (typeof raw.label === 'string') t.label = raw.label;
  if (typeof raw.heading === 'string' || raw.heading === null) t.heading = raw.heading as string | null;
  if (typeof raw.context === 'string' && raw.context) t.context = raw.context;
  return t;
}

/** Trims, drops a leading "#", removes empties and duplicates; refuses too many or too long tags. */
export function normaliseTags(raw: unknown, code: 'corrupt' | 'bad_request' = 'bad_request'): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw fail(code, 'annotate.tags_not_list');
  const out: string[] = [];
  for (const t of raw) {
    if (typeof t !== 'string') throw fail(code, 'annotate.tag_not_text');
    const clean = t.trim().replace(/^[#＃]+/, '').trim();
    if (!clean) continue;
    if (clean.length > MAX_TAG_CHARS) throw fail(code, 'annotate.tag_too_long', { tag: clean.slice(0, 10), max: MAX_TAG_CHARS });
    if (!out.includes(clean)) out.push(clean);
  }
  if (out.length > MAX_TAGS) throw fail(code, 'annotate.too_many_tags', { max: MAX_TAGS });
  return out;
}

function checkBody(raw: unknown, code: 'corrupt' | 'bad_request'): string {
  if (typeof raw !== 'string') throw fail(code, 'annotate.body_not_text');
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (code === 'bad_request' && body === '') throw fail(code, 'annotate.body_empty');
  if (body.length > MAX_BODY_CHARS) throw fail(code, 'annotate.body_too_long', { max: MAX_BODY_CHARS });
  return body;
}

/**
 * Parses the annotations file. Throws `corrupt` for anything that is not a version-1 file as
 * CONTRACTS.md defines it (bad JSON, wrong shape, a newer schema), with the reason in the message.
 */
export function parseAnnotationsFile(text: string): AnnotationsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw fail('corrupt', 'annotate.file_not_json', { detail: e instanceof Error ? e.message : String(e) });
  }
  if (!isRecord(raw)) throw fail('corrupt', 'annotate.file_not_object');
  if (raw.version !== ANNOTATIONS_SCHEMA_VERSION) {
    const newer = typeof raw.version === 'number' && raw.version > ANNOTATIONS_SCHEMA_VERSION;
    throw newer
      ? fail('corrupt', 'annotate.file_newer', { version: String(raw.version), supported: ANNOTATIONS_SCHEMA_VERSION })
      : fail('corrupt', 'annotate.file_no_version');
  }
  if (!Array.isArray(raw.annotations)) throw fail('corrupt', 'annotate.file_no_list');
  const seen = new Set<string>();
  const annotations = raw.annotations.map((a, i): Annotation => {
    const where = i + 1;
    try {
      if (!isRecord(a)) throw fail('corrupt', 'annotate.note_not_object');
      if (typeof a.id !== 'string' || a.id === '') throw fail('corrupt', 'annotate.note_no_id');
      if (seen.has(a.id)) throw fail('corrupt', 'annotate.note_duplicate_id', { id: a.id });
      seen.add(a.id);
      if (typeof a.created !== 'string' || typeof a.updated !== 'string') throw fail('corrupt', 'annotate.note_no_time');
      return {
        id: a.id,
        target: checkTarget(a.target, 'corrupt'),
        body: checkBody(a.body, 'corrupt'),
        tags: normaliseTags(a.tags, 'corrupt'),
        created: a.created,
        updated: a.updated,
      };
    } catch (e) {
      throw fail('corrupt', 'annotate.note_invalid', { n: where, detail: e instanceof Error ? e.message : String(e) });
    }
  });
  return { version: ANNOTATIONS_SCHEMA_VERSION, annotations };
}

export function serialiseAnnotationsFile(file: AnnotationsFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

export interface Stamp {
  id: string;
  /** ISO 8601. */
  now: string;
}

export function addAnnotation(file: AnnotationsFile, input: AnnotationInput, stamp: Stamp): { file: AnnotationsFile; annotation: Annotation } {
  if (!isRecord(input)) throw fail('bad_request', 'annotate.note_not_object');
  const annotation: Annotation = {
    id: stamp.id,
    target: checkTarget(input.target),
    body: checkBody(input.body, 'bad_request'),
    tags: normaliseTags(input.tags),
    created: stamp.now,
    updated: stamp.now,
  };
  if (file.annotations.some((a) => a.id === annotation.id)) throw fail('exists', 'annotate.note_exists', { id: annotation.id });
  return { file: { ...file, annotations: [...file.annotations, annotation] }, annotation };
}

function indexOf(file: AnnotationsFile, id: string): number {
  const i = file.annotations.findIndex((a) => a.id === id);
  if (i < 0) throw fail('not_found', 'annotate.no_such_note', { id });
  return i;
}

export function updateAnnotation(file: AnnotationsFile, id: string, patch: AnnotationPatch, now: string): { file: AnnotationsFile; annotation: Annotation } {
  const i = indexOf(file, id);
  const old = file.annotations[i]!;
  const annotation: Annotation = {
    ...old,
    body: patch.body !== undefined ? checkBody(patch.body, 'bad_request') : old.body,
    tags: patch.tags !== undefined ? normaliseTags(patch.tags) : old.tags,
    updated: now,
  };
  const annotations = file.annotations.slice();
  annotations[i] = annotation;
  return { file: { ...file, annotations }, annotation };
}

export function removeAnnotation(file: AnnotationsFile, id: string): { file: AnnotationsFile; annotation: Annotation } {
  const i = indexOf(file, id);
  const annotations = file.annotations.slice();
  const [annotation] = annotations.splice(i, 1);
  return { file: { ...file, annotations }, annotation: annotation! };
}

export interface AnnotationFilter {
  doc?: string;
  version?: number;
  tag?: string;
}

export function filterAnnotations(list: Annotation[], f: AnnotationFilter = {}): Annotation[] {
  return list.filter(
    (a) =>
      (f.doc === undefined || a.target.doc === f.doc) &&
      (f.version === undefined || a.target.version === f.version) &&
      (f.tag === undefined || a.tags.includes(f.tag)),
  );
}
