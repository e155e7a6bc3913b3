/**
 * 对照: two versions side by side, one row per pair of articles, in the 修改对照稿's convention — on the
 * left, text deleted or moved away is shaded (阴影); on the right, text added is bold (黑体). Badges say
 * what happened to each article (新增 / 删除 / 修改 / 移动 / 拆分 / 合并 / 重新编号), the 对照稿's own
 * editorial notes are shown under their article, "只看修改" hides the rest, j/k (or n/p) step through the
 * changes. An article's history (修订草案 → 二次审议稿 → enacted) is one click away.
 *
 * Place lives in the hash: #/compare/<left>/<right>/<row> and #/compare/history/<ref,ref,…>/<k>:<article>.
 */
import { RELATION_LABELS } from '../../electron/engine/model/relations';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ArticleHistory, DocumentSummary, HistoryStep, VersionComparison } from '../../electron/api/contract';
import { intToCn } from '../../electron/engine/model/numerals';
import { cite } from '../../electron/engine/model/address';
import type { ComparedSide, DiffSpan, DocumentComparison, Pair, Relation, UnitAlignment } from '../../electron/engine/compare/types';
import { ExportPanel } from '../components/AnnotationExport';
import { AnnotationStrip, annotateKey, useAnnotations, useQuoteSelection, type AnnotationStore, type QuoteSelection } from '../components/AnnotationStrip';
import { ErrorBox, Loading } from '../components/Status';
import { useApiCall } from '../hooks';
import { formatHash, navigate, readerHash } from '../route';
import type { ViewProps } from '../route';

export const DEFAULT_LEFT = 'hunan-2020-review@0';
export const DEFAULT_RIGHT = 'hunan-2020-review@1';

const RELATION_ORDER: Relation[] = ['modified', 'moved', 'split', 'merged', 'added', 'deleted', 'unchanged'];

export function compareHash(left: string, right: string, row?: string | null): string {
  return formatHash('compare', left, right, row ?? undefined);
}

export function historyHash(chain: string[], version: number, article: number): string {
  const readable = (s: string) => encodeURIComponent(s).replace(/%40/g, '@');
  return `#/compare/history/${chain.map(readable).join(',')}/${version}:${article}`;
}


/** "doc@N" for a side (the Reader's address needs the version explicitly). */
const sideRef = (s: ComparedSide) => ({ doc: s.doc, version: s.version });

export function CompareView({ route }: ViewProps) {
  if (route.segments[0] === 'history') return <HistoryView segments={route.segments.slice(1)} />;
  const left = route.segments[0] ?? DEFAULT_LEFT;
  const right = route.segments[1] ?? DEFAULT_RIGHT;
  const row = route.segments[2] ?? null;
  return <ComparePage key={`${left}|${right}`} left={left} right={right} row={row} />;
}

// ---------------------------------------------------------------------------------------------------
// Choosing what to compare.

interface VersionOption {
  ref: string;
  label: string;
}

function versionOptions(documents: DocumentSummary[]): VersionOption[] {
  return documents.flatMap((d) =>
    d.versions > 1
      ? // The version first: the titles of a draft's versions are the same long sentence.
        d.versionLabels.map((label, i) => ({ ref: `${d.id}@${i}`, label: `${label ?? `版本 ${i + 1}`} · ${d.title}` }))
      : [{ ref: d.id, label: d.title }],
  );
}

function Picker({ left, right }: { left: string; right: string }) {
  const docs = useApiCall('listDocuments', {}, 'all');
  const options = docs.state === 'ready' ? versionOptions(docs.value.documents) : [];
  // A REF typed into the address (e.g. "hunan-2020@0") still shows, even if not in the list as such.
  const withCurrent = (ref: string) => (options.some((o) => o.ref === ref) ? options : [{ ref, label: ref }, ...options]);
  return (
    <div className="cmp-picker" data-testid="compare-picker">
      <label>
        原文本
        <select value={left} onChange={(e) => navigate(compareHash(e.target.value, right))} data-testid="compare-left" aria-label="左侧（原文本）">
          {withCurrent(left).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="cmp-swap" onClick={() => navigate(compareHash(right, left))} title="交换左右" data-testid="compare-swap">
        ⇄
      </button>
      <label>
        修改后
        <select value={right} onChange={(e) => navigate(compareHash(left, e.target.value))} data-testid="compare-right" aria-label="右侧（修改后）">
          {withCurrent(right).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <span className="cmp-legend muted">
        <span className="cmp-del">阴影</span>为删去或者移动，<b className="cmp-ins">黑体</b>为增加
      </span>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------
// The comparison table.

function rowKey(p: Pair): string {
  return `${p.left.join('.') || '0'}-${p.right.join('.') || '0'}`;
}

/** A change worth stepping to: not unchanged, and not formal-only unless formal changes are shown. */
function isChange(p: Pair, showFormal: boolean): boolean {
  return p.relation !== 'unchanged' && (showFormal || !p.formalOnly);
}

function ComparePage({ left, right, row }: { left: string; right: string; row: string | null }) {
  const result = useApiCall('compare', { left, right }, `${left}|${right}`);
  return (
    <section className="cmp" data-testid="compare-view">
      <Picker left={left} right={right} />
      <ExportPanel left={left} right={right} compact />
      {result.state === 'loading' && <Loading what="对照（首次分词需数秒）" />}
      {result.state === 'error' && <ErrorBox message={result.message} />}
      {result.state === 'ready' && <CompareTable comparison={result.value} row={row} />}
    </section>
  );
}

function CompareTable({ comparison: c, row }: { comparison: VersionComparison; row: string | null }) {
  const [changesOnly, setChangesOnly] = useState(false);
  const [showFormal, setShowFormal] = useState(false);
  const [current, setCurrent] = useState<string | null>(row);
  const tableRef = useRef<HTMLDivElement>(null);
  // 批注 of both sides, and the text selected in the table (to annotate a span).
  const leftStore = useAnnotations(c.left.doc, c.left.version);
  const rightStore = useAnnotations(c.right.doc, c.right.version);
  const selection = useQuoteSelection(tableRef);

  const visible = useMemo(() => c.pairs.filter((p) => !changesOnly || isChange(p, showFormal)), [c, changesOnly, showFormal]);
  const changes = useMemo(() => visible.filter((p) => isChange(p, showFormal)).map(rowKey), [visible, showFormal]);
  // Which articles appear in more than one pair (the receivers of split/merged 款): their notes show
  // once, in their own row.
  const counts = useMemo(() => {
    const left = new Map<number, number>();
    const right = new Map<number, number>();
    for (const p of c.pairs) {
      for (const n of p.left) left.set(n, (left.get(n) ?? 0) + 1);
      for (const n of p.right) right.set(n, (right.get(n) ?? 0) + 1);
    }
    return { left, right };
  }, [c]);

  const go = (key: string) => {
    setCurrent(key);
    navigate(compareHash(c.left.ref, c.right.ref, key), true);
    const el = tableRef.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(key)}"]`);
    el?.scrollIntoView({ block: 'center' });
  };
  const step = (delta: 1 | -1) => {
    if (changes.length === 0) return;
    const keys = visible.map(rowKey);
    const at = current ? keys.indexOf(current) : -1;
    // The next change after (or before) the current row, wrapping around.
    const ordered = delta === 1 ? keys.slice(at + 1).concat(keys.slice(0, at + 1)) : keys.slice(0, Math.max(at, 0)).reverse().concat(keys.slice(Math.max(at, 0)).reverse());
    const next = ordered.find((k) => changes.includes(k));
    if (next) go(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a field are text, not navigation (a checkbox is not a field).
      const target = e.target as HTMLElement | null;
      const typing =
        !!target &&
        (target.isContentEditable || /^(SELECT|TEXTAREA)$/.test(target.tagName) || (target.tagName === 'INPUT' && !/^(checkbox|radio|button)$/.test((target as HTMLInputElement).type)));
      if (typing) return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'n') {
        e.preventDefault();
        step(1);
      } else if (e.key === 'k' || e.key === 'p') {
        e.preventDefault();
        step(-1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Scroll to the row named in the address once the table is there.
  useEffect(() => {
    if (!row) return;
    tableRef.current?.querySelector<HTMLElement>(`[data-row="${CSS.escape(row)}"]`)?.scrollIntoView({ block: 'center' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The legislative chain these two versions belong to (the backend's, with the comparison): 沿革 walks it.
  const chain = c.chain;
  return (
    <>
      <div className="cmp-summary" data-testid="compare-summary">
        <span className="cmp-sides">
          {c.left.label}（{c.left.articles} 条）→ {c.right.label}（{c.right.articles} 条）
        </span>
        {RELATION_ORDER.filter((r) => c.summary[r] > 0).map((r) => (
          <span key={r} className={`cmp-badge rel-${r}`} data-testid="summary-count" data-relation={r} data-count={c.summary[r]}>
            {RELATION_LABELS[r]} {c.summary[r]}
          </span>
        ))}
        {c.stats.renumbered > 0 && (
          <span className="cmp-badge renumbered" data-testid="summary-count" data-relation="renumbered" data-count={c.stats.renumbered}>
            重新编号 {c.stats.renumbered}
          </span>
        )}
        <label className="cmp-toggle">
          <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} data-testid="changes-only" /> 只看修改
        </label>
        <label className="cmp-toggle" title="标点、全角半角、空格、项的编号">
          <input type="checkbox" checked={showFormal} onChange={(e) => setShowFormal(e.target.checked)} data-testid="show-formal" /> 显示形式修改
          {c.stats.formalOnly > 0 && <span className="muted">（{c.stats.formalOnly} 条仅形式修改）</span>}
        </label>
        <span className="cmp-nav">
          <button type="button" onClick={() => step(-1)} title="上一处修改（k 或 p）" data-testid="prev-change">
            ↑ 上一处
          </button>
          <button type="button" onClick={() => step(1)} title="下一处修改（j 或 n）" data-testid="next-change">
            ↓ 下一处
          </button>
          <span className="muted" data-testid="change-position">
            {current && changes.includes(current) ? `${changes.indexOf(current) + 1} / ${changes.length}` : `共 ${changes.length} 处`}
          </span>
        </span>
      </div>
      <div className="cmp-table" ref={tableRef} data-testid="compare-table">
        <div className="cmp-head">
          <div>{c.left.label}</div>
          <div>{c.right.label}</div>
        </div>
        {visible.map((p) => (
          <PairRow
            key={rowKey(p)}
            pair={p}
            comparison={c}
            active={current === rowKey(p)}
            showFormal={showFormal}
            leftNotes={!((p.relation === 'split' || p.relation === 'merged') && p.left.every((n) => (counts.left.get(n) ?? 0) > 1))}
            rightNotes={!((p.relation === 'split' || p.relation === 'merged') && p.right.every((n) => (counts.right.get(n) ?? 0) > 1))}
            onSelect={() => go(rowKey(p))}
            chain={chain}
            annotations={{ left: leftStore, right: rightStore, selection }}
          />
        ))}
        {visible.length === 0 && <div className="empty">没有修改。</div>}
      </div>
    </>
  );
}

function PairRow({
  pair: p,
  comparison: c,
  active,
  showFormal,
  leftNotes,
  rightNotes,
  onSelect,
  chain,
  annotations,
}: {
  pair: Pair;
  comparison: DocumentComparison;
  active: boolean;
  showFormal: boolean;
  leftNotes: boolean;
  rightNotes: boolean;
  onSelect: () => void;
  chain: string[];
  annotations: { left: AnnotationStore; right: AnnotationStore; selection: QuoteSelection | null };
}) {
  const key = rowKey(p);
  const history = (() => {
    const at = chain.indexOf(c.left.ref);
    if (p.left.length) return historyHash(chain, Math.max(at, 0), p.left[0]!);
    return historyHash(chain, Math.max(at, 0) + 1, p.right[0]!);
  })();
  const quiet = p.relation === 'unchanged' || (p.formalOnly && !showFormal);
  return (
    <div
      className={`cmp-row rel-${p.relation}${active ? ' active' : ''}${quiet ? ' quiet' : ''}`}
      data-testid="compare-row"
      data-row={key}
      data-left={p.left.join(',')}
      data-right={p.right.join(',')}
      data-relation={p.relation}
      onClick={onSelect}
    >
      <div className="cmp-badges">
        <span className={`cmp-badge rel-${p.relation}`} data-testid="relation-badge">
          {RELATION_LABELS[p.relation]}
        </span>
        {p.renumbered && (
          <span className="cmp-badge renumbered" data-testid="renumbered-badge">
            重新编号
          </span>
        )}
        {p.formalOnly && <span className="cmp-badge formal">仅形式修改</span>}
        {p.headingChanged && p.leftArticles.some((a) => a.heading) && p.rightArticles.some((a) => a.heading) && (
          <span className="cmp-badge heading" title="【条标】不同">
            条标修改
          </span>
        )}
        <a className="cmp-history" href={history} onClick={(e) => e.stopPropagation()} title="这一条在各稿中的沿革" data-testid="history-link">
          沿革
        </a>
      </div>
      <div className="cmp-cell left" data-testid="cell-left">
        <Side pair={p} side="left" sideInfo={c.left} showFormal={showFormal} notes={leftNotes} annotations={{ store: annotations.left, selection: annotations.selection, active }} />
      </div>
      <div className="cmp-cell right" data-testid="cell-right">
        <Side pair={p} side="right" sideInfo={c.right} showFormal={showFormal} notes={rightNotes} annotations={{ store: annotations.right, selection: annotations.selection, active }} />
      </div>
    </div>
  );
}

/** One column of a row: the article label(s) with links to the Reader, the text, the notes. */
function Side({
  pair: p,
  side,
  sideInfo,
  showFormal,
  notes,
  annotations,
  redline = false,
}: {
  pair: Pair;
  side: 'left' | 'right';
  sideInfo: ComparedSide;
  showFormal: boolean;
  notes: boolean;
  /** Both deletions and insertions inline, in the pair's reading order (the history's stages). */
  redline?: boolean;
  /** 批注 under each article (not in the history view). */
  annotations?: { store: AnnotationStore; selection: QuoteSelection | null; active: boolean };
}) {
  const articles = side === 'left' ? p.leftArticles : p.rightArticles;
  if (articles.length === 0) return <div className="cmp-empty muted">（无）</div>;
  const multi = articles.length > 1 || (side === 'right' ? p.paragraphs.some((u) => u.rightArticle !== undefined) : p.paragraphs.some((u) => u.leftArticle !== undefined));
  const units = redline
    ? p.paragraphs
    : p.paragraphs
    .filter((u) => (side === 'left' ? u.left !== null : u.right !== null))
    .sort((a, b) => (side === 'left' ? (a.leftArticle ?? 0) - (b.leftArticle ?? 0) || a.left! - b.left! : (a.rightArticle ?? 0) - (b.rightArticle ?? 0) || a.right! - b.right!));
  const labelOf = (n: number | undefined) => articles.find((a) => a.number === n)?.label ?? '';
  // The left article of a split/merged row no longer exists as such: all its text moved (阴影).
  const gone = side === 'left' && (p.relation === 'split' || p.relation === 'merged') && p.leftArticles.length === 1 && p.rightArticles.length >= 1 && p.paragraphs.every((u) => u.leftArticle === undefined || u.leftArticle === p.left[0]);
  const { doc, version } = sideRef(sideInfo);
  return (
    <>
      <div className="cmp-article-head">
        {articles.map((a) => (
          <span key={`${a.number}_${a.sub ?? 0}`} className="cmp-article-label">
            <a
              href={readerHash(doc, version, { number: a.number, ...(a.sub ? { sub: a.sub } : {}) })}
              onClick={(e) => e.stopPropagation()}
              title="在阅读中打开"
              data-testid="reader-link"
            >
              {a.label}
            </a>
            {a.heading && <span className="cmp-heading">【{a.heading}】</span>}
          </span>
        ))}
      </div>
      <div className="cmp-text" {...(annotations && articles.length === 1 ? { 'data-annotate': annotateKey(`${doc}@${version}`, articles[0]!) } : {})}>
        {units.map((u, k) => (
          <Unit
            key={k}
            unit={u}
            side={side}
            showFormal={showFormal}
            prefix={multi && u[side] !== null ? cite({ article: (side === 'left' ? u.leftArticle : u.rightArticle) ?? 0, paragraph: u[side]! }, labelOf(side === 'left' ? u.leftArticle : u.rightArticle)) : null}
            gone={gone}
            redline={redline}
          />
        ))}
      </div>
      {notes &&
        articles.flatMap((a) =>
          a.notes.map((n, i) => (
            <div key={`${a.number}-${i}`} className="cmp-note" data-testid="editorial-note">
              （{n}）
            </div>
          )),
        )}
      {annotations &&
        articles.map((a) => (
        <AnnotationStrip
          key={`note-${a.number}_${a.sub ?? 0}`}
          docRef={`${doc}@${version}`}
          article={a}
          paragraphs={a.paragraphs}
          selectionKey={annotateKey(`${doc}@${version}`, a)}
          store={annotations.store}
          selection={annotations.selection}
          active={annotations.active}
        />
      ))}
      {side === (p.relation === 'deleted' ? 'left' : 'right') && p.related?.length ? (
        <div className="cmp-related muted">参见：{p.related.map((r) => r.label).join('、')}</div>
      ) : null}
    </>
  );
}

/** A 款 as lines (its lead-in and 项), with the marks of its side. */
function Unit({
  unit: u,
  side,
  showFormal,
  prefix,
  gone = false,
  redline = false,
}: {
  unit: UnitAlignment;
  side: 'left' | 'right';
  showFormal: boolean;
  prefix: string | null;
  gone?: boolean;
  redline?: boolean;
}) {
  let spans = redline ? u.diff : u.diff.filter((s) => s.op === 'equal' || s.op === (side === 'left' ? 'delete' : 'insert'));
  // Text that moved away is shaded as a whole, whatever was edited on the way.
  if (gone) spans = spans.map((s): DiffSpan => ({ ...s, op: 'delete', formal: undefined, numbering: undefined, ...(u.movedTo ? { movedTo: u.movedTo } : {}) }));
  const lines = splitLines(spans);
  const moved = side === 'left' ? u.movedTo : u.movedFrom;
  return (
    <div className={`cmp-para unit-${u.relation}`} data-testid="unit" data-relation={u.relation}>
      {prefix && <span className="cmp-unit-ref muted">{prefix}：</span>}
      {lines.map((line, i) => (
        <div key={i} className="cmp-line">
          {line.map((s, j) => (
            <SpanView key={j} span={s} showFormal={showFormal} />
          ))}
        </div>
      ))}
      {moved && (gone || u[side === 'left' ? 'right' : 'left'] === null) && (
        <span className="cmp-move-note" data-testid="move-note">
          {side === 'left' ? `↘ 移至${moved.label}` : `↖ 自${moved.label}移入`}
        </span>
      )}
    </div>
  );
}

function SpanView({ span: s, showFormal }: { span: DiffSpan; showFormal: boolean }) {
  if (s.op === 'equal' || ((s.formal || s.numbering) && !showFormal)) return <>{s.text}</>;
  const moved = s.movedTo ?? s.movedFrom;
  const title = s.movedTo ? `移至${s.movedTo.label}` : s.movedFrom ? `原${s.movedFrom.label}` : s.formal ? '形式修改' : undefined;
  if (s.op === 'delete') {
    return (
      <span className={`cmp-del${moved ? ' moved' : ''}${s.formal ? ' formal' : ''}`} data-testid="mark-del" title={title}>
        {s.text}
      </span>
    );
  }
  return (
    <b className={`cmp-ins${moved ? ' moved' : ''}${s.formal ? ' formal' : ''}`} data-testid="mark-ins" title={title}>
      {s.text}
    </b>
  );
}

/** Spans cut at "\n" into lines (a 款's lead-in and 项 are joined with newlines). */
function splitLines(spans: DiffSpan[]): DiffSpan[][] {
  const lines: DiffSpan[][] = [[]];
  for (const s of spans) {
    const parts = s.text.split('\n');
    parts.forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) lines[lines.length - 1]!.push({ ...s, text });
    });
  }
  return lines.filter((l, i) => l.length > 0 || i === 0);
}

// ---------------------------------------------------------------------------------------------------
// Article history through a chain of versions.

function HistoryView({ segments }: { segments: string[] }) {
  // #/compare/history/<ref,ref,…>/<k>:<article>; without a chain, the library's chain through the default version.
  const given = (segments[0] ?? '').split(',').filter(Boolean);
  const m = /^(\d+):(\d+)$/.exec(segments[1] ?? '0:1');
  const from = given.length ? Math.min(Number(m?.[1] ?? 0), given.length - 1) : 0;
  const article = Number(m?.[2] ?? 1);
  const req = given.length ? { ref: given[from]!, article, chain: given } : { ref: DEFAULT_LEFT, article };
  // One call: the backend walks the chain (its comparisons are cached) and traces the article.
  const state = useApiCall('history', req, `${given.join(',')}|${from}|${article}`);
  if (given.length === 1) return <ErrorBox message="沿革需要至少两个版本。" />;
  const chain = state.state === 'ready' ? state.value.chain : given;
  const back = Math.max(0, Math.min(from, chain.length - 2));
  return (
    <section className="cmp cmp-history-view" data-testid="history-view">
      <div className="cmp-picker">
        {chain.length >= 2 && <a href={compareHash(chain[back]!, chain[back + 1]!)}>← 返回对照</a>}
        <span className="muted">条文沿革：{chain.join(' → ')}</span>
      </div>
      {state.state === 'loading' && <Loading what="沿革（首次分词需数秒）" />}
      {state.state === 'error' && <ErrorBox message={state.message} />}
      {state.state === 'ready' && <History history={state.value} />}
    </section>
  );
}

function History({ history: h }: { history: ArticleHistory }) {
  const { chain, from, article, steps } = h;
  return (
    <>
      <div className="cmp-summary">
        <label>
          从
          <select value={from} onChange={(e) => navigate(historyHash(chain, Number(e.target.value), article))} data-testid="history-version" aria-label="起点版本">
            {steps.map((s, k) => (
              <option key={k} value={k}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          的
          <select value={article} onChange={(e) => navigate(historyHash(chain, from, Number(e.target.value)))} data-testid="history-article" aria-label="条">
            {[...new Set(h.choices.map((c) => c.article))].map((n) => (
              <option key={n} value={n}>
                第{intToCn(n)}条
              </option>
            ))}
          </select>
        </label>
        <span className="muted">按修改对照的配对逐稿追踪（拆分的条文分别跟随）。</span>
      </div>
      <div className="cmp-timeline" style={{ gridTemplateColumns: `repeat(${steps.length}, minmax(0, 1fr))` }} data-testid="history-timeline">
        {steps.map((step, k) => (
          <div key={k} className="cmp-stage" data-testid="history-stage" data-version={k} data-articles={step.articles.join(',')}>
            <h3>
              {step.label}
              <span className="muted"> {step.title !== step.label ? step.title : ''}</span>
            </h3>
            <HistoryStage steps={steps} k={k} />
          </div>
        ))}
      </div>
    </>
  );
}

/** What the article is in version k: for k > 0 the pairs from version k−1 (right side, additions bold),
 * for version 0 the left side of the pairs into version 1 (deletions shaded). */
function HistoryStage({ steps, k }: { steps: HistoryStep[]; k: number }) {
  const step = steps[k]!;
  if (step.articles.length === 0) {
    const later = steps.slice(k + 1).some((s) => s.articles.length > 0);
    return <p className="muted cmp-empty">{later ? '（尚无此条）' : '（已删除）'}</p>;
  }
  const pairs = k > 0 ? step.pairs : (steps[k + 1]?.pairs ?? []);
  const sideName = k > 0 ? 'right' : 'left';
  const side: ComparedSide = { ref: step.ref, label: step.label, doc: step.doc, version: step.version, title: step.title, versionLabel: null, articles: 0 };
  return (
    <>
      {pairs.map((p) => (
        <div key={rowKey(p)} className="cmp-stage-pair" data-testid="history-pair" data-relation={p.relation}>
          {k > 0 && (
            <div className="cmp-badges">
              <span className={`cmp-badge rel-${p.relation}`}>{RELATION_LABELS[p.relation]}</span>
              {p.renumbered && <span className="cmp-badge renumbered">重新编号</span>}
              {p.left.length > 0 && <span className="muted">自 {p.leftArticles.map((a) => a.label).join('、')}</span>}
            </div>
          )}
          <Side pair={p} side={sideName} sideInfo={side} showFormal={false} notes={true} redline={k > 0} />
        </div>
      ))}
    </>
  );
}
