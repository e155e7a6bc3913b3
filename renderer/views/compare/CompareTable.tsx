/**
 * The comparison table: one row per row of the display model, badges on top; each band of a row is a
 * left cell opposite a right cell, so a split or merged row stands 款 by 款. "只看修改" hides unchanged
 * and formal-only rows, j/k step through the changes, 批注 sit under their articles.
 */
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import type { ComparisonDisplay, DisplayRow, DisplaySide } from '../../../electron/api/contract';
import { useAnnotations, useQuoteSelection, type AnnotationStore, type QuoteSelection } from '../../components/AnnotationStrip';
import { focusOf, ReferencesBadge, ReferencesPanel, type TextFocus } from '../../components/ReferencesPanel';
import { useApiCall } from '../../hooks';
import { ArticlePiece } from './Cells';
import { DecisionBadge, DecisionPanel, decisionRequest, rowForItem, type DecisionAnswer, type DecisionChoices } from './DecisionPanel';
import { historyHash } from './routes';
import { Toolbar } from './Toolbar';
import { useChangeNavigation } from './useChangeNavigation';

/** A change worth stepping to: not unchanged, and not formal-only unless formal changes are shown. */
function isChange(r: DisplayRow, showFormal: boolean): boolean {
  return r.relation !== 'unchanged' && (showFormal || !r.formalOnly);
}

interface RowNotes {
  left: AnnotationStore;
  right: AnnotationStore;
  selection: QuoteSelection | null;
}

/** The row whose right side holds an article of the right version. */
function rowOfRight(rows: DisplayRow[], article: number, sub?: number): string | null {
  return rows.find((r) => r.right.some((a) => a.number === article && (a.sub ?? 0) === (sub ?? 0)))?.key ?? null;
}

export function CompareTable({
  display: d,
  row,
  choices,
  setChoices,
}: {
  display: ComparisonDisplay;
  row: string | null;
  /** The 修改决定's options (kept by the page: the export's appendix follows them). */
  choices: DecisionChoices;
  setChoices(c: DecisionChoices): void;
}) {
  const [changesOnly, setChangesOnly] = useState(false);
  const [showFormal, setShowFormal] = useState(false);
  const tableRef = useRef<HTMLDivElement>(null);
  // 批注 of both sides, and the text selected in the table (to annotate a span).
  const leftStore = useAnnotations(d.left.doc, d.left.version);
  const rightStore = useAnnotations(d.right.doc, d.right.version);
  const selection = useQuoteSelection(tableRef);

  const visible = useMemo(() => d.rows.filter((r) => !changesOnly || isChange(r, showFormal)), [d, changesOnly, showFormal]);
  const changes = useMemo(() => visible.filter((r) => isChange(r, showFormal)).map((r) => r.key), [visible, showFormal]);
  const nav = useChangeNavigation({ left: d.left.ref, right: d.right.ref, initial: row, rows: visible.map((r) => r.key), changes, table: tableRef });

  // The drafting aids over the same (cached) comparison: the decision left → right and the right
  // version's references against the left's numbering; their counts are the buttons' badges.
  const request = useMemo(() => decisionRequest(d.left.ref, d.right.ref, choices), [d.left.ref, d.right.ref, choices]);
  const decision = useApiCall('decision', request, JSON.stringify(request));
  const lastDecision = useRef<DecisionAnswer | null>(null);
  if (decision.state === 'ready') lastDecision.current = decision.value;
  const refs = useApiCall('refs', { ref: d.right.ref, against: d.left.ref }, `${d.left.ref}|${d.right.ref}`);
  const [panel, setPanel] = useState<'decision' | 'refs' | null>(null);
  const [activeItem, setActiveItem] = useState<number | null>(null);
  const [focus, setFocus] = useState<TextFocus | null>(null);

  // A row hidden by 只看修改 is shown before it is stepped to.
  const [pending, setPending] = useState<string | null>(null);
  const reveal = (key: string) => {
    if (visible.some((r) => r.key === key)) nav.go(key);
    else {
      setChangesOnly(false);
      setPending(key);
    }
  };
  useEffect(() => {
    if (pending && visible.some((r) => r.key === pending)) {
      nav.go(pending);
      setPending(null);
    }
  });
  // The marked words of a reference into view once their row is there.
  useEffect(() => {
    if (focus) tableRef.current?.querySelector('[data-testid=ref-mark]')?.scrollIntoView({ block: 'center' });
  }, [focus, pending]);

  const tools = (
    <>
      <button
        type="button"
        className={panel === 'decision' ? 'tool-button active' : 'tool-button'}
        aria-pressed={panel === 'decision'}
        onClick={() => setPanel(panel === 'decision' ? null : 'decision')}
        title="由两稿的对照生成《关于修改〈…〉的决定》草稿"
        data-testid="decision-button"
      >
        生成修改决定 <DecisionBadge state={decision} />
      </button>
      <button
        type="button"
        className={panel === 'refs' ? 'tool-button active' : 'tool-button'}
        aria-pressed={panel === 'refs'}
        onClick={() => setPanel(panel === 'refs' ? null : 'refs')}
        title={`核对${d.right.name}的内部引用，沿用${d.left.name}编号而未随之调整的一并指出`}
        data-testid="refs-button"
      >
        引用检查 <ReferencesBadge state={refs} />
      </button>
    </>
  );

  return (
    <>
      <Toolbar
        display={d}
        changesOnly={changesOnly}
        setChangesOnly={setChangesOnly}
        showFormal={showFormal}
        setShowFormal={setShowFormal}
        position={nav.position}
        step={nav.step}
        tools={tools}
      />
      <div className="cmp-body">
        <div className="cmp-table" ref={tableRef} data-testid="compare-table">
          <div className="cmp-head">
            <div>{d.left.name}</div>
            <div>{d.right.name}</div>
          </div>
          {visible.map((r) => (
            <Row
              key={r.key}
              row={r}
              display={d}
              active={nav.current === r.key}
              showFormal={showFormal}
              onSelect={() => nav.go(r.key)}
              notes={{ left: leftStore, right: rightStore, selection }}
              focus={focus && r.right.some((a) => a.number === focus.article && (a.sub ?? 0) === (focus.sub ?? 0)) ? focus : null}
            />
          ))}
          {visible.length === 0 && <div className="empty">没有修改。</div>}
        </div>
        {panel === 'decision' && (
          <DecisionPanel
            state={decision}
            last={lastDecision.current}
            choices={choices}
            setChoices={setChoices}
            request={request}
            subject={`把${d.left.name}改为${d.right.name}`}
            active={activeItem}
            onPick={(item) => {
              setActiveItem(item.n);
              const key = rowForItem(item, d.rows);
              if (key) reveal(key);
            }}
            onClose={() => setPanel(null)}
          />
        )}
        {panel === 'refs' && (
          <ReferencesPanel
            state={refs}
            subject={`${d.right.name}中的条文内部引用，按${d.left.name}的条文编号核对`}
            focus={focus}
            onPick={(r) => {
              setFocus(focusOf(r));
              const key = rowOfRight(d.rows, r.from.article, r.from.sub);
              if (key) reveal(key);
            }}
            onTarget={(r) => {
              const key = r.target && r.target.article > 0 ? rowOfRight(d.rows, r.target.article, r.target.sub) : null;
              if (key) reveal(key);
            }}
            onClose={() => {
              setPanel(null);
              setFocus(null);
            }}
          />
        )}
      </div>
    </>
  );
}

function Badges({ row: r, history }: { row: DisplayRow; history: string }) {
  return (
    <div className="cmp-badges">
      <span className={`cmp-badge rel-${r.relation}`} data-testid="relation-badge">
        {r.relationLabel}
      </span>
      {r.renumbered && (
        <span className="cmp-badge renumbered" data-testid="renumbered-badge">
          重新编号
        </span>
      )}
      {r.formalOnly && <span className="cmp-badge formal">仅形式修改</span>}
      {r.headingChanged && (
        <span className="cmp-badge heading" title="【条标】不同">
          条标修改
        </span>
      )}
      <a className="cmp-history" href={history} onClick={(e) => e.stopPropagation()} title="这一条在各稿中的沿革" data-testid="history-link">
        沿革
      </a>
    </div>
  );
}

function Row({
  row: r,
  display: d,
  active,
  showFormal,
  onSelect,
  notes,
  focus,
}: {
  row: DisplayRow;
  display: ComparisonDisplay;
  active: boolean;
  showFormal: boolean;
  onSelect: () => void;
  notes: RowNotes;
  /** A reference of the right version to mark (引用检查). */
  focus: TextFocus | null;
}) {
  // 沿革 starts from this row's left article in the chain the two versions belong to (or its right one, for an added article).
  const at = Math.max(d.chain.indexOf(d.left.ref), 0);
  const history = r.left.length ? historyHash(d.chain, at, r.left[0]!.number) : historyHash(d.chain, at + 1, r.right[0]!.number);
  const quiet = r.relation === 'unchanged' || (r.formalOnly && !showFormal);
  // "参见" stands with the article it is about: a deleted article's hint in the left cell, an added one's in the right.
  const relatedIn = r.related ? (r.related.side === 'right' ? 'left' : 'right') : null;
  const cell = (side: 'left' | 'right', info: DisplaySide, k: number) => {
    const articles = r[side];
    const band = r.bands[k]!;
    const last = k === r.bands.length - 1;
    return (
      <div className={`cmp-cell ${side}${k > 0 ? ' cmp-band' : ''}`} data-testid={`cell-${side}`}>
        {articles.length === 0 && k === 0 && <div className="cmp-empty muted">（无）</div>}
        {band[side].map((piece) => (
          <ArticlePiece
            key={`${piece.article}-${piece.paragraphs.join('.')}`}
            article={articles[piece.article]!}
            piece={piece}
            side={side}
            doc={info.doc}
            version={info.version}
            showFormal={showFormal}
            annotations={{ store: notes[side], selection: notes.selection, active }}
            focus={side === 'right' && focus && articles[piece.article]!.number === focus.article && (articles[piece.article]!.sub ?? 0) === (focus.sub ?? 0) ? focus : null}
          />
        ))}
        {last && relatedIn === side && <div className="cmp-related muted">{r.related!.text}</div>}
      </div>
    );
  };
  return (
    <div
      className={`cmp-row rel-${r.relation}${active ? ' active' : ''}${quiet ? ' quiet' : ''}${r.layout === 'paragraphs' ? ' by-paragraph' : ''}`}
      data-testid="compare-row"
      data-row={r.key}
      data-left={r.left.map((a) => a.number).join(',')}
      data-right={r.right.map((a) => a.number).join(',')}
      data-relation={r.relation}
      onClick={onSelect}
    >
      <Badges row={r} history={history} />
      {r.bands.map((_, k) => (
        <Fragment key={k}>
          {cell('left', d.left, k)}
          {cell('right', d.right, k)}
        </Fragment>
      ))}
    </div>
  );
}
