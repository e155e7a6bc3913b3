/**
 * 沿革: an article through a chain of versions (修订草案 → 二次审议稿 → 施行文本), one column per version,
 * from one `history` call. Each column is that version's own text of the article, whole, marked as 对照
 * marks it: 黑体 for what is new against the column before, 阴影 for what the next column deletes or
 * moves away; formal changes drawn plain unless shown.
 */
import { useState } from 'react';
import type { ArticleHistory, HistoryColumn } from '../../../electron/api/contract';
import { intToCn } from '../../../electron/engine/model/numerals';
import { ErrorBox, Loading } from '../../components/Status';
import { useApiCall } from '../../hooks';
import { navigate } from '../../route';
import { ArticlePiece } from './Cells';
import { DEFAULT_LEFT, compareHash, historyHash } from './routes';
import { FormalToggle } from './Toolbar';

export function HistoryView({ segments }: { segments: string[] }) {
  // #/compare/history/<ref,ref,…>/<k>:<article>; without a chain, the library's chain through the default version.
  const given = (segments[0] ?? '').split(',').filter(Boolean);
  const m = /^(\d+):(\d+)$/.exec(segments[1] ?? '0:1');
  const from = given.length ? Math.min(Number(m?.[1] ?? 0), given.length - 1) : 0;
  const article = Number(m?.[2] ?? 1);
  const req = given.length ? { ref: given[from]!, article, chain: given } : { ref: DEFAULT_LEFT, article };
  // One call: the backend walks the chain (its comparisons are cached), traces the article and marks each column.
  const state = useApiCall('history', req, `${given.join(',')}|${from}|${article}`);
  if (given.length === 1) return <ErrorBox message="沿革需要至少两个版本。" />;
  const chain = state.state === 'ready' ? state.value.chain : given;
  const back = Math.max(0, Math.min(from, chain.length - 2));
  return (
    <section className="cmp cmp-history-view" data-testid="history-view">
      <div className="cmp-picker">
        {chain.length >= 2 && <a href={compareHash(chain[back]!, chain[back + 1]!)}>← 返回对照</a>}
        {state.state === 'ready' && (
          <span className="muted" data-testid="history-title">
            {state.value.title}{state.value.label}的沿革：{state.value.steps.map((s) => s.label).join(' → ')}
          </span>
        )}
      </div>
      {state.state === 'loading' && <Loading what="沿革（首次分词需数秒）" />}
      {state.state === 'error' && <ErrorBox message={state.message} />}
      {state.state === 'ready' && <History history={state.value} />}
    </section>
  );
}

function History({ history: h }: { history: ArticleHistory }) {
  const { chain, from, article, steps } = h;
  const [showFormal, setShowFormal] = useState(false);
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
        <FormalToggle showFormal={showFormal} setShowFormal={setShowFormal} />
        <span className="muted">每栏为该稿自身的条文：黑体为较前一稿增加，阴影为后一稿删去或者移动（拆分的条文分别跟随）。</span>
      </div>
      <div className="cmp-timeline" style={{ gridTemplateColumns: `repeat(${steps.length}, minmax(0, 1fr))` }} data-testid="history-timeline">
        {steps.map((step, k) => (
          <div key={k} className="cmp-stage" data-testid="history-stage" data-version={k} data-articles={step.articles.join(',')}>
            <h3>
              {step.label}
              <span className="muted"> {step.title !== step.label ? step.title : ''}</span>
            </h3>
            <Column column={step.column} first={k === 0} showFormal={showFormal} />
          </div>
        ))}
      </div>
    </>
  );
}

function Column({ column: c, first, showFormal }: { column: HistoryColumn; first: boolean; showFormal: boolean }) {
  if (c.absent) return <p className="muted cmp-empty">{c.absent === 'before' ? '（尚无此条）' : '（已删除）'}</p>;
  return (
    <>
      {!first && c.relationLabel && (
        <div className="cmp-badges">
          <span className={`cmp-badge rel-${c.relation}`}>{c.relationLabel}</span>
          {c.renumbered && <span className="cmp-badge renumbered">重新编号</span>}
          {c.from.length > 0 && <span className="muted">自 {c.from.join('、')}</span>}
        </div>
      )}
      {c.articles.map((a) => (
        <div key={`${a.number}_${a.sub ?? 0}`} className="cmp-stage-article" data-testid="history-article" data-article={a.label}>
          <ArticlePiece
            article={a}
            piece={{ article: 0, paragraphs: a.paragraphs.map((_, i) => i), head: true, last: true, numbered: false }}
            side="left"
            doc={c.doc}
            version={c.version}
            showFormal={showFormal}
          />
        </div>
      ))}
    </>
  );
}
