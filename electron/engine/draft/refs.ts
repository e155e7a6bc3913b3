/**
 * The cross-reference check: every internal reference of a version found (scan.ts), resolved to the
 * provision it names, and checked —
 *   - `dangling`: no such article, 款, 项, chapter or section in this version (前款 in a first 款, too);
 *   - with `against` (the old version and the comparison old → new): a reference carried over from the
 *     old text — the same words in the corresponding 款 of the old text — whose target has another number
 *     now is `moved`, with the citation it should read (`suggest`); `deleted` when its target went.
 * References to other laws are returned apart (`external`), never checked.
 */
import type { Comparison } from '../compare';
import { addressOf, cite, findArticle, intToCn, say, type Article, type Version } from '../model';
import { scanChains, type Chain, type Citation, type PosToken } from './scan';
import type { ExternalReference, ProvisionRef, Reference, ReferenceReport, ReferenceSite, ReferenceStatus, ReferenceTarget } from './types';

export interface CheckOptions {
  /** The old version and the comparison old → this version: flags numbers carried over unchanged. */
  against?: { version: Version; comparison: Comparison };
}

interface Unit {
  article: Article;
  index: number;
  site: ReferenceSite;
  text: string;
}

/** Every piece of text a reference can stand in: each 款's lead-in, each 项, each 目. */
function units(version: Version): Unit[] {
  const out: Unit[] = [];
  version.articles.forEach((article, index) => {
    article.paragraphs.forEach((p, pi) => {
      const site = (item?: number, subitem?: number): ReferenceSite => ({
        ...addressOf(article, pi + 1, item, subitem),
        paragraph: pi + 1,
        label: cite(addressOf(article, pi + 1, item, subitem), article.label),
      });
      if (p.text) out.push({ article, index, site: site(), text: p.text });
      for (const item of p.items) {
        if (item.text) out.push({ article, index, site: site(item.number), text: item.text });
        for (const s of item.items ?? []) if (s.text) out.push({ article, index, site: site(item.number, s.number), text: s.text });
      }
    });
  });
  return out;
}

// ---- resolving ----------------------------------------------------------------------------------------

interface Context {
  version: Version;
  unit: Unit;
}

/** The levels a citation names, filled in from the citation before it and from where it stands. */
interface Resolved {
  target: ReferenceTarget | null;
  kind: Reference['kind'];
  /** Why there is no target (a 前款 in a first 款). */
  problem?: string;
}

type Levels = Partial<Record<PosToken['kind'], PosToken>>;

/** The 款 whose 项 a citation of 第X条第Y项 (no 款 named) means: the only 款 with 项, else the first. */
function paragraphWithItems(article: Article | null): number {
  if (!article) return 1;
  const withItems = article.paragraphs.map((p, i) => (p.items.length ? i + 1 : 0)).filter(Boolean);
  return withItems.length === 1 ? withItems[0]! : 1;
}

/**
 * One citation → the targets it names. `inherit`: the provision the citation continues from (the one
 * before it in the chain — 第十条第一款、第二款 — or, for a 款/项 cited without its article, the article the
 * sentence is about); null: the provision it stands in. A list token (第一、二款) names several targets,
 * a range token (第一至第四项) a run.
 */
function resolveCitation(c: Citation, inherit: ReferenceTarget | null, ctx: Context): Resolved[] {
  const { unit, version } = ctx;
  const levels: Levels = {};
  for (const t of c.levels) levels[t.kind] = t;
  const top = c.levels[0]!;
  const narrowest = c.levels[c.levels.length - 1]!.kind;
  const kind: Reference['kind'] = narrowest === 'subitem' ? 'item' : narrowest === 'part' ? 'chapter' : narrowest;

  if (top.kind === 'part' || top.kind === 'chapter' || top.kind === 'section') {
    const target: ReferenceTarget = { article: 0 };
    const here = unit.article;
    // 本法第二章第二节、第三节: the members after the first keep the wider levels of the one before.
    if (inherit && inherit.article === 0) {
      if (inherit.part !== undefined && !levels.part) target.part = inherit.part;
      if (inherit.chapter !== undefined && !levels.part && !levels.chapter) target.chapter = inherit.chapter;
    }
    if (levels.part) {
      // 本编 in a text that is not divided into 编 (one 编 of a code, on its own): nothing to check.
      if (levels.part.relative && !version.parts.length) return [];
      const part = levels.part.relative ? here.part : levels.part.numbers?.[0];
      if (part == null) return [{ target: null, kind, problem: say('refs.not_in_part', { label: here.label }) }];
      target.part = part;
    }
    if (levels.chapter) {
      const chapter = levels.chapter.relative ? here.chapter : levels.chapter.numbers?.[0];
      if (chapter == null) return [{ target: null, kind, problem: say('refs.not_in_chapter', { label: here.label }) }];
      target.chapter = chapter;
      // Chapter numbers restart in each 编: 第六章 alone is the 第六章 of the 编 it is cited from.
      if (target.part === undefined && here.part != null && !levels.chapter.relative) target.part = here.part;
      if (levels.chapter.relative && here.part != null) target.part = here.part;
    }
    if (levels.section) {
      const section = levels.section.relative ? here.section : levels.section.numbers?.[0];
      if (section == null) return [{ target: null, kind, problem: say('refs.not_in_section', { label: here.label }) }];
      target.section = section;
      if (target.chapter === undefined && here.chapter != null && levels.section.relative) target.chapter = here.chapter;
      if (target.chapter === undefined && here.chapter != null && !levels.section.relative) target.chapter = here.chapter;
      if (target.part === undefined && here.part != null) target.part = here.part;
    }
    return [{ target, kind }];
  }

  // The article: named, this one (本条), the one before (前条), the one just cited (该条), inherited, or here.
  type Base = { article: number; sub?: number; through?: Base };
  const here: Base = { article: unit.article.number, ...(unit.article.sub ? { sub: unit.article.sub } : {}) };
  const art = levels.article;
  let bases: Base[];
  let inheritedParagraph: number | undefined;
  if (top.relative === 'that') {
    if (!inherit || !inherit.article) return [];
    bases = [{ article: inherit.article, ...(inherit.sub ? { sub: inherit.sub } : {}) }];
    if (top.kind !== 'article') inheritedParagraph = inherit.paragraph;
    if (top.kind === 'item' && inherit.item === undefined) return [];
  } else if (art) {
    if (art.relative === 'this') bases = [here];
    else if (art.relative === 'previous') {
      const prev = version.articles[unit.index - (art.count ?? 1)];
      if (!prev) return [{ target: null, kind, problem: say('refs.no_previous_article', { label: unit.article.label }) }];
      bases = [{ article: prev.number, ...(prev.sub ? { sub: prev.sub } : {}) }];
    } else if (art.range) bases = [{ article: art.range[0], through: { article: art.range[1] } }];
    else bases = art.numbers!.map((n) => ({ article: n, ...(art.sub ? { sub: art.sub } : {}) }));
  } else if (inherit && inherit.article) {
    bases = [{ article: inherit.article, ...(inherit.sub ? { sub: inherit.sub } : {}) }];
    inheritedParagraph = inherit.paragraph;
  } else bases = [here];

  const out: Resolved[] = [];
  for (const base of bases) {
    const atHome = !art && top.relative !== 'that' && !inherit;
    const article = findArticle(version, base.article, base.sub);
    // 款
    let paragraphs: Array<{ paragraph?: number; through?: number }> = [{}];
    const para = levels.paragraph;
    if (para && para.relative === 'that') {
      paragraphs = [{ paragraph: inheritedParagraph }];
    } else if (para) {
      if (para.relative === 'this') paragraphs = [{ paragraph: unit.site.paragraph }];
      else if (para.relative === 'previous') {
        const count = para.count ?? 1;
        const first = unit.site.paragraph - count;
        if (first < 1) {
          // 前三款 where there are not three: read as "the first three", not as a reference.
          if (count > 1) return [];
          return [{ target: null, kind, problem: say('refs.no_previous', { label: unit.site.label, what: '前款' }) }];
        }
        paragraphs = [count === 1 ? { paragraph: first } : { paragraph: first, through: unit.site.paragraph - 1 }];
      } else if (para.range) paragraphs = [{ paragraph: para.range[0], through: para.range[1] }];
      else paragraphs = para.numbers!.map((n) => ({ paragraph: n }));
    } else if (levels.item || levels.subitem) {
      // 第三项 with no 款: the 款 it continues from, the 款 it stands in, or the article's 款 with 项.
      const p = inheritedParagraph ?? (atHome ? unit.site.paragraph : undefined);
      const hasItems = (n: number | undefined) => n !== undefined && !!article?.paragraphs[n - 1]?.items.length;
      paragraphs = [{ paragraph: hasItems(p) || levels.item?.relative ? p : paragraphWithItems(article) }];
    }
    for (const p of paragraphs) {
      // 项
      let items: Array<{ item?: number; through?: number }> = [{}];
      const it = levels.item;
      if (it) {
        if (it.relative === 'that') items = [{ item: inherit?.item }];
        else if (it.relative === 'this') items = [{ item: unit.site.item }];
        else if (it.relative === 'previous') {
          const count = it.count ?? 1;
          const first = (unit.site.item ?? 0) - count;
          if (unit.site.item === undefined || first < 1) {
            // 对前三项污染物征收: an ordinal outside a list of 项, not a reference.
            if (count > 1 || unit.site.item === undefined) return [];
            return [{ target: null, kind, problem: say('refs.no_previous', { label: unit.site.label, what: '前项' }) }];
          }
          items = [count === 1 ? { item: first } : { item: first, through: unit.site.item - 1 }];
        } else if (it.range) items = [{ item: it.range[0], through: it.range[1] }];
        else items = it.numbers!.map((n) => ({ item: n }));
      } else if (levels.subitem && inherit?.item !== undefined) items = [{ item: inherit.item }];
      for (const i of items) {
        const target: ReferenceTarget = { article: base.article, ...(base.sub ? { sub: base.sub } : {}) };
        if (p.paragraph !== undefined) target.paragraph = p.paragraph;
        if (i.item !== undefined) target.item = i.item;
        if (base.through) target.through = { article: base.through.article };
        else if (p.through !== undefined) target.through = { ...stripThrough(target), paragraph: p.through };
        else if (i.through !== undefined) target.through = { ...stripThrough(target), item: i.through };
        out.push({ target, kind });
      }
    }
  }
  return out;
}

function stripThrough(t: ReferenceTarget): ProvisionRef {
  const { through: _t, chapter: _c, section: _s, part: _p, ...rest } = t;
  return rest;
}

/** Why a target does not exist in a version, or null when it does. */
function missing(version: Version, t: ReferenceTarget): string | null {
  if (t.part !== undefined || t.chapter !== undefined || t.section !== undefined) {
    const partLabel = t.part !== undefined && version.parts.length ? `第${intToCn(t.part)}编` : '';
    if (partLabel && !version.parts.some((p) => p.number === t.part)) return say('refs.no_chapter', { label: partLabel });
    const inPart = (x: { part?: number | null }) => !version.parts.length || t.part === undefined || (x.part ?? null) === t.part;
    const chapter = t.chapter === undefined ? undefined : version.chapters.find((c) => c.number === t.chapter && inPart(c));
    if (t.chapter !== undefined && !chapter) return say('refs.no_chapter', { label: `${partLabel}第${intToCn(t.chapter)}章` });
    if (t.section !== undefined) {
      const found = version.sections.some((s) => s.number === t.section && (!chapter || s.chapterId === chapter.id || (s.chapterId == null && s.chapter === chapter.number)));
      if (!found) return say('refs.no_section', { label: `${partLabel}${t.chapter !== undefined ? `第${intToCn(t.chapter)}章` : ''}第${intToCn(t.section)}节` });
    }
    return null;
  }
  for (const p of t.through ? [stripThrough(t), t.through] : [t]) {
    const article = findArticle(version, p.article, p.sub);
    const label = cite({ article: p.article, ...(p.sub ? { sub: p.sub } : {}) });
    if (!article) return say('refs.no_article', { label });
    if (p.paragraph !== undefined && p.paragraph > article.paragraphs.length) {
      return say('refs.no_paragraph', { label, n: article.paragraphs.length, paragraph: intToCn(p.paragraph) });
    }
    if (p.item !== undefined) {
      const para = article.paragraphs[(p.paragraph ?? 1) - 1];
      if (!para?.items.some((i) => i.number === p.item)) {
        const where = p.paragraph !== undefined && article.paragraphs.length > 1 ? cite({ article: p.article, ...(p.sub ? { sub: p.sub } : {}), paragraph: p.paragraph }) : label;
        return say('refs.no_item', { label: where, item: intToCn(p.item) });
      }
    }
  }
  return null;
}

/** A target that names an article (not a chapter), for the context of the citations after it. */
const articleTarget = (t: ReferenceTarget | null | undefined): ReferenceTarget | null => (t && t.article > 0 ? t : null);

/**
 * The references of one unit of text. `leadIn`: the last article the 款's lead-in cited, for the 项 under
 * it ("违反本条例第三十条规定，有下列行为之一的：…（二）违反第六项、第七项规定的" — the 项 of 第三十条).
 */
function unitReferences(ctx: Context, leadIn: ReferenceTarget | null): { references: Reference[]; external: ExternalReference[]; last: ReferenceTarget | null } {
  const references: Reference[] = [];
  const external: ExternalReference[] = [];
  const { unit } = ctx;
  const here = unit.article;
  // The last provision this unit cited (违反第三十三条第一款规定的…；违反第二款规定的 — 第三十三条的第二款).
  let unitLast: ReferenceTarget | null = null;
  for (const chain of scanChains(unit.text)) {
    const text = unit.text.slice(chain.start, chain.end);
    if (chain.external) {
      const at = chain.external === '》' ? -1 : unit.text.lastIndexOf(chain.external, chain.start);
      const start = at >= 0 && at + chain.external.length >= chain.start - 1 ? at : chain.start;
      external.push({ from: unit.site, text: unit.text.slice(start, chain.end), law: chain.external, start, end: chain.end });
      continue;
    }
    const first = chain.citations[0]!.levels[0]!;
    const form: Reference['form'] = chain.marker ? 'explicit' : first.relative ? 'relative' : 'bare';
    let inherit: ReferenceTarget | null = null;
    for (let k = 0; k < chain.citations.length; k++) {
      const c = chain.citations[k]!;
      let resolved: Resolved[];
      if (k === 0 && c.levels[0]!.relative === 'that') {
        resolved = resolveCitation(c, unitLast ?? leadIn, ctx);
      } else if (k === 0 && !c.levels.some((l) => l.kind === 'article' || l.kind === 'part' || l.kind === 'chapter' || l.kind === 'section') && !c.levels[0]!.relative) {
        // A 款/项 cited without its article: of the article this sentence (or the lead-in) is about, when
        // that article has it; else of the article it stands in.
        // The context first: a 项 cited in a 项 whose lead-in cites another article is that article's.
        const candidates = [unitLast, leadIn].filter((t): t is ReferenceTarget => !!t && !(t.article === here.number && (t.sub ?? 0) === (here.sub ?? 0)));
        const fits = (rs: Resolved[]) => rs.length > 0 && rs.every((r) => r.target && !missing(ctx.version, r.target));
        resolved = [];
        for (const cand of candidates) {
          const alt = resolveCitation(c, { article: cand.article, ...(cand.sub ? { sub: cand.sub } : {}), ...(c.levels[0]!.kind !== 'paragraph' && cand.paragraph !== undefined ? { paragraph: cand.paragraph } : {}) }, ctx);
          if (fits(alt)) {
            resolved = alt;
            break;
          }
        }
        if (!resolved.length) resolved = resolveCitation(c, null, ctx);
      } else resolved = resolveCitation(c, inherit, ctx);
      const start = c.start;
      let end = c.end;
      // 第十条至第十五条: one reference to the run.
      if (c.rangeToNext && chain.citations[k + 1]) {
        const d = chain.citations[k + 1]!;
        const last = resolveCitation(d, resolved[resolved.length - 1]?.target ?? inherit, ctx);
        const a = resolved[0];
        const b = last[last.length - 1];
        if (a?.target && b?.target) resolved = [{ target: { ...a.target, through: stripThrough(b.target) }, kind: a.kind }];
        end = d.end;
        k++;
      }
      for (const r of resolved) {
        const ref: Reference = {
          from: unit.site,
          text,
          cited: unit.text.slice(start, end),
          start,
          end,
          form,
          kind: r.kind,
          target: r.target,
          status: 'ok',
        };
        const problem = r.problem ?? (r.target ? missing(ctx.version, r.target) : null);
        if (problem) {
          ref.status = 'dangling';
          ref.message = problem;
        }
        references.push(ref);
      }
      const lastTarget = resolved[resolved.length - 1]?.target;
      if (lastTarget) inherit = lastTarget;
      if (articleTarget(lastTarget)) unitLast = lastTarget!;
    }
  }
  return { references, external, last: unitLast };
}

/** A version whose articles are 条 (not the numbered items of a policy opinion or of a decision). */
const hasArticles = (version: Version) => version.articles.some((a) => /^第.+条/.test(a.label));

/** Every reference of a version, resolved against the version itself (no `moved` without `against`). */
export function findReferences(version: Version): { references: Reference[]; external: ExternalReference[] } {
  const references: Reference[] = [];
  const external: ExternalReference[] = [];
  const articles = hasArticles(version);
  let leadIn: { key: string; target: ReferenceTarget | null } = { key: '', target: null };
  for (const unit of units(version)) {
    const paraKey = `${unit.index}.${unit.site.paragraph}`;
    if (leadIn.key !== paraKey) leadIn = { key: paraKey, target: null };
    const r = unitReferences({ version, unit }, unit.site.item !== undefined ? leadIn.target : null);
    if (unit.site.item === undefined) leadIn.target = r.last;
    if (articles) references.push(...r.references);
    else {
      // Without 条 of its own (an opinion, a decision amending other texts), a 第X条 cites another text.
      for (const ref of r.references) if (ref.kind !== 'paragraph' && ref.form !== 'relative') external.push({ from: ref.from, text: ref.text, law: '', start: ref.start, end: ref.end });
    }
    external.push(...r.external);
  }
  return { references, external };
}

// ---- against an old version ---------------------------------------------------------------------------

const key = (p: { article: number; sub?: number; paragraph?: number; item?: number }) => `${p.article}.${p.sub ?? 0}.${p.paragraph ?? ''}.${p.item ?? ''}`;

/** Where each article, 款 and 项 of the old version is in the new one (null: deleted). */
export interface NumberingMap {
  old(p: ProvisionRef): ProvisionRef | null | undefined;
  /**
   * The old provision a new one continues (an article, 款 or 项), or undefined when it is new: for finding
   * the words a reference was carried over with, and whether a provision was added in place of another.
   */
  back(p: ProvisionRef): ProvisionRef | undefined;
}

export function numberingMap(comparison: Comparison): NumberingMap {
  const forward = new Map<string, ProvisionRef | null>();
  const back = new Map<string, ProvisionRef>();
  const art = (info: { number: number; sub?: number }): ProvisionRef => ({ article: info.number, ...(info.sub ? { sub: info.sub } : {}) });
  for (const pair of comparison.pairs) {
    const L = pair.leftArticles;
    const R = pair.rightArticles;
    const infoOf = (list: typeof L, n: number | undefined) => (n === undefined ? list[0] : (list.find((a) => a.number === n) ?? list[0]));
    // Articles: a pair of one and one, deleted, or split/merged (the first article holding its 款).
    if (L.length === 1) {
      const a = art(L[0]!);
      if (R.length === 0) forward.set(key(a), null);
      else if (R.length === 1 || pair.relation === 'split') {
        if (!forward.has(key(a)) || pair.relation === 'unchanged' || pair.relation === 'modified' || pair.relation === 'moved') {
          const first = pair.paragraphs.find((u) => u.right !== null && u.left !== null);
          const target = art((first ? infoOf(R, first.rightArticle) : R[0])!);
          forward.set(key(a), target);
          if (R.length === 1 && !back.has(key(target))) back.set(key(target), a);
        }
      }
    }
    for (const u of pair.paragraphs) {
      if (u.left === null) continue;
      const la = infoOf(L, u.leftArticle);
      if (!la) continue;
      const from: ProvisionRef = { ...art(la), paragraph: u.left };
      let to: ProvisionRef | null = null;
      if (u.right !== null) {
        const ra = infoOf(R, u.rightArticle);
        if (ra) to = { ...art(ra), paragraph: u.right };
      } else if (u.movedTo) {
        to = { article: u.movedTo.article, ...(u.movedTo.sub ? { sub: u.movedTo.sub } : {}), paragraph: u.movedTo.paragraph };
      }
      if (!forward.has(key(from)) || to) forward.set(key(from), to);
      if (to && u.right !== null) back.set(key(to), from);
      for (const i of u.items ?? []) {
        if (i.left === null) continue;
        const itemTo = to && i.right !== null ? { ...to, item: i.right } : null;
        forward.set(key({ ...from, item: i.left }), itemTo);
        if (itemTo && u.right !== null) back.set(key(itemTo), { ...from, item: i.left });
      }
    }
  }
  return {
    old(p) {
      if (p.item !== undefined) {
        const hit = forward.get(key(p));
        if (hit !== undefined) return hit;
        // A 款 without 项 alignment (unchanged): its 项 keep their numbers.
        const para = forward.get(key({ article: p.article, sub: p.sub, paragraph: p.paragraph ?? 1 }));
        return para ? { ...para, item: p.item } : para;
      }
      if (p.paragraph !== undefined) {
        const hit = forward.get(key(p));
        if (hit !== undefined) return hit;
        // The article is known but not this 款 (it never existed): keep it as the article moved.
        const a = forward.get(key({ article: p.article, sub: p.sub }));
        return a ? { ...a, paragraph: p.paragraph } : a;
      }
      return forward.get(key(p));
    },
    back(p) {
      return back.get(key(p));
    },
  };
}

function sameTarget(a: ReferenceTarget | null, b: ReferenceTarget | null): boolean {
  if (!a || !b) return a === b;
  const same = (x: ProvisionRef, y: ProvisionRef) => x.article === y.article && (x.sub ?? 0) === (y.sub ?? 0) && x.paragraph === y.paragraph && x.item === y.item;
  if (!same(a, b)) return false;
  if (!!a.through !== !!b.through) return false;
  return !a.through || same(a.through, b.through!);
}

/** A 项 cited without its 款 (第五条第三项): the article's only 款 with 项 is meant. */
function withoutParagraph(t: ReferenceTarget): ReferenceTarget {
  const { paragraph: _p, ...rest } = t;
  const through = t.through ? (({ paragraph: _q, ...r }) => r)(t.through) : undefined;
  return { ...rest, ...(through ? { through } : {}) };
}

/** A target as a citation: 第三十五条, 第十条第二款, 第十条至第十二条, 第一款至第三款. */
export function citeTarget(t: ReferenceTarget, site?: ReferenceSite): string {
  const one = (p: ProvisionRef, base?: ProvisionRef): string => {
    // Within the article of the first end (or of the site), the article is not repeated.
    if (base && p.article === base.article && (p.sub ?? 0) === (base.sub ?? 0) && p.paragraph !== undefined) {
      const s = cite({ article: p.article, ...(p.sub ? { sub: p.sub } : {}), paragraph: p.paragraph, ...(p.item !== undefined ? { item: p.item } : {}) });
      return s.slice(s.indexOf('条') + 1 + (p.sub ? 1 + intToCn(p.sub).length : 0));
    }
    if (p.paragraph === undefined && p.item !== undefined) return `${cite({ article: p.article, ...(p.sub ? { sub: p.sub } : {}) })}第${intToCn(p.item)}项`;
    return cite({ article: p.article, ...(p.sub ? { sub: p.sub } : {}), ...(p.paragraph !== undefined ? { paragraph: p.paragraph } : {}), ...(p.item !== undefined ? { item: p.item } : {}) });
  };
  const first = stripThrough(t);
  const siteArticle = site ? { article: site.article, ...(site.sub ? { sub: site.sub } : {}) } : undefined;
  const head = siteArticle && first.paragraph !== undefined ? one(first, siteArticle) : one(first);
  if (!t.through) return head;
  const end = t.through;
  // 第一款第一项至第四项: what the two ends share is written once.
  if (end.article === first.article && (end.sub ?? 0) === (first.sub ?? 0) && end.paragraph === first.paragraph && end.item !== undefined) return `${head}至第${intToCn(end.item)}项`;
  return `${head}至${one(end, first)}`;
}

/** The relative form a moved relative reference should take, when there is one (前款, 前两款, 本条第N款). */
function relativeSuggestion(t: ReferenceTarget, site: ReferenceSite): string {
  const inArticle = t.article === site.article && (t.sub ?? 0) === (site.sub ?? 0);
  if (inArticle && t.paragraph !== undefined && t.item === undefined) {
    const last = t.through?.paragraph ?? t.paragraph;
    const count = last - t.paragraph + 1;
    if (last === site.paragraph - 1) return count === 1 ? '前款' : `前${intToCn(count)}款`;
    return `本条${citeTarget(t, site)}`;
  }
  return citeTarget(t, site);
}

/** Carries the check over from the old version: the references kept with the old text's numbers. */
function checkAgainst(newRefs: Reference[], version: Version, against: NonNullable<CheckOptions['against']>): void {
  const map = numberingMap(against.comparison);
  const old = findReferences(against.version).references;
  const bySite = new Map<string, Reference[]>();
  for (const r of old) {
    const k = key({ article: r.from.article, sub: r.from.sub, paragraph: r.from.paragraph });
    const list = bySite.get(k) ?? [];
    list.push(r);
    bySite.set(k, list);
  }
  const used = new Set<Reference>();
  for (const r of newRefs) {
    if (r.kind === 'chapter' || r.kind === 'section') continue;
    const site: ProvisionRef = { article: r.from.article, ...(r.from.sub ? { sub: r.from.sub } : {}), paragraph: r.from.paragraph };
    const oldSite = map.back(site);
    if (!oldSite) continue;
    // The 项 it stands in continues which old 项 (a 项 of an unchanged 款 keeps its number).
    const oldItem = r.from.item === undefined ? undefined : (map.back({ ...site, item: r.from.item })?.item ?? r.from.item);
    // The same words in the 款 (项) this one continues: carried over from the old text.
    const twin = (bySite.get(key(oldSite)) ?? []).find((o) => !used.has(o) && o.text === r.text && o.cited === r.cited && o.from.item === oldItem);
    if (!twin) continue;
    used.add(twin);
    if (!twin.target || twin.status === 'dangling') continue;
    const ends = twin.target.through ? [stripThrough(twin.target), twin.target.through] : [stripThrough(twin.target)];
    const mapped = ends.map((e) => map.old(e));
    if (mapped.some((m) => m === undefined)) continue;
    const oldLabel = citeTarget(twin.target);
    if (mapped.some((m) => m === null)) {
      // A provision rewritten in place (the old one deleted, a new one added at the same number) and the
      // sentence citing it reworded too: the drafter has been here; the reference stands.
      const addedInPlace = r.target && !map.back(stripThrough(r.target)) && findReferenceTarget(version, r.target);
      if (addedInPlace && unitText(version, r.from) !== unitText(against.version, twin.from)) continue;
      r.status = 'deleted';
      r.message = say('refs.deleted', { old: oldLabel });
      delete r.suggest;
      continue;
    }
    const now: ReferenceTarget = { ...(mapped[0] as ProvisionRef), ...(mapped[1] ? { through: mapped[1] as ProvisionRef } : {}) };
    // An item range or 款 range keeps its shape only when it is still contiguous in one article.
    if (sameTarget(now, r.target)) {
      if (r.status === 'dangling') continue;
      r.status = 'ok';
      delete r.message;
      continue;
    }
    r.status = 'moved';
    // Written as 第四十五条第三项 (the 款 not named): suggested the same way.
    const written = !/款/.test(r.cited) && now.item !== undefined && r.target?.paragraph === twin.target.paragraph ? withoutParagraph(now) : now;
    r.suggest = r.form === 'relative' ? relativeSuggestion(now, r.from) : citeTarget(written);
    r.message = say('refs.moved', { old: oldLabel, now: citeTarget(now) });
  }
}

/** The target exists in the version. */
function findReferenceTarget(version: Version, t: ReferenceTarget): boolean {
  return missing(version, t) === null;
}

/** The text of the unit (款 lead-in, 项, 目) a reference stands in. */
function unitText(version: Version, site: ReferenceSite): string | undefined {
  const a = findArticle(version, site.article, site.sub);
  const p = a?.paragraphs[site.paragraph - 1];
  if (!p) return undefined;
  if (site.item === undefined) return p.text;
  const item = p.items.find((i) => i.number === site.item);
  if (site.subitem === undefined) return item?.text;
  return item?.items?.find((x) => x.number === site.subitem)?.text;
}

/** A target as the reader is told it, whole (not relative to where it is cited): a provision, a 编/章/节. */
function targetLabel(t: ReferenceTarget): string | null {
  if (t.article > 0) return citeTarget(t);
  const parts = [t.part !== undefined ? `第${intToCn(t.part)}编` : '', t.chapter !== undefined ? `第${intToCn(t.chapter)}章` : '', t.section !== undefined ? `第${intToCn(t.section)}节` : ''].join('');
  return parts || null;
}

/** The cross-reference check of a version (see the file comment). */
export function checkReferences(version: Version, options: CheckOptions = {}): ReferenceReport {
  const { references, external } = findReferences(version);
  if (options.against) checkAgainst(references, version, options.against);
  const counts: Record<ReferenceStatus, number> = { ok: 0, dangling: 0, moved: 0, deleted: 0 };
  for (const r of references) {
    counts[r.status]++;
    const label = r.target ? targetLabel(r.target) : null;
    if (label) r.targetLabel = label;
  }
  return { references, external, counts, against: !!options.against };
}

export type { Chain };
