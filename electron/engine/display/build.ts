/**
 * The 对照稿 display model of a comparison: rows → sides → articles → 款 → units → runs with marks, the
 * bands that say what stands opposite what, the notes (the 对照稿's editorial notes, the user's notes when
 * given), relation labels and "参见" hints. Pure over the two versions and their comparison.
 */
import { AnchorIndex, paragraphOffsets, resolveAnchor, type Annotation } from '../annotate';
import { cite, intToCn, RELATION_LABELS, type Version } from '../model';
import type { Pair, Relation } from '../compare/types';
import { paragraphUnits, redlineLines, toRuns, type MarkedText } from './marks';
import { bandsOf, showSide, type ShownArticle, type Side } from './sides';
import type { DisplayArticle, DisplayChange, DisplayComparison, DisplayNote, DisplayRelated, DisplayRow, DisplaySide } from './types';

export const LEGEND = '阴影部分为删去或者移动，黑体部分为增加';

/** The order relations are counted in a summary (the most telling first). */
export const RELATION_ORDER: Relation[] = ['modified', 'moved', 'split', 'merged', 'added', 'deleted', 'unchanged'];

const DATE_LABELS: Array<['adopted' | 'published' | 'effective' | 'drafted', string]> = [
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

export interface DisplaySideInput {
  /** The REF as given (hunan-2020-review@1). */
  ref: string;
  doc: string;
  version: number;
  title: string;
  /** The column's name and the text's full name (names.ts `columnNames`). */
  name: string;
  fullName: string;
  dates?: Partial<Record<'adopted' | 'published' | 'effective' | 'drafted', string>>;
  text: Version;
}

export interface DisplayOptions {
  /** Leave out rows whose articles are unchanged (rows carrying a user note stay). */
  changesOnly?: boolean;
  /** The notes of a 说明 column: the user's notes and the editorial notes (default true). */
  notes?: boolean;
  /** Each row's redline 款 by 款 (the terminal's view). */
  redline?: boolean;
}

export interface DisplayInput {
  left: DisplaySideInput;
  right: DisplaySideInput;
  pairs: Pair[];
  /** The comparison's own note that its budget ran out (Comparison.limited). */
  limited?: { reason: 'time' | 'size'; skipped: number };
  /** The user's notes to place (notes on other documents are left out). */
  annotations?: Annotation[];
  options?: DisplayOptions;
}

export function rowKey(p: Pick<Pair, 'left' | 'right'>): string {
  return `${p.left.join('.') || '0'}-${p.right.join('.') || '0'}`;
}

function displaySide(s: DisplaySideInput): DisplaySide {
  return {
    ref: s.ref,
    doc: s.doc,
    version: s.version,
    title: s.title,
    name: s.name,
    fullName: s.fullName,
    versionLabel: s.text.label,
    dates: DATE_LABELS.filter(([k]) => s.dates?.[k]).map(([k, label]) => ({ label, value: chineseDate(s.dates![k]!) })),
    articles: s.text.articles.length,
  };
}

export function displayArticle(s: ShownArticle, editorialNotes: string[]): DisplayArticle {
  const a = s.article;
  return {
    number: a.number,
    ...(a.sub ? { sub: a.sub } : {}),
    label: a.label,
    heading: s.heading ? toRuns(s.heading) : null,
    headingText: a.heading,
    paragraphCount: a.paragraphs.length,
    partial: s.partial,
    paragraphs: s.paragraphs.map((p) => ({
      index: p.index,
      units: p.units.map((u) => ({ kind: u.kind, runs: toRuns(u.marked) })),
      ...(p.movedTo ? { movedTo: p.movedTo } : {}),
      ...(p.movedFrom ? { movedFrom: p.movedFrom } : {}),
    })),
    editorialNotes,
  };
}

/** Covers the quote of note `n` (offsets in the article body) with the note's number. */
function markQuote(shown: ShownArticle, range: { start: number; end: number }, n: number): boolean {
  // The article body = 款 joined by "\n", each 款 = its units joined by "\n": walk the same layout.
  let at = 0;
  let hit = false;
  shown.article.paragraphs.forEach((p, i) => {
    const sp = shown.paragraphs.find((x) => x.index === i + 1);
    paragraphUnits(p).forEach(({ text }, k) => {
      const start = at;
      const end = at + text.length;
      const from = Math.max(range.start, start);
      const to = Math.min(range.end, end);
      if (sp && from < to) {
        const m: MarkedText = sp.units[k]!.marked;
        for (let c = from - start; c < to - start; c++) if (!m.notes[c]!.includes(n)) m.notes[c]!.push(n);
        hit = true;
      }
      at = end + 1;
    });
  });
  return hit;
}

/** "参见": the closest 款 on the other side, each once, with the side named. */
function relatedOf(pair: Pair, names: Record<Side, string>): DisplayRelated | null {
  if (!pair.related?.length) return null;
  const seen = new Map<string, NonNullable<Pair['related']>[number]>();
  for (const r of pair.related) {
    const k = `${r.side}:${r.label}`;
    const had = seen.get(k);
    if (!had || r.similarity > had.similarity) seen.set(k, r);
  }
  const refs = [...seen.values()].sort((a, b) => a.article - b.article || (a.sub ?? 0) - (b.sub ?? 0) || a.paragraph - b.paragraph);
  const side = refs[0]!.side;
  return {
    side,
    text: `参见${names[side]}${refs.filter((r) => r.side === side).map((r) => r.label).join('、')}`,
    refs: refs.map(({ side: _side, ...r }) => r),
  };
}

const UNIT_LABELS: Record<DisplayChange['relation'], string> = {
  unchanged: '未修改',
  modified: '修改',
  moved: '移动',
  added: '新增',
  deleted: '删除',
};

/** The row as a redline, 款 by 款. */
function changesOf(pair: Pair): DisplayChange[] {
  const label = (list: Pair['leftArticles'], n: number | undefined, paragraph: number | null) => {
    if (paragraph === null) return null;
    const a = n === undefined ? list[0] : (list.find((x) => x.number === n) ?? list[0]);
    return a ? cite({ article: a.number, ...(a.sub ? { sub: a.sub } : {}), paragraph }, a.label) : `第${intToCn(paragraph)}款`;
  };
  const splitOrMerged = pair.relation === 'split' || pair.relation === 'merged';
  return pair.paragraphs.map((u) => ({
    left: label(pair.leftArticles, u.leftArticle, u.left),
    right: label(pair.rightArticles, u.rightArticle, u.right),
    relation: u.relation,
    relationLabel: UNIT_LABELS[u.relation],
    formal: u.formal === true,
    move: u.movedTo ? `移至${u.movedTo.label}` : u.movedFrom ? `原${u.movedFrom.label}` : null,
    reordered: (u.items ?? []).filter((i) => i.relation === 'moved' && i.left !== null && i.right !== null).map((i) => `（${intToCn(i.left!)}）→（${intToCn(i.right!)}）`),
    // A 款 moved in or out whole is shown in full where it landed; here only named.
    shown: !((u.movedFrom && u.left === null) || (u.movedTo && u.right === null && !splitOrMerged)),
    lines: redlineLines(u.diff),
  }));
}

export function buildDisplay(input: DisplayInput): DisplayComparison {
  const options = { changesOnly: input.options?.changesOnly ?? false, notes: input.options?.notes ?? true, redline: input.options?.redline ?? false };
  const left = displaySide(input.left);
  const right = displaySide(input.right);
  const names: Record<Side, string> = { left: left.name, right: right.name };

  const drafts = input.pairs.map((pair) => ({
    pair,
    left: showSide(pair, 'left', input.left.text),
    right: showSide(pair, 'right', input.right.text),
  }));
  type Draft = (typeof drafts)[number];

  // Which row carries an article's editorial notes and whole-article user notes: the one showing all of it.
  const home = (side: Side, number: number, sub: number | undefined, paragraph?: number): Draft | undefined => {
    const holding = drafts.filter((d) => d[side].some((s) => s.article.number === number && (s.article.sub ?? 0) === (sub ?? 0) && (paragraph === undefined || s.paragraphs.some((p) => p.index === paragraph))));
    return holding.find((d) => d[side].some((s) => s.article.number === number && (s.article.sub ?? 0) === (sub ?? 0) && !s.partial)) ?? holding[0];
  };
  const editorialHome = new Map<string, Draft>();
  for (const side of ['left', 'right'] as const) {
    for (const d of drafts) {
      for (const s of d[side]) {
        const k = `${side}:${s.article.id}`;
        if (!editorialHome.has(k)) editorialHome.set(k, home(side, s.article.number, s.article.sub)!);
      }
    }
  }

  // User notes on either side's document and version, placed by re-anchoring (numbering may have moved).
  // `at`: where the note stands in its article's body (quote start, else its 款's start; -1 = the whole article).
  const placed: Array<{ d: Draft; note: DisplayNote; side: Side; article: number; sub?: number; at: number; range?: { start: number; end: number } }> = [];
  const unplaced: DisplayNote[] = [];
  if (options.notes && input.annotations?.length) {
    const indexes = { left: new AnchorIndex(input.left.text), right: new AnchorIndex(input.right.text) };
    for (const a of input.annotations) {
      for (const side of ['left', 'right'] as const) {
        const s = input[side];
        if (a.target.doc !== s.doc || a.target.version !== s.version) continue;
        const anchor = resolveAnchor(a.target, indexes[side]);
        const note: DisplayNote = { kind: 'annotation', side, where: '', text: a.body, tags: a.tags, status: anchor.status, id: a.id, ...(a.target.quote ? { quote: a.target.quote } : {}) };
        if (!anchor.article) {
          note.where = `${names[side]}${a.target.label ?? cite({ article: a.target.article, ...(a.target.sub ? { sub: a.target.sub } : {}) })}（原位置已不存在）`;
          unplaced.push(note);
          continue;
        }
        note.where = `${names[side]}${cite({ article: anchor.article.number, ...(anchor.paragraph ? { paragraph: anchor.paragraph } : {}) }, anchor.article.label)}`;
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

  // Changes only: unchanged rows go, unless a user note sits on them.
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
  const rows: DisplayRow[] = kept.map((d, index) => {
    const notes: DisplayNote[] = [];
    const build = (side: Side) =>
      d[side].map((s) => {
        const editorial = editorialHome.get(`${side}:${s.article.id}`) === d ? s.article.notes : [];
        if (options.notes) {
          for (const text of editorial) {
            notes.push({ kind: 'editorial', side, where: `${names[side]}${s.article.label}`, text, tags: [] });
            editorialCount++;
          }
        }
        return displayArticle(s, editorial);
      });
    const leftArticles = build('left');
    const rightArticles = build('right');
    notes.push(...placed.filter((p) => p.d === d).map((p) => p.note));
    const { layout, bands } = bandsOf(d.pair, d.left, d.right);
    const p = d.pair;
    return {
      key: rowKey(p),
      index: index + 1,
      relation: p.relation,
      relationLabel: RELATION_LABELS[p.relation],
      renumbered: p.renumbered,
      changed: p.changed,
      formalOnly: p.formalOnly,
      headingChanged: p.headingChanged && p.leftArticles.some((a) => a.heading) && p.rightArticles.some((a) => a.heading),
      layout,
      left: leftArticles,
      right: rightArticles,
      bands,
      notes,
      related: relatedOf(p, names),
      ...(options.redline ? { changes: changesOf(p) } : {}),
    };
  });

  const count = (r: Relation) => input.pairs.filter((p) => p.relation === r).length;
  return {
    left,
    right,
    legend: LEGEND,
    rows,
    omitted: drafts.length - kept.length,
    summary: RELATION_ORDER.map((relation) => ({ relation, label: RELATION_LABELS[relation], count: count(relation) })).filter((s) => s.count > 0),
    stats: {
      renumbered: input.pairs.filter((p) => p.renumbered).length,
      formalOnly: input.pairs.filter((p) => p.formalOnly).length,
      leftArticles: input.left.text.articles.length,
      rightArticles: input.right.text.articles.length,
    },
    unplaced,
    counts: { annotations: n, editorial: editorialCount },
    ...(input.limited ? { limited: input.limited } : {}),
  };
}
