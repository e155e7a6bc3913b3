/** 文库: every document with its metadata; a row opens the Reader. */
import { useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../electron/api/contract';
import { SimilarButton } from '../components/SimilarDocuments';
import { ErrorBox, Loading } from '../components/Status';
import { dateEntries, kindLabel, stageLabel } from '../format';
import { useApiCall } from '../hooks';
import { navigate, readerHash } from '../route';
import { ImportedDocTools, ImportPanel } from './ImportPanel';
import type { ViewProps } from '../route';

export function LibraryView(_props: ViewProps) {
  // Bumped after an import, edit or removal: the list is fetched again.
  const [revision, setRevision] = useState(0);
  const reload = () => setRevision((r) => r + 1);
  const docs = useApiCall('listDocuments', {}, `all-${revision}`);
  // While a reload runs the last list stays on screen (and the import panel keeps its state).
  const shown = useRef<DocumentSummary[] | null>(null);
  if (docs.state === 'ready') shown.current = docs.value.documents;
  const documents = shown.current;
  const [filter, setFilter] = useState('');

  const rows = useMemo(() => {
    if (!documents) return [];
    const f = filter.trim();
    if (!f) return documents;
    return documents.filter((d) =>
      [d.title, d.jurisdiction, d.id, kindLabel(d.kind), stageLabel(d.stage)].some((s) => s.includes(f)),
    );
  }, [documents, filter]);

  if (!documents && docs.state === 'error') return <ErrorBox message={docs.message} />;
  if (!documents) return <Loading what="文库" />;

  const total = documents.length;
  return (
    <section className="library">
      <div className="library-head">
        <h1>文库</h1>
        <span className="muted">
          共 {total} 份文档{rows.length !== total ? `，显示 ${rows.length} 份` : ''}
        </span>
        <input
          className="filter"
          type="search"
          placeholder="筛选标题、地区、阶段…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="library-filter"
          aria-label="筛选文档"
        />
      </div>
      <ImportPanel onImported={reload} />
      <table className="doc-table" data-testid="doc-table">
        <thead>
          <tr>
            <th className="col-title">标题</th>
            <th>地区</th>
            <th>类型</th>
            <th>阶段</th>
            <th>日期</th>
            <th className="num">版本</th>
            <th className="num">章</th>
            <th className="num">条</th>
            <th className="num">提示</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <DocRow key={d.id} doc={d} onChanged={reload} />
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={9} className="empty">
                没有符合条件的文档。
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}

function DocRow({ doc, onChanged }: { doc: DocumentSummary; onChanged: () => void }) {
  const href = readerHash(doc.id, 0);
  const labels = doc.versionLabels.filter((l): l is string => !!l);
  return (
    <tr className="doc-row" data-testid="doc-row" data-doc-id={doc.id} onClick={() => navigate(href)}>
      <td className="col-title">
        <a href={href} className="doc-title" data-testid="doc-title" onClick={(e) => e.stopPropagation()}>
          {doc.title}
        </a>
        <div className="doc-id">
          {doc.id}
          {doc.source === 'library' && <span className="tag">导入</span>}
        </div>
        {doc.source === 'library' && <ImportedDocTools doc={doc} onChanged={onChanged} />}
        <SimilarButton docRef={doc.versions > 1 ? `${doc.id}@${doc.versions - 1}` : doc.id} compact />
      </td>
      <td>{doc.jurisdiction || '—'}</td>
      <td>{kindLabel(doc.kind)}</td>
      <td>{stageLabel(doc.stage) || '—'}</td>
      <td className="dates">
        {dateEntries(doc.dates).map((d) => (
          <div key={d.label}>
            <span className="date-label">{d.label}</span> {d.value}
          </div>
        ))}
        {dateEntries(doc.dates).length === 0 && <span className="muted">—</span>}
      </td>
      <td className="num">
        {doc.versions}
        {labels.length > 0 && <div className="version-labels">{labels.join(' / ')}</div>}
      </td>
      <td className="num">{doc.chapters}</td>
      <td className="num">{doc.articles}</td>
      <td className="num">
        {doc.warnings > 0 ? (
          <span className="badge warn" title="解析提示：打开文档可查看行号">
            {doc.warnings}
          </span>
        ) : (
          <span className="muted">0</span>
        )}
      </td>
    </tr>
  );
}
