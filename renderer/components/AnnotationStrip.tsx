/**
 * 批注 in the reading views: the notes of one article under its text, and the buttons that add a note to
 * the article, to one of its 款, or to the text selected in it. Used by the Reader, the Compare view and
 * the Topics view; the notes themselves live in the annotations file (API: listAnnotations, …).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationsResponse, AnnotationView } from '../../electron/api/contract';
import { cite } from '../../electron/engine/model/address';
import { call } from '../api';
import { paragraphMarker } from '../format';

export interface AnnotationStore {
  notes: AnnotationView[];
  problems: AnnotationsResponse['problems'];
  readOnly: boolean;
  /** The annotations file, for backups. */
  path: string;
  error: string | null;
  reload(): void;
  add(req: { ref: string; article: number; sub?: number; paragraph?: number; quote?: string; body: string; tags: string[] }): Promise<void>;
  update(id: string, body: string, tags: string[]): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The notes of one document version (or of everything when `doc` is null), kept fresh after each change. */
export function useAnnotations(doc: string | null, version?: number): AnnotationStore {
  const [data, setData] = useState<AnnotationsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('listAnnotations', doc === null ? {} : { doc, ...(version !== undefined ? { version } : {}) }).then(
      (value) => {
        if (!live) return;
        setData(value);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [doc, version, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return {
    notes: data?.annotations ?? [],
    problems: data?.problems ?? [],
    readOnly: data?.readOnly ?? false,
    path: data?.path ?? '',
    error,
    reload,
    async add(req) {
      await call('addAnnotation', req);
      reload();
    },
    async update(id, body, tags) {
      await call('updateAnnotation', { id, body, tags });
      reload();
    },
    async remove(id) {
      await call('removeAnnotation', { id });
      reload();
    },
  };
}

/** Tags typed as "融资, 二审 #创业" → ["融资", "二审", "创业"]. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(/[\s,，、;；#＃]+/).map((t) => t.trim()).filter(Boolean))];
}

const CIRCLED = /[①-⑳]/g;

/**
 * What the user selected inside one article of a reading pane: the article, the 款 it starts in, and the
 * words (without the 款 markers and the article's label, which are not part of the text).
 */
export interface QuoteSelection {
  /** `art:<article id>` for an article of the Reader, or the `data-annotate` value of the element holding it. */
  key: string;
  paragraph: number | null;
  quote: string;
}

/** The `data-annotate` value that marks an element as one article's text (views other than the Reader). */
export function annotateKey(docRef: string, article: { number: number; sub?: number | undefined }): string {
  return `${docRef}|${article.number}|${article.sub ?? 0}`;
}

/** What a note can be attached to: an article, named as the views have it. */
export interface AnnotatableArticle {
  number: number;
  sub?: number;
  label: string;
  heading: string | null;
}

export function cleanQuote(raw: string, article?: Pick<AnnotatableArticle, 'label' | 'heading'>): string {
  let q = raw.replace(CIRCLED, '').replace(/\s+/g, ' ').trim();
  if (article) {
    if (q.startsWith(article.label)) q = q.slice(article.label.length).trim();
    if (article.heading && q.startsWith(`【${article.heading}】`)) q = q.slice(article.heading.length + 2).trim();
  }
  return q;
}

/** Follows the text selection inside `container`; null unless it lies within one article. */
export function useQuoteSelection(container: React.RefObject<HTMLElement | null>): QuoteSelection | null {
  const [sel, setSel] = useState<QuoteSelection | null>(null);
  useEffect(() => {
    const onChange = (): void => {
      const s = window.getSelection();
      const root = container.current;
      if (!s || s.isCollapsed || !root || s.rangeCount === 0) {
        setSel(null);
        return;
      }
      const el = (n: Node | null) => (n instanceof Element ? n : (n?.parentElement ?? null));
      // The Reader's articles, or any element a view marked with data-annotate.
      const holder = (n: Node | null) => el(n)?.closest<HTMLElement>('[data-annotate], [data-testid=article]');
      const a = holder(s.anchorNode);
      const b = holder(s.focusNode);
      if (!a || a !== b || !root.contains(a)) {
        setSel(null);
        return;
      }
      const quote = s.toString();
      if (!quote.trim()) {
        setSel(null);
        return;
      }
      const para = el(s.anchorNode)?.closest<HTMLElement>('[data-paragraph]')?.dataset.paragraph;
      setSel({ key: a.dataset.annotate ?? `art:${a.dataset.articleId ?? ''}`, paragraph: para ? Number(para) : null, quote });
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [container]);
  return sel;
}

const STATUS_LABELS: Record<string, string> = {
  reanchored: '条文编号已变，已按引文重新定位',
  stale: '所引原文已改动',
  orphaned: '找不到原来的条文',
};

export function AnnotationCard({ note, store, showWhere }: { note: AnnotationView; store: AnnotationStore; showWhere?: boolean }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = note.target;
  const paragraph = note.anchor.paragraph ?? t.paragraph;
  const label = note.anchor.article?.label ?? t.label;
  const where = cite({ article: note.anchor.article?.number ?? t.article, ...(t.sub ? { sub: t.sub } : {}), ...(paragraph ? { paragraph } : {}) }, label);
  if (editing) {
    return (
      <AnnotationEditor
        initialBody={note.body}
        initialTags={note.tags}
        quote={t.quote}
        onCancel={() => setEditing(false)}
        onSave={async (body, tags) => {
          await store.update(note.id, body, tags);
          setEditing(false);
        }}
      />
    );
  }
  return (
    <div className={`annotation-card status-${note.anchor.status}`} data-testid="annotation" data-annotation-id={note.id}>
      <div className="annotation-head">
        <span className="annotation-where">{showWhere ? where : paragraph ? `${paragraphMarker(paragraph)} ${where}` : '整条'}</span>
        {t.quote && <q className="annotation-quote">{t.quote}</q>}
        {note.anchor.status !== 'exact' && <span className="annotation-status">{STATUS_LABELS[note.anchor.status]}</span>}
      </div>
      <div className="annotation-body" data-testid="annotation-body">
        {note.body}
      </div>
      <div className="annotation-foot">
        {note.tags.map((tag) => (
          <span key={tag} className="annotation-tag" data-testid="annotation-tag">
            #{tag}
          </span>
        ))}
        <span className="annotation-date" title={`创建 ${note.created}`}>
          {note.updated.slice(0, 10)}
        </span>
        {!store.readOnly && (
          <>
            <button type="button" className="link" data-testid="annotation-edit" onClick={() => setEditing(true)}>
              编辑
            </button>
            <button
              type="button"
              className="link danger"
              data-testid="annotation-delete"
              onClick={() => {
                if (!window.confirm('删除这条批注？')) return;
                store.remove(note.id).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
              }}
            >
              删除
            </button>
          </>
        )}
      </div>
      {error && <div className="annotation-error" role="alert">{error}</div>}
    </div>
  );
}

export function AnnotationEditor({
  initialBody = '',
  initialTags = [],
  quote,
  paragraphs,
  initialParagraph = null,
  onSave,
  onCancel,
}: {
  initialBody?: string;
  initialTags?: string[];
  quote?: string | undefined;
  /** Offer a choice of 款 (count), for a new note on an article. */
  paragraphs?: number;
  initialParagraph?: number | null;
  onSave: (body: string, tags: string[], paragraph: number | null) => Promise<void>;
  onCancel: () => void;
}) {
  const [body, setBody] = useState(initialBody);
  const [tags, setTags] = useState(initialTags.join(' '));
  const [paragraph, setParagraph] = useState<number | null>(initialParagraph);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="annotation-editor"
      data-testid="annotation-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) {
          setError('请填写批注内容。');
          return;
        }
        setBusy(true);
        onSave(body, parseTags(tags), paragraph).then(
          () => setBusy(false),
          (err: unknown) => {
            setBusy(false);
            setError(err instanceof Error ? err.message : String(err));
          },
        );
      }}
    >
      {quote && (
        <div className="annotation-quote-line">
          引文：<q className="annotation-quote">{quote}</q>
        </div>
      )}
      {paragraphs !== undefined && paragraphs > 1 && !quote && (
        <label className="annotation-field">
          <span>对象</span>
          <select data-testid="annotation-paragraph" value={paragraph ?? ''} onChange={(e) => setParagraph(e.target.value ? Number(e.target.value) : null)}>
            <option value="">整条</option>
            {Array.from({ length: paragraphs }, (_, i) => (
              <option key={i} value={i + 1}>
                第{'一二三四五六七八九十'[i] ?? i + 1}款
              </option>
            ))}
          </select>
        </label>
      )}
      <textarea
        data-testid="annotation-input"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder="批注内容，例如：建议保留原表述。"
        rows={3}
        autoFocus
        aria-label="批注内容"
      />
      <label className="annotation-field">
        <span>标签</span>
        <input data-testid="annotation-tags" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="用空格或逗号分隔，如：融资 二审" />
      </label>
      <div className="annotation-buttons">
        <button type="submit" data-testid="annotation-save" disabled={busy}>
          {busy ? '保存中…' : '保存'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          取消
        </button>
      </div>
      {error && (
        <div className="annotation-error" role="alert" data-testid="annotation-error">
          {error}
        </div>
      )}
    </form>
  );
}

/**
 * Under one article: its notes, "＋批注" (the article or one of its 款) and, while text of this article is
 * selected, "批注所选文字". Renders nothing for an article without notes unless `active` (selected in the
 * view) or the selection is in it.
 */
export function AnnotationStrip({
  docRef,
  article,
  paragraphs,
  selectionKey,
  store,
  selection,
  active,
}: {
  /** The document version as a REF: "hunan-2020-review@0". */
  docRef: string;
  article: AnnotatableArticle;
  /** How many 款 the article has (a note may be on one of them). */
  paragraphs: number;
  /** Which selections are in this article (QuoteSelection.key). */
  selectionKey: string;
  store: AnnotationStore;
  selection: QuoteSelection | null;
  active: boolean;
}) {
  const [draft, setDraft] = useState<{ quote?: string; paragraph: number | null } | null>(null);
  const at = docRef.lastIndexOf('@');
  const [doc, version] = at > 0 ? [docRef.slice(0, at), Number(docRef.slice(at + 1))] : [docRef, 0];
  const notes = store.notes.filter(
    (n) => n.target.doc === doc && n.target.version === version && n.anchor.article && n.anchor.article.number === article.number && (n.anchor.article.sub ?? 0) === (article.sub ?? 0),
  );
  const selected = selection && selection.key === selectionKey ? selection : null;
  if (!notes.length && !active && !selected && !draft) return null;
  const quote = selected ? cleanQuote(selected.quote, article) : '';
  return (
    // Clicks inside stay here (a Compare row selects itself on click).
    <div className="annotation-strip" data-testid="annotation-strip" data-article={article.label} data-doc={docRef} onClick={(e) => e.stopPropagation()}>
      {notes.map((n) => (
        <AnnotationCard key={n.id} note={n} store={store} />
      ))}
      {draft ? (
        <AnnotationEditor
          quote={draft.quote}
          paragraphs={paragraphs}
          initialParagraph={draft.paragraph}
          onCancel={() => setDraft(null)}
          onSave={async (body, tags, paragraph) => {
            await store.add({
              ref: docRef,
              article: article.number,
              ...(article.sub ? { sub: article.sub } : {}),
              ...(paragraph ? { paragraph } : {}),
              ...(draft.quote ? { quote: draft.quote } : {}),
              body,
              tags,
            });
            setDraft(null);
            window.getSelection()?.removeAllRanges();
          }}
        />
      ) : (
        !store.readOnly && (
          <div className="annotation-actions">
            {selected && quote && (
              <button
                type="button"
                data-testid="annotate-selection"
                // Keep the selection: a click would otherwise clear it before we read it.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => setDraft({ quote, paragraph: selected.paragraph })}
              >
                批注所选文字「{quote.length > 12 ? quote.slice(0, 12) + '…' : quote}」
              </button>
            )}
            <button type="button" className="secondary" data-testid="annotate-article" onClick={() => setDraft({ paragraph: null })}>
              ＋ 批注{article.label}
            </button>
          </div>
        )
      )}
    </div>
  );
}

/** The annotations file could not be read: say so, and where the kept copy is. */
export function AnnotationProblems({ store }: { store: AnnotationStore }) {
  if (!store.problems.length && !store.error) return null;
  return (
    <div className="annotation-problems" role="alert" data-testid="annotation-problems">
      {store.error && <p>批注无法载入：{store.error}</p>}
      {store.problems.map((p) => (
        <p key={p.keptAs}>
          {p.message}
          <span className="muted">（{p.keptAs}）</span>
        </p>
      ))}
    </div>
  );
}
