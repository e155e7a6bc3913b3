/** Display helpers: Chinese labels for summary fields, 款 markers, and the 跳转 input parser. */
import { cnToInt } from '../electron/engine/model/numerals';
import { findArticle as findArticleAt, parseCitation } from '../electron/engine/model/address';
import type { Article, Version } from '../electron/engine/model/types';
import type { DocumentDates } from '../electron/api/contract';

const KIND_LABELS: Record<string, string> = {
  regulation: '地方性法规',
  law: '法律',
  opinion: '政策文件',
  comparison: '修改对照稿',
};

const STAGE_LABELS: Record<string, string> = {
  enacted: '已通过',
  adopted: '已通过',
  effective: '现行有效',
  in_force: '现行有效',
  issued: '已印发',
  published: '已公布',
  draft: '草案',
  review: '审议稿',
  revision_draft: '修订草案',
  consultation: '征求意见稿',
  comment: '征求意见稿',
  repealed: '已废止',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

export function stageLabel(stage: string): string {
  return STAGE_LABELS[stage] ?? stage;
}

const DATE_LABELS: Array<[keyof DocumentDates, string]> = [
  ['adopted', '通过'],
  ['published', '公布'],
  ['effective', '施行'],
  ['drafted', '起草'],
];

export function dateEntries(dates: DocumentDates | undefined): Array<{ label: string; value: string }> {
  if (!dates) return [];
  return DATE_LABELS.filter(([key]) => dates[key]).map(([key, label]) => ({ label, value: formatDate(dates[key] as string) }));
}

/** ISO → as Chinese documents write dates: 2023-01-16 → 2023年1月16日, 2023-01 → 2023年1月, 2023 → 2023年. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(iso.trim());
  if (!m) return iso;
  return `${m[1]}年${m[2] ? `${Number(m[2])}月` : ''}${m[3] ? `${Number(m[3])}日` : ''}`;
}

/**
 * A typed date → ISO: 2023年1月16日, 2023-01-16, 2023.1.16, 2023/1/16, 2023年1月, 2023; '' stays ''
 * (no date). Null when it is not a real date.
 */
export function parseDate(text: string): string | null {
  const t = text.replace(/[\s\u3000]/g, '').replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  if (t === '') return '';
  const m = /^(\d{4})(?:[年.\-/](\d{1,2})(?:[月.\-/](\d{1,2})日?)?月?)?年?$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), m[2] ? Number(m[2]) : null, m[3] ? Number(m[3]) : null];
  if (mo !== null && (mo < 1 || mo > 12)) return null;
  if (d !== null && mo !== null) {
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (d < 1 || d > days) return null;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}${mo !== null ? `-${pad(mo)}` : ''}${d !== null ? `-${pad(d)}` : ''}`;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** 1 → ①, …, 20 → ⑳, then (21). */
export function paragraphMarker(n: number): string {
  return n >= 1 && n <= 20 ? Array.from(CIRCLED)[n - 1]! : `(${n})`;
}

export function versionName(version: Version, index: number): string {
  return version.label ?? `版本 ${index + 1}`;
}

/**
 * Finds the article a 跳转 query names: "27", "二十七", "第二十七条", "第十条之一", "10之1", "（十一）".
 * Returns null when the query is not a numeral or no article carries it.
 */
export function findArticle(version: Version, query: string): Article | null {
  const q = query.replace(/\s+/g, '');
  if (q === '') return null;
  const paren = /^[（(]([^）)]+)[）)]$/.exec(q);
  if (paren) {
    const n = cnToInt(paren[1]!);
    return n === null ? null : (version.articles.find((a) => a.label === `（${paren[1]}）` || (a.number === n && /^（/.test(a.label))) ?? null);
  }
  const address = parseCitation(q);
  return address ? findArticleAt(version, address.article, address.sub) : null;
}

export function articleKey(a: Pick<Article, 'number' | 'sub'>): { number: number; sub?: number } {
  return a.sub ? { number: a.number, sub: a.sub } : { number: a.number };
}
