/**
 * `duizhao search QUERY [--doc ID]... [--limit N] [--json]`: topic search over every article of the
 * corpus, on the index cached under $DUIZHAO_HOME/cache/search (built on first use).
 */
import type { SearchHit, SearchOptions } from '../../electron/engine/index/types';
import { say } from '../../electron/engine/model';
import { flagNumber, getApp, out, printJson, UsageError, type Args, type Command } from './common';

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
  return o;
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'duizhao search QUERY [--doc ID]... [--limit N] [--json]',
  flags: ['doc', 'limit', 'jurisdiction', 'kind', 'stage', 'year', 'json'],
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
    // Warnings (a rebuilt cache) go to stderr here and into the JSON result.
    const result = await app.search.search(query, options(args));
    if (json) return printJson(result);
    const short = new Map(app.documents.list().map((d) => [d.id, app.documents.shortTitle(d.id) ?? d.title]));
    const tty = process.stdout.isTTY === true;
    out(`${result.total} 条结果${result.total > result.hits.length ? `（显示前 ${result.hits.length} 条）` : ''}：${query}`);
    result.hits.forEach((h, i) => {
      const version = h.versionLabel ? ` ${h.versionLabel}` : '';
      const heading = h.heading ? `【${h.heading}】` : '';
      out('');
      out(`${String(i + 1).padStart(3)}. ${short.get(h.doc) ?? h.title}${version} ${h.label}${heading}  第${h.paragraph}款  (${h.doc}@${h.version}, ${h.score.toFixed(2)})`);
      out(`     ${markSnippet(h, tty)}`);
    });
  },
};
