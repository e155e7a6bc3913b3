/**
 * 主题: the same topic across jurisdictions. Choose documents; the matrix lists topics as rows (in sections
 * by the first document's chapters) and the documents as columns under short names (浙江 2023, 国家 2017).
 * A cell holds the topic's articles of that document; where it has none, the nearest article there as a
 * guess (lighter, "12？", its confidence in the tooltip); "—" only where nothing there shares the subject.
 * A row opens the texts of that topic side by side with the shared terms marked, and a word diff of any
 * two of them on demand. The matrix downloads as an Excel workbook or a PDF (alignExport).
 * Place lives in the hash: #/topics/<ref,ref,…>/<doc@version:article of a member>.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AlignExportRequest, ApiResponse, DocumentSummary } from '../../electron/api/contract';
import type { AlignDocSummary, AlignTopic, Alignment, NearestArticle, TopicMember } from '../../electron/engine/align/types';
import type { DiffSpan as TokenDiffSpan } from '../../electron/engine/compare/types';
import type { Article, LegalDocument } from '../../electron/engine/model/types';
import { findArticle } from '../../electron/engine/model/address';
import { say } from '../../electron/engine/model/messages';
import { call, startJob } from '../api';
import { useDownload } from '../components/download';
import { AnnotationStrip, annotateKey, useAnnotations, useQuoteSelection } from '../components/AnnotationStrip';
import { Highlighted } from '../components/highlight';
import { DocumentPicker } from '../components/DocumentPicker';
import { ErrorBox, Loading } from '../components/Status';
import { TokenDiff } from '../components/TokenDiff';
import { choicesOf } from '../documents';
import { useApiCall } from '../hooks';
import { memberKey, navigate, readerHash, topicsHash } from '../route';
import type { ViewProps } from '../route';

export const DEFAULT_TOPIC_REFS = ['zhejiang-2023', 'hunan-2020', 'shenzhen-draft'];

/** `#/topics/<refs>/<member>` for a selection and, optionally, the topic holding `member`. */
const refOfDoc = (d: { doc: string; version: number }) => (d.version ? `${d.doc}@${d.version}` : d.doc);
const inColumn = (m: { doc: string; version: number }, d: AlignDocSummary) => m.doc === d.doc && m.version === d.version;
const nearestIn = (t: AlignTopic, d: AlignDocSummary): NearestArticle | undefined => t.nearest?.find((n) => inColumn(n, d));
const confidenceWord = (c: NearestArticle['confidence']) => say(`align.confidence.${c}`);
const articleTitle = (a: { label: string; heading: string | null }) => (a.heading ? `${a.label}【${a.heading}】` : a.label);

export function TopicsView({ route }: ViewProps) {
  const docs = useApiCall('listDocuments', {}, 'all');
  const refs = route.segments[0] ? route.segments[0].split(',').filter(Boolean) : DEFAULT_TOPIC_REFS;
  const selected = route.segments[1] ?? null;
  if (docs.state === 'loading') return <Loading what="文库" />;
  if (docs.state === 'error') return <ErrorBox message={docs.message} />;
  return (
    <section className="topics" data-testid="topics-view">
      <DocPicker documents={docs.value.documents} refs={refs} onChange={(next) => navigate(topicsHash(next), true)} />
      {refs.length < 2 ? (
        <div className="status" data-testid="topics-need-two">
          {say('ui.topics.need_two')}
        </div>
      ) : (
        <TopicsBody key={refs.join(',')} refs={refs} selected={selected} />
      )}
    </section>
  );
}

/** The documents to set side by side: each chosen one a chip (uncheck to drop it), and a picker to add more. */
function DocPicker({ documents, refs, onChange }: { documents: DocumentSummary[]; refs: string[]; onChange: (refs: string[]) => void }) {
  const choices = useMemo(() => choicesOf(documents), [documents]);
  const byRef = useMemo(() => new Map(choices.map((c) => [c.ref, c] as const)), [choices]);
  // Keep the library's order, so that columns do not jump around (a REF not in the list stays last).
  const ordered = (next: string[]) => [...choices.map((c) => c.ref).filter((r) => next.includes(r)), ...next.filter((r) => !byRef.has(r))];
  return (
    <fieldset className="doc-picker" data-testid="doc-picker">
      <legend>{say('ui.topics.picker')}</legend>
      {refs.map((ref) => {
        const c = byRef.get(ref);
        return (
          <label key={ref} className="doc-option checked" title={c ? `${c.name}\n${c.detail}` : ref} data-testid="topic-chip" data-ref={ref}>
            <input type="checkbox" checked onChange={() => onChange(refs.filter((r) => r !== ref))} data-testid="doc-option" data-ref={ref} />
            {c?.doc.jurisdiction && <span className="jurisdiction">{c.doc.jurisdiction}</span>} {c ? c.name : ref}
          </label>
        );
      })}
      <DocumentPicker
        className="doc-picker-add"
        documents={documents}
        value=""
        onChange={(ref) => ref && onChange(ordered([...refs, ref]))}
        label="添加文档"
        testId="topics-add"
        exclude={refs}
        keepChoice={false}
        placeholder="＋ 添加文档（输入标题、地区或年份）"
      />
    </fieldset>
  );
}

/** A column's head: the alignment's short name (浙江 2023, 湖南 二次审议稿, 国家 2017) over the title. */
function columnTitle(d: AlignDocSummary): { head: string; sub: string } {
  return { head: d.name || d.doc, sub: d.title };
}

function TopicsBody({ refs, selected }: { refs: string[]; selected: string | null }) {
  const alignment = useApiCall('align', { refs }, refs.join(','));
  const [filter, setFilter] = useState('');
  const [sharedOnly, setSharedOnly] = useState(false);
  if (alignment.state === 'loading') return <Loading what={say('ui.topics.loading')} />;
  if (alignment.state === 'error') return <ErrorBox message={alignment.message} />;
  const al = alignment.value;
  const topic = selected ? al.topics.find((t) => t.members.some((m) => memberKey(m) === selected)) ?? null : null;
  const f = filter.trim();
  const rows = al.topics.filter((t) => {
    const docsIn = new Set(t.members.map((m) => `${m.doc}@${m.version}`)).size;
    if (sharedOnly && docsIn < 2) return false;
    if (!f) return true;
    return t.label.includes(f) || t.terms.some((x) => x.includes(f)) || t.members.some((m) => m.heading?.includes(f) || m.label === f);
  });
  const shared = al.topics.filter((t) => new Set(t.members.map((m) => `${m.doc}@${m.version}`)).size > 1).length;
  // Section rows where the first document's chapter changes: the matrix reads as that law is laid out.
  let chapter: string | undefined;
  return (
    <div className={topic ? 'topics-body with-detail' : 'topics-body'}>
      <div className="topics-matrix-pane">
        <div className="topics-head">
          <span data-testid="topics-count">{say('ui.topics.count', { topics: al.topics.length, shared })}</span>
          <label className="shared-only">
            <input type="checkbox" checked={sharedOnly} onChange={(e) => setSharedOnly(e.target.checked)} data-testid="shared-only" /> {say('ui.topics.shared_only')}
          </label>
          <input
            className="filter"
            type="search"
            placeholder={say('ui.topics.filter')}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="topics-filter"
            aria-label={say('ui.topics.filter_label')}
          />
          <MatrixExport refs={refs} sharedOnly={sharedOnly} />
        </div>
        <p className="topics-legend muted">{say('align.matrix.legend')}</p>
        <table className="topic-matrix" data-testid="topic-matrix">
          <thead>
            <tr>
              <th className="topic-label">{say('align.matrix.topic')}</th>
              {al.documents.map((d) => {
                const t = columnTitle(d);
                return (
                  <th key={d.ref} title={d.title} data-testid="topic-column" data-ref={d.ref}>
                    <div>{t.head}</div>
                    <div className="column-sub">{t.sub}</div>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => {
              const key = memberKey(t.members[0]!);
              const active = topic === t;
              const section = t.chapter && t.chapter !== chapter && t.members.some((m) => inColumn(m, al.documents[0]!)) ? t.chapter : null;
              if (section) chapter = section;
              return [
                section && (
                  <tr key={`section:${key}`} className="chapter-row" data-testid="topic-section">
                    <td colSpan={al.documents.length + 1}>{section}</td>
                  </tr>
                ),
                <tr
                  key={key}
                  className={active ? 'topic-row active' : 'topic-row'}
                  data-testid="topic-row"
                  data-label={t.label}
                  onClick={() => navigate(topicsHash(refs, active ? null : t.members[0]), true)}
                >
                  <td className="topic-label" title={t.terms.join('、')}>
                    {t.label}
                  </td>
                  {al.documents.map((d) => (
                    <MatrixCell key={d.ref} topic={t} d={d} />
                  ))}
                </tr>,
              ];
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={al.documents.length + 1} className="empty">
                  {say('ui.topics.no_rows')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {topic && <TopicDetail key={memberKey(topic.members[0]!)} topic={topic} alignment={al} onClose={() => navigate(topicsHash(refs), true)} />}
    </div>
  );
}

/**
 * A cell: the topic's articles of the document; where it has none, the nearest one there as a guess
 * (lighter, "？", the confidence in the tooltip); "—" where nothing there shares the subject.
 */
function MatrixCell({ topic, d }: { topic: AlignTopic; d: AlignDocSummary }) {
  const ms = topic.members.filter((m) => inColumn(m, d));
  if (ms.length) {
    return (
      <td className="topic-cell" data-testid="topic-cell" data-ref={d.ref} data-articles={ms.map((m) => m.article).join(',')}>
        {ms.map((m) => (
          <div key={memberKey(m)} className="cell-member">
            <span className="cell-label">{m.label}</span>
            {m.heading && <span className="cell-heading">{m.heading}</span>}
          </div>
        ))}
      </td>
    );
  }
  const guess = nearestIn(topic, d);
  if (guess) {
    return (
      <td
        className={`topic-cell guess confidence-${guess.confidence}`}
        data-testid="topic-cell"
        data-ref={d.ref}
        data-articles=""
        data-guess={guess.article}
        data-confidence={guess.confidence}
        title={say('align.matrix.guess', { label: articleTitle(guess), confidence: confidenceWord(guess.confidence) })}
      >
        <div className="cell-member">
          <span className="cell-label">
            {guess.label}
            <span className="guess-mark">？</span>
          </span>
          {guess.heading && <span className="cell-heading">{guess.heading}</span>}
        </div>
      </td>
    );
  }
  return (
    <td className="topic-cell gap" data-testid="topic-cell" data-ref={d.ref} data-articles="" title={say('ui.topics.gap')}>
      —
    </td>
  );
}

/** 导出 Excel / 导出 PDF: the matrix (topics × jurisdictions, with the texts) as a download. */
function MatrixExport({ refs, sharedOnly }: { refs: string[]; sharedOnly: boolean }) {
  const { state, seconds, working, run: download } = useDownload<AlignExportRequest['format'], ApiResponse<'alignExport'>, { rows: number; bytes: number }>((res) => ({ rows: res.rows, bytes: res.bytes }));
  const run = (format: AlignExportRequest['format']): void => download(format, () => startJob('alignExport', { refs, format, ...(sharedOnly ? { sharedOnly } : {}) }).promise);
  return (
    <span className="matrix-export" data-testid="matrix-export">
      <button type="button" onClick={() => run('xlsx')} disabled={working} title={say('ui.topics.export_hint_xlsx')} data-testid="export-xlsx">
        {say('ui.topics.export_xlsx')}
      </button>
      <button type="button" onClick={() => run('pdf')} disabled={working} title={say('ui.topics.export_hint_pdf')} data-testid="export-pdf">
        {say('ui.topics.export_pdf')}
      </button>
      <span className="matrix-export-status" role="status" aria-live="polite" data-testid="matrix-export-status" data-phase={state.phase}>
        {state.phase === 'working' && say('ui.topics.exporting', { format: state.format === 'xlsx' ? 'Excel' : 'PDF', seconds })}
        {state.phase === 'done' && say('ui.topics.exported', { filename: state.filename, rows: state.rows, kb: Math.max(1, Math.round(state.bytes / 1024)) })}
        {state.phase === 'error' && <span className="export-error">{say('ui.topics.export_failed', { message: state.message })}</span>}
      </span>
    </span>
  );
}

/** The selected documents, loaded once per selection (for the texts of the detail pane). */
function useDocuments(refs: string[]): Map<string, LegalDocument> | { error: string } | null {
  const [state, setState] = useState<Map<string, LegalDocument> | { error: string } | null>(null);
  const key = refs.join(',');
  useEffect(() => {
    let live = true;
    setState(null);
    Promise.all(refs.map((ref) => call('getDocument', { ref }).then((r) => [ref, r.document] as const))).then(
      (entries) => live && setState(new Map(entries)),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}

function findMember(doc: LegalDocument | undefined, m: TopicMember): Article | undefined {
  const version = doc?.versions[m.version];
  return version ? (findArticle(version, m.article, m.sub) ?? undefined) : undefined;
}

function TopicDetail({ topic, alignment, onClose }: { topic: AlignTopic; alignment: Alignment; onClose: () => void }) {
  const docs = useDocuments(alignment.docs);
  // 批注 on the members (any of the documents), and the text selected among them.
  const notes = useAnnotations(null);
  const textsRef = useRef<HTMLDivElement>(null);
  const selection = useQuoteSelection(textsRef);
  return (
    <aside className="topic-detail" data-testid="topic-detail" data-label={topic.label}>
      <header className="topic-detail-head">
        <h2>{topic.label}</h2>
        <button type="button" className="close" onClick={onClose} aria-label={say('ui.topics.close')} data-testid="topic-close">
          ×
        </button>
      </header>
      {topic.terms.length > 0 && (
        <div className="shared-terms" data-testid="shared-terms">
          {say('ui.topics.shared_terms')}
          {topic.terms.map((t) => (
            <mark key={t} className="term">
              {t}
            </mark>
          ))}
        </div>
      )}
      {docs === null && <Loading what={say('ui.topics.texts')} />}
      {docs !== null && 'error' in docs && <ErrorBox message={String(docs.error)} />}
      {docs instanceof Map && (
        <>
          <div className="topic-texts" ref={textsRef}>
            {alignment.documents.map((d) => {
              const ms = topic.members.filter((m) => inColumn(m, d));
              const t = columnTitle(d);
              const guess = ms.length === 0 ? nearestIn(topic, d) : undefined;
              return (
                <div key={d.ref} className="topic-column-text" data-testid="topic-text-column" data-ref={d.ref}>
                  <h3 title={d.title}>{t.head}</h3>
                  {ms.length === 0 && !guess && <p className="muted gap-note">{say('ui.topics.no_member')}</p>}
                  {guess && (
                    <p className="muted gap-note" data-testid="topic-guess">
                      <a href={readerHash(d.doc, d.version, { number: guess.article, ...(guess.sub ? { sub: guess.sub } : {}) })} title={say('ui.topics.open_in_reader')}>
                        {say('ui.topics.guess_note', { label: articleTitle(guess), confidence: confidenceWord(guess.confidence) })}
                      </a>
                    </p>
                  )}
                  {ms.map((m) => {
                    const a = findMember(docs.get(d.ref), m);
                    return (
                      <div key={memberKey(m)} className="topic-article" data-testid="topic-member" data-ref={d.ref} data-article={m.article}>
                        <div className="topic-article-head">
                          <a href={readerHash(d.doc, d.version, { number: m.article, ...(m.sub ? { sub: m.sub } : {}) })} title={say('ui.topics.open_in_reader')}>
                            {m.label}
                          </a>
                          {m.heading && <span className="heading">【{m.heading}】</span>}
                        </div>
                        {a ? (
                          <div data-annotate={annotateKey(`${d.doc}@${d.version}`, { number: m.article, sub: m.sub })}>
                            <ArticleBody article={a} terms={topic.terms} />
                          </div>
                        ) : (
                          <p className="muted">{say('ui.topics.not_found')}</p>
                        )}
                        {a && (
                          <AnnotationStrip
                            docRef={`${d.doc}@${d.version}`}
                            article={{ number: m.article, ...(m.sub ? { sub: m.sub } : {}), label: m.label, heading: m.heading }}
                            paragraphs={a.paragraphs.length}
                            selectionKey={annotateKey(`${d.doc}@${d.version}`, { number: m.article, sub: m.sub })}
                            store={notes}
                            selection={selection}
                            active
                          />
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
          <PairDiff topic={topic} alignment={alignment} />
        </>
      )}
    </aside>
  );
}

function ArticleBody({ article, terms }: { article: Article; terms: string[] }) {
  return (
    <div className="topic-article-body">
      {article.paragraphs.map((p, i) => (
        <div key={i} className="topic-para">
          {p.text && (
            <p>
              <Highlighted text={p.text} terms={terms} />
            </p>
          )}
          {p.items.map((item, j) => (
            <p key={j} className="topic-item">
              {item.label}
              <Highlighted text={item.text} terms={terms} />
            </p>
          ))}
        </div>
      ))}
    </div>
  );
}

function PairDiff({ topic, alignment }: { topic: AlignTopic; alignment: Alignment }) {
  const options = topic.members;
  const firstOther = options.findIndex((m) => m.doc !== options[0]!.doc || m.version !== options[0]!.version);
  const [left, setLeft] = useState(0);
  const [right, setRight] = useState(firstOther >= 0 ? firstOther : Math.min(1, options.length - 1));
  const [result, setResult] = useState<{ spans: TokenDiffSpan[] } | { error: string } | 'loading' | null>(null);
  const name = useMemo(() => {
    const byDoc = new Map(alignment.documents.map((d) => [`${d.doc}@${d.version}`, d]));
    return (m: TopicMember) => `${byDoc.get(`${m.doc}@${m.version}`)?.name ?? m.doc} ${m.label}`;
  }, [alignment]);
  if (options.length < 2) return null;
  const run = () => {
    const a = options[left]!;
    const b = options[right]!;
    setResult('loading');
    call('alignDiff', {
      left: { ref: refOfDoc(a), article: a.article, ...(a.sub ? { sub: a.sub } : {}) },
      right: { ref: refOfDoc(b), article: b.article, ...(b.sub ? { sub: b.sub } : {}) },
    }).then(
      (r) => setResult(r),
      (e: unknown) => setResult({ error: e instanceof Error ? e.message : String(e) }),
    );
  };
  return (
    <div className="pair-diff" data-testid="pair-diff">
      <div className="pair-diff-controls">
        <span>{say('ui.topics.word_diff')}</span>
        <select value={left} onChange={(e) => setLeft(Number(e.target.value))} data-testid="diff-left" aria-label={say('ui.topics.diff_left')}>
          {options.map((m, i) => (
            <option key={i} value={i}>
              {name(m)}
            </option>
          ))}
        </select>
        <span>{say('ui.topics.diff_with')}</span>
        <select value={right} onChange={(e) => setRight(Number(e.target.value))} data-testid="diff-right" aria-label={say('ui.topics.diff_right')}>
          {options.map((m, i) => (
            <option key={i} value={i}>
              {name(m)}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} disabled={left === right} data-testid="diff-run">
          {say('ui.topics.diff_run')}
        </button>
      </div>
      {result === 'loading' && <Loading what={say('ui.topics.diff_loading')} />}
      {result && result !== 'loading' && 'error' in result && <ErrorBox message={result.error} />}
      {result && result !== 'loading' && 'spans' in result && (
        <TokenDiff spans={result.spans} testId="diff-output" />
      )}
    </div>
  );
}
