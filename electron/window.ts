/**
 * The one place a BrowserWindow is made. The renderer is untrusted web content: no Node, a sandboxed
 * preload that exposes only the contract's named functions, no navigation away from the app and no new
 * windows.
 */
import { BrowserWindow, shell } from 'electron';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** build/renderer/index.html, next to build/electron/ where this bundle lives. */
export function appIndexPath(): string {
  return path.join(__dirname, '..', 'renderer', 'index.html');
}

export function appIndexUrl(): string {
  return pathToFileURL(appIndexPath()).toString();
}

/** True for the app's own page (any hash route), false for everything else. */
export function isAppUrl(url: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appIndexUrl());
    return target.protocol === 'file:' && target.pathname === app.pathname;
  } catch {
    return false;
  }
}

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Duizhao 对照',
    show: false,
    backgroundColor: '#f6f5f1',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });

  win.webContents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // No new windows ever; a plain web link the user clicked opens in the system browser.
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(appIndexUrl());
  return win;
}
