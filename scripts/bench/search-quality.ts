/**
 * Search quality on the whole shared corpus (every .md of ../shared/corpora/lawrefbook but the folder
 * indexes; files without articles, such as case reports, are left out) plus the seed documents:
 *   search_success_at_3   share of the reviewed queries (test/fixtures/search-relevance.json) whose wanted
 *                         law is among the first 3 laws of the result
 *   search_article_at_3   of those naming articles: the wanted article among that law's first 3
 *   verbatim_recall       share of 500 phrases of 4–12 characters copied from random articles, typed
 *                         without quotes, that find their article
 *   quality_articles      articles indexed
 * Misses are listed on stderr. Skipped (no figures) when the shared corpus is not there.
 * DUIZHAO_BENCH_LAWREF_CACHE=DIR keeps the built segments between runs (tuning the ranking).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSource, buildSegment, memorySource, openSegment, SEGMENT_ARTICLES, TermMemo, type AnalysedSource } from '../../electron/engine/index/segment';
import { shardSources } from '../../electron/engine/index/records';
import { SearchIndex } from '../../electron/engine/index/search';
import type { ShardSource } from '../../electron/engine/index/types';
import { getSegmenter } from '../../electron/engine/segment';
import { corpusDir, defaultHome, Library } from '../../electron/services/library';
import { lawrefDir, lawrefFiles, lawrefMeta, lawrefSources, relevance, verbatimRecall, type RelevanceQuery } from './search-lawref';

type Report = (name: string, value: number) => void;

export function lawrefCorpus(dir: string): ShardSource[] {
  const library = new Library({ corpusDir: corpusDir(), home: defaultHome() });
  return [
    ...lawrefFiles(dir).flatMap((p) => lawrefSources(dir, p) ?? []),
    ...library.corpusEntries().flatMap((e) => shardSources(library.get(e.id).document, { ...e, dates: { ...e.dates } })),
  ];
}

/** Segments of at most SEGMENT_ARTICLES articles over `sources`, as bytes. */
export function buildSegments(sources: readonly ShardSource[]): Uint8Array[] {
  const segmenter = getSegmenter();
  const memo = new TermMemo(segmenter);
  const out: Uint8Array[] = [];
  let batch: AnalysedSource[] = [];
  let n = 0;
  for (const s of sources) {
    if (n > 0 && n + s.articles.length > SEGMENT_ARTICLES) {
      out.push(buildSegment(batch));
      batch = [];
      n = 0;
    }
    batch.push(analyseSource(segmenter, s, memo));
    n += s.articles.length;
  }
  if (batch.length) out.push(buildSegment(batch));
  return out;
}

export async function run(report: Report): Promise<void> {
  const dir = lawrefDir();
  if (!dir) {
    process.stderr.write('  (search quality: the shared corpus ../shared/corpora/lawrefbook is not there; skipped)\n');
    return;
  }
  const sources = lawrefCorpus(dir);
  const cache = process.env.DUIZHAO_BENCH_LAWREF_CACHE;
  let segments: Uint8Array[];
  if (cache && existsSync(join(cache, 'count'))) {
    const count = Number(readFileSync(join(cache, 'count'), 'utf8'));
    segments = Array.from({ length: count }, (_, i) => new Uint8Array(readFileSync(join(cache, `${i}.dzg`))));
  } else {
    segments = buildSegments(sources);
    if (cache) {
      mkdirSync(cache, { recursive: true });
      segments.forEach((b, i) => writeFileSync(join(cache, `${i}.dzg`), b));
      writeFileSync(join(cache, 'count'), String(segments.length));
    }
  }
  const index = new SearchIndex(getSegmenter());
  segments.forEach((b, i) => index.addSegment(`s${i}`, openSegment(memorySource(b))));
  const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test', 'fixtures', 'search-relevance.json'), 'utf8')) as { queries: RelevanceQuery[] };
  const r = relevance(index, fixture.queries, (doc) => (doc.startsWith('seed:') ? doc.slice(5) : lawrefMeta(doc, '').id));
  for (const f of r.failures) process.stderr.write(`  miss: ${f.query} → wanted ${f.wanted}; got ${f.got.join(' | ')}\n`);
  const v = verbatimRecall(index, sources, 500);
  for (const m of v.misses.slice(0, 20)) process.stderr.write(`  verbatim miss: ${m}\n`);
  report('search_success_at_3', r.successAt3);
  report('search_article_at_3', r.articleAt3);
  report('verbatim_recall', v.recall);
  report('quality_articles', index.articleCount);
}
