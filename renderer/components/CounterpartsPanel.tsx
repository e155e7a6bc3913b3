/**
 * 其他地方怎么规定: under the Reader's selected article, its counterparts in every other jurisdiction's
 * regulation on the same subject in the library (the `counterparts` API with `scope: 'library'`: one
 * request per selected article), best first. A sure match reads plainly; a weaker one is lighter and
 * marked "？" with its confidence in the tooltip; "—" only where the regulation has nothing on the
 * article's subject. Each regulation's best match opens its redline against the selected article.
 */
import { useState } from 'react';
import type { CounterpartsResponse } from '../../electron/api/contract';
import type { Article } from '../../electron/engine/model/types';
import { say } from '../../electron/engine/model/messages';
import { useApiCall } from '../hooks';
import { TokenDiff } from './TokenDiff';
import { readerHash, topicsHash } from '../route';

type Doc = CounterpartsResponse['docs'][number];
type Match = Doc['matches'][number];

/** At most this many regulations go to 主题 with the article's own (an alignment of them all). */
const TOPICS_LINK_DOCS = 6;

const confidenceWord = (c: Match['confidence']) => say(`align.confidence.${c ?? 'low'}`);

/** A match a reader should check before relying on it: medium or low. */
const isGuess = (m: Match) => m.confidence === 'medium' || m.confidence === 'low';

export function CounterpartsPanel({ doc, version, article }: { doc: string; version: number; article: Pick<Article, 'number' | 'sub'> }) {
  const ref = version ? `${doc}@${version}` : doc;
  const req = { ref, article: article.number, ...(article.sub ? { sub: article.sub } : {}), scope: 'library' as const };
  const result = useApiCall('counterparts', req, `${ref}:${article.number}:${article.sub ?? 0}`);
  return (
    <section className="counterparts" data-testid="counterparts-panel" aria-label={say('ui.counterparts.aria')}>
      <h4>
        {say('ui.counterparts.title')}
        {result.state === 'ready' && result.value.library && (
          <span className="counterparts-topic" data-testid="counterparts-scope">
            {say('ui.counterparts.scope', { documents: result.value.library.documents, shortlisted: result.value.library.shortlisted })}
          </span>
        )}
      </h4>
      {result.state === 'loading' && <div className="muted">{say('ui.counterparts.loading')}</div>}
      {result.state === 'error' && <div className="counterparts-error">{result.message}</div>}
      {result.state === 'ready' && <CounterpartsList value={result.value} doc={doc} version={version} article={article} />}
    </section>
  );
}

function CounterpartsList({ value, doc, version, article }: { value: CounterpartsResponse; doc: string; version: number; article: Pick<Article, 'number' | 'sub'> }) {
  const ref = version ? `${doc}@${version}` : doc;
  const partial = value.library?.partial;
  if (value.docs.length === 0) {
    return (
      <>
        {partial && <div className="muted" data-testid="counterparts-partial">{say('align.library_partial', partial)}</div>}
        <div className="muted" data-testid="counterparts-none">
          {say('ui.counterparts.none_similar')}
        </div>
      </>
    );
  }
  const sure = value.docs.filter((d) => d.matches[0] && d.matches[0].confidence !== 'low').slice(0, TOPICS_LINK_DOCS);
  return (
    <>
      {partial && <div className="muted" data-testid="counterparts-partial">{say('align.library_partial', partial)}</div>}
      <ul>
        {value.docs.map((d) => (
          <CounterpartsDoc key={d.ref} d={d} own={value.name ?? ''} />
        ))}
      </ul>
      <div className="counterparts-foot">
        <span className="muted">{say('ui.counterparts.legend')}</span>
        {sure.length > 0 && (
          <a
            className="counterparts-more"
            href={topicsHash([ref, ...sure.map((d) => d.ref)], { doc, version, article: article.number, ...(article.sub ? { sub: article.sub } : {}) })}
            data-testid="counterparts-topics-link"
          >
            {say('ui.counterparts.topics_link')}
          </a>
        )}
      </div>
    </>
  );
}

function CounterpartsDoc({ d, own }: { d: Doc; own: string }) {
  const [redline, setRedline] = useState(false);
  const [id, v] = d.ref.split('@');
  const best = d.matches[0];
  const diff = best?.diff;
  const name = d.name ?? d.title;
  return (
    <li data-testid="counterparts-doc" data-ref={d.ref} data-confidence={best?.confidence ?? 'none'}>
      <span className="counterparts-title" title={`${d.label ?? d.title}${d.similarity !== undefined ? `\n${say('ui.counterparts.similarity', { score: d.similarity.toFixed(2) })}` : ''}`} data-testid="counterparts-name">
        {name}
      </span>
      {d.matches.length === 0 ? (
        <span className="counterpart none" data-testid="counterpart-none" title={say('ui.counterparts.no_match')}>
          —<span className="muted"> {say('ui.counterparts.no_match')}</span>
        </span>
      ) : (
        d.matches.map((m) => (
          <a
            key={`${m.article}_${m.sub ?? 0}`}
            className={`counterpart confidence-${m.confidence ?? 'low'}${m.rank === 1 ? ' best' : ''}`}
            href={readerHash(id!, Number(v ?? 0), m.sub ? { number: m.article, sub: m.sub } : { number: m.article })}
            title={`${m.snippet}\n${say('ui.counterparts.tooltip', { confidence: confidenceWord(m.confidence), score: m.score.toFixed(2), terms: m.terms.join('、') })}`}
            data-testid="counterpart-link"
            data-article={m.article}
            data-confidence={m.confidence ?? 'low'}
          >
            {m.label}
            {isGuess(m) && <span className="guess-mark">？</span>}
            {m.heading && <span className="heading">【{m.heading}】</span>}
            {m.rank === 1 && <span className="terms">{m.terms.slice(0, 3).join('、')}</span>}
          </a>
        ))
      )}
      {diff && (
        <button type="button" className={redline ? 'redline-toggle active' : 'redline-toggle'} onClick={() => setRedline(!redline)} aria-expanded={redline} data-testid="redline-toggle">
          {say('ui.counterparts.redline')}
        </button>
      )}
      {diff && redline && (
        <div className="counterpart-redline" data-testid="redline" title={say('ui.counterparts.redline_hint', { own, other: name })}>
          <TokenDiff spans={diff} />
        </div>
      )}
    </li>
  );
}
