/**
 * The sandboxed preload: exposes `window.duizhao` with one named async function per contract method and
 * nothing else (no raw ipcRenderer, no generic invoke). Bundled into a single file: a sandboxed preload
 * can only require('electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, MENU_IMPORT_CHANNEL, type ApiClient, type MenuBridge, type MenuImportFile } from './api/contract';

function makeClient(): ApiClient {
  const client: Record<string, (req: unknown) => Promise<unknown>> = {};
  for (const method of API_METHODS) {
    const channel = `api:${method}`;
    // Each method is its own function bound to its own channel; the renderer cannot pick a channel.
    client[method] = (req: unknown) => ipcRenderer.invoke(channel, req ?? {});
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
