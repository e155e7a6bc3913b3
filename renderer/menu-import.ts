/**
 * Files chosen with the desktop menu's 文件 → 导入文档… (Electron only; the web mode has the Library's
 * button and drag and drop). The file waits here until the Library's import panel takes it, so the menu
 * works from any view: it switches to the Library, whose panel then shows the usual preview.
 */
import type { MenuBridge } from '../electron/api/contract';
import { formatHash, navigate } from './route';

declare global {
  interface Window {
    duizhaoMenu?: MenuBridge;
  }
}

let pending: File | null = null;
const listeners = new Set<(file: File) => void>();

export function installMenuImport(): void {
  window.duizhaoMenu?.onImportFile(({ name, data }) => {
    pending = new File([new Uint8Array(data)], name);
    if (listeners.size === 0) navigate(formatHash('library'));
    else for (const l of listeners) l(pending);
  });
}

/** The file waiting to be imported, if any (taking it clears it). */
export function takePendingImport(): File | null {
  const file = pending;
  pending = null;
  return file;
}

/** Subscribes the import panel while it is shown; returns the unsubscribe function. */
export function onMenuImport(listener: (file: File) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
