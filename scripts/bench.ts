/**
 * `npm run bench [-- --json] [-- --only NAME]`: every benchmark module in scripts/bench/, one run, so that
 * ratios between figures are meaningful. Prints `{ "figures": { name: number } }` with --json, a table
 * otherwise. Figures are measured, never asserted: goals are checked by reading them.
 */
import { run as parseBench } from './bench/parse';
import { run as alignBench } from './bench/align';
import { run as alignLibraryBench } from './bench/align-library';
import { run as compareBench } from './bench/compare';
import { run as searchBench } from './bench/search';
import { run as searchQualityBench } from './bench/search-quality';
import { run as exportBench } from './bench/export';
import { run as importBench } from './bench/import';
import { run as bulkBench } from './bench/import-bulk';

type Report = (name: string, value: number) => void;
const MODULES: Array<{ name: string; run: (report: Report) => Promise<void> }> = [
  { name: 'parse', run: parseBench },
  { name: 'align', run: alignBench },
  { name: 'align-library', run: alignLibraryBench },
  { name: 'compare', run: compareBench },
  { name: 'search', run: searchBench },
  { name: 'search-quality', run: searchQualityBench },
  { name: 'export', run: exportBench },
  { name: 'import', run: importBench },
  { name: 'bulk', run: bulkBench },
];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1]?.split(',') : undefined;
  const figures: Record<string, number> = {};
  for (const m of MODULES) {
    if (only && !only.includes(m.name)) continue;
    process.stderr.write(`bench: ${m.name}…\n`);
    await m.run((name, value) => {
      figures[name] = Math.round(value * 100) / 100;
      if (!json) process.stderr.write(`  ${name.padEnd(28)} ${figures[name]}\n`);
    });
  }
  if (json) process.stdout.write(JSON.stringify({ figures }, null, 2) + '\n');
  else {
    process.stdout.write('\nfigure                        value\n');
    for (const [k, v] of Object.entries(figures)) process.stdout.write(`${k.padEnd(30)}${v}\n`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
