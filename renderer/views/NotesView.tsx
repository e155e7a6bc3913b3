/**
 * 批注: every note the user has written, by document and article, with tag filters, editing, links back to
 * the text, and the export of an annotated comparison. Route: #/notes[/<tag>].
 */
import { useMemo, useState } from 'react';
import type { AnnotationView, DocumentSummary } from '../../electron/api/contract';
import { ExportPanel } from '../components/AnnotationExport';
import { DocumentPicker } from '../components/DocumentPicker';
import { choicesOf, docVersionName } from '../documents';
import { AnnotationCard, AnnotationProblems, useAnnotations } from '../components/AnnotationStrip';
import { ErrorBox, Loading } from '../components/Status';
import { useApiCall } from '../hooks';
import { formatHash, navigate, readerHash } from '../route';
import type { ViewProps } from '../route';

export function NotesView({ route }: ViewProps) {
  const tag = route.segments[0] ?? null;
  const store = useAnnotations(null);
  const docs = useApiCall('listDocuments', {}, 'all');
  const documents = docs.state === 'ready' ? docs.value.documents : [];
  const titles = useMemo(() => new Map(documents.map((d) => [d.id, d])), [documents]);
  const tags = useMemo(() => [...new Set(store.notes.flatMap((n) => n.tags))].sort(), [store.notes]);
  const shown = tag ? store.notes.filter((n) => n.tags.includes(tag)) : store.notes;

  // Group by document version, then by the article the note stands on now.
  const groups = useMemo(() => {
    const map = new Map<string, AnnotationView[]>();
    for (const n of shown) {
      const key = `${n.target.doc}@${n.target.version}`;
      map.set(key, [...(map.get(key) ?? []), n]);
    }
    for (const list of map.values()) list.sort((a, b) => (a.anchor.article?.number ?? 1e9) - (b.anchor.article?.number ?? 1e9) || a.created.localeCompare(b.created));
    return [...map.entries()];
  }, [shown]);

  return (
    <div className="notes-view" data-testid="notes-view">
      <header className="notes-head">
        <h1>批注</h1>
        <span className="muted">
          共 {store.notes.length} 条{tag ? `，标签 #${tag} ${shown.length} 条` : ''}
        </span>
        {tags.length > 0 && (
          <nav className="notes-tags" aria-label="按标签筛选">
            <a href={formatHash('notes')} className={tag ? 'annotation-tag' : 'annotation-tag active'}>
              全部
            </a>
            {tags.map((t) => (
              <a key={t} href={formatHash('notes', t)} className={t === tag ? 'annotation-tag active' : 'annotation-tag'} data-testid="notes-tag">
                #{t}
              </a>
            ))}
          </nav>
        )}
      </header>
      <AnnotationProblems store={store} />
      <ExportSection documents={documents} notes={store.notes} />
      {docs.state === 'error' && <ErrorBox message={docs.message} />}
      {docs.state === 'loading' && <Loading what="文库" />}
      {store.notes.length === 0 && docs.state === 'ready' && (
        <p className="status" data-testid="notes-empty">
          还没有批注。在“阅读”中选中一条（或其中的文字），点“＋ 批注”即可添加。
        </p>
      )}
      {groups.map(([key, list]) => {
        const [doc, version] = [list[0]!.target.doc, list[0]!.target.version];
        const d = titles.get(doc);
        return (
          <section key={key} className="notes-group" data-testid="notes-group" data-doc={key}>
            <h2 data-testid="notes-group-title">{d ? docVersionName(d, d.versions > 1 ? version : null) : doc}</h2>
            {list.map((n) => (
              <div key={n.id} className="notes-item">
                <AnnotationCard note={n} store={store} showWhere />
                {n.anchor.article && (
                  <button
                    type="button"
                    className="link"
                    data-testid="note-open"
                    onClick={() => navigate(readerHash(doc, version, n.anchor.article ? { number: n.anchor.article.number, ...(n.anchor.article.sub ? { sub: n.anchor.article.sub } : {}) } : null))}
                  >
                    在阅读中打开 {n.anchor.article.label}
                  </button>
                )}
              </div>
            ))}
          </section>
        );
      })}
      {store.path && <p className="muted notes-path">批注保存在 {store.path}</p>}
    </div>
  );
}

/** Two versions to compare (default: the versions of the first annotated multi-version document) and the export. */
function ExportSection({ documents, notes }: { documents: DocumentSummary[]; notes: AnnotationView[] }) {
  const refs = useMemo(() => choicesOf(documents), [documents]);
  const preferred = useMemo(() => {
    const noted = documents.find((d) => d.versions > 1 && notes.some((n) => n.target.doc === d.id)) ?? documents.find((d) => d.versions > 1);
    if (noted) return [`${noted.id}@0`, `${noted.id}@1`] as const;
    return [refs[0]?.ref ?? '', refs[1]?.ref ?? ''] as const;
  }, [documents, notes, refs]);
  const [left, setLeft] = useState<string | null>(null);
  const [right, setRight] = useState<string | null>(null);
  if (refs.length < 2) return null;
  const l = left ?? preferred[0];
  const r = right ?? preferred[1];
  return (
    <section className="notes-export" data-testid="notes-export">
      <div className="notes-export-pick">
        <div className="notes-pick">
          <span aria-hidden="true">左栏</span>
          <DocumentPicker documents={documents} value={l} onChange={setLeft} label="导出对照稿的左栏" testId="export-left" />
        </div>
        <div className="notes-pick">
          <span aria-hidden="true">右栏</span>
          <DocumentPicker documents={documents} value={r} onChange={setRight} label="导出对照稿的右栏" testId="export-right" />
        </div>
      </div>
      <ExportPanel left={l} right={r} />
    </section>
  );
}
