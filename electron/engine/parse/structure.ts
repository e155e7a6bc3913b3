/**
 * Stage 3 — structure: classified lines → versions of chapters and articles.
 *
 * Three layouts are recognised:
 * - regulation: 编/章/节 headings and 第X条 articles (laws, regulations, drafts);
 * - opinion: a policy document without 条, whose 一、 sections play the role of chapters and whose
 *   numbered items （一）… the role of articles, numbered across sections;
 * - comparison: a 修改对照稿 — a two-column table (old | new) flattened to text, each cell starting with
 *   a tab, cells alternating left/right, one row per aligned pair, an empty cell for an added or deleted
 *   article. Each column becomes a version; the editor's row pairing is kept in `table.rows`.
 */
import {
  articleId,
  intToCn,
  warning,
  type Article,
  type Chapter,
  type DocumentKind,
  type Part,
  type Section,
  type TableRow,
  type Version,
  type Warning,
} from '../model';
import type { ClassifiedLine } from './lines';
import { buildParagraphs, type Entry } from './paragraphs';

interface OpenArticle {
  article: Article;
  entries: Entry[];
}

/** Builds one version's tree from the lines fed to it. */
export class VersionBuilder {
  readonly version: Version;
  private readonly warnings: Warning[];
  private open: OpenArticle | null = null;
  private chapter: Chapter | null = null;
  private section: Section | null = null;
  private part: Part | null = null;
  private blankPending = false;
  /** Lines before the first structure: the caller's preamble. */
  readonly before: string[] = [];
  private readonly pending: OpenArticle[] = [];

  constructor(label: string | null, warnings: Warning[], private readonly mode: 'regulation' | 'opinion') {
    this.version = { label, parts: [], chapters: [], sections: [], articles: [] };
    this.warnings = warnings;
  }

  get started(): boolean {
    return this.version.articles.length > 0 || this.version.chapters.length > 0;
  }

  get lastArticleNumber(): number {
    return this.version.articles[this.version.articles.length - 1]?.number ?? 0;
  }

  /** A new table cell: whatever was open is closed; a cell never continues an article. */
  startCell(): void {
    this.closeArticle();
  }

  feed(l: ClassifiedLine): void {
    if (l.kind === 'blank') {
      this.blankPending = true;
      return;
    }
    const afterBlank = this.blankPending;
    this.blankPending = false;
    const kind = this.effectiveKind(l);
    switch (kind) {
      case 'part':
        this.closeArticle();
        this.part = { number: l.number!, label: l.label!, title: l.heading ?? '', line: l.line };
        this.version.parts.push(this.part);
        this.chapter = null;
        this.section = null;
        return;
      case 'chapter':
        this.closeArticle();
        this.chapter = {
          id: this.chapterId(l.number!),
          number: l.number!,
          label: l.label!,
          title: l.heading ?? '',
          intro: [],
          line: l.line,
          ...(this.part ? { part: this.part.number } : {}),
        };
        this.version.chapters.push(this.chapter);
        this.section = null;
        return;
      case 'section':
        this.closeArticle();
        this.section = {
          number: l.number!,
          chapter: this.chapter?.number ?? null,
          chapterId: this.chapter?.id ?? null,
          label: l.label!,
          title: l.heading ?? '',
          line: l.line,
        };
        this.version.sections.push(this.section);
        return;
      case 'article':
        this.startArticle(l);
        return;
      default:
        this.addText(l, kind, afterBlank);
    }
  }

  /** A chapter's id from its place: under the current 编 if any; unique in the version even if numbers repeat. */
  private chapterId(number: number): string {
    const base = this.part ? `part_${this.part.number}__chp_${number}` : `chp_${number}`;
    let id = base;
    for (let n = 2; this.version.chapters.some((c) => c.id === id); n++) id = `${base}_${n}`;
    return id;
  }

  private effectiveKind(l: ClassifiedLine): ClassifiedLine['kind'] {
    if (this.mode === 'opinion') {
      if (l.kind === 'outline') return 'chapter';
      if (l.kind === 'item') return 'article';
      return l.kind === 'subitem' ? 'subitem' : 'text';
    }
    if (l.kind === 'outline') return 'text';
    if (l.kind === 'article' && l.tight && l.number !== this.lastArticleNumber + 1) return 'text';
    return l.kind;
  }

  private startArticle(l: ClassifiedLine): void {
    this.closeArticle();
    let heading = l.heading ?? null;
    let text = l.text;
    let label = l.label!;
    if (this.mode === 'opinion') {
      // An opinion's item opens with its title phrase: "（十一）加强政府采购支持。落实…".
      label = `（${intToCn(l.number!)}）`;
      const m = /^([^。；]{1,40})。(.*)$/u.exec(l.text);
      if (m) {
        heading = m[1]!;
        text = m[2]!.trim();
      }
    }
    const article: Article = {
      number: l.number!,
      label,
      heading,
      chapter: this.chapter?.number ?? null,
      section: this.section?.number ?? null,
      chapterId: this.chapter?.id ?? null,
      paragraphs: [],
      notes: [],
      id: articleId(l.number!, l.sub),
      line: l.line,
    };
    if (l.sub) article.sub = l.sub;
    if (this.part) article.part = this.part.number;
    this.open = { article, entries: [] };
    this.version.articles.push(article);
    if (text) this.open.entries.push({ line: l.line, kind: 'text', text, afterBlank: false });
  }

  private addText(l: ClassifiedLine, kind: ClassifiedLine['kind'], afterBlank: boolean): void {
    const text = kind === 'text' ? l.raw : l.text;
    if (this.open) {
      this.open.entries.push({
        line: l.line,
        kind: kind === 'item' ? 'item' : kind === 'subitem' ? 'subitem' : 'text',
        ...(l.label && kind !== 'text' ? { label: l.label } : {}),
        ...(l.number !== undefined && kind !== 'text' ? { number: l.number } : {}),
        text,
        afterBlank,
      });
      return;
    }
    const target = this.chapter;
    if (target) {
      target.intro.push(l.raw);
      if (this.mode === 'regulation') {
        this.warnings.push(warning(l.line, 'warning', 'parse.chapter_intro', { label: target.label }));
      }
      return;
    }
    if (!this.started) {
      this.before.push(l.raw);
      return;
    }
    this.warnings.push(warning(l.line, 'warning', 'parse.stray_text'));
    this.before.push(l.raw);
  }

  /** Text of a table cell that starts with no article: it belongs to the previous article of the column. */
  attachStray(l: ClassifiedLine): void {
    const last = this.version.articles[this.version.articles.length - 1];
    this.warnings.push(warning(l.line, 'warning', 'parse.cell_without_article'));
    if (last) {
      const open = this.pending.find((p) => p.article === last);
      if (open) {
        this.open = open;
        this.pending.splice(this.pending.indexOf(open), 1);
        this.feed(l);
        return;
      }
    }
    this.feed(l);
  }

  private closeArticle(): void {
    if (this.open) this.pending.push(this.open);
    this.open = null;
  }

  finish(): Version {
    this.closeArticle();
    for (const { article, entries } of this.pending) {
      const { paragraphs, notes } = buildParagraphs(entries, this.warnings);
      article.paragraphs = paragraphs;
      article.notes = notes;
      if (paragraphs.length === 0) {
        this.warnings.push(warning(article.line, 'warning', 'parse.article_empty', { label: article.label }));
      }
    }
    this.pending.length = 0;
    this.fillImplicitFirstChapter();
    this.checkNumbering();
    return this.version;
  }

  /** A document whose first chapter heading is missing (it starts at 第一条, the first heading is 第二章). */
  private fillImplicitFirstChapter(): void {
    const v = this.version;
    const first = v.chapters[0];
    if (!first) return;
    const orphans = v.articles.filter((a) => a.chapter === null && a.line < first.line);
    if (orphans.length === 0) return;
    if (first.number > 1) {
      const implicit: Chapter = { id: `chp_${first.number - 1}`, number: first.number - 1, label: `第${intToCn(first.number - 1)}章`, title: '', intro: [], implicit: true, line: orphans[0]!.line };
      v.chapters.unshift(implicit);
      for (const a of orphans) {
        a.chapter = implicit.number;
        a.chapterId = implicit.id;
      }
      this.warnings.push(
        warning(orphans[0]!.line, 'warning', 'parse.implicit_chapter', {
          label: implicit.label,
          first: orphans[0]!.label,
          last: orphans[orphans.length - 1]!.label,
          next: first.label,
        }),
      );
    } else {
      this.warnings.push(warning(orphans[0]!.line, 'warning', 'parse.articles_before_chapter', { n: orphans.length }));
    }
  }

  private checkNumbering(): void {
    const { articles, chapters } = this.version;
    const seen = new Set<string>();
    let prev: Article | null = null;
    for (const a of articles) {
      const key = `${a.number}.${a.sub ?? 0}`;
      if (seen.has(key)) {
        this.warnings.push(warning(a.line, 'warning', 'parse.duplicate_article', { label: a.label }));
      } else if (prev && (a.number < prev.number || (a.number === prev.number && (a.sub ?? 0) < (prev.sub ?? 0)))) {
        this.warnings.push(warning(a.line, 'warning', 'parse.article_out_of_order', { label: a.label, prev: prev.label }));
      } else if (!a.sub && a.number > (prev?.number ?? 0) + 1) {
        const from = (prev?.number ?? 0) + 1;
        const missing = from === a.number - 1 ? this.labelOf(from) : `${this.labelOf(from)}至${this.labelOf(a.number - 1)}`;
        this.warnings.push(warning(a.line, 'warning', 'parse.numbering_gap', { missing, label: a.label }));
      }
      seen.add(key);
      prev = a;
    }
    let prevChapter: Chapter | null = null;
    for (const c of chapters) {
      if (prevChapter && c.number !== prevChapter.number + 1) {
        this.warnings.push(warning(c.line, 'warning', 'parse.chapter_numbering', { label: c.label, prev: prevChapter.label }));
      }
      prevChapter = c;
    }
  }

  private labelOf(n: number): string {
    return this.mode === 'opinion' ? `（${intToCn(n)}）` : `第${intToCn(n)}条`;
  }
}

export interface Structure {
  kind: DocumentKind;
  preamble: string[];
  versions: Version[];
  trailer: string[];
  table?: { rows: TableRow[] };
}

export function detectKind(lines: ClassifiedLine[]): DocumentKind {
  const cellArticles = lines.filter((l) => l.cell && l.kind === 'article').length;
  if (cellArticles >= 3) return 'comparison';
  if (lines.some((l) => l.kind === 'article' && !l.tight)) return 'regulation';
  const outlines = lines.filter((l) => l.kind === 'outline').length;
  const items = lines.filter((l) => l.kind === 'item').length;
  if (outlines >= 1 && items >= 2) return 'opinion';
  return 'regulation';
}

/**
 * A 目录 (or a list of chapter headings) at the top repeats the body's headings: a heading line with a
 * later heading of the same kind and number is a table-of-contents entry, not a chapter.
 */
export function markTableOfContents(lines: ClassifiedLine[], warnings: Warning[]): ClassifiedLine[] {
  const firstArticle = lines.findIndex((l) => l.kind === 'article' && !l.tight);
  if (firstArticle < 0) return lines;
  const later = new Set<string>();
  const out = lines.slice();
  let marked = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.kind !== 'chapter' && l.kind !== 'section' && l.kind !== 'part') continue;
    const key = `${l.kind}:${l.number}`;
    if (i < firstArticle && later.has(key)) {
      out[i] = { ...l, kind: 'text', text: l.raw };
      marked++;
    }
    later.add(key);
  }
  for (let i = 0; i < firstArticle; i++) {
    const l = out[i]!;
    if (l.kind === 'text' && /^目\s*录$/u.test(l.raw)) marked++;
  }
  if (marked) warnings.push(warning(lines[0]?.line ?? 1, 'info', 'parse.table_of_contents', { n: marked }));
  return out;
}

export function buildRegulation(lines: ClassifiedLine[], warnings: Warning[], mode: 'regulation' | 'opinion'): Structure {
  const builder = new VersionBuilder(null, warnings, mode);
  const usable = mode === 'regulation' ? markTableOfContents(lines, warnings) : lines;
  for (const l of usable) builder.feed(l);
  const version = builder.finish();
  return { kind: mode, preamble: builder.before, versions: [version], trailer: [] };
}

interface Cell {
  line: number;
  lines: ClassifiedLine[];
}

export function buildComparison(lines: ClassifiedLine[], warnings: Warning[]): Structure {
  const firstCell = lines.findIndex((l) => l.cell);
  const preamble = lines.slice(0, firstCell).filter((l) => l.kind !== 'blank').map((l) => l.raw);
  // Group lines into cells: a cell runs from its tab line to the next tab line.
  const cells: Cell[] = [];
  for (const l of lines.slice(firstCell)) {
    if (l.cell) cells.push({ line: l.line, lines: [l] });
    else cells[cells.length - 1]!.lines.push(l);
  }
  // After the last cell, text set off by a blank line is the document's trailer, not table content.
  const trailer: string[] = [];
  const last = cells[cells.length - 1];
  if (last) {
    const blank = last.lines.findIndex((l) => l.kind === 'blank');
    if (blank >= 0) {
      const tail = last.lines.splice(blank);
      trailer.push(...tail.filter((l) => l.kind !== 'blank').map((l) => l.raw));
    }
  }
  const hasArticle = (c: Cell | undefined) => !!c && c.lines.some((l) => l.kind === 'article');
  let start = 0;
  const labels: Array<string | null> = [null, null];
  if (cells.length >= 2 && !hasArticle(cells[0]) && !hasArticle(cells[1])) {
    labels[0] = cells[0]!.lines.map((l) => l.raw).join('') || null;
    labels[1] = cells[1]!.lines.map((l) => l.raw).join('') || null;
    start = 2;
  }
  if ((cells.length - start) % 2 !== 0) {
    warnings.push(warning(cells[cells.length - 1]!.line, 'warning', 'parse.odd_cells', { n: cells.length - start }));
  }
  const builders = [new VersionBuilder(labels[0]!, warnings, 'regulation'), new VersionBuilder(labels[1]!, warnings, 'regulation')];
  const rows: TableRow[] = [];
  for (let i = start; i < cells.length; i += 2) {
    const row: TableRow = { left: [], right: [], line: cells[i]!.line };
    for (const side of [0, 1] as const) {
      const cell = cells[i + side];
      if (!cell) continue;
      const b = builders[side]!;
      const before = b.version.articles.length;
      b.startCell();
      const content = cell.lines.filter((l) => l.kind !== 'blank');
      content.forEach((l, k) => {
        if (k === 0 && l.kind !== 'article' && l.kind !== 'chapter' && l.kind !== 'section' && l.kind !== 'part' && b.started) {
          b.attachStray(l);
        } else {
          b.feed(l);
        }
      });
      const numbers = b.version.articles.slice(before).map((a) => a.number);
      if (side === 0) row.left = numbers;
      else row.right = numbers;
    }
    rows.push(row);
  }
  const versions = builders.map((b) => b.finish());
  for (const b of builders) preamble.push(...b.before);
  return { kind: 'comparison', preamble, versions, trailer, table: { rows } };
}
