/**
 * Search benchmark (issues 4 and 11) on synthetic corpora: 10,000 and 100,000 articles recombined from the
 * seed sentences (as before, so the figures compare), and 1,000,000 articles recombined from sentences of
 * the shared LawRefBook corpus (the seeds when it is missing): a realistic vocabulary at national scale.
 * Articles of ~300 characters, documents of 100 articles (see search-corpus.ts).
 *
 * Figures, suffixed _10k, _100k, _1m:
 *   segment_mb_s     nodejieba cutForSearch over the article texts alone (the floor; not at 1m)
 *   index_build_mb_s segmentation + segment build + serialisation (not at 1m, built from pre-cut sentences)
 *   index_bytes      size of the segment files (postings, bigram postings, article texts)
 *   index_load_ms    opening every segment file (header and tables; postings stay on disk)
 *   first_query_ms   a fresh process: loading the segmenter, opening the saved index, answering a first query
 *   query_p50_ms / query_p95_ms   200 queries of 2–3 words, all required, top 20 with snippets, groups and facets
 *   query_p95_cpu_ms the same p95 in CPU time of the process (on a shared machine, wall time includes waiting
 *                    for a core; CPU time is what the query costs)
 *   rss_mb           peak resident memory of a process that opened the index and ran the queries
 *   add_doc_ms       (100k only) one new document of 100 articles: analysed, built into a segment, written,
 *                    opened, and found by a search — what an import costs the index until searchable
 * MB = 2^20 bytes of UTF-8 text. Each size runs in child processes (build, then open + query) so the memory
 * figure is that of a process serving searches, not of one that also built the corpus. The 1m index is
 * built from sentences segmented once (the segmentation rate is the 10k/100k figure) to keep the bench
 * within minutes; the query side does not know the difference.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../../electron/engine/index/analyse';
import { queryWords } from '../../electron/engine/index/query';
import { SearchIndex } from '../../electron/engine/index/search';
import { analyseSource, articleText, buildSegment, openSegment, SEGMENT_ARTICLES, TermMemo, type AnalysedSource } from '../../electron/engine/index/segment';
import { getSegmenter, type Segmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { FileSource, writeAtomic } from '../../electron/services/search-cache';
import { prng } from './random';
import { seedPool, syntheticCorpus, syntheticDocs, type SeedPool } from './search-corpus';
import { lawrefDir, lawrefFiles, lawrefSources } from './search-lawref';

type Report = (name: string, value: number) => void;

const SIZES: Array<[string, number]> = [
  ['10k', 10_000],
  ['100k', 100_000],
  ['1m', 1_000_000],
];
const CHILD_ENV = 'DUIZHAO_BENCH_SEARCH_CHILD';
const MB = 1024 * 1024;
const QUERIES = 200;

export async function run(report: Report): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'duizhao-bench-search-'));
  const only = process.env.DUIZHAO_BENCH_SEARCH_SIZES?.split(',');
  try {
    for (const [suffix, count] of SIZES) {
      if (only && !only.includes(suffix)) continue;
      const dir = join(root, suffix);
      mkdirSync(dir, { recursive: true });
      const built = await child({ phase: 'build', dir, count });
      const served = await child({ phase: 'query', dir, count });
      for (const [name, value] of Object.entries({ ...built, ...served })) report(`${name}_${suffix}`, value);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface ChildTask {
  phase: 'build' | 'query';
  dir: string;
  count: number;
}

/** Runs one phase in a fresh process (this same bundle, re-entered through CHILD_ENV). */
function child(task: ChildTask): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const p = fork(process.argv[1]!, ['--only', '-'], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify(task) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: ['--max-old-space-size=6144'],
    });
    let figures: Record<string, number> | null = null;
    p.on('message', (m) => {
      figures = m as Record<string, number>;
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (figures) resolve(figures);
      else reject(new Error(`search bench ${task.phase} (${task.count}) exited with ${code}`));
    });
  });
}

const large = (task: { count: number }): boolean => task.count > 100_000;

/** The seed sentences (10k, 100k), or for 1m the shared corpus's sentences, headings and titles. */
export function pool(task: { count: number }): SeedPool {
  const seeds = seedPool(new Library({ corpusDir: corpusDir(), home: defaultHome() }));
  const dir = large(task) ? lawrefDir() : null;
  if (!dir) return seeds;
  const sentences: string[] = [];
  const headings = new Set(seeds.headings);
  const chapters = new Set<string>();
  const titles: string[] = [];
  for (const path of lawrefFiles(dir)) {
    for (const s of lawrefSources(dir, path) ?? []) {
      titles.push(s.title);
      for (const a of s.articles) {
        if (a.heading) headings.add(a.heading);
        if (a.chapter) chapters.add(a.chapter);
        for (const p of a.paragraphs) for (const x of p.split(/(?<=[。；])/)) if (x.length >= 8) sentences.push(x);
      }
    }
  }
  // A fixed sample keeps segmenting the pool to seconds; 200,000 sentences still give ~100k distinct terms.
  const rand = prng(5);
  const sample = sentences.length > 200_000 ? Array.from({ length: 200_000 }, () => sentences[Math.floor(rand() * sentences.length)]!) : sentences;
  return { sentences: sample, headings: [...headings], chapters: [...chapters], titles };
}

function writeSegment(dir: string, i: number, bytes: Uint8Array): number {
  writeFileSync(join(dir, `${String(i).padStart(4, '0')}.dzg`), bytes);
  return bytes.length;
}

async function buildPhase(task: ChildTask): Promise<Record<string, number>> {
  const segmenter = getSegmenter();
  const p = pool(task);
  if (large(task)) return buildFromSentences(task, p, segmenter);
  const corpus = syntheticCorpus(p, task.count);
  let bytes = 0;
  for (const s of corpus) for (const a of s.articles) bytes += Buffer.byteLength(articleText(a));
  let t = performance.now();
  for (const s of corpus) for (const a of s.articles) segmenter.cutForSearch(articleText(a));
  const segmentS = (performance.now() - t) / 1000;
  t = performance.now();
  const memo = new TermMemo(segmenter);
  const blobs: Uint8Array[] = [];
  let batch: AnalysedSource[] = [];
  let n = 0;
  for (const s of corpus) {
    if (n + s.articles.length > SEGMENT_ARTICLES) {
      blobs.push(buildSegment(batch));
      batch = [];
      n = 0;
    }
    batch.push(analyseSource(segmenter, s, memo));
    n += s.articles.length;
  }
  if (batch.length) blobs.push(buildSegment(batch));
  const buildS = (performance.now() - t) / 1000;
  let indexBytes = 0;
  blobs.forEach((b, i) => (indexBytes += writeSegment(task.dir, i, b)));
  return { segment_mb_s: bytes / MB / segmentS, index_build_mb_s: bytes / MB / buildS, index_bytes: indexBytes };
}

/** The 1m index: each pool sentence segmented once, an article's terms the concatenation of its sentences'. */
function buildFromSentences(task: ChildTask, p: SeedPool, segmenter: Segmenter): Record<string, number> {
  const t0 = performance.now();
  const sentenceTerms = p.sentences.map((s) => analyse(segmenter, s));
  process.stderr.write(`  (search 1m: ${p.sentences.length} pool sentences segmented in ${Math.round(performance.now() - t0)} ms)\n`);
  const memo = new TermMemo(segmenter);
  let batch: AnalysedSource[] = [];
  let n = 0;
  let i = 0;
  let indexBytes = 0;
  const flush = (): void => {
    indexBytes += writeSegment(task.dir, i++, buildSegment(batch));
    batch = [];
    n = 0;
  };
  for (const { source, sentences } of syntheticDocs(p, task.count, { seed: 20261130 })) {
    if (n + source.articles.length > SEGMENT_ARTICLES) flush();
    const chapterTerms = new Map<string, string[]>();
    for (const a of source.articles) if (a.chapter) chapterTerms.set(a.chapter, memo.terms(a.chapter));
    batch.push({
      source,
      fields: source.articles.map((a, k) => [memo.terms(a.heading), sentences[k]!.flat().flatMap((x) => sentenceTerms[x]!)]),
      titleTerms: memo.terms(source.title),
      chapterTerms,
    });
    n += source.articles.length;
  }
  if (batch.length) flush();
  return { index_bytes: indexBytes, build_s: (performance.now() - t0) / 1000 };
}

/** 2–3 words that occur together in one pool article: a heading word (the topic) and words of its text. */
export function benchQueries(segmenter: Segmenter, p: SeedPool, n: number): string[] {
  const rand = prng(7);
  const out: string[] = [];
  const usable = (w: string): boolean => w.length >= 2 && analyse(segmenter, w).includes(w);
  while (out.length < n) {
    const heading = p.headings[Math.floor(rand() * p.headings.length)]!;
    const topic = queryWords(segmenter, heading).filter(usable);
    const sentence = p.sentences[Math.floor(rand() * p.sentences.length)]!;
    const more = queryWords(segmenter, sentence).filter(usable);
    if (topic.length === 0 || more.length === 0) continue;
    const words = [topic[Math.floor(rand() * topic.length)]!, more[Math.floor(rand() * more.length)]!];
    if (rand() < 0.5) words.push(more[Math.floor(rand() * more.length)]!);
    out.push([...new Set(words)].join(' '));
  }
  return out;
}

function openAll(dir: string, index: SearchIndex): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.dzg')).sort()) index.addSegment(file, openSegment(new FileSource(join(dir, file))));
}

async function queryPhase(task: ChildTask): Promise<Record<string, number>> {
  const started = performance.now();
  const segmenter = getSegmenter();
  // The segmenter's dictionaries load once per process (about a second), before the index is opened.
  segmenter.cutForSearch('预热');
  const segmenterMs = performance.now() - started;
  const index = new SearchIndex(segmenter);
  const t = performance.now();
  openAll(task.dir, index);
  const loadMs = performance.now() - t;
  const p = pool(task);
  const queries = benchQueries(segmenter, p, QUERIES);
  const t1 = performance.now();
  index.search(queries[0]!, { limit: 20 });
  // What a person waits for at a cold start: the segmenter, opening the index, the first answer.
  const firstQueryMs = segmenterMs + loadMs + (performance.now() - t1);
  const times: number[] = [];
  const cpu: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = index.search(q, { limit: 20 });
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    hits += r.total;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const q = (f: number, xs = times): number => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))]!;
  process.stderr.write(
    `  (search ${task.count}: ${queries.length} queries, ${Math.round(hits / queries.length)} hits on average; segmenter ready in ${Math.round(segmenterMs)} ms, counted in first_query_ms)\n`,
  );
  // Peak resident memory of this process (maxRSS is in KiB): opening and searching, never building.
  const rssMb = Math.max(process.memoryUsage().rss / MB, process.resourceUsage().maxRSS / 1024);
  const figures: Record<string, number> = {
    index_load_ms: loadMs,
    first_query_ms: firstQueryMs,
    query_p50_ms: q(0.5),
    query_p95_ms: q(0.95),
    query_p95_cpu_ms: q(0.95, cpu),
    rss_mb: rssMb,
  };
  if (task.count === 100_000) figures.add_doc_ms = addDocument(task, index, segmenter);
  return figures;
}

/** One new document into the open index, as SearchCache does for an import, until a search finds it. */
function addDocument(task: ChildTask, index: SearchIndex, segmenter: Segmenter): number {
  const [doc] = syntheticCorpus(seedPool(new Library({ corpusDir: corpusDir(), home: defaultHome() })), 100, { seed: 99 });
  const source = { ...doc!, id: 'new-doc@0', doc: 'new-doc', title: '新导入的条例' };
  source.articles[41] = { ...source.articles[41]!, paragraphs: [...source.articles[41]!.paragraphs, '建立低空经济数据要素试点。'] };
  const t = performance.now();
  const bytes = buildSegment([analyseSource(segmenter, source)]);
  const path = join(task.dir, 'new.dzg');
  writeAtomic(path, bytes);
  index.addSegment('new', openSegment(new FileSource(path)));
  const r = index.search('低空经济 数据要素', { limit: 5 });
  const ms = performance.now() - t;
  if (!r.hits.some((h) => h.doc === 'new-doc' && h.article === 42)) throw new Error('the added document was not found');
  return ms;
}

// Child-process entry: the bench bundle re-entered with CHILD_ENV set runs one phase and reports back.
const childTask = process.env[CHILD_ENV];
if (childTask && process.send) {
  const task = JSON.parse(childTask) as ChildTask;
  (task.phase === 'build' ? buildPhase(task) : queryPhase(task)).then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (e: unknown) => {
      process.stderr.write(`search bench child: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
