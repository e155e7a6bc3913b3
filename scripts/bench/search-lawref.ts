/**
 * The shared LawRefBook corpus (or the test's copy of part of it) as search input, and the relevance
 * measures run on it: `search_success_at_3` (a query's wanted law among the first 3 laws of the result)
 * and `verbatim_recall` (a phrase copied from an article finds that article).
 *
 * Metadata comes from where a file stands: DLC/<省>地方法规/<类型>/… are that province's local
 * regulations, 行政法规/司法解释/部门规章 name their kind, the other folders hold national laws (法律).
 * The date is the one in the file name ("(2021-08-20)"), else the first "YYYY年M月D日" of the preamble.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { shardSources } from '../../electron/engine/index/records';
import type { SearchIndex } from '../../electron/engine/index/search';
import type { ShardSource } from '../../electron/engine/index/types';
import { parseDocument } from '../../electron/engine/parse';
import { prng } from './random';

export const LAWREF_DIR = '/work/shared/corpora/lawrefbook';

/** The shared corpus folder (beside the repository as ../shared, or the workplace path). */
export function lawrefDir(root = process.cwd()): string | null {
  for (const dir of [join(root, '..', 'shared', 'corpora', 'lawrefbook'), join(root, '..', '..', 'shared', 'corpora', 'lawrefbook'), LAWREF_DIR]) {
    try {
      if (statSync(dir).isDirectory()) return dir;
    } catch {
      // not here
    }
  }
  return null;
}

/** Every .md of the corpus but the folder indexes, as paths relative to `dir` ('/'-separated), sorted. */
export function lawrefFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, name.name);
      if (name.isDirectory()) walk(p);
      else if (name.name.endsWith('.md') && name.name !== '_index.md') out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Stand-in until the parser reads Markdown titles itself: the first line starting with "# ". */
export function markdownTitle(text: string): string | null {
  const m = /^# +(.+)$/m.exec(text);
  return m ? m[1]!.trim() : null;
}

const NATIONAL_KINDS: Record<string, string> = { 行政法规: '行政法规', 司法解释: '司法解释', 部门规章: '部门规章', 案例: '案例', 其他: '其他' };

export function lawrefMeta(path: string, text: string): { id: string; title: string | null; jurisdiction: string; kind: string; date: string | null } {
  const parts = path.split('/');
  let jurisdiction = '全国';
  let kind = NATIONAL_KINDS[parts[0]!] ?? '法律';
  if (parts[0] === 'DLC') {
    jurisdiction = parts[1]!.replace(/地方法规$/, '');
    kind = parts[2] ?? '地方性法规';
  }
  let date: string | null = null;
  const named = /\((\d{4}-\d{2}-\d{2})\)\.md$/.exec(path);
  if (named) date = named[1]!;
  else {
    const head = text.slice(0, 600);
    const m = /(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(head);
    if (m) date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  const id = 'lr-' + createHash('sha1').update(path).digest('hex').slice(0, 12);
  return { id, title: markdownTitle(text), jurisdiction, kind, date };
}

/** One corpus file as index input (null: no articles, e.g. a case report). */
export function lawrefSources(dir: string, path: string): ShardSource[] | null {
  const text = readFileSync(join(dir, path), 'utf8');
  const meta = lawrefMeta(path, text);
  let doc;
  try {
    doc = parseDocument(text, { id: meta.id, ...(meta.title ? { title: meta.title } : {}) });
  } catch {
    return null;
  }
  if (doc.versions.every((v) => v.articles.length === 0)) return null;
  return shardSources(doc, {
    id: meta.id,
    title: doc.title,
    jurisdiction: meta.jurisdiction,
    kind: meta.kind,
    stage: '施行',
    dates: meta.date ? { effective: meta.date } : {},
  });
}

export interface RelevanceQuery {
  query: string;
  /** The wanted law: a corpus path (relative to the corpus folder) or `seed:<id>` for a built-in document; several: any answers. */
  doc: string | string[];
  /** The wanted article's label (or labels, any of which answers), where articles are the answer. */
  article?: string | string[];
  kind: 'topic' | 'phrase' | 'seed';
  why: string;
}

export interface RelevanceReport {
  queries: number;
  successAt3: number;
  articleAt3: number;
  failures: Array<{ query: string; wanted: string; got: string[] }>;
}

/** Share of queries whose wanted law is among the first 3 laws (and its article among that law's first 3). */
export function relevance(index: SearchIndex, queries: readonly RelevanceQuery[], idOf: (doc: string) => string): RelevanceReport {
  let ok = 0;
  let withArticle = 0;
  let articleOk = 0;
  const failures: RelevanceReport['failures'] = [];
  for (const q of queries) {
    const r = index.search(q.query, { limit: 10, groupLimit: 3, groupHits: 3 });
    const wanted = (Array.isArray(q.doc) ? q.doc : [q.doc]).map(idOf);
    const group = r.groups.find((g) => g.versions.some((v) => wanted.includes(v.doc)));
    const want = group?.versions.find((v) => wanted.includes(v.doc))?.doc;
    if (group) ok++;
    else failures.push({ query: q.query, wanted: String(q.doc), got: r.groups.map((g) => g.title) });
    if (q.article) {
      withArticle++;
      const labels = Array.isArray(q.article) ? q.article : [q.article];
      if (group?.hits.some((h) => h.doc === want && labels.includes(h.label))) articleOk++;
      else if (group) failures.push({ query: q.query, wanted: `${q.doc} ${q.article}`, got: group.hits.map((h) => h.label) });
    }
  }
  return { queries: queries.length, successAt3: ok / queries.length, articleAt3: withArticle ? articleOk / withArticle : 1, failures };
}

/**
 * Verbatim recall: `count` phrases of 4–12 characters copied from random articles (starting at a Han
 * character), each searched as typed, without quotes; the share whose article is among the hits (all hits
 * are checked, not only the first page: recall, not rank).
 */
export function verbatimRecall(index: SearchIndex, sources: readonly ShardSource[], count: number, seed = 11): { recall: number; misses: string[] } {
  const rand = prng(seed);
  const articles: Array<{ s: ShardSource; i: number }> = [];
  for (const s of sources) for (let i = 0; i < s.articles.length; i++) articles.push({ s, i });
  let found = 0;
  let tried = 0;
  const misses: string[] = [];
  let guard = 0;
  while (tried < count && guard++ < count * 20) {
    const { s, i } = articles[Math.floor(rand() * articles.length)]!;
    const a = s.articles[i]!;
    const p = a.paragraphs[Math.floor(rand() * a.paragraphs.length)] ?? '';
    const len = 4 + Math.floor(rand() * 9);
    if (p.length < len) continue;
    const start = Math.floor(rand() * (p.length - len + 1));
    if (!/\p{Script=Han}/u.test(p[start]!)) continue;
    const phrase = p.slice(start, start + len);
    tried++;
    // Restricted to the article's own document version: recall asks whether it matches, not where it ranks.
    const r = index.search(phrase, { limit: 2000, groupLimit: 0, docs: [s.id] });
    if (r.hits.some((h) => h.doc === s.doc && h.version === s.version && h.label === a.label)) found++;
    else misses.push(`${phrase} → ${s.title} ${a.label}`);
  }
  return { recall: tried ? found / tried : 1, misses };
}
