/**
 * The 检索 view's results: laws (groups) with their best articles and their versions, articles (hits) with
 * their highlighted snippet and a link to the Reader at that article, and the answer when nothing is found
 * (what was searched, where, with which filters).
 */
import type { KeyboardEvent, MouseEvent } from 'react';
import type { SearchGroup, SearchGroupVersion, SearchHit, SearchResult } from '../../electron/engine/index/types';
import { formatDate, kindLabel } from '../format';
import { formatHash, navigate, readerHash, withParams } from '../route';
import { highlightParam, RangeMarks } from './SearchMarks';

export const refOf = (x: { doc: string; version: number }): string => `${x.doc}@${x.version}`;

/** The Reader at a hit's article, its matched terms marked. */
export function hitHref(hit: SearchHit): string {
  return withParams(readerHash(hit.doc, hit.version, { number: hit.article, sub: hit.sub }), { hl: highlightParam(hit.terms) });
}

/** How a version is named in a list of versions: its label (二次审议稿), else its date, else its title. */
export function versionName(v: Pick<SearchGroupVersion, 'versionLabel' | 'date' | 'title'>): string {
  return v.versionLabel ?? (v.date ? `${formatDate(v.date)}版` : v.title);
}

/** Versions as a law lists them: the current one first, then the others newest first (as the engine gives them). */
export function orderedVersions(g: SearchGroup): SearchGroupVersion[] {
  return [...g.versions.filter((v) => v.current), ...g.versions.filter((v) => !v.current)];
}

function StatusBadge({ current }: { current: boolean }) {
  return current ? <span className="badge status-current">现行</span> : <span className="badge status-historical">历史版本</span>;
}

/** ↑/↓ on a hit's link moves to the previous/next hit (Tab goes on to the next control). */
export function onHitKeys(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const at = (e.target as HTMLElement).closest<HTMLElement>('[data-hit-index]');
  if (!at) return;
  const next = Number(at.dataset.hitIndex) + (e.key === 'ArrowDown' ? 1 : -1);
  const target = document.querySelector<HTMLElement>(`a[data-hit-index="${next}"]`);
  if (target) {
    e.preventDefault();
    target.focus();
  }
}

export interface HitRowProps {
  hit: SearchHit;
  /** Position among every hit shown (keyboard order). */
  index: number;
  selected: boolean;
  /** The version a group shows first: a hit of another version says which. Null in the article list (title shown). */
  groupRef: string | null;
  onSelect: (index: number) => void;
  /** The document's name by the library's label (两个版本同名时据此区分); else the hit's title. */
  docName?: string;
}

export function HitRow({ hit, index, selected, groupRef, onSelect, docName }: HitRowProps) {
  const href = hitHref(hit);
  const otherVersion = groupRef !== null && refOf(hit) !== groupRef;
  const open = (e: MouseEvent): void => {
    // The link and the buttons do their own thing; a click elsewhere on the row opens the article.
    if ((e.target as HTMLElement).closest('a, button')) return;
    navigate(href);
  };
  return (
    <li
      className={selected ? 'search-hit selected' : 'search-hit'}
      data-selected={selected}
      data-testid="search-hit"
      data-doc={hit.doc}
      data-version={hit.version}
      data-article={hit.article}
      data-date={hit.date ?? ''}
      data-current={hit.current}
      data-index={index}
      onMouseEnter={() => onSelect(index)}
      onClick={open}
    >
      <div className="hit-head">
        <a className="hit-article" href={href} id={`search-hit-${index}`} data-hit-index={index} onFocus={() => onSelect(index)} onKeyDown={onHitKeys} data-testid="search-hit-link">
          {hit.label}
          {hit.heading && <span className="hit-heading">【{hit.heading}】</span>}
        </a>
        {groupRef === null && (
          <span className="hit-doc" title={docName ?? hit.title} data-testid="hit-doc">
            {docName ?? hit.title}
            {hit.versionLabel && <span className="hit-version">{hit.versionLabel}</span>}
          </span>
        )}
        {otherVersion && (
          <span className="hit-version" data-testid="hit-version">
            {versionName(hit)}
          </span>
        )}
        {(otherVersion || groupRef === null) && !hit.current && <StatusBadge current={false} />}
        <span className="hit-para muted">
          {groupRef === null && hit.date ? `${formatDate(hit.date)}　` : ''}第{hit.paragraph}款
        </span>
      </div>
      <p className="hit-snippet" data-testid="search-snippet">
        <RangeMarks text={hit.snippet} ranges={hit.highlights} />
      </p>
    </li>
  );
}

export interface GroupCardProps {
  group: SearchGroup;
  /** The articles to list (the group's best, or every hit when the results are this one law). */
  hits: SearchHit[];
  /** Keyboard index of the first of them. */
  first: number;
  selected: number;
  onSelect: (index: number) => void;
  /** 查看本法全部: the results narrowed to this law's versions (null: they already are). */
  onAll: ((refs: string[]) => void) | null;
  /** Narrow to one version's matches. */
  onVersion: (ref: string) => void;
}

export function GroupCard({ group: g, hits, first, selected, onSelect, onAll, onVersion }: GroupCardProps) {
  const shownRef = refOf(g);
  const shown = g.versions.find((v) => refOf(v) === shownRef);
  const several = g.versions.length > 1;
  const current = g.versions.find((v) => v.current);
  const terms = g.hits[0]?.terms ?? [];
  const titleId = `search-group-${g.work.replace(/[^\w-]/g, (c) => c.charCodeAt(0).toString(36))}`;
  return (
    <article className="search-group" data-testid="search-group" data-work={g.work} data-doc={g.doc} data-version={g.version} data-total={g.total} data-date={g.date ?? ''} aria-labelledby={titleId}>
      <header className="group-head">
        <h3 className="group-title" id={titleId}>
          <a href={withParams(readerHash(g.doc, g.version), { hl: highlightParam(terms) })} data-testid="group-title">
            {g.title}
          </a>
          {several && shown && (
            <span className="tag group-version" data-testid="group-version">
              {versionName(shown)}
            </span>
          )}
          {several && shown && <StatusBadge current={shown.current} />}
        </h3>
        <div className="group-meta" data-testid="group-meta">
          <span>{kindLabel(g.kind) || '类型未注明'}</span>
          <span>{g.jurisdiction || '地区未注明'}</span>
          <span>{g.date ? formatDate(g.date) : '日期未注明'}</span>
          <span>
            <strong data-testid="group-total">{g.total}</strong> 条匹配{several ? `（${g.versions.length} 个版本）` : ''}
          </span>
        </div>
      </header>
      <ol className="group-hits">
        {hits.map((h, i) => (
          <HitRow key={`${refOf(h)}/${h.article}_${h.sub ?? 0}`} hit={h} index={first + i} selected={first + i === selected} groupRef={shownRef} onSelect={onSelect} />
        ))}
      </ol>
      {(onAll && g.total > hits.length) || several ? (
        <footer className="group-foot">
          {onAll && g.total > hits.length && (
            <button type="button" className="link group-all" onClick={() => onAll(g.versions.map(refOf))} data-testid="group-all">
              查看本法全部 {g.total} 条 →
            </button>
          )}
          {several && (
            <ul className="group-versions" aria-label="各版本" data-testid="group-versions">
              {orderedVersions(g).map((v) => (
                <li key={refOf(v)} className={refOf(v) === shownRef ? 'group-v shown' : 'group-v'} data-testid="group-v" data-ref={refOf(v)} data-current={v.current} data-total={v.total}>
                  <button type="button" className="link" onClick={() => onVersion(refOf(v))} title={`只看${v.title}（${versionName(v)}）的 ${v.total} 条`}>
                    {versionName(v)}
                  </button>
                  <span className="muted">
                    {v.date && v.versionLabel ? ` ${formatDate(v.date)}` : ''} {v.total} 条
                  </span>
                  <StatusBadge current={v.current} />
                  {!v.current && current && (
                    <a className="group-compare" href={formatHash('compare', refOf(v), refOf(current))} title="与现行版本逐条对照" data-testid="group-compare">
                      与现行对照
                    </a>
                  )}
                </li>
              ))}
            </ul>
          )}
        </footer>
      ) : null}
    </article>
  );
}

/** Zero results: what was looked for, in how much, under which filters — and what to try. */
export function NoResults({ result, query, filters, onClearFilters }: { result: SearchResult; query: string; filters: string[]; onClearFilters: (() => void) | null }) {
  const s = result.searched;
  const words = s.words.filter((w) => !s.phrases.includes(w.word));
  return (
    <div className="search-empty" role="status" data-testid="search-empty">
      <p className="search-empty-head">
        {query ? (
          <>
            没有找到符合“<strong>{query}</strong>”的条文。
          </>
        ) : (
          '所选范围内没有条文。'
        )}
      </p>
      <ul className="search-searched" data-testid="search-searched">
        <li>
          {s.documents === 0 ? '所选范围内没有文档可检索。' : `已检索 ${s.documents} 个文档版本中的 ${s.articles} 条条文。`}
        </li>
        {words.map((w) => (
          <li key={w.word}>
            检索词“{w.word}”：{w.terms.length > 0 ? `按词 ${w.terms.join('、')}` : ''}
            {w.terms.length > 0 && w.literal ? '，' : ''}
            {w.literal ? `按原文“${w.literal}”` : ''}查找
          </li>
        ))}
        {s.phrases.length > 0 && <li>短语（须原文照录）：{s.phrases.map((p) => `“${p}”`).join('、')}</li>}
        {s.excluded.length > 0 && <li>排除含有：{s.excluded.map((p) => `“${p}”`).join('、')} 的条文</li>}
        {filters.length > 0 && <li>筛选条件：{filters.join('；')}</li>}
        {s.documents > 0 && <li>{s.words.length + s.excluded.length > 1 || filters.length > 0 ? '在此范围内，没有一条条文同时符合以上各项。' : '没有一条条文写有它。'}</li>}
      </ul>
      <p className="muted">可以减少检索词、去掉引号或排除词，或改用更短的词。</p>
      {onClearFilters && (
        <button type="button" className="search-clear" onClick={onClearFilters} data-testid="search-clear-filters">
          清除筛选条件后再检索
        </button>
      )}
    </div>
  );
}
