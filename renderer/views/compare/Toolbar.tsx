/** The bar over the table: what is compared, the counts by relation, the toggles, and stepping through the changes. */
import type { ReactNode } from 'react';
import type { ComparisonDisplay } from '../../../electron/api/contract';
import { say } from '../../../electron/engine/model/messages';

export interface ToolbarProps {
  display: ComparisonDisplay;
  changesOnly: boolean;
  setChangesOnly(on: boolean): void;
  showFormal: boolean;
  setShowFormal(on: boolean): void;
  /** "3 / 40", or "共 40 处" when the current row is not a change. */
  position: string;
  step(delta: 1 | -1): void;
  /** The drafting aids' buttons (生成修改决定, 引用检查) with their counts. */
  tools?: ReactNode;
}

export function Toolbar({ display: d, changesOnly, setChangesOnly, showFormal, setShowFormal, position, step, tools }: ToolbarProps) {
  return (
    <div className="cmp-summary" data-testid="compare-summary">
      <span className="cmp-sides">
        {d.left.name}（{d.left.articles} 条）→ {d.right.name}（{d.right.articles} 条）
      </span>
      {d.summary.map((s) => (
        <span key={s.relation} className={`cmp-badge rel-${s.relation}`} data-testid="summary-count" data-relation={s.relation} data-count={s.count}>
          {s.label} {s.count}
        </span>
      ))}
      {d.stats.renumbered > 0 && (
        <span className="cmp-badge renumbered" data-testid="summary-count" data-relation="renumbered" data-count={d.stats.renumbered}>
          重新编号 {d.stats.renumbered}
        </span>
      )}
      <label className="cmp-toggle">
        <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} data-testid="changes-only" /> 只看修改
      </label>
      <FormalToggle showFormal={showFormal} setShowFormal={setShowFormal} formalOnly={d.stats.formalOnly} />
      {tools && <span className="cmp-tools">{tools}</span>}
      <span className="cmp-nav">
        <button type="button" onClick={() => step(-1)} title="上一处修改（k 或 p）" data-testid="prev-change">
          ↑ 上一处
        </button>
        <button type="button" onClick={() => step(1)} title="下一处修改（j 或 n）" data-testid="next-change">
          ↓ 下一处
        </button>
        <span className="muted" data-testid="change-position">
          {position}
        </span>
      </span>
      {d.limited && (
        <div className="status" role="note" data-testid="compare-limited">
          {say('compare.limited', { skipped: d.limited.skipped })}
        </div>
      )}
    </div>
  );
}

/** "显示形式修改": punctuation, width, whitespace and 项 numbers marked, or read as plain text (对照 and 沿革 alike). */
export function FormalToggle({ showFormal, setShowFormal, formalOnly = 0 }: { showFormal: boolean; setShowFormal(on: boolean): void; formalOnly?: number }) {
  return (
    <label className="cmp-toggle" title="标点、全角半角、空格、项的编号">
      <input type="checkbox" checked={showFormal} onChange={(e) => setShowFormal(e.target.checked)} data-testid="show-formal" /> 显示形式修改
      {formalOnly > 0 && <span className="muted">（{formalOnly} 条仅形式修改）</span>}
    </label>
  );
}
