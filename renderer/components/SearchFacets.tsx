/**
 * The 检索 view's filters: facets with their article counts (地区, 类型, 年份, 现行/历史) as toggles, and the
 * filters in force as removable chips — those set by a click (in the hash) and those typed in the query
 * (`jurisdiction:湖南`), whose × takes them out of the query text.
 */
import { useState } from 'react';
import type { FacetCount, ParsedQueryView, SearchFacets } from '../../electron/engine/index/types';
import { kindLabel } from '../format';
import { FILTER_LABELS, STATUS_LABELS, type FilterKey, type SearchParams } from './search-params';

type FacetKey = 'jurisdiction' | 'kind' | 'year' | 'status';

const FACETS: Array<{ key: FacetKey; label: string }> = [
  { key: 'jurisdiction', label: '地区' },
  { key: 'kind', label: '类型' },
  { key: 'year', label: '年份' },
  { key: 'status', label: '现行/历史' },
];

/** Values shown before 更多. */
const FIRST = 8;
/** A facet value no filter can ask for (a document that states no place or date). */
const UNSTATED = '未注明';

export function facetLabel(key: FilterKey, value: string): string {
  if (key === 'kind') return kindLabel(value);
  if (key === 'status') return STATUS_LABELS[value as 'current' | 'historical'] ?? value;
  if (key === 'year' && /^\d{4}$/.test(value)) return `${value}年`;
  return value;
}

export interface FacetPanelProps {
  facets: SearchFacets;
  params: SearchParams;
  onToggle: (key: FilterKey, value: string) => void;
}

export function FacetPanel({ facets, params, onToggle }: FacetPanelProps) {
  return (
    <nav className="search-facets" aria-label="筛选" data-testid="search-facets">
      {FACETS.map(({ key, label }) => (
        <FacetGroup key={key} facet={key} label={label} values={facets[key] as FacetCount[]} active={params.filters[key]} onToggle={(v) => onToggle(key, v)} />
      ))}
    </nav>
  );
}

function FacetGroup({ facet, label, values, active, onToggle }: { facet: FacetKey; label: string; values: FacetCount[]; active: string[]; onToggle: (value: string) => void }) {
  const [open, setOpen] = useState(false);
  // A value in force stays listed (to be turned off) even when nothing matches it any more.
  const all = [...values, ...active.filter((a) => !values.some((v) => v.value === a)).map((value) => ({ value, count: 0 }))];
  if (all.length === 0) return null;
  const shown = open ? all : all.filter((v, i) => i < FIRST || active.includes(v.value));
  const headingId = `facet-${facet}`;
  return (
    <section className="facet" data-testid={`facet-${facet}`} aria-labelledby={headingId}>
      <h3 className="facet-title" id={headingId}>
        {label}
      </h3>
      <ul className="facet-values">
        {shown.map((v) => {
          const on = active.includes(v.value);
          return (
            <li key={v.value}>
              {v.value === UNSTATED ? (
                <span className="facet-value static" title="未注明的不能单独筛选" data-testid="facet-value" data-value={v.value}>
                  <span className="facet-name">{v.value}</span>
                  <span className="facet-count">{v.count}</span>
                </span>
              ) : (
                <button
                  type="button"
                  className={on ? 'facet-value on' : 'facet-value'}
                  aria-pressed={on}
                  onClick={() => onToggle(v.value)}
                  data-testid="facet-value"
                  data-value={v.value}
                  data-count={v.count}
                  title={on ? `取消筛选：${facetLabel(facet, v.value)}` : `只看${facetLabel(facet, v.value)}（${v.count} 条）`}
                >
                  <span className="facet-name">{facetLabel(facet, v.value)}</span>
                  <span className="facet-count">{v.count}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {all.length > FIRST && (
        <button type="button" className="link facet-more" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '收起' : `更多（${all.length - FIRST}）`}
        </button>
      )}
    </section>
  );
}

export interface Chip {
  key: string;
  /** 地区：湖南 */
  text: string;
  /** Typed in the query rather than set by a click: the query's filter key (`jurisdictions`) and value. */
  typed: { key: string; value: string } | null;
  remove: () => void;
}

/** The filters in force, each with its ×. */
export function ActiveFilters({ chips, onClear }: { chips: Chip[]; onClear: (() => void) | null }) {
  if (chips.length === 0) return null;
  return (
    <div className="search-chips" data-testid="search-chips">
      <span className="muted">筛选：</span>
      <ul>
        {chips.map((c) => (
          <li key={c.key} className={c.typed ? 'search-chip typed' : 'search-chip'} data-testid="search-chip">
            <span>{c.text}</span>
            {c.typed && <span className="chip-note">（检索式）</span>}
            <button type="button" className="chip-remove" onClick={c.remove} aria-label={`去掉筛选条件 ${c.text}`} title="去掉此条件" data-testid="search-chip-remove">
              ×
            </button>
          </li>
        ))}
      </ul>
      {onClear && chips.length > 1 && (
        <button type="button" className="link" onClick={onClear} data-testid="search-chips-clear">
          全部清除
        </button>
      )}
    </div>
  );
}

/**
 * Chips for the filters typed in the query. The engine reports the filters it applied (typed and asked for
 * together); those the view asked for (`params`) have their own chips already.
 */
export function typedChips(parsed: ParsedQueryView, params: SearchParams, removeTyped: (key: string, value: string) => void): Chip[] {
  const out: Chip[] = [];
  const label: Record<string, FilterKey> = { docs: 'doc', jurisdictions: 'jurisdiction', kinds: 'kind', stages: 'stage', years: 'year', status: 'status' };
  for (const [key, values] of Object.entries(parsed.filters)) {
    const k = label[key];
    if (!k || !Array.isArray(values)) continue;
    for (const v of values as Array<string | number>) {
      if (params.filters[k].includes(String(v))) continue;
      out.push({ key: `typed:${key}:${v}`, text: `${FILTER_LABELS[k]}：${facetLabel(k, String(v))}`, typed: { key, value: String(v) }, remove: () => removeTyped(key, String(v)) });
    }
  }
  return out;
}
