/**
 * What a legal text says about itself, for the library: its title, where it applies, what kind of text it
 * is, the dates of its history, and which version of a law it is.
 *
 * The conventions read here:
 * - The 题注 under the title records the text's history, one event per date: "1999年4月29日 第九届全国人民
 *   代表大会常务委员会第九次会议通过", "…《关于修改…的决定》第二次修正", "…修订", "…公布", "…施行",
 *   and for a 设区的市's regulation the province's "…批准". 修正 amends some provisions (the text is
 *   republished as amended); 修订 rewrites the law as a whole. Both make a new version of the same law.
 * - The title names the issuing level: 中华人民共和国…法 (national law), 某省/自治区/直辖市…条例 (a
 *   province's regulation), 某市…条例 (a 设区的市's), 深圳经济特区…条例 (a special economic zone's: 深圳,
 *   not 广东), 某自治县/自治州…条例 (单行条例; 自治条例 when so titled), 最高人民法院关于… (司法解释).
 * - A collection's folders often say the kind (行政法规/, 司法解释/, 部门规章/, …/地方性法规/), and a file
 *   name may carry the version's date: 行政复议法(2023-09-01).md.
 * Pure: text, a file name and a path in; suggestions out (the user can edit every field).
 */
import type { LegalDocument } from '../model';

export interface Amendment {
  /** ISO date. */
  date: string;
  /** 修正 (some provisions amended) or 修订 (rewritten as a whole). */
  kind: '修正' | '修订';
}

export interface SuggestedDates {
  adopted?: string;
  /** Each 修正 and 修订, oldest first. */
  amended?: string[];
  effective?: string;
  published?: string;
  /** A 设区的市's regulation approved by the province's standing committee. */
  approved?: string;
  drafted?: string;
}

export interface SuggestedMetadata {
  title: string;
  jurisdiction: string;
  kind: string;
  stage: string;
  dates: SuggestedDates;
  /** The 修正 and 修订 of the 题注, oldest first. */
  amendments: Amendment[];
  /** The date the text stands at: its last 修正/修订, else its adoption or publication, else the file name's date. */
  versionDate?: string;
}

const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];
const PROVINCE_RE = new RegExp(`^(${PROVINCES.join('|')})(省|市|自治区|维吾尔自治区|壮族自治区|回族自治区|特别行政区)?`, 'u');
/** 深圳经济特区…, 厦门经济特区…: the zone's city. */
const ZONE_RE = /^([\u4e00-\u9fff]{2,3}?)经济特区/u;
/** 延边朝鲜族自治州…, 酉阳土家族苗族自治县…: the place before the peoples' names. */
const AUTONOMOUS_RE = /^([\u4e00-\u9fff]{2,4}?)(?:[\u4e00-\u9fff]{1,3}族)+自治(州|县|旗)/u;
/** A 设区的市 (日照市…, 杭州市…) or a county (…县) — never a province, handled above. */
const CITY_RE = /^([\u4e00-\u9fff]{2,4}?)(市|县|区)(?![场区级])/u;
const NATIONAL_KINDS: ReadonlySet<string> = new Set(['宪法', '法律', '行政法规', '司法解释', '部门规章']);
const NATIONAL_RE = /^(中华人民共和国|全国人民代表大会|国务院|最高人民法院|最高人民检察院|中共中央|中央)/u;

/** Where a text applies, from its title: 全国, a province (浙江), or a city or zone (深圳, 日照). */
export function guessJurisdiction(title: string): string {
  const t = title.replace(/^[《〈]/u, '');
  if (NATIONAL_RE.test(t)) return '全国';
  const zone = ZONE_RE.exec(t);
  if (zone) return zone[1]!;
  const p = PROVINCE_RE.exec(t);
  if (p) {
    // 南京市 is not 南: a province's name is followed by its suffix, or by the rest of the title.
    return p[1]!;
  }
  const a = AUTONOMOUS_RE.exec(t);
  if (a) return a[1]!;
  // "关于市人民政府…的规定" names no place: 关于 is not a city.
  const c = /^关于/u.test(t) ? null : CITY_RE.exec(t);
  return c ? c[1]! : '';
}

/** Folder names of a collection that say the kind of every text inside. */
const FOLDER_KINDS: Array<[RegExp, string]> = [
  [/^司法解释$/u, '司法解释'],
  [/^行政法规$/u, '行政法规'],
  [/^部门规章$/u, '部门规章'],
  [/^地方性法规$/u, '地方性法规'],
  [/^地方政府规章$/u, '地方政府规章'],
  [/^宪法$/u, '宪法'],
  [/^(宪法相关法|民法商法|民法典|行政法|经济法|社会法|刑法|诉讼与非诉讼程序法|法律)$/u, '法律'],
];

function kindFromPath(path: string | undefined): string {
  if (!path) return '';
  const parts = path.split(/[\\/]/).slice(0, -1).reverse();
  for (const part of parts) for (const [re, kind] of FOLDER_KINDS) if (re.test(part)) return kind;
  return '';
}

/** The kind from the issuing body named in the 题注 (…会议通过, …令, …公布). */
function kindFromIssuer(head: string): string {
  if (/最高人民法院审判委员会|最高人民检察院检察委员会|最高人民法院公告|最高人民检察院公告/u.test(head)) return '司法解释';
  if (/全国人民代表大会/u.test(head)) return '法律';
  if (/国务院令|国务院(发布|公布|批准)/u.test(head)) return '行政法规';
  if (/人民政府令|人民政府(发布|公布)/u.test(head)) return '地方政府规章';
  if (/(部|委员会|总局|总署|银行|署)令/u.test(head)) return '部门规章';
  if (/人民代表大会(常务委员会)?[^。]{0,30}(通过|批准)/u.test(head)) return '地方性法规';
  return '';
}

/**
 * The usual names (CONTRACTS.md): 宪法, 法律, 行政法规, 地方性法规, 自治条例, 单行条例, 部门规章, 地方政府规章,
 * 司法解释, 政策文件, 修改对照稿 — from the parse, the title, the 题注's issuing body and the folders.
 */
export function guessKind(doc: Pick<LegalDocument, 'kind' | 'title'>, jurisdiction: string, head = '', path?: string): string {
  const title = doc.title;
  if (doc.kind === 'comparison' || /对照/u.test(title)) return '修改对照稿';
  if (/自治条例$/u.test(title)) return '自治条例';
  if (/自治(州|县|旗)/u.test(title) && /条例$/u.test(title)) return '单行条例';
  if (/^最高人民(法院|检察院)/u.test(title)) return '司法解释';
  const fromPath = kindFromPath(path);
  if (fromPath) return fromPath;
  // "（征求意见稿）" is a draft's stage, not a policy opinion.
  const bare = title.replace(/[（(][^（）()]*(征求意见稿|草案|送审稿|审议稿)[^（）()]*[)）]$/u, '');
  if (doc.kind === 'opinion' || /意见|通知|方案|纲要/u.test(bare)) return '政策文件';
  if (/^中华人民共和国.*法(?:（|$)/u.test(title) || /^中华人民共和国宪法/u.test(title)) return /宪法/u.test(title) ? '宪法' : '法律';
  const fromIssuer = kindFromIssuer(head);
  if (fromIssuer) return fromIssuer;
  if (/条例|办法|规定|规则|细则/u.test(title)) return jurisdiction && jurisdiction !== '全国' ? '地方性法规' : '行政法规';
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
const DATE_G = new RegExp(DATE, 'gu');

/** The 题注: preamble lines that record events with dates (the title and notices aside). */
function headOf(doc: LegalDocument): string {
  return doc.preamble.filter((l) => new RegExp(DATE, 'u').test(l)).join('\n');
}

/**
 * The events of the 题注, in order: each date and what happened on it — the words up to the next date.
 * "2013年3月8日 最高人民法院审判委员会第1571次会议、2013年3月18日最高人民检察院…通过": the first date's
 * words hold no event of their own, and the event after the second date (通过) is theirs too.
 */
function events(head: string): Array<{ date: string; what: string }> {
  const found = [...head.matchAll(DATE_G)];
  const out: Array<{ date: string; what: string }> = [];
  found.forEach((m, i) => {
    const end = i + 1 < found.length ? found[i + 1]!.index! : head.length;
    out.push({ date: iso(m[1]!, m[2]!, m[3]!), what: head.slice(m.index! + m[0].length, end) });
  });
  return out;
}

const EVENT = /(修订|修正|批准|通过|公布|发布|施行)/gu;

/** The body named after a date ("最高人民法院审判委员会第1823次会议通过" → 最高人民法院审判委员会). */
function issuer(what: string): string | null {
  const m = /^\s*(.+?)(第[^届次]{1,6}[届次]|会议|通过)/u.exec(what);
  return m ? m[1]!.trim() : null;
}

export function guessDates(doc: LegalDocument, text: string): { dates: SuggestedDates; amendments: Amendment[] } {
  const dates: SuggestedDates = {};
  const amendments: Amendment[] = [];
  const list = events(headOf(doc));
  let pending: string[] = [];
  let adoptedBy: string | null = null;
  for (const e of list) {
    // The last event word of the segment names what happened ("…《关于修改…的决定》修正"): words inside
    // a cited decision's title (《关于修改…》) are not events.
    const words = [...e.what.replace(/《[^》]*》/gu, '').matchAll(EVENT)].map((m) => m[1]!);
    const what = words.at(-1);
    if (!what) {
      pending.push(e.date);
      continue;
    }
    const on = [...pending, e.date];
    pending = [];
    if (what === '修订' || what === '修正') {
      for (const date of on.slice(-1)) amendments.push({ date, kind: what });
    } else if (what === '通过') {
      // The same body adopting the text again later (最高人民法院审判委员会 in 2014, again in 2020 and 2022)
      // adopts an amended text: a 修正. Another body on another line (最高人民检察院) joins the adoption.
      const body = issuer(e.what);
      if (dates.adopted && adoptedBy && body === adoptedBy && on[0]! > dates.adopted) amendments.push({ date: on.at(-1)!, kind: '修正' });
      else if (!dates.adopted) {
        dates.adopted = on[0]!;
        adoptedBy = body;
      }
    }
    else if (what === '批准') dates.approved ??= on.at(-1)!;
    else if (what === '公布' || what === '发布') dates.published ??= on.at(-1)!;
    else if (what === '施行') dates.effective ??= on.at(-1)!;
  }
  amendments.sort((a, b) => a.date.localeCompare(b.date));
  if (amendments.length) dates.amended = amendments.map((a) => a.date);
  const effective = new RegExp(`自\\s*${DATE}\\s*起施行`, 'u').exec(text);
  if (effective && !dates.effective) dates.effective = iso(effective[1]!, effective[2]!, effective[3]!);
  const drafted = new RegExp(`制作时间[:：]\\s*${DATE}`, 'u').exec(text);
  if (drafted) dates.drafted = iso(drafted[1]!, drafted[2]!, drafted[3]!);
  return { dates, amendments };
}

/** "行政复议法(2023-09-01).md" → "2023-09-01". */
export function dateFromFileName(name: string): string | undefined {
  const m = /[(（](\d{4})-(\d{2})-(\d{2})[)）][^\\/]*$/u.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** A file name without folders, extension and date: "行政复议法(2023-09-01).md" → "行政复议法". */
export function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]+$/u, '').replace(/[(（]\d{4}-\d{2}-\d{2}[)）]$/u, '').trim();
}

/** The `# 标题` line of a Markdown text, if it starts with one. */
function markdownTitle(text: string): string | null {
  const m = /^\s*#\s+(.+?)\s*$/mu.exec(text.slice(0, 2000));
  return m && !/^#/.test(m[1]!) ? m[1]! : null;
}

/** A draft's stage set on its own line under the title: "（征求意见稿）", "（草案）", "（修订草案送审稿）". */
const STAGE_LINE = /^[（(](?:[^（）()]{0,8})(?:草案|征求意见稿|送审稿|审议稿|修改稿)[^（）()]{0,6}[)）]$/u;

export interface MetadataSource {
  doc: LegalDocument;
  /** The text the document was parsed from. */
  text: string;
  /** The file's name (or its path inside the folder or .zip imported: folder names are read too). */
  fileName: string;
}

/** Everything the text, its file name and its folders suggest; the user edits it in the import form. */
export function suggestMetadata(doc: LegalDocument, text: string, fileName: string): SuggestedMetadata {
  const fileTitle = titleFromFileName(fileName);
  let title = markdownTitle(text) ?? (doc.title && doc.title !== doc.id ? doc.title : fileTitle);
  // The stage line belongs to the title, as the corpus writes it ("…条例（征求意见稿）").
  const at = doc.preamble.indexOf(doc.title);
  const next = at >= 0 ? doc.preamble[at + 1]?.trim() : undefined;
  if (next && STAGE_LINE.test(next) && !title.endsWith(next)) title += next.replace(/^\(/, '（').replace(/\)$/, '）');
  const head = headOf(doc);
  let jurisdiction = guessJurisdiction(title);
  const kind = guessKind({ kind: doc.kind, title }, jurisdiction, head, fileName);
  // National kinds apply everywhere, whatever the title starts with (城市市容和环境卫生管理条例 is no city's).
  if (NATIONAL_KINDS.has(kind)) jurisdiction = '全国';
  const { dates, amendments } = guessDates(doc, text);
  const fileDate = dateFromFileName(fileName);
  const versionDate = amendments.at(-1)?.date ?? dates.adopted ?? dates.published ?? fileDate;
  const out: SuggestedMetadata = { title, jurisdiction, kind, stage: guessStage(title), dates, amendments };
  if (versionDate) out.versionDate = versionDate;
  return out;
}

/**
 * The key shared by every version of one law: the same title (without 中华人民共和国 and spacing) in the
 * same jurisdiction. 行政复议法 of 2017 and of 2023 have one work; 广东 and 江西's 促进中小企业发展条例 two.
 */
export function workKey(title: string, jurisdiction: string): string {
  const t = title
    .replace(/^中华人民共和国/u, '')
    .replace(/[（(](\d{4}年)?(修订|修正|试行)?(草案|征求意见稿|送审稿)?[)）]$/u, (m) => (/试行/u.test(m) ? m : ''))
    .replace(/[\s\u3000]+/gu, '');
  return `${jurisdiction || '—'}:${t}`;
}

/**
 * How versions of one law are told apart where a person reads them: 标题（2023年修订）, 标题（2017年修正）,
 * or for the original text 标题（1999年）. Without dates, the stage (征求意见稿) or nothing.
 */
export function versionLabel(meta: Pick<SuggestedMetadata, 'title' | 'amendments' | 'dates' | 'versionDate' | 'stage'>): string {
  const last = meta.amendments.at(-1);
  if (last) return `${meta.title}（${last.date.slice(0, 4)}年${last.kind}）`;
  const date = meta.dates.adopted ?? meta.versionDate ?? meta.dates.published;
  if (date) return `${meta.title}（${date.slice(0, 4)}年）`;
  return meta.stage && !meta.title.includes(meta.stage) ? `${meta.title}（${meta.stage}）` : meta.title;
}
