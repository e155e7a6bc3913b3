/**
 * 同类法规: from a document (the Reader's header, a row of 文库), the regulations of other jurisdictions on
 * the same subject in the library (the `similar` API: title subject and content), each with a link to read
 * it and one to compare it with this document in 主题, and one to compare them all. Asked for only when
 * the button is pressed: a list of thousands of documents sends no request per row.
 */
import { useState } from 'react';
import type { SimilarDocuments as SimilarResponse } from '../../electron/api/contract';
import { say } from '../../electron/engine/model/messages';
import { useApiCall } from '../hooks';
import { readerHash, topicsHash } from '../route';

/** At most this many regulations go to 主题 together (an alignment of them all). */
const COMPARE_ALL = 6;

const refOf = (d: { doc: string; version: number }) => (d.version ? `${d.doc}@${d.version}` : d.doc);

export function SimilarButton({ docRef, compact = false }: { docRef: string; compact?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className={compact ? 'similar compact' : 'similar'} data-testid="similar" onClick={(e) => e.stopPropagation()}>
      <button type="button" className={`${compact ? 'similar-toggle' : 'tool-button'}${open ? ' active' : ''}`} aria-expanded={open} title={say('ui.similar.hint')} onClick={() => setOpen(!open)} data-testid="similar-toggle">
        {say('ui.similar.button')}
      </button>
      {open && <SimilarList docRef={docRef} onClose={() => setOpen(false)} />}
    </div>
  );
}

function SimilarList({ docRef, onClose }: { docRef: string; onClose: () => void }) {
  const result = useApiCall('similar', { ref: docRef }, docRef);
  return (
    <div className="similar-panel" data-testid="similar-panel" role="region" aria-label={say('ui.similar.button')}>
      {result.state === 'loading' && <div className="muted">{say('ui.similar.loading')}</div>}
      {result.state === 'error' && <div className="counterparts-error">{result.message}</div>}
      {result.state === 'ready' && <SimilarBody value={result.value} onClose={onClose} />}
    </div>
  );
}

function SimilarBody({ value, onClose }: { value: SimilarResponse; onClose: () => void }) {
  const partial = value.library.partial;
  return (
    <>
      <div className="similar-head">
        <strong>{say('ui.similar.title', { name: value.name })}</strong>
        <button type="button" className="close" onClick={onClose} aria-label={say('ui.similar.close')}>
          ×
        </button>
      </div>
      {partial && <div className="muted">{say('align.library_partial', partial)}</div>}
      {value.docs.length === 0 ? (
        <div className="muted" data-testid="similar-none">
          {say('ui.similar.none')}
        </div>
      ) : (
        <>
          <ul>
            {value.docs.map((d) => (
              <li key={d.ref} data-testid="similar-doc" data-ref={d.ref}>
                <span className="similar-name">{d.name}</span>
                <a href={readerHash(d.doc, d.version)} className="similar-title" data-testid="similar-open" title={say('ui.similar.score', { score: d.score.toFixed(2), subject: d.subjectScore.toFixed(2), content: d.contentScore.toFixed(2), terms: d.terms.join('、') })}>
                  {d.label ?? d.title}
                </a>
                <span className="similar-score" aria-hidden="true">
                  <span style={{ width: `${Math.round(Math.min(1, d.score) * 100)}%` }} />
                </span>
                <a href={topicsHash([value.ref, refOf(d)])} className="similar-compare" data-testid="similar-compare">
                  {say('ui.similar.compare')}
                </a>
              </li>
            ))}
          </ul>
          {value.docs.length > 1 && (
            <a href={topicsHash([value.ref, ...value.docs.slice(0, COMPARE_ALL).map(refOf)])} className="counterparts-more" data-testid="similar-compare-all">
              {say('ui.similar.compare_all', { n: Math.min(COMPARE_ALL, value.docs.length) })}
            </a>
          )}
        </>
      )}
    </>
  );
}
