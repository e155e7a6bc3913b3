/**
 * Files the desktop app needs on disk. In a packaged app the code sits inside resources/app.asar, which
 * Electron's patched fs reads in the main process; but the engine runs in a worker thread, loads a native
 * addon (nodejieba) that opens its dictionaries with C++ file I/O, and import()s pdfjs-dist as an ES
 * module. So the engine worker, the packages it loads and the data it reads are unpacked next to the
 * archive (electron-builder.yml, asarUnpack) and are addressed through app.asar.unpacked.
 */
import * as path from 'node:path';

/** ".../app.asar/x" → ".../app.asar.unpacked/x"; any other path unchanged (development, tests). */
export function onDisk(file: string): string {
  return file.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

/** The engine worker bundle (build/engine-worker.js) for a main bundle living in `mainDir` (build/electron). */
export function engineWorkerFile(mainDir: string): string {
  return onDisk(path.join(mainDir, '..', 'engine-worker.js'));
}

/** The built-in documents (corpus/) of the app whose folder (or app.asar) is `appPath`. */
export function corpusFolder(appPath: string): string {
  return onDisk(path.join(appPath, 'corpus'));
}
