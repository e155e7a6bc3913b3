/**
 * One side of a pair as it is shown: its articles, the 款 of each that belong to the pair (all of them,
 * unless the article is split or merged across rows), each 款's units as the article writes them, and
 * the marks of every character. And how the two sides of a split or merged pair stand 款 by 款.
 */
import { findArticle, type Article, type Version } from '../model';
import type { Pair, ParagraphRef, UnitAlignment } from '../compare/types';
import { movedAway, numberingLabel, paragraphUnits, plain, sideLines, type MarkedText } from './marks';
import type { DisplayBand, DisplayPiece, Mark } from './types';

export type Side = 'left' | 'right';

export interface ShownParagraph {
  index: number;
  units: Array<{ kind: 'lead' | 'item'; marked: MarkedText }>;
  movedTo?: ParagraphRef;
  movedFrom?: ParagraphRef;
}

export interface ShownArticle {
  article: Article;
  heading: MarkedText | null;
  paragraphs: ShownParagraph[];
  partial: boolean;
}

const key = (article: number, paragraph: number) => `${article}:${paragraph}`;

/** The article a unit alignment's 款 is in (single-article pairs leave it out). */
function articleOf(u: UnitAlignment, side: Side, first: number | undefined): number | undefined {
  return (side === 'left' ? u.leftArticle : u.rightArticle) ?? first;
}

/** 款 → the unit alignments that show it. */
function alignmentsByParagraph(pair: Pair, side: Side, first: number | undefined): Map<string, UnitAlignment[]> {
  const map = new Map<string, UnitAlignment[]>();
  for (const u of pair.paragraphs) {
    const para = side === 'left' ? u.left : u.right;
    const art = articleOf(u, side, first);
    if (para === null || art === undefined) continue;
    const k = key(art, para);
    map.set(k, [...(map.get(k) ?? []), u]);
  }
  return map;
}

/** One 款 with the marks its alignments give it: each unit's marks found by its text (the diff may read 项 in another order). */
function markParagraph(pair: Pair, side: Side, p: Article['paragraphs'][number], index: number, units: UnitAlignment[] | undefined, whole: Mark): ShownParagraph {
  const mine = paragraphUnits(p);
  if (!units) return { index, units: mine.map((u) => ({ kind: u.kind, marked: plain(u.text, whole) })) };
  const pool = units.flatMap((u) => sideLines(u.diff, side));
  const to = units.find((u) => u.movedTo)?.movedTo;
  const from = units.find((u) => u.movedFrom)?.movedFrom;
  // A 款 that went whole to another article (a split or merged row) is shaded as moved.
  const away = side === 'left' && to !== undefined && pair.relation !== 'modified' && pair.relation !== 'unchanged';
  const shown: ShownParagraph = {
    index,
    units: mine.map((u) => {
      const at = pool.findIndex((l) => l.text === u.text);
      let marked: MarkedText;
      if (at >= 0) {
        marked = numberingLabel(pool[at]!, u.label);
        pool.splice(at, 1);
      } else {
        marked = plain(u.text, whole);
      }
      if (away) marked = movedAway(marked, to);
      return { kind: u.kind, marked };
    }),
  };
  if (side === 'left' && to && (away || units.every((u) => u.right === null))) shown.movedTo = to;
  if (side === 'right' && from && units.every((u) => u.left === null)) shown.movedFrom = from;
  return shown;
}

/** The articles of one side of a pair, the 款 of each that belong to the pair, and their marks. */
export function showSide(pair: Pair, side: Side, version: Pick<Version, 'articles'>): ShownArticle[] {
  const infos = side === 'left' ? pair.leftArticles : pair.rightArticles;
  const articles = infos.map((i) => findArticle(version, i.number, i.sub)).filter((a): a is Article => a !== null);
  const whole: Mark = side === 'left' ? (pair.relation === 'deleted' ? 'deleted' : 'none') : pair.relation === 'added' ? 'added' : 'none';
  const byParagraph = alignmentsByParagraph(pair, side, articles[0]?.number);
  const anyListed = articles.some((a) => a.paragraphs.some((_, i) => byParagraph.has(key(a.number, i + 1))));
  const otherHeadings = (side === 'left' ? pair.rightArticles : pair.leftArticles).map((x) => x.heading);

  return articles.map((a) => {
    const paragraphs: ShownParagraph[] = [];
    a.paragraphs.forEach((p, i) => {
      const units = byParagraph.get(key(a.number, i + 1));
      if (anyListed && !units) return; // this 款 belongs to another row
      paragraphs.push(markParagraph(pair, side, p, i + 1, units, whole));
    });
    let heading: MarkedText | null = a.heading ? plain(a.heading, whole) : null;
    if (a.heading && pair.headingChanged && !otherHeadings.includes(a.heading)) heading = plain(a.heading, side === 'left' ? 'deleted' : 'added');
    return { article: a, heading, paragraphs, partial: anyListed && paragraphs.length < a.paragraphs.length };
  });
}

/** A 款 of a row's side: index of its article in the side, index of the 款 among the article's shown ones. */
type Slot = [article: number, paragraph: number];

function slotOf(shown: ShownArticle[], number: number | undefined, paragraph: number): Slot | null {
  for (let a = 0; a < shown.length; a++) {
    if (shown[a]!.article.number !== number) continue;
    const p = shown[a]!.paragraphs.findIndex((x) => x.index === paragraph);
    if (p >= 0) return [a, p];
  }
  return null;
}

const before = (x: Slot, y: Slot) => x[0] - y[0] || x[1] - y[1];

function pieces(slots: Slot[]): DisplayPiece[] {
  const out: DisplayPiece[] = [];
  for (const [a, p] of [...slots].sort(before)) {
    const last = out[out.length - 1];
    if (last && last.article === a) last.paragraphs.push(p);
    else out.push({ article: a, paragraphs: [p], head: false, last: false, numbered: false });
  }
  return out;
}

/** Every shown 款 of a side, as one band's pieces. */
function wholeSide(shown: ShownArticle[]): DisplayPiece[] {
  return shown.map((s, a) => ({ article: a, paragraphs: s.paragraphs.map((_, p) => p), head: true, last: true, numbered: s.partial }));
}

/** Where each article's label, notes and 款 numbers go once its pieces are spread over the bands. */
function placePieces(bands: DisplayBand[], shown: Record<'left' | 'right', ShownArticle[]>): DisplayBand[] {
  for (const side of ['left', 'right'] as const) {
    const all = bands.flatMap((b) => b[side]);
    for (const piece of all) {
      const mine = all.filter((p) => p.article === piece.article);
      piece.head = mine[0] === piece;
      piece.last = mine[mine.length - 1] === piece;
      piece.numbered = shown[side][piece.article]!.partial || mine.length > 1;
    }
  }
  return bands;
}

/**
 * How the two sides of a row stand: as wholes (one band), or — when a side holds several articles, or 款
 * of articles that are split or merged — 款 by 款, each 款 of the left opposite the 款 it became, in the
 * left's order; a 款 found on the right only stands after the band holding the right 款 before it.
 */
export function bandsOf(pair: Pair, left: ShownArticle[], right: ShownArticle[]): { layout: 'articles' | 'paragraphs'; bands: DisplayBand[] } {
  // An article added or deleted whole stands alone: nothing to put its 款 opposite.
  const byParagraphs = left.length > 0 && right.length > 0 && (left.length > 1 || right.length > 1 || pair.paragraphs.some((u) => u.leftArticle !== undefined || u.rightArticle !== undefined));
  if (!byParagraphs) return { layout: 'articles', bands: [{ left: wholeSide(left), right: wholeSide(right) }] };

  // Groups of 款 that stand together: the two ends of each alignment, joined where they share a 款.
  const groups: Array<{ left: Slot[]; right: Slot[] }> = [];
  const groupOf = new Map<string, (typeof groups)[number]>();
  const id = (side: Side, s: Slot) => `${side}:${s[0]}:${s[1]}`;
  const add = (l: Slot | null, r: Slot | null) => {
    const found = [l && groupOf.get(id('left', l)), r && groupOf.get(id('right', r))].filter((g): g is (typeof groups)[number] => !!g);
    let g = found[0];
    if (!g) {
      g = { left: [], right: [] };
      groups.push(g);
    }
    if (found[1] && found[1] !== g) {
      // Two groups meet: one takes the other in.
      const other = found[1];
      for (const s of other.left) groupOf.set(id('left', s), g);
      for (const s of other.right) groupOf.set(id('right', s), g);
      g.left.push(...other.left);
      g.right.push(...other.right);
      groups.splice(groups.indexOf(other), 1);
    }
    if (l && !groupOf.has(id('left', l))) {
      g.left.push(l);
      groupOf.set(id('left', l), g);
    }
    if (r && !groupOf.has(id('right', r))) {
      g.right.push(r);
      groupOf.set(id('right', r), g);
    }
  };
  for (const u of pair.paragraphs) {
    const l = u.left === null ? null : slotOf(left, u.leftArticle ?? left[0]?.article.number, u.left);
    const r = u.right === null ? null : slotOf(right, u.rightArticle ?? right[0]?.article.number, u.right);
    if (l || r) add(l, r);
  }
  // 款 shown but named by no alignment stand alone.
  left.forEach((s, a) => s.paragraphs.forEach((_, p) => !groupOf.has(id('left', [a, p])) && add([a, p], null)));
  right.forEach((s, a) => s.paragraphs.forEach((_, p) => !groupOf.has(id('right', [a, p])) && add(null, [a, p])));

  const first = (slots: Slot[]) => [...slots].sort(before)[0]!;
  const last = (slots: Slot[]) => [...slots].sort(before).at(-1)!;
  const ordered = groups.filter((g) => g.left.length > 0).sort((x, y) => before(first(x.left), first(y.left)));
  for (const g of groups.filter((x) => x.left.length === 0).sort((x, y) => before(first(x.right), first(y.right)))) {
    const mine = first(g.right);
    let at = -1;
    ordered.forEach((o, k) => {
      if (o.right.length && before(last(o.right), mine) < 0) at = k;
    });
    if (at < 0) {
      const firstRight = ordered.findIndex((o) => o.right.length > 0);
      at = firstRight < 0 ? ordered.length - 1 : firstRight - 1;
    }
    ordered.splice(at + 1, 0, g);
  }
  return { layout: 'paragraphs', bands: placePieces(ordered.map((g) => ({ left: pieces(g.left), right: pieces(g.right) })), { left, right }) };
}
