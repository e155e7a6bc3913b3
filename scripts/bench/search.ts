/**
 * Search benchmark (issue 4) on synthetic corpora of 10,000 and 100,000 articles (~300 characters each,
 * recombined from the seed sentences, documents of 100 articles; see search-corpus.ts).
 *
 * Figures, each suffixed _10k and _100k:
 *   segment_mb_s     nodejieba cutForSearch over the article texts alone (the floor)
 *   index_build_mb_s segmentation + shard build + serialisation to bytes (what a rebuild costs)
 *   index_bytes      size of the serialised shards (postings + article texts for snippets)
 *   index_load_ms    reading every shard file and decoding its postings (articles decode lazily)
 *   query_p50_ms / query_p95_ms   200 queries of 2–3 words, all required, top 20 with snippets
 *   rss_mb           peak resident memory of a process that loaded the index and ran the queries
 * MB = 2^20 bytes of UTF-8 text. Each size runs in two child processes (build, then load + query) so the
 * memory figure is that of a process serving searches, not of one that also built the corpus.
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyse } from '../../electron/engine/index/analyse';
import { queryWords } from '../../electron/engine/index/query';
import { SearchIndex } from '../../electron/engine/index/search';
import { articleTerms, articleText, buildShardFromTerms, loadShard, serialiseShard, TermMemo } from '../../electron/engine/index/shard';
import { getSegmenter, type Segmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { prng } from './random';
import { seedPool, syntheticCorpus, type SeedPool } from './search-corpus';

type Report = (name: string, value: number) => void;

const SIZES: Array<[string, number]> = [
  ['10k', 10_000],
  ['100k', 100_000],
];
const CHILD_ENV = 'DUIZHAO_BENCH_SEARCH_CHILD';
const MB = 1024 * 1024;
const QUERIES = 200;

export async function run(report: Report): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'duizhao-bench-search-'));
  try {
    for (const [suffix, count] of SIZES) {
      const dir = join(root, suffix);
      mkdirSync(dir, { recursive: true });
      const built = await child({ phase: 'build', dir, count });
      const served = await child({ phase: 'query', dir, count });
      for (const [name, value] of Object.entries({ ...built, ...served })) report(`${name}_${suffix}`, value);
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
      execArgv: ['--max-old-space-size=4096'],
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

function pool(): SeedPool {
  return seedPool(new Library({ corpusDir: corpusDir(), home: defaultHome() }));
}

async function buildPhase(task: ChildTask): Promise<Record<string, number>> {
  const segmenter = getSegmenter();
  const corpus = syntheticCorpus(pool(), task.count);
  let bytes = 0;
  for (const s of corpus) for (const a of s.articles) bytes += Buffer.byteLength(articleText(a));
  let t = performance.now();
  for (const s of corpus) for (const a of s.articles) segmenter.cutForSearch(articleText(a));
  const segmentS = (performance.now() - t) / 1000;
  t = performance.now();
  const memo = new TermMemo(segmenter);
  const blobs: Uint8Array[] = [];
  for (const s of corpus) {
    const terms = s.articles.map((a) => articleTerms(segmenter, a, s.title, memo));
    blobs.push(serialiseShard(buildShardFromTerms(s, terms)));
  }
  const buildS = (performance.now() - t) / 1000;
  let indexBytes = 0;
  blobs.forEach((b, i) => {
    writeFileSync(join(task.dir, `${String(i).padStart(6, '0')}.dzs`), b);
    indexBytes += b.length;
  });
  return { segment_mb_s: bytes / MB / segmentS, index_build_mb_s: bytes / MB / buildS, index_bytes: indexBytes };
}

/** 2–3 words that occur together in one seed article: a heading word (the topic) and words of its text. */
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

async function queryPhase(task: ChildTask): Promise<Record<string, number>> {
  const segmenter = getSegmenter();
  const queries = benchQueries(segmenter, pool(), QUERIES);
  const index = new SearchIndex(segmenter);
  const t = performance.now();
  for (const file of readdirSync(task.dir).sort()) {
    const shard = loadShard(readFileSync(join(task.dir, file)));
    index.add(shard.meta, shard);
  }
  const loadMs = performance.now() - t;
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const r = index.search(q, { limit: 20 });
    times.push(performance.now() - t0);
    hits += r.total;
  }
  times.sort((a, b) => a - b);
  const q = (f: number): number => times[Math.min(times.length - 1, Math.floor(f * times.length))]!;
  process.stderr.write(`  (search ${task.count}: ${queries.length} queries, ${Math.round(hits / queries.length)} hits on average)\n`);
  // Peak resident memory of this process (maxRSS is in KiB): loading and searching, never building.
  const rssMb = Math.max(process.memoryUsage().rss / MB, process.resourceUsage().maxRSS / 1024);
  return { index_load_ms: loadMs, query_p50_ms: q(0.5), query_p95_ms: q(0.95), rss_mb: rssMb };
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
