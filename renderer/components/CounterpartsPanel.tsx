/**
 * 同题条款: under the Reader's selected article, the articles of the other documents that deal with the
 * same topic (the `counterparts` API, i.e. the alignment of the whole library), with the terms that make
 * them match. "无对应条款" where a document has none.
 */
import type { Article } from '../../electron/engine/model/types';
import { docName } from '../documents';
import { useApiCall, useDocumentList } from '../hooks';
import { readerHash } from '../route';
import { topicsHash } from '../route';

export function CounterpartsPanel({ doc, version, article }: { doc: string; version: number; article: Pick<Article, 'number' | 'sub'> }) {
  const ref = version ? `${doc}@${version}` : doc;
  const req = { ref, article: article.number, ...(article.sub ? { sub: article.sub } : {}) };
  const result = useApiCall('counterparts', req, `${ref}:${article.number}:${article.sub ?? 0}`);
  // Each document by its label (two versions of one law share a title).
  const documents = useDocumentList();
  const byId = documents ? new Map(documents.map((d) => [d.id, d] as const)) : null;
  const nameOf = (d: { ref: string; title: string; versionLabel: string | null }) => {
    const summary = byId?.get(d.ref.split('@')[0]!);
    const name = summary ? docName(summary) : d.title;
    return d.versionLabel ? `${d.versionLabel} · ${name}` : name;
  };
  return (
    <section className="counterparts" data-testid="counterparts-panel" aria-label="同题条款">
      <h4>
        同题条款
        {result.state === 'ready' && result.value.topic && <span className="counterparts-topic">主题：{result.value.topic.label}</span>}
      </h4>
      {result.state === 'loading' && <div className="muted">正在对照其他文档…</div>}
      {result.state === 'error' && <div className="counterparts-error">{result.message}</div>}
      {result.state === 'ready' && (
        <>
          <ul>
            {result.value.docs.map((d) => (
              <li key={d.ref} data-testid="counterparts-doc" data-ref={d.ref}>
                <span className="counterparts-title" title={nameOf(d)}>
                  {nameOf(d)}
                </span>
                {d.matches.length === 0 ? (
                  <span className="muted">无对应条款</span>
                ) : (
                  d.matches.map((m) => {
                    const [id, v] = d.ref.split('@');
                    return (
                      <a
                        key={`${m.article}_${m.sub ?? 0}`}
                        className={m.rank === 1 ? 'counterpart best' : 'counterpart'}
                        href={readerHash(id!, Number(v ?? 0), m.sub ? { number: m.article, sub: m.sub } : { number: m.article })}
                        title={`${m.snippet}\n相似度 ${m.score.toFixed(2)} · 共有：${m.terms.join('、')}`}
                        data-testid="counterpart-link"
                        data-article={m.article}
                      >
                        {m.label}
                        {m.heading && <span className="heading">【{m.heading}】</span>}
                        <span className="terms">{m.terms.slice(0, 3).join('、')}</span>
                      </a>
                    );
                  })
                )}
              </li>
            ))}
          </ul>
          {result.value.docs.some((d) => d.matches.length > 0) && (
            <a
              className="counterparts-more"
              href={topicsHash([ref, ...result.value.docs.filter((d) => d.matches.length > 0).map((d) => d.ref)], { doc, version, article: article.number, ...(article.sub ? { sub: article.sub } : {}) })}
              data-testid="counterparts-topics-link"
            >
              在“主题”中并排阅读 →
            </a>
          )}
        </>
      )}
    </section>
  );
}
