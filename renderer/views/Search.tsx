/**
 * 检索: topic search over every article of the library. The query and the filters live in the hash
 * (`#/search?q=政府采购 预留份额&jurisdiction=湖南`), so a search can be linked, reloaded and gone back to.
 * Typing searches after a pause; ↑/↓ move through the hits, Enter (or a click) opens the Reader at the
 * article with the matched terms highlighted (`#/reader/<doc>@<v>/<article>?hl=…`).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary } from '../../electron/api/contract';
import type { SearchHit, SearchResult } from '../../electron/engine/index/types';
import { call } from '../api';
import { highlightParam, RangeMarks } from '../components/SearchMarks';
import { DocumentPicker } from '../components/DocumentPicker';
import { ErrorBox } from '../components/Status';
import { docName } from '../documents';
import { kindLabel, stageLabel } from '../format';
import { useDocumentList } from '../hooks';
import { formatHash, navigate, readerHash, withParams } from '../route';
import type { ViewProps } from '../route';

/** Pause after the last keystroke before searching. */
const TYPING_PAUSE_MS = 300;
/** A search slower than this shows a notice (the first one may wait for the index). */
const SLOW_MS = 400;
const LIMIT = 50;

const FILTERS = [
  { key: 'doc', label: '文档', all: '全部文档' },
  { key: 'jurisdiction', label: '地区', all: '全部地区' },
  { key: 'kind', label: '类型', all: '全部类型' },
  { key: 'stage', label: '阶段', all: '全部阶段' },
] as const;
type FilterKey = (typeof FILTERS)[number]['key'];

const EXAMPLES = ['政府采购 预留份额', '融资担保', '首台（套）', '"无还本续贷"', '第三方评估 jurisdiction:湖南', '人才 -培训'];

type SearchState =
  | { state: 'idle' }
  | { state: 'loading'; previous: SearchResult | null; slow: boolean }
  | { state: 'ready'; result: SearchResult }
  | { state: 'error'; message: string };

export function SearchView({ route }: ViewProps) {
  const params = route.params;
  const query = (params.q ?? '').trim();
  const filters: Record<FilterKey, string> = { doc: params.doc ?? '', jurisdiction: params.jurisdiction ?? '', kind: params.kind ?? '', stage: params.stage ?? '' };
  const listed = useDocumentList();
  const [draft, setDraft] = useState(query);
  const [selected, setSelected] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLOListElement>(null);

  // The hash is the truth; the box follows it when it changes from outside (back, a link).
  useEffect(() => setDraft((d) => (d.trim() === query ? d : query)), [query]);
  useEffect(() => inputRef.current?.focus(), []);

  const go = (q: string, f: Record<FilterKey, string>, replace: boolean): void =>
    navigate(withParams(formatHash('search'), { q: q.trim(), ...f }), replace);

  // Search after a pause in typing.
  useEffect(() => {
    if (draft.trim() === query) return;
    const t = setTimeout(() => go(draft, filters, true), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  const key = JSON.stringify([query, filters]);
  const search = useSearch(query, filters, key);
  useEffect(() => setSelected(0), [key]);

  const hits = search.state === 'ready' ? search.result.hits : search.state === 'loading' ? (search.previous?.hits ?? []) : [];

  // Keep the selected hit in view.
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const open = (hit: SearchHit | undefined): void => {
    if (!hit) return;
    navigate(withParams(readerHash(hit.doc, hit.version, { number: hit.article, sub: hit.sub }), { hl: highlightParam(hit.terms) }));
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((i) => Math.min(i + 1, Math.max(hits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter on a query that has not been searched yet searches; on shown results it opens the hit.
      if (draft.trim() !== query) go(draft, filters, true);
      else open(hits[selected]);
    }
  };

  const documents = listed ?? [];
  const byId = new Map(documents.map((d) => [d.id, d] as const));
  return (
    <section className="search" data-testid="search-view">
      <form className="search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          ref={inputRef}
          className="search-input"
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          placeholder='检索条文：政府采购 预留份额 · "精确短语" · -排除词 · jurisdiction:湖南'
          aria-label="检索词"
          aria-controls="search-hits"
          data-testid="search-input"
        />
        <DocumentPicker
          className="search-doc-filter"
          documents={listed}
          value={filters.doc}
          onChange={(ref) => go(draft, { ...filters, doc: ref }, true)}
          label="文档"
          testId="search-filter-doc"
          emptyChoice="全部文档"
          wholeDocuments
          placeholder="全部文档（输入标题、地区或年份筛选）"
        />
        {FILTERS.filter((f) => f.key !== 'doc').map((f) => (
          <select
            key={f.key}
            className="search-filter"
            value={filters[f.key]}
            aria-label={f.label}
            data-testid={`search-filter-${f.key}`}
            onChange={(e) => go(draft, { ...filters, [f.key]: e.target.value }, true)}
          >
            <option value="">{f.all}</option>
            {facetOptions(f.key as Exclude<FilterKey, 'doc'>, documents).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ))}
      </form>
      <SearchStatus search={search} query={query} hasFilters={Object.values(filters).some(Boolean)} />
      {hits.length > 0 && (
        <ol
          id="search-hits"
          className={search.state === 'loading' ? 'search-hits stale' : 'search-hits'}
          ref={listRef}
          role="listbox"
          aria-label="检索结果"
          tabIndex={0}
          onKeyDown={onKeyDown}
          data-testid="search-hits"
        >
          {hits.map((h, i) => (
            <HitRow key={`${h.doc}@${h.version}/${h.article}_${h.sub ?? 0}`} hit={h} doc={byId.get(h.doc)} index={i} selected={i === selected} onSelect={() => setSelected(i)} onOpen={() => open(h)} />
          ))}
        </ol>
      )}
      {!query && !Object.values(filters).some(Boolean) && <SearchHelp onPick={(q) => go(q, filters, false)} />}
    </section>
  );
}

/** Runs the search for the current hash; keeps the previous results on screen while the next loads. */
function useSearch(query: string, filters: Record<FilterKey, string>, key: string): SearchState {
  const [state, setState] = useState<SearchState>({ state: 'idle' });
  const last = useRef<SearchResult | null>(null);
  useEffect(() => {
    if (!query && !Object.values(filters).some(Boolean)) {
      setState({ state: 'idle' });
      return;
    }
    let live = true;
    setState({ state: 'loading', previous: last.current, slow: false });
    const slow = setTimeout(() => live && setState({ state: 'loading', previous: last.current, slow: true }), SLOW_MS);
    call('search', {
      query,
      limit: LIMIT,
      ...(filters.doc ? { docs: [filters.doc] } : {}),
      ...(filters.jurisdiction ? { jurisdictions: [filters.jurisdiction] } : {}),
      ...(filters.kind ? { kinds: [filters.kind] } : {}),
      ...(filters.stage ? { stages: [filters.stage] } : {}),
    }).then(
      (result) => {
        clearTimeout(slow);
        if (!live) return;
        last.current = result;
        setState({ state: 'ready', result });
      },
      (e: unknown) => {
        clearTimeout(slow);
        if (live) setState({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
      clearTimeout(slow);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

function facetOptions(key: Exclude<FilterKey, 'doc'>, documents: DocumentSummary[]): Array<{ value: string; label: string }> {
  const values = [...new Set(documents.map((d) => d[key]).filter(Boolean))];
  const label = key === 'kind' ? kindLabel : key === 'stage' ? stageLabel : (v: string) => v;
  return values.map((v) => ({ value: v, label: label(v) }));
}

function SearchStatus({ search, query, hasFilters }: { search: SearchState; query: string; hasFilters: boolean }) {
  if (search.state === 'error') return <ErrorBox message={search.message} />;
  if (search.state === 'loading') {
    return (
      <div className="search-summary muted" role="status" data-testid="search-loading">
        {search.slow ? '正在准备检索索引（首次检索需要几秒）…' : '检索中…'}
      </div>
    );
  }
  if (search.state !== 'ready') return null;
  const r = search.result;
  const shown = r.hits.length < r.total ? `，显示前 ${r.hits.length} 条` : '';
  return (
    <div className="search-summary" role="status" data-testid="search-summary">
      {r.total > 0 ? (
        <span>
          共 <strong data-testid="search-total">{r.total}</strong> 条{shown}
          {r.parsed.words.length > 0 && <span className="muted">　检索词：{r.parsed.words.join(' · ')}</span>}
          {r.parsed.phrases.length > 0 && <span className="muted">　短语：{r.parsed.phrases.map((p) => `“${p}”`).join(' ')}</span>}
          {r.parsed.excluded.length > 0 && <span className="muted">　排除：{r.parsed.excluded.join(' · ')}</span>}
        </span>
      ) : (
        <span data-testid="search-empty">
          没有找到{query ? `“${query}”` : ''}{hasFilters ? '（在所选范围内）' : ''}。可以减少检索词，或改用更短的词。
        </span>
      )}
      {r.warnings.map((w, i) => (
        <div key={i} className="search-warning" data-testid="search-warning">
          {w}
        </div>
      ))}
    </div>
  );
}

function HitRow({ hit, doc, index, selected, onSelect, onOpen }: { hit: SearchHit; doc: DocumentSummary | undefined; index: number; selected: boolean; onSelect: () => void; onOpen: () => void }) {
  // The version it is, by the library's label (two versions of one law share a title).
  const name = doc ? docName(doc) : hit.title;
  return (
    <li
      className={selected ? 'search-hit selected' : 'search-hit'}
      role="option"
      aria-selected={selected}
      data-index={index}
      data-testid="search-hit"
      data-doc={hit.doc}
      data-version={hit.version}
      data-article={hit.article}
      onMouseEnter={onSelect}
      onClick={onOpen}
    >
      <div className="hit-head">
        <span className="hit-article">
          {hit.label}
          {hit.heading && <span className="hit-heading">【{hit.heading}】</span>}
        </span>
        <span className="hit-doc" title={name} data-testid="hit-doc">
          {name}
          {hit.versionLabel && <span className="hit-version">{hit.versionLabel}</span>}
        </span>
        <span className="hit-para muted">第{hit.paragraph}款</span>
      </div>
      <p className="hit-snippet" data-testid="search-snippet">
        <RangeMarks text={hit.snippet} ranges={hit.highlights} />
      </p>
    </li>
  );
}

function SearchHelp({ onPick }: { onPick: (q: string) => void }) {
  const examples = useMemo(() => EXAMPLES, []);
  return (
    <div className="search-help" data-testid="search-help">
      <p>按主题检索全部文档的条文。多个词须同时出现；结果按相关程度排列，标题（【】）中出现的词最为相关。</p>
      <ul>
        <li>
          <code>"预留的采购份额"</code> 精确短语
        </li>
        <li>
          <code>-担保</code> 排除含该词的条文
        </li>
        <li>
          <code>jurisdiction:湖南</code> <code>doc:hunan-2020</code> <code>kind:地方性法规</code> <code>stage:施行</code> <code>year:2023</code> 限定范围
        </li>
      </ul>
      <p>
        例如：
        {examples.map((q) => (
          <button key={q} type="button" className="search-example" onClick={() => onPick(q)}>
            {q}
          </button>
        ))}
      </p>
    </div>
  );
}
