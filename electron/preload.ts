/**
 * The sandboxed preload: exposes `window.duizhao` with one named async function per contract method and
 * nothing else (no raw ipcRenderer, no generic invoke). Bundled into a single file: a sandboxed preload
 * can only require('electron').
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, type ApiClient } from './api/contract';

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
