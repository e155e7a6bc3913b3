/**
 * A topic's label where none of its articles has a 【heading】: a short noun phrase taken from the
 * articles' own text that names what they share (融资担保体系, 统计监测制度, 预留采购份额), never a list
 * of keywords. Candidates are the runs of nouns (and verbal nouns) in each member's text; each is scored by
 * the weight the topic's shared terms give the words it holds, preferring phrases several members use and
 * short ones.
 */
import type { Segmenter, TaggedWord } from '../segment';
import { canonicalTerm } from './terms';

/** jieba tags of words that can stand in a noun phrase (n, nz, vn, j abbreviations, l idioms, …). */
const NOUNISH = /^(?:n|nz|vn|nt|nl|ng|ns|j|l|an|eng)$/;
/** The last word must be a noun proper (a phrase ending in 发展 or 支持 names an activity, not a thing). */
const HEAD = /^(?:n|nz|vn|nt|nl|ng|ns|j|eng)$/;
/** Words that never start or end a label: who acts, the field's own name, generic heads. */
const EDGE_WORDS = new Set([
  '中小企业', '中小微企业', '小微企业', '小型微型企业', '企业', '政府', '人民政府', '部门', '主管部门', '有关部门', '本省', '本市',
  '工作', '情况', '方面', '方式', '条件', '措施', '活动', '行为', '规定', '国家', '社会', '单位', '机构', '问题', '能力', '水平',
]);
const MAX_WORDS = 4;
/** How much a phrase gains from holding the most telling term, the second, the third. */
const RANK_WEIGHT = [1, 0.7, 0.45];
const MAX_CHARS = 10;
const MIN_CHARS = 2;

interface Phrase {
  text: string;
  words: string[];
}

function phrasesOf(tagged: TaggedWord[]): Phrase[] {
  const out: Phrase[] = [];
  let run: TaggedWord[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      if (EDGE_WORDS.has(run[i]!.word)) continue;
      for (let j = i; j < Math.min(run.length, i + MAX_WORDS); j++) {
        const last = run[j]!;
        if (!HEAD.test(last.tag) || EDGE_WORDS.has(last.word)) continue;
        const words = run.slice(i, j + 1).map((w) => w.word);
        const text = words.join('');
        if (text.length >= MIN_CHARS && text.length <= MAX_CHARS) out.push({ text, words });
      }
    }
    run = [];
  };
  for (const w of tagged) {
    // One-character words end a phrase: jieba often tags 所, 中, 起 as nouns, and a label needs whole words.
    if (NOUNISH.test(w.tag) && w.word.length >= 2 && /\p{Script=Han}/u.test(w.word)) run.push(w);
    else flush();
  }
  flush();
  return out;
}

/**
 * The subjects every regulation has and names by convention, not by a phrase of its text: 立法目的 for
 * "为了……制定本条例", 施行日期 for "本条例自……起施行". A topic takes one when most of its members match.
 */
const CONVENTIONAL: Array<{ label: string; test: RegExp }> = [
  { label: '立法目的', test: /^为了?[^。]{4,}?(?:制定本|特制定)|^根据[^。]*制定本(?:条例|办法|规定)/u },
  { label: '施行日期', test: /^本(?:条例|办法|法|规定|细则|决定)[^。]{0,4}自[^。]{0,30}(?:起施行|施行)/u },
  { label: '适用范围', test: /^[^。]{0,40}适用本(?:条例|办法|法|规定)。/u },
  { label: '法律责任', test: /依法给予(?:行政)?处分|依法追究刑事责任|处[^。]{0,24}罚款/u },
  { label: '政府和部门职责', test: /纳入国民经济和社会发展规划|加强对[^。]{0,30}(?:工作|发展)的领导|在各自(?:的)?职责范围内|综合管理部门|主管部门负责/u },
  { label: '解释权', test: /^本(?:条例|办法|规定)[^。]{0,10}(?:具体应用|解释)/u },
];

export function conventionalLabel(texts: string[]): string | null {
  for (const { label, test } of CONVENTIONAL) {
    const n = texts.filter((t) => test.test(t)).length;
    if (n > 0 && n * 2 >= texts.length) return label;
  }
  return null;
}

/**
 * The best noun phrase of the members' texts for a topic whose shared terms weigh `weights` (term →
 * weight) and whose most telling terms are `top` (maximal forms, most telling first), or null where no
 * phrase holds one of them.
 */
export function nounPhraseLabel(texts: string[], weights: Map<string, number>, top: string[], segmenter: Segmenter): string | null {
  if (!segmenter.tag || !top.length) return null;
  // The telling terms rank the phrases; the other shared terms only break ties. A term that is not a noun
  // by itself (行使, 之日起, 缺乏经验) names no subject: it does not rank.
  const telling = top.filter((t) => segmenter.tag!(t).every((w) => NOUNISH.test(w.tag))).slice(0, 3);
  if (!telling.length) return null;
  const maxWeight = Math.max(...telling.map((t) => weights.get(t) ?? 0), 1e-12);
  const scored = new Map<string, { score: number; members: Set<number>; count: number }>();
  texts.forEach((text, member) => {
    for (const clause of text.split(/[。；;！？\n]/u)) {
      // Only a clause holding a telling term can give a phrase that scores: tag no other.
      if (!telling.some((t) => clause.includes(t))) continue;
      for (const p of phrasesOf(segmenter.tag!(clause))) {
        const entry = scored.get(p.text);
        if (entry) {
          entry.members.add(member);
          entry.count++;
          continue;
        }
        let score = 0;
        telling.forEach((t, i) => {
          if (p.text.includes(t)) score += RANK_WEIGHT[i]! * (1 + (weights.get(t) ?? 0) / maxWeight);
        });
        if (score <= 0) continue;
        for (const w of p.words) score += 0.1 * Math.min(1, (weights.get(canonicalTerm(w) ?? '') ?? 0) / maxWeight);
        scored.set(p.text, { score, members: new Set([member]), count: 1 });
      }
    }
  });
  let best: string | null = null;
  let bestValue = 0;
  for (const [text, { score, members, count }] of scored) {
    // Used by several members, or often: a better name; long phrases are worse labels than their heads.
    // Two characters rarely name a subject (款项, 分析): a longer phrase holding the term is better.
    const shortness = text.length === 2 ? 0.6 : text.length === 3 ? 0.85 : 1;
    const value = (score * shortness * (1 + 0.1 * (members.size - 1)) * (1 + 0.05 * Math.min(3, count - 1))) / (1 + 0.15 * Math.max(0, text.length - 6));
    if (value > bestValue + 1e-12 || (Math.abs(value - bestValue) <= 1e-12 && best !== null && text.length < best.length)) {
      best = text;
      bestValue = value;
    }
  }
  return best;
}
