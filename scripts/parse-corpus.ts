/**
 * Parses a whole corpus of Markdown/text legal files (default: the shared LawRefBook snapshot) and prints
 * what must stay true of the parser, and where text lands:
 *   files, statute-like files, articles, crashes,
 *   article lines missed / invented (against an independent count of the lines that start with 第N条),
 *   Han characters in / out and the files where they differ (character conservation),
 *   warnings by code, and a few structure figures (chapters, 分编, annexes, outline headings left in text).
 *
 *   npm run parse-corpus [-- DIR] [-- --json] [-- --list CODE] [-- --files]
 *
 * Figures, not assertions: run it before and after a parser change and compare. Not a timed test.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { parseDocument } from '../electron/engine/parse';
import { hanBalance, withoutComments } from '../electron/engine/parse/conservation';
import { CN_NUMERAL_CHARS, type LegalDocument } from '../electron/engine/model';

function findCorpus(): string {
  // From the working directory upwards: /work/main or /work/wt/NAME both find /work/shared.
  for (let dir = resolve(process.cwd()); dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpora', 'lawrefbook');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('shared/corpora/lawrefbook not found: give the corpus folder as an argument');
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(md|txt)$/i.test(name)) out.push(p);
  }
  return out;
}

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;
/** An article line as a reader sees it: 第N条 at the start of a line, followed by a space, 【 or the end. */
const ARTICLE_LINE = new RegExp(`^[#\\s\\u3000]*第${N}条(?:之[${CN_NUMERAL_CHARS}]+)?(?:[\\s\\u3000【]|$)`, 'u');

/** Source lines (1-based) that start an article, counted without the parser (comments blanked first). */
function articleLines(text: string): Set<number> {
  // Blank the comments but keep their line breaks, so line numbers stay the editor's.
  const blanked = text.replace(/<!--[\s\S]*?(?:-->|$)/g, (m) => m.replace(/[^\n]/g, ''));
  const out = new Set<number>();
  blanked.replace(/^\ufeff/, '').split(/\r\n?|\n/).forEach((l, i) => {
    if (ARTICLE_LINE.test(l)) out.add(i + 1);
  });
  return out;
}

interface FileResult {
  file: string;
  articles: number;
  crashed?: string;
  missed: number[];
  invented: number[];
  hanIn: number;
  hanOut: number;
  hanDiff: string[];
  codes: Record<string, number>;
  recovered?: number;
  headingsInArticles?: number;
  titleWrong?: string;
  opinion?: boolean;
  doc?: LegalDocument;
}

/** Warnings that mark an article the parser recovered from a damaged source line. */
const RECOVERY_CODES = new Set(['parse.damaged_label', 'parse.run_on_article']);

function parseFile(root: string, path: string): FileResult {
  const file = relative(root, path);
  const text = readFileSync(path, 'utf8');
  const expected = articleLines(text);
  const base: FileResult = { file, articles: 0, missed: [], invented: [], hanIn: 0, hanOut: 0, hanDiff: [], codes: {} };
  let doc: LegalDocument;
  try {
    doc = parseDocument(text, { id: file });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // An empty text is refused by design, not a crash.
    if (/empty|空/.test(message) && withoutComments(text).trim().replace(/^#.*$/gm, '').trim() === '') return base;
    return { ...base, crashed: message };
  }
  const found = new Set<number>();
  let articles = 0;
  for (const v of doc.versions) {
    for (const a of v.articles) {
      articles++;
      found.add(a.line);
    }
  }
  // A policy opinion's numbered items （一）… play the role of articles: not article lines.
  if (doc.kind === 'opinion') found.clear();
  // A damaged label ("第七十五 条") or an article run on after "。 " is recovered with a warning at its line.
  const recovered = new Set(doc.warnings.filter((w) => RECOVERY_CODES.has(w.code)).map((w) => w.line));
  // Markdown headings (## …) whose words ended up as a 款 or 项 of an article, and the `# 标题` line vs the title.
  const headings = new Set<string>();
  let titleLine: string | null = null;
  let inTitle = true;
  for (const l of withoutComments(text).split(/\r\n?|\n/)) {
    if (l.trim() === '') continue;
    const m = /^(#{1,6})[ \t]+(.*\S)/.exec(l);
    // The level-1 headings at the top are the title (民法典: "中华人民共和国民法典" + "物权编").
    if (inTitle && m && m[1] === '#') {
      titleLine = titleLine === null ? m[2]!.trim() : `${titleLine} ${m[2]!.trim()}`;
      continue;
    }
    inTitle = false;
    if (m) headings.add(m[2]!.replace(/[\s\u3000]+/gu, ''));
  }
  let headingsInArticles = 0;
  for (const v of doc.versions) {
    for (const a of v.articles) {
      for (const p of a.paragraphs) {
        if (headings.has(p.text.replace(/[\s\u3000]+/gu, ''))) headingsInArticles++;
        for (const i of p.items) if (headings.has((i.label + i.text).replace(/[\s\u3000]+/gu, ''))) headingsInArticles++;
      }
    }
  }
  const titleWrong = titleLine !== null && doc.title !== titleLine ? `${doc.title} ≠ ${titleLine}` : undefined;
  const bal = hanBalance(text, doc);
  const codes: Record<string, number> = {};
  for (const w of doc.warnings) codes[w.code] = (codes[w.code] ?? 0) + 1;
  return {
    file,
    articles,
    missed: [...expected].filter((l) => !found.has(l)),
    invented: [...found].filter((l) => !expected.has(l) && !recovered.has(l)),
    recovered: [...found].filter((l) => !expected.has(l) && recovered.has(l)).length,
    opinion: doc.kind === 'opinion',
    hanIn: bal.source,
    hanOut: bal.output,
    hanDiff: bal.diff,
    codes,
    doc,
    headingsInArticles,
    titleWrong,
  };
}

function main(): void {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const listFiles = argv.includes('--files');
  const listIndex = argv.indexOf('--list');
  const listCode = listIndex >= 0 ? argv[listIndex + 1] : undefined;
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--list');
  const root = positional[0] ? resolve(positional[0]) : findCorpus();
  const paths = walk(root);
  const started = Date.now();
  const results = paths.map((p) => parseFile(root, p));
  const ms = Date.now() - started;

  const statute = results.filter((r) => r.articles > 0);
  const codes: Record<string, { warnings: number; files: number }> = {};
  for (const r of results) {
    for (const [c, n] of Object.entries(r.codes)) {
      const e = (codes[c] ??= { warnings: 0, files: 0 });
      e.warnings += n;
      e.files++;
    }
  }
  let chapters = 0;
  let subparts = 0;
  let annexes = 0;
  let annexLines = 0;
  let paragraphs = 0;
  for (const r of results) {
    for (const v of r.doc?.versions ?? []) {
      chapters += v.chapters.length;
      subparts += v.subparts?.length ?? 0;
      annexes += v.annexes?.length ?? 0;
      annexLines += (v.annexes ?? []).reduce((n, x) => n + x.lines.length, 0);
      for (const a of v.articles) paragraphs += a.paragraphs.length;
    }
  }
  const crashes = results.filter((r) => r.crashed);
  const mismatched = results.filter((r) => r.hanDiff.length > 0);
  const missedFiles = results.filter((r) => r.missed.length);
  const inventedFiles = results.filter((r) => r.invented.length);
  const summary = {
    corpus: root,
    files: results.length,
    statuteLike: statute.length,
    articles: results.reduce((n, r) => n + r.articles, 0),
    statuteArticles: statute.reduce((n, r) => n + r.articles, 0),
    paragraphs,
    chapters,
    subparts,
    annexes,
    annexLines,
    crashes: crashes.length,
    headingsInArticles: results.reduce((n, r) => n + (r.headingsInArticles ?? 0), 0),
    headingsInArticlesFiles: results.filter((r) => r.headingsInArticles).length,
    titlesWrong: results.filter((r) => r.titleWrong).length,
    articleLinesMissed: results.reduce((n, r) => n + r.missed.length, 0),
    articleLinesInvented: results.reduce((n, r) => n + r.invented.length, 0),
    articlesRecovered: results.reduce((n, r) => n + (r.recovered ?? 0), 0),
    opinionFiles: results.filter((r) => r.opinion).length,
    hanIn: results.reduce((n, r) => n + r.hanIn, 0),
    hanOut: results.reduce((n, r) => n + r.hanOut, 0),
    hanMismatchFiles: mismatched.length,
    warnings: Object.fromEntries(Object.entries(codes).sort((a, b) => b[1].warnings - a[1].warnings)),
    ms,
  };
  if (json) {
    process.stdout.write(
      JSON.stringify(
        {
          ...summary,
          crashed: crashes.map((r) => ({ file: r.file, error: r.crashed })),
          hanMismatches: mismatched.map((r) => ({ file: r.file, diff: r.hanDiff.slice(0, 10) })),
          missed: missedFiles.map((r) => ({ file: r.file, lines: r.missed })),
          invented: inventedFiles.map((r) => ({ file: r.file, lines: r.invented })),
        },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  const o = (s: string) => process.stdout.write(s + '\n');
  o(`corpus                 ${root}`);
  o(`files                  ${summary.files}  (statute-like, with articles: ${summary.statuteLike})`);
  o(`articles               ${summary.articles}  (款 ${paragraphs}, 章 ${chapters}, 分编 ${subparts}, annexes ${annexes} with ${annexLines} lines)`);
  o(`crashes                ${summary.crashes}`);
  o(`article lines missed   ${summary.articleLinesMissed}  (files ${missedFiles.length})`);
  o(`article lines invented ${summary.articleLinesInvented}  (files ${inventedFiles.length}; other lines holding articles recovered with a warning — damaged labels, run-on articles: ${summary.articlesRecovered})`);
  o(`opinion-kind files     ${summary.opinionFiles}  (numbered items as articles: not counted as article lines)`);
  o(`Han in / out           ${summary.hanIn} / ${summary.hanOut}  (files with a mismatch: ${mismatched.length})`);
  o(`## headings in 条文   ${summary.headingsInArticles}  (files ${summary.headingsInArticlesFiles}; a Markdown heading's words as a 款 or 项)`);
  o(`titles ≠ # line       ${summary.titlesWrong}`);
  o(`time                   ${(ms / 1000).toFixed(1)} s`);
  o('warnings by code       count  files');
  for (const [c, e] of Object.entries(summary.warnings)) o(`  ${c.padEnd(30)} ${String(e.warnings).padStart(6)} ${String(e.files).padStart(6)}`);
  for (const r of crashes) o(`CRASH ${r.file}: ${r.crashed}`);
  for (const r of mismatched.slice(0, 30)) o(`HAN ${r.file}: ${r.hanDiff.slice(0, 5).join('; ')}`);
  if (listFiles) {
    for (const r of results) if (r.titleWrong) o(`TITLE ${r.file}: ${r.titleWrong}`);
    for (const r of results) if (r.headingsInArticles) o(`HEADINGS ${r.file}: ${r.headingsInArticles}`);
    for (const r of missedFiles) o(`MISSED ${r.file}: ${r.missed.join(', ')}`);
    for (const r of inventedFiles) o(`INVENTED ${r.file}: ${r.invented.join(', ')}`);
  }
  if (listCode) {
    for (const r of results) {
      for (const w of r.doc?.warnings ?? []) if (w.code === listCode) o(`${listCode} ${r.file}:${w.line} ${w.message}`);
    }
  }
}

main();
