/**
 * 导入: the user's own documents into the library. One file comes by the button or by dropping it anywhere
 * on the Library view; it is read (with progress), parsed by the backend without being added
 * (`previewImport`), and shown with its counts, warnings and a metadata form; only 加入文库 writes it.
 * Several files, a folder or a .zip go in at once (BulkImport.tsx: progress, 取消, a summary at the end).
 * Imported rows get 编辑/删除 (DocumentDialog). Every error is shown here as a sentence.
 */
import { MAX_IMPORT_BYTES } from '../../electron/engine/model/limits';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { onMenuImport, takePendingImport } from '../menu-import';
import type { DocumentMetadata, DocumentSummary, ImportPreview, ImportResult, Progress } from '../../electron/api/contract';
import { call, startJob } from '../api';
import { ErrorBox } from '../components/Status';
import { docName } from '../documents';
import { readerHash } from '../route';
import { DateInput } from '../components/DateInput';
import { BulkProgressBar, BulkSummary, chosenFiles, droppedEntries, useBulkImport, walkEntries, type ChosenFile } from './BulkImport';

/** The backend's limit, checked here too, so a huge file is refused before it is read. */
const MAX_BYTES = MAX_IMPORT_BYTES;
const ACCEPT = '.txt,.md,.docx,.pdf,.html,.htm,.zip';
const KINDS = ['法律', '行政法规', '地方性法规', '司法解释', '部门规章', '政府规章', '政策文件', '修改对照稿'];
const STAGES = ['草案', '征求意见稿', '修订草案', '二次审议', '三次审议', '施行', '印发'];
const DATE_FIELDS: Array<[Exclude<keyof DocumentMetadata['dates'], 'amended'>, string]> = [
  ['adopted', '通过日期'],
  ['effective', '施行日期'],
  ['published', '公布日期'],
  ['drafted', '起草日期'],
];
const FORMAT_LABELS: Record<string, string> = { txt: '纯文本', docx: 'Word 文档', pdf: 'PDF', html: '网页' };

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; fraction: number }
  | { kind: 'parsing'; name: string }
  | { kind: 'preview'; file: File; preview: ImportPreview }
  | { kind: 'importing'; name: string }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'error'; name: string | null; message: string };

function megabytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

/**
 * The step a progress event of the preview means: the file on its way (the browser sends it, or reads it
 * in slices, off the page's thread) with how far, then the backend reading and parsing it.
 */
function stepOf(name: string, p: Progress): Step {
  if (p.stage === 'upload' && p.total) return { kind: 'reading', name, fraction: (p.done ?? 0) / p.total };
  return { kind: 'parsing', name };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** One file (not a .zip) is previewed before it is added; anything more is a bulk import. */
const isSingle = (files: ChosenFile[]): boolean => files.length === 1 && !/\.zip$/i.test(files[0]!.path) && !files[0]!.path.includes('/');

export function ImportPanel({ onImported }: { onImported: (id?: string) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const bulk = useBulkImport(useCallback(() => onImported(), [onImported]));
  const bulkRunning = bulk.state.kind === 'running';
  const busy = step.kind === 'reading' || step.kind === 'parsing' || step.kind === 'importing' || bulkRunning;

  // The folder input is not a React attribute: set it on the element.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const start = useCallback(async (file: File) => {
    if (file.size > MAX_BYTES) {
      setStep({ kind: 'error', name: file.name, message: `${file.name} 有 ${megabytes(file.size)}，超过 ${MAX_BYTES / 1048576} MB 的导入上限。` });
      return;
    }
    if (file.size === 0) {
      setStep({ kind: 'error', name: file.name, message: `${file.name} 是空文件。` });
      return;
    }
    try {
      setStep({ kind: 'reading', name: file.name, fraction: 0 });
      const job = startJob('previewImport', { name: file.name, data: file }, { onProgress: (p) => setStep(stepOf(file.name, p)) });
      const preview = await job.promise;
      setStep({ kind: 'preview', file, preview });
    } catch (e) {
      setStep({ kind: 'error', name: file.name, message: message(e) });
    }
  }, []);

  /** What was chosen or dropped: one file to preview, or many to import at once. */
  const take = useCallback(
    (files: ChosenFile[]) => {
      if (files.length === 0) return;
      if (isSingle(files)) void start(files[0]!.file);
      else {
        setStep({ kind: 'idle' });
        bulk.start(files);
      }
    },
    [start, bulk],
  );

  // A file chosen from the desktop menu (文件 → 导入文档…): waiting when this panel mounts, or arriving now.
  useEffect(() => {
    const waiting = takePendingImport();
    if (waiting) void start(waiting);
    return onMenuImport((file) => {
      takePendingImport();
      void start(file);
    });
  }, [start]);

  // The whole Library view is a drop target while it is shown: files, folders, .zip archives.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = busy ? 'none' : 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      e.preventDefault();
      setDragging(false);
      if (busy) return;
      const { entries, files } = droppedEntries(e.dataTransfer);
      // A folder is walked; plain files are taken as they are.
      if (entries.some((x) => x.isDirectory)) {
        walkEntries(entries).then(take, (err: unknown) => setStep({ kind: 'error', name: null, message: `无法读取拖入的文件夹：${message(err)}` }));
      } else take(chosenFiles(files));
    };
    document.addEventListener('dragover', over);
    document.addEventListener('dragleave', leave);
    document.addEventListener('drop', drop);
    return () => {
      document.removeEventListener('dragover', over);
      document.removeEventListener('dragleave', leave);
      document.removeEventListener('drop', drop);
    };
  }, [take, busy]);

  const confirm = async (file: File, meta: DocumentMetadata) => {
    setStep({ kind: 'importing', name: file.name });
    try {
      const result = await startJob('importDocument', { name: file.name, data: file, meta }).promise;
      setStep({ kind: 'done', result });
      onImported(result.id);
    } catch (e) {
      setStep({ kind: 'error', name: file.name, message: message(e) });
    }
  };

  return (
    <div className="import" data-testid="import-panel">
      <div className="import-bar">
        <button type="button" className="import-button" onClick={() => input.current?.click()} disabled={busy} data-testid="import-button">
          导入文件…
        </button>
        <button type="button" className="import-button" onClick={() => folderInput.current?.click()} disabled={busy} data-testid="import-folder-button">
          导入文件夹…
        </button>
        <span className="muted">
          或把文件、文件夹拖到此处：.docx、.pdf、.txt、.md、.html，或 .zip 压缩包（每个文件不超过 {MAX_BYTES / 1048576} MB）。一个文件先预览；多个文件、文件夹和压缩包一次导入。
        </span>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple
          hidden
          data-testid="import-input"
          onChange={(e) => {
            const files = chosenFiles(e.target.files ?? []);
            e.target.value = '';
            take(files);
          }}
        />
        <input
          ref={folderInput}
          type="file"
          hidden
          data-testid="import-folder-input"
          onChange={(e) => {
            const files = chosenFiles(e.target.files ?? []);
            e.target.value = '';
            if (files.length) {
              setStep({ kind: 'idle' });
              bulk.start(files);
            }
          }}
        />
      </div>
      {dragging && (
        <div className="import-drop" data-testid="import-drop">
          {busy ? '正在导入，请稍候再拖入文件' : '松开鼠标以导入文件或文件夹'}
        </div>
      )}
      {bulk.state.kind === 'running' && <BulkProgressBar progress={bulk.state.progress} onCancel={bulk.cancel} />}
      {bulk.state.kind === 'done' && <BulkSummary outcome={bulk.state.outcome} onClose={bulk.dismiss} />}
      {step.kind === 'reading' && (
        <div className="import-status" data-testid="import-progress">
          正在读取 {step.name}… {Math.round(step.fraction * 100)}%
          <progress max={1} value={step.fraction} />
        </div>
      )}
      {step.kind === 'parsing' && (
        <div className="import-status" data-testid="import-progress">
          正在解析 {step.name}…<progress />
        </div>
      )}
      {step.kind === 'importing' && (
        <div className="import-status" data-testid="import-progress">
          正在加入文库：{step.name}…<progress />
        </div>
      )}
      {step.kind === 'error' && (
        <ErrorBox message={step.message}>
          <button type="button" className="link import-dismiss" onClick={() => setStep({ kind: 'idle' })}>
            关闭
          </button>
        </ErrorBox>
      )}
      {step.kind === 'done' && (
        <div className="import-status import-done" role="status" data-testid="import-done" data-doc-id={step.result.id}>
          已导入 <strong>{docName(step.result.summary)}</strong>（{step.result.articles} 条，编号 {step.result.id}）。
          <a href={readerHash(step.result.id, 0)}>打开阅读</a>
          <button type="button" className="link import-dismiss" onClick={() => setStep({ kind: 'idle' })}>
            关闭
          </button>
        </div>
      )}
      {step.kind === 'preview' && (
        <ImportPreviewForm
          key={step.preview.contentHash}
          preview={step.preview}
          onCancel={() => setStep({ kind: 'idle' })}
          onConfirm={(meta) => void confirm(step.file, meta)}
        />
      )}
    </div>
  );
}

function ImportPreviewForm({
  preview,
  onCancel,
  onConfirm,
}: {
  preview: ImportPreview;
  onCancel: () => void;
  onConfirm: (meta: DocumentMetadata) => void;
}) {
  const [meta, setMeta] = useState<DocumentMetadata>(preview.suggested);
  const [showRepairs, setShowRepairs] = useState(false);
  const warnings = preview.warnings.filter((w) => w.level !== 'info');
  const repairs = preview.warnings.filter((w) => w.level === 'info');
  // More problems than articles, or article numbers repeated (a law never numbers two articles alike):
  // most likely not one legal text but several, or one pasted many times — say so plainly, and ask once
  // more before adding it.
  const duplicates = warnings.filter((w) => w.code === 'parse.duplicate_article').length;
  const doubtful = warnings.length > preview.articles || (duplicates >= 3 && duplicates * 10 >= preview.articles);
  const [sure, setSure] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (doubtful && !sure) {
      setSure(true);
      return;
    }
    onConfirm(meta);
  };
  return (
    <form className="import-preview" onSubmit={submit} data-testid="import-preview">
      <h2>导入预览：{preview.name}</h2>
      <p className="import-counts" data-testid="import-counts">
        {FORMAT_LABELS[preview.format] ?? preview.format}
        {preview.pages ? ` · ${preview.pages} 页` : ''}
        {preview.encoding && preview.format === 'txt' ? ` · ${preview.encoding.toUpperCase()}` : ''} · {megabytes(preview.size)} · 识别出{' '}
        <strong data-testid="import-articles">{preview.articles}</strong> 条
        {preview.chapters ? `、${preview.chapters} 章` : ''}
        {preview.versions > 1 ? `，${preview.versions} 个版本（${preview.versionLabels.map((l, i) => l ?? `版本 ${i + 1}`).join(' / ')}）` : ''}
        {preview.marks ? `，保留 ${preview.marks} 处格式标记（加粗、下划线、删除线、阴影）` : ''}
      </p>
      {preview.duplicateOf && (
        <div className="status status-error" role="alert" data-testid="import-duplicate">
          这个文件已在文库中（编号 {preview.duplicateOf}），不会重复导入。<a href={readerHash(preview.duplicateOf, 0)}>打开已有文档</a>
        </div>
      )}
      {doubtful && (
        <div className="status status-error" role="alert" data-testid="import-doubtful">
          {duplicates >= 3
            ? `这份文件中有 ${duplicates} 个条号重复出现（共识别出 ${preview.articles} 条）`
            : `这份文件的解析提示（${warnings.length} 条）多于识别出的条文（${preview.articles} 条）`}
          ：它可能不是一份法律文本，或者同一文本重复了多次、多份文本拼在了一起。请先查看下面的提示，再决定是否加入文库。
        </div>
      )}
      {warnings.length > 0 && (
        <div className="import-warnings" data-testid="import-warnings">
          <strong>解析提示（{warnings.length}）：</strong>
          <ul>
            {warnings.slice(0, 50).map((w, i) => (
              <li key={i}>
                第 {w.line} 行：{w.message}
              </li>
            ))}
            {warnings.length > 50 && <li>……另有 {warnings.length - 50} 条</li>}
          </ul>
        </div>
      )}
      {repairs.length > 0 && (
        <div className="import-repairs muted">
          <button type="button" className="link" onClick={() => setShowRepairs(!showRepairs)}>
            {showRepairs ? '收起' : '查看'}自动修复（{repairs.length}）
          </button>
          {showRepairs && (
            <ul>
              {repairs.slice(0, 100).map((w, i) => (
                <li key={i}>
                  第 {w.line} 行：{w.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <MetadataFields meta={meta} onChange={setMeta} />
      <div className="import-actions">
        <button type="submit" disabled={!!preview.duplicateOf || meta.title.trim() === ''} data-testid="import-confirm">
          {doubtful && sure ? '确认仍要加入文库' : '加入文库'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} data-testid="import-cancel">
          取消
        </button>
      </div>
    </form>
  );
}

function MetadataFields({ meta, onChange }: { meta: DocumentMetadata; onChange: (meta: DocumentMetadata) => void }) {
  const set = (field: 'title' | 'jurisdiction' | 'kind' | 'stage', value: string) => onChange({ ...meta, [field]: value });
  const setDate = (field: Exclude<keyof DocumentMetadata['dates'], 'amended'>, value: string) => {
    const dates = { ...meta.dates };
    if (value) dates[field] = value;
    else delete dates[field];
    onChange({ ...meta, dates });
  };
  return (
    <div className="meta-form" data-testid="meta-form">
      <label className="meta-title">
        标题
        <input value={meta.title} onChange={(e) => set('title', e.target.value)} required maxLength={300} data-testid="meta-title" />
      </label>
      <label>
        地区
        <input value={meta.jurisdiction} onChange={(e) => set('jurisdiction', e.target.value)} maxLength={300} data-testid="meta-jurisdiction" />
      </label>
      <label>
        类型
        <input value={meta.kind} onChange={(e) => set('kind', e.target.value)} list="import-kinds" maxLength={300} data-testid="meta-kind" />
      </label>
      <label>
        阶段
        <input value={meta.stage} onChange={(e) => set('stage', e.target.value)} list="import-stages" maxLength={300} data-testid="meta-stage" />
      </label>
      {DATE_FIELDS.map(([field, label]) => (
        <label key={field}>
          {label}
          <DateInput value={meta.dates[field]} onChange={(iso) => setDate(field, iso)} testId={`meta-${field}`} />
        </label>
      ))}
      <datalist id="import-kinds">
        {KINDS.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <datalist id="import-stages">
        {STAGES.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}

/** 编辑信息 or 删除 asked on a row of an imported document (corpus rows have none). */
export type DocumentAction = { kind: 'edit' | 'remove'; doc: DocumentSummary };

/**
 * The edit form or the removal's confirmation, over the list (a row is one line high): a dialog that
 * keeps the focus until it is closed (Esc, 取消, or done).
 */
export function DocumentDialog({ action, onClose, onChanged }: { action: DocumentAction; onClose: () => void; onChanged: () => void }) {
  const { doc } = action;
  const [busy, setBusy] = useState(false);
  const [meta, setMeta] = useState<DocumentMetadata>({ title: doc.title, jurisdiction: doc.jurisdiction, kind: doc.kind, stage: doc.stage, dates: doc.dates });
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, []);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Dates left empty are cleared.
      const dates: Record<string, string> = {};
      for (const [field] of DATE_FIELDS) dates[field] = meta.dates[field] ?? '';
      await call('updateMetadata', { id: doc.id, meta: { ...meta, dates } });
      onChanged();
      onClose();
    } catch (err) {
      setError(message(err));
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('removeDocument', { id: doc.id });
      onChanged();
      onClose();
    } catch (err) {
      setError(message(err));
      setBusy(false);
    }
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div
        ref={box}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={action.kind === 'edit' ? '编辑文档信息' : '从文库删除'}
        data-testid="doc-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) onClose();
          // The focus stays in the dialog.
          if (e.key === 'Tab' && box.current) {
            const all = Array.from(box.current.querySelectorAll<HTMLElement>('input:not([disabled]), button:not([disabled]), select, a[href]'));
            const [first, last] = [all[0], all.at(-1)];
            if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last?.focus();
            } else if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first?.focus();
            }
          }
        }}
      >
        <h2>{docName(doc)}</h2>
        <div className="muted doc-id">{doc.id}{doc.originalName ? ` · 原文件 ${doc.originalName}` : ''}</div>
        {action.kind === 'remove' && (
          <div className="doc-remove-ask">
            <p>从文库删除“{docName(doc)}”？导入的原文件和文本都会移除（批注保留）。</p>
            <div className="import-actions">
              <button type="button" className="danger" onClick={() => void remove()} disabled={busy} data-testid="doc-remove-confirm">
                删除
              </button>
              <button type="button" className="secondary" onClick={onClose} disabled={busy}>
                取消
              </button>
            </div>
          </div>
        )}
        {action.kind === 'edit' && (
          <form className="import-preview doc-edit-form" onSubmit={(e) => void save(e)}>
            <MetadataFields meta={meta} onChange={setMeta} />
            <div className="import-actions">
              <button type="submit" disabled={busy || meta.title.trim() === ''} data-testid="doc-edit-save">
                保存
              </button>
              <button type="button" className="secondary" onClick={onClose} disabled={busy}>
                取消
              </button>
            </div>
          </form>
        )}
        {busy && <span className="muted">正在保存…</span>}
        {error && <ErrorBox message={error} />}
      </div>
    </div>
  );
}
