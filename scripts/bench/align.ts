/**
 * Alignment benchmark (issue "Cross-jurisdiction topic alignment"):
 *   align_seed_ms = alignDocuments on zhejiang-2023 + hunan-2020 + shenzhen-draft (182 articles), median
 *                   of 5 runs, segmenter already loaded;
 *   align_2400_ms = alignDocuments on 30 synthetic jurisdictions × 80 articles, all pairs (one run);
 *   align_18_ms   = alignDocuments on 18 real documents (median of 3, segmentation included, as the CLI
 *                   runs it): the seeds' five texts, the SME regulations of the shared corpus's provinces
 *                   and the national ones (北京 2020, 河南 2008, 中小企业促进法 2017, 保障中小企业款项支付条例),
 *                   and regulations of the shared corpus on neighbouring subjects (民营经济, 私营个体经济,
 *                   优化营商环境 of the State Council, 北京, 山东, 河南, 重庆, 企业权益保护);
 *   align_18_cached_ms = the same with the documents' profiles passed in (as the app keeps them).
 * The synthetic documents are made deterministically from the seed articles, perturbed the way texts of
 * different jurisdictions differ: clauses dropped, a sentence borrowed from elsewhere, the acting
 * government and the enterprise term renamed, 【headings】 in half of them, order shuffled by chapter.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alignDocuments, profileDocument, type AlignInput } from '../../electron/engine/align';
import { parseDocument } from '../../electron/engine/parse';
import type { Article, LegalDocument } from '../../electron/engine/model';
import { getSegmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { prng } from './random';

type Report = (name: string, value: number) => void;

const SHARED_CORPUS = process.env.DUIZHAO_SHARED_CORPUS ?? '/work/shared/corpora/lawrefbook';
/** The 13 texts of the shared corpus in align_18, beside the seeds' five. */
const ALIGN_18 = [
  'DLC/北京地方法规/地方性法规/北京/北京市促进中小企业发展条例(2020-09-25).md',
  'DLC/河南地方法规/地方性法规/河南/河南省实施《中小企业促进法》办法(2008-06-06).md',
  '经济法/中小企业促进法(2017-09-01).md',
  '行政法规/保障中小企业款项支付条例(2020-07-05).md',
  'DLC/北京地方法规/地方性法规/北京/北京市促进私营个体经济发展条例(2016-11-25).md',
  'DLC/山东地方法规/地方性法规/山东/山东省民营经济发展促进条例(2021-07-29).md',
  'DLC/山东地方法规/地方性法规/山东/烟台市民营经济促进条例(2020-01-16).md',
  '行政法规/优化营商环境条例(2019-10-22).md',
  'DLC/北京地方法规/地方性法规/北京/北京市优化营商环境条例(2020-03-27).md',
  'DLC/山东地方法规/地方性法规/山东/山东省优化营商环境条例(2020-09-25).md',
  'DLC/河南地方法规/地方性法规/河南/河南省优化营商环境条例(2020-11-28).md',
  'DLC/重庆地方法规/地方性法规/重庆/重庆市优化营商环境条例(2021-03-31).md',
  'DLC/山东地方法规/地方性法规/山东/山东省企业权益保护条例(2012-05-31).md',
];

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

  if (!ALIGN_18.every((f) => existsSync(join(SHARED_CORPUS, f)))) {
    process.stderr.write(`  (align_18: the shared corpus ${SHARED_CORPUS} is missing texts, skipped)\n`);
    return;
  }
  const eighteen: AlignInput[] = [
    ...['zhejiang-2023', 'hunan-2020', 'zhejiang-2020-opinion', 'hunan-2020-review@1', 'shenzhen-draft'].map((ref) => {
      const { document, version, summary } = library.get(ref);
      return { ref, doc: document, version, meta: { jurisdiction: summary.jurisdiction, dates: summary.dates } };
    }),
    ...ALIGN_18.map((file) => {
      const id = file.replace(/^.*\//, '').replace(/\.md$/, '');
      return { ref: id, doc: parseDocument(readFileSync(join(SHARED_CORPUS, file), 'utf8'), { id }), version: 0 };
    }),
  ];
  let result = alignDocuments(eighteen); // warm-up
  const runs18 = Array.from({ length: 3 }, () => timeIt(() => (result = alignDocuments(eighteen)))).sort((a, b) => a - b);
  report('align_18_ms', runs18[1]!);
  const cached = eighteen.map((i) => ({ ...i, profile: profileDocument(i.doc, i.version, getSegmenter()) }));
  const runsCached = Array.from({ length: 3 }, () => timeIt(() => alignDocuments(cached))).sort((a, b) => a - b);
  report('align_18_cached_ms', runsCached[1]!);
  const articles = result.documents.reduce((n, d) => n + d.articles, 0);
  const shared = result.topics.filter((t) => new Set(t.members.map((m) => m.doc)).size > 1).length;
  process.stderr.write(`  (align_18: ${result.documents.length} documents, ${articles} articles, ${result.matches.length} matches, ${result.topics.length} topics, ${shared} shared)\n`);
}
