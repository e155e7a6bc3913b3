import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface Token {
  text: string;
  /** Offsets into the text that was segmented (JavaScript string indices). */
  start: number;
  end: number;
}

export interface Segmenter {
  /** Precise mode: every character of the text in exactly one token, in order (for diff and alignment). */
  cut(text: string): string[];
  /** Search mode: words plus their dictionary sub-words ("中小微企业" also yields "中小", "企业"). */
  cutForSearch(text: string): string[];
  /** Precise-mode tokens with offsets. */
  tokenize(text: string): Token[];
  /**
   * Precise-mode words with jieba's part-of-speech tags (n noun, vn verbal noun, v verb, a adjective, …),
   * for naming things with noun phrases (align's topic labels). Optional: a segmenter may lack it.
   */
  tag?(text: string): TaggedWord[];
}

export interface TaggedWord {
  word: string;
  tag: string;
}

interface Jieba {
  DEFAULT_DICT: string;
  DEFAULT_HMM_DICT: string;
  DEFAULT_USER_DICT: string;
  load(opts?: { userDict?: string }): void;
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  tag(text: string): TaggedWord[];
}

const FULLWIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/g;

/**
 * Same-length normalisation before segmentation, so offsets still point into the original text:
 * full-width letters and digits become half-width, half-width parentheses full-width (the dictionary
 * writes 首台（套）, texts write both).
 */
export function normaliseForSegmentation(text: string): string {
  return text
    .replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

const ASCII_WORD = /^[A-Za-z0-9.%]+$/;

/** nodejieba splits Latin words and numbers into single characters; a number or word is one token. */
/**
 * The tokens of a normalised text as slices of the original one (normalising keeps every character's
 * place: same length by construction), so `cut` hands back the user's own characters.
 */
export function originalTokens(text: string, tokens: readonly string[]): string[] {
  const out: string[] = [];
  let pos = 0;
  for (const t of tokens) {
    out.push(text.slice(pos, pos + t.length));
    pos += t.length;
  }
  return out;
}

/** The tokens of a cut with their offsets in the text they were cut from. */
export function tokensAt(tokens: readonly string[]): Token[] {
  const out: Token[] = [];
  let pos = 0;
  for (const t of tokens) {
    out.push({ text: t, start: pos, end: pos + t.length });
    pos += t.length;
  }
  return out;
}

export function mergeAscii(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (last !== undefined && ASCII_WORD.test(t) && ASCII_WORD.test(last)) out[out.length - 1] = last + t;
    else out.push(t);
  }
  return out;
}

/** Path of the legal user dictionary the segmenter loads (undefined when it cannot be found). */
export function dictionaryPath(): string | undefined {
  let dir = __dirname;
  for (;;) {
    for (const candidate of [join(dir, 'legal-dict.txt'), join(dir, 'electron', 'engine', 'segment', 'legal-dict.txt')]) {
      // In a packaged app the file sits inside app.asar, which Electron's fs can read but the native
      // nodejieba cannot: it reads the unpacked copy (electron-builder.yml unpacks it).
      if (existsSync(candidate)) return candidate.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

class JiebaSegmenter implements Segmenter {
  constructor(private readonly jieba: Jieba) {}

  cut(text: string): string[] {
    if (!text) return [];
    return originalTokens(text, mergeAscii(this.jieba.cut(normaliseForSegmentation(text), true)));
  }

  cutForSearch(text: string): string[] {
    if (!text) return [];
    return mergeAscii(this.jieba.cutForSearch(normaliseForSegmentation(text), true));
  }

  tag(text: string): TaggedWord[] {
    if (!text) return [];
    // Same-length normalisation, then the words are cut back out of the original text.
    const tagged = this.jieba.tag(normaliseForSegmentation(text));
    const out: TaggedWord[] = [];
    let pos = 0;
    for (const t of tagged) {
      out.push({ word: text.slice(pos, pos + t.word.length), tag: t.tag });
      pos += t.word.length;
    }
    return out;
  }

  tokenize(text: string): Token[] {
    return tokensAt(this.cut(text));
  }
}

/**
 * The files the shared segmenter loads: jieba's dictionary and HMM model, and the user dictionary (the legal
 * one, else nodejieba's default). Requiring nodejieba's wrapper does not load the native part.
 */
export function segmenterFiles(): { dict: string; hmm: string; userDict: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const jieba = require('nodejieba') as Jieba;
  const unpacked = (p: string): string => p.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
  return { dict: unpacked(jieba.DEFAULT_DICT), hmm: unpacked(jieba.DEFAULT_HMM_DICT), userDict: dictionaryPath() ?? unpacked(jieba.DEFAULT_USER_DICT) };
}

/** A segmenter that gets the real one on first use (an index opened from disk needs it only to change). */
export function lazySegmenter(get: () => Segmenter): Segmenter {
  let s: Segmenter | null = null;
  const of = (): Segmenter => (s ??= get());
  return { cut: (t) => of().cut(t), cutForSearch: (t) => of().cutForSearch(t), tokenize: (t) => of().tokenize(t) };
}

let instance: JiebaSegmenter | null = null;

/** The one shared segmenter. The first call loads the dictionaries (about a second). */
export function getSegmenter(): Segmenter {
  if (!instance) {
    // Loaded lazily so that commands and tests that never segment do not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const jieba = require('nodejieba') as Jieba;
    const userDict = dictionaryPath();
    jieba.load(userDict ? { userDict } : {});
    instance = new JiebaSegmenter(jieba);
  }
  return instance;
}

/** Loads the dictionaries off the critical path (call at start-up; resolves when ready). */
export function warmUpSegmenter(): Promise<Segmenter> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        resolve(getSegmenter());
      } catch (e) {
        reject(e);
      }
    });
  });
}
