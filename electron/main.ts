/**
 * Electron main process: app lifecycle only. Security defaults, the engine worker, IPC registration and the
 * one window (electron/window.ts). The library folder is $DUIZHAO_HOME when set, else Electron's
 * per-user data folder.
 */
import { app, BrowserWindow, dialog, session } from 'electron';
import { registerIpc } from './api/ipc';
import { createWorkerHandlers } from './api/worker';
import { withPdfPrinter } from './api/pdf-printer';
import { configureExportDownloads, printHtmlToPdfWithElectron } from './print';
import { installMenu } from './menu';
import { corpusFolder, engineWorkerFile } from './paths';
import { createMainWindow, isAppUrl } from './window';
import { say } from './engine/model/messages';

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
      // The engine (library, search index, comparison…) runs in its own thread so that long work never
      // stalls the main process; it warms up its dictionaries and index itself. Packaged, the worker and the
      // corpus are read from app.asar.unpacked (paths.ts).
      const engine = createWorkerHandlers(engineWorkerFile(__dirname), { corpusDir: corpusFolder(app.getAppPath()), home });
      app.on('will-quit', () => void engine.close());
      // Exports print with Electron's own Chromium and are saved through the system save dialog.
      configureExportDownloads(session.defaultSession);
      registerIpc(withPdfPrinter(engine.handlers, printHtmlToPdfWithElectron), isAppUrl);
      installMenu();
      createMainWindow();

      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
      });
    })
    .catch((e: unknown) => {
      const detail = e instanceof Error ? e.message : String(e);
      console.error(`duizhao: ${say('shell.start_failed', { detail })}`);
      // Started from a desktop menu there is no terminal: say it in a window before quitting.
      dialog.showErrorBox(say('shell.start_failed_title'), say('shell.start_failed', { detail }));
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
