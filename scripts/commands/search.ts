/**
 * `duizhao search QUERY [--doc ID]... [--limit N] [--group] [--sort date] [--all-versions] [--csv FILE]
 * [--xlsx FILE] [--force] [--json]`: topic search over every article of the library, on the index cached
 * under $DUIZHAO_HOME/cache/search (built on first use, kept current as documents come and go).
 * A thin adapter: the ranking, groups, facets and the export tables are the engine's (engine/index).
 */
import type { SearchGroup, SearchHit, SearchOptions, SearchResult } from '../../electron/engine/index/types';
import { fail, say } from '../../electron/engine/model';
import { flagNumber, flagString, getApp, out, printJson, UsageError, type Args, type Command } from './common';

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
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(say('cli.needs_positive', { name: 'limit', value: String(args.flags.get('limit')) }));
  const years = (args.multi.get('year') ?? []).map((y) => {
    if (!/^\d{4}$/.test(y)) throw new UsageError(say('cli.needs_year', { value: y }));
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
    if (sort !== 'date' && sort !== 'relevance') throw new UsageError(say('cli.bad_choice', { name: 'sort', value: sort, options: 'relevance、date' }));
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
    out(say('cli.search_none', { query }));
    out(say('cli.search_searched', { documents: result.searched.documents, articles: result.searched.articles, words: words || '检索词' }));
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
  summary: say('cli.summary.search'),
  async run(args) {
    const query = args.positional.join(' ').trim();
    if (!query) throw new UsageError(say('cli.needs', { what: say('cli.needs.search'), usage: 'duizhao search 政府采购 预留份额' }));
    const app = getApp();
    const known = new Set(app.documents.list().map((d) => d.id));
    for (const d of args.multi.get('doc') ?? []) {
      const id = d.replace(/@\d+$/, '');
      if (!known.has(id)) throw new UsageError(say('cli.no_such_doc_flag', { id: d }));
    }
    const json = args.flags.has('json');
    const force = args.flags.has('force');
    const o = options(args);
    // Warnings (a rebuilt cache) go to stderr here and into the JSON result.
    const targets = (['csv', 'xlsx'] as const).flatMap((format) => {
      const file = flagString(args, format);
      return file ? [{ format, file }] : [];
    });
    for (const t of targets) if (!force && app.files.fileExists(t.file)) throw fail('exists', 'export.file_exists', { path: t.file });
    if (targets.length > 0) {
      let total = 0;
      let exported = 0;
      for (const t of targets) {
        const file = await app.search.exportHits(query, o, t.format);
        app.files.writeOutputFile(t.file, file.bytes, force);
        ({ total, exported } = file);
        process.stderr.write(`duizhao: ${say('cli.search_exported', { n: file.exported, total: file.total, file: t.file })}
`);
      }
      if (json) printJson({ query, total, exported, files: targets.map((t) => t.file) });
      return;
    }
    const result = await app.search.search(query, o);
    if (json) return printJson(result);
    const short = new Map(app.documents.list().map((d) => [d.id, app.documents.shortTitle(d.id) ?? d.title]));
    printHuman(result, query, args.flags.has('group'), short);
  },
};
