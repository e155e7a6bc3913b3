/**
 * Characters that look right in a PDF but are the wrong code points in its text layer.
 *
 * CJK fonts draw a radical (⼀ ⼈ ⼯, ⺠ ⻓ ⻔) and the ideograph it stands for (一 人 工, 民 长 门) with one
 * glyph; a PDF's ToUnicode map can name only one code point per glyph, and printers (Chromium/Skia with
 * Noto CJK, some Word exports) often name the radical. The text then reads "中⼩企业" and matches nothing.
 * Kangxi radicals (U+2F00–U+2FD5) have compatibility decompositions (NFKC maps ⼩ to 小), but the ones of
 * the CJK Radicals Supplement (U+2E80–U+2EF3) mostly have none, and NFKC maps ⼾ to 戶 where a simplified
 * font draws 户. The table below was measured, not guessed: every ideograph U+4E00–U+9FFF printed by
 * Chromium in Noto Sans/Serif CJK SC and read back by pdfjs; these are the code points that came back
 * instead of the ideograph printed (plus a few Extension A characters that share a glyph with a common one).
 */
const SHARED_GLYPH: Record<string, string> = {
  '⼾': '户',
  '⺦': '丬', '⺃': '乚', '⺂': '乛', '⻲': '亀', '⺅': '亻', '⺉': '刂', '⻧': '卤', '⺐': '尢', '⺏': '尣', '⺒': '巳',
  '⺓': '幺', '⺕': '彐', '⺔': '彑', '⺖': '忄', '⺘': '扌', '⺙': '攵', '⻫': '斉', '⺛': '旡', '⺞': '歺', '⺠': '民',
  '⺡': '氵', '⺣': '灬', '⺤': '爫', '⺨': '犭', '⺭': '礻', '⻯': '竜', '⺯': '糹', '⺰': '纟', '⺱': '罓', '⺹': '耂',
  '⺺': '肀', '⺾': '艹', '⻂': '衤', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻋': '车', '⻌': '辶', '⻐': '钅',
  '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻖': '阝', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞',
  '⻝': '食', '⻟': '飠', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻨': '麦', '⻩': '黄',
  '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻱': '龜',
  '㬵': '胶', '㫚': '曶', '㮣': '槩', '㬺': '幐',
  // Deprecated angle brackets, canonically the CJK ones (《中华人民共和国〈…〉》).
  '\u2329': '\u3008', '\u232a': '\u3009',
};

const SUSPECT = /[\u2e80-\u2ef3\u2f00-\u2fd5\u2329\u232a\u3b3a\u3ada\u3ba3\u3b35]/gu;

/** Replaces code points of shared glyphs by the ideographs they stand for; answers the text and how many were replaced. */
export function fixRadicals(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const out = text.replace(SUSPECT, (ch) => {
    const code = ch.codePointAt(0)!;
    const to = SHARED_GLYPH[ch] ?? (code >= 0x2f00 && code <= 0x2fd5 ? ch.normalize('NFKC') : ch);
    if (to !== ch) replaced++;
    return to;
  });
  return { text: out, replaced };
}
