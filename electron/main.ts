/**
 * Electron main process: app lifecycle only. Security defaults, the engine worker, IPC registration and the
 * one window (electron/window.ts). The library folder is $DUIZHAO_HOME when set, else Electron's
 * per-user data folder.
 */
import { app, BrowserWindow, session } from 'electron';
import * as path from 'node:path';
import { registerIpc } from './api/ipc';
import { createWorkerHandlers } from './api/worker';
import { configureExportDownloads, withElectronPdf } from './services/pdf-electron';
import { installMenu } from './menu';
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
      // The engine (library, search index, comparison…) runs in its own thread, next to this bundle, so
      // that long work never stalls the main process; it warms up its dictionaries and index itself.
      const engine = createWorkerHandlers(path.join(__dirname, '..', 'engine-worker.js'), {
        corpusDir: path.join(app.getAppPath(), 'corpus'),
        home,
      });
      app.on('will-quit', () => void engine.close());
      // Exports print with Electron's own Chromium and are saved through the system save dialog.
      configureExportDownloads(session.defaultSession);
      registerIpc(withElectronPdf(engine.handlers), isAppUrl);
      installMenu();
      createMainWindow();

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
