/**
 * Addressing: how a provision is named, found and cited, in one place for every layer.
 *
 * Legislation cites provisions by position: 第十三条第二款第三项 is the third 项 of the second 款 of
 * article 13; 款 are not numbered in the text but counted (see types.ts), 项 carry （一）（二）…, 目 carry
 * 1. 2. …; an article inserted between 第十条 and 第十一条 is 第十条之一. An `Address` is that position as
 * numbers, and everything else is derived from it:
 *   - `addressId()` / `parseAddressId()`: stable ids for code and URLs, "art_13__para_2__item_3";
 *   - `cite()` / `parseCitation()`: the citation as the law writes it, "第十三条第二款第三项";
 *   - `findArticle()` / `resolveAddress()`: the nodes of a version at an address.
 * And the text of a provision — `itemText()`, `paragraphText()`, `articleText()` — is written once here:
 * the comparison diffs it, notes anchor quotes in it, the search snippets and the drafting tools quote it.
 * Browser-safe: no imports but the model.
 */
import { cnToInt, CN_NUMERAL_CHARS, intToCn } from './numerals';
import type { Article, Item, Paragraph, SubItem, Version } from './types';

/** A provision's position: article (and 之X), then optionally 款, 项, 目 — all 1-based. */
export interface Address {
  article: number;
  /** 第十条之一 → article 10, sub 1. */
  sub?: number;
  paragraph?: number;
  item?: number;
  subitem?: number;
}

// ---- text ------------------------------------------------------------------------------------------

/** One 项 as it reads: its label, its text, its 目 inline ("（一）增加……；1.…"). */
export function itemText(item: Item): string {
  let s = item.label + item.text;
  for (const sub of item.items ?? []) s += sub.label + sub.text;
  return s;
}

/**
 * How a 款's 项 are written out: `separator` between lead-in and 项 — a newline (the default: one 项 per
 * line, as the comparison and the notes see it) or '' (inline, as printed and as the search index reads
 * it); `labels: false` leaves out the 项 and 目 labels (term extraction, where "（一）" is not a word).
 */
export interface TextOptions {
  separator?: string;
  labels?: boolean;
}

/** One 款 as text: the lead-in, then each 项. An empty lead-in (项 with no lead-in) is left out. */
export function paragraphText(p: Paragraph, opts: TextOptions = {}): string {
  if (p.items.length === 0) return p.text;
  const labels = opts.labels !== false;
  const parts = p.text === '' ? [] : [p.text];
  for (const item of p.items) {
    if (labels) parts.push(itemText(item));
    else parts.push(item.text + (item.items ?? []).map((s) => s.text).join(''));
  }
  return parts.join(opts.separator ?? '\n');
}

/** An article's body — no label, heading or editorial notes: its 款 joined by newlines. */
export function articleText(a: Pick<Article, 'paragraphs'>, opts: TextOptions = {}): string {
  return a.paragraphs.map((p) => paragraphText(p, opts)).join('\n');
}

// ---- finding -----------------------------------------------------------------------------------------

/** The article 第`number`条(之`sub`) of a version; a missing `sub` and 0 are the same (no 之X). */
export function findArticle(version: Pick<Version, 'articles'>, number: number, sub?: number | null): Article | null {
  const s = sub ?? 0;
  return version.articles.find((a) => a.number === number && (a.sub ?? 0) === s) ?? null;
}

export interface Resolved {
  article: Article;
  paragraph?: Paragraph;
  item?: Item;
  subitem?: SubItem;
}

/** The nodes at an address, or null when any level of it does not exist in this version. */
export function resolveAddress(version: Pick<Version, 'articles'>, address: Address): Resolved | null {
  const article = findArticle(version, address.article, address.sub);
  if (!article) return null;
  if (address.paragraph === undefined) return address.item === undefined ? { article } : null;
  const paragraph = article.paragraphs[address.paragraph - 1];
  if (!paragraph) return null;
  if (address.item === undefined) return address.subitem === undefined ? { article, paragraph } : null;
  const item = paragraph.items.find((i) => i.number === address.item);
  if (!item) return null;
  if (address.subitem === undefined) return { article, paragraph, item };
  const subitem = item.items?.find((s) => s.number === address.subitem);
  return subitem ? { article, paragraph, item, subitem } : null;
}

/** The address of an article, or of its 款 number `paragraph` (1-based). */
export function addressOf(a: Pick<Article, 'number' | 'sub'>, paragraph?: number, item?: number, subitem?: number): Address {
  const out: Address = { article: a.number };
  if (a.sub) out.sub = a.sub;
  if (paragraph !== undefined) out.paragraph = paragraph;
  if (item !== undefined) out.item = item;
  if (subitem !== undefined) out.subitem = subitem;
  return out;
}

// ---- ids ---------------------------------------------------------------------------------------------

/** Stable id from the numbering: art_10, art_10_1 (第十条之一). */
export function articleId(number: number, sub?: number): string {
  return sub ? `art_${number}_${sub}` : `art_${number}`;
}

/** "art_13__para_2__item_3__sub_1": ids for code, URLs and DOM anchors, from the address. */
export function addressId(address: Address): string {
  let id = articleId(address.article, address.sub);
  if (address.paragraph !== undefined) id += `__para_${address.paragraph}`;
  if (address.item !== undefined) id += `__item_${address.item}`;
  if (address.subitem !== undefined) id += `__sub_${address.subitem}`;
  return id;
}

const ID_RE = /^art_(\d+)(?:_(\d+))?(?:__para_(\d+))?(?:__item_(\d+))?(?:__sub_(\d+))?$/;

/** The address an id names, or null when it is not one of ours. */
export function parseAddressId(id: string): Address | null {
  const m = ID_RE.exec(id);
  if (!m) return null;
  const out: Address = { article: Number(m[1]) };
  if (m[2]) out.sub = Number(m[2]);
  if (m[3]) out.paragraph = Number(m[3]);
  if (m[4]) {
    if (!m[3]) return null;
    out.item = Number(m[4]);
  }
  if (m[5]) {
    if (!m[4]) return null;
    out.subitem = Number(m[5]);
  }
  return out;
}

// ---- citations ---------------------------------------------------------------------------------------

/**
 * The citation as the law writes it: 第十三条, 第十条之一第二款, 第五条第一款第（三）项 is written
 * 第五条第一款第三项 in 修改决定 and cross-references (the parentheses belong to the 项's own label),
 * 目 as 第1目. `label`: the article's own label, used as written when given ("第十条之一", or an
 * opinion's item "（十一）", whose paragraphs are then 段: a policy document has no 款).
 */
export function cite(address: Address, label?: string): string {
  const isArticle = label === undefined || /^第.+条/.test(label);
  let s = label ?? `第${intToCn(address.article)}条${address.sub ? `之${intToCn(address.sub)}` : ''}`;
  if (address.paragraph !== undefined) s += `第${intToCn(address.paragraph)}${isArticle ? '款' : '段'}`;
  if (address.item !== undefined) s += `第${intToCn(address.item)}项`;
  if (address.subitem !== undefined) s += `第${address.subitem}目`;
  return s;
}

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;
const CITATION_RE = new RegExp(
  `^第?(${N})条?(?:之(${N}))?` + `(?:第(${N})款)?` + `(?:第[（(]?(${N})[)）]?项)?` + `(?:第(${N})目)?$`,
  'u',
);

/**
 * A citation → its address: "第十三条第二款第三项", "第十条之一", "第13条", "十三", "13", "10之1",
 * "第五条第一款第（三）项", "第二十条第一款第三项第2目". White space is ignored. Null when it is not a
 * citation of a provision (a 款 or 项 alone — "前款", "第二款" — needs the article it stands in: see
 * the cross-reference check).
 */
export function parseCitation(text: string): Address | null {
  const m = CITATION_RE.exec(text.replace(/[\s\u3000]+/gu, ''));
  if (!m) return null;
  const num = (s: string | undefined): number | undefined => {
    if (s === undefined) return undefined;
    const n = cnToInt(s);
    return n === null || n <= 0 ? undefined : n;
  };
  const article = num(m[1]);
  if (article === undefined) return null;
  const out: Address = { article };
  const parts: Array<[keyof Address, string | undefined]> = [
    ['sub', m[2]],
    ['paragraph', m[3]],
    ['item', m[4]],
    ['subitem', m[5]],
  ];
  for (const [key, raw] of parts) {
    if (raw === undefined) continue;
    const n = num(raw);
    if (n === undefined) return null;
    out[key] = n;
  }
  if (out.item !== undefined && out.paragraph === undefined) {
    // 第五条第三项: an article with a single 款 cites its 项 directly; the 款 is the first.
    out.paragraph = 1;
  }
  return out;
}

/** Two addresses name the same provision. */
export function sameAddress(a: Address, b: Address): boolean {
  return a.article === b.article && (a.sub ?? 0) === (b.sub ?? 0) && a.paragraph === b.paragraph && a.item === b.item && a.subitem === b.subitem;
}
