/**
 * The comparison report as data: what a 修改对照稿 shows, row by row, before it is laid out as HTML or
 * Word. Both renderers read this model, so the PDF and the .docx always carry the same rows and marks.
 *
 * The marks follow the convention printed at the head of a real 修改对照稿 ("阴影部分为删去或者移动，
 * 黑体部分为增加"): in the left column, text deleted or moved away is shaded; in the right column, text
 * added is set in bold 黑体. Each column shows its own article as written (its own 款 and 项 order),
 * even where the comparison lined 项 up in another order.
 */
import { RELATION_LABELS } from '../compare/labels';
import { findArticle, intToCn, type Article, type Version } from '../model';
import type { DiffSpan, Pair, Relation, UnitAlignment } from '../compare/types';
import { AnchorIndex, articleBody, paragraphOffsets, resolveAnchor, type AnchorStatus, type Annotation } from '../annotate';

export type Mark = 'none' | 'deleted' | 'moved' | 'added';

/** A run of text with one mark. `notes`: numbers of the user notes whose quote covers the run. */
export interface Run {
  text: string;
  mark: Mark;
  notes?: number[];
  /** Note numbers whose quote ends with this run (where the superscript goes). */
  noteEnds?: number[];
}

/** A 款's lead-in or one of its 项, as one line of runs. */
export interface ReportUnit {
  kind: 'lead' | 'item';
  runs: Run[];
}

export interface ReportParagraph {
  /** 1-based 款 index in its article. */
  index: number;
  units: ReportUnit[];
}

export interface ReportArticle {
  number: number;
  sub?: number;
  label: string;
  heading: Run[] | null;
  /** Only some of the article's 款 belong to this row (a split or merged article): they are labelled. */
  partial: boolean;
  paragraphs: ReportParagraph[];
  /** The 对照稿's editorial notes on this article, when this row is the one that carries them. */
  editorialNotes: string[];
}

export interface ReportNote {
  /** Display number, in reading order over the whole report (user notes only; editorial notes have none). */
  n?: number;
  kind: 'annotation' | 'editorial';
  side: 'left' | 'right';
  /** Where it is: "修订草案第十三条第二款". */
  where: string;
  text: string;
  quote?: string;
  tags: string[];
  /** How the note found its place (annotations only): see annotate/types.ts. */
  status?: AnchorStatus;
  id?: string;
}

export interface ReportRow {
  index: number;
  relation: Relation;
  relationLabel: string;
  renumbered: boolean;
  left: ReportArticle[];
  right: ReportArticle[];
  notes: ReportNote[];
}

export interface ReportSide {
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** The version's own name ("修订草案"), else the document's short title. */
  label: string;
  versionLabel: string | null;
  dates: Array<{ label: string; value: string }>;
  articles: number;
}

export interface ReportOptions {
  /** Leave out rows whose articles are unchanged (rows carrying a user note stay). */
  changesOnly?: boolean;
  /** Include the 说明 column with the user's notes and the editorial notes (default true). */
  notes?: boolean;
}

export interface Report {
  title: string;
  left: ReportSide;
  right: ReportSide;
  /** ISO 8601, and as shown ("2024年5月1日 08:00"). */
  generated: string;
  generatedLabel: string;
  options: Required<ReportOptions>;
  legend: string;
  rows: ReportRow[];
  /** Rows left out by `changesOnly`. */
  omitted: number;
  summary: Array<{ relation: Relation; label: string; count: number }>;
  /** User notes that could not be placed on any row (their article is gone), shown after the table. */
  unplaced: ReportNote[];
  counts: { annotations: number; editorial: number };
}

export { RELATION_LABELS };

export const LEGEND = '阴影部分为删去或者移动，黑体部分为增加';

export interface ReportSideInput {
  /** The REF as given (hunan-2020-review@1). */
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** Short title used when the version has no label of its own. */
  shortTitle?: string;
  /** The document's stage (施行, 征求意见稿…): names a column when both sides are one text's versions. */
  stage?: string;
  dates?: Partial<Record<'adopted' | 'published' | 'effective' | 'drafted', string>>;
  text: Version;
}

export interface ReportInput {
  left: ReportSideInput;
  right: ReportSideInput;
  /** `compareVersions(left.text, right.text)`. */
  pairs: Pair[];
  annotations?: Annotation[];
  options?: ReportOptions;
  /** When the report is generated (the caller's clock; keeps this function pure). */
  generated: Date;
  title?: string;
}

const DATE_LABELS: Array<[keyof NonNullable<ReportSideInput['dates']>, string]> = [
  ['adopted', '通过'],
  ['published', '公布'],
  ['effective', '施行'],
  ['drafted', '制作'],
];

/** 2020-09-16 → 2020年9月16日 (dates as 对照稿 print them). */
export function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

function generatedLabel(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function sideInfo(s: ReportSideInput, sameText = false): ReportSide {
  // A column is named by its version (修订草案); else, beside another version of the same text, by its
  // stage (施行文本); else by the document's short title.
  const stage = s.stage ? (/(稿|草案|文本)$/.test(s.stage) ? s.stage : `${s.stage}文本`) : undefined;
  return {
    ref: s.ref,
    doc: s.doc,
    version: s.version,
    title: s.title,
    label: s.text.label ?? (sameText ? stage : undefined) ?? s.shortTitle ?? s.title,
    versionLabel: s.text.label,
    dates: DATE_LABELS.filter(([k]) => s.dates?.[k]).map(([k, label]) => ({ label, value: chineseDate(s.dates![k]!) })),
    articles: s.text.articles.length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Marks per character, then runs.

const MARK_CODE: Record<Mark, number> = { none: 0, deleted: 1, moved: 2, added: 3 };
const CODE_MARK: Mark[] = ['none', 'deleted', 'moved', 'added'];

/** One unit's text with a mark code per character and the user notes covering each character. */
interface MarkedText {
  text: string;
  marks: Uint8Array;
  notes: number[][];
}

function plain(text: string, mark: Mark = 'none'): MarkedText {
  return { text, marks: new Uint8Array(text.length).fill(MARK_CODE[mark]), notes: Array.from({ length: text.length }, () => []) };
}

function toRuns(m: MarkedText): Run[] {
  const runs: Run[] = [];
  for (let i = 0; i < m.text.length; ) {
    const mark = m.marks[i]!;
    const notes = m.notes[i]!;
    let j = i + 1;
    while (j < m.text.length && m.marks[j] === mark && sameNotes(m.notes[j]!, notes)) j++;
    const run: Run = { text: m.text.slice(i, j), mark: CODE_MARK[mark]! };
    if (notes.length) run.notes = notes.slice();
    // A note's superscript goes after the last character its quote covers.
    const ends = notes.filter((n) => j === m.text.length || !m.notes[j]!.includes(n));
    if (ends.length) run.noteEnds = ends;
    runs.push(run);
    i = j;
  }
  return runs;
}

function sameNotes(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * One side of a diff, cut at its newlines into lines (the diff joins 款, and 项 inside a 款, with "\n"),
 * each with the mark of every character: deleted text on the left, inserted text on the right.
 */
function sideLines(spans: DiffSpan[], side: 'left' | 'right'): MarkedText[] {
  const keep = side === 'left' ? 'delete' : 'insert';
  const changed: Mark = side === 'left' ? 'deleted' : 'added';
  let text = '';
  const codes: number[] = [];
  for (const s of spans) {
    if (s.op !== 'equal' && s.op !== keep) continue;
    text += s.text;
    // Text that moved away (to another article) is "moved", shaded like a deletion.
    const mark: Mark = s.op === 'equal' ? 'none' : side === 'left' && s.movedTo ? 'moved' : changed;
    for (let i = 0; i < s.text.length; i++) codes.push(MARK_CODE[mark]);
  }
  const out: MarkedText[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      out.push({ text: text.slice(start, i), marks: Uint8Array.from(codes.slice(start, i)), notes: Array.from({ length: i - start }, () => []) });
      start = i + 1;
    }
  }
  return out;
}

/** The units of a 款 as the article writes them: lead-in (when not empty), then each 项 (with its 目). */
function paragraphUnits(p: Article['paragraphs'][number]): Array<{ kind: 'lead' | 'item'; text: string; label: number }> {
  const units: Array<{ kind: 'lead' | 'item'; text: string; label: number }> = [];
  if (p.text !== '') units.push({ kind: 'lead', text: p.text, label: 0 });
  for (const item of p.items) units.push({ kind: 'item', text: item.label + item.text + (item.items ?? []).map((s) => s.label + s.text).join(''), label: item.label.length });
  return units;
}

/**
 * A 项 whose number changed because the 项 were reordered ("对列项的顺序作了调整") keeps its label
 * unmarked, as an article's renumbered label does; only a 项 added or deleted whole is marked with it.
 */
function unmarkRenumberedLabel(m: MarkedText, label: number): MarkedText {
  if (label === 0 || m.marks.length <= label) return m;
  const rest = m.marks.subarray(label);
  if (rest.every((c) => c !== 0)) return m;
  const marks = m.marks.slice();
  marks.fill(0, 0, label);
  return { ...m, marks };
}

// ---------------------------------------------------------------------------------------------------
// Rows.

interface ShownParagraph {
  index: number;
  units: Array<{ kind: 'lead' | 'item'; marked: MarkedText }>;
}

interface ShownArticle {
  article: Article;
  heading: MarkedText | null;
  paragraphs: ShownParagraph[];
  partial: boolean;
}

/** The articles of one side of a pair, the 款 of each that belong to the pair, and their marks. */
function showSide(pair: Pair, side: 'left' | 'right', version: Version): ShownArticle[] {
  const infos = side === 'left' ? pair.leftArticles : pair.rightArticles;
  const articles = infos.map((i) => findArticle(version, i.number, i.sub)).filter((a): a is Article => a !== null);
  const whole: Mark = pair.relation === (side === 'left' ? 'deleted' : 'added') ? (side === 'left' ? 'deleted' : 'added') : 'none';
  // 款 → the unit alignments that show it.
  const byParagraph = new Map<string, UnitAlignment[]>();
  const key = (art: number, para: number) => `${art}:${para}`;
  for (const u of pair.paragraphs) {
    const para = side === 'left' ? u.left : u.right;
    if (para === null) continue;
    const art = (side === 'left' ? u.leftArticle : u.rightArticle) ?? articles[0]?.number;
    if (art === undefined) continue;
    const k = key(art, para);
    byParagraph.set(k, [...(byParagraph.get(k) ?? []), u]);
  }
  const anyListed = articles.some((a) => a.paragraphs.some((_, i) => byParagraph.has(key(a.number, i + 1))));

  return articles.map((a) => {
    const shown: ShownParagraph[] = [];
    a.paragraphs.forEach((p, i) => {
      const units = byParagraph.get(key(a.number, i + 1));
      if (anyListed && !units) return; // this 款 belongs to another row
      const mine = paragraphUnits(p);
      if (!units) {
        shown.push({ index: i + 1, units: mine.map((u) => ({ kind: u.kind, marked: plain(u.text, whole) })) });
        return;
      }
      // The diff lists this 款's units in the comparison's reading order: take each unit's marks by its text.
      const pool = units.flatMap((u) => sideLines(u.diff, side));
      const movedAway = side === 'left' && units.some((u) => u.movedTo) && pair.relation !== 'modified' && pair.relation !== 'unchanged';
      shown.push({
        index: i + 1,
        units: mine.map((u) => {
          const at = pool.findIndex((l) => l.text === u.text);
          let marked: MarkedText;
          if (at >= 0) {
            marked = unmarkRenumberedLabel(pool[at]!, u.label);
            pool.splice(at, 1);
          } else {
            marked = plain(u.text, whole);
          }
          // A 款 that went whole to another article (a split or merged row) is shaded as moved.
          if (movedAway) marked = { ...marked, marks: new Uint8Array(marked.text.length).fill(MARK_CODE.moved) };
          return { kind: u.kind, marked };
        }),
      });
    });
    let heading: MarkedText | null = a.heading ? plain(a.heading, whole) : null;
    if (heading && pair.headingChanged) {
      const other = (side === 'left' ? pair.rightArticles : pair.leftArticles).map((x) => x.heading);
      if (!other.includes(a.heading)) heading = plain(a.heading!, side === 'left' ? 'deleted' : 'added');
    }
    return { article: a, heading, paragraphs: shown, partial: anyListed && shown.length < a.paragraphs.length };
  });
}

/** Covers the quote of note `n` (offsets in the article body) with the note's number. */
function markQuote(shown: ShownArticle, range: { start: number; end: number }, n: number): boolean {
  // articleBody = 款 joined by "\n", each 款 = its units joined by "\n": walk the same layout.
  let at = 0;
  let hit = false;
  shown.article.paragraphs.forEach((p, i) => {
    const units = paragraphUnits(p);
    const sp = shown.paragraphs.find((x) => x.index === i + 1);
    units.forEach((u, k) => {
      const start = at;
      const end = at + u.text.length;
      const from = Math.max(range.start, start);
      const to = Math.min(range.end, end);
      if (sp && from < to) {
        const m = sp.units[k]!.marked;
        for (let c = from - start; c < to - start; c++) if (!m.notes[c]!.includes(n)) m.notes[c]!.push(n);
        hit = true;
      }
      at = end + 1;
    });
  });
  return hit;
}

function reportArticle(s: ShownArticle, editorialNotes: string[]): ReportArticle {
  const a = s.article;
  return {
    number: a.number,
    ...(a.sub ? { sub: a.sub } : {}),
    label: a.label,
    heading: s.heading ? toRuns(s.heading) : null,
    partial: s.partial,
    paragraphs: s.paragraphs.map((p) => ({ index: p.index, units: p.units.map((u) => ({ kind: u.kind, runs: toRuns(u.marked) })) })),
    editorialNotes,
  };
}

function paragraphLabel(n: number): string {
  return `第${intToCn(n)}款`;
}

export function buildReport(input: ReportInput): Report {
  const options: Required<ReportOptions> = { changesOnly: input.options?.changesOnly ?? false, notes: input.options?.notes ?? true };
  const base = (s: ReportSideInput) => stripComparisonSuffix(s.title);
  const sameText = input.left.doc === input.right.doc || base(input.left) === base(input.right);
  const left = sideInfo(input.left, sameText);
  const right = sideInfo(input.right, sameText);

  const drafts = input.pairs.map((pair) => ({
    pair,
    left: showSide(pair, 'left', input.left.text),
    right: showSide(pair, 'right', input.right.text),
    notes: [] as ReportNote[],
  }));

  // Which row carries an article's editorial notes and whole-article user notes: the one showing all of it.
  const home = (side: 'left' | 'right', number: number, sub: number | undefined, paragraph?: number) => {
    const holding = drafts.filter((d) => d[side].some((s) => s.article.number === number && (s.article.sub ?? 0) === (sub ?? 0) && (paragraph === undefined || s.paragraphs.some((p) => p.index === paragraph))));
    return holding.find((d) => d[side].some((s) => s.article.number === number && !s.partial)) ?? holding[0];
  };
  const editorialHome = new Map<string, (typeof drafts)[number]>();
  for (const side of ['left', 'right'] as const) {
    for (const d of drafts) {
      for (const s of d[side]) {
        const k = `${side}:${s.article.id}`;
        if (!editorialHome.has(k)) editorialHome.set(k, home(side, s.article.number, s.article.sub)!);
      }
    }
  }

  // User notes: on either side's document and version, placed by re-anchoring (numbering may have moved).
  // `at`: where the note stands in its article's body (quote start, else its 款's start; -1 = the whole article).
  const placed: Array<{ d: (typeof drafts)[number]; note: ReportNote; side: 'left' | 'right'; article: number; sub?: number; at: number; range?: { start: number; end: number } }> = [];
  const unplaced: ReportNote[] = [];
  if (options.notes) {
    const indexes = { left: new AnchorIndex(input.left.text), right: new AnchorIndex(input.right.text) };
    for (const a of input.annotations ?? []) {
      for (const side of ['left', 'right'] as const) {
        const s = input[side];
        if (a.target.doc !== s.doc || a.target.version !== s.version) continue;
        const anchor = resolveAnchor(a.target, indexes[side]);
        const sideLabel = (side === 'left' ? left : right).label;
        const note: ReportNote = { kind: 'annotation', side, where: '', text: a.body, tags: a.tags, status: anchor.status, id: a.id, ...(a.target.quote ? { quote: a.target.quote } : {}) };
        if (!anchor.article) {
          note.where = `${sideLabel}${a.target.label ?? `第${a.target.article}条`}（原位置已不存在）`;
          unplaced.push(note);
          continue;
        }
        note.where = `${sideLabel}${anchor.article.label}${anchor.paragraph ? paragraphLabel(anchor.paragraph) : ''}`;
        const d = home(side, anchor.article.number, anchor.article.sub, anchor.paragraph) ?? home(side, anchor.article.number, anchor.article.sub);
        if (!d) {
          unplaced.push(note);
          continue;
        }
        const source = s.text.articles.find((x) => x.id === anchor.article!.id);
        const at = anchor.range ? anchor.range.start : anchor.paragraph && source ? (paragraphOffsets(source)[anchor.paragraph - 1] ?? -1) : -1;
        placed.push({ d, note, side, article: anchor.article.number, at, ...(anchor.article.sub ? { sub: anchor.article.sub } : {}), ...(anchor.range ? { range: anchor.range } : {}) });
      }
    }
  }

  // changes only: unchanged rows go, unless a user note sits on them.
  const noted = new Set(placed.map((p) => p.d));
  const kept = drafts.filter((d) => !options.changesOnly || d.pair.relation !== 'unchanged' || noted.has(d));

  // Number the user notes in reading order: row, then left before right, then position in the text.
  const order = new Map(kept.map((d, i) => [d, i]));
  placed.sort((x, y) => (order.get(x.d) ?? 1e9) - (order.get(y.d) ?? 1e9) || Number(x.side === 'right') - Number(y.side === 'right') || x.article - y.article || x.at - y.at);
  let n = 0;
  for (const p of placed) {
    if (!order.has(p.d)) continue;
    p.note.n = ++n;
    if (p.range) {
      const shown = p.d[p.side].find((s) => s.article.number === p.article && (s.article.sub ?? 0) === (p.sub ?? 0));
      if (shown) markQuote(shown, p.range, p.note.n);
    }
  }
  for (const note of unplaced) note.n = ++n;

  let editorialCount = 0;
  const rows: ReportRow[] = kept.map((d, index) => {
    const notes: ReportNote[] = [];
    const build = (side: 'left' | 'right') =>
      d[side].map((s) => {
        const carries = editorialHome.get(`${side}:${s.article.id}`) === d;
        const editorial = carries ? s.article.notes : [];
        if (options.notes) {
          for (const text of editorial) {
            notes.push({ kind: 'editorial', side, where: `${(side === 'left' ? left : right).label}${s.article.label}`, text, tags: [] });
            editorialCount++;
          }
        }
        return reportArticle(s, editorial);
      });
    const leftArticles = build('left');
    const rightArticles = build('right');
    notes.push(...placed.filter((p) => p.d === d).map((p) => p.note));
    return {
      index: index + 1,
      relation: d.pair.relation,
      relationLabel: RELATION_LABELS[d.pair.relation],
      renumbered: d.pair.renumbered,
      left: leftArticles,
      right: rightArticles,
      notes,
    };
  });

  const summary = (Object.keys(RELATION_LABELS) as Relation[])
    .map((relation) => ({ relation, label: RELATION_LABELS[relation], count: input.pairs.filter((p) => p.relation === relation).length }))
    .filter((s) => s.count > 0);

  // Versions of one text: "…办法（修订草案与二次审议稿）修改对照稿"; two texts: "A（二次审议稿）与B对照".
  const named = (s: ReportSideInput) => `${base(s)}${s.text.label ? `（${s.text.label}）` : ''}`;
  const title = input.title ?? (sameText ? `${base(input.left)}（${left.label}与${right.label}）修改对照稿` : `${named(input.left)}与${named(input.right)}对照`);

  return {
    title,
    left,
    right,
    generated: input.generated.toISOString(),
    generatedLabel: generatedLabel(input.generated),
    options,
    legend: LEGEND,
    rows,
    omitted: drafts.length - kept.length,
    summary,
    unplaced,
    counts: { annotations: n, editorial: editorialCount },
  };
}

/** "…办法（修订草案）修改对照稿" → "…办法": the report names the two versions itself. */
function stripComparisonSuffix(title: string): string {
  return title.replace(/修改对照稿$/, '').replace(/（[^（）]*(草案|审议稿)[^（）]*）$/, '');
}

/** The article body text, for callers checking a report against its source. */
export { articleBody };
