/**
 * `duizhao search QUERY [--doc ID]... [--limit N] [--group] [--sort date] [--all-versions] [--csv FILE]
 * [--xlsx FILE] [--force] [--json]`: topic search over every article of the library, on the index cached
 * under $DUIZHAO_HOME/cache/search (built on first use, kept current as documents come and go).
 * A thin adapter: the ranking, groups, facets and the export tables are the engine's (engine/index).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hitsToCsv, hitsToXlsx } from '../../electron/engine/index/export';
import type { SearchGroup, SearchHit, SearchOptions, SearchResult } from '../../electron/engine/index/types';
import { DuizhaoError } from '../../electron/engine/model';
import { writeFileAtomic } from '../../electron/services/atomic';
import { SearchCache } from '../../electron/services/search-cache';
import { flagNumber, flagString, getLibrary, out, printJson, UsageError, type Args, type Command } from './common';

const BOLD = '\x1b[1m';
const PLAIN = '\x1b[22m';

/** The snippet with its highlights marked: bold on a terminal, 【…】 otherwise (pipes, files). */
export function markSnippet(hit: Pick<SearchHit, 'snippet' | 'highlights'>, tty: boolean): string {
  const [open, close] = tty ? [BOLD, PLAIN] : ['【', '】'];
  let s = '';
  let at = 0;
  for (const [a, b] of hit.highlights) {
    s += hit.snippet.slice(at, a) + open + hit.snippet.slice(a, b) + close;
    at = b;
  }
  return s + hit.snippet.slice(at);
}

function options(args: Args): SearchOptions {
  const limit = flagNumber(args, 'limit', 20);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit takes a whole number ≥ 1, not "${String(args.flags.get('limit'))}"`);
  const years = (args.multi.get('year') ?? []).map((y) => {
    if (!/^\d{4}$/.test(y)) throw new UsageError(`--year takes a year such as 2023, not "${y}"`);
    return Number(y);
  });
  const o: SearchOptions = { limit };
  const docs = args.multi.get('doc');
  if (docs?.length) o.docs = docs;
  const jurisdictions = args.multi.get('jurisdiction');
  if (jurisdictions?.length) o.jurisdictions = jurisdictions;
  const kinds = args.multi.get('kind');
  if (kinds?.length) o.kinds = kinds;
  const stages = args.multi.get('stage');
  if (stages?.length) o.stages = stages;
  if (years.length) o.years = years;
  const sort = flagString(args, 'sort');
  if (sort !== undefined) {
    if (sort !== 'date' && sort !== 'relevance') throw new UsageError(`--sort takes date or relevance, not "${sort}"`);
    o.sort = sort;
  }
  if (args.flags.has('all-versions')) o.latestFirst = false;
  return o;
}

function groupLine(g: SearchGroup, i: number): string {
  const versions = g.versions.length > 1 ? `，${g.versions.length} 个版本` : '';
  const meta = [g.jurisdiction, g.kind, g.date].filter(Boolean).join(' · ');
  return `${String(i + 1).padStart(3)}. ${g.title}（${meta}；${g.total} 条命中${versions}）`;
}

function hitLine(h: SearchHit, title: string, indent: string): string {
  const version = h.versionLabel ? ` ${h.versionLabel}` : '';
  const heading = h.heading ? `【${h.heading}】` : '';
  const historical = h.current ? '' : ' 〔历史版本〕';
  const where = `${title}${version}`.trim();
  return `${indent}${where ? `${where} ` : ''}${h.label}${heading}  第${h.paragraph}款  (${h.doc}@${h.version}, ${h.score.toFixed(2)})${historical}`;
}

function printHuman(result: SearchResult, query: string, group: boolean, short: Map<string, string>): void {
  const tty = process.stdout.isTTY === true;
  if (result.total === 0) {
    const words = result.searched.words.map((w) => `“${w.literal}”`).join('、');
    out(`0 条结果：${query}`);
    out(`检索了 ${result.searched.documents} 个文件版本的 ${result.searched.articles} 条，均未写有${words || '检索词'}。`);
    return;
  }
  if (group) {
    out(`${result.totalGroups} 部法规、${result.total} 条结果${result.totalGroups > result.groups.length ? `（显示前 ${result.groups.length} 部）` : ''}：${query}`);
    result.groups.forEach((g, i) => {
      out('');
      out(groupLine(g, i));
      for (const h of g.hits) {
        const other = h.version !== g.version || h.doc !== g.doc;
        out(hitLine(other ? { ...h, versionLabel: h.versionLabel } : { ...h, versionLabel: null }, other ? (short.get(h.doc) ?? h.title) : '', '     '));
        out(`       ${markSnippet(h, tty)}`);
      }
    });
    return;
  }
  out(`${result.total} 条结果${result.total > result.hits.length ? `（显示前 ${result.hits.length} 条）` : ''}：${query}`);
  result.hits.forEach((h, i) => {
    out('');
    out(hitLine(h, short.get(h.doc) ?? h.title, `${String(i + 1).padStart(3)}. `));
    out(`     ${markSnippet(h, tty)}`);
  });
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'duizhao search QUERY [--doc ID]... [--limit N] [--group] [--sort date] [--all-versions] [--csv FILE] [--xlsx FILE] [--force] [--json]',
  flags: ['doc', 'limit', 'jurisdiction', 'kind', 'stage', 'year', 'json', 'group', 'sort', 'all-versions', 'csv', 'xlsx', 'force'],
  summary: 'find the articles on a topic ("…" phrase, -word, jurisdiction:湖南, year:2023); --group by law; --csv/--xlsx export',
  async run(args) {
    const query = args.positional.join(' ').trim();
    if (!query) throw new UsageError('search needs a query: duizhao search 政府采购 预留份额');
    const library = getLibrary();
    const known = new Set(library.list().map((d) => d.id));
    for (const d of args.multi.get('doc') ?? []) {
      const id = d.replace(/@\d+$/, '');
      if (!known.has(id)) throw new UsageError(`--doc ${d}: no such document (see duizhao list)`);
    }
    const json = args.flags.has('json');
    const force = args.flags.has('force');
    const o = options(args);
    // Warnings (a rebuilt cache) go to stderr here and into the JSON result.
    const cache = new SearchCache({ library });
    const targets = (['csv', 'xlsx'] as const).flatMap((kind) => {
      const file = flagString(args, kind);
      return file ? [{ kind, file: resolve(file) }] : [];
    });
    for (const t of targets) if (!force && existsSync(t.file)) throw new DuizhaoError('exists', `${t.file} 已存在；如要覆盖请加 --force`);
    if (targets.length > 0) {
      const { result, rows } = await cache.exportRows(query, o);
      for (const t of targets) {
        const bytes = t.kind === 'csv' ? hitsToCsv(rows) : await hitsToXlsx(rows, query);
        writeFileAtomic(t.file, bytes, { overwrite: force });
        process.stderr.write(`duizhao: 已导出 ${rows.length} 条（共 ${result.total} 条）到 ${t.file}\n`);
      }
      if (json) printJson({ query, total: result.total, exported: rows.length, files: targets.map((t) => t.file) });
      cache.close();
      return;
    }
    const result = await cache.search(query, o);
    cache.close();
    if (json) return printJson(result);
    const short = new Map(library.corpusEntries().map((e) => [e.id, e.shortTitle ?? e.title]));
    printHuman(result, query, args.flags.has('group'), short);
  },
};
