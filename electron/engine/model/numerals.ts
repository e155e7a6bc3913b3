/**
 * Chinese numerals as legislation writes them: 第一百零五条, 第二十条, 第十条之一, （十一）.
 * Legal texts use the "small" digits (一二三…), 〇/零 as a place holder and sometimes 两 for 二 before 百/千.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters a Chinese numeral may contain (for building patterns). */
export const CN_NUMERAL_CHARS = '零〇一二三四五六七八九十百千两';

/** Parses 一百零五 → 105, 十一 → 11, 二〇二一 → 2021, "12" → 12. Returns null when it is not a numeral. */
export function cnToInt(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^[0-9０-９]+$/.test(s)) return Number(s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  // Digit-by-digit form without units (二〇二一).
  if (!/[十百千]/.test(s)) {
    let n = 0;
    for (const ch of s) {
      const d = DIGITS[ch];
      if (d === undefined) return null;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      // A bare 十 at the start means 一十.
      total += (digit ?? 1) * unit;
      digit = null;
    } else {
      return null;
    }
  }
  if (digit !== null) total += digit;
  return total;
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 105 → 一百零五, 11 → 十一, 20 → 二十, 110 → 一百一十 (the forms legislation uses). */
export function intToCn(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a whole number: ${n}`);
  if (n < 10) return SMALL[n]!;
  if (n < 20) return '十' + (n % 10 ? SMALL[n % 10] : '');
  if (n >= 10000) return String(n);
  const parts: string[] = [];
  const units: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let zeroPending = false;
  let started = false;
  for (const [value, name] of units) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (started) zeroPending = true;
      continue;
    }
    if (zeroPending) parts.push('零');
    zeroPending = false;
    parts.push(SMALL[d]! + name);
    started = true;
  }
  return parts.join('');
}

/** The citation label of an article: 第十条, 第十条之一. */
export function articleLabel(number: number, sub?: number): string {
  return `第${intToCn(number)}条${sub ? '之' + intToCn(sub) : ''}`;
}
