/**
 * A printed report as delivered: Chromium's printToPDF (headless or Electron's) names itself in the PDF's
 * information dictionary ("HeadlessChrome", "Skia/PDF"); the file says Duizhao made it, under the
 * report's title. Kept apart from the export use-case so that the desktop app's main thread, which
 * prints, loads only this.
 */
import { setPdfInfo } from '../engine/export/pdf-info';

export const PDF_CREATOR = 'Duizhao';

export function finishPdf(bytes: Uint8Array, title: string): Uint8Array {
  return setPdfInfo(bytes, { title, creator: PDF_CREATOR, producer: PDF_CREATOR });
}
