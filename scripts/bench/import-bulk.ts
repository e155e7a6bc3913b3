/**
 * Bulk import benchmark (issue 10): a whole collection into an empty library until it is searchable, and
 * the library list at 3,000 documents.
 *   segment_mb_s        nodejieba cutForSearch over the text of every file of the collection, one thread
 *                       (the floor: an index cannot be built faster than its text is segmented)
 *   bulk_import_s       `bulkImport` of the collection (read, parse on worker threads, judge, write each
 *                       document atomically, catalog) + the search index opened (built) on it
 *   bulk_import_mb_s    the collection's bytes / bulk_import_s (goal: ≥ ½ segment_mb_s)
 *   bulk_import_only_s  the import alone; bulk_index_s the index build after it (on every core: the first
 *                       build is shared with worker threads, services/index-workers.ts)
 *   bulk_import_cpu_s, bulk_index_cpu_s  CPU time of each, every thread of the process: on a shared machine
 *                       wall time says how much of the cores the run got, CPU time what the work costs
 *   bulk_import_docs    documents imported
 *   list_3000_ms        a fresh Library's list() of a library of 3,000 imported documents (catalog read and
 *                       checked against the folders, corpus parsed, versions linked); median of 5
 *   list_3000_warm_ms   the same Library listing again (what the app pays per call)
 *   list_cli_3000_ms    `duizhao list --json` as a process (Node start-up included)
 *   catalog_rebuild_3000_ms  the first list() after catalog.json was deleted (every meta.json read)
 * The collection is ../shared/corpora/lawrefbook (found from the working folder upwards), or
 * $DUIZHAO_BULK_CORPUS; without it these figures are skipped.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { decodeText } from '../../electron/engine/ingest';
import { entryType } from '../../electron/engine/ingest/collection';
import { getSegmenter } from '../../electron/engine/segment';
import { bulkImport } from '../../electron/services/bulk-import';
import { corpusDir, Library } from '../../electron/services/library';
import { SearchCache } from '../../electron/services/search-cache';

type Report = (name: string, value: number) => void;
const MB = 1024 * 1024;

function findCollection(): string | null {
  if (process.env.DUIZHAO_BULK_CORPUS) return resolve(process.env.DUIZHAO_BULK_CORPUS);
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'corpora', 'lawrefbook');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

function filesOf(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesOf(p));
    else if (entryType(p) === 'document') out.push(p);
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Copies of imported documents under new ids (and another content hash) until the library holds `n`. */
function growTo(library: Library, n: number): void {
  const dir = library.libraryDir;
  const ids = readdirSync(dir).filter((x) => /^[a-z0-9]/.test(x));
  for (let k = 0; ids.length + k < n; k++) {
    const from = ids[k % ids.length]!;
    const to = `copy-${k}-${from}`.slice(0, 60);
    cpSync(join(dir, from), join(dir, to), { recursive: true });
    const metaPath = join(dir, to, 'meta.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    meta.contentHash = `${meta.contentHash.slice(0, 56)}${String(k).padStart(8, '0')}`;
    meta.title = `${meta.title}（副本${k}）`;
    writeFileSync(metaPath, JSON.stringify(meta));
  }
}

export async function run(report: Report): Promise<void> {
  const collection = findCollection();
  if (!collection) {
    process.stderr.write('bench: ../shared/corpora/lawrefbook 不存在，跳过批量导入的测量\n');
    return;
  }
  const files = filesOf(collection);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);

  // The floor, in this same run: segmenting the text of every file on one thread.
  const segmenter = getSegmenter();
  const texts = files.map((f) => decodeText(readFileSync(f), f).text);
  segmenter.cutForSearch(texts[0] ?? '法');
  let t = performance.now();
  for (const text of texts) segmenter.cutForSearch(text);
  report('segment_mb_s', bytes / MB / ((performance.now() - t) / 1000));
  texts.length = 0;

  const root = mkdtempSync(join(tmpdir(), 'duizhao-bench-bulk-'));
  try {
    const home = join(root, 'home');
    const library = new Library({ corpusDir: corpusDir(), home });
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const result = await bulkImport(library, [collection]);
    const importS = (performance.now() - t) / 1000;
    const cpu1 = process.cpuUsage();
    const cache = new SearchCache({ library, segmenter: getSegmenter });
    const index = await cache.open();
    const totalS = (performance.now() - t) / 1000;
    const cpu2 = process.cpuUsage();
    const cpuS = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1e6;
    if (index.search('行政复议', {}).hits.length === 0) throw new Error('the imported collection is not searchable');
    report('bulk_import_s', totalS);
    report('bulk_import_mb_s', bytes / MB / totalS);
    report('bulk_import_only_s', importS);
    report('bulk_index_s', totalS - importS);
    report('bulk_import_cpu_s', cpuS(cpu0, cpu1));
    report('bulk_index_cpu_s', cpuS(cpu1, cpu2));
    report('bulk_import_docs', result.imported.length);

    // The list at 3,000 documents.
    growTo(library, 3000);
    new Library({ corpusDir: corpusDir(), home }).list(); // the catalog catches up with the copies
    const cold: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      const fresh = new Library({ corpusDir: corpusDir(), home });
      const n = fresh.list().filter((d) => d.source === 'library').length;
      cold.push(performance.now() - t);
      if (n !== 3000) throw new Error(`listed ${n} imported documents, expected 3000`);
      t = performance.now();
      fresh.list();
      warm.push(performance.now() - t);
    }
    report('list_3000_ms', median(cold));
    report('list_3000_warm_ms', median(warm));
    const cli = join(corpusDir(), '..', 'bin', 'duizhao.js');
    if (existsSync(cli)) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        t = performance.now();
        const r = spawnSync(process.execPath, [cli, 'list', '--json'], { env: { ...process.env, DUIZHAO_HOME: home }, maxBuffer: 256 * MB });
        runs.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`duizhao list failed: ${r.stderr}`);
      }
      report('list_cli_3000_ms', median(runs));
    }
    rmSync(join(home, 'catalog.json'));
    t = performance.now();
    new Library({ corpusDir: corpusDir(), home }).list();
    report('catalog_rebuild_3000_ms', performance.now() - t);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
