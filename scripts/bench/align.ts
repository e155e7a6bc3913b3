/**
 * Alignment benchmark (issue "Cross-jurisdiction topic alignment"):
 *   align_seed_ms = alignDocuments on zhejiang-2023 + hunan-2020 + shenzhen-draft (182 articles), median
 *                   of 5 runs, segmenter already loaded;
 *   align_2400_ms = alignDocuments on 30 synthetic jurisdictions × 80 articles, all pairs (one run).
 * The synthetic documents are made deterministically from the seed articles, perturbed the way texts of
 * different jurisdictions differ: clauses dropped, a sentence borrowed from elsewhere, the acting
 * government and the enterprise term renamed, 【headings】 in half of them, order shuffled by chapter.
 */
import { alignDocuments, type AlignInput } from '../../electron/engine/align';
import type { Article, LegalDocument } from '../../electron/engine/model';
import { getSegmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { prng } from './random';

type Report = (name: string, value: number) => void;

const JURISDICTIONS = 30;
const ARTICLES = 80;
const RENAMES: Array<[RegExp, string[]]> = [
  [/县级以上人民政府/g, ['县级以上人民政府', '市、区人民政府', '各级人民政府', '市人民政府']],
  [/中小微企业|中小企业/g, ['中小企业', '中小微企业', '中小企业']],
  [/浙江|湖南|深圳/g, ['本省', '本市', '本区域']],
];

function sentences(article: Article): string[] {
  const text = article.paragraphs.map((p) => p.text + p.items.map((i) => i.text).join('')).join('');
  return text.split(/(?<=[。；])/u).filter((s) => s.trim());
}

function synthetic(pool: Article[], j: number): LegalDocument {
  const random = prng(1000 + j);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  // 80 distinct seed articles, in seed order with local shuffles (jurisdictions order topics similarly).
  const chosen = new Set<number>();
  while (chosen.size < ARTICLES) chosen.add(Math.floor(random() * pool.length));
  const order = [...chosen].sort((a, b) => a - b + (random() - 0.5) * 40);
  const renames = RENAMES.map(([re, options]) => [re, pick(options)] as const);
  const articles: Article[] = order.map((k, i) => {
    const source = pool[k]!;
    let parts = sentences(source);
    if (parts.length > 1 && random() < 0.4) parts.splice(Math.floor(random() * parts.length), 1);
    if (random() < 0.25) parts.push(pick(sentences(pick(pool))));
    let text = parts.join('');
    for (const [re, to] of renames) text = text.replace(re, to);
    return {
      number: i + 1,
      label: `第${i + 1}条`,
      heading: j % 2 === 0 ? source.heading : null,
      chapter: null,
      section: null,
      paragraphs: [{ text, items: [] }],
      notes: [],
      id: `art_${i + 1}`,
      line: i + 1,
    };
  });
  return {
    id: `synthetic-${j + 1}`,
    title: `合成条例 ${j + 1}`,
    kind: 'regulation',
    preamble: [],
    versions: [{ label: null, parts: [], chapters: [], sections: [], articles }],
    trailer: [],
    warnings: [],
  };
}

function timeIt(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(report: Report): Promise<void> {
  const library = new Library({ corpusDir: corpusDir(), home: defaultHome() });
  getSegmenter(); // dictionary loading is not alignment
  const seed: AlignInput[] = ['zhejiang-2023', 'hunan-2020', 'shenzhen-draft'].map((ref) => {
    const { document, version } = library.get(ref);
    return { ref, doc: document, version };
  });
  alignDocuments(seed); // warm-up (JIT)
  const runs = Array.from({ length: 5 }, () => timeIt(() => alignDocuments(seed))).sort((a, b) => a - b);
  report('align_seed_ms', runs[2]!);

  const pool: Article[] = [];
  for (const ref of ['zhejiang-2023', 'hunan-2020', 'zhejiang-2020-opinion', 'hunan-2020-review@1', 'shenzhen-draft']) {
    const { document, version } = library.get(ref);
    pool.push(...document.versions[version]!.articles);
  }
  const docs: AlignInput[] = Array.from({ length: JURISDICTIONS }, (_, j) => {
    const doc = synthetic(pool, j);
    return { ref: doc.id, doc, version: 0 };
  });
  let matches = 0;
  report('align_2400_ms', timeIt(() => (matches = alignDocuments(docs).matches.length)));
  process.stderr.write(`  (align_2400: ${JURISDICTIONS * ARTICLES} articles, ${matches} matches)\n`);
}
