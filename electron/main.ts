/**
 * Electron main process: app lifecycle only. Security defaults, the library, IPC registration and the
 * one window (electron/window.ts). The library folder is $DUIZHAO_HOME when set, else Electron's
 * per-user data folder.
 */
import { app, BrowserWindow, session } from 'electron';
import * as path from 'node:path';
import { createHandlers } from './api/handlers';
import { registerIpc } from './api/ipc';
import { warmUpSearch } from './api/search-handlers';
import { Library } from './services/library';
import { configureExportDownloads, withElectronPdf } from './services/pdf-electron';
import { createMainWindow, isAppUrl } from './window';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Whatever creates web contents (including anything unexpected): no navigation away, no new windows.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
  });

  app
    .whenReady()
    .then(() => {
      // An offline reader needs no camera, notifications, geolocation…
      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);

      const home = process.env.DUIZHAO_HOME || app.getPath('userData');
      process.env.DUIZHAO_HOME = home;
      // app.getAppPath() is the folder holding package.json (or app.asar), where corpus/ lives.
      const library = new Library({ corpusDir: path.join(app.getAppPath(), 'corpus'), home });
      // Exports print with Electron's own Chromium and are saved through the system save dialog.
      configureExportDownloads(session.defaultSession);
      registerIpc(withElectronPdf(createHandlers(library)), isAppUrl);
      createMainWindow();
      warmUpSearch(library);

      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
      });
    })
    .catch((e: unknown) => {
      console.error(`duizhao: failed to start: ${e instanceof Error ? e.message : String(e)}`);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
