/**
 * Metadata an imported document suggests about itself, for the import form to start from (the user edits
 * it): where it applies (from the title's place name), what kind of text and which stage (from the title's
 * words), and the dates its text states (adoption note, 自…起施行).
 */
import type { LegalDocument } from '../model';

export interface SuggestedMetadata {
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: { adopted?: string; effective?: string; published?: string; drafted?: string };
}

const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];
const PROVINCE_RE = new RegExp(`^(${PROVINCES.join('|')})(省|市|自治区|维吾尔自治区|壮族自治区|回族自治区|特别行政区)?`, 'u');
/** A city or special economic zone: 深圳经济特区…, 杭州市…, 宁波市… */
const CITY_RE = /^([\u4e00-\u9fff]{2,4}?)(?:经济特区|市)/u;

export function guessJurisdiction(title: string): string {
  const t = title.replace(/^[《〈]/u, '');
  if (t.startsWith('中华人民共和国') || t.startsWith('全国人民代表大会') || t.startsWith('国务院')) return '全国';
  const p = PROVINCE_RE.exec(t);
  if (p) return p[1]!;
  const c = CITY_RE.exec(t);
  return c ? c[1]! : '';
}

/** The corpus's words for kinds (see corpus/manifest.json): 法律, 地方性法规, 政策文件, 修改对照稿. */
export function guessKind(doc: Pick<LegalDocument, 'kind' | 'title'>, jurisdiction: string): string {
  if (doc.kind === 'comparison' || /对照/u.test(doc.title)) return '修改对照稿';
  if (doc.kind === 'opinion' || /意见|通知|方案/u.test(doc.title)) return '政策文件';
  if (/^中华人民共和国.*法(?:（|$)/u.test(doc.title)) return '法律';
  if (/条例|办法|规定|规则|细则/u.test(doc.title)) return jurisdiction && jurisdiction !== '全国' ? '地方性法规' : '法规';
  return '';
}

export function guessStage(title: string): string {
  if (/征求意见稿/u.test(title)) return '征求意见稿';
  if (/送审稿/u.test(title)) return '送审稿';
  if (/(二次|三次)审议稿/u.test(title)) return /二次/u.test(title) ? '二次审议' : '三次审议';
  if (/修订草案|修正草案/u.test(title)) return '修订草案';
  if (/草案/u.test(title)) return '草案';
  return '';
}

function iso(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const DATE = '(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日';

export function guessDates(doc: LegalDocument, text: string): SuggestedMetadata['dates'] {
  const dates: SuggestedMetadata['dates'] = {};
  const head = doc.preamble.join('\n');
  const adopted = new RegExp(`${DATE}[^）)\\n]{0,80}?(?:通过|批准)`, 'u').exec(head);
  if (adopted) dates.adopted = iso(adopted[1]!, adopted[2]!, adopted[3]!);
  const effective = new RegExp(`自\\s*${DATE}\\s*起施行`, 'u').exec(text);
  if (effective) dates.effective = iso(effective[1]!, effective[2]!, effective[3]!);
  const drafted = new RegExp(`制作时间[:：]\\s*${DATE}`, 'u').exec(text);
  if (drafted) dates.drafted = iso(drafted[1]!, drafted[2]!, drafted[3]!);
  return dates;
}

/** A draft's stage set on its own line under the title: "（征求意见稿）", "（草案）", "（修订草案送审稿）". */
const STAGE_LINE = /^[（(](?:[^（）()]{0,8})(?:草案|征求意见稿|送审稿|审议稿|修改稿)[^（）()]{0,6}[)）]$/u;

/** `fallbackTitle` (the file name) is used when the text names no title the parser recognised. */
export function suggestMetadata(doc: LegalDocument, text: string, fallbackTitle: string): SuggestedMetadata {
  let title = doc.title && doc.title !== doc.id ? doc.title : fallbackTitle;
  // The stage line belongs to the title, as the corpus writes it ("…条例（征求意见稿）").
  const at = doc.preamble.indexOf(doc.title);
  const next = at >= 0 ? doc.preamble[at + 1]?.trim() : undefined;
  if (next && STAGE_LINE.test(next) && !title.endsWith(next)) title += next.replace(/^\(/, '（').replace(/\)$/, '）');
  const jurisdiction = guessJurisdiction(title);
  return {
    title,
    jurisdiction,
    kind: guessKind({ kind: doc.kind, title }, jurisdiction),
    stage: guessStage(title),
    dates: guessDates(doc, text),
  };
}
