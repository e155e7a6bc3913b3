/**
 * 导出: the comparison of two versions as a 修改对照稿 file — PDF, Word or HTML — with the user's notes,
 * and optionally the appendices 修改决定（草稿） and 引用检查. The backend builds the file (exportReport);
 * the page saves it (components/download.ts).
 */
import { useState } from 'react';
import type { ApiResponse, ExportReportRequest } from '../../electron/api/contract';
import { call } from '../api';
import { useDownload } from './download';

type Format = ExportReportRequest['format'];
/** The decision's options for its appendix (those chosen in the 对照 view's panel). */
type DecisionOptions = Exclude<NonNullable<ExportReportRequest['options']>['decision'], boolean | undefined>;

const FORMATS: Array<{ id: Format; label: string; hint: string }> = [
  { id: 'pdf', label: 'PDF', hint: 'A4 对照稿，可直接打印、分发' },
  { id: 'docx', label: 'Word', hint: '.docx 表格，可继续编辑' },
  { id: 'html', label: '网页', hint: '.html，与 PDF 同一版式' },
];

export function ExportPanel({ left, right, compact = false, decision: decisionOptions }: { left: string; right: string; compact?: boolean; decision?: DecisionOptions }) {
  const [format, setFormat] = useState<Format>('pdf');
  const [changesOnly, setChangesOnly] = useState(false);
  const [notes, setNotes] = useState(true);
  const [withDecision, setWithDecision] = useState(false);
  const [withRefs, setWithRefs] = useState(false);
  // Elapsed seconds while the file is being made (a PDF takes a few seconds).
  const { state, seconds, working, run: download } = useDownload<Format, ApiResponse<'exportReport'>, { bytes: number; rows: number; annotations: number; appendices: string[] }>((res) => ({
    bytes: res.bytes,
    rows: res.rows,
    annotations: res.annotations,
    appendices: res.appendices ?? [],
  }));

  const run = (): void => {
    const options = {
      changesOnly,
      notes,
      ...(withDecision ? { decision: decisionOptions && Object.keys(decisionOptions).length ? decisionOptions : true } : {}),
      ...(withRefs ? { refs: true } : {}),
    };
    download(format, () => call('exportReport', { left, right, format, options }));
  };

  return (
    <div className={compact ? 'export-panel compact' : 'export-panel'} data-testid="export-panel">
      <div className="export-row">
        <span className="export-label">导出对照稿</span>
        <div className="export-formats" role="radiogroup" aria-label="导出格式">
          {FORMATS.map((f) => (
            <label key={f.id} title={f.hint} className={format === f.id ? 'export-format active' : 'export-format'}>
              <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} data-testid={`export-format-${f.id}`} disabled={working} />
              {f.label}
            </label>
          ))}
        </div>
        <label className="export-option">
          <input type="checkbox" checked={changesOnly} onChange={(e) => setChangesOnly(e.target.checked)} data-testid="export-changes-only" disabled={working} />
          仅列出有修改的条文
        </label>
        <label className="export-option">
          <input type="checkbox" checked={notes} onChange={(e) => setNotes(e.target.checked)} data-testid="export-notes" disabled={working} />
          含批注与说明栏
        </label>
        <label className="export-option" title="由两稿的对照生成的《关于修改〈…〉的决定》草稿，附在对照表之后">
          <input type="checkbox" checked={withDecision} onChange={(e) => setWithDecision(e.target.checked)} data-testid="export-with-decision" disabled={working} />
          附修改决定（草稿）
        </label>
        <label className="export-option" title="右栏文本的内部引用，按左栏的条文编号核对，附在对照表之后">
          <input type="checkbox" checked={withRefs} onChange={(e) => setWithRefs(e.target.checked)} data-testid="export-with-refs" disabled={working} />
          附引用检查
        </label>
        <button type="button" onClick={run} disabled={working} data-testid="export-button">
          {working ? '正在导出…' : '导出'}
        </button>
      </div>
      <div className="export-status" role="status" aria-live="polite" data-testid="export-status" data-phase={state.phase}>
        {state.phase === 'working' && (
          <>
            <progress aria-label="导出进度" />
            <span>
              正在比较两稿并生成{FORMATS.find((f) => f.id === state.format)!.label}文件…已用 {seconds} 秒
            </span>
          </>
        )}
        {state.phase === 'done' && (
          <span>
            已导出 {state.filename}（{state.rows} 组条文，{state.annotations} 条批注{state.appendices.length ? `，附${state.appendices.map((a) => a.replace(/^附录.　/, '')).join('、')}` : ''}，{Math.max(1, Math.round(state.bytes / 1024))} KB）
          </span>
        )}
        {state.phase === 'error' && <span className="export-error">导出失败：{state.message}</span>}
      </div>
    </div>
  );
}
