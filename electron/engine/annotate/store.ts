/**
 * The annotations file as data: reading it strictly (anything unexpected is `corrupt`, so the service
 * can keep the file aside instead of overwriting it), and pure add / update / remove operations that
 * return a new file. Ids and clocks come from the caller, which keeps these functions deterministic.
 */
import { DuizhaoError } from '../model';
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
  const fail = (why: string): never => {
    throw new DuizhaoError(code, `批注目标无效：${why}`);
  };
  if (!isRecord(raw)) return fail('不是对象');
  if (typeof raw.doc !== 'string' || raw.doc.trim() === '') fail('缺少文档（doc）');
  if (!isNonNegInt(raw.version)) fail('版本（version）须为非负整数');
  if (!isNonNegInt(raw.article) || raw.article === 0) fail('条（article）须为正整数');
  const t: AnnotationTarget = { doc: raw.doc as string, version: raw.version as number, article: raw.article as number };
  if (raw.sub !== undefined) {
    if (!isNonNegInt(raw.sub)) fail('“之X”（sub）须为非负整数');
    if (raw.sub) t.sub = raw.sub as number;
  }
  if (raw.paragraph !== undefined && raw.paragraph !== null) {
    if (!isNonNegInt(raw.paragraph) || raw.paragraph === 0) fail('款（paragraph）从 1 起计');
    t.paragraph = raw.paragraph as number;
  }
  if (raw.quote !== undefined && raw.quote !== null) {
    if (typeof raw.quote !== 'string') fail('引文（quote）须为文字');
    const q = (raw.quote as string).trim();
    if (q.length > MAX_QUOTE_CHARS) fail(`引文超过 ${MAX_QUOTE_CHARS} 字`);
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
  if (!Array.isArray(raw)) throw new DuizhaoError(code, '标签（tags）须为文字列表');
  const out: string[] = [];
  for (const t of raw) {
    if (typeof t !== 'string') throw new DuizhaoError(code, '标签须为文字');
    const clean = t.trim().replace(/^[#＃]+/, '').trim();
    if (!clean) continue;
    if (clean.length > MAX_TAG_CHARS) throw new DuizhaoError(code, `标签“${clean.slice(0, 10)}…”超过 ${MAX_TAG_CHARS} 字`);
    if (!out.includes(clean)) out.push(clean);
  }
  if (out.length > MAX_TAGS) throw new DuizhaoError(code, `一条批注最多 ${MAX_TAGS} 个标签`);
  return out;
}

function checkBody(raw: unknown, code: 'corrupt' | 'bad_request'): string {
  if (typeof raw !== 'string') throw new DuizhaoError(code, '批注内容（body）须为文字');
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (code === 'bad_request' && body === '') throw new DuizhaoError(code, '批注内容不能为空');
  if (body.length > MAX_BODY_CHARS) throw new DuizhaoError(code, `批注内容超过 ${MAX_BODY_CHARS} 字`);
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
    throw new DuizhaoError('corrupt', `批注文件不是有效的 JSON（${e instanceof Error ? e.message : String(e)}）`);
  }
  if (!isRecord(raw)) throw new DuizhaoError('corrupt', '批注文件的内容不是对象');
  if (raw.version !== ANNOTATIONS_SCHEMA_VERSION) {
    const newer = typeof raw.version === 'number' && raw.version > ANNOTATIONS_SCHEMA_VERSION;
    throw new DuizhaoError(
      'corrupt',
      newer
        ? `批注文件的格式版本为 ${String(raw.version)}，由更新版本的 Duizhao 写入；本版本只能读取版本 ${ANNOTATIONS_SCHEMA_VERSION}`
        : `批注文件缺少有效的格式版本（version）`,
    );
  }
  if (!Array.isArray(raw.annotations)) throw new DuizhaoError('corrupt', '批注文件缺少批注列表（annotations）');
  const seen = new Set<string>();
  const annotations = raw.annotations.map((a, i): Annotation => {
    const where = `第 ${i + 1} 条批注`;
    try {
      if (!isRecord(a)) throw new DuizhaoError('corrupt', '不是对象');
      if (typeof a.id !== 'string' || a.id === '') throw new DuizhaoError('corrupt', '缺少 id');
      if (seen.has(a.id)) throw new DuizhaoError('corrupt', `id “${a.id}” 重复`);
      seen.add(a.id);
      if (typeof a.created !== 'string' || typeof a.updated !== 'string') throw new DuizhaoError('corrupt', '缺少时间（created / updated）');
      return {
        id: a.id,
        target: checkTarget(a.target, 'corrupt'),
        body: checkBody(a.body, 'corrupt'),
        tags: normaliseTags(a.tags, 'corrupt'),
        created: a.created,
        updated: a.updated,
      };
    } catch (e) {
      throw new DuizhaoError('corrupt', `${where}：${e instanceof Error ? e.message : String(e)}`);
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
  if (!isRecord(input)) throw new DuizhaoError('bad_request', '批注须为对象');
  const annotation: Annotation = {
    id: stamp.id,
    target: checkTarget(input.target),
    body: checkBody(input.body, 'bad_request'),
    tags: normaliseTags(input.tags),
    created: stamp.now,
    updated: stamp.now,
  };
  if (file.annotations.some((a) => a.id === annotation.id)) throw new DuizhaoError('exists', `批注 ${annotation.id} 已存在`);
  return { file: { ...file, annotations: [...file.annotations, annotation] }, annotation };
}

function indexOf(file: AnnotationsFile, id: string): number {
  const i = file.annotations.findIndex((a) => a.id === id);
  if (i < 0) throw new DuizhaoError('not_found', `没有编号为 ${id} 的批注`);
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
