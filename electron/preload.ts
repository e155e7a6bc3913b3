/**
 * The sandboxed preload: exposes `window.duizhao` with one named async function per contract method and
 * nothing else (no raw ipcRenderer, no generic invoke). Bundled into a single file: a sandboxed preload
 * can only require('electron').
 *
 * A method called with `{ job, onProgress }` (long work: an import, an export) sends the job's name along;
 * the main process then reports its progress on PROGRESS_CHANNEL, which is listened to only while such a
 * call is running, and only for the jobs this page named. `cancel({ job })` stops it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, MENU_IMPORT_CHANNEL, PROGRESS_CHANNEL, type ApiClient, type CallOptions, type MenuBridge, type MenuImportFile, type Progress } from './api/contract';

const progressListeners = new Map<string, (progress: Progress) => void>();

function onProgress(_event: unknown, message: { job?: unknown; progress?: Progress } | null): void {
  const listener = typeof message?.job === 'string' ? progressListeners.get(message.job) : undefined;
  if (listener && message?.progress) listener(message.progress);
}

function listen(job: string, listener: (progress: Progress) => void): () => void {
  if (progressListeners.size === 0) ipcRenderer.on(PROGRESS_CHANNEL, onProgress);
  progressListeners.set(job, listener);
  return () => {
    progressListeners.delete(job);
    if (progressListeners.size === 0) ipcRenderer.removeListener(PROGRESS_CHANNEL, onProgress);
  };
}

function makeClient(): ApiClient {
  const client: Record<string, (req: unknown, options?: CallOptions) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = `api:${method}`;
    // Each method is its own function bound to its own channel; the renderer cannot pick a channel.
    client[method] = (req: unknown, options?: CallOptions) => {
      const job = typeof options?.job === 'string' ? options.job : undefined;
      if (job === undefined) return ipcRenderer.invoke(channel, req ?? {});
      const listener = options?.onProgress;
      const stop = typeof listener === 'function' ? listen(job, (p) => listener(p)) : () => undefined;
      return ipcRenderer.invoke(channel, req ?? {}, { job }).finally(stop);
    };
  }
  return Object.freeze(client) as unknown as ApiClient;
}

contextBridge.exposeInMainWorld('duizhao', makeClient());

// The menu's 导入文档…: only the file (name and bytes) reaches the page, never the IPC event.
const menu: MenuBridge = {
  onImportFile(listener) {
    const handler = (_event: unknown, file: MenuImportFile) => listener({ name: String(file.name), data: file.data });
    ipcRenderer.on(MENU_IMPORT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(MENU_IMPORT_CHANNEL, handler);
    };
  },
};
contextBridge.exposeInMainWorld('duizhaoMenu', Object.freeze(menu));
