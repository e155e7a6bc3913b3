/**
 * 导出 of a search: every hit (with its filters and order, up to the engine's export limit) as a CSV file or
 * an Excel workbook — title, article, heading, whole text, place, kind, date and a link back. The backend
 * makes the file (exportSearch); the page saves it as a download (a save dialog in the desktop app).
 */
import { useEffect, useState } from 'react';
import type { SearchOptions } from '../../electron/engine/index/types';
import { call } from '../api';
import { useMounted } from '../hooks';
import { saveBytes } from './AnnotationExport';

type Format = 'csv' | 'xlsx';

const FORMATS: Array<{ id: Format; label: string; hint: string }> = [
  { id: 'csv', label: '导出 CSV', hint: '逗号分隔的表格（UTF-8），任何表格软件都能打开' },
  { id: 'xlsx', label: '导出 Excel', hint: '.xlsx 工作簿，首行冻结，链接可点击' },
];

type State =
  | { phase: 'idle' }
  | { phase: 'working'; format: Format }
  | { phase: 'done'; filename: string; exported: number; total: number }
  | { phase: 'error'; message: string };

export function SearchExport({ query, options, total }: { query: string; options: SearchOptions; total: number }) {
  const [state, setState] = useState<State>({ phase: 'idle' });
  const live = useMounted();
  // A new search: the last export's message no longer speaks of it.
  const key = JSON.stringify([query, options]);
  useEffect(() => setState((s) => (s.phase === 'working' ? s : { phase: 'idle' })), [key]);

  const run = (format: Format): void => {
    setState({ phase: 'working', format });
    call('exportSearch', { query, format, ...options }).then(
      (res) => {
        if (!live.current) return;
        saveBytes(res.base64, res.filename, res.mime);
        setState({ phase: 'done', filename: res.filename, exported: res.exported, total: res.total });
      },
      (e: unknown) => live.current && setState({ phase: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  };

  const working = state.phase === 'working';
  return (
    <div className="search-export" data-testid="search-export">
      {FORMATS.map((f) => (
        <button key={f.id} type="button" className="search-export-button" title={f.hint} onClick={() => run(f.id)} disabled={working || total === 0} data-testid={`search-export-${f.id}`}>
          {working && state.format === f.id ? '正在导出…' : f.label}
        </button>
      ))}
      <span className="search-export-status" role="status" aria-live="polite" data-testid="search-export-status" data-phase={state.phase}>
        {state.phase === 'done' &&
          `已导出 ${state.filename}（${state.exported} 条${state.exported < state.total ? `，共 ${state.total} 条，超出部分未导出` : ''}）`}
        {state.phase === 'error' && <span className="export-error">导出失败：{state.message}</span>}
      </span>
    </div>
  );
}
