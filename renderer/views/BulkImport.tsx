/**
 * 批量导入: a folder, several files or .zip archives into the library at once (`importMany`), as the
 * command line's `import PATH...` does. The files go in calls of about BATCH_BYTES each, one after
 * another, so a folder of thousands never makes one huge request; the page never reads them (the browser
 * sends the Files). Shown: a bar with files done of all, the file at hand and the time left, and 取消 —
 * which stops the import at its next document: what went in stays, whole; the rest is not imported. At
 * the end, what was imported, skipped (with the reasons) and failed (with the errors).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DOCUMENT_EXTENSIONS, MAX_IMPORT_BYTES } from '../../electron/engine/model/limits';
import { say } from '../../electron/engine/model/messages';
import type { BulkFailed, BulkImported, BulkSkipped } from '../../electron/api/contract';
import { ApiCallError, startJob, type Job, type PageCollectionFile } from '../api';
import { ErrorBox } from '../components/Status';
import { readerHash } from '../route';

/** About this many bytes in one call (a folder of 2,700 texts, ~50 MB, goes in four calls). */
export const BATCH_BYTES = 16 * 1024 * 1024;
/** At most this many files in one call (the list of their paths travels with them). */
export const BATCH_FILES = 1000;

/** A file chosen, with its path inside the folder chosen ("法规/行政法规/某条例.md") or its name. */
export interface ChosenFile {
  path: string;
  file: File;
}

const READ = new RegExp(`\\.(${[...DOCUMENT_EXTENSIONS, 'zip'].join('|')})$`, 'i');

export interface BulkProgressView {
  /** Files done of all chosen (a lone .zip: entries done of those inside). */
  done: number;
  total: number;
  /** Fraction of the bytes done. */
  fraction: number;
  /** What is happening now: the file just done, or the files on their way. */
  message: string;
  remainingMs: number | null;
  stopping: boolean;
}

export interface BulkOutcome {
  imported: BulkImported[];
  skipped: BulkSkipped[];
  failed: BulkFailed[];
  /** Stopped by 取消 before every file was done. */
  cancelled: boolean;
  /** Files chosen that were never looked at (after a stop or a call that failed). */
  notDone: number;
  /** A call that failed as a whole (the service down…): why the rest was not imported. */
  error: string | null;
  total: number;
  ms: number;
}

type BulkState = { kind: 'idle' } | { kind: 'running'; progress: BulkProgressView } | { kind: 'done'; outcome: BulkOutcome };

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/** Cuts the files into calls of about BATCH_BYTES (a file larger than that goes alone). */
export function batchesOf<T extends { size: number }>(files: T[], maxBytes = BATCH_BYTES, maxFiles = BATCH_FILES): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const f of files) {
    if (batch.length > 0 && (bytes + f.size > maxBytes || batch.length >= maxFiles)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(f);
    bytes += f.size;
  }
  if (batch.length) out.push(batch);
  return out;
}

/** The bulk import's state, and how to start and stop one. */
export function useBulkImport(onImported: () => void): {
  state: BulkState;
  start(files: ChosenFile[]): void;
  cancel(): void;
  dismiss(): void;
} {
  const [state, setState] = useState<BulkState>({ kind: 'idle' });
  const job = useRef<Job<unknown> | null>(null);
  const stopped = useRef(false);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      // Leaving the view does not leave an import running unseen.
      stopped.current = true;
      job.current?.cancel();
    };
  }, []);

  const start = useCallback(
    (chosen: ChosenFile[]) => {
      if (state.kind === 'running') return;
      stopped.current = false;
      void run(chosen);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.kind],
  );

  const run = async (chosen: ChosenFile[]): Promise<void> => {
    const started = performance.now();
    const files = [...chosen].sort((a, b) => collator.compare(a.path, b.path));
    const outcome: BulkOutcome = { imported: [], skipped: [], failed: [], cancelled: false, notDone: 0, error: null, total: files.length, ms: 0 };
    // Too large for any call: said here, as the import would say it, and not sent.
    const sendable: Array<PageCollectionFile & { size: number }> = [];
    for (const { path, file } of files) {
      const read = READ.test(path);
      if (read && file.size > MAX_IMPORT_BYTES) {
        outcome.failed.push({ file: path, code: 'library.too_large', error: say('library.too_large', { name: path, mb: (file.size / 1048576).toFixed(1), limit: MAX_IMPORT_BYTES / 1048576 }) });
        continue;
      }
      // A file the import does not read by its name goes without its bytes: it is skipped there, with its reason.
      sendable.push({ path, data: read ? file : new Uint8Array(0), size: read ? file.size : 0 });
    }
    const batches = batchesOf(sendable);
    const totalBytes = sendable.reduce((n, f) => n + f.size, 0) || 1;
    // A lone .zip: its entries are what is counted.
    const loneZip = files.length === 1 && /\.zip$/i.test(files[0]!.path);
    let filesBefore = outcome.failed.length;
    let bytesBefore = 0;
    const show = (p: Omit<BulkProgressView, 'remainingMs' | 'stopping'>) => {
      if (!live.current) return;
      const elapsed = performance.now() - started;
      const remainingMs = p.fraction > 0.02 && elapsed > 1500 && p.fraction < 1 ? (elapsed * (1 - p.fraction)) / p.fraction : null;
      setState({ kind: 'running', progress: { ...p, remainingMs, stopping: stopped.current } });
    };
    show({ done: filesBefore, total: files.length, fraction: 0, message: '正在准备…' });

    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      const batchBytes = batch.reduce((n, f) => n + f.size, 0);
      if (stopped.current) {
        outcome.cancelled = true;
        outcome.notDone += batch.length;
        continue;
      }
      const j = startJob(
        'importMany',
        { files: batch.map(({ path, data }) => ({ path, data })) },
        {
          answerWhenStopped: true,
          onProgress: (p) => {
            if (p.stage === 'upload') {
              const f = p.total ? (p.done ?? 0) / p.total : 0;
              // Sending is the smaller part of the work: a tenth of the batch's share.
              show({ done: filesBefore, total: files.length, fraction: (bytesBefore + batchBytes * f * 0.1) / totalBytes, message: `正在传送 ${batch.length} 个文件…` });
              return;
            }
            const f = p.total ? (p.done ?? 0) / p.total : 0;
            show({
              done: loneZip ? (p.done ?? 0) : filesBefore + Math.round(batch.length * f),
              total: loneZip ? (p.total ?? 1) : files.length,
              fraction: (bytesBefore + batchBytes * (0.1 + 0.9 * f)) / totalBytes,
              message: p.file ?? p.message,
            });
          },
        },
      );
      job.current = j as Job<unknown>;
      try {
        const r = await j.promise;
        outcome.imported.push(...r.imported);
        outcome.skipped.push(...r.skipped);
        outcome.failed.push(...r.failed);
        if (r.cancelled) {
          outcome.cancelled = true;
          // What the stop left of this call: its files not accounted for (hidden files are not counted either way).
          outcome.notDone += Math.max(0, batch.length - (r.imported.length + r.skipped.length + r.failed.length));
        }
        if (r.imported.length) onImported();
      } catch (e) {
        if (e instanceof ApiCallError && e.code === 'cancelled') {
          // Stopped before the import began, or the import did not answer in time: nothing of it is known to be in.
          outcome.cancelled = true;
          outcome.notDone += batch.length;
          onImported();
        } else {
          outcome.error = e instanceof Error ? e.message : String(e);
          outcome.notDone += batch.length;
          stopped.current = true;
        }
      } finally {
        job.current = null;
      }
      filesBefore += batch.length;
      bytesBefore += batchBytes;
    }
    outcome.ms = performance.now() - started;
    if (live.current) setState({ kind: 'done', outcome });
  };

  const cancel = useCallback(() => {
    if (stopped.current) return;
    stopped.current = true;
    job.current?.cancel();
    setState((s) => (s.kind === 'running' ? { kind: 'running', progress: { ...s.progress, stopping: true } } : s));
  }, []);

  return { state, start, cancel, dismiss: () => setState({ kind: 'idle' }) };
}

function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${s} 秒`;
}

export function BulkProgressBar({ progress, onCancel }: { progress: BulkProgressView; onCancel: () => void }) {
  const pct = Math.floor(Math.min(1, progress.fraction) * 100);
  return (
    <div className="bulk-progress" role="status" aria-live="polite" data-testid="bulk-progress" data-done={progress.done} data-total={progress.total}>
      <div className="bulk-progress-line">
        <strong>{progress.stopping ? '正在停止…' : '正在导入'}</strong>
        <span data-testid="bulk-count">
          {progress.done.toLocaleString('zh-CN')} / {progress.total.toLocaleString('zh-CN')} 个文件
        </span>
        <span className="muted">{pct}%</span>
        {progress.remainingMs !== null && !progress.stopping && (
          <span className="muted" data-testid="bulk-left">
            约剩 {duration(progress.remainingMs)}
          </span>
        )}
        <button type="button" className="secondary" onClick={onCancel} disabled={progress.stopping} data-testid="bulk-cancel">
          取消
        </button>
      </div>
      <progress max={100} value={pct} aria-label="导入进度" />
      <div className="bulk-file muted" title={progress.message} data-testid="bulk-file">
        {progress.message}
      </div>
      {progress.stopping && <div className="muted">正在导入的文档完成后停止；已导入的保留在文库中。</div>}
    </div>
  );
}

export function BulkSummary({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const already = outcome.skipped.filter((s) => s.code === 'collection.duplicate_in_library');
  // Skipped by reason: the same reason once, with its files.
  const reasons = new Map<string, BulkSkipped[]>();
  for (const s of outcome.skipped) {
    if (s.code === 'collection.duplicate_in_library') continue;
    const key = s.code === 'collection.duplicate_in_run' ? s.code : s.reason;
    reasons.set(key, [...(reasons.get(key) ?? []), s]);
  }
  return (
    <section className="bulk-summary" role="status" data-testid="bulk-summary" data-cancelled={outcome.cancelled}>
      <h2>
        {outcome.error ? '导入中断' : outcome.cancelled ? '导入已取消' : '导入完成'}
        <span className="muted">（{duration(outcome.ms)}）</span>
      </h2>
      {outcome.cancelled && <p>{say('collection.cancelled')}。</p>}
      {outcome.error && <ErrorBox message={outcome.error} />}
      <p className="bulk-counts">
        已导入 <strong data-testid="bulk-imported-count">{outcome.imported.length}</strong> 份 · 跳过 <strong data-testid="bulk-skipped-count">{outcome.skipped.length}</strong> 个 · 失败{' '}
        <strong data-testid="bulk-failed-count">{outcome.failed.length}</strong> 个
        {outcome.notDone > 0 && (
          <>
            {' '}
            · 未导入 <strong data-testid="bulk-not-done">{outcome.notDone}</strong> 个
          </>
        )}
        （共 {outcome.total} 个文件）
      </p>
      {outcome.failed.length > 0 && (
        <details open className="bulk-list bulk-failed" data-testid="bulk-failed">
          <summary>失败 {outcome.failed.length} 个</summary>
          <ul>
            {outcome.failed.map((f) => (
              <li key={f.file} data-testid="bulk-failed-item" data-file={f.file}>
                <span className="bulk-path">{f.file}</span>
                <span className="bulk-why">{f.error}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {reasons.size > 0 && (
        <details open={outcome.skipped.length - already.length <= 20} className="bulk-list" data-testid="bulk-skipped">
          <summary>跳过 {outcome.skipped.length - already.length} 个（不是法律文本等）</summary>
          {[...reasons.entries()].map(([reason, list]) => (
            <div key={reason} className="bulk-reason" data-testid="bulk-reason">
              <div className="bulk-why">
                {reason === 'collection.duplicate_in_run' ? '与本次导入的其他文件内容相同' : reason}（{list.length}）
              </div>
              <ul>
                {list.slice(0, 100).map((s) => (
                  <li key={s.file} data-testid="bulk-skipped-item" data-file={s.file} data-code={s.code}>
                    <span className="bulk-path">{s.file}</span>
                    {s.code === 'collection.duplicate_in_run' && <span className="bulk-why">{s.reason}</span>}
                  </li>
                ))}
                {list.length > 100 && <li className="muted">……另有 {list.length - 100} 个</li>}
              </ul>
            </div>
          ))}
        </details>
      )}
      {already.length > 0 && (
        <details className="bulk-list" data-testid="bulk-already">
          <summary>已在文库中 {already.length} 个（未重复导入）</summary>
          <ul>
            {already.slice(0, 500).map((s) => (
              <li key={s.file} data-testid="bulk-already-item" data-duplicate-of={s.duplicateOf}>
                <span className="bulk-path">{s.file}</span>
                {s.duplicateOf && <a href={readerHash(s.duplicateOf, 0)}>{s.reason}</a>}
              </li>
            ))}
          </ul>
        </details>
      )}
      {outcome.imported.length > 0 && (
        <details open={outcome.imported.length <= 20} className="bulk-list" data-testid="bulk-imported">
          <summary>已导入 {outcome.imported.length} 份</summary>
          <ul>
            {outcome.imported.slice(0, 500).map((d) => (
              <li key={d.id} data-testid="bulk-imported-item" data-id={d.id}>
                <a href={readerHash(d.id, 0)}>{d.label}</a>
                <span className="muted">
                  {' '}
                  {[d.jurisdiction, d.kind, `${d.articles} 条`].filter(Boolean).join(' · ')}
                  {d.warnings > 0 ? ` · ${d.warnings} 条解析提示` : ''}
                </span>
              </li>
            ))}
            {outcome.imported.length > 500 && <li className="muted">……另有 {outcome.imported.length - 500} 份，见文库</li>}
          </ul>
        </details>
      )}
      <button type="button" className="link import-dismiss" onClick={onClose} data-testid="bulk-close">
        关闭
      </button>
    </section>
  );
}

// ---- what was chosen or dropped -----------------------------------------------------------------------

/** The files of a folder input (webkitdirectory) or a multiple file input, with their paths. */
export function chosenFiles(list: FileList | File[]): ChosenFile[] {
  return Array.from(list).map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/**
 * The files dropped: folders walked (their paths from the folder dropped down), files as they are. The
 * entries must be taken during the drop event itself; reading them may take longer.
 */
export function droppedEntries(data: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(data.files ?? []) };
}

export async function walkEntries(entries: FileSystemEntry[]): Promise<ChosenFile[]> {
  const out: ChosenFile[] = [];
  const fileOf = (e: FileSystemFileEntry) => new Promise<File>((resolve, reject) => e.file(resolve, reject));
  const children = async (d: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> => {
    const reader = d.createReader();
    const all: FileSystemEntry[] = [];
    // readEntries answers in pieces (100 at a time in Chromium) until it answers none.
    for (;;) {
      const some = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (some.length === 0) return all;
      all.push(...some);
    }
  };
  const walk = async (e: FileSystemEntry): Promise<void> => {
    if (e.isFile) out.push({ path: e.fullPath.replace(/^\/+/, ''), file: await fileOf(e as FileSystemFileEntry) });
    else if (e.isDirectory) for (const c of await children(e as FileSystemDirectoryEntry)) await walk(c);
  };
  for (const e of entries) await walk(e);
  return out;
}
