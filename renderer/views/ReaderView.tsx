/**
 * 阅读: outline (编/分编/chapters → articles, then annexes) on the left with the version switcher and 跳转
 * box; the text on the right with the preamble, headings, articles, notes, annexes (附件), and the parse
 * warnings in a collapsible panel.
 * Place lives in the hash: #/reader/<docId>@<version>/<article>.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DocumentSummary, ReferenceReport } from '../../electron/api/contract';
import type { Article, LegalDocument, Version, Warning } from '../../electron/engine/model/types';
import { findArticle as articleAt } from '../../electron/engine/model/address';
import { AnnotationProblems, AnnotationStrip, useAnnotations, useQuoteSelection } from '../components/AnnotationStrip';
import { ArticleView, articleElementId } from '../components/ArticleView';
import { CounterpartsPanel } from '../components/CounterpartsPanel';
import { focusOf, ReferencesBadge, ReferencesPanel, type TextFocus } from '../components/ReferencesPanel';
import { parseHighlightParam } from '../components/SearchMarks';
import { SimilarButton } from '../components/SimilarDocuments';
import { ErrorBox, Loading } from '../components/Status';
import { annexElementId, buildFlow, headingText, type FlowEntry } from '../components/structure';
import { articleKey, dateEntries, findArticle, kindLabel, stageLabel, versionName } from '../format';
import { docName } from '../documents';
import { useApiCall, useDocumentList, type Loadable } from '../hooks';
import { formatHash, navigate, parseReaderPlace, readerHash, type ReaderPlace } from '../route';
import type { ViewProps } from '../route';

export function ReaderView({ route }: ViewProps) {
  const place = parseReaderPlace(route.segments);
  const doc = useApiCall('getDocument', place ? { ref: place.doc } : null, place?.doc ?? '');
  if (!place) {
    return (
      <div className="status" data-testid="reader-empty">
        尚未打开文档。请在 <a href={formatHash('library')}>文库</a> 中选择一份文档。
      </div>
    );
  }
  if (doc.state === 'loading') return <Loading what="文档" />;
  if (doc.state === 'error') {
    return (
      <ErrorBox message={doc.message}>
        {' '}
        <a href={formatHash('library')}>返回文库</a>
      </ErrorBox>
    );
  }
  // `?hl=` (from a search hit): terms to mark in the selected article.
  const highlight = parseHighlightParam(route.params.hl);
  return <Reader key={place.doc} place={place} summary={doc.value.summary} document={doc.value.document} highlight={highlight} />;
}

function Reader({
  place,
  summary,
  document: doc,
  highlight,
}: {
  place: ReaderPlace;
  summary: DocumentSummary;
  document: LegalDocument;
  highlight: string[];
}) {
  const versionIndex = Math.min(Math.max(place.version, 0), doc.versions.length - 1);
  const version = doc.versions[versionIndex];
  const flow = useMemo(() => (version ? buildFlow(version) : []), [version]);
  const selected = useMemo(() => {
    if (!version || !place.article) return null;
    const { number, sub } = place.article;
    return articleAt(version, number, sub);
  }, [version, place.article?.number, place.article?.sub]);

  const textRef = useRef<HTMLDivElement>(null);
  // 批注: this version's notes, and the text selected in the pane (to annotate a span).
  const annotations = useAnnotations(doc.id, versionIndex);
  const selection = useQuoteSelection(textRef);
  const outlineRef = useRef<HTMLDivElement>(null);
  // Scroll the text (and the outline) to the selected article whenever the place changes.
  useLayoutEffect(() => {
    const pane = textRef.current;
    if (!pane) return;
    if (!selected) {
      pane.scrollTop = 0;
      return;
    }
    const el = pane.querySelector<HTMLElement>(`#${CSS.escape(articleElementId(selected))}`);
    if (el) pane.scrollTop = el.offsetTop - pane.offsetTop - 12;
    const item = outlineRef.current?.querySelector<HTMLElement>(`[data-outline-id="${selected.id}"]`);
    item?.scrollIntoView({ block: 'nearest' });
  }, [selected, versionIndex]);

  // 引用检查: this version's internal references (the badge counts the problems); the one picked is marked.
  const versionRef = `${doc.id}@${versionIndex}`;
  const refs = useApiCall('refs', { ref: versionRef }, versionRef);
  const [refsOpen, setRefsOpen] = useState(false);
  const [focus, setFocus] = useState<TextFocus | null>(null);
  useEffect(() => setFocus(null), [versionIndex]);
  // The marked words into view, after the pane has scrolled to their article.
  useEffect(() => {
    if (focus) textRef.current?.querySelector('[data-testid=ref-mark]')?.scrollIntoView({ block: 'center' });
  }, [focus, selected]);

  if (!version) return <ErrorBox message="该文档没有可阅读的版本。" />;

  const go = (article: { number: number; sub?: number } | null, v = versionIndex): void =>
    navigate(readerHash(doc.id, v, article));

  return (
    <div className={refsOpen ? 'reader with-panel' : 'reader'} data-testid="reader" data-doc-id={doc.id} data-version={versionIndex}>
      <aside className="reader-side">
        {doc.versions.length > 1 && (
          <div className="version-switch" role="tablist" aria-label="版本" data-testid="version-switch">
            {doc.versions.map((v, i) => (
              <button
                key={i}
                type="button"
                role="tab"
                aria-selected={i === versionIndex}
                className={i === versionIndex ? 'version-tab active' : 'version-tab'}
                data-testid="version-tab"
                onClick={() => {
                  const target = selected && doc.versions[i]?.articles.some((a) => a.number === selected.number && (a.sub ?? 0) === (selected.sub ?? 0));
                  go(target && selected ? articleKey(selected) : null, i);
                }}
              >
                {versionName(v, i)}
                <span className="count">{v.articles.length}条</span>
              </button>
            ))}
          </div>
        )}
        <JumpBox version={version} onJump={(a) => go(a)} />
        <Outline flow={flow} selectedId={selected?.id ?? null} outlineRef={outlineRef} onPick={(a) => go(a)} />
      </aside>
      <div className="reader-text" ref={textRef} data-testid="reader-text">
        <DocHeader summary={summary} doc={doc} version={version} versionIndex={versionIndex} refs={refs} refsOpen={refsOpen} toggleRefs={() => setRefsOpen(!refsOpen)} />
        <AnnotationProblems store={annotations} />
        {doc.preamble.length > 0 && (
          <div className="preamble" data-testid="preamble">
            {doc.preamble.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
        <div className="body">
          {flow.map((entry) => (
            <FlowBlock
              key={entry.key}
              entry={entry}
              selected={selected}
              highlight={highlight}
              focus={focus}
              afterSelected={selected && <CounterpartsPanel doc={doc.id} version={versionIndex} article={selected} />}
              annotate={(a) => (
                <AnnotationStrip
                  docRef={`${doc.id}@${versionIndex}`}
                  article={a}
                  paragraphs={a.paragraphs.length}
                  selectionKey={`art:${a.id}`}
                  store={annotations}
                  selection={selection}
                  active={a.id === selected?.id}
                />
              )}
            />
          ))}
        </div>
        {doc.trailer.length > 0 && (
          <div className="trailer" data-testid="trailer">
            {doc.trailer.map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
        )}
      </div>
      {refsOpen && (
        <ReferencesPanel
          state={refs}
          subject={`${summary.title || doc.title}${doc.versions.length > 1 ? `（${versionName(version, versionIndex)}）` : ''}中的条文内部引用`}
          focus={focus}
          onPick={(r) => {
            setFocus(focusOf(r));
            go({ number: r.from.article, ...(r.from.sub ? { sub: r.from.sub } : {}) });
          }}
          onTarget={(r) => {
            if (r.target && r.target.article > 0) go({ number: r.target.article, ...(r.target.sub ? { sub: r.target.sub } : {}) });
          }}
          onClose={() => {
            setRefsOpen(false);
            setFocus(null);
          }}
        />
      )}
    </div>
  );
}

/** What the label adds to the title: "中华人民共和国体育法（2022年修订）" → "2022年修订". */
function labelPart(summary: DocumentSummary): string | null {
  const title = summary.title;
  if (!summary.label || !title || !summary.label.startsWith(title)) return null;
  const m = /^（(.+)）$/.exec(summary.label.slice(title.length));
  return m ? m[1]! : null;
}

/** The versions of this document's law in the library (same work), oldest first, each by its label. */
function WorkVersions({ summary }: { summary: DocumentSummary }) {
  const documents = useDocumentList();
  if (!documents || !summary.work) return null;
  const versions = documents.filter((d) => d.work === summary.work);
  if (versions.length < 2) return null;
  const date = (d: DocumentSummary) => d.versionDate ?? '';
  versions.sort((a, b) => date(a).localeCompare(date(b)) || a.id.localeCompare(b.id));
  return (
    <nav className="work-versions" aria-label="本法规的各版本" data-testid="work-versions">
      <span className="muted">本法规的版本：</span>
      {versions.map((d) =>
        d.id === summary.id ? (
          <strong key={d.id} aria-current="page" title={docName(d)}>
            {labelPart(d) ?? docName(d)}
          </strong>
        ) : (
          <a key={d.id} href={readerHash(d.id, 0)} title={docName(d)} data-testid="work-version">
            {labelPart(d) ?? docName(d)}
          </a>
        ),
      )}
    </nav>
  );
}

function DocHeader({
  summary,
  doc,
  version,
  versionIndex,
  refs,
  refsOpen,
  toggleRefs,
}: {
  summary: DocumentSummary;
  doc: LegalDocument;
  version: Version;
  versionIndex: number;
  refs: Loadable<ReferenceReport>;
  refsOpen: boolean;
  toggleRefs(): void;
}) {
  const dates = dateEntries(summary.dates);
  const part = labelPart(summary);
  return (
    <header className="doc-header">
      <h1 data-testid="doc-heading">{summary.title || doc.title}</h1>
      <WorkVersions summary={summary} />
      <div className="doc-meta">
        {part && <span data-testid="doc-version-label">{part}</span>}
        {summary.jurisdiction && <span>{summary.jurisdiction}</span>}
        <span>{kindLabel(summary.kind || doc.kind)}</span>
        {summary.stage && <span>{stageLabel(summary.stage)}</span>}
        {dates.map((d) => (
          <span key={d.label}>
            {d.label} {d.value}
          </span>
        ))}
        {doc.versions.length > 1 && <span>当前版本：{versionName(version, versionIndex)}</span>}
        <span>
          {version.chapters.length > 0 ? `${version.chapters.length} 章 · ` : ''}
          {version.articles.length} 条
        </span>
      </div>
      <div className="doc-tools">
        <button type="button" className={refsOpen ? 'tool-button active' : 'tool-button'} aria-pressed={refsOpen} onClick={toggleRefs} data-testid="refs-button" title="核对本版本中“本条例第X条”“前款”等内部引用是否指向存在的条文">
          引用检查 <ReferencesBadge state={refs} />
        </button>
        <SimilarButton docRef={versionIndex ? `${doc.id}@${versionIndex}` : doc.id} />
      </div>
      <WarningsPanel warnings={doc.warnings} />
    </header>
  );
}

function WarningsPanel({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const serious = warnings.filter((w) => w.level !== 'info').length;
  return (
    <details className="warnings" data-testid="warnings-panel">
      <summary>
        解析提示 {warnings.length} 条{serious !== warnings.length ? `（其中需核对 ${serious} 条）` : ''}
      </summary>
      <ul>
        {warnings.map((w, i) => (
          <li key={i} className={w.level === 'info' ? 'info' : 'warning'} data-testid="warning">
            <span className="line">第 {w.line} 行</span>
            <span className="message">{w.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function FlowBlock({
  entry,
  selected,
  highlight,
  focus,
  afterSelected,
  annotate,
}: {
  entry: FlowEntry;
  /** The selected article itself: a text may repeat a number (two 第一条), and only one is selected. */
  selected: Article | null;
  highlight?: string[];
  /** A reference to mark (引用检查), in whichever article it stands. */
  focus: TextFocus | null;
  afterSelected?: React.ReactNode;
  annotate?: (a: Article) => React.ReactNode;
}) {
  switch (entry.kind) {
    case 'part':
      return <h2 className="part-heading">{headingText(entry.part.label, entry.part.title)}</h2>;
    case 'subpart':
      return (
        <h2 className="part-heading subpart-heading" data-testid="subpart-heading">
          {headingText(entry.subpart.label, entry.subpart.title)}
        </h2>
      );
    case 'annex':
      // 附件、附表、附录: part of the version, after the articles; its lines as the source sets them.
      return (
        <section className="annex" id={annexElementId(entry.annex)} data-testid="annex">
          <h2 className="chapter-heading">{entry.annex.title}</h2>
          {entry.annex.lines.map((line, i) => (
            <p key={i} className="chapter-intro">
              {line}
            </p>
          ))}
        </section>
      );
    case 'chapter':
      return (
        <div className="chapter" data-testid="chapter-heading">
          <h2 className="chapter-heading">
            {headingText(entry.chapter.label, entry.chapter.title)}
            {entry.chapter.implicit && <span className="implicit" title="原文此处没有章标题，由解析补出">（原文无章标题）</span>}
          </h2>
          {entry.chapter.intro.map((line, i) => (
            <p key={i} className="chapter-intro">
              {line}
            </p>
          ))}
        </div>
      );
    case 'section':
      return <h3 className="section-heading">{headingText(entry.section.label, entry.section.title)}</h3>;
    case 'article':
      return (
        <>
          <ArticleView
            article={entry.article}
            selected={entry.article === selected}
            terms={entry.article === selected ? highlight : undefined}
            focus={focus && focus.article === entry.article.number && (focus.sub ?? 0) === (entry.article.sub ?? 0) ? focus : null}
          />
          {annotate?.(entry.article)}
          {entry.article === selected && afterSelected}
        </>
      );
  }
}

function Outline({
  flow,
  selectedId,
  outlineRef,
  onPick,
}: {
  flow: FlowEntry[];
  selectedId: string | null;
  outlineRef: React.RefObject<HTMLDivElement | null>;
  onPick: (a: { number: number; sub?: number }) => void;
}) {
  return (
    <nav className="outline" ref={outlineRef} data-testid="outline" aria-label="目录">
      {flow.map((entry) => {
        switch (entry.kind) {
          case 'part':
            return (
              <div key={entry.key} className="outline-part">
                {headingText(entry.part.label, entry.part.title)}
              </div>
            );
          case 'subpart':
            return (
              <div key={entry.key} className="outline-part" data-testid="outline-subpart">
                {headingText(entry.subpart.label, entry.subpart.title)}
              </div>
            );
          case 'annex':
            return (
              <button
                key={entry.key}
                type="button"
                className="outline-article"
                data-testid="outline-annex"
                title={entry.annex.title}
                onClick={() => document.getElementById(annexElementId(entry.annex))?.scrollIntoView({ block: 'start' })}
              >
                <span className="label">{entry.annex.title}</span>
              </button>
            );
          case 'chapter':
            return (
              <div key={entry.key} className="outline-chapter" data-testid="outline-chapter">
                {headingText(entry.chapter.label, entry.chapter.title)}
              </div>
            );
          case 'section':
            return (
              <div key={entry.key} className="outline-section">
                {headingText(entry.section.label, entry.section.title)}
              </div>
            );
          case 'article': {
            const a = entry.article;
            return (
              <button
                key={entry.key}
                type="button"
                className={a.id === selectedId ? 'outline-article active' : 'outline-article'}
                data-testid="outline-article"
                data-outline-id={a.id}
                onClick={() => onPick(articleKey(a))}
                title={a.heading ? `${a.label}【${a.heading}】` : a.label}
              >
                <span className="label">{a.label}</span>
                {a.heading && <span className="heading">{a.heading}</span>}
                {a.notes.length > 0 && <span className="note-dot" title="有编者注" />}
              </button>
            );
          }
        }
      })}
    </nav>
  );
}

function JumpBox({ version, onJump }: { version: Version; onJump: (a: { number: number; sub?: number }) => void }) {
  const [value, setValue] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="jump"
      data-testid="jump-form"
      onSubmit={(e) => {
        e.preventDefault();
        const q = value.trim();
        if (!q) return;
        const found = findArticle(version, q);
        if (found) {
          setMessage(null);
          onJump(articleKey(found));
        } else {
          setMessage(`本版本中没有“${q}”。`);
        }
      }}
    >
      <label>
        <span>跳转到</span>
        <input
          type="text"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="第__条，如 27、二十七"
          data-testid="jump-input"
          aria-label="跳转到第几条"
        />
      </label>
      <button type="submit" data-testid="jump-submit">
        跳转
      </button>
      {message && (
        <div className="jump-message" role="status" data-testid="jump-message">
          {message}
        </div>
      )}
    </form>
  );
}
