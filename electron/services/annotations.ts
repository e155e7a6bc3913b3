/**
 * The annotations file on disk: `<home>/annotations.json` (home = $DUIZHAO_HOME, Electron's userData, or
 * the per-user data folder; the Library's `home`).
 *
 * Every operation reads the file afresh (the CLI and a running app may both write it) and every change is
 * written atomically. A file that cannot be read as a version-1 annotations file is never overwritten:
 * - a damaged file is renamed to `annotations.corrupt-<timestamp>.json` and the notes start empty;
 * - a file written by a newer Duizhao (a higher schema version) is left in place and the notes are
 *   read-only until it is dealt with.
 * Either way the problem is reported with every listing, for as long as the kept file is there.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  addAnnotation,
  ANNOTATIONS_SCHEMA_VERSION,
  emptyAnnotationsFile,
  filterAnnotations,
  parseAnnotationsFile,
  removeAnnotation,
  serialiseAnnotationsFile,
  updateAnnotation,
  type Annotation,
  type AnnotationFilter,
  type AnnotationInput,
  type AnnotationPatch,
  type AnnotationsFile,
} from '../engine/annotate';
import { fail, isDuizhaoError, say } from '../engine/model';
import { writeFileAtomic } from './atomic';
import type { AnnotationListing, AnnotationProblem } from './types';

export const ANNOTATIONS_FILE = 'annotations.json';

export type { AnnotationListing, AnnotationProblem } from './types';

function timestampForName(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-');
}

export class AnnotationService {
  readonly home: string;
  readonly path: string;
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(home: string, opts: { clock?: () => Date; newId?: () => string } = {}) {
    this.home = home;
    this.path = join(home, ANNOTATIONS_FILE);
    this.clock = opts.clock ?? (() => new Date());
    this.newId = opts.newId ?? (() => `n-${randomUUID()}`);
  }

  /** Damaged files kept aside earlier (by this or another process), oldest first. */
  private keptAside(): AnnotationProblem[] {
    if (!existsSync(this.home)) return [];
    return readdirSync(this.home)
      .filter((f) => /^annotations\.corrupt-.+\.json$/.test(f))
      .sort()
      .map((f) => ({
        kind: 'corrupt' as const,
        keptAs: join(this.home, f),
        message: `批注文件曾经损坏，已原样保留为 ${f}；其中的批注没有载入。请检查或修复后手工合并，确认无用后可删除该文件。`,
      }));
  }

  /**
   * Reads the file. A damaged file is moved aside here (once) and reported; a newer-schema file makes
   * the listing read-only.
   */
  private read(): { file: AnnotationsFile; newer: AnnotationProblem | null } {
    if (!existsSync(this.path)) return { file: emptyAnnotationsFile(), newer: null };
    const text = readFileSync(this.path, 'utf8');
    try {
      return { file: parseAnnotationsFile(text), newer: null };
    } catch (e) {
      if (!isDuizhaoError(e) || e.code !== 'corrupt') throw e;
      const version = (() => {
        try {
          const v = (JSON.parse(text) as { version?: unknown }).version;
          return typeof v === 'number' ? v : null;
        } catch {
          return null;
        }
      })();
      if (version !== null && version > ANNOTATIONS_SCHEMA_VERSION) {
        return { file: emptyAnnotationsFile(), newer: { kind: 'newer', message: e.message, keptAs: this.path } };
      }
      const kept = join(this.home, `annotations.corrupt-${timestampForName(this.clock())}.json`);
      renameSync(this.path, kept);
      process.stderr.write(`duizhao: ${say('annotate.kept_aside', { detail: e.message, kept })}\n`);
      return { file: emptyAnnotationsFile(), newer: null };
    }
  }

  list(filter: AnnotationFilter = {}): AnnotationListing {
    const { file, newer } = this.read();
    return {
      annotations: filterAnnotations(file.annotations, filter),
      path: this.path,
      problems: [...(newer ? [newer] : []), ...this.keptAside()],
      readOnly: newer !== null,
    };
  }

  get(id: string): Annotation {
    const found = this.read().file.annotations.find((a) => a.id === id);
    if (!found) throw fail('not_found', 'annotate.no_such_note', { id });
    return found;
  }

  private change(apply: (file: AnnotationsFile) => { file: AnnotationsFile; annotation: Annotation }): Annotation {
    const { file, newer } = this.read();
    if (newer) throw fail('corrupt', 'annotate.read_only', { detail: newer.message });
    const next = apply(file);
    mkdirSync(this.home, { recursive: true });
    writeFileAtomic(this.path, serialiseAnnotationsFile(next.file));
    return next.annotation;
  }

  add(input: AnnotationInput): Annotation {
    return this.change((f) => addAnnotation(f, input, { id: this.newId(), now: this.clock().toISOString() }));
  }

  update(id: string, patch: AnnotationPatch): Annotation {
    return this.change((f) => updateAnnotation(f, id, patch, this.clock().toISOString()));
  }

  remove(id: string): Annotation {
    return this.change((f) => removeAnnotation(f, id));
  }
}
