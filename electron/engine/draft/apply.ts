/**
 * A decision applied to the old text, item by item, the way a reader of the decision would: what comes
 * out is the new text the decision describes. `decisionDiscrepancies` compares it with the new version —
 * nothing is listed when the decision is exact (punctuation apart, which the closing sentence covers).
 * Used by the tests on every decision, and available to a preview ("the text after this decision").
 */
import { intToCn, itemText, type Article, type Version } from '../model';
import type { Decision, DecisionItem } from './types';
import { applyPhrases, content } from './words';

interface WorkItem {
  body: string;
  oldNo?: number;
}
interface WorkParagraph {
  lead: string;
  items: WorkItem[];
  oldIndex?: number;
}
interface WorkArticle {
  old?: { article: number; sub?: number };
  /** The number the decision gives it (renumbered, moved, added, rewritten as 第X条). */
  number?: number;
  paragraphs: WorkParagraph[];
  deleted?: boolean;
}

const ITEM_LINE = /^（([一二三四五六七八九十百]+)）/u;
const ARTICLE_LABEL = /^第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?[　\s]+/u;

/** A quoted text back into 款 and 项 (one per line, as the decision writes them). */
function parseQuote(text: string): WorkParagraph[] {
  const out: WorkParagraph[] = [];
  for (const line of text.replace(ARTICLE_LABEL, '').split('\n')) {
    const m = ITEM_LINE.exec(line);
    if (m) {
      if (!out.length) out.push({ lead: '', items: [] });
      out[out.length - 1]!.items.push({ body: line.slice(m[0].length) });
    } else out.push({ lead: line, items: [] });
  }
  return out;
}

const itemBody = (i: Article['paragraphs'][number]['items'][number]) => itemText(i).slice(i.label.length);

function fromArticle(a: Article): WorkArticle {
  return {
    old: { article: a.number, ...(a.sub ? { sub: a.sub } : {}) },
    paragraphs: a.paragraphs.map((p, k) => ({ lead: p.text, oldIndex: k + 1, items: p.items.map((i) => ({ body: itemBody(i), oldNo: i.number })) })),
  };
}

/** The new text as the decision describes it: each article's text, 项 numbered in order. */
export function applyDecision(old: Version, decision: Decision): string[] {
  const work = old.articles.map(fromArticle);
  const byOld = (r: { article: number; sub?: number } | undefined) => (r ? work.find((w) => w.old && w.old.article === r.article && (w.old.sub ?? 0) === (r.sub ?? 0)) : undefined);
  const added: WorkArticle[] = [];
  const pendingParagraphs: Array<{ w: WorkArticle; at: number; p: WorkParagraph }> = [];
  const pendingItems: Array<{ p: WorkParagraph; at: number; item: WorkItem }> = [];
  const paragraphOf = (w: WorkArticle | undefined, index: number | undefined) => w?.paragraphs.find((p) => p.oldIndex === (index ?? 1));

  for (const item of decision.items) apply(item);

  function apply(item: DecisionItem): void {
    // Chapter headings are not article text.
    if (item.old?.chapter !== undefined || item.new?.chapter !== undefined) return;
    const w = byOld(item.old);
    switch (item.op) {
      case 'modify': {
        if (!w) return;
        if (item.old!.paragraph === undefined) {
          w.paragraphs = parseQuote(item.quote ?? '');
          if (item.new && (item.new.article !== item.old!.article || item.alsoOld?.length)) w.number = item.new.article;
          for (const o of item.alsoOld ?? []) byOld(o)!.deleted = true;
        } else if (item.old!.item === undefined) {
          const p = paragraphOf(w, item.old!.paragraph);
          if (p) Object.assign(p, parseQuote(item.quote ?? '')[0] ?? { lead: '', items: [] });
        } else {
          const p = paragraphOf(w, item.old!.paragraph);
          const it = p?.items.find((i) => i.oldNo === item.old!.item);
          if (it) it.body = (item.quote ?? '').replace(ITEM_LINE, '');
        }
        return;
      }
      case 'replace': {
        if (!w || !item.phrases) return;
        if (item.old!.paragraph === undefined) {
          // Every occurrence in the article (将第十二条中的“A”修改为“B”).
          for (const p of w.paragraphs) {
            p.lead = replaceEvery(p.lead, item);
            for (const i of p.items) i.body = replaceEvery(i.body, item);
          }
          return;
        }
        const p = paragraphOf(w, item.old!.paragraph);
        if (!p) return;
        if (item.old!.item === undefined) p.lead = applyPhrases(p.lead, item.phrases) ?? p.lead;
        else {
          const it = p.items.find((i) => i.oldNo === item.old!.item);
          if (it) it.body = applyPhrases(it.body, item.phrases) ?? it.body;
        }
        return;
      }
      case 'delete':
        if (w) w.deleted = true;
        for (const o of item.alsoOld ?? []) {
          const x = byOld(o);
          if (x) x.deleted = true;
        }
        return;
      case 'add': {
        const numbers = [item.new!, ...(item.alsoNew ?? [])].map((r) => r.article);
        const texts = (item.quote ?? '').split(/\n(?=第[一二三四五六七八九十百千零〇]+条(?:之[一二三四五六七八九十]+)?　)/u);
        numbers.forEach((n, k) => added.push({ number: n, paragraphs: parseQuote(texts[k] ?? '') }));
        return;
      }
      case 'add-paragraph':
        if (w) pendingParagraphs.push({ w, at: item.new!.paragraph!, p: parseQuote(item.quote ?? '')[0] ?? { lead: '', items: [] } });
        return;
      case 'delete-paragraph': {
        const p = paragraphOf(w, item.old!.paragraph);
        if (w && p) w.paragraphs = w.paragraphs.filter((x) => x !== p);
        return;
      }
      case 'add-item': {
        const p = paragraphOf(w, item.old!.paragraph);
        if (p) pendingItems.push({ p, at: item.new!.item!, item: { body: (item.quote ?? '').replace(ITEM_LINE, '') } });
        return;
      }
      case 'delete-item': {
        const p = paragraphOf(w, item.old!.paragraph);
        if (p) p.items = p.items.filter((i) => i.oldNo !== item.old!.item);
        return;
      }
      case 'renumber':
      case 'move':
        if (w) w.number = item.new!.article;
        return;
    }
  }

  // Insertions last, lowest position first, so each "作为第N款/项" lands where the new text has it.
  for (const x of pendingItems.sort((a, b) => a.at - b.at)) x.p.items.splice(x.at - 1, 0, x.item);
  for (const x of pendingParagraphs.sort((a, b) => a.at - b.at)) x.w.paragraphs.splice(x.at - 1, 0, x.p);

  const survivors = work.filter((w) => !w.deleted);
  // Item by item, every article's number is known (given, or kept): the new text is in number order,
  // whatever gaps its numbering has.
  if (decision.renumber === 'items') {
    const numbered = [...survivors.map((w) => ({ w, n: w.number ?? w.old!.article, s: w.number === undefined ? (w.old!.sub ?? 0) : 0 })), ...added.map((w) => ({ w, n: w.number!, s: 0 }))];
    return numbered.sort((a, b) => a.n - b.n || a.s - b.s).map((x) => render(x.w));
  }
  // Otherwise articles with a number go there; the others fill the remaining places in their old order.
  const placed = [...survivors.filter((w) => w.number !== undefined), ...added];
  const total = survivors.length + added.length;
  const slots: Array<WorkArticle | undefined> = new Array(total).fill(undefined);
  const overflow: WorkArticle[] = [];
  for (const w of placed.sort((a, b) => a.number! - b.number!)) {
    const k = w.number! - 1;
    if (k >= 0 && k < total && !slots[k]) slots[k] = w;
    else overflow.push(w);
  }
  const rest = [...survivors.filter((w) => w.number === undefined), ...overflow];
  for (let k = 0; k < total; k++) if (!slots[k]) slots[k] = rest.shift();
  return slots.map((w) => (w ? render(w) : ''));
}

function replaceEvery(text: string, item: DecisionItem): string {
  let out = text;
  for (const e of item.phrases ?? []) {
    if (e.kind === 'insert') out = out.split(e.from).join(e.where === 'before' ? e.to + e.from : e.from + e.to);
    else out = out.split(e.from).join(e.to);
  }
  return out;
}

function render(w: WorkArticle): string {
  return w.paragraphs
    .map((p) => [p.lead, ...p.items.map((i, k) => `（${intToCn(k + 1)}）${i.body}`)].filter((s) => s !== '').join('\n'))
    .join('\n');
}

/** Where the decision applied to `old` does not give `next` (punctuation aside): article labels and why. */
export function decisionDiscrepancies(old: Version, next: Version, decision: Decision): Array<{ article: number; expected: string; got: string }> {
  const got = applyDecision(old, decision);
  const out: Array<{ article: number; expected: string; got: string }> = [];
  const n = Math.max(got.length, next.articles.length);
  for (let k = 0; k < n; k++) {
    const a = next.articles[k];
    const expected = a ? renderArticle(a) : '';
    const g = got[k] ?? '';
    if (content(expected) !== content(g)) out.push({ article: a?.number ?? k + 1, expected, got: g });
  }
  return out;
}

function renderArticle(a: Article): string {
  return a.paragraphs.map((p) => [p.text, ...p.items.map((i, k) => `（${intToCn(k + 1)}）${itemBody(i)}`)].filter((s) => s !== '').join('\n')).join('\n');
}
