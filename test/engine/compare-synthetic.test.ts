/**
 * Version comparison on synthetic edits of real seed versions: each test makes one kind of edit a
 * drafter makes (insert, delete, swap, split, merge, renumber, replace) and checks that the comparison
 * names it — and that nothing else is reported changed.
 */
import { describe, expect, it } from 'vitest';
import { compareVersions, type Comparison, type Pair } from '../../electron/engine/compare';
import { articleId, articleLabel, type Article, type Version } from '../../electron/engine/model';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { seedPool, syntheticVersions } from '../../scripts/bench/compare';
import { parseSeed as parseSeedFresh, type SeedId } from '../helpers/seeds';

const parsed = new Map<SeedId, ReturnType<typeof parseSeedFresh>>();
/** Each seed parsed once for the whole file. */
const parseSeed = (id: SeedId) => parsed.get(id) ?? (parsed.set(id, parseSeedFresh(id)), parsed.get(id)!);

/** The version with its articles renumbered 1..n in the given order, as a drafter's new draft would be. */
function draftOf(base: Version, articles: Article[]): Version {
  return {
    ...base,
    articles: articles.map((a, k) => ({ ...a, number: k + 1, sub: undefined, label: articleLabel(k + 1), id: articleId(k + 1), notes: [] })),
  };
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const pair = (c: Comparison, left: number[], right: number[]): Pair => {
  const found = c.pairs.filter((p) => same(p.left, left) && same(p.right, right));
  expect(found, `pair ${JSON.stringify(left)} ↔ ${JSON.stringify(right)}`).toHaveLength(1);
  return found[0]!;
};

/** Contract: every article on each side is in exactly one pair, except receivers of split/merged 款. */
function expectCoverage(c: Comparison, left: Version, right: Version): void {
  const extra = c.pairs.filter((p) => p.relation === 'split' || p.relation === 'merged');
  const multi = new Set([...extra.flatMap((p) => p.left.map((n) => `L${n}`)), ...extra.flatMap((p) => p.right.map((n) => `R${n}`))]);
  for (const a of left.articles) {
    const n = c.pairs.filter((p) => p.left.includes(a.number)).length;
    if (multi.has(`L${a.number}`)) expect(n).toBeGreaterThanOrEqual(1);
    else expect(n, `left ${a.number}`).toBe(1);
  }
  for (const a of right.articles) {
    const n = c.pairs.filter((p) => p.right.includes(a.number)).length;
    if (multi.has(`R${a.number}`)) expect(n).toBeGreaterThanOrEqual(1);
    else expect(n, `right ${a.number}`).toBe(1);
  }
}

/** All pairs other than the listed ones are unchanged. */
function expectRestUnchanged(c: Comparison, except: Pair[]): void {
  const others = c.pairs.filter((p) => !except.includes(p));
  expect(others.filter((p) => p.relation !== 'unchanged').map((p) => `${p.left}→${p.right} ${p.relation}`)).toEqual([]);
}

interface Case {
  seed: SeedId;
  /** 1-based article numbers chosen by reading: multi-款 articles for split, neighbours on one subject for merge. */
  insertAt: number;
  insertFrom: [SeedId, number];
  deleteAt: number;
  swap: [number, number];
  split: number;
  merge: number;
  replace: number;
  replaceWith: [SeedId, number];
}

const CASES: Case[] = [
  // Shenzhen: 第四十条 人才培训与支持 has 4 款; 第十九条 用地保障 + 第二十条 用房保障 read as one provision.
  { seed: 'shenzhen-draft', insertAt: 30, insertFrom: ['zhejiang-2023', 19], deleteAt: 45, swap: [12, 13], split: 40, merge: 19, replace: 52, replaceWith: ['zhejiang-2020-opinion', 3] },
  // Zhejiang: 第十五条 has 4 款; 第三条 and 第四条 are both on government duties.
  { seed: 'zhejiang-2023', insertAt: 10, insertFrom: ['shenzhen-draft', 43], deleteAt: 33, swap: [50, 51], split: 15, merge: 3, replace: 28, replaceWith: ['zhejiang-2020-opinion', 3] },
];

describe.each(CASES)('synthetic edits of $seed', (k) => {
  const base = parseSeed(k.seed).versions[0]!;
  const arts = base.articles;
  const n = arts.length;
  const other = (ref: [SeedId, number]) => parseSeed(ref[0]).versions[0]!.articles[ref[1] - 1]!;

  it('identical versions: everything unchanged', () => {
    const c = compareVersions(base, base);
    expect(c.summary.unchanged).toBe(n);
    expect(c.pairs.every((p) => p.similarity === 1 && !p.renumbered && p.diff.every((s) => s.op === 'equal'))).toBe(true);
  });

  it('an inserted article is added; the articles after it are renumbered, not changed', () => {
    const right = draftOf(base, [...arts.slice(0, k.insertAt - 1), other(k.insertFrom), ...arts.slice(k.insertAt - 1)]);
    const c = compareVersions(base, right);
    const added = pair(c, [], [k.insertAt]);
    expect(added.relation).toBe('added');
    expectRestUnchanged(c, [added]);
    expect(c.pairs.filter((p) => p.renumbered)).toHaveLength(n - k.insertAt + 1);
    expect(pair(c, [k.insertAt], [k.insertAt + 1]).renumbered).toBe(true);
    expectCoverage(c, base, right);
  });

  it('a deleted article is deleted; the rest unchanged', () => {
    const right = draftOf(base, arts.filter((_, i) => i !== k.deleteAt - 1));
    const c = compareVersions(base, right);
    const deleted = pair(c, [k.deleteAt], []);
    expect(deleted.relation).toBe('deleted');
    expectRestUnchanged(c, [deleted]);
    expect(pair(c, [k.deleteAt + 1], [k.deleteAt]).relation).toBe('unchanged');
    expectCoverage(c, base, right);
  });

  it('two swapped articles pair with their originals; one is reported moved', () => {
    const [a, b] = k.swap;
    const order = arts.slice();
    [order[a - 1], order[b - 1]] = [order[b - 1]!, order[a - 1]!];
    const right = draftOf(base, order);
    const c = compareVersions(base, right);
    const pa = pair(c, [a], [b]);
    const pb = pair(c, [b], [a]);
    expect([pa.relation, pb.relation].sort()).toEqual(['moved', 'unchanged']);
    expect(pa.renumbered && pb.renumbered).toBe(true);
    expect(pa.diff.every((s) => s.op === 'equal') && pb.diff.every((s) => s.op === 'equal')).toBe(true);
    expectRestUnchanged(c, [pa, pb]);
  });

  it('an article split in two (its first 款 stays, the others form a new article): split', () => {
    const s = arts[k.split - 1]!;
    expect(s.paragraphs.length).toBeGreaterThanOrEqual(3);
    const head: Article = { ...s, paragraphs: s.paragraphs.slice(0, 1) };
    const tail: Article = { ...s, heading: null, paragraphs: s.paragraphs.slice(1) };
    const right = draftOf(base, [...arts.slice(0, k.split - 1), head, tail, ...arts.slice(k.split)]);
    const c = compareVersions(base, right);
    const kept = pair(c, [k.split], [k.split]);
    expect(kept.relation).toBe('modified');
    // The 款 that left are shown as moved to the new article.
    expect(kept.paragraphs.filter((u) => u.relation === 'moved').map((u) => [u.left, u.movedTo?.article, u.movedTo?.paragraph])).toEqual(
      s.paragraphs.slice(1).map((_, i) => [i + 2, k.split + 1, i + 1]),
    );
    const split = pair(c, [k.split], [k.split + 1]);
    expect(split.relation).toBe('split');
    expect(split.similarity).toBe(1);
    expectRestUnchanged(c, [kept, split]);
    expectCoverage(c, base, right);
  });

  it('two articles merged into one: the second is merged into the first', () => {
    const a = arts[k.merge - 1]!;
    const b = arts[k.merge]!;
    const merged: Article = { ...a, paragraphs: [...a.paragraphs, ...b.paragraphs] };
    const right = draftOf(base, [...arts.slice(0, k.merge - 1), merged, ...arts.slice(k.merge + 1)]);
    const c = compareVersions(base, right);
    const kept = pair(c, [k.merge], [k.merge]);
    expect(kept.relation).toBe('modified');
    expect(kept.paragraphs.filter((u) => u.relation === 'moved').map((u) => u.movedFrom?.article)).toEqual(b.paragraphs.map(() => k.merge + 1));
    const m = pair(c, [k.merge + 1], [k.merge]);
    expect(m.relation).toBe('merged');
    expectRestUnchanged(c, [kept, m]);
    expectCoverage(c, base, right);
  });

  it('renumbering everything (the first three articles dropped): all others unchanged, renumbered', () => {
    const right = draftOf(base, arts.slice(3));
    const c = compareVersions(base, right);
    expect(c.summary).toMatchObject({ unchanged: n - 3, deleted: 3, modified: 0, moved: 0 });
    expect(c.pairs.filter((p) => p.relation === 'unchanged').every((p) => p.renumbered && p.right[0] === p.left[0]! - 3)).toBe(true);
  });

  it('an article replaced by an unrelated one is deleted + added, not "modified"', () => {
    const right = draftOf(base, arts.map((a, i) => (i === k.replace - 1 ? other(k.replaceWith) : a)));
    const c = compareVersions(base, right);
    expect(pair(c, [k.replace], []).relation).toBe('deleted');
    expect(pair(c, [], [k.replace]).relation).toBe('added');
    expect(c.summary).toMatchObject({ unchanged: n - 1, deleted: 1, added: 1 });
  });

  it('a light rewrite (words changed in every 款) stays paired as modified, with a word-level redline', () => {
    const t = arts[k.split - 1]!;
    const edited: Article = { ...t, paragraphs: t.paragraphs.map((p) => ({ ...p, text: p.text.replace(/应当/g, '必须').replace(/。$/, '，并定期公布。') })) };
    const right = draftOf(base, arts.map((a, i) => (i === k.split - 1 ? edited : a)));
    const c = compareVersions(base, right);
    const p = pair(c, [k.split], [k.split]);
    expect(p.relation).toBe('modified');
    expect(p.diff.filter((s) => s.op === 'insert').map((s) => s.text)).toContain('，并定期公布');
  });
});

describe('formal changes', () => {
  const base = parseSeed('shenzhen-draft').versions[0]!;
  it('punctuation, width and spacing only: modified but formalOnly, each change marked formal', () => {
    const t = base.articles[4]!;
    const edited: Article = {
      ...t,
      paragraphs: t.paragraphs.map((p) => ({ ...p, text: p.text.replace(/，/g, ',').replace(/；/g, '; ').replace(/（/g, '(').replace(/）/g, ')') })),
    };
    const right = draftOf(base, base.articles.map((a, i) => (i === 4 ? edited : a)));
    const c = compareVersions(base, right);
    const p = pair(c, [5], [5]);
    expect(p.relation).toBe('modified');
    expect(p.formalOnly).toBe(true);
    expect(p.diff.filter((s) => s.op !== 'equal').every((s) => s.formal)).toBe(true);
    expect(c.stats.formalOnly).toBe(1);
  });
});

describe('at scale, against the truth of the edits', () => {
  it('240 articles with 3% deleted, 10% edited, 5% moved, 3% inserted: every article paired as it was made', () => {
    const library = new Library({ corpusDir: corpusDir(), home: defaultHome() });
    const pool = seedPool(library);
    expect(pool.length).toBeGreaterThan(240 + 40); // main texts of the left are all distinct
    const s = syntheticVersions(pool, 240, 11);
    const c = compareVersions(s.left, s.right);
    const text = (v: Version, n: number) => JSON.stringify(v.articles[n]!.paragraphs);
    const problems: string[] = [];
    s.origin.forEach((i, j) => {
      const found = c.pairs.filter((p) => p.right.includes(j + 1) && (p.relation !== 'split' && p.relation !== 'merged'));
      if (i < 0) {
        if (found.length !== 1 || found[0]!.relation !== 'added') problems.push(`right ${j + 1} (inserted): ${found.map((p) => `${p.left}→${p.right} ${p.relation}`)}`);
        return;
      }
      const p = found.find((x) => same(x.left, [i + 1]));
      const changed = text(s.left, i) !== text(s.right, j);
      const ok = p && (changed ? ['modified', 'moved'] : ['unchanged', 'moved']).includes(p.relation);
      if (!ok) problems.push(`right ${j + 1} (from left ${i + 1}${changed ? ', edited' : ''}): ${found.map((x) => `${x.left}→${x.right} ${x.relation}`)}`);
    });
    const kept = new Set(s.origin);
    for (let i = 0; i < s.left.articles.length; i++) {
      if (kept.has(i)) continue;
      const p = c.pairs.filter((x) => x.left.includes(i + 1));
      if (p.length !== 1 || p[0]!.relation !== 'deleted') problems.push(`left ${i + 1} (deleted): ${p.map((x) => `${x.left}→${x.right} ${x.relation}`)}`);
    }
    expect(problems).toEqual([]);
    // Moves are the fewest that explain the new order: never more than were made.
    expect(c.summary.moved).toBeGreaterThan(0);
    expect(c.summary.moved).toBeLessThanOrEqual(s.counts.moved);
  });
});
