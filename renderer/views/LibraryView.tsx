/**
 * 文库: every document of the library, thousands of them — filtered by place, kind, year and words of the
 * title, in the library's order, by title or newest first; versions of one law named by their labels
 * (标题（2019年修订）), the one each follows said (接续…), and kept together when sorted by title. Only the
 * rows in view are in the page (every row is one height). A row opens the Reader (a click, or Enter on
 * the list: ↑/↓, Page Up/Down, Home/End move through it); an imported one can be edited or removed.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../electron/api/contract';
import { SimilarButton } from '../components/SimilarDocuments';
import { ErrorBox, Loading } from '../components/Status';
import { rowsPerPage, scrollRowIntoView, useVirtualRange } from '../components/virtual';
import { docName, queryTerms, yearOf } from '../documents';
import { dateEntries, formatDate, kindLabel, stageLabel } from '../format';
import { rememberDocuments, useApiCall } from '../hooks';
import { navigate, readerHash } from '../route';
import { DocumentDialog, ImportPanel, type DocumentAction } from './ImportPanel';
import type { ViewProps } from '../route';

/** Height of one row: two lines of title, a line of detail. */
export const ROW_HEIGHT = 64;

type Sort = 'library' | 'title' | 'date';
const SORTS: Array<[Sort, string]> = [
  ['library', '文库顺序'],
  ['title', '按标题'],
  ['date', '按日期（新→旧）'],
];

/** The values of the 地区, 类型, 年份 filters ('' means all; NONE, documents without one). */
const NONE = '-';

interface Filters {
  text: string;
  jurisdiction: string;
  kind: string;
  year: string;
  latest: boolean;
}
const NO_FILTERS: Filters = { text: '', jurisdiction: '', kind: '', year: '', latest: false };

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** What each filter reads of a document. */
const facet = {
  jurisdiction: (d: DocumentSummary) => d.jurisdiction || NONE,
  kind: (d: DocumentSummary) => kindLabel(d.kind) || NONE,
  year: (d: DocumentSummary) => yearOf(d) ?? NONE,
};
type FacetKey = keyof typeof facet;

export function LibraryView(_props: ViewProps) {
  // Bumped after an import, edit or removal: the list is fetched again.
  const [revision, setRevision] = useState(0);
  const reload = useCallback(() => setRevision((r) => r + 1), []);
  const docs = useApiCall('listDocuments', {}, `all-${revision}`);
  // While a reload runs the last list stays on screen (and the import panel keeps its state).
  const shown = useRef<DocumentSummary[] | null>(null);
  if (docs.state === 'ready' && shown.current !== docs.value.documents) {
    shown.current = docs.value.documents;
    rememberDocuments(docs.value.documents);
  }
  const documents = shown.current;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<Sort>('library');
  const [action, setAction] = useState<DocumentAction | null>(null);

  const index = useMemo(() => libraryIndex(documents ?? []), [documents]);
  const rows = useMemo(() => arrange(documents ?? [], index, filters, sort), [documents, index, filters, sort]);
  const options = useMemo(() => facetOptions(documents ?? [], index, filters), [documents, index, filters]);

  if (!documents && docs.state === 'error') return <ErrorBox message={docs.message} />;
  if (!documents) return <Loading what="文库" />;

  const total = documents.length;
  const filtered = rows.length !== total;
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  return (
    <section className="library">
      <div className="library-head">
        <h1>文库</h1>
        <span className="muted" data-testid="library-count" data-total={total} data-shown={rows.length}>
          共 {total.toLocaleString('zh-CN')} 份文档（{index.works.toLocaleString('zh-CN')} 部法规）
          {filtered ? `，筛选出 ${rows.length.toLocaleString('zh-CN')} 份` : ''}
        </span>
      </div>
      <ImportPanel onImported={reload} />
      <div className="library-sticky">
        <div className="library-filters" role="search" aria-label="筛选文库">
          <input
            className="filter"
            type="search"
            placeholder="按标题筛选…"
            value={filters.text}
            onChange={(e) => set({ text: e.target.value })}
            data-testid="library-filter"
            aria-label="按标题筛选"
          />
          {(
            [
              ['jurisdiction', '地区', '全部地区'],
              ['kind', '类型', '全部类型'],
              ['year', '年份', '全部年份'],
            ] as Array<[FacetKey, string, string]>
          ).map(([key, label, all]) => (
            <select key={key} value={filters[key]} onChange={(e) => set({ [key]: e.target.value })} aria-label={label} data-testid={`library-filter-${key}`}>
              <option value="">{all}</option>
              {options[key].map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}（{o.count}）
                </option>
              ))}
            </select>
          ))}
          <label className="library-latest" title="同一法规有多个版本时，只列出最新的一个">
            <input type="checkbox" checked={filters.latest} onChange={(e) => set({ latest: e.target.checked })} data-testid="library-latest" /> 只看最新版本
          </label>
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} aria-label="排序" data-testid="library-sort">
            {SORTS.map(([s, label]) => (
              <option key={s} value={s}>
                {label}
              </option>
            ))}
          </select>
          {(filtered || filters.latest) && (
            <button type="button" className="link" onClick={() => setFilters(NO_FILTERS)} data-testid="library-clear">
              清除筛选
            </button>
          )}
        </div>
        <div className="doc-grid-head" role="presentation">
          <span>标题</span>
          <span>地区</span>
          <span>类型 · 阶段</span>
          <span>日期</span>
          <span className="num">条</span>
          <span className="num">提示</span>
          <span />
        </div>
      </div>
      <DocumentGrid rows={rows} index={index} onAction={setAction} />
      {action && <DocumentDialog action={action} onClose={() => setAction(null)} onChanged={reload} />}
    </section>
  );
}

/** What the rows need to know of the whole library: documents by id, which are followed by a later version, how many of each work. */
interface LibraryIndex {
  byId: Map<string, DocumentSummary>;
  /** Ids of the documents a later version follows (`supersedes` of another). */
  followed: Set<string>;
  versionsOfWork: Map<string, number>;
  works: number;
}

function libraryIndex(documents: DocumentSummary[]): LibraryIndex {
  const byId = new Map(documents.map((d) => [d.id, d] as const));
  const followed = new Set<string>();
  const versionsOfWork = new Map<string, number>();
  for (const d of documents) {
    if (d.supersedes) followed.add(d.supersedes.split('@')[0]!);
    const work = d.work || d.id;
    versionsOfWork.set(work, (versionsOfWork.get(work) ?? 0) + 1);
  }
  return { byId, followed, versionsOfWork, works: versionsOfWork.size };
}

function matches(d: DocumentSummary, f: Filters, index: LibraryIndex, except?: FacetKey): boolean {
  for (const key of ['jurisdiction', 'kind', 'year'] as const) {
    if (key !== except && f[key] && facet[key](d) !== f[key]) return false;
  }
  if (f.latest && index.followed.has(d.id)) return false;
  const terms = queryTerms(f.text);
  if (terms.length) {
    const text = `${d.label} ${d.title} ${d.id} ${d.originalName ?? ''}`.toLowerCase();
    if (!terms.every((t) => text.includes(t))) return false;
  }
  return true;
}

/** The rows shown: filtered, then sorted; by title, the versions of one law together, newest first. */
function arrange(documents: DocumentSummary[], index: LibraryIndex, f: Filters, sort: Sort): DocumentSummary[] {
  const kept = documents.filter((d) => matches(d, f, index));
  const date = (d: DocumentSummary) => d.versionDate ?? yearOf(d) ?? '';
  if (sort === 'title') {
    return kept.sort((a, b) => collator.compare(a.title, b.title) || (a.work === b.work ? date(b).localeCompare(date(a)) : collator.compare(a.work, b.work)) || collator.compare(a.id, b.id));
  }
  if (sort === 'date') return kept.sort((a, b) => date(b).localeCompare(date(a)) || collator.compare(a.title, b.title));
  return kept;
}

/** Each filter's values with how many documents the other filters leave for each. */
function facetOptions(documents: DocumentSummary[], index: LibraryIndex, f: Filters): Record<FacetKey, Array<{ value: string; label: string; count: number }>> {
  const out = {} as Record<FacetKey, Array<{ value: string; label: string; count: number }>>;
  for (const key of ['jurisdiction', 'kind', 'year'] as const) {
    const counts = new Map<string, number>();
    for (const d of documents) {
      if (!matches(d, f, index, key)) continue;
      const v = facet[key](d);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    // The value chosen stays offered even when the other filters leave none of it.
    if (f[key] && !counts.has(f[key])) counts.set(f[key], 0);
    const values = [...counts.keys()];
    if (key === 'year') values.sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : b.localeCompare(a)));
    else values.sort((a, b) => (a === NONE ? 1 : b === NONE ? -1 : counts.get(b)! - counts.get(a)! || collator.compare(a, b)));
    out[key] = values.map((v) => ({ value: v, label: v === NONE ? '未注明' : key === 'year' ? `${v}年` : v, count: counts.get(v)! }));
  }
  return out;
}

/** The list itself: a grid whose rows are drawn only where they are in view. */
function DocumentGrid({ rows, index, onAction }: { rows: DocumentSummary[]; index: LibraryIndex; onAction: (a: DocumentAction) => void }) {
  const gridRef = useRef<HTMLDivElement>(null);
  const range = useVirtualRange(gridRef, rows.length, ROW_HEIGHT);
  const [active, setActive] = useState(0);
  // A new filter starts at the top.
  useEffect(() => setActive((a) => Math.min(a, Math.max(0, rows.length - 1))), [rows]);

  const stickyHeight = (): number => gridRef.current?.parentElement?.querySelector<HTMLElement>('.library-sticky')?.offsetHeight ?? 0;
  const moveTo = (i: number): void => {
    const to = Math.max(0, Math.min(rows.length - 1, i));
    setActive(to);
    if (gridRef.current) scrollRowIntoView(gridRef.current, to, ROW_HEIGHT, stickyHeight());
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.target !== e.currentTarget) return; // keys in a row's own links and buttons are theirs
    const page = gridRef.current ? rowsPerPage(gridRef.current, ROW_HEIGHT) - 1 : 10;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => rows[active] && navigate(readerHash(rows[active]!.id, 0)),
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  if (rows.length === 0) {
    return (
      <div className="doc-grid empty" data-testid="doc-table">
        没有符合条件的文档。
      </div>
    );
  }
  return (
    <div
      ref={gridRef}
      className="doc-grid"
      role="grid"
      aria-label="文库中的文档（↑↓ 选择，回车打开）"
      aria-rowcount={rows.length}
      aria-colcount={7}
      aria-activedescendant={`doc-row-${active}`}
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={{ height: rows.length * ROW_HEIGHT }}
      data-testid="doc-table"
    >
      {rows.slice(range.start, range.end).map((d, k) => {
        const i = range.start + k;
        return <DocRow key={d.id} doc={d} index={i} active={i === active} library={index} onAction={onAction} onPick={() => setActive(i)} />;
      })}
    </div>
  );
}

function DocRow({
  doc,
  index,
  active,
  library,
  onAction,
  onPick,
}: {
  doc: DocumentSummary;
  index: number;
  active: boolean;
  library: LibraryIndex;
  onAction: (a: DocumentAction) => void;
  onPick: () => void;
}) {
  const href = readerHash(doc.id, 0);
  const labels = doc.versionLabels.filter((l): l is string => !!l);
  const before = doc.supersedes ? library.byId.get(doc.supersedes.split('@')[0]!) : undefined;
  const siblings = library.versionsOfWork.get(doc.work || doc.id) ?? 1;
  const dates = rowDates(doc);
  const allDates = [...(doc.dates.amended ?? []).map((a) => `修改 ${formatDate(a)}`), ...dateEntries(doc.dates).map((e) => `${e.label} ${e.value}`)].join('\n');
  return (
    <div
      id={`doc-row-${index}`}
      className={active ? 'doc-row active' : 'doc-row'}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={active}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      data-testid="doc-row"
      data-doc-id={doc.id}
      data-index={index}
      onClick={() => {
        onPick();
        navigate(href);
      }}
    >
      <div role="gridcell" className="col-title">
        <a href={href} className="doc-title" data-testid="doc-title" title={docName(doc)} onClick={(e) => e.stopPropagation()} tabIndex={-1}>
          {docName(doc)}
        </a>
        <div className="doc-sub">
          {doc.source === 'library' && <span className="tag">导入</span>}
          {labels.length > 0 && (
            <span className="version-labels" data-testid="version-labels">
              {doc.versions} 个版本：{labels.join(' / ')}
            </span>
          )}
          {before ? (
            <span className="doc-follows" data-testid="doc-follows" title={`接续 ${docName(before)}`}>
              接续 {docName(before)}
            </span>
          ) : doc.supersedes ? (
            <span className="doc-follows" data-testid="doc-follows">
              接续 {doc.supersedes}
            </span>
          ) : null}
          {siblings > 1 && !before && (
            <span className="doc-work" data-testid="doc-work">
              本法规共 {siblings} 个版本
            </span>
          )}
          <span className="doc-id">{doc.id}</span>
        </div>
      </div>
      <div role="gridcell" className="col-place">
        {doc.jurisdiction || '—'}
      </div>
      <div role="gridcell" className="col-kind">
        <div>{kindLabel(doc.kind) || '—'}</div>
        {doc.stage && <div className="muted">{stageLabel(doc.stage)}</div>}
      </div>
      <div role="gridcell" className="dates" title={allDates}>
        {dates.map((d) => (
          <div key={d.label}>
            <span className="date-label">{d.label}</span> {d.value}
          </div>
        ))}
        {dates.length === 0 && <span className="muted">—</span>}
      </div>
      <div role="gridcell" className="num">
        {doc.articles}
        {doc.chapters > 0 && <div className="muted">{doc.chapters} 章</div>}
      </div>
      <div role="gridcell" className="num">
        {doc.warnings > 0 ? (
          <span className="badge warn" title="解析提示：打开文档可查看行号">
            {doc.warnings}
          </span>
        ) : (
          <span className="muted">0</span>
        )}
      </div>
      <div role="gridcell" className="doc-tools" data-testid="doc-tools" onClick={(e) => e.stopPropagation()}>
        {doc.source === 'library' && (
          <>
            <button type="button" className="link" onClick={() => onAction({ kind: 'edit', doc })} data-testid="doc-edit" tabIndex={-1}>
              编辑信息
            </button>
            <button type="button" className="link danger" onClick={() => onAction({ kind: 'remove', doc })} data-testid="doc-remove" tabIndex={-1}>
              删除
            </button>
          </>
        )}
        <SimilarButton docRef={doc.versions > 1 ? `${doc.id}@${doc.versions - 1}` : doc.id} compact />
      </div>
    </div>
  );
}

/** The two dates a row has room for: the latest 修改 (the version's date), then 施行, 通过, 公布, 起草. */
function rowDates(doc: DocumentSummary): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  const amended = doc.dates.amended?.at(-1);
  if (amended) out.push({ label: '修改', value: formatDate(amended) });
  const order = ['施行', '通过', '公布', '起草'];
  const rest = dateEntries(doc.dates).sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label));
  return [...out, ...rest].slice(0, 2);
}
