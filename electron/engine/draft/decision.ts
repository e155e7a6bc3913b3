/**
 * The 修改决定: from the comparison of two versions, the items that turn the old text into the new one,
 * in the order of the old text, each in the smallest conventional form that is exact.
 *
 * Which article became which comes from the comparison (pairs, 款 rows, 项 rows); the wording of each
 * item from templates.ts. Per article:
 *   - `court` (最高人民法院): an article whose wording changes is rewritten whole (将第X条修改为：“…”); a 款
 *     or 项 only added or deleted is said so;
 *   - `npc` (人大常委会): a phrase changed is quoted (将第五条第二款中的“A”修改为“B”, 删去…, 在…后增加…), a 款
 *     or 项 much changed is rewritten, an article much changed (or whose 款 are reordered) is rewritten
 *     whole; identical phrase changes in several 款 of one article are one item (将第十二条中的“A”修改为“B”).
 * Articles added, deleted, merged, moved out of order and renumbered get their own items; renumbering
 * alone is either item by item or the closing sentence (此外，对条文顺序作相应调整); changes of punctuation
 * only are never items.
 */
import type { Comparison, Pair, UnitAlignment } from '../compare';
import { addressOf, articleText, cite, findArticle, intToCn, itemText, paragraphText, say, type Article, type Item, type Paragraph, type Version } from '../model';
import { getSegmenter, type Segmenter } from '../segment';
import { BLANK, defaultIssuer, itemLabel, T } from './templates';
import type { Decision, DecisionConvention, DecisionItem, DecisionOp, DecisionOptions, PhraseEdit, ProvisionRef } from './types';
import { analysePhrases, content, type PhraseAnalysis } from './words';

/** npc: past this share of a 款's words changed (or this many phrases), the 款 is rewritten. */
const PHRASE_SHARE = 0.4;
const MAX_PHRASES = 3;
/** npc: past this share of an article's words changed, or this many items for it, the article is rewritten. */
const ARTICLE_SHARE = 0.5;
const MAX_ARTICLE_PARTS = 3;
/** The convention of a 修订: more than this share of the old articles changed. */
const REVISION_SHARE = 0.5;
/** The issuers of judicial interpretations, as their titles begin. */
const COURT_TITLE = /^(?:最高人民法院、最高人民检察院|最高人民法院|最高人民检察院)/u;

const ref = (a: Pick<Article, 'number' | 'sub'>, paragraph?: number, item?: number): ProvisionRef => ({
  article: a.number,
  ...(a.sub ? { sub: a.sub } : {}),
  ...(paragraph !== undefined ? { paragraph } : {}),
  ...(item !== undefined ? { item } : {}),
});

/** 第十条, 第十条之一; the numbered items of an opinion by their own label (（十一）). */
const citeArticle = (a: Pick<Article, 'number' | 'sub'> & { label?: string }) => (a.label && !/^第.+条/.test(a.label) ? a.label : cite(addressOf(a)));

/** A 款 as cited in the old text: 第五条 alone when the article has one 款. */
function citeParagraph(a: Article, paragraph: number): string {
  return a.paragraphs.length === 1 ? citeArticle(a) : cite(addressOf(a, paragraph));
}

/** A 项: 第五条第三项 when the article has one 款, else 第五条第一款第三项. */
function citeItem(a: Article, paragraph: number, item: number): string {
  return a.paragraphs.length === 1 ? `${citeArticle(a)}第${intToCn(item)}项` : cite(addressOf(a, paragraph, item));
}

/** An article's text as a decision quotes it: npc with its label (“第十四条　…”), court without. */
function articleQuote(c: DecisionConvention, a: Article, label: string): string {
  const body = articleText(a);
  return c === 'npc' ? `${label}　${body}` : body;
}

/** One change inside an article, before it becomes an item (or is folded into a whole rewrite). */
interface Part {
  op: DecisionOp;
  old?: ProvisionRef;
  new?: ProvisionRef;
  text: string;
  quote?: string;
  phrases?: PhraseEdit[];
  /** Position among the parts of the article (old 款 order). */
  order: number;
  /** A 款 or 项 rewritten, or a phrase change (counts towards rewriting the whole article). */
  rewrite?: 'paragraph' | 'item';
}

interface Pending {
  key: number[];
  item: Omit<DecisionItem, 'n' | 'label'>;
}

interface Primary {
  pair: Pair;
  a: Article;
  x: Article;
  ai: number;
  xi: number;
}

export function draftDecision(oldV: Version, newV: Version, comparison: Comparison, options: DecisionOptions, segmenter: Segmenter = getSegmenter()): Decision {
  // A 司法解释 (by its kind, or by its title when the kind is not known) follows the court's convention.
  const court = COURT_TITLE.exec(options.title)?.[0];
  const convention: DecisionConvention = options.convention ?? (options.kind === '司法解释' || court ? 'court' : 'npc');
  const renumberMode = options.renumber ?? (convention === 'court' ? 'items' : 'sentence');
  const issuer = options.issuer ?? (court && (!options.kind || options.kind === '司法解释') ? court : defaultIssuer(options.kind, options.jurisdiction));

  const oldIndex = new Map(oldV.articles.map((a, i) => [a.id, i]));
  const newIndex = new Map(newV.articles.map((a, i) => [a.id, i]));
  const find = (v: Version, info: { number: number; sub?: number }) => findArticle(v, info.number, info.sub);

  // ---- which article became which ------------------------------------------------------------------
  const primaries: Primary[] = [];
  const partnerOfNew = new Map<number, number>();
  const partnerOfOld = new Map<number, number>();
  for (const pair of comparison.pairs) {
    if (pair.leftArticles.length !== 1 || pair.rightArticles.length !== 1) continue;
    if (pair.relation !== 'unchanged' && pair.relation !== 'modified' && pair.relation !== 'moved') continue;
    const a = find(oldV, pair.leftArticles[0]!);
    const x = find(newV, pair.rightArticles[0]!);
    if (!a || !x) continue;
    const ai = oldIndex.get(a.id)!;
    const xi = newIndex.get(x.id)!;
    if (partnerOfOld.has(ai) || partnerOfNew.has(xi)) continue;
    primaries.push({ pair, a, x, ai, xi });
    partnerOfOld.set(ai, xi);
    partnerOfNew.set(xi, ai);
  }
  // An old article merged whole into an article that continues another: 将第六条和第七条合并，修改为.
  const mergedInto = new Map<number, number[]>();
  for (const pair of comparison.pairs) {
    if (pair.relation !== 'merged' || pair.leftArticles.length !== 1 || pair.rightArticles.length !== 1) continue;
    const a = find(oldV, pair.leftArticles[0]!);
    const x = find(newV, pair.rightArticles[0]!);
    if (!a || !x) continue;
    const ai = oldIndex.get(a.id)!;
    const xi = newIndex.get(x.id)!;
    if (partnerOfOld.has(ai) || !partnerOfNew.has(xi)) continue;
    mergedInto.set(xi, [...(mergedInto.get(xi) ?? []), ai]);
  }
  const mergedOld = new Set([...mergedInto.values()].flat());

  const pending: Pending[] = [];
  const renumbering: Decision['renumbering'] = [];
  const formalOnly: ProvisionRef[] = [];
  let punctuation = false;
  let changedArticles = 0;

  // ---- articles that continue ----------------------------------------------------------------------
  for (const p of primaries) {
    const { a, x, ai, xi, pair } = p;
    const renumbered = a.number !== x.number || (a.sub ?? 0) !== (x.sub ?? 0);
    const outOfOrder = pair.relation === 'moved';
    const merged = (mergedInto.get(xi) ?? []).map((i) => oldV.articles[i]!);
    if (renumbered) renumbering.push({ old: ref(a), new: ref(x) });

    const oldCite = citeArticle(a);
    const newCite = citeArticle(x);
    const analysis = analyseArticle(a, x, pair, convention, segmenter, merged);
    if (analysis.formal && !analysis.whole && !merged.length) punctuation = true;
    // A renumbered article rewritten whole is quoted with its new label, so the item names the new number
    // too (将第十条改为第十一条，修改为：“第十一条　…”) — never an old label beside a new article's.
    const showNumber = renumbered && (renumberMode === 'items' || outOfOrder || analysis.whole || merged.length > 0);
    // An article out of order among the others is moved explicitly, whatever its number (it may keep
    // it while the articles around it change places); an article only renumbered is listed in items mode.
    const placeItem = (minor: number, withNumber: boolean): void => {
      if (outOfOrder && !withNumber) {
        const after = previousOldPartner(xi);
        pending.push({ key: [ai, 0, minor], item: { op: 'move', old: ref(a), new: ref(x), text: T.move(oldCite, after === null ? null : citeArticle(oldV.articles[after]!), newCite) } });
      } else if (renumbered && renumberMode === 'items' && !withNumber) {
        pending.push({ key: [ai, 0, minor], item: { op: 'renumber', old: ref(a), new: ref(x), text: T.renumber(convention, oldCite, newCite) } });
      }
    };
    if (analysis.parts.length === 0 && !analysis.whole && merged.length === 0) {
      if (analysis.formal && !renumbered) formalOnly.push(ref(a));
      placeItem(0, false);
      continue;
    }
    changedArticles += 1 + merged.length;
    if (merged.length || analysis.whole) {
      // The quoted label: the new number where the item gives it, else the old one (the renumbering
      // sentence does the rest).
      const quoteText = articleQuote(convention, x, showNumber ? newCite : oldCite);
      const olds = [a, ...merged].sort((m, n) => oldIndex.get(m.id)! - oldIndex.get(n.id)!);
      const text = merged.length ? T.mergeArticles(olds.map(citeArticle), showNumber ? newCite : null, quoteText) : T.modifyArticle(convention, oldCite, showNumber ? newCite : null, quoteText);
      const first = Math.min(...olds.map((m) => oldIndex.get(m.id)!));
      pending.push({
        key: [first, 0, 0],
        item: { op: 'modify', old: ref(olds[0]!), new: ref(x), text, quote: quoteText, ...(merged.length ? { alsoOld: olds.slice(1).map((m) => ref(m)) } : {}) },
      });
      placeItem(1000, showNumber);
      continue;
    }
    for (const part of analysis.parts) {
      pending.push({
        key: [ai, 0, 1 + part.order],
        item: { op: part.op, ...(part.old ? { old: part.old } : {}), ...(part.new ? { new: part.new } : {}), text: part.text, ...(part.quote !== undefined ? { quote: part.quote } : {}), ...(part.phrases ? { phrases: part.phrases } : {}) },
      });
    }
    placeItem(1000, false);
  }

  /** The old partner of the nearest article before new article `xi` that continues an old one. */
  function previousOldPartner(xi: number): number | null {
    for (let k = xi - 1; k >= 0; k--) {
      const o = partnerOfNew.get(k);
      if (o !== undefined) return o;
    }
    return null;
  }

  // ---- deleted articles (adjacent ones in one item) ------------------------------------------------
  const deleted = oldV.articles.map((_, i) => i).filter((i) => !partnerOfOld.has(i) && !mergedOld.has(i));
  for (let k = 0; k < deleted.length; ) {
    const run = [deleted[k]!];
    while (k + run.length < deleted.length && deleted[k + run.length] === run[run.length - 1]! + 1) run.push(deleted[k + run.length]!);
    k += run.length;
    const arts = run.map((i) => oldV.articles[i]!);
    changedArticles += arts.length;
    pending.push({
      key: [run[0]!, 0, 0],
      item: { op: 'delete', old: ref(arts[0]!), text: T.deleteArticles(arts.map(citeArticle)), ...(arts.length > 1 ? { alsoOld: arts.slice(1).map((m) => ref(m)) } : {}) },
    });
  }

  // ---- added articles (npc: adjacent ones in one item) ----------------------------------------------
  const added = newV.articles.map((_, i) => i).filter((i) => !partnerOfNew.has(i));
  for (let k = 0; k < added.length; ) {
    const run = [added[k]!];
    if (convention === 'npc') while (k + run.length < added.length && added[k + run.length] === run[run.length - 1]! + 1) run.push(added[k + run.length]!);
    k += run.length;
    const arts = run.map((i) => newV.articles[i]!);
    changedArticles += arts.length;
    const after = previousOldPartner(run[0]!);
    const before = after === null && oldV.articles.length ? citeArticle(oldV.articles[0]!) : null;
    const texts = arts.map((m) => articleQuote(convention, m, citeArticle(m)));
    pending.push({
      key: [after ?? -1, 1, run[0]!],
      item: {
        op: 'add',
        new: ref(arts[0]!),
        text: T.addArticles(convention, after === null ? null : citeArticle(oldV.articles[after]!), before, arts.map(citeArticle), texts),
        quote: texts.join('\n'),
        ...(arts.length > 1 ? { alsoNew: arts.slice(1).map((m) => ref(m)) } : {}),
      },
    });
  }

  // ---- chapters: a title changed, a chapter added ---------------------------------------------------
  // A new chapter continues the old chapter most of its articles come from.
  const chapterKey = (a: Article) => a.chapterId ?? (a.chapter !== null ? `chp_${a.chapter}` : null);
  for (const c of newV.chapters) {
    const members = newV.articles.map((a, i) => ({ a, i })).filter(({ a }) => chapterKey(a) === c.id);
    if (!members.length) continue;
    const votes = new Map<string, number>();
    for (const { i } of members) {
      const o = partnerOfNew.get(i);
      const k = o === undefined ? null : chapterKey(oldV.articles[o]!);
      if (k) votes.set(k, (votes.get(k) ?? 0) + 1);
    }
    const best = [...votes].sort((p, q) => q[1] - p[1])[0];
    const oldChapter = best ? oldV.chapters.find((x) => x.id === best[0]) : undefined;
    const first = members[0]!;
    if (oldChapter) {
      if (content(oldChapter.title) === content(c.title)) continue;
      const firstOld = oldV.articles.findIndex((a) => chapterKey(a) === oldChapter.id);
      pending.push({
        key: [firstOld, -1, 0],
        item: { op: 'modify', old: { ...ref(oldV.articles[firstOld]!), chapter: oldChapter.number }, new: { ...ref(first.a), chapter: c.number }, text: T.renameChapter(oldChapter.label, c.title), quote: c.title },
      });
    } else if (!oldV.chapters.length || !partnerOfNew.has(first.i)) {
      // A chapter of new articles: its heading, before the first of them.
      const after = previousOldPartner(first.i);
      const nextOld = oldV.articles[after === null ? 0 : after + 1];
      pending.push({
        key: [after ?? -1, 1, first.i - 0.5],
        item: { op: 'add', new: { ...ref(first.a), chapter: c.number }, text: T.addChapter(convention === 'npc' && nextOld ? citeArticle(nextOld) : null, c.label, c.title), quote: c.title },
      });
    }
  }

  // ---- the decision -------------------------------------------------------------------------------
  pending.sort((p, q) => compareKeys(p.key, q.key));
  const single = pending.length === 1;
  const items: DecisionItem[] = pending.map((p, k) => ({ n: k + 1, label: single ? '' : itemLabel(k + 1), ...p.item }));
  const sentence = T.sentence(renumberMode === 'sentence' && renumbering.length > 0, punctuation);
  const title = T.title(issuer, options.title);
  const opening = T.opening(convention, issuer, options.title, options.meeting);
  const closing = [T.effective(options.effective), T.republish(convention, options.title)];
  const advised = oldV.articles.length > 0 && changedArticles / oldV.articles.length > REVISION_SHARE;
  const lines = [title, '', opening, ...items.map((i) => i.label + withStop(i.text, i.op, isChapter(i))), ...(sentence ? [sentence] : []), ...closing];
  return {
    title,
    opening,
    items: items.map((i) => ({ ...i, text: withStop(i.text, i.op, isChapter(i)) })),
    sentence,
    closing,
    text: lines.join('\n'),
    convention,
    renumber: renumberMode,
    renumbering,
    formalOnly,
    revision: {
      advised,
      changedArticles,
      oldArticles: oldV.articles.length,
      note: advised ? say('draft.revision_advised', { changed: changedArticles, total: oldV.articles.length }) : null,
    },
  };
}

/**
 * An item ends with 。 — except one that ends by quoting a whole provision (将第三条修改为：“…。”), which
 * ends with the quotation; a quoted phrase is followed by 。 (将…中的“A”修改为“B”。).
 */
function withStop(text: string, op: DecisionOp, chapter = false): string {
  // A quotation that ends with its own full stop ends the item (删去…中的“…的品牌。”).
  if (text.endsWith('。') || text.endsWith('。”')) return text;
  if (text.endsWith('”') && !chapter && (op === 'modify' || op === 'add' || op === 'add-paragraph' || op === 'add-item')) return text;
  return `${text}。`;
}

const isChapter = (i: DecisionItem) => i.old?.chapter !== undefined || i.new?.chapter !== undefined;

function compareKeys(a: number[], b: number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d) return d;
  }
  return 0;
}

// ---- one article ------------------------------------------------------------------------------------

interface ArticleAnalysis {
  parts: Part[];
  /** Rewrite the article whole. */
  whole: boolean;
  /** Some change is formal only (folded into the closing sentence unless the article is rewritten). */
  formal: boolean;
}

function analyseArticle(a: Article, x: Article, pair: Pair, c: DecisionConvention, seg: Segmenter, merged: Article[]): ArticleAnalysis {
  const rows = pair.paragraphs;
  const parts: Part[] = [];
  let formal = false;
  let reordered = false;
  let changed = 0;
  // Where a 款 that is only in the new article goes among the old ones: after the old 款 before it.
  const byRight = rows.filter((u) => u.right !== null).sort((p, q) => p.right! - q.right!);
  const orderOf = (u: UnitAlignment): number => {
    if (u.left !== null) return u.left * 100;
    let prev = 0;
    for (const r of byRight) {
      if (r === u) break;
      if (r.left !== null) prev = r.left;
    }
    return prev * 100 + 50 + u.right!;
  };
  for (const u of rows) {
    if (u.left !== null && u.right !== null) {
      if (u.relation === 'moved') reordered = true;
      const pa = a.paragraphs[u.left - 1];
      const px = x.paragraphs[u.right - 1];
      if (!pa || !px) continue;
      if (paragraphText(pa) === paragraphText(px)) continue;
      const r = analyseParagraph(a, x, u.left, u.right, pa, px, u, c, seg, orderOf(u));
      formal ||= r.formal;
      changed += r.changed;
      parts.push(...r.parts);
    } else if (u.left !== null) {
      const pa = a.paragraphs[u.left - 1];
      changed += pa ? content(paragraphText(pa)).length : 0;
      parts.push({ op: 'delete-paragraph', old: ref(a, u.left), text: T.deleteProvision(cite(addressOf(a, u.left))), order: orderOf(u) });
    } else if (u.right !== null) {
      // A 款 brought in from an article merged into this one is part of the merge.
      if (u.movedFrom && merged.some((m) => m.number === u.movedFrom!.article && (m.sub ?? 0) === (u.movedFrom!.sub ?? 0))) continue;
      const px = x.paragraphs[u.right - 1];
      if (!px) continue;
      const text = paragraphText(px);
      changed += content(text).length;
      parts.push({ op: 'add-paragraph', old: ref(a), new: ref(x, u.right), text: T.addParagraph(citeArticle(a), u.right, text), quote: text, order: orderOf(u) });
    }
  }
  parts.sort((p, q) => p.order - q.order);
  const total = Math.max(content(articleText(a)).length, content(articleText(x)).length) || 1;
  const rewriting = parts.filter((p) => p.rewrite !== undefined || p.op === 'replace');
  let whole: boolean;
  if (c === 'court') {
    // The court rewrites an article whose wording changed; a 款 or 项 only added or deleted is said so.
    whole = reordered || rewriting.length > 0;
  } else {
    const paragraphRewrites = parts.filter((p) => p.rewrite === 'paragraph').length;
    whole =
      reordered ||
      parts.length > MAX_ARTICLE_PARTS ||
      changed / total > ARTICLE_SHARE ||
      (a.paragraphs.length === 1 && paragraphRewrites > 0) ||
      (paragraphRewrites >= 2 && paragraphRewrites * 2 >= x.paragraphs.length);
  }
  if (whole) return { parts: [], whole, formal };
  return { parts: c === 'npc' ? mergeSamePhrases(a, parts) : parts, whole, formal };
}

/** 将第十二条第一款中的“A”修改为“B”；第二款中的“A”修改为“B” → 将第十二条中的“A”修改为“B” (every A of it). */
function mergeSamePhrases(a: Article, parts: Part[]): Part[] {
  const phraseParts = parts.filter((p) => p.op === 'replace' && p.phrases?.length === 1);
  if (phraseParts.length < 2 || phraseParts.length !== parts.length) return parts;
  const e = phraseParts[0]!.phrases![0]!;
  if (!phraseParts.every((p) => sameEdit(p.phrases![0]!, e))) return parts;
  const whole = articleText(a);
  let n = 0;
  for (let i = whole.indexOf(e.from); i >= 0; i = whole.indexOf(e.from, i + 1)) n++;
  if (n !== phraseParts.length) return parts;
  return [{ op: 'replace', old: ref(a), text: T.phrases(citeArticle(a), [e]), phrases: [e], order: phraseParts[0]!.order }];
}

function sameEdit(p: PhraseEdit, q: PhraseEdit): boolean {
  return p.kind === q.kind && p.from === q.from && p.to === q.to && p.where === q.where;
}

/** Word-level form allowed for this change: exact, few phrases, a small share of the words. */
function phrasesFit(r: PhraseAnalysis): boolean {
  return r.exact && r.edits.length > 0 && r.edits.length <= MAX_PHRASES && r.changed / Math.max(1, r.total) <= PHRASE_SHARE;
}

interface ParagraphAnalysis {
  parts: Part[];
  formal: boolean;
  changed: number;
}

function analyseParagraph(
  a: Article,
  x: Article,
  left: number,
  right: number,
  pa: Paragraph,
  px: Paragraph,
  u: UnitAlignment,
  c: DecisionConvention,
  seg: Segmenter,
  order: number,
): ParagraphAnalysis {
  const rewriteParagraph = (changed: number): ParagraphAnalysis => {
    const text = paragraphText(px);
    const where = citeParagraph(a, left);
    return { parts: [{ op: 'modify', old: ref(a, left), new: ref(x, right), text: T.modifyProvision(where, text), quote: text, order, rewrite: 'paragraph' }], formal: false, changed };
  };
  if (pa.items.length === 0 && px.items.length === 0) {
    const r = analysePhrases(pa.text, px.text, seg);
    if (r.edits.length === 0 && r.exact) return { parts: [], formal: r.formal, changed: 0 };
    if (c === 'npc' && phrasesFit(r)) {
      const where = citeParagraph(a, left);
      return { parts: [{ op: 'replace', old: ref(a, left), new: ref(x, right), text: T.phrases(where, r.edits), phrases: r.edits, order }], formal: r.formal, changed: r.changed };
    }
    return rewriteParagraph(r.changed || r.total);
  }

  // A 款 with 项: the lead-in, then each 项 (added, deleted, reworded); reordered 项 rewrite the 款.
  const rows = u.items ?? [];
  if (rows.some((i) => i.relation === 'moved')) return rewriteParagraph(content(paragraphText(px)).length);
  const parts: Part[] = [];
  let formal = false;
  let changed = 0;
  const lead = analysePhrases(pa.text, px.text, seg);
  formal ||= lead.formal;
  if (lead.edits.length || !lead.exact) {
    if (c === 'npc' && phrasesFit(lead)) {
      parts.push({ op: 'replace', old: ref(a, left), new: ref(x, right), text: T.phrases(citeParagraph(a, left), lead.edits), phrases: lead.edits, order, rewrite: undefined });
      changed += lead.changed;
    } else return rewriteParagraph(content(paragraphText(px)).length);
  }
  const parent = citeParagraph(a, left);
  const sorted = rows.slice().sort((p, q) => (p.left ?? p.right!) - (q.left ?? q.right!) || (p.left === null ? 1 : -1));
  for (const row of sorted) {
    const ia: Item | undefined = row.left !== null ? pa.items[row.left - 1] : undefined;
    const ix: Item | undefined = row.right !== null ? px.items[row.right - 1] : undefined;
    if (ia && ix) {
      const oldBody = itemBody(ia);
      const newBody = itemBody(ix);
      if (oldBody === newBody) continue;
      const r = analysePhrases(oldBody, newBody, seg);
      formal ||= r.formal;
      if (r.edits.length === 0 && r.exact) continue;
      const where = citeItem(a, left, ia.number);
      changed += r.changed;
      if (c === 'npc' && phrasesFit(r)) parts.push({ op: 'replace', old: ref(a, left, ia.number), new: ref(x, right, ix.number), text: T.phrases(where, r.edits), phrases: r.edits, order: order + row.left! });
      else parts.push({ op: 'modify', old: ref(a, left, ia.number), new: ref(x, right, ix.number), text: T.modifyProvision(where, itemText(ix)), quote: itemText(ix), order: order + row.left!, rewrite: 'item' });
    } else if (ia) {
      changed += content(itemText(ia)).length;
      parts.push({ op: 'delete-item', old: ref(a, left, ia.number), text: T.deleteProvision(citeItem(a, left, ia.number)), order: order + ia.number });
    } else if (ix) {
      changed += content(itemText(ix)).length;
      const before = sorted.filter((r) => r.right !== null && r.right < row.right! && r.left !== null).map((r) => r.left!);
      const at = (before.length ? Math.max(...before) : 0) + 0.5;
      parts.push({ op: 'add-item', old: ref(a, left), new: ref(x, right, ix.number), text: T.addItem(parent, ix.number, itemText(ix)), quote: itemText(ix), order: order + at });
    }
  }
  if (parts.length > MAX_PHRASES) return rewriteParagraph(changed);
  return { parts, formal, changed };
}

/** A 项's words without its own label (its number may change while its wording does not). */
function itemBody(item: Item): string {
  return item.text + (item.items ?? []).map((s) => s.label + s.text).join('');
}

export { BLANK };
