/**
 * HTML → the text lines the parser reads. Used for .html/.htm files and for Word files (mammoth turns a
 * .docx into HTML first, see docx.ts).
 *
 * - Block elements (p, div, h1…, li, tr…) and <br> end a line; an empty paragraph is an empty line, so a
 *   Word file made line by line from a text keeps its blank lines.
 * - White space collapses as a browser does; a line break between two Chinese characters disappears
 *   (CSS: a segment break between wide characters is removed) instead of becoming a space.
 * - <script>, <style>, <head>, comments and the like are dropped; entities are decoded.
 * - A two-column table is a 修改对照稿 (old text | new text): it is written in the flattened form the
 *   parser reads (see parse/structure.ts): each cell's first line starts with a tab, cells alternate
 *   left/right, one row per aligned pair, an empty cell is a line holding only a tab. Merged cells follow
 *   the editor's pairing: a cell spanning both columns stands in both; rows joined by a cell spanning
 *   several rows are one row. Other tables are read cell by cell, one line per cell paragraph.
 * - Bold, underline, strikethrough and shading (<strong>/<b>, <u>/<ins>, <s>/<del>/<strike>, <mark>, and
 *   the matching inline CSS) are kept as TextMark ranges on the output lines.
 */
import { warning, type TextMark, type Warning } from '../model';

export interface TextWithMarks {
  text: string;
  marks: TextMark[];
  warnings: Warning[];
}

type MarkKind = TextMark['kind'];
const MARK_KINDS: MarkKind[] = ['bold', 'underline', 'strike', 'shade'];

// ---------------------------------------------------------------------------------------------------------
// Tokens

interface StartTag {
  type: 'start';
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
}
interface EndTag {
  type: 'end';
  name: string;
}
interface TextToken {
  type: 'text';
  text: string;
}
type Token = StartTag | EndTag | TextToken;

/** Elements whose content is never text of the document. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'object', 'iframe', 'select', 'button']);
/** Elements whose content the tokenizer must not read as markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'template']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

const ATTR_RE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function* tokenize(html: string): Generator<Token> {
  let i = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      yield { type: 'text', text: html.slice(i) };
      return;
    }
    if (lt > i) yield { type: 'text', text: html.slice(i, lt) };
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html.startsWith('<![CDATA[', i)) {
      const end = html.indexOf(']]>', i);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(i, i + 64));
    if (!m) {
      // A lone "<" in text.
      yield { type: 'text', text: '<' };
      i++;
      continue;
    }
    const end = findTagEnd(html, i + m[0].length);
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      yield { type: 'end', name };
      i = end;
      continue;
    }
    const inner = html.slice(i + m[0].length, end - 1);
    const attrs = new Map<string, string>();
    for (const a of inner.matchAll(ATTR_RE)) attrs.set(a[1]!.toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''));
    const selfClosing = /\/\s*$/.test(inner) || VOID.has(name);
    yield { type: 'start', name, attrs, selfClosing };
    i = end;
    if (RAW_TEXT.has(name) && !selfClosing) {
      const closing = new RegExp(`</${name}`, 'gi');
      closing.lastIndex = i;
      const close = closing.exec(html);
      const stop = close ? close.index : n;
      yield { type: 'text', text: html.slice(i, stop) };
      i = stop;
    }
  }
}

/** Index just past the ">" that closes a tag, skipping quoted attribute values. */
function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j + 1;
  }
  return html.length;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', zwsp: '\u200b', zwnj: '\u200c', zwj: '\u200d', shy: '\u00ad', ndash: '–', mdash: '—',
  hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', sbquo: '‚', bdquo: '„', laquo: '«',
  raquo: '»', middot: '·', bull: '•', times: '×', divide: '÷', deg: '°', plusmn: '±', sect: '§',
  para: '¶', copy: '©', reg: '®', trade: '™', yen: '¥', cent: '¢', pound: '£', euro: '€', permil: '‰',
  prime: '′', Prime: '″', larr: '←', rarr: '→', uarr: '↑', darr: '↓', le: '≤', ge: '≥', ne: '≠',
  minus: '−', micro: 'µ', frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', iexcl: '¡',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? whole;
  });
}

// ---------------------------------------------------------------------------------------------------------
// Lines

/** A run of text lines with their marks; line numbers in `marks` are 1-based indexes into `lines`. */
interface Block {
  lines: string[];
  marks: TextMark[];
}

const WS_RUN = /[ \t\n\r\f]+/g;
/** Wide (East Asian) characters: between two of them a source line break is no space. */
const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

class LineBuilder {
  readonly lines: string[] = [];
  readonly marks: TextMark[] = [];
  private cur = '';
  /** Collapsed white space waiting for the next visible character: none, a space, or a space with a break. */
  private pending: 'none' | 'space' | 'break' = 'none';
  /** The marks in force where that white space stood (a space before <b> is not bold). */
  private pendingMarks: readonly MarkKind[] = [];

  get current(): string {
    return this.cur;
  }

  /**
   * Appends text as a browser shows it (white space collapsed), or as written (`pre`: line breaks and
   * spaces kept; Word keeps every space it is given), marked with the kinds active.
   */
  addText(raw: string, active: readonly MarkKind[], pre: boolean): void {
    if (pre) {
      const parts = raw.replace(/\r\n?/g, '\n').split('\n');
      parts.forEach((part, k) => {
        if (k > 0) this.flush(true);
        this.append(part, active);
      });
      return;
    }
    let last = 0;
    for (const m of raw.matchAll(WS_RUN)) {
      if (m.index > last) this.appendWord(raw.slice(last, m.index), active);
      if (this.pending === 'none') this.pendingMarks = active;
      if (this.pending !== 'break') this.pending = m[0].includes('\n') ? 'break' : 'space';
      last = m.index + m[0].length;
    }
    if (last < raw.length) this.appendWord(raw.slice(last), active);
  }

  private appendWord(word: string, active: readonly MarkKind[]): void {
    if (this.cur !== '' && this.pending !== 'none') {
      const before = this.cur[this.cur.length - 1]!;
      const after = word[0]!;
      if (!(this.pending === 'break' && WIDE.test(before) && WIDE.test(after))) this.append(' ', this.pendingMarks);
    }
    this.pending = 'none';
    this.append(word, active);
  }

  private append(s: string, active: readonly MarkKind[]): void {
    if (s === '') return;
    const start = this.cur.length;
    this.cur += s;
    const line = this.lines.length + 1;
    for (const kind of active) {
      const prev = this.lastMark(kind, line);
      if (prev && prev.end === start) prev.end = this.cur.length;
      else this.marks.push({ line, start, end: this.cur.length, kind });
    }
  }

  /** The latest mark of `kind` on `line` (a line holds few marks: the scan is short). */
  private lastMark(kind: MarkKind, line: number): TextMark | undefined {
    for (let k = this.marks.length - 1; k >= 0; k--) {
      const m = this.marks[k]!;
      if (m.line !== line) return undefined;
      if (m.kind === kind) return m;
    }
    return undefined;
  }

  /** Ends the current line; `force` also ends an empty one (a <br>, an empty paragraph). */
  flush(force = false): void {
    this.pending = 'none';
    if (this.cur === '' && !force) return;
    // Trailing spaces carry nothing. A leading tab (Word's indent by tab) would read as a table cell of a
    // 对照稿: only flattenComparison writes those.
    const lead = /^\t+/.exec(this.cur)?.[0].length ?? 0;
    const trimmed = this.cur.slice(lead).replace(/[ \u00a0\t]+$/u, '');
    const line = this.lines.length + 1;
    for (const m of this.marks) {
      if (m.line !== line) continue;
      m.start = Math.max(0, m.start - lead);
      m.end = Math.min(trimmed.length, Math.max(0, m.end - lead));
    }
    this.lines.push(trimmed);
    this.cur = '';
    removeEmptyMarks(this.marks, line);
  }

  finish(): Block {
    this.flush();
    return { lines: this.lines, marks: this.marks };
  }

  /** Adds a finished block's lines (e.g. a flattened table) after the current line. */
  appendBlock(block: Block): void {
    this.flush();
    const offset = this.lines.length;
    this.lines.push(...block.lines);
    for (const m of block.marks) this.marks.push({ ...m, line: m.line + offset });
  }
}

function removeEmptyMarks(marks: TextMark[], line: number): void {
  for (let k = marks.length - 1; k >= 0 && marks[k]!.line === line; k--) {
    if (marks[k]!.end <= marks[k]!.start) marks.splice(k, 1);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Tables

interface Cell {
  block: Block;
  colspan: number;
  rowspan: number;
}

interface Table {
  rows: Cell[][];
  /** Depth of tables around this one: nested tables are never read as a 对照稿. */
  nested: boolean;
}

function spanOf(attrs: Map<string, string>, name: string): number {
  const n = Number.parseInt(attrs.get(name) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 1000) : 1;
}

/** Cell text without blank lines and without leading tabs (a tab would open a new cell). */
function cellLines(block: Block): Block {
  const lines: string[] = [];
  const marks: TextMark[] = [];
  block.lines.forEach((l, k) => {
    const stripped = l.replace(/^[\t ]+/, '');
    if (stripped.trim() === '') return;
    const shift = l.length - stripped.length;
    lines.push(stripped);
    for (const m of block.marks) {
      if (m.line !== k + 1) continue;
      const start = Math.max(0, m.start - shift);
      const end = Math.max(0, m.end - shift);
      if (end > start) marks.push({ ...m, line: lines.length, start, end });
    }
  });
  return { lines, marks };
}

function concatBlocks(blocks: Block[]): Block {
  const out: Block = { lines: [], marks: [] };
  for (const b of blocks) {
    const offset = out.lines.length;
    out.lines.push(...b.lines);
    for (const m of b.marks) out.marks.push({ ...m, line: m.line + offset });
  }
  return out;
}

/** Places cells on a grid (colspan/rowspan) and answers the grid's width and, per slot, its cell. */
function layout(rows: Cell[][]): { width: number; grid: Array<Array<Cell | undefined>>; origin: Map<Cell, number> } {
  const grid: Array<Array<Cell | undefined>> = rows.map(() => []);
  const origin = new Map<Cell, number>();
  let width = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (grid[r]![col]) col++;
      origin.set(cell, r);
      for (let dr = 0; dr < cell.rowspan && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) grid[r + dr]![col + dc] = cell;
      }
      col += cell.colspan;
    }
    width = Math.max(width, grid[r]!.length);
  });
  return { width, grid, origin };
}

function flattenTable(table: Table, line: () => number, warnings: Warning[]): Block {
  const { width, grid } = layout(table.rows);
  if (width === 2 && !table.nested) return flattenComparison(grid);
  if (width > 2 && !table.nested) {
    warnings.push(warning(line(), 'warning', 'ingest.wide_table', { width }));
  }
  const seen = new Set<Cell>();
  const blocks: Block[] = [];
  for (const row of grid) {
    for (const cell of row) {
      if (!cell || seen.has(cell)) continue;
      seen.add(cell);
      blocks.push(cellLines(cell.block));
    }
  }
  return concatBlocks(blocks);
}

/**
 * Two columns → the flattened 对照稿 form. Rows held together by a cell spanning several rows form one
 * row (the editor paired that cell with all of them); a cell spanning both columns stands on both sides.
 */
function flattenComparison(grid: Array<Array<Cell | undefined>>): Block {
  const groups: Array<[number, number]> = [];
  let r = 0;
  while (r < grid.length) {
    let end = r;
    for (let k = r; k <= end; k++) {
      for (const cell of grid[k]!) {
        if (!cell) continue;
        // The last row this cell covers.
        let last = k;
        while (last + 1 < grid.length && grid[last + 1]!.includes(cell)) last++;
        end = Math.max(end, last);
      }
    }
    groups.push([r, end]);
    r = end + 1;
  }
  const out: Block = { lines: [], marks: [] };
  for (const [from, to] of groups) {
    for (const side of [0, 1]) {
      const cells: Cell[] = [];
      for (let k = from; k <= to; k++) {
        const cell = grid[k]![side];
        if (cell && !cells.includes(cell)) cells.push(cell);
      }
      const content = concatBlocks(cells.map((c) => cellLines(c.block)));
      const offset = out.lines.length;
      if (content.lines.length === 0) {
        out.lines.push('\t');
        continue;
      }
      content.lines.forEach((l, k) => out.lines.push(k === 0 ? '\t' + l : l));
      for (const m of content.marks) {
        const shift = m.line === 1 ? 1 : 0;
        out.marks.push({ ...m, line: m.line + offset, start: m.start + shift, end: m.end + shift });
      }
    }
    out.lines.push('');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The walk

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'ul',
  'caption', 'xmp', 'plaintext',
]);
/** Blocks that are one paragraph of text: an empty one still stands for a line. */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dt', 'dd', 'pre']);

const TAG_MARKS: Record<string, MarkKind> = {
  b: 'bold', strong: 'bold', u: 'underline', ins: 'underline', s: 'strike', strike: 'strike', del: 'strike', mark: 'shade',
};

/** Marks an inline `style` attribute asks for (Word's "Save as HTML" writes formatting this way). */
function styleMarks(style: string | undefined): MarkKind[] {
  if (!style) return [];
  const out: MarkKind[] = [];
  const s = style.toLowerCase();
  if (/font-weight\s*:\s*(bold|bolder|[6-9]00)/.test(s)) out.push('bold');
  if (/text-decoration[a-z-]*\s*:[^;]*underline/.test(s)) out.push('underline');
  if (/text-decoration[a-z-]*\s*:[^;]*line-through/.test(s)) out.push('strike');
  if (/background(-color)?\s*:\s*(?!\s*(transparent|none|white|#fff\b|#ffffff|inherit|initial))[^;]+/.test(s)) out.push('shade');
  return out;
}

interface Open {
  name: string;
  marks: MarkKind[];
  /** For paragraphs: how many lines the builder had when it opened (none added = an empty paragraph). */
  linesAt: number;
  dropped: boolean;
  pre: boolean;
}

interface OpenTable {
  table: Table;
  row: Cell[] | null;
  cell: { attrs: Map<string, string>; stackAt: number } | null;
  stackAt: number;
}

export interface HtmlOptions {
  /** Keep spaces as written instead of collapsing them (for HTML made from a Word file). */
  preserveSpaces?: boolean;
}

export function htmlToText(html: string, options: HtmlOptions = {}): TextWithMarks {
  const warnings: Warning[] = [];
  // A stack of builders: the document, then one per table cell being read.
  const builders: LineBuilder[] = [new LineBuilder()];
  const tables: OpenTable[] = [];
  const stack: Open[] = [];
  const counts: Record<MarkKind, number> = { bold: 0, underline: 0, strike: 0, shade: 0 };
  let dropDepth = 0;
  let preDepth = 0;
  const builder = (): LineBuilder => builders[builders.length - 1]!;
  const active = (): MarkKind[] => MARK_KINDS.filter((k) => counts[k] > 0);
  const outputLine = (): number => builders[0]!.lines.length + 1;

  const popTo = (index: number): void => {
    while (stack.length > index) {
      const o = stack.pop()!;
      for (const k of o.marks) counts[k]--;
      if (o.dropped) dropDepth--;
      if (o.pre) preDepth--;
      if (BLOCK.has(o.name)) {
        const b = builder();
        const empty = b.lines.length === o.linesAt && b.current === '';
        b.flush(PARAGRAPH.has(o.name) && empty);
      }
    }
  };

  // Elements left open inside a cell or a table end with it (HTML's own rule).
  const closeCell = (t: OpenTable): void => {
    if (!t.cell) return;
    popTo(t.cell.stackAt);
    const b = builders.pop()!;
    t.row ??= [];
    t.row.push({ block: b.finish(), colspan: spanOf(t.cell.attrs, 'colspan'), rowspan: spanOf(t.cell.attrs, 'rowspan') });
    t.cell = null;
  };
  const closeRow = (t: OpenTable): void => {
    closeCell(t);
    if (!t.row) return;
    t.table.rows.push(t.row);
    t.row = null;
  };
  const closeTable = (): void => {
    const t = tables[tables.length - 1];
    if (!t) return;
    closeRow(t);
    popTo(t.stackAt);
    tables.pop();
    builder().appendBlock(flattenTable(t.table, outputLine, warnings));
  };

  const open = (tag: StartTag): void => {
    const name = tag.name;
    if (name === 'br') {
      builder().flush(true);
      return;
    }
    if (name === 'table') {
      builder().flush();
      tables.push({ table: { rows: [], nested: tables.length > 0 }, row: null, cell: null, stackAt: stack.length });
      return;
    }
    const t = tables[tables.length - 1];
    if (t && name === 'tr') {
      closeRow(t);
      t.row = [];
      return;
    }
    if (t && (name === 'td' || name === 'th')) {
      closeCell(t);
      t.row ??= [];
      t.cell = { attrs: tag.attrs, stackAt: stack.length };
      builders.push(new LineBuilder());
      return;
    }
    if (tag.selfClosing) {
      if (BLOCK.has(name)) builder().flush();
      return;
    }
    const marks = [...(TAG_MARKS[name] ? [TAG_MARKS[name]] : []), ...styleMarks(tag.attrs.get('style'))];
    const isDropped = DROPPED.has(name) || /display\s*:\s*none/i.test(tag.attrs.get('style') ?? '');
    const isPre = name === 'pre' || name === 'xmp' || name === 'listing' || name === 'plaintext' || name === 'textarea';
    if (BLOCK.has(name)) builder().flush();
    stack.push({ name, marks, linesAt: builder().lines.length, dropped: isDropped, pre: isPre });
    for (const k of marks) counts[k]++;
    if (isDropped) dropDepth++;
    if (isPre) preDepth++;
  };

  const close = (name: string): void => {
    const t = tables[tables.length - 1];
    if (name === 'table') return closeTable();
    if (t && name === 'tr') return closeRow(t);
    if (t && (name === 'td' || name === 'th')) return closeCell(t);
    // An end tag closes the innermost open element of its name, but never one outside the current cell.
    const floor = t ? (t.cell?.stackAt ?? t.stackAt) : 0;
    for (let k = stack.length - 1; k >= floor; k--) {
      if (stack[k]!.name === name) {
        popTo(k);
        return;
      }
    }
  };

  for (const token of tokenize(html)) {
    if (token.type === 'start') {
      // <body> ends an unclosed <head>.
      if (token.name === 'body') {
        const head = stack.findIndex((o) => o.name === 'head');
        if (head >= 0) popTo(head);
      }
      if (dropDepth > 0 && !DROPPED.has(token.name)) continue;
      open(token);
    } else if (token.type === 'end') {
      if (dropDepth > 0 && !DROPPED.has(token.name)) continue;
      close(token.name);
    } else if (dropDepth === 0) {
      builder().addText(decodeEntities(token.text), active(), preDepth > 0 || options.preserveSpaces === true);
    }
  }
  // Unclosed tables and cells at the end of a truncated file.
  while (tables.length) closeTable();
  popTo(0);
  const { lines, marks } = builders[0]!.finish();
  // Leading and trailing blank lines are layout, not text.
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  let last = lines.length;
  while (last > first && lines[last - 1]!.trim() === '') last--;
  const kept = lines.slice(first, last);
  const shifted = marks.filter((m) => m.line > first && m.line <= last).map((m) => ({ ...m, line: m.line - first }));
  return { text: kept.join('\n'), marks: shifted, warnings: warnings.map((w) => ({ ...w, line: Math.max(1, w.line - first) })) };
}

/** The charset an HTML file declares in its first bytes (<meta charset> or http-equiv), if any. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}
