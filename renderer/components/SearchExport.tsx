/**
 * 导出 of a search: every hit (with its filters and order, up to the engine's export limit) as a CSV file or
 * an Excel workbook — title, article, heading, whole text, place, kind, date and a link back. The backend
 * makes the file (exportSearch); the page saves it as a download (a save dialog in the desktop app).
 */
import { useEffect } from 'react';
import type { ApiResponse } from '../../electron/api/contract';
import type { SearchOptions } from '../../electron/engine/index/types';
import { call } from '../api';
import { useDownload } from './download';

type Format = 'csv' | 'xlsx';

const FORMATS: Array<{ id: Format; label: string; hint: string }> = [
  { id: 'csv', label: '导出 CSV', hint: '逗号分隔的表格（UTF-8），任何表格软件都能打开' },
  { id: 'xlsx', label: '导出 Excel', hint: '.xlsx 工作簿，首行冻结，链接可点击' },
];

export function SearchExport({ query, options, total }: { query: string; options: SearchOptions; total: number }) {
  const { state, working, run: download, forget } = useDownload<Format, ApiResponse<'exportSearch'>, { exported: number; total: number }>((res) => ({ exported: res.exported, total: res.total }));
  // A new search: the last export's message no longer speaks of it.
  const key = JSON.stringify([query, options]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(forget, [key]);
  const run = (format: Format): void => download(format, () => call('exportSearch', { query, format, ...options }));

  return (
    <div className="search-export" data-testid="search-export">
      {FORMATS.map((f) => (
        <button key={f.id} type="button" className="search-export-button" title={f.hint} onClick={() => run(f.id)} disabled={working || total === 0} data-testid={`search-export-${f.id}`}>
          {state.phase === 'working' && state.format === f.id ? '正在导出…' : f.label}
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
