/**
 * Import benchmark (issue "Import"): reading each format back to text, and a whole import into a library.
 *   import_docx_ms            zhejiang-2023 as a Word file (one paragraph per line) → text, median of 5
 *   import_docx_large_mb_s    the same text 30 times over (≈ 2.7 MB of text) → text, MB of text per second
 *   import_html_ms            zhejiang-2023 as an HTML page → text, median of 5
 *   import_pdf_ms_per_page    hunan-2020 printed by Chromium → text, per page (skipped without Chromium)
 *   import_library_ms         Library.importBytes of the Word file: read, parse, duplicate check, atomic write
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { extractText } from '../../electron/engine/ingest';
import { corpusDir, Library } from '../../electron/services/library';

type Report = (name: string, value: number) => void;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function docxOf(text: string): Promise<Buffer> {
  const children = text.split('\n').map((l) => new Paragraph({ children: l ? [new TextRun(l)] : [] }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function median(n: number, fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function printPdf(text: string): Promise<Buffer | null> {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const page = await browser.newPage();
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    await page.setContent(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>body{font-family:"Noto Serif CJK SC",serif;font-size:16pt}p{margin:0;text-indent:2em}</style>` +
        text.split('\n').map((l) => `<p>${esc(l)}</p>`).join(''),
    );
    return await page.pdf({ format: 'A4' });
  } finally {
    await browser.close();
  }
}

export async function run(report: Report): Promise<void> {
  const corpus = corpusDir();
  const zhejiang = readFileSync(join(corpus, '000_8b2458d89ee586cf.txt'), 'utf8');
  const hunan = readFileSync(join(corpus, '001_750f479af8771a80.txt'), 'utf8');

  const docx = await docxOf(zhejiang);
  await extractText(docx, 'warm-up.docx');
  report('import_docx_ms', await median(5, () => extractText(docx, 'z.docx')));

  const largeText = Array(30).fill(zhejiang).join('\n');
  const large = await docxOf(largeText);
  const largeMs = await median(3, () => extractText(large, 'large.docx'));
  report('import_docx_large_mb_s', Buffer.byteLength(largeText) / 1048576 / (largeMs / 1000));

  const html = `<!doctype html><html><head><title>t</title></head><body>${zhejiang
    .split('\n')
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n')}</body></html>`;
  report('import_html_ms', await median(5, () => extractText(Buffer.from(html), 'z.html')));

  const pdf = await printPdf(hunan);
  if (pdf) {
    const first = await extractText(pdf, 'warm-up.pdf');
    const ms = await median(3, () => extractText(pdf, 'h.pdf'));
    report('import_pdf_ms_per_page', ms / (first.pages ?? 1));
  } else {
    process.stderr.write(`bench: ${CHROMIUM} missing, import_pdf_ms_per_page skipped\n`);
  }

  const home = mkdtempSync(join(tmpdir(), 'duizhao-bench-import-'));
  try {
    const library = new Library({ corpusDir: corpus, home });
    // A different file each time (a duplicate would be refused): a line added to the text.
    const files = await Promise.all([0, 1, 2].map((i) => docxOf(`${zhejiang}\n${i}`)));
    let n = 0;
    report('import_library_ms', await median(files.length, () => library.importBytes(files[n]!, `bench-${n++}.docx`)));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
