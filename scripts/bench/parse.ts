/**
 * Parse benchmark (issue "Foundation"): a ~50 MB corpus made by replicating the seeds into files.
 * io_floor_mb_s = read + decode + split into lines (what any parser must pay);
 * parse_mb_s    = read + decode + full parse to trees. Both read from a warm page cache.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText } from '../../electron/engine/ingest';
import { parseDocument } from '../../electron/engine/parse';
import { corpusDir } from '../../electron/services/library';

type Report = (name: string, value: number) => void;

const TARGET_BYTES = 50 * 1024 * 1024;

function makeCorpus(): { dir: string; bytes: number; files: string[] } {
  const src = corpusDir();
  const seeds = readdirSync(src).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(src, f)));
  const dir = mkdtempSync(join(tmpdir(), 'duizhao-bench-parse-'));
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    const seed = seeds[i % seeds.length]!;
    const file = join(dir, `${String(i).padStart(5, '0')}.txt`);
    writeFileSync(file, seed);
    files.push(file);
    bytes += seed.length;
  }
  return { dir, bytes, files };
}

function timeIt(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(report: Report): Promise<void> {
  const { dir, bytes, files } = makeCorpus();
  try {
    const mb = bytes / (1024 * 1024);
    let lines = 0;
    let articles = 0;
    const io = () => {
      for (const f of files) lines += decodeText(readFileSync(f), f).text.split(/\r\n?|\n/).length;
    };
    const parse = () => {
      for (const f of files) {
        const doc = parseDocument(decodeText(readFileSync(f), f).text, { id: f });
        articles += doc.versions[0]!.articles.length;
      }
    };
    io(); // warm the page cache and the JIT
    const ioMs = Math.min(timeIt(io), timeIt(io));
    parse();
    const parseMs = Math.min(timeIt(parse), timeIt(parse));
    report('corpus_mb', mb);
    report('io_floor_mb_s', mb / (ioMs / 1000));
    report('parse_mb_s', mb / (parseMs / 1000));
    if (lines === 0 || articles === 0) throw new Error('benchmark corpus parsed to nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
