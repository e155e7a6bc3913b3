/**
 * The wording of a 修改决定, in one place: each kind of item as a small named template, in the forms
 * of the real decisions — 全国和地方人大常委会 (`npc`) and 最高人民法院 (`court`):
 *
 *   将第三条修改为：“…”                       将第二条改为第六条，修改为：“…” (npc) / 将第二条修改为第六条：“…” (court)
 *   将第五条第二款中的“A”修改为“B”            删去第二条中的“…”           在第七条中的“…”后增加“…”
 *   在第十三条后增加一条，作为第十四条：“…” (npc) / 增加一条，作为第四条：“…” (court)
 *   第三十一条增加一款，作为第二款：“…”       第七十二条增加一项，作为第八项：“…”
 *   删去第二十条。  删去第十二条和第十三条。   删去第五条第二款。
 *   原第四条作为第五条。 (court) / 将第四条改为第五条。 (npc)
 *   此外，对条文顺序作相应调整。  本决定自…起施行。  《…》根据本决定作相应修改，重新公布。
 *
 * The decision is document content, not a message: these strings are legislative wording and stay
 * here, not in the message catalogue.
 */
import { intToCn } from '../model';
import type { DecisionConvention, PhraseEdit } from './types';

/** A blank the drafter fills in (the meeting, the date). */
export const BLANK = '××';

/** Quoted text: nested “” become ‘’, as in the decisions (“…应当认定为‘恶意透支’。”). */
export function quote(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}

/** A law's title inside a title: its own 《》 become 〈〉. */
export function innerTitle(title: string): string {
  return title.replace(/《/g, '〈').replace(/》/g, '〉');
}

/** "一、" … the number of an item. */
export function itemLabel(n: number): string {
  return `${intToCn(n)}、`;
}

/** A, B 和 C. */
export function list(parts: string[], last = '和'): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join('、')}${last}${parts[parts.length - 1]}`;
}

const COUNT = (n: number) => (n === 2 ? '两' : intToCn(n));

export const T = {
  title: (issuer: string, law: string) => `${issuer}关于修改《${innerTitle(law)}》的决定`,

  opening: (c: DecisionConvention, issuer: string, law: string, meeting?: string) =>
    c === 'court'
      ? `根据审判实践需要，经${meeting ?? `${issuer}审判委员会第${BLANK}次会议`}决定，对《${innerTitle(law)}》作如下修改：`
      : `${meeting ?? `${issuer}第${BLANK}次会议`}决定对《${innerTitle(law)}》作如下修改：`,

  /** 将第三条修改为：“…” · 将第二条改为第六条，修改为：“…” */
  modifyArticle: (c: DecisionConvention, old: string, now: string | null, text: string) =>
    now === null ? `将${old}修改为：${quote(text)}` : c === 'court' ? `将${old}修改为${now}：${quote(text)}` : `将${old}改为${now}，修改为：${quote(text)}`,

  /** 将第六条和第七条合并，修改为：“…” · 将第六条和第七条合并为第五条，修改为：“…” */
  mergeArticles: (olds: string[], now: string | null, text: string) => `将${list(olds)}合并${now ? `为${now}` : ''}，修改为：${quote(text)}`,

  /** 将第五条第二款修改为：“…” (a 款 or 项 rewritten) */
  modifyProvision: (where: string, text: string) => `将${where}修改为：${quote(text)}`,

  /** 将第五条第二款中的“A”修改为“B”，删去“C”，在“D”后增加“E” */
  phrases: (where: string, edits: PhraseEdit[]) => {
    const parts: string[] = [];
    let k = 0;
    while (k < edits.length) {
      const e = edits[k]!;
      const loc = k === 0 ? `${where}中的` : '';
      if (e.kind === 'delete') {
        // Deletions in a row: 删去…中的“A”、“B”和“C”.
        const run: string[] = [];
        while (k < edits.length && edits[k]!.kind === 'delete') run.push(quote(edits[k++]!.from));
        parts.push(`删去${loc}${list(run)}`);
        continue;
      }
      if (e.kind === 'insert') parts.push(`在${loc}${quote(e.from)}${e.where === 'before' ? '前' : '后'}增加${quote(e.to)}`);
      else parts.push(`${k === 0 || edits[k - 1]!.kind !== 'replace' ? '将' : ''}${loc}${quote(e.from)}修改为${quote(e.to)}`);
      k++;
    }
    return parts.join('，');
  },

  /** 在第十三条后增加一条，作为第十四条：“…” (npc) · 增加一条，作为第四条：“…” (court) */
  addArticles: (c: DecisionConvention, after: string | null, before: string | null, nows: string[], texts: string[]) => {
    const n = nows.length;
    const what = `增加${n === 1 ? '一' : COUNT(n)}条，${n === 1 ? '作为' : '分别作为'}${nows.join('、')}：${texts.map(quote).join('')}`;
    if (c === 'court') return what;
    if (after) return `在${after}后${what}`;
    if (before) return `在${before}前${what}`;
    return what;
  },

  /** 将第二章的章名修改为“…” */
  renameChapter: (old: string, title: string) => `将${old}的章名修改为${quote(title)}`,

  /** 在第十条前增加一章，作为第三章，章名为“…” (its articles are added by their own items) */
  addChapter: (before: string | null, now: string, title: string) => `${before ? `在${before}前` : ''}增加一章，作为${now}，章名为${quote(title)}`,

  /** 删去第二十条。 · 删去第十二条和第十三条。 */
  deleteArticles: (olds: string[]) => `删去${list(olds)}`,

  /** 第三十一条增加一款，作为第二款：“…” */
  addParagraph: (article: string, paragraph: number, text: string) => `${article}增加一款，作为第${intToCn(paragraph)}款：${quote(text)}`,

  /** 删去第五条第二款。 */
  deleteProvision: (where: string) => `删去${where}`,

  /** 第七十二条增加一项，作为第八项：“（八）…” */
  addItem: (parent: string, item: number, text: string) => `${parent}增加一项，作为第${intToCn(item)}项：${quote(text)}`,

  /** 原第四条作为第五条。 (court) · 将第四条改为第五条。 (npc) */
  renumber: (c: DecisionConvention, old: string, now: string) => (c === 'court' ? `原${old}作为${now}` : `将${old}改为${now}`),

  /** An article that changes place: 将第二条移至第五条后，作为第六条。 */
  move: (old: string, after: string | null, now: string) => (after ? `将${old}移至${after}后，作为${now}` : `将${old}移至第一条前，作为${now}`),

  /** 此外，对条文顺序作相应调整。 · 此外，对条文顺序和个别标点符号作相应调整。 */
  sentence: (order: boolean, punctuation: boolean) => {
    const what = [order ? '条文顺序' : '', punctuation ? '个别标点符号' : ''].filter(Boolean);
    return what.length ? `此外，对${what.join('和')}作相应调整。` : null;
  },

  effective: (date?: string) => `本决定自${date ?? `${BLANK}年${BLANK}月${BLANK}日`}起施行。`,

  republish: (c: DecisionConvention, law: string) =>
    c === 'court' ? `根据本决定，《${innerTitle(law)}》作相应修改后，重新公布。` : `《${innerTitle(law)}》根据本决定作相应修改，重新公布。`,
};

/** Who decides, when not given: 最高人民法院 for a 司法解释, the standing committee for a 法规. */
export function defaultIssuer(kind: string | undefined, jurisdiction: string | undefined): string {
  if (kind === '司法解释') return '最高人民法院';
  if (kind === '法律') return '全国人民代表大会常务委员会';
  if (kind === '行政法规') return '国务院';
  if (jurisdiction && jurisdiction !== '全国' && jurisdiction !== '中央') return `${regionName(jurisdiction)}人民代表大会常务委员会`;
  return '全国人民代表大会常务委员会';
}

const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'];
const REGIONS: Record<string, string> = {
  内蒙古: '内蒙古自治区',
  广西: '广西壮族自治区',
  西藏: '西藏自治区',
  宁夏: '宁夏回族自治区',
  新疆: '新疆维吾尔自治区',
  香港: '香港特别行政区',
  澳门: '澳门特别行政区',
};
const PROVINCES = ['河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾'];

/** 湖南 → 湖南省, 北京 → 北京市, 广西 → 广西壮族自治区, 深圳 → 深圳市; a full name as given. */
export function regionName(j: string): string {
  if (/[省市区州县盟旗]$/.test(j)) return j;
  if (REGIONS[j]) return REGIONS[j]!;
  if (PROVINCES.includes(j)) return `${j}省`;
  if (MUNICIPALITIES.includes(j)) return `${j}市`;
  return `${j}市`;
}

/**
 * The title of the law a version belongs to, without the marks of a draft or a working paper:
 * 湖南省实施《…》办法（修订草案）修改对照稿 → 湖南省实施《…》办法; …条例（征求意见稿） → …条例.
 */
export function lawTitle(title: string): string {
  let t = title.trim();
  // 《湖南省实施〈中华人民共和国中小企业促进法〉办法（修订草案）》: a title quoted whole, its inner title in 〈〉.
  const quoted = /^《(.*)》((?:修改)?对照(?:稿|表))?$/u.exec(t);
  if (quoted && !quoted[1]!.includes('《') && !quoted[1]!.includes('》')) t = quoted[1]!.replace(/〈/g, '《').replace(/〉/g, '》') + (quoted[2] ?? '');
  return t
    .replace(/(?:修改)?对照(?:稿|表)$/u, '')
    .replace(/[（(][^（）()]*(?:草案|征求意见稿|送审稿|审议稿|修改稿|讨论稿)[^（）()]*[)）]$/u, '')
    .replace(/(?:草案|征求意见稿|送审稿)$/u, '')
    .trim();
}
