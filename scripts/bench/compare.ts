/**
 * Version comparison benchmark (issue "Version comparison"):
 *   compare_seed_ms = compareVersions(hunan-2020-review@0, @1), median of 5 runs, segmenter loaded;
 *   compare_1000_ms = two synthetic 1,000-article versions, the right one made from the left with 10% of
 *                     articles edited, 5% moved, 3% inserted and 3% deleted (median of 3 runs, full
 *                     redlines, each run segmenting afresh);
 *   compare_2000_ms = the same at 2,000 articles, for scaling (goal: ≤ 3 × compare_1000_ms);
 *   compare_revision_ms = a comprehensive revision, 行政复议法 2017 → 2023 (43 → 90 条, chapters
 *                     reorganised) from the shared corpus: from the parsed texts to the full comparison
 *                     with redlines, median of 5 runs, each segmenting afresh (goal: ≤ 500 ms). Skipped,
 *                     with a note, when the shared corpus is not there (DUIZHAO_LAWREFBOOK names it).
 * Synthetic articles are made deterministically from the seed articles (each one seed article plus one
 * 款 of another, so that they are distinct, as the articles of one long code are).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareVersions } from '../../electron/engine/compare';
import { parseDocument } from '../../electron/engine/parse';
import { articleId, articleLabel, type Article, type Paragraph, type Version } from '../../electron/engine/model';
import { getSegmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { prng } from './random';

type Report = (name: string, value: number) => void;

function numbered(articles: Article[]): Article[] {
  return articles.map((a, k) => ({ ...a, number: k + 1, sub: undefined, label: articleLabel(k + 1), id: articleId(k + 1), notes: [] }));
}

const version = (articles: Article[]): Version => ({ label: null, parts: [], chapters: [], sections: [], articles: numbered(articles) });

/** An edit a drafter makes to a 款: a phrase replaced, a clause added, a clause dropped. */
function editParagraph(p: Paragraph, random: () => number): Paragraph {
  const r = random();
  if (r < 0.4) return { ...p, text: p.text.replace(/应当/, '必须').replace(/县级以上人民政府/, '市、县人民政府') };
  if (r < 0.7) return { ...p, text: p.text.replace(/。$/, '，并向社会公布实施情况。') };
  const clauses = p.text.split(/(?<=[，；])/u);
  if (clauses.length > 2) clauses.splice(1 + Math.floor(random() * (clauses.length - 2)), 1);
  return { ...p, text: clauses.join('') };
}

const RESERVED = 40;

export interface SyntheticPair {
  left: Version;
  right: Version;
  /** For each right article (by index): the index of the left article it comes from, or -1 if inserted. */
  origin: number[];
  /** Right indexes of the edited articles. */
  edited: Set<number>;
  counts: { edited: number; moved: number; inserted: number; deleted: number };
}

/**
 * Two versions of `size` articles: the left made from seed articles, the right from the left with the
 * issue's edit mix (3% deleted, 10% edited, 5% moved, 3% inserted), and what was done, for tests.
 */
export function syntheticVersions(pool: Article[], size: number, seed = 7): SyntheticPair {
  const random = prng(seed);
  // The last RESERVED seed articles are kept out of the left version: they are what gets inserted.
  const P = pool.length - RESERVED;
  const make = (i: number): Article => {
    const a = pool[i % P]!;
    const b = pool[(i * 7 + 13 + Math.floor(i / P) * 31) % P]!;
    return { ...a, heading: null, paragraphs: [...a.paragraphs, ...b.paragraphs.slice(0, 1)] };
  };
  const left = Array.from({ length: size }, (_, i) => make(i));
  // Work on (article, origin, edited) entries so that the truth follows every edit.
  let right = left.map((article, i) => ({ article, origin: i, edited: false }));
  const count = (share: number) => Math.round(size * share);
  const pickIndex = (n: number) => Math.floor(random() * n);
  const deleted = count(0.03);
  for (let k = 0; k < deleted; k++) right.splice(pickIndex(right.length), 1);
  // Edited: one 款 changed in each.
  const edited = count(0.1);
  const editedSet = new Set<number>();
  while (editedSet.size < edited) editedSet.add(pickIndex(right.length));
  right = right.map((e, i) => {
    if (!editedSet.has(i)) return e;
    const a = e.article;
    const k = pickIndex(a.paragraphs.length);
    return { ...e, edited: true, article: { ...a, paragraphs: a.paragraphs.map((p, j) => (j === k ? editParagraph(p, random) : p)) } };
  });
  // Moved: taken out and put back elsewhere.
  const moved = count(0.05);
  for (let k = 0; k < moved; k++) {
    const [e] = right.splice(pickIndex(right.length), 1);
    right.splice(pickIndex(right.length + 1), 0, e!);
  }
  // Inserted: articles the left does not have (the reserved seed articles).
  const inserted = count(0.03);
  for (let k = 0; k < inserted; k++) right.splice(pickIndex(right.length + 1), 0, { article: { ...pool[P + (k % RESERVED)]!, heading: null }, origin: -1, edited: false });
  return {
    left: version(left),
    right: version(right.map((e) => e.article)),
    origin: right.map((e) => e.origin),
    edited: new Set(right.flatMap((e, j) => (e.edited ? [j] : []))),
    counts: { edited, moved, inserted, deleted },
  };
}

export function seedPool(library: Library): Article[] {
  const ids = ['zhejiang-2023', 'hunan-2020', 'zhejiang-2020-opinion', 'hunan-2020-review', 'shenzhen-draft'];
  return ids.flatMap((id) => library.get(id).document.versions.flatMap((v) => v.articles));
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** The shared corpus of dated laws: DUIZHAO_LAWREFBOOK, or shared/corpora/lawrefbook above the working directory. */
export function lawrefbookDir(): string | null {
  const named = process.env.DUIZHAO_LAWREFBOOK;
  if (named) return existsSync(named) ? named : null;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpora', 'lawrefbook');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** The comprehensive revisions the bench compares whole (excerpts of them are in test/fixtures/revisions). */
export const REVISIONS = {
  xingzheng_fuyi: ['诉讼与非诉讼程序法/行政复议法(2017-09-01).md', '诉讼与非诉讼程序法/行政复议法(2023-09-01).md'],
} as const;

export function revisionVersions(root: string, files: readonly [string, string]): [Version, Version] {
  const read = (file: string) => parseDocument(readFileSync(join(root, file), 'utf8'), { id: file }).versions[0]!;
  return [read(files[0]), read(files[1])];
}

export async function run(report: Report): Promise<void> {
  const library = new Library({ corpusDir: corpusDir(), home: defaultHome() });
  getSegmenter();
  const review = library.get('hunan-2020-review').document;
  compareVersions(review.versions[0]!, review.versions[1]!); // warm-up (JIT)
  const seedRuns: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    compareVersions(review.versions[0]!, review.versions[1]!);
    seedRuns.push(performance.now() - t);
  }
  report('compare_seed_ms', median(seedRuns));

  const pool = seedPool(library);
  // Warm-up on a smaller synthetic pair, so that the first timed run does not pay for the JIT.
  const warm = syntheticVersions(pool, 300, 3);
  compareVersions(warm.left, warm.right);
  for (const size of [1000, 2000]) {
    const { left, right } = syntheticVersions(pool, size);
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      compareVersions(left, right);
      runs.push(performance.now() - t);
    }
    report(`compare_${size}_ms`, median(runs));
  }

  const root = lawrefbookDir();
  if (!root) {
    process.stderr.write('bench: shared corpus lawrefbook not found (set DUIZHAO_LAWREFBOOK), compare_revision_ms skipped\n');
    return;
  }
  const [before, after] = revisionVersions(root, REVISIONS.xingzheng_fuyi);
  compareVersions(before, after); // warm-up
  const runs: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    compareVersions(before, after);
    runs.push(performance.now() - t);
  }
  report('compare_revision_ms', median(runs));
}
