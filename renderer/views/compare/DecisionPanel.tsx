/**
 * 生成修改决定: the 修改决定（草稿） that turns the left version into the right one, as the engine drafts it
 * (contract method `decision`) — numbered items in the conventional wording, the renumbering either item
 * by item or in one sentence — with its options (the convention of the body, the renumbering, the meeting
 * and the date it takes effect), 复制全文 (the engine's own plain text) and 下载 Word (公文 layout). Each item
 * is a link to the row of the comparison it comes from.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiResponse, Decision, DecisionItem, DisplayArticle, DisplayRow, ProvisionRef } from '../../../electron/api/contract';
import { call } from '../../api';
import { saveBytes } from '../../components/download';
import { ErrorBox } from '../../components/Status';
import type { Loadable } from '../../hooks';

/** The options the drafter chose (unset: the engine's default for the kind of law). */
export interface DecisionChoices {
  convention?: 'npc' | 'court';
  renumber?: 'items' | 'sentence';
  meeting?: string;
  effective?: string;
}

export type DecisionAnswer = ApiResponse<'decision'>;

/** The options as the API takes them (empty fields left out: the engine leaves a blank to fill). */
export function decisionOptions(c: DecisionChoices): DecisionChoices {
  return {
    ...(c.convention ? { convention: c.convention } : {}),
    ...(c.renumber ? { renumber: c.renumber } : {}),
    ...(c.meeting?.trim() ? { meeting: c.meeting.trim() } : {}),
    ...(c.effective?.trim() ? { effective: c.effective.trim() } : {}),
  };
}

/** The request for OLD → NEW with the chosen options. */
export function decisionRequest(left: string, right: string, c: DecisionChoices) {
  return { old: left, new: right, ...decisionOptions(c) };
}

/** The row of the comparison an item comes from: the row holding its old article, else its new one. */
export function rowForItem(item: DecisionItem, rows: DisplayRow[]): string | null {
  const has = (list: DisplayArticle[], p?: ProvisionRef) => !!p && list.some((a) => a.number === p.article && (a.sub ?? 0) === (p.sub ?? 0));
  return (rows.find((r) => has(r.left, item.old)) ?? rows.find((r) => has(r.right, item.new)))?.key ?? null;
}

/** The badge of the 生成修改决定 button: how many items the decision has. */
export function DecisionBadge({ state }: { state: Loadable<DecisionAnswer> }) {
  if (state.state !== 'ready') return <span className="tool-badge muted" data-testid="decision-badge" data-count="">{state.state === 'loading' ? '…' : '!'}</span>;
  const n = state.value.decision.items.length;
  return (
    <span className="tool-badge" data-testid="decision-badge" data-count={n} title={`${n} 项修改`}>
      {n}
    </span>
  );
}

/** Copies text: the clipboard API where the page may use it, else a selected text area (older shells). */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('复制失败：请选中文字后手动复制。');
}

/** A text field whose value is passed on after the typing stops (each change drafts the decision again). */
function LazyInput({ value, onCommit, ...rest }: { value: string; onCommit(v: string): void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setText(value), [value]);
  const commit = (v: string) => {
    if (timer.current) clearTimeout(timer.current);
    if (v !== value) onCommit(v);
  };
  return (
    <input
      {...rest}
      value={text}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(v), 600);
      }}
      onBlur={() => commit(text)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit(text);
      }}
    />
  );
}

type Action = { phase: 'idle' } | { phase: 'working'; what: string } | { phase: 'done'; message: string } | { phase: 'error'; message: string };

export interface DecisionPanelProps {
  state: Loadable<DecisionAnswer>;
  /** The last decision drafted, shown (dimmed) while the next one is on its way. */
  last: DecisionAnswer | null;
  choices: DecisionChoices;
  setChoices(c: DecisionChoices): void;
  /** The request of the decision shown (for the Word file). */
  request: ReturnType<typeof decisionRequest>;
  /** Names of the two sides ("二次审议稿 → 施行文本"). */
  subject: string;
  onPick(item: DecisionItem): void;
  active: number | null;
  onClose(): void;
}

export function DecisionPanel({ state, last, choices, setChoices, request, subject, onPick, active, onClose }: DecisionPanelProps) {
  const [action, setAction] = useState<Action>({ phase: 'idle' });
  const shown = state.state === 'ready' ? state.value : last;
  const stale = state.state === 'loading' && !!last;
  const d = shown?.decision;

  const copy = () => {
    if (!shown) return;
    copyText(shown.text).then(
      () => setAction({ phase: 'done', message: `已复制全文（${shown.text.length} 字）` }),
      (e: unknown) => setAction({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };
  const download = () => {
    setAction({ phase: 'working', what: '正在生成 Word 文件…' });
    call('decision', { ...request, docx: true }).then(
      (res) => {
        if (!res.file) throw new Error('没有收到 Word 文件。');
        saveBytes(res.file.base64, res.file.filename, res.file.mime);
        setAction({ phase: 'done', message: `已下载 ${res.file.filename}` });
      },
      (e: unknown) => setAction({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };

  return (
    <aside className="side-panel decision-panel" data-testid="decision-panel" aria-label="修改决定（草稿）" aria-busy={state.state === 'loading'}>
      <header className="side-panel-head">
        <h2>修改决定（草稿）</h2>
        <button type="button" className="side-panel-close" onClick={onClose} title="关闭" aria-label="关闭修改决定" data-testid="decision-close">
          ×
        </button>
      </header>
      <p className="side-panel-sub">{subject}</p>
      <div className="decision-options">
        <label htmlFor="decision-convention">写法</label>
        <select
          id="decision-convention"
          value={choices.convention ?? d?.convention ?? 'npc'}
          onChange={(e) => setChoices({ ...choices, convention: e.target.value as 'npc' | 'court' })}
          data-testid="decision-convention"
        >
          <option value="npc">人大常委会（改动的词句逐处写明）</option>
          <option value="court">法院（改动的条文整条重写）</option>
        </select>
        <label htmlFor="decision-renumber">条文顺序</label>
        <select
          id="decision-renumber"
          value={choices.renumber ?? d?.renumber ?? 'sentence'}
          onChange={(e) => setChoices({ ...choices, renumber: e.target.value as 'items' | 'sentence' })}
          data-testid="decision-renumber"
        >
          <option value="sentence">一句话（此外，对条文顺序作相应调整）</option>
          <option value="items">逐条（原第X条作为第Y条）</option>
        </select>
        <label htmlFor="decision-meeting">会议</label>
        <LazyInput
          id="decision-meeting"
          value={choices.meeting ?? ''}
          onCommit={(v) => setChoices({ ...choices, meeting: v })}
          placeholder="如：湖南省第十三届人民代表大会常务委员会第二十次会议"
          data-testid="decision-meeting"
        />
        <label htmlFor="decision-effective">施行日期</label>
        <LazyInput id="decision-effective" value={choices.effective ?? ''} onCommit={(v) => setChoices({ ...choices, effective: v })} placeholder="如：2021年1月1日" data-testid="decision-effective" />
      </div>
      <div className="decision-actions">
        <button type="button" onClick={copy} disabled={!shown || stale} data-testid="decision-copy">
          复制全文
        </button>
        <button type="button" className="secondary" onClick={download} disabled={!shown || stale || action.phase === 'working'} data-testid="decision-docx">
          下载 Word
        </button>
        <span role="status" aria-live="polite" className={action.phase === 'error' ? 'export-error' : 'muted'} data-testid="decision-status" data-phase={action.phase}>
          {action.phase === 'working' && action.what}
          {action.phase === 'done' && action.message}
          {action.phase === 'error' && action.message}
          {action.phase === 'idle' && stale && '正在重新生成…'}
        </span>
      </div>
      {state.state === 'loading' && !last && <p className="muted">正在由两稿的对照生成修改决定…</p>}
      {state.state === 'error' && <ErrorBox message={state.message} />}
      {d && <DecisionText decision={d} dim={stale} onPick={onPick} active={active} />}
    </aside>
  );
}

function DecisionText({ decision: d, dim, onPick, active }: { decision: Decision; dim: boolean; onPick(item: DecisionItem): void; active: number | null }) {
  return (
    <>
      {d.revision.advised && d.revision.note && (
        <p className="decision-advice" role="note" data-testid="decision-advice">
          {d.revision.note}
        </p>
      )}
      <div className="decision-text" data-testid="decision-text" style={dim ? { opacity: 0.75 } : undefined}>
        <h3 data-testid="decision-line">{d.title}</h3>
        <p data-testid="decision-line">{d.opening}</p>
        <ol className="decision-items">
          {d.items.map((item) => (
            <li
              key={item.n}
              className={active === item.n ? 'decision-item active' : 'decision-item'}
              role="link"
              tabIndex={0}
              title="转到对照表中的这一条"
              onClick={() => onPick(item)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onPick(item);
                }
              }}
              data-testid="decision-item"
              data-n={item.n}
              data-op={item.op}
            >
              {/* A quotation of several 款 or 项 continues as paragraphs of its own, as printed. */}
              {item.text.split('\n').map((line, k) => (
                <p key={k} data-testid="decision-line">
                  {k === 0 ? item.label + line : line}
                </p>
              ))}
            </li>
          ))}
        </ol>
        {d.sentence && <p data-testid="decision-line">{d.sentence}</p>}
        {d.closing.map((line, i) => (
          <p key={i} data-testid="decision-line">
            {line}
          </p>
        ))}
      </div>
    </>
  );
}
