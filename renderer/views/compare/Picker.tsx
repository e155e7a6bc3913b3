/** Choosing what to compare: the two versions (any document, any version), swapped with ⇄. */
import type { DocumentSummary } from '../../../electron/api/contract';
import { useApiCall } from '../../hooks';
import { navigate } from '../../route';
import { compareHash } from './routes';

interface VersionOption {
  ref: string;
  label: string;
}

function versionOptions(documents: DocumentSummary[]): VersionOption[] {
  return documents.flatMap((d) =>
    d.versions > 1
      ? // The version first: the titles of a draft's versions are the same long sentence.
        d.versionLabels.map((label, i) => ({ ref: `${d.id}@${i}`, label: `${label ?? `版本 ${i + 1}`} · ${d.title}` }))
      : [{ ref: d.id, label: d.title }],
  );
}

export function Picker({ left, right }: { left: string; right: string }) {
  const docs = useApiCall('listDocuments', {}, 'all');
  const options = docs.state === 'ready' ? versionOptions(docs.value.documents) : [];
  // A REF typed into the address (e.g. "hunan-2020@0") still shows, even if not in the list as such.
  const withCurrent = (ref: string) => (options.some((o) => o.ref === ref) ? options : [{ ref, label: ref }, ...options]);
  return (
    <div className="cmp-picker" data-testid="compare-picker">
      <label>
        原文本
        <select value={left} onChange={(e) => navigate(compareHash(e.target.value, right))} data-testid="compare-left" aria-label="左侧（原文本）">
          {withCurrent(left).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="cmp-swap" onClick={() => navigate(compareHash(right, left))} title="交换左右" data-testid="compare-swap">
        ⇄
      </button>
      <label>
        修改后
        <select value={right} onChange={(e) => navigate(compareHash(left, e.target.value))} data-testid="compare-right" aria-label="右侧（修改后）">
          {withCurrent(right).map((o) => (
            <option key={o.ref} value={o.ref}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <span className="cmp-legend muted">
        <span className="cmp-del">阴影</span>为删去或者移动，<b className="cmp-ins">黑体</b>为增加
      </span>
    </div>
  );
}
