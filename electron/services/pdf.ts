/**
 * Printing the report HTML to PDF with a headless Chromium (the CLI and the web mode). Electron prints the
 * same HTML with webContents.printToPDF instead (pdf-electron.ts).
 *
 * The browser is Debian's `chromium` driven by playwright-core (no bundled browser download); the CJK
 * fonts are Debian's `fonts-noto-cjk`, which Chromium finds through fontconfig and embeds in the PDF.
 * Chromium's PDF backend (Skia) embeds fonts with TrueType outlines as named CID fonts but OpenType-CFF
 * fonts — every Noto CJK build — as Type 3 fonts: vector glyphs with a ToUnicode map, so the text still
 * prints sharply and can be searched and copied, but pdffonts lists them without a name. Where a
 * TrueType CJK face is installed (SimSun/SimHei on Windows) the report prefers it (export/html.ts).
 */
import { existsSync } from 'node:fs';
import { fail } from '../engine/model';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium to print with: $CHROMIUM_PATH, else the first installed candidate. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw fail('not_found', 'pdf.chromium_path_missing', { path: fromEnv });
    return fromEnv;
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw fail('not_found', 'pdf.no_chromium');
  }
  return found;
}

export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export interface PrintOptions {
  executablePath?: string;
  /** Milliseconds before giving up (a long document takes a few seconds). */
  timeout?: number;
}

/** Prints one HTML document to PDF bytes. The page size and margins come from the HTML's @page rule. */
export async function printHtmlToPdf(html: string, opts: PrintOptions = {}): Promise<Uint8Array> {
  // Loaded on demand: the engine and the CLI's other commands never need the browser driver.
  const { chromium } = await import('playwright-core');
  const timeout = opts.timeout ?? 120_000;
  const browser = await chromium.launch({ executablePath: opts.executablePath ?? findChromium(), args: CHROMIUM_ARGS, timeout });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    // The report needs nothing from outside (its fonts are installed ones): refuse any request.
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: 'load' });
    // Web fonts named by local() load asynchronously; print only once they are in.
    await page.evaluate('document.fonts.ready.then(() => true)').catch(() => undefined);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, displayHeaderFooter: false, tagged: true, outline: false });
    return new Uint8Array(pdf);
  } finally {
    await browser.close().catch(() => undefined);
  }
}
