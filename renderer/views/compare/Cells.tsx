/**
 * Drawing the display model's cells: an article's piece (label, 【heading】, 款 with their units), each
 * run with the mark the model gave it — 阴影 for deleted or moved text, 黑体 for added text — formal and
 * numbering changes drawn plain unless shown. Nothing here decides what is marked.
 */
import type { ReactNode } from 'react';
import type { DisplayArticle, DisplayParagraph, DisplayPiece, DisplayRun, DisplayUnit } from '../../../electron/api/contract';
import { intToCn } from '../../../electron/engine/model/numerals';
import { HIDE_FORMAL, SHOW_ALL, visibleMark } from '../../../electron/engine/model/marks';
import { AnnotationStrip, annotateKey, type AnnotationStore, type QuoteSelection } from '../../components/AnnotationStrip';
import type { TextFocus } from '../../components/ReferencesPanel';
import { readerHash } from '../../route';

function runTitle(run: DisplayRun): string | undefined {
  if (run.movedTo) return `移至${run.movedTo.label}`;
  if (run.movedFrom) return `原${run.movedFrom.label}`;
  if (run.formal) return '形式修改';
  if (run.numbering) return '项的编号调整';
  return undefined;
}

export function RunView({ run, showFormal }: { run: DisplayRun; showFormal: boolean }) {
  const mark = visibleMark(run, showFormal ? SHOW_ALL : HIDE_FORMAL);
  const moved = run.movedTo || run.movedFrom ? ' moved' : '';
  const formal = run.formal || run.numbering ? ' formal' : '';
  // 沿革: new against the previous version (黑体) and gone in the next (阴影) at once.
  let inner: ReactNode = run.text;
  if (run.added) inner = <b className="cmp-ins" data-testid="mark-ins">{run.text}</b>;
  if (mark === 'deleted' || mark === 'moved') {
    return (
      <span className={`cmp-del${moved}${formal}`} data-testid="mark-del" title={runTitle(run)}>
        {inner}
      </span>
    );
  }
  if (mark === 'added') {
    return (
      <b className={`cmp-ins${moved}${formal}`} data-testid="mark-ins" title={runTitle(run)}>
        {run.text}
      </b>
    );
  }
  return <>{inner}</>;
}

export function Runs({ runs, showFormal }: { runs: DisplayRun[]; showFormal: boolean }) {
  return (
    <>
      {runs.map((r, i) => (
        <RunView key={i} run={r} showFormal={showFormal} />
      ))}
    </>
  );
}

/**
 * Where a reference (引用检查) stands in one unit of a 款, as [start, end) in the unit's runs. The engine's
 * offsets are into the 款's lead-in or the 项's own text; a 项 is drawn here with its label (and its 目)
 * in one line, so there the cited words are found at or after their offset.
 */
function focusRange(p: DisplayParagraph, k: number, focus: TextFocus | null | undefined): [number, number] | null {
  if (!focus || focus.paragraph !== p.index) return null;
  const u = p.units[k]!;
  const items = p.units.flatMap((x, i) => (x.kind === 'item' ? [i] : []));
  if (focus.item === undefined ? u.kind !== 'lead' : items[focus.item - 1] !== k) return null;
  const text = u.runs.map((r) => r.text).join('');
  if (text.slice(focus.start, focus.end) === focus.cited) return [focus.start, focus.end];
  const at = text.indexOf(focus.cited, focus.start);
  return at >= 0 ? [at, at + focus.cited.length] : null;
}

/** A unit's runs with [from, to) marked: runs cut at the ends, the middle pieces inside <mark>. */
function FocusedRuns({ unit, range, showFormal }: { unit: DisplayUnit; range: [number, number]; showFormal: boolean }) {
  const [from, to] = range;
  const out: ReactNode[] = [];
  let at = 0;
  unit.runs.forEach((run, i) => {
    const end = at + run.text.length;
    const cuts = [at, Math.min(Math.max(from, at), end), Math.min(Math.max(to, at), end), end];
    for (let c = 0; c < 3; c++) {
      if (cuts[c + 1]! <= cuts[c]!) continue;
      const piece = <RunView key={`${i}-${c}`} run={{ ...run, text: run.text.slice(cuts[c]! - at, cuts[c + 1]! - at) }} showFormal={showFormal} />;
      out.push(
        c === 1 ? (
          <mark key={`${i}-m`} className="ref-mark" data-testid="ref-mark">
            {piece}
          </mark>
        ) : (
          piece
        ),
      );
    }
    at = end;
  });
  return <>{out}</>;
}

/** A 款: its lead-in and 项 as lines; its number where the row shows it apart; where it went or came from. */
function ParagraphView({ paragraph: p, numbered, side, showFormal, focus }: { paragraph: DisplayParagraph; numbered: boolean; side: 'left' | 'right'; showFormal: boolean; focus?: TextFocus | null }) {
  const moved = side === 'left' ? p.movedTo : p.movedFrom;
  return (
    <div className="cmp-para" data-testid="unit" data-paragraph={p.index}>
      {numbered && <span className="cmp-unit-ref muted">（第{intToCn(p.index)}款）</span>}
      {p.units.map((u, i) => {
        const range = focusRange(p, i, focus);
        return (
          <div key={i} className={`cmp-line unit-${u.kind}`}>
            {range ? <FocusedRuns unit={u} range={range} showFormal={showFormal} /> : <Runs runs={u.runs} showFormal={showFormal} />}
          </div>
        );
      })}
      {moved && (
        <span className="cmp-move-note" data-testid="move-note">
          {side === 'left' ? `↘ 移至${moved.label}` : `↖ 自${moved.label}移入`}
        </span>
      )}
    </div>
  );
}

export interface PieceNotes {
  store: AnnotationStore;
  selection: QuoteSelection | null;
  active: boolean;
}

/**
 * The 款 of one article that stand in one band of a row (or the whole article): the label with a link to
 * the Reader and the 【heading】 at its first piece, the editorial notes and the 批注 after its last.
 */
export function ArticlePiece({
  article: a,
  piece,
  side,
  doc,
  version,
  showFormal,
  annotations,
  focus,
}: {
  article: DisplayArticle;
  piece: DisplayPiece;
  side: 'left' | 'right';
  doc: string;
  version: number;
  showFormal: boolean;
  /** 批注 under the article (not in the history). */
  annotations?: PieceNotes;
  /** A reference in this article to mark (引用检查). */
  focus?: TextFocus | null;
}) {
  const docRef = `${doc}@${version}`;
  return (
    <div className="cmp-article" data-article={a.label}>
      {piece.head && (
        <div className="cmp-article-head">
          <span className="cmp-article-label">
            <a
              href={readerHash(doc, version, { number: a.number, ...(a.sub ? { sub: a.sub } : {}) })}
              onClick={(e) => e.stopPropagation()}
              title="在阅读中打开"
              data-testid="reader-link"
            >
              {a.label}
            </a>
            {a.heading && (
              <span className="cmp-heading">
                【<Runs runs={a.heading} showFormal={showFormal} />】
              </span>
            )}
          </span>
        </div>
      )}
      <div className="cmp-text" {...(annotations ? { 'data-annotate': annotateKey(docRef, a) } : {})}>
        {piece.paragraphs.map((i) => (
          <ParagraphView key={i} paragraph={a.paragraphs[i]!} numbered={piece.numbered} side={side} showFormal={showFormal} focus={focus} />
        ))}
      </div>
      {piece.last &&
        a.editorialNotes.map((n, i) => (
          <div key={i} className="cmp-note" data-testid="editorial-note">
            （{n}）
          </div>
        ))}
      {piece.last && annotations && (
        <AnnotationStrip
          docRef={docRef}
          article={{ number: a.number, ...(a.sub ? { sub: a.sub } : {}), label: a.label, heading: a.headingText }}
          paragraphs={a.paragraphCount}
          selectionKey={annotateKey(docRef, a)}
          store={annotations.store}
          selection={annotations.selection}
          active={annotations.active}
        />
      )}
    </div>
  );
}
