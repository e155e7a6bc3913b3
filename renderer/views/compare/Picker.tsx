/** Choosing what to compare: the two versions (any document, any version, found by typing), swapped with ⇄. */
import { DocumentPicker } from '../../components/DocumentPicker';
import { useDocumentList } from '../../hooks';
import { navigate } from '../../route';
import { compareHash } from './routes';

export function Picker({ left, right }: { left: string; right: string }) {
  const documents = useDocumentList();
  return (
    <div className="cmp-picker" data-testid="compare-picker">
      <div className="cmp-pick">
        <span aria-hidden="true">原文本</span>
        <DocumentPicker documents={documents} value={left} onChange={(ref) => navigate(compareHash(ref, right))} label="左侧（原文本）" testId="compare-left" />
      </div>
      <button type="button" className="cmp-swap" onClick={() => navigate(compareHash(right, left))} title="交换左右" data-testid="compare-swap">
        ⇄
      </button>
      <div className="cmp-pick">
        <span aria-hidden="true">修改后</span>
        <DocumentPicker documents={documents} value={right} onChange={(ref) => navigate(compareHash(left, ref))} label="右侧（修改后）" testId="compare-right" />
      </div>
      <span className="cmp-legend muted">
        <span className="cmp-del">阴影</span>为删去或者移动，<b className="cmp-ins">黑体</b>为增加
      </span>
    </div>
  );
}
