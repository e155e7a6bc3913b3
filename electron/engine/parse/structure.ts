/**
 * Stage 3 — structure: classified lines → versions of chapters and articles.
 *
 * Three layouts are recognised:
 * - regulation: 编/分编/章/节 headings and 第X条 articles (laws, regulations, drafts); in Markdown, a `##`
 *   heading "一、回避" (司法解释) or an unnumbered one ("附则") is a chapter too — never text of an article —
 *   and a heading at the level of the 编 ends the 编. Annexes (附件, 附表, 附录, 附：) after the last article
 *   are parts of the version (`annexes`), not text of that article;
 * - opinion: a policy document without 条, whose 一、 sections play the role of chapters and whose
 *   numbered items （一）… the role of articles, numbered across sections;
 * - comparison: a 修改对照稿 — a two-column table (old | new) flattened to text, each cell starting with
 *   a tab, cells alternating left/right, one row per aligned pair, an empty cell for an added or deleted
 *   article. Each column becomes a version; the editor's row pairing is kept in `table.rows`.
 */
import {
  articleId,
  CN_NUMERAL_CHARS,
  intToCn,
  warning,
  type Article,
  type Chapter,
  type DocumentKind,
  type Annex,
  type Part,
  type Section,
  type Subpart,
  type TableRow,
  type Version,
  type Warning,
} from '../model';
import { cleanTitle, type ClassifiedLine } from './lines';
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
  private subpart: Subpart | null = null;
  /** Markdown levels of the open 编, 分编 and 章 headings: a heading at that level or above closes them. */
  private partLevel = 0;
  private subpartLevel = 0;
  private chapterLevel = 0;
  private annex: Annex | null = null;
  private readonly introWarnings: Warning[] = [];
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

  /** From here on every line is annex text: `l` is the first annex's heading (附件一, 附表, 附：…). */
  startAnnex(l: ClassifiedLine): void {
    this.closeArticle();
    const annexes = (this.version.annexes ??= []);
    this.annex = { id: `annex_${annexes.length + 1}`, title: l.raw, lines: [], line: l.line };
    annexes.push(this.annex);
  }

  feed(l: ClassifiedLine): void {
    if (l.kind === 'blank') {
      this.blankPending = true;
      return;
    }
    if (this.annex) {
      if (isAnnexStart(l)) this.startAnnex(l);
      else this.annex.lines.push(l.raw);
      return;
    }
    const afterBlank = this.blankPending;
    this.blankPending = false;
    const kind = this.effectiveKind(l);
    const level = l.mdHeading ?? 0;
    switch (kind) {
      case 'part':
        this.closeArticle();
        this.part = { number: l.number!, label: l.label!, title: l.heading ?? '', line: l.line };
        this.version.parts.push(this.part);
        this.partLevel = level;
        this.subpart = null;
        this.subpartLevel = 0;
        this.chapter = null;
        this.section = null;
        return;
      case 'subpart': {
        this.closeArticle();
        this.closeLevels(level, 'subpart');
        const part = this.part?.number ?? null;
        this.subpart = {
          id: `${part !== null ? `part_${part}__` : ''}sub_${l.number}`,
          number: l.number!,
          label: l.label!,
          title: l.heading ?? '',
          part,
          line: l.line,
        };
        (this.version.subparts ??= []).push(this.subpart);
        this.subpartLevel = level;
        this.chapter = null;
        this.section = null;
        return;
      }
      case 'chapter':
        this.closeArticle();
        this.closeLevels(level, 'chapter');
        this.openChapter(l.number!, l.label!, l.heading ?? '', l.line, level);
        return;
      case 'section':
        this.closeArticle();
        this.openSection(l.number!, l.label!, l.heading ?? '', l.line);
        return;
      case 'article':
        this.startArticle(l);
        return;
      default:
        if (level > 1 && this.started && this.mode === 'regulation') {
          this.unnumberedHeading(l, level);
          return;
        }
        this.addText(l, kind, afterBlank);
    }
  }

  /** A heading at or above the level of the open 编 (or 分编) ends it: 刑法's "## 附则" after 第二编. */
  private closeLevels(level: number, kind: 'subpart' | 'chapter'): void {
    if (level === 0) return;
    if (this.part && this.partLevel > 0 && level <= this.partLevel) {
      this.part = null;
      this.partLevel = 0;
      this.subpart = null;
      this.subpartLevel = 0;
    }
    if (kind === 'chapter' && this.subpart && this.subpartLevel > 0 && level <= this.subpartLevel) {
      this.subpart = null;
      this.subpartLevel = 0;
    }
  }

  private openChapter(number: number, label: string, title: string, line: number, level: number): void {
    this.chapter = {
      id: this.chapterId(number),
      number,
      label,
      title,
      intro: [],
      line,
      ...(this.part ? { part: this.part.number } : {}),
      ...(this.subpart ? { subpart: this.subpart.number } : {}),
    };
    this.version.chapters.push(this.chapter);
    this.chapterLevel = level;
    this.section = null;
  }

  private openSection(number: number, label: string, title: string, line: number): void {
    this.section = {
      number,
      chapter: this.chapter?.number ?? null,
      chapterId: this.chapter?.id ?? null,
      label,
      title,
      line,
    };
    this.version.sections.push(this.section);
  }

  /**
   * A Markdown heading without a number inside the body ("## 附则" between 第四百五十一条 and 第四百五十二条):
   * a chapter without a label — or a section, when it is a level below the open chapter's heading. Its
   * number is its place among its siblings, for ids; the label stays empty, as in the source.
   */
  private unnumberedHeading(l: ClassifiedLine, level: number): void {
    this.closeArticle();
    if (this.chapter && this.chapterLevel > 0 && level > this.chapterLevel) {
      const siblings = this.version.sections.filter((s) => s.chapterId === this.chapter!.id);
      this.openSection((siblings[siblings.length - 1]?.number ?? 0) + 1, '', cleanTitle(l.raw), l.line);
      return;
    }
    this.closeLevels(level, 'chapter');
    const scope = this.version.chapters.filter((c) => (c.part ?? null) === (this.part?.number ?? null) && (c.subpart ?? null) === (this.subpart?.number ?? null));
    this.openChapter((scope[scope.length - 1]?.number ?? 0) + 1, '', cleanTitle(l.raw), l.line, level);
  }

  /** A chapter's id from its place: under the current 编 (and 分编) if any; unique in the version even if numbers repeat. */
  private chapterId(number: number): string {
    const scope = this.subpart ? `${this.subpart.id}__` : this.part ? `part_${this.part.number}__` : '';
    const base = `${scope}chp_${number}`;
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
    // "## 一、回避": a 司法解释's numbered section heading is a chapter; without the marker, text.
    if (l.kind === 'outline') return l.mdHeading !== undefined && l.mdHeading > 1 ? 'chapter' : 'text';
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
    if (l.damaged) {
      const written = l.raw.slice(0, l.raw.indexOf('条') + 1);
      this.warnings.push(warning(l.line, 'warning', 'parse.damaged_label', { label: written, number: intToCn(l.number!) }));
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
    if (this.subpart) article.subpart = this.subpart.number;
    this.open = { article, entries: [] };
    this.version.articles.push(article);
    if (text) this.open.entries.push({ line: l.line, kind: 'text', text, afterBlank: false, width: l.raw.length });
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
        width: l.raw.length,
      });
      return;
    }
    const target = this.chapter;
    if (target) {
      target.intro.push(l.raw);
      // Warned only if the text has articles (see finish): without any, parse.no_articles says it all.
      if (this.mode === 'regulation') this.introWarnings.push(warning(l.line, 'warning', 'parse.chapter_intro', { label: target.label || target.title }));
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
    if (this.version.articles.length > 0) this.warnings.push(...this.introWarnings);
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
      // In the style of the chapter that follows: 第二章, or 二、 for a 司法解释's numbered sections.
      const n = first.number - 1;
      const label = first.label.endsWith('、') ? `${intToCn(n)}、` : `第${intToCn(n)}章`;
      const implicit: Chapter = { id: `chp_${n}`, number: n, label, title: '', intro: [], implicit: true, line: orphans[0]!.line };
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
    // Chapter numbers run on within a 编 (across its 分编) and restart in each 编; unnumbered headings
    // ("附则" without 第X章) have no number to check.
    let prevChapter: Chapter | null = null;
    for (const c of chapters) {
      if (c.label === '') continue;
      const restart = prevChapter !== null && (prevChapter.part ?? null) !== (c.part ?? null) && c.number === 1;
      if (prevChapter && c.number !== prevChapter.number + 1 && !restart) {
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
 * later heading of the same kind, number and title is a table-of-contents entry, not a chapter. The title
 * counts because chapter numbers restart in each 编: 刑法's 第一编 第一章 is not an entry for 第二编 第一章.
 */
export function markTableOfContents(lines: ClassifiedLine[], warnings: Warning[]): ClassifiedLine[] {
  const firstArticle = lines.findIndex((l) => l.kind === 'article' && !l.tight);
  if (firstArticle < 0) return lines;
  const later = new Set<string>();
  const out = lines.slice();
  let marked = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    const mdOutline = l.kind === 'outline' && l.mdHeading !== undefined && l.mdHeading > 1;
    if (l.kind !== 'chapter' && l.kind !== 'section' && l.kind !== 'part' && l.kind !== 'subpart' && !mdOutline) continue;
    const key = `${l.kind}:${l.number}:${l.heading ?? ''}`;
    if (i < firstArticle && later.has(key)) {
      // An entry of the 目录 is preamble text, whatever its heading marker.
      out[i] = { ...l, kind: 'text', text: l.raw, heading: undefined, mdHeading: undefined };
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

/**
 * The first line of an annex: 附件 / 附表 / 附录 with an optional number ("附件一", "附表2", "附件：…"), or
 * 附 with a colon ("附：…"). "附件三所列全国性法律" (a phrase that starts with the word) is not one.
 */
const ANNEX_START = new RegExp(`^(?:(?:附件|附表|附录)[${CN_NUMERAL_CHARS}0-9０-９]*(?=$|[\\s\\u3000：:，,、.．（(])|附[：:]|附$)`, 'u');

function isAnnexStart(l: ClassifiedLine): boolean {
  return l.kind === 'text' && ANNEX_START.test(l.raw);
}

/**
 * Where the annexes begin: the first annex heading after the last article line (an article only counts
 * where the builder would accept it: not a citation "第五条规定的…" out of sequence). -1 when none.
 */
export function findAnnexStart(lines: ClassifiedLine[]): number {
  let last = -1;
  let number = 0;
  lines.forEach((l, i) => {
    if (l.kind !== 'article') return;
    if (l.tight && l.number !== number + 1) return;
    number = l.number!;
    last = i;
  });
  if (last < 0) return -1;
  for (let i = last + 1; i < lines.length; i++) if (isAnnexStart(lines[i]!)) return i;
  return -1;
}

const HEADING_KINDS = new Set<ClassifiedLine['kind']>(['part', 'subpart', 'chapter', 'section']);

/** A structural heading: 编/分编/章/节, or any Markdown heading below the title. */
function isHeadingLine(l: ClassifiedLine): boolean {
  return HEADING_KINDS.has(l.kind) || (l.mdHeading !== undefined && l.mdHeading > 1);
}

/** Starts something the builder treats as structure (a heading or an article). */
function opensStructure(l: ClassifiedLine | undefined): boolean {
  return !!l && (isHeadingLine(l) || (l.kind === 'article' && !l.tight));
}

/**
 * Headings as the source sets them, before the tree is built:
 * - a heading broken over two lines is one heading: the second line is short, has no sentence end, and
 *   the title stops on a word that cannot end it ("…人民法院和"), or the line starts with one ("及其…"), or
 *   — for a Markdown heading — an article or a heading follows it at once (监督法 第二章/第三章, 刑事诉讼法
 *   第五编 第四章);
 * - in a 司法解释 whose sections are chapters, a short "（一）动产质押" with no punctuation right before an
 *   article is a section heading, not a 项 of the previous article (担保法解释 四、（一）（二）).
 */
export function refineHeadings(lines: ClassifiedLine[], warnings: Warning[]): ClassifiedLine[] {
  const out: ClassifiedLine[] = [];
  const nextNonBlank = (i: number): number => {
    let j = i + 1;
    while (j < lines.length && lines[j]!.kind === 'blank') j++;
    return j;
  };
  let sectionsAfterChapter = 0;
  let sinceChapter = -1;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (l.kind === 'blank') {
      out.push(l);
      continue;
    }
    if (isHeadingLine(l) && !l.cell) {
      const j = nextNonBlank(i);
      const cont = lines[j];
      const title = l.heading ?? l.raw;
      if (
        cont &&
        cont.kind === 'text' &&
        !cont.cell &&
        cont.mdHeading === undefined &&
        cont.raw.length <= 40 &&
        !/[。；：;:]/u.test(cont.raw) &&
        (/[和及与、，,或的之]$/u.test(title) || /^[和及与或]/u.test(cont.raw) || (l.mdHeading !== undefined && opensStructure(lines[nextNonBlank(j)])))
      ) {
        warnings.push(warning(cont.line, 'info', 'parse.heading_joined', { line: cont.line, prev: l.line }));
        l = l.heading !== undefined ? { ...l, heading: l.heading + cleanTitle(cont.raw) } : { ...l, raw: l.raw + cont.raw, text: l.text + cont.raw };
        out.push(l);
        for (let k = i + 1; k < j; k++) out.push(lines[k]!);
        i = j;
        continue;
      }
    }
    if (l.kind === 'chapter' || (l.kind === 'outline' && l.mdHeading !== undefined && l.mdHeading > 1)) {
      sinceChapter = 0;
      sectionsAfterChapter = 0;
    } else if (
      l.kind === 'item' &&
      sinceChapter >= 0 &&
      l.number === sectionsAfterChapter + 1 &&
      (l.number > 1 || sinceChapter === 0) &&
      l.text.length <= 30 &&
      !/[。；：，、;:,]/u.test(l.text) &&
      lines[nextNonBlank(i)]?.kind === 'article' &&
      !lines[nextNonBlank(i)]!.tight
    ) {
      sectionsAfterChapter++;
      l = { ...l, kind: 'section', heading: l.text, text: '' };
    } else if (l.kind === 'article') {
      sinceChapter++;
    }
    out.push(l);
  }
  return out;
}

export function buildRegulation(lines: ClassifiedLine[], warnings: Warning[], mode: 'regulation' | 'opinion'): Structure {
  const builder = new VersionBuilder(null, warnings, mode);
  const usable = mode === 'regulation' ? refineHeadings(markTableOfContents(lines, warnings), warnings) : lines;
  const annexAt = mode === 'regulation' ? findAnnexStart(usable) : -1;
  usable.forEach((l, i) => {
    if (i === annexAt) builder.startAnnex(l);
    else builder.feed(l);
  });
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
