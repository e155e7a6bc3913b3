/**
 * Finding cross-references in the text of a provision, as legislation writes them:
 *   本条例第三十二条 · 第二十条第二款 · 第五条第一款第（三）项 · 第十条之一 · 前款 · 前两款 · 本条第二款 ·
 *   第十条至第十五条 · 第一至第四项 · 第一至三项 · 第六条、第七条和第九条 · 第一条第一款、第二款 · 本章 · 第三章
 * and references to other laws, which are recognised and set apart: 《中华人民共和国…法》第X条, 该法第X条,
 * 刑法第一百九十六条, 民事诉讼法第一百一十九条 (a short name ending in 法/法典/条例 without 《》).
 *
 * The scanner is lexical: a chain of position tokens (条/款/项/目/章/节, 本X/前X) joined by 、和或者及以及与 and
 * ranges with 至; each member of a chain inherits the levels it does not name from the member before
 * ("第十条第一款、第二款" → 第十条第二款), the first from the provision it stands in. Resolution (does the
 * target exist, where did it go) is check.ts's.
 */
import { cnToInt, CN_NUMERAL_CHARS } from '../model';

const N = `[${CN_NUMERAL_CHARS}0-9０-９]+`;

/** One level of a position as written. `from..to` for a range or list written in one token (第一至三项). */
interface PosToken {
  kind: 'part' | 'chapter' | 'section' | 'article' | 'paragraph' | 'item' | 'subitem';
  /** Absolute number(s), or a relative form. */
  numbers?: number[];
  range?: [number, number];
  sub?: number;
  /** 本X (this), 前X (the one(s) before), 该X (the one just cited). */
  relative?: 'this' | 'previous' | 'that';
  /** 前两款: how many before. */
  count?: number;
  start: number;
  end: number;
}

/** A citation (one member of a chain), its levels from the widest down. */
export interface Citation {
  levels: PosToken[];
  start: number;
  end: number;
  /** The next member is the end of a range with this one (第十条至第十五条). */
  rangeToNext?: boolean;
}

export interface Chain {
  /** 本条例 / 本办法 …: an explicit "this law"; null when bare or relative. */
  marker: string | null;
  /** Set when the chain cites another law: the law as written before it. */
  external: string | null;
  citations: Citation[];
  start: number;
  end: number;
}

const LEVEL_ORDER: Record<PosToken['kind'], number> = { part: 0, chapter: 1, section: 2, article: 3, paragraph: 4, item: 5, subitem: 6 };
const UNIT_KIND: Record<string, PosToken['kind']> = { 编: 'part', 章: 'chapter', 节: 'section', 条: 'article', 款: 'paragraph', 项: 'item', 目: 'subitem' };

/** "This law", as each kind of instrument calls itself. 本条例 before 本条 (longest first). */
const MARKER = /本(?:实施细则|实施办法|条例|办法|规定|解释|细则|规则|决定|意见|章程|准则|法典|法)(?=第|前|本[编章节条款])/y;
const P = (x: string) => `[（(]?${x}[)）]?`;
/** 第一、二款 · 第（一）、（二）项 · 第一、第二款: one unit for several numbers. */
const ABS_LIST = new RegExp(`第${P(`(${N})`)}((?:、第?${P(N)})+)(条|款|项|目)`, 'uy');
/** 第一至第四项 · 第一至三项: a range with the unit written once, at the end. */
const ABS_RANGE = new RegExp(`第${P(`(${N})`)}(?:至|到)第?${P(`(${N})`)}(条|款|项|目)`, 'uy');
const ABS = new RegExp(`第${P(`(${N})`)}(编|章|节|条|款|项|目)`, 'uy');
const SUB = new RegExp(`之(${N})`, 'uy');
/** 本条 · 本款 · 本章 · 前款 · 前两款 · 前项 · 前条 (not 本条例: that is a marker). */
const REL = /(本|前|该)([两二三四五六七八九十]?)(编|章|节|条|款|项|目)(?!例)/uy;
/** 目前款项, 提前款…: a 前 that belongs to the word before it. */
const NOT_PREVIOUS = /[目提事之以当眼面从年月日此]$/u;
const SEP = /(?:以及|或者|及|和|与|或|、)/y;
const RANGE = /(?:至|到)/y;

const num = (s: string): number | null => {
  const n = cnToInt(s.replace(/[（()）]/g, ''));
  return n !== null && n > 0 ? n : null;
};

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** One position token at `pos`, or null. */
function token(text: string, pos: number): PosToken | null {
  let m = at(ABS_RANGE, text, pos);
  if (m) {
    const a = num(m[1]!);
    const b = num(m[2]!);
    if (a !== null && b !== null && b > a) return { kind: UNIT_KIND[m[3]!]!, range: [a, b], start: pos, end: pos + m[0].length };
  }
  m = at(ABS_LIST, text, pos);
  if (m) {
    const numbers = [m[1]!, ...m[2]!.split('、').filter(Boolean)].map((x) => num(x.replace(/^第/, '')));
    if (numbers.every((x) => x !== null)) return { kind: UNIT_KIND[m[3]!]!, numbers: numbers as number[], start: pos, end: pos + m[0].length };
  }
  m = at(ABS, text, pos);
  if (m) {
    const n = num(m[1]!);
    if (n === null) return null;
    const kind = UNIT_KIND[m[2]!]!;
    let end = pos + m[0].length;
    let sub: number | null = null;
    if (kind === 'article') {
      const s = at(SUB, text, end);
      if (s) {
        sub = num(s[1]!);
        if (sub !== null) end += s[0].length;
      }
    }
    return { kind, numbers: [n], ...(sub !== null ? { sub } : {}), start: pos, end };
  }
  m = at(REL, text, pos);
  if (m) {
    const kind = UNIT_KIND[m[3]!]!;
    if (m[1] === '本' || m[1] === '该') {
      if (m[2]) return null; // 本两款 is not written
      // 该条 / 该款 / 该项 point back at what was just cited; 该编/该章 are not used so.
      if (m[1] === '该' && kind !== 'article' && kind !== 'paragraph' && kind !== 'item') return null;
      return { kind, relative: m[1] === '本' ? 'this' : 'that', start: pos, end: pos + m[0].length };
    }
    if (NOT_PREVIOUS.test(text.slice(0, pos))) return null;
    const count = m[2] ? cnToInt(m[2]) : 1;
    if (!count) return null;
    // 前编 / 前章 / 前节 / 前目 are not used as references; 前条 is (rarely).
    if (kind === 'part' || kind === 'chapter' || kind === 'section' || kind === 'subitem') return null;
    return { kind, relative: 'previous', count, start: pos, end: pos + m[0].length };
  }
  return null;
}

/**
 * A citation at `pos`: consecutive tokens from wider to narrower levels (第十条第二款第三项). Stops at a
 * token that is not narrower than the one before (that one starts the next citation).
 */
function citation(text: string, pos: number): Citation | null {
  const levels: PosToken[] = [];
  let p = pos;
  for (;;) {
    const t = token(text, p);
    if (!t) break;
    const last = levels[levels.length - 1];
    if (last && LEVEL_ORDER[t.kind] <= LEVEL_ORDER[last.kind]) break;
    // A relative token inside a citation only as its first level (本条第二款, 前款第一项).
    if (last && t.relative) break;
    levels.push(t);
    p = t.end;
  }
  if (!levels.length) return null;
  return { levels, start: pos, end: p };
}

/** Short names of laws cited without 《》: 刑法, 民事诉讼法, 民法典, 药品管理法 — not 依法, 违法, 本法. */
const LAW_SUFFIX = '(?:法典|法|条例|法例|宪章|公约|条约|协定)(?:分则|总则)?';
const LAW_NAME = new RegExp(`[\\p{Script=Han}]{1,24}?${LAW_SUFFIX}$`, 'u');
const NOT_LAW = /^(?:依|合|违|非|执|立|守|方|办|做|说|用|本|该|司|按|如|无|国)法$/u;
const LEADING_WORDS = /^(?:依照|按照|根据|依据|违反|适用|参照|执行|对照|除|由|对|和|与|及|或者|并|应当|可以|的|是|为)+/u;
/** Verbs that introduce a law's name (not words that occur in names: 和 in 共和国, 对 in 对外贸易法). */
const INTRODUCING = /(?:违反|依照|按照|根据|依据|适用|参照|属于|认定为|实施(?!条例|办法|细则)|构成|执行)/u;
const OTHER_LAW_PRONOUN = /(?:该法|该条例|该办法|该规定|该解释|该决定|同法|上述法律|上述法规|上述规定|上述条例)$/u;

/** What stands before a chain at `start` decides whose provisions it cites. */
function externalLaw(text: string, start: number): string | null {
  // 《中华人民共和国民事诉讼法》（以下简称民事诉讼法）第二百一十九条: the parenthesis names the law again.
  const before = text.slice(Math.max(0, start - 60), start).replace(/（[^（）]*）$/u, '');
  if (before.endsWith('》')) {
    const open = before.lastIndexOf('《');
    return open >= 0 ? before.slice(open) : '》';
  }
  // 《…关于〈中华人民共和国刑法〉第九章…的解释》: a title inside a title.
  if (before.endsWith('〉')) {
    const open = before.lastIndexOf('〈');
    return open >= 0 ? before.slice(open) : '〉';
  }
  const pron = OTHER_LAW_PRONOUN.exec(before);
  if (pron) return pron[0];
  const run = /[\p{Script=Han}]+$/u.exec(before)?.[0] ?? '';
  const m = LAW_NAME.exec(run);
  if (!m) return null;
  // The name: the run less the words that introduce it (经营者违反价格法第… → 价格法, 认定为刑法第… → 刑法).
  const name = (run.split(INTRODUCING).pop() ?? run).replace(LEADING_WORDS, '');
  if (name.length < 2 || NOT_LAW.test(name) || !LAW_NAME.test(name)) return null;
  return name;
}

/** Every chain of citations in a text, in order. */
export function scanChains(text: string): Chain[] {
  const out: Chain[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== '本' && ch !== '第' && ch !== '前') {
      i++;
      continue;
    }
    let marker: string | null = null;
    let p = i;
    const mk = at(MARKER, text, i);
    if (mk) {
      marker = mk[0];
      p = i + mk[0].length;
    }
    const first = citation(text, p);
    if (!first) {
      i++;
      continue;
    }
    const citations: Citation[] = [first];
    let end = first.end;
    for (;;) {
      const r = at(RANGE, text, end);
      const s = r ? null : at(SEP, text, end);
      const joint = r ?? s;
      if (!joint) break;
      const next = citation(text, end + joint[0].length);
      if (!next) break;
      // A list continues only with a citation (后者不得是 "和第三人" 等).
      if (r) citations[citations.length - 1]!.rangeToNext = true;
      citations.push(next);
      end = next.end;
    }
    const startsRelative = !marker && first.levels[0]!.relative !== undefined;
    let external = marker || startsRelative ? null : externalLaw(text, i);
    // 刑法第一百六十三条规定的…、第二百七十一条规定的…: a bare chain after another law's goes on citing it.
    const previous = out[out.length - 1];
    if (!external && !marker && !startsRelative && previous?.external) external = previous.external;
    // 刑法第三百零七条之一前三款: a chain right after another law's citation is part of it.
    if (!external && previous?.external && previous.end === i) external = previous.external;
    // 该条 / 该款 after another law's provision stays in that law.
    if (!external && first.levels[0]!.relative === 'that' && previous?.external) external = previous.external;
    out.push({ marker, external, citations, start: i, end });
    i = end;
  }
  return out;
}

export type { PosToken };
