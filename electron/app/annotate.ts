/**
 * The user's notes (批注): add one on an article, a 款 or a quoted span; list them with where each lands
 * in today's text; edit; remove. One place decides what a note may be anchored on, so the app and the
 * command line refuse the same notes with the same error (code, reason and sentence).
 */
import { makeTarget, placeAnnotations, resolveAnchor, type Annotation } from '../engine/annotate';
import { cite, clip, fail, findArticle } from '../engine/model';
import type { AnnotationService } from '../services/annotations';
import type { Documents } from './documents';
import type { AnnotationListing } from '../services/types';
import type { AnnotationsList, AnnotationView } from './types';

/** A new note, as the caller gives it (checked here). */
export interface NewNote {
  ref: unknown;
  article: unknown;
  sub?: unknown;
  /** 1-based 款. */
  paragraph?: unknown;
  quote?: unknown;
  body: unknown;
  tags?: unknown;
}

/** How much of a refused quote the error repeats. */
const QUOTE_IN_ERROR = 30;

function optionalText(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fail('bad_request', 'api.not_text', { field });
  return v;
}

export function createAnnotate(documents: Documents, notes: AnnotationService) {
  /** Where notes land today; a note whose document is gone (removed, or a file not at hand) is orphaned. */
  const place = (list: Annotation[]): AnnotationView[] =>
    placeAnnotations(list, (doc, version) => {
      const loaded = documents.get(`${doc}@${version}`);
      return loaded.document.versions[loaded.version] ?? null;
    });

  return {
    list(filter: { doc?: unknown; version?: unknown; tag?: unknown } = {}): AnnotationsList {
      const listing = notes.list({
        ...(typeof filter.doc === 'string' ? { doc: filter.doc } : {}),
        ...(typeof filter.version === 'number' ? { version: filter.version } : {}),
        ...(typeof filter.tag === 'string' ? { tag: filter.tag } : {}),
      });
      return { ...listing, annotations: place(listing.annotations) };
    },

    /** The notes exactly as stored, with any problem of the file (an export places them itself). */
    stored(): AnnotationListing {
      return notes.list();
    },

    add(input: NewNote): AnnotationView {
      const { document, version, summary, ref } = documents.get(input.ref);
      const text = document.versions[version]!;
      if (typeof input.article !== 'number' || !Number.isInteger(input.article)) throw fail('bad_request', 'api.missing_article');
      const sub = typeof input.sub === 'number' && input.sub > 0 ? input.sub : undefined;
      const article = findArticle(text, input.article, sub);
      if (!article) throw fail('not_found', 'compare.no_article', { ref, label: cite({ article: input.article, ...(sub ? { sub } : {}) }) });
      const paragraph = input.paragraph ?? undefined;
      if (paragraph !== undefined && (typeof paragraph !== 'number' || !Number.isInteger(paragraph) || paragraph < 1 || paragraph > article.paragraphs.length)) {
        throw fail('bad_request', 'cli.no_such_paragraph', { label: article.label, n: article.paragraphs.length, paragraph: Number(paragraph) });
      }
      const quote = optionalText(input.quote, '引文')?.trim();
      const target = makeTarget(summary.id, version, article, {
        ...(typeof paragraph === 'number' ? { paragraph } : {}),
        ...(quote ? { quote } : {}),
      });
      if (quote && resolveAnchor(target, text).status !== 'exact') throw fail('bad_request', 'cli.quote_not_found', { quote: clip(quote, QUOTE_IN_ERROR), label: article.label });
      const annotation = notes.add({ target, body: optionalText(input.body, '批注内容') ?? '', tags: (input.tags ?? []) as string[] });
      return place([annotation])[0]!;
    },

    update(id: unknown, patch: { body?: unknown; tags?: unknown }): AnnotationView {
      if (typeof id !== 'string') throw fail('bad_request', 'api.missing_note_id');
      const body = optionalText(patch.body, '批注内容');
      const annotation = notes.update(id, { ...(body !== undefined ? { body } : {}), ...(patch.tags !== undefined ? { tags: patch.tags as string[] } : {}) });
      return place([annotation])[0]!;
    },

    remove(id: unknown): Annotation {
      if (typeof id !== 'string') throw fail('bad_request', 'api.missing_note_id');
      return notes.remove(id);
    },
  };
}

export type AnnotateUseCase = ReturnType<typeof createAnnotate>;
