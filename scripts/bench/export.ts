/**
 * Annotations and export benchmark (issue "Annotations and annotated comparison export"), on the Hunan
 * 修订草案 vs 二次审议稿 (42 rows) with 200 notes spread over both versions:
 *   annotate_resolve_us      = re-anchoring one note against its version, per note (µs; 500 resolutions,
 *                              about half against a renumbered text, where the words must be searched;
 *                              the version prepared once per listing, as the API does);
 *   export_report_ms         = the report model from a finished comparison (marks, notes placed), median of 5;
 *   export_html_ms           = the HTML from the model, median of 5;
 *   export_docx_ms           = the .docx from the model, median of 5;
 *   export_pdf_ms            = printing the HTML with headless Chromium (launch included), one run;
 *   export_pdf_pages         = pages of that PDF (A4 landscape, three columns).
 * The comparison itself is measured by the compare benchmark.
 */
import { AnchorIndex, makeTarget, resolveAnchor, type Annotation } from '../../electron/engine/annotate';
import { compareVersions } from '../../electron/engine/compare';
import { buildReport, renderReportDocx, renderReportHtml } from '../../electron/engine/export';
import { getSegmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { findChromium, printHtmlToPdf } from '../../electron/services/pdf';

type Report = (name: string, value: number) => void;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await f();
  return { value, ms: performance.now() - t };
}

export async function run(report: Report): Promise<void> {
  const library = new Library({ corpusDir: corpusDir(), home: defaultHome() });
  const { document } = library.get('hunan-2020-review');
  const [left, right] = [document.versions[0]!, document.versions[1]!];
  getSegmenter();
  const pairs = compareVersions(left, right).pairs;

  // Notes: every article of both versions, alternately on a quote and on a 款.
  const notes: Annotation[] = [];
  for (let i = 0; notes.length < 200; i++) {
    const [v, version] = i % 2 === 0 ? [0, left] : [1, right];
    const a = version.articles[i % version.articles.length]!;
    const text = a.paragraphs[0]?.text ?? '';
    const target = i % 4 < 2 && text.length > 12 ? makeTarget(document.id, v, a, { quote: text.slice(4, 12) }) : makeTarget(document.id, v, a, { paragraph: 1 });
    notes.push({ id: `n${i}`, target, body: `批注 ${i}`, tags: [], created: '', updated: '' });
  }

  // Re-anchoring: against the text as written, and against a renumbered one (numbers all shifted by one).
  const shifted = { ...left, articles: left.articles.map((a) => ({ ...a, number: a.number + 1 })) };
  // As a listing does it: the version prepared once (AnchorIndex), then each note resolved.
  const t0 = performance.now();
  let n = 0;
  for (let k = 0; k < 5; k++) {
    const index = new AnchorIndex(k % 2 === 0 ? left : shifted);
    for (const note of notes) {
      if (note.target.version !== 0) continue;
      resolveAnchor(note.target, index);
      n++;
    }
  }
  report('annotate_resolve_us', ((performance.now() - t0) / n) * 1000);

  const input = { left: { ref: 'hunan-2020-review@0', doc: document.id, version: 0, title: document.title, text: left }, right: { ref: 'hunan-2020-review@1', doc: document.id, version: 1, title: document.title, text: right }, pairs, annotations: notes, generated: new Date() };
  const builds: number[] = [];
  let model = buildReport(input);
  for (let k = 0; k < 5; k++) {
    const r = await timed(() => buildReport(input));
    model = r.value;
    builds.push(r.ms);
  }
  report('export_report_ms', median(builds));
  const htmls: number[] = [];
  let html = '';
  for (let k = 0; k < 5; k++) {
    const r = await timed(() => renderReportHtml(model));
    html = r.value;
    htmls.push(r.ms);
  }
  report('export_html_ms', median(htmls));
  const docxs: number[] = [];
  for (let k = 0; k < 5; k++) docxs.push((await timed(() => renderReportDocx(model))).ms);
  report('export_docx_ms', median(docxs));

  try {
    findChromium();
  } catch {
    process.stderr.write('bench: no Chromium, export_pdf_ms skipped\n');
    return;
  }
  const pdf = await timed(() => printHtmlToPdf(html));
  report('export_pdf_ms', pdf.ms);
  const pages = (Buffer.from(pdf.value).toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  report('export_pdf_pages', pages);
}
