/**
 * Short names for the columns of a topic matrix ("北京 2020", "广东 2019", "国家 2017", "深圳") and the
 * subject a title names (广东省促进中小企业发展条例 → 促进中小企业发展). Pure functions of the title and
 * the metadata a caller has; a caller that knows better passes its own name.
 */

/** The metadata a short name is made from; every field is optional except the title. */
export interface NameSource {
  title: string;
  /** As the library records it ("浙江", "深圳", "全国"); derived from the title when absent. */
  jurisdiction?: string;
  dates?: {
    adopted?: string;
    amended?: string | string[];
    effective?: string;
    published?: string;
    drafted?: string;
  };
  /** The version's own label (修订草案, 二次审议稿) for a document with several versions. */
  versionLabel?: string | null;
}

const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];
const PROVINCE_RE = new RegExp(`^(${PROVINCES.join('|')})(?:省|市|维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区)?`, 'u');
/** 深圳经济特区…, 杭州市…, 延边朝鲜族自治州…: the place before 经济特区 / 市 / 自治州 / 地区 / 盟. */
const CITY_RE = /^([\u4e00-\u9fff]{2,4}?)(?:经济特区|市|朝鲜族自治州|[\u4e00-\u9fff]{1,4}族自治州|自治州|地区|盟)/u;
const NATIONAL_RE = /^(?:中华人民共和国|全国人民代表大会|全国人大|国务院|最高人民法院|最高人民检察院)/u;
const NATIONAL_NAMES = new Set(['全国', '国家', '中央', '中华人民共和国']);
/** Words a title starts with that are not a place (关于…, 实施…). */
const NOT_A_PLACE = /^(?:关于|实施|促进|保障|优化|中小|小微|企业|加强|进一步|推进|支持|深化)/u;

function cleanTitle(title: string): string {
  return title.trim().replace(/^[《〈「]/u, '').replace(/[》〉」]$/u, '');
}

/** The jurisdiction a title names ("国家" for national law), or '' where it names none. */
export function titleJurisdiction(title: string): string {
  const t = cleanTitle(title);
  if (NATIONAL_RE.test(t)) return '国家';
  const p = PROVINCE_RE.exec(t);
  if (p) {
    // 浙江省杭州市…: the city is the jurisdiction.
    const city = CITY_RE.exec(t.slice(p[0].length));
    return city && p[0].length > p[1]!.length && !NOT_A_PLACE.test(city[1]!) ? city[1]! : p[1]!;
  }
  const c = CITY_RE.exec(t);
  return c && !NOT_A_PLACE.test(c[1]!) ? c[1]! : '';
}

/** "浙江省" → "浙江", "深圳经济特区" → "深圳", "全国" → "国家": the short form of a recorded jurisdiction. */
export function shortJurisdiction(jurisdiction: string): string {
  const j = jurisdiction.trim();
  if (!j) return '';
  if (NATIONAL_NAMES.has(j) || NATIONAL_RE.test(j)) return '国家';
  return titleJurisdiction(j) || j;
}

const YEAR = /^(\d{4})/;

/**
 * The year that tells versions of one law apart: the latest amendment, else adoption, else publication
 * or drafting, else entry into force; else a year the title states ("（2019年修订）").
 */
export function nameYear(source: NameSource): string {
  const d = source.dates ?? {};
  const amended = Array.isArray(d.amended) ? [...d.amended].sort().pop() : d.amended;
  for (const date of [amended, d.adopted, d.published, d.drafted, d.effective]) {
    const m = date ? YEAR.exec(date) : null;
    if (m) return m[1]!;
  }
  const inTitle = /(\d{4})\s*年/u.exec(source.title);
  return inTitle ? inTitle[1]! : '';
}

/**
 * A column name: short jurisdiction and year ("广东 2019", "国家 2017", "深圳" where no date is known), the
 * version label for a version of a multi-version text ("湖南 二次审议稿"). Without a jurisdiction: the
 * title's subject, clipped.
 */
export function shortName(source: NameSource): string {
  const place = (source.jurisdiction ? shortJurisdiction(source.jurisdiction) : '') || titleJurisdiction(source.title);
  if (!place) {
    const subject = titleSubject(source.title) || cleanTitle(source.title);
    return subject.length > 10 ? subject.slice(0, 9) + '…' : subject;
  }
  const second = source.versionLabel?.trim() || nameYear(source);
  return second ? `${place} ${second}` : place;
}

/** The kind of text a title ends with, to tell apart two columns of one place and year (条例 / 意见). */
export function titleKind(title: string): string {
  const t = cleanTitle(title).replace(/[（(][^（）()]*[)）]$/u, '');
  const m = /(实施意见|指导意见|意见|实施细则|细则|实施办法|办法|若干规定|规定|条例|决定|通知|方案|规则|法)$/u.exec(t);
  return m ? m[1]! : '';
}

/**
 * Names for the columns of one matrix: each document's given name or its short name, made unique (a
 * second "浙江 2020" becomes "浙江 2020 意见", then "浙江 2020（2）").
 */
export function columnNames(sources: Array<NameSource & { name?: string }>): string[] {
  const names = sources.map((s) => s.name?.trim() || shortName(s));
  const count = (n: string, list: string[]) => list.filter((x) => x === n).length;
  const firstPass = names.map((n, i) => {
    if (count(n, names) < 2) return n;
    const kind = titleKind(sources[i]!.title);
    return kind && !n.endsWith(kind) ? `${n} ${kind}` : n;
  });
  const seen = new Map<string, number>();
  return firstPass.map((n) => {
    if (count(n, firstPass) < 2) return n;
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}（${k}）`;
  });
}

/** A trailing stage or edition in parentheses: （征求意见稿）, （修订草案）, （2019年修订）. */
const TRAILING_NOTE = /[（(][^（）()]*[)）]$/u;
const KIND_SUFFIX = /(?:的)?(?:实施意见|指导意见|若干意见|意见|实施细则|细则|实施办法|办法|若干规定|规定|条例|决定|通知|方案|规则|修改对照稿|对照稿)$/u;

/**
 * What a title says the document regulates, without place, kind and stage: 广东省促进中小企业发展条例 →
 * 促进中小企业发展; 湖南省实施《中华人民共和国中小企业促进法》办法 → 中小企业促进; 中华人民共和国中小企业
 * 促进法 → 中小企业促进; 关于促进中小企业健康发展的实施意见 → 促进中小企业健康发展.
 */
export function titleSubject(title: string): string {
  let t = cleanTitle(title);
  for (let i = 0; i < 3 && TRAILING_NOTE.test(t); i++) t = t.replace(TRAILING_NOTE, '');
  t = t.replace(/修改对照稿$|对照稿$/u, '').replace(TRAILING_NOTE, '');
  // 实施《…法》办法: the subject is the law's.
  const implementing = /实施《(?:中华人民共和国)?([^》]+?)》/u.exec(t);
  if (implementing) t = implementing[1]!;
  else {
    const place = titleJurisdiction(t);
    if (place === '国家') t = t.replace(NATIONAL_RE, '');
    else if (place) {
      const p = PROVINCE_RE.exec(t);
      if (p) t = t.slice(p[0].length);
      const c = CITY_RE.exec(t);
      if (c && !NOT_A_PLACE.test(c[1]!)) t = t.slice(c[0].length);
    }
  }
  t = t.replace(/^关于/u, '');
  t = t.replace(KIND_SUFFIX, '');
  // A law's title ends with 法 (中小企业促进法): the subject is what comes before it.
  if (t.length > 2) t = t.replace(/法$/u, '');
  return t.trim();
}
