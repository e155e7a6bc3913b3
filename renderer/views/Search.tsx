/**
 * 检索: topic search over every article of the library, as a researcher reads it — the laws that answer,
 * best first (or newest first), each with its best articles and its versions; facets with counts to narrow
 * by 地区, 类型, 年份 and 现行/历史; the hits exported as CSV or Excel.
 *
 * The query, the filters, the order and the layout live in the hash
 * (`#/search?q=融资担保&jurisdiction=湖南,浙江&sort=date&latest=0&view=articles`, see
 * components/search-params.ts), so a search can be linked, reloaded and gone back to. Typing searches after
 * a pause; ↑/↓ in the box move through the hits and Enter opens the one selected in the Reader at that
 * article with the matched terms highlighted; every hit is also a link (Tab, and ↑/↓ between them).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SearchFacets, SearchHit, SearchOptions, SearchResult } from '../../electron/engine/index/types';
import { call } from '../api';
import { ActiveFilters, type Chip, FacetPanel, facetLabel, typedChips } from '../components/SearchFacets';
import { SearchExport } from '../components/SearchExport';
import { GroupCard, HitRow, hitHref, NoResults, refOf, versionName } from '../components/SearchResults';
import {
  FILTER_KEYS,
  FILTER_LABELS,
  hasFilters,
  parseSearchParams,
  removeQueryFilter,
  searchHash,
  searchOptions,
  toggleFilter,
  withFilter,
  type FilterKey,
  type SearchParams,
} from '../components/search-params';
import { DocumentPicker } from '../components/DocumentPicker';
import { ErrorBox } from '../components/Status';
import { docName } from '../documents';
import { useDocumentList } from '../hooks';
import { navigate } from '../route';
import type { ViewProps } from '../route';

/** Pause after the last keystroke before searching. */
const TYPING_PAUSE_MS = 300;
/** A search slower than this shows a notice (the first one may wait for the index). */
const SLOW_MS = 400;
/** Articles per page (the article list, and one law's articles). */
const HITS_PAGE = 50;
/** Laws per page; the API lists at most MAX_GROUPS. */
const GROUPS_PAGE = 20;
const MAX_GROUPS = 200;
/** Best articles shown under each law. */
const GROUP_HITS = 3;
/** Facets whose counts, once one of their values is chosen, come from the search without that choice. */
const FACET_KEYS = ['jurisdiction', 'kind', 'year', 'status'] as const;

const EXAMPLES = ['政府采购 预留份额', '融资担保', '首台（套）', '"无还本续贷"', '第三方评估 jurisdiction:湖南', '人才 -培训'];

type SearchState =
  | { state: 'idle' }
  | { state: 'loading'; previous: SearchResult | null; slow: boolean }
  | { state: 'ready'; result: SearchResult }
  | { state: 'error'; message: string };

type SearchRequest = { query: string } & SearchOptions;

export function SearchView({ route }: ViewProps) {
  const params = useMemo(() => parseSearchParams(route.params), [route.params]);
  const { q: query } = params;
  const listed = useDocumentList();
  const [draft, setDraft] = useState(query);
  const [selected, setSelected] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const resultsRef = useRef<HTMLDivElement>(null);

  // The hash is the truth; the box follows it when it changes from outside (back, a link, a chip's ×).
  useEffect(() => setDraft((d) => (d.trim() === query ? d : query)), [query]);
  useEffect(() => inputRef.current?.focus(), []);

  const go = (next: SearchParams, replace = false): void => navigate(searchHash(next), replace);

  // Search after a pause in typing.
  useEffect(() => {
    if (draft.trim() === query) return;
    const t = setTimeout(() => go({ ...params, q: draft }, true), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  // What is asked: everything but the layout (both layouts read the same answer).
  const options = useMemo(() => searchOptions(params), [params]);
  const baseKey = JSON.stringify([query, options]);
  const active = query !== '' || hasFilters(params);

  // More laws, more articles: for this search only (a new search starts at the first page).
  const [more, setMore] = useState<{ key: string; groups: number; hits: SearchHit[]; loading: boolean }>({ key: baseKey, groups: GROUPS_PAGE, hits: [], loading: false });
  const page = more.key === baseKey ? more : { key: baseKey, groups: GROUPS_PAGE, hits: [] as SearchHit[], loading: false };

  const request: SearchRequest = { query, limit: HITS_PAGE, groupLimit: page.groups, groupHits: GROUP_HITS, ...options };
  const search = useSearch(active ? request : null);
  const facetCounts = useFacetCounts(active ? params : null, baseKey);
  useEffect(() => setSelected(0), [baseKey, params.layout]);

  const result = search.state === 'ready' ? search.result : search.state === 'loading' ? search.previous : null;
  const allHits = useMemo(() => (result ? [...result.hits, ...page.hits] : []), [result, page.hits]);
  const oneLaw = !!result && result.totalGroups === 1 && result.groups.length === 1;
  const layout = params.layout;

  // Every hit shown, in keyboard order.
  const shownHits: SearchHit[] = !result ? [] : layout === 'articles' || oneLaw ? allHits : result.groups.flatMap((g) => g.hits);

  // Keep the selected hit in view.
  useEffect(() => {
    resultsRef.current?.querySelector<HTMLElement>(`[data-index="${selected}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const open = (hit: SearchHit | undefined): void => {
    if (hit) navigate(hitHref(hit));
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setSelected((i) => Math.min(i + 1, Math.max(shownHits.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setSelected((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter on a query that has not been searched yet searches; on shown results it opens the hit.
      if (draft.trim() !== query) go({ ...params, q: draft }, true);
      else open(shownHits[selected]);
    }
  };

  const loadMoreHits = (): void => {
    if (!result || page.loading) return;
    const key = baseKey;
    setMore({ ...page, loading: true });
    call('search', { ...request, offset: allHits.length, limit: HITS_PAGE, groupLimit: 0 }).then(
      (r) => setMore((m) => (m.key === key ? { ...m, hits: [...m.hits, ...r.hits], loading: false } : m)),
      () => setMore((m) => (m.key === key ? { ...m, loading: false } : m)),
    );
  };
  const loadMoreGroups = (): void => setMore({ ...page, groups: Math.min(page.groups + GROUPS_PAGE, MAX_GROUPS) });

  // Filters in force: those set here (the hash) and those typed in the query.
  const byId = new Map((listed ?? []).map((d) => [d.id, d] as const));
  const docTitles = new Map([...byId].map(([id, d]) => [id, docName(d)] as const));
  const chips: Chip[] = [];
  for (const key of FILTER_KEYS) {
    const values = params.filters[key];
    if (values.length === 0) continue;
    if (key === 'doc') {
      chips.push({ key: 'doc', text: `${FILTER_LABELS.doc}：${docFilterLabel(values, result, docTitles)}`, typed: null, remove: () => go(withFilter(params, 'doc', [])) });
      continue;
    }
    for (const v of values) chips.push({ key: `${key}:${v}`, text: `${FILTER_LABELS[key]}：${facetLabel(key, v)}`, typed: null, remove: () => go(toggleFilter(params, key, v)) });
  }
  if (result) chips.push(...typedChips(result.parsed, params, (key, value) => go({ ...params, q: removeQueryFilter(query, key, value) })));
  const clearAll = (): void => {
    let q = query;
    for (const c of chips) if (c.typed) q = removeQueryFilter(q, c.typed.key, c.typed.value);
    go({ ...params, q, filters: Object.fromEntries(FILTER_KEYS.map((k) => [k, []])) as unknown as Record<FilterKey, string[]> });
  };

  const facets: SearchFacets | null = result ? { ...result.facets, ...facetCounts } : null;
  const showResults = result && result.total > 0;
  let index = 0;
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
          placeholder='检索条文：政府采购 预留份额 · "精确短语" · -排除词 · jurisdiction:湖南 · year:2023'
          aria-label="检索词"
          aria-controls="search-results"
          aria-describedby="search-status"
          data-testid="search-input"
        />
        <DocumentPicker
          className="search-doc-filter"
          documents={listed}
          value={params.filters.doc.length === 1 ? params.filters.doc[0]! : ''}
          onChange={(ref) => go(withFilter(params, 'doc', ref ? [ref] : []), true)}
          label="文档"
          testId="search-filter-doc"
          emptyChoice="全部文档"
          wholeDocuments
          placeholder="全部文档（输入标题、地区或年份筛选）"
        />
      </form>
      {active && (
        <div className="search-toolbar" data-testid="search-toolbar">
          <div className="seg" role="group" aria-label="排序">
            <span className="seg-label">排序</span>
            <button type="button" aria-pressed={params.sort === 'relevance'} onClick={() => go({ ...params, sort: 'relevance' })} data-testid="search-sort-relevance">
              相关度
            </button>
            <button type="button" aria-pressed={params.sort === 'date'} onClick={() => go({ ...params, sort: 'date' })} data-testid="search-sort-date" title="日期新的在前">
              日期
            </button>
          </div>
          <div className="seg" role="group" aria-label="显示方式">
            <span className="seg-label">显示</span>
            <button type="button" aria-pressed={layout === 'laws'} onClick={() => go({ ...params, layout: 'laws' })} data-testid="search-layout-laws">
              按法规
            </button>
            <button type="button" aria-pressed={layout === 'articles'} onClick={() => go({ ...params, layout: 'articles' })} data-testid="search-layout-articles">
              按条文
            </button>
          </div>
          <label className="search-latest" title="取消后，历史版本与现行版本同等排序">
            <input type="checkbox" checked={params.latestFirst} onChange={(e) => go({ ...params, latestFirst: e.target.checked })} data-testid="search-latest" />
            现行版本优先
          </label>
          <SearchExport query={query} options={options} total={result?.total ?? 0} />
        </div>
      )}
      {active && <ActiveFilters chips={chips} onClear={clearAll} />}
      <SearchStatus search={search} result={result} layout={layout} shown={layout === 'articles' || oneLaw ? allHits.length : (result?.groups.length ?? 0)} />
      {result && result.total === 0 && search.state !== 'loading' && (
        <NoResults result={result} query={query} filters={chips.map((c) => c.text)} onClearFilters={chips.length > 0 ? clearAll : null} />
      )}
      {showResults && (
        <div className="search-body">
          {facets && <FacetPanel facets={facets} params={params} onToggle={(key, value) => go(toggleFilter(params, key, value))} />}
          <div
            id="search-results"
            ref={resultsRef}
            className={search.state === 'loading' ? 'search-results stale' : 'search-results'}
            role="region"
            aria-label="检索结果"
            aria-busy={search.state === 'loading'}
            data-testid="search-results"
          >
            {layout === 'articles' ? (
              <ol className="search-hits" data-testid="search-hits">
                {allHits.map((h, i) => (
                  <HitRow key={`${refOf(h)}/${h.article}_${h.sub ?? 0}`} hit={h} index={i} selected={i === selected} groupRef={null} onSelect={setSelected} docName={byId.has(h.doc) ? docName(byId.get(h.doc)!) : undefined} />
                ))}
              </ol>
            ) : oneLaw ? (
              <GroupCard
                group={result.groups[0]!}
                hits={allHits}
                first={0}
                selected={selected}
                onSelect={setSelected}
                onAll={null}
                onVersion={(ref) => go(withFilter(params, 'doc', [ref]))}
              />
            ) : (
              <div className="search-groups" data-testid="search-groups">
                {result.groups.map((g) => {
                  const first = index;
                  index += g.hits.length;
                  return (
                    <GroupCard
                      key={g.work}
                      group={g}
                      hits={g.hits}
                      first={first}
                      selected={selected}
                      onSelect={setSelected}
                      onAll={(refs) => go(withFilter(params, 'doc', refs))}
                      onVersion={(ref) => go(withFilter(params, 'doc', [ref]))}
                    />
                  );
                })}
              </div>
            )}
            <MoreButton
              layout={layout}
              oneLaw={oneLaw}
              result={result}
              hits={allHits.length}
              groupLimit={page.groups}
              loading={page.loading || search.state === 'loading'}
              onMoreHits={loadMoreHits}
              onMoreGroups={loadMoreGroups}
            />
          </div>
        </div>
      )}
      {!active && <SearchHelp onPick={(q) => go({ ...params, q })} />}
    </section>
  );
}

/** The name of a 法规 filter: the law its versions belong to, else the documents' titles, else their ids. */
function docFilterLabel(refs: string[], result: SearchResult | null, titles: Map<string, string>): string {
  const group = result?.groups.find((g) => refs.every((r) => g.versions.some((v) => refOf(v) === r || v.doc === r)));
  if (group) {
    if (refs.length === 1) {
      const v = group.versions.find((x) => refOf(x) === refs[0] || x.doc === refs[0]);
      // One text of a law: which one (the filtered results know no other version to tell it from).
      return v ? `${group.title}（${versionName(v)}${v.current ? '' : '，历史版本'}）` : group.title;
    }
    return `${group.title}（${refs.length} 个版本）`;
  }
  return [...new Set(refs.map((r) => titles.get(r.replace(/@\d+$/, '')) ?? r))].join('、');
}

/** Runs the search for the current request; keeps the previous results on screen while the next loads. */
function useSearch(request: SearchRequest | null): SearchState {
  const [state, setState] = useState<SearchState>({ state: 'idle' });
  const last = useRef<SearchResult | null>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    if (!request) {
      setState({ state: 'idle' });
      return;
    }
    let live = true;
    setState({ state: 'loading', previous: last.current, slow: false });
    const slow = setTimeout(() => live && setState({ state: 'loading', previous: last.current, slow: true }), SLOW_MS);
    call('search', request).then(
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

/**
 * Counts for a facet one of whose values is chosen: from the same search without that choice, so that the
 * other values stay on offer (湖南 chosen, 浙江 and 深圳 can be added) with what each would add.
 */
function useFacetCounts(params: SearchParams | null, key: string): Partial<SearchFacets> {
  const [counts, setCounts] = useState<{ key: string; facets: Partial<SearchFacets> }>({ key: '', facets: {} });
  const chosen = params ? FACET_KEYS.filter((k) => params.filters[k].length > 0) : [];
  useEffect(() => {
    if (!params || chosen.length === 0) return;
    let live = true;
    Promise.all(
      chosen.map((k) =>
        call('search', { query: params.q, limit: 1, groupLimit: 0, groupHits: 0, ...searchOptions(params, k) }).then(
          (r) => [k, r.facets[k]] as const,
          () => null,
        ),
      ),
    ).then((pairs) => {
      if (live) setCounts({ key, facets: Object.fromEntries(pairs.filter((p) => p !== null)) as Partial<SearchFacets> });
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return counts.key === key ? counts.facets : {};
}

function SearchStatus({ search, result, layout, shown }: { search: SearchState; result: SearchResult | null; layout: 'laws' | 'articles'; shown: number }) {
  if (search.state === 'error') return <ErrorBox message={search.message} />;
  if (search.state === 'loading') {
    return (
      <div className="search-summary muted" role="status" id="search-status" data-testid="search-loading">
        {search.slow ? '正在准备检索索引（首次检索需要几秒）…' : '检索中…'}
      </div>
    );
  }
  if (search.state !== 'ready' || !result) return null;
  const r = result;
  if (r.total === 0) return null;
  const of = layout === 'articles' || r.totalGroups === 1 ? (shown < r.total ? `，显示前 ${shown} 条` : '') : shown < r.totalGroups ? `，显示前 ${shown} 部` : '';
  return (
    <div className="search-summary" role="status" id="search-status" data-testid="search-summary">
      <span>
        共 <strong data-testid="search-total">{r.total}</strong> 条，分属 <strong data-testid="search-laws">{r.totalGroups}</strong> 部法规{of}
        {r.parsed.words.length > 0 && <span className="muted">　检索词：{r.parsed.words.join(' · ')}</span>}
        {r.parsed.phrases.length > 0 && <span className="muted">　短语：{r.parsed.phrases.map((p) => `“${p}”`).join(' ')}</span>}
        {r.parsed.excluded.length > 0 && <span className="muted">　排除：{r.parsed.excluded.join(' · ')}</span>}
      </span>
      {r.warnings.map((w, i) => (
        <div key={i} className="search-warning" data-testid="search-warning">
          {w}
        </div>
      ))}
    </div>
  );
}

function MoreButton(p: {
  layout: 'laws' | 'articles';
  oneLaw: boolean;
  result: SearchResult;
  hits: number;
  groupLimit: number;
  loading: boolean;
  onMoreHits: () => void;
  onMoreGroups: () => void;
}) {
  const articles = p.layout === 'articles' || p.oneLaw;
  if (articles) {
    if (p.hits >= p.result.total) return null;
    return (
      <div className="search-more">
        <button type="button" onClick={p.onMoreHits} disabled={p.loading} data-testid="search-more">
          {p.loading ? '正在载入…' : `显示更多条文（已显示 ${p.hits} / ${p.result.total} 条）`}
        </button>
      </div>
    );
  }
  const shown = p.result.groups.length;
  if (shown >= p.result.totalGroups) return null;
  if (p.groupLimit >= MAX_GROUPS) {
    return <p className="search-more muted">只列出前 {MAX_GROUPS} 部法规（共 {p.result.totalGroups} 部）；请用左侧筛选或更多检索词缩小范围，或导出全部结果。</p>;
  }
  return (
    <div className="search-more">
      <button type="button" onClick={p.onMoreGroups} disabled={p.loading} data-testid="search-more">
        {p.loading ? '正在载入…' : `显示更多法规（已显示 ${shown} / ${p.result.totalGroups} 部）`}
      </button>
    </div>
  );
}

function SearchHelp({ onPick }: { onPick: (q: string) => void }) {
  return (
    <div className="search-help" data-testid="search-help">
      <p>按主题检索全部文档的条文。多个词须同时出现；结果按法规归组，相关程度高的在前，同一法规的现行版本优先。</p>
      <ul>
        <li>
          <code>"预留的采购份额"</code> 精确短语
        </li>
        <li>
          <code>-担保</code> 排除含该词的条文
        </li>
        <li>
          <code>jurisdiction:湖南</code> <code>doc:hunan-2020</code> <code>kind:地方性法规</code> <code>stage:施行</code> <code>year:2023</code> 限定范围（也可在结果左侧点选）
        </li>
      </ul>
      <p>
        例如：
        {EXAMPLES.map((q) => (
          <button key={q} type="button" className="search-example" onClick={() => onPick(q)}>
            {q}
          </button>
        ))}
      </p>
    </div>
  );
}
