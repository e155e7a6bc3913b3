/**
 * From an article to the terms that say what it is about.
 *
 * Segmentation is jieba's search mode: a compound such as 预留采购份额 also yields 预留, 采购, 份额 and
 * 采购份额, so one text's "预留采购份额" still meets another's "预留的采购份额". Weighting (corpus.ts)
 * then makes the whole compound, which is rarer, count more than its parts.
 */
import { articleText, type Article } from '../model';
import type { Segmenter } from '../segment';

/**
 * Function words and the administrative boilerplate every provision of this genre repeats. The weighting
 * would push them down anyway; dropping them keeps vectors small (speed) and the "why" terms readable.
 */
const GENERIC_STOP_TERMS = new Set([
  // modal verbs and connectives of legal drafting
  '应当', '可以', '不得', '按照', '依照', '依法', '根据', '有关', '相关', '以及', '或者', '其他', '其它',
  '进行', '对于', '规定', '通过', '等等', '方面', '以上', '以下', '之一', '下列', '本市', '本省', '各类',
  '符合', '条件', '符合条件', '具体', '一定', '情况', '实际', '实际情况', '工作', '措施', '采取',
  '其中', '作为', '任何', '除外', '之外', '以外', '之间', '所在', '同等', '及其', '并且', '或者说',
  // who acts: named in nearly every article, never what the article is about
  '县级', '人民', '民政', '政府', '人民政府', '县级以上人民政府', '县级以上', '有关部门', '主管部门',
  '部门', '主管', '市区', '区人民政府', '市人民政府', '省人民政府', '设区', '本级', '本条例', '本办法',
]);

/**
 * What the documents of one field are about as a whole: between two articles of SME regulations they say
 * nothing (every article names 中小企业), but between two documents they are the subject itself
 * (一部中小企业条例 and 一部文明行为条例). So a document profile keeps them and article alignment drops them.
 */
const DOMAIN_STOP_TERMS = new Set(['中小', '企业', '小企业', '中小企业', '中小微企业', '微企业', '条例', '办法']);

/**
 * Jurisdictions name the same thing differently; both spellings are counted as one term so that, e.g.,
 * Hunan's 高等院校 meets Zhejiang's 高等学校.
 */
const SYNONYMS: Record<string, string> = {
  小型微型企业: '小微企业',
  高等院校: '高等学校',
  科研院所: '科研机构',
  工业和信息化: '经济和信息化',
  人力资源保障: '人力资源社会保障',
  人力资源和社会保障: '人力资源社会保障',
  市场监管: '市场监督管理',
};

/** A token is a term when it has at least two characters and at least one CJK ideograph or letter. */
const TERM_SHAPE = /^(?=.*[\p{Script=Han}A-Za-z])[\p{Script=Han}A-Za-z0-9（）]{2,}$/u;

/** The term a token counts as (synonyms merged), or null for function words and boilerplate. */
export function profileTerm(token: string): string | null {
  if (!TERM_SHAPE.test(token)) return null;
  const t = SYNONYMS[token] ?? token;
  return GENERIC_STOP_TERMS.has(t) ? null : t;
}

/** True for the field's own name (中小企业…): no evidence that two articles of that field match. */
export function isDomainTerm(term: string): boolean {
  return DOMAIN_STOP_TERMS.has(term);
}

/** The term a token counts as when articles are aligned: as profileTerm, without the field's own name. */
export function canonicalTerm(token: string): string | null {
  const t = profileTerm(token);
  return t === null || DOMAIN_STOP_TERMS.has(t) ? null : t;
}

/** The article's text without 项 labels ("（一）" is no term): lead-ins, 项 and 目 in reading order. */
export function articleTermText(article: Article): string {
  return articleText(article, { labels: false });
}

/**
 * The titles of cited laws (《中华人民共和国中小企业促进法》) say which law is cited, not what the
 * provision is about, and every document of a field cites the same few: they would tie a 立法目的 article
 * to whatever other article happens to cite the same law.
 */
export function withoutCitedTitles(text: string): string {
  return text.replace(/《[^》\n]*》/g, '《》');
}

/**
 * Term → count in `text`. `known` remembers what each token became (tokens repeat a great deal across
 * the articles of one alignment; the caller owns the cache).
 */
export function termCounts(segmenter: Segmenter, text: string, known: Map<string, string | null> = new Map()): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of segmenter.cutForSearch(text)) {
    let term = known.get(token);
    if (term === undefined) {
      term = profileTerm(token);
      known.set(token, term);
    }
    if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}
