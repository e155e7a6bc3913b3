/**
 * The desktop app's PDF path: the report HTML printed by Electron's own Chromium with
 * webContents.printToPDF (no browser to find or launch), and the save dialog for exported files.
 *
 * main.ts wires both: `withPdfPrinter(handlers, printHtmlToPdfWithElectron)` (api/pdf-printer.ts) and
 * `configureExportDownloads(session.defaultSession)`. Electron's windows exist only on the main thread,
 * while the handlers run in the engine worker: so a PDF export asks them for the report HTML and prints it
 * here.
 */
import { BrowserWindow, type Session } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Prints one HTML document to PDF in a hidden, sandboxed window with JavaScript off. */
export async function printHtmlToPdfWithElectron(html: string): Promise<Uint8Array> {
  // A file rather than a data: URL, which Chromium caps at 2 MB (a long 对照稿 is larger).
  const dir = mkdtempSync(join(tmpdir(), 'duizhao-print-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html, 'utf8');
  const win = new BrowserWindow({
    show: false,
    // Its own in-memory session per print: a session has one onBeforeRequest listener, and two exports
    // at once must not replace each other's.
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: `duizhao-print-${randomUUID()}` },
  });
  // The report needs nothing from outside: only its own file may load.
  const own = pathToFileURL(file).href;
  win.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: details.url !== own }));
  try {
    await win.loadURL(own);
    const pdf = await win.webContents.printToPDF({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
    });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
  docx: { name: 'Word 文档', extensions: ['docx'] },
  html: { name: '网页', extensions: ['html'] },
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
};

/**
 * Exports reach the renderer as bytes and are saved with a download link; in the desktop app that
 * download opens the system save dialog, titled and filtered for the file's kind.
 */
export function configureExportDownloads(session: Session): void {
  session.on('will-download', (_event, item) => {
    const name = item.getFilename();
    const ext = name.split('.').pop()?.toLowerCase() ?? '';
    item.setSaveDialogOptions({
      // A 修改对照稿 or a 主题对照表 (the Topics view's matrix).
      title: '保存导出的文件',
      defaultPath: name,
      filters: FILTERS[ext] ? [FILTERS[ext]!] : [],
    });
  });
}
