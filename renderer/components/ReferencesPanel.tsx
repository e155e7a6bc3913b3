/**
 * 引用检查: a version's internal cross-references as the engine resolved them (contract method `refs`) —
 * where each is written, what it points at, and whether that is right: 悬空 (no such provision), and
 * against an older version 编号未更新 (the old number kept, with the number it should read) or 所指条文已删除.
 * Shown in 阅读 (the version alone) and in 对照 (the right version against the left's numbering). Each
 * reference is a link to the place it is written (the host scrolls there and marks the words) and to
 * what it points at.
 */
import { useState } from 'react';
import type { Reference, ReferenceReport, ReferenceStatus } from '../../electron/api/contract';
import { say } from '../../electron/engine/model/messages';
import type { Loadable } from '../hooks';
import { ErrorBox } from './Status';

export const statusLabel = (s: ReferenceStatus): string => say(`refs.status.${s}`);

/** What the badge counts: every reference that is not right. */
export function referenceProblems(report: ReferenceReport): number {
  return report.counts.dangling + report.counts.moved + report.counts.deleted;
}

/** Where a reference stands, to scroll to and mark: the article, the 款, the 项/目, and the cited words' offsets in that unit's text. */
export interface TextFocus {
  article: number;
  sub?: number;
  paragraph: number;
  item?: number;
  subitem?: number;
  start: number;
  end: number;
  /** The words marked (to find them where the unit is drawn with its 项 label in front). */
  cited: string;
}

export function focusOf(r: Reference): TextFocus {
  const f = r.from;
  return {
    article: f.article,
    ...(f.sub ? { sub: f.sub } : {}),
    paragraph: f.paragraph,
    ...(f.item !== undefined ? { item: f.item } : {}),
    ...(f.subitem !== undefined ? { subitem: f.subitem } : {}),
    start: r.start,
    end: r.end,
    cited: r.cited,
  };
}

export function sameFocus(a: TextFocus | null, b: TextFocus): boolean {
  return !!a && a.article === b.article && (a.sub ?? 0) === (b.sub ?? 0) && a.paragraph === b.paragraph && a.item === b.item && a.subitem === b.subitem && a.start === b.start;
}

/** The badge of the 引用检查 button: problems found (0 when all are right), or nothing while loading. */
export function ReferencesBadge({ state }: { state: Loadable<ReferenceReport> }) {
  if (state.state !== 'ready') return <span className="tool-badge muted" data-testid="refs-badge" data-count="">{state.state === 'loading' ? '…' : '!'}</span>;
  const n = referenceProblems(state.value);
  return (
    <span className={n ? 'tool-badge alert' : 'tool-badge ok'} data-testid="refs-badge" data-count={n} title={n ? `${n} 处引用有问题` : '未发现问题'}>
      {n}
    </span>
  );
}

export interface ReferencesPanelProps {
  state: Loadable<ReferenceReport>;
  /** What was checked: "深圳经济特区促进中小企业发展条例（草案）", or "二次审议稿（按修订草案的编号核对）". */
  subject: string;
  /** The reference's place was chosen: scroll there and mark it. */
  onPick(r: Reference): void;
  /** The reference's target was chosen: go to what it points at. */
  onTarget?(r: Reference): void;
  /** The reference currently marked. */
  focus: TextFocus | null;
  onClose(): void;
}

export function ReferencesPanel({ state, subject, onPick, onTarget, focus, onClose }: ReferencesPanelProps) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  return (
    <aside className="side-panel refs-panel" data-testid="refs-panel" aria-label="引用检查">
      <header className="side-panel-head">
        <h2>引用检查</h2>
        <button type="button" className="side-panel-close" onClick={onClose} title="关闭" aria-label="关闭引用检查" data-testid="refs-close">
          ×
        </button>
      </header>
      <p className="side-panel-sub">{subject}</p>
      {state.state === 'loading' && <p className="muted">正在查找和核对条文引用…</p>}
      {state.state === 'error' && <ErrorBox message={state.message} />}
      {state.state === 'ready' && <ReferenceList report={state.value} problemsOnly={problemsOnly} setProblemsOnly={setProblemsOnly} onPick={onPick} onTarget={onTarget} focus={focus} />}
    </aside>
  );
}

function ReferenceList({
  report,
  problemsOnly,
  setProblemsOnly,
  onPick,
  onTarget,
  focus,
}: {
  report: ReferenceReport;
  problemsOnly: boolean;
  setProblemsOnly(on: boolean): void;
  onPick(r: Reference): void;
  onTarget?(r: Reference): void;
  focus: TextFocus | null;
}) {
  const c = report.counts;
  const problems = referenceProblems(report);
  const shown = problemsOnly ? report.references.filter((r) => r.status !== 'ok') : report.references;
  return (
    <>
      <p className="refs-summary" data-testid="refs-summary">
        {say('cli.refs_summary', { n: report.references.length, ok: c.ok, dangling: c.dangling, moved: c.moved, deleted: c.deleted, external: report.external.length })}
      </p>
      {problems > 0 && (
        <label className="cmp-toggle refs-filter">
          <input type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly(e.target.checked)} data-testid="refs-problems-only" /> 只看有问题的（{problems} 处）
        </label>
      )}
      {report.references.length === 0 && <p className="muted">没有找到本文件内部的条文引用。</p>}
      <ol className="refs-list">
        {shown.map((r, i) => {
          const active = sameFocus(focus, focusOf(r));
          return (
            <li key={`${r.from.label}-${r.start}-${i}`} className={`ref ref-${r.status}${active ? ' active' : ''}`} data-testid="reference" data-status={r.status}>
              <div className="ref-line">
                <button type="button" className="ref-where" onClick={() => onPick(r)} title="转到引用所在的条文" data-testid="reference-where">
                  {r.from.label}
                </button>
                <span className={`ref-status status-${r.status}`} data-testid="reference-status">
                  {statusLabel(r.status)}
                </span>
              </div>
              <div className="ref-text">
                <span className="ref-cited" data-testid="reference-text">
                  {r.text}
                </span>
                {r.targetLabel && (
                  <>
                    {' → '}
                    {onTarget && r.status !== 'dangling' && r.target && r.target.article > 0 ? (
                      <button type="button" className="ref-target" onClick={() => onTarget(r)} title="转到所指的条文" data-testid="reference-target">
                        {r.targetLabel}
                      </button>
                    ) : (
                      <span className="ref-target-text" data-testid="reference-target">
                        {r.targetLabel}
                      </span>
                    )}
                  </>
                )}
              </div>
              {r.status !== 'ok' && (
                <div className="ref-message" data-testid="reference-message">
                  {r.message}
                  {r.suggest && (
                    <>
                      ；应为<strong data-testid="reference-suggest">{r.suggest}</strong>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {report.external.length > 0 && (
        <details className="refs-external" data-testid="refs-external">
          <summary>引用其他法律的 {report.external.length} 处</summary>
          <ul>
            {report.external.map((x, i) => (
              <li key={i}>
                <span className="muted">{x.from.label}</span> {x.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
