/**
 * jieba's segmentation (cppjieba 5, as nodejieba 3 runs it) in plain TypeScript over a compiled dictionary,
 * for the query side of search: a search from a cold start must not wait for nodejieba to load its
 * dictionaries (1–2 s: it builds two tries of 349,000 words, and an idf table search never uses), while a
 * query of a few words is cut in microseconds either way. The dictionary is compiled once from the same
 * files nodejieba loads (the main dictionary, the legal user dictionary, the HMM model) into bytes that open
 * in milliseconds (services/search-cache.ts keeps them beside the index).
 *
 * The cut must be nodejieba's exactly — an index term only matches a query term cut the same way — so this
 * follows cppjieba step by step: PreFilter (separators), MPSegment (the most probable route through the DAG
 * of dictionary words, ties to the first), MixSegment (runs of single characters that are not user words go
 * to the HMM: Viterbi over B/E/M/S, with cppjieba's rules for ASCII letters and numbers), QuerySegment (a
 * word of more than 2 or 3 characters also gives its 2- and 3-character dictionary sub-words), then the
 * same normalisation and ASCII merging as JiebaSegmenter. test/engine/segment-compiled.test.ts compares
 * the two on real law text.
 */
import { mergeAscii, normaliseForSegmentation, originalTokens, tokensAt, type Segmenter, type Token } from './jieba';

const MAGIC = 0x3144_5a44; // "DZD1" little-endian
/** Bump when the compiled bytes or the way they are cut change: kept copies are then compiled again. */
export const COMPILED_DICTIONARY_FORMAT = 1;
/** cppjieba's MIN_DOUBLE: the weight of what the model has never seen. */
const MIN_DOUBLE = -3.14e100;
/** cppjieba's PreFilter separators (SPECIAL_SEPARATORS): space, tab, newline, full-width comma, 。. */
const SEPARATORS = new Set([0x20, 0x09, 0x0a, 0xff0c, 0x3002]);
const E = 1;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const S = 3;

export interface DictionarySources {
  /** jieba.dict.utf8: `word freq tag` per line. */
  dict: string;
  /** The user dictionary nodejieba was given (`word [freq] [tag]` per line); '' for none. */
  userDict: string;
  /** hmm_model.utf8. */
  hmm: string;
}

/** limonp::Split: on any character of `pattern`, empty fields kept, nothing after a trailing separator. */
function split(s: string, pattern: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < s.length) {
    let end = -1;
    for (let i = start; i < s.length; i++) {
      if (pattern.includes(s[i]!)) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      out.push(s.slice(start));
      return out;
    }
    out.push(s.slice(start, end));
    start = end + 1;
  }
  return out;
}

/** Lines as std::getline gives them (a last line without a newline counts; an empty tail does not). */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** 32-bit FNV-1a over UTF-16 code units [from, to) of `s`. */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashUnits(units: Uint16Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= units[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Compiles the dictionaries into bytes: the words (UTF-16) with their log-probability weights and an open-
 * addressing hash table over them, the user dictionary's single characters, and the HMM model.
 */
export function compileDictionary(src: DictionarySources): Uint8Array {
  // DictTrie::Init: the main dictionary's frequencies become log(freq / sum); user words get log(freq / sum)
  // with a frequency, else the median weight; a later entry of the same word replaces an earlier one.
  // The main dictionary is read without a string per line (349,000 lines: this keeps compiling to ~0.1 s).
  const dict = src.dict;
  let chars = new Uint16Array(1 << 20);
  let units = 0;
  const starts: number[] = [];
  const freqs: number[] = [];
  for (let at = 0; at < dict.length; ) {
    let nl = dict.indexOf('\n', at);
    if (nl < 0) nl = dict.length;
    // Exactly three fields (cppjieba checks the same).
    const s1 = dict.indexOf(' ', at);
    const s2 = s1 < 0 || s1 > nl ? -1 : dict.indexOf(' ', s1 + 1);
    const s3 = s2 < 0 || s2 > nl ? -1 : dict.indexOf(' ', s2 + 1);
    if (s2 < 0 || s2 > nl || (s3 >= 0 && s3 < nl)) throw new Error(`dictionary line unreadable: ${dict.slice(at, nl)}`);
    if (units + (s1 - at) > chars.length) {
      const grown = new Uint16Array(chars.length * 2);
      grown.set(chars);
      chars = grown;
    }
    starts.push(units);
    for (let i = at; i < s1; i++) chars[units++] = dict.charCodeAt(i);
    let f = 0;
    let digits = s2 > s1 + 1;
    for (let i = s1 + 1; i < s2 && digits; i++) {
      const c = dict.charCodeAt(i) - 0x30;
      if (c < 0 || c > 9) digits = false;
      else f = f * 10 + c;
    }
    freqs.push(digits ? f : parseFloat(dict.slice(s1 + 1, s2)));
    at = nl + 1;
  }
  let sum = 0;
  for (const f of freqs) sum += f;
  const weights: number[] = freqs.map((f) => Math.log(f / sum));
  const sorted = Float64Array.from(weights).sort();
  const minWeight = sorted[0]!;
  const median = sorted[sorted.length >> 1]!;
  const userSingles: number[] = [];
  for (const line of lines(src.userDict)) {
    if (line.length === 0) continue;
    const f = split(line, ' ');
    let weight: number;
    if (f.length === 1 || f.length === 2) weight = median;
    else if (f.length === 3) weight = Math.log(parseInt(f[1]!, 10) / sum);
    else continue; // cppjieba inserts an entry without a word: nothing to find
    const w = f[0]!;
    if (units + w.length > chars.length) {
      const grown = new Uint16Array(chars.length * 2 + w.length);
      grown.set(chars);
      chars = grown;
    }
    starts.push(units);
    for (let i = 0; i < w.length; i++) chars[units++] = w.charCodeAt(i);
    weights.push(weight);
    if (w.length > 0 && [...w].length === 1) userSingles.push(w.codePointAt(0)!);
  }
  const W = starts.length;
  const start = Uint32Array.from([...starts, units]);
  const weight = Float64Array.from(weights);
  let maxUnits = 0;
  for (let k = 0; k < W; k++) maxUnits = Math.max(maxUnits, start[k + 1]! - start[k]!);
  let size = 1;
  while (size < W * 2) size <<= 1;
  const table = new Int32Array(size);
  for (let k = 0; k < W; k++) {
    const a = start[k]!;
    const len = start[k + 1]! - a;
    if (len === 0) continue; // an empty word is never inserted
    let slot = hashUnits(chars, a, a + len) & (size - 1);
    for (;;) {
      const other = table[slot]! - 1;
      if (other < 0) {
        table[slot] = k + 1;
        break;
      }
      // The same word again: the later entry replaces it (Trie::InsertNode overwrites the value).
      const b = start[other]!;
      if (start[other + 1]! - b === len) {
        let same = true;
        for (let i = 0; i < len && same; i++) same = chars[a + i] === chars[b + i];
        if (same) {
          table[slot] = k + 1;
          break;
        }
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  chars = chars.slice(0, units);

  // HMMModel::LoadModel: non-empty lines not starting with '#' (trimmed): start, 4 transition rows, 4 emission maps.
  const model = lines(src.hmm)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
  if (model.length < 9) throw new Error('HMM model incomplete');
  const startProb = split(model[0]!, ' ').map(parseFloat);
  const trans = model.slice(1, 5).flatMap((l) => split(l, ' ').map(parseFloat));
  const emitMaps = model.slice(5, 9).map((l) => {
    const m = new Map<number, number>();
    for (const pair of split(l, ',')) {
      const [c, p] = split(pair, ':');
      if (c === undefined || p === undefined || [...c].length !== 1) throw new Error('HMM emission unreadable');
      m.set(c.codePointAt(0)!, parseFloat(p));
    }
    return m;
  });
  if (startProb.length !== 4 || trans.length !== 16) throw new Error('HMM model unreadable');
  const emitKeys = Uint32Array.from(new Set(emitMaps.flatMap((m) => [...m.keys()]))).sort();
  const emit = new Float64Array(emitKeys.length * 4);
  emitKeys.forEach((c, i) => {
    for (let y = 0; y < 4; y++) emit[i * 4 + y] = emitMaps[y]!.get(c) ?? MIN_DOUBLE;
  });

  const header = JSON.stringify({ words: W, units, size, maxUnits, minWeight, userSingles, startProb, trans, emitKeys: emitKeys.length });
  const headerBytes = new TextEncoder().encode(header);
  const base = Math.ceil((8 + headerBytes.length) / 8) * 8;
  const parts: ArrayBufferView[] = [weight, emit, start, table, emitKeys, chars];
  let total = base;
  for (const p of parts) total += Math.ceil(p.byteLength / 8) * 8;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, headerBytes.length, true);
  out.set(headerBytes, 8);
  let off = base;
  for (const p of parts) {
    out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), off);
    off += Math.ceil(p.byteLength / 8) * 8;
  }
  return out;
}

interface Header {
  words: number;
  units: number;
  size: number;
  maxUnits: number;
  minWeight: number;
  userSingles: number[];
  startProb: number[];
  trans: number[];
  emitKeys: number;
}

/** A word range of a sentence: runes [left, right] (inclusive, as cppjieba's WordRange). */
type Range = [number, number];

/** A segmenter over compiled dictionary bytes (compileDictionary): nodejieba's cut and cutForSearch. */
export class CompiledSegmenter implements Segmenter {
  private readonly chars: Uint16Array;
  private readonly start: Uint32Array;
  private readonly weight: Float64Array;
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly maxUnits: number;
  private readonly minWeight: number;
  private readonly userSingles: Set<number>;
  private readonly startProb: Float64Array;
  private readonly trans: Float64Array;
  private readonly emitKeys: Uint32Array;
  private readonly emit: Float64Array;

  constructor(bytes: Uint8Array) {
    if (bytes.byteLength < 8) throw new Error('compiled dictionary too short');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new Error('not a compiled dictionary');
    const length = view.getUint32(4, true);
    const h = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
    let off = Math.ceil((8 + length) / 8) * 8;
    // Aligned copies are not needed when the bytes start on an 8-byte boundary (a fresh Buffer does).
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, count: number, width: number): T => {
      const byteLength = count * width;
      if (off + byteLength > aligned.byteLength) throw new Error('compiled dictionary truncated');
      const v = make(aligned.buffer as ArrayBuffer, aligned.byteOffset + off, count);
      off += Math.ceil(byteLength / 8) * 8;
      return v;
    };
    this.weight = take((b, o, n) => new Float64Array(b, o, n), h.words, 8);
    this.emit = take((b, o, n) => new Float64Array(b, o, n), h.emitKeys * 4, 8);
    this.start = take((b, o, n) => new Uint32Array(b, o, n), h.words + 1, 4);
    this.table = take((b, o, n) => new Int32Array(b, o, n), h.size, 4);
    this.emitKeys = take((b, o, n) => new Uint32Array(b, o, n), h.emitKeys, 4);
    this.chars = take((b, o, n) => new Uint16Array(b, o, n), h.units, 2);
    this.mask = h.size - 1;
    this.maxUnits = h.maxUnits;
    this.minWeight = h.minWeight;
    this.userSingles = new Set(h.userSingles);
    this.startProb = Float64Array.from(h.startProb);
    this.trans = Float64Array.from(h.trans);
  }

  /** The dictionary entry of s[from, to) (UTF-16 offsets), or -1. */
  private find(s: string, from: number, to: number): number {
    const len = to - from;
    if (len > this.maxUnits || len <= 0) return -1;
    const chars = this.chars;
    for (let slot = hashOf(s, from, to) & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.table[slot]! - 1;
      if (k < 0) return -1;
      const a = this.start[k]!;
      if (this.start[k + 1]! - a !== len) continue;
      let same = true;
      for (let i = 0; i < len; i++) {
        if (chars[a + i] !== s.charCodeAt(from + i)) {
          same = false;
          break;
        }
      }
      if (same) return k;
    }
  }

  private emitProb(y: number, rune: number): number {
    const keys = this.emitKeys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < rune) lo = mid + 1;
      else hi = mid;
    }
    return lo < keys.length && keys[lo] === rune ? this.emit[lo * 4 + y]! : MIN_DOUBLE;
  }

  cut(text: string): string[] {
    if (!text) return [];
    return originalTokens(text, mergeAscii(this.segment(normaliseForSegmentation(text), false)));
  }

  cutForSearch(text: string): string[] {
    if (!text) return [];
    return mergeAscii(this.segment(normaliseForSegmentation(text), true));
  }

  tokenize(text: string): Token[] {
    return tokensAt(this.cut(text));
  }

  /** MixSegment (hmm on) or QuerySegment over a sentence, as the strings nodejieba returns. */
  private segment(input: string, forSearch: boolean): string[] {
    // nodejieba receives UTF-8: a lone surrogate arrives as U+FFFD.
    const s = input.replace(LONE_SURROGATE, '\ufffd');
    // Runes and their UTF-16 offsets (off[n] = s.length).
    const runes: number[] = [];
    const off: number[] = [];
    for (let i = 0; i < s.length; ) {
      const c = s.codePointAt(i)!;
      runes.push(c);
      off.push(i);
      i += c > 0xffff ? 2 : 1;
    }
    off.push(s.length);
    const out: string[] = [];
    const word = (r: Range): string => s.slice(off[r[0]]!, off[r[1] + 1]!);
    // PreFilter: a separator is a range of its own; the text between separators is one range.
    let cursor = 0;
    while (cursor < runes.length) {
      const begin = cursor;
      while (cursor < runes.length && !SEPARATORS.has(runes[cursor]!)) cursor++;
      if (cursor === begin) cursor++;
      const mixed = this.mix(s, runes, off, begin, cursor);
      if (!forSearch) {
        for (const r of mixed) out.push(word(r));
        continue;
      }
      for (const r of mixed) {
        const length = r[1] - r[0] + 1;
        if (length > 2) {
          for (let i = 0; i + 1 < length; i++) if (this.find(s, off[r[0] + i]!, off[r[0] + i + 2]!) >= 0) out.push(word([r[0] + i, r[0] + i + 1]));
        }
        if (length > 3) {
          for (let i = 0; i + 2 < length; i++) if (this.find(s, off[r[0] + i]!, off[r[0] + i + 3]!) >= 0) out.push(word([r[0] + i, r[0] + i + 2]));
        }
        out.push(word(r));
      }
    }
    return out;
  }

  /** MixSegment::Cut with hmm on, over runes [begin, end). */
  private mix(s: string, runes: number[], off: number[], begin: number, end: number): Range[] {
    const words = this.mp(s, off, begin, end);
    const res: Range[] = [];
    const single = (r: Range): boolean => r[0] === r[1] && !this.userSingles.has(runes[r[0]]!);
    for (let i = 0; i < words.length; i++) {
      if (!single(words[i]!)) {
        res.push(words[i]!);
        continue;
      }
      let j = i;
      while (j < words.length && single(words[j]!)) j++;
      this.hmm(runes, words[i]![0], words[j - 1]![0] + 1, res);
      i = j - 1;
    }
    return res;
  }

  /** MPSegment::Cut: the DAG of dictionary words, the most probable route (CalcDP), cut along it. */
  private mp(s: string, off: number[], begin: number, end: number): Range[] {
    const n = end - begin;
    // Per start: the end runes (inclusive) of the words starting there, length 1 first (word or not), and their entries.
    const nextEnd: number[][] = [];
    const nextWord: number[][] = [];
    for (let i = 0; i < n; i++) {
      const ends = [i];
      const entries = [this.find(s, off[begin + i]!, off[begin + i + 1]!)];
      for (let j = i + 1; j < n; j++) {
        const from = off[begin + i]!;
        const to = off[begin + j + 1]!;
        if (to - from > this.maxUnits) break;
        const k = this.find(s, from, to);
        if (k >= 0) {
          ends.push(j);
          entries.push(k);
        }
      }
      nextEnd.push(ends);
      nextWord.push(entries);
    }
    const best = new Float64Array(n);
    const pick = new Int32Array(n); // entry chosen, -1 none (a single character)
    const pickEnd = new Int32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      let w = MIN_DOUBLE;
      let p = -1;
      let pe = i;
      const ends = nextEnd[i]!;
      const entries = nextWord[i]!;
      for (let k = 0; k < ends.length; k++) {
        const next = ends[k]!;
        let val = 0.0;
        if (next + 1 < n) val += best[next + 1]!;
        const e = entries[k]!;
        val += e >= 0 ? this.weight[e]! : this.minWeight;
        if (val > w) {
          w = val;
          p = e;
          pe = next;
        }
      }
      best[i] = w;
      pick[i] = p;
      pickEnd[i] = pe;
    }
    const out: Range[] = [];
    for (let i = 0; i < n; ) {
      if (pick[i]! >= 0) {
        out.push([begin + i, begin + pickEnd[i]!]);
        i = pickEnd[i]! + 1;
      } else {
        out.push([begin + i, begin + i]);
        i++;
      }
    }
    return out;
  }

  /** HMMSegment::Cut over runes [begin, end): ASCII letters and numbers by rule, the rest by Viterbi. */
  private hmm(runes: number[], begin: number, end: number, res: Range[]): void {
    let left = begin;
    let right = begin;
    while (right !== end) {
      if (runes[right]! < 0x80) {
        if (left !== right) this.viterbiCut(runes, left, right, res);
        left = right;
        right = this.letters(runes, left, end);
        if (right === left) right = this.numbers(runes, left, end);
        if (right === left) right++;
        res.push([left, right - 1]);
        left = right;
      } else right++;
    }
    if (left !== right) this.viterbiCut(runes, left, right, res);
  }

  private letters(runes: number[], begin: number, end: number): number {
    const isLetter = (x: number): boolean => (x >= 0x61 && x <= 0x7a) || (x >= 0x41 && x <= 0x5a);
    if (!isLetter(runes[begin]!)) return begin;
    let i = begin + 1;
    while (i !== end && (isLetter(runes[i]!) || (runes[i]! >= 0x30 && runes[i]! <= 0x39))) i++;
    return i;
  }

  private numbers(runes: number[], begin: number, end: number): number {
    const x = runes[begin]!;
    if (!(x >= 0x30 && x <= 0x39)) return begin;
    let i = begin + 1;
    while (i !== end && ((runes[i]! >= 0x30 && runes[i]! <= 0x39) || runes[i] === 0x2e)) i++;
    return i;
  }

  /** HMMSegment::InternalCut: Viterbi over B/E/M/S; a word ends at each E or S. */
  private viterbiCut(runes: number[], begin: number, end: number, res: Range[]): void {
    const X = end - begin;
    const Y = 4;
    const weight = new Float64Array(X * Y);
    const path = new Int32Array(X * Y);
    for (let y = 0; y < Y; y++) {
      weight[y * X] = this.startProb[y]! + this.emitProb(y, runes[begin]!);
      path[y * X] = -1;
    }
    for (let x = 1; x < X; x++) {
      for (let y = 0; y < Y; y++) {
        const now = x + y * X;
        weight[now] = MIN_DOUBLE;
        path[now] = E;
        const emitProb = this.emitProb(y, runes[begin + x]!);
        for (let preY = 0; preY < Y; preY++) {
          const old = x - 1 + preY * X;
          const tmp = weight[old]! + this.trans[preY * 4 + y]! + emitProb;
          if (tmp > weight[now]!) {
            weight[now] = tmp;
            path[now] = preY;
          }
        }
      }
    }
    const endE = weight[X - 1 + E * X]!;
    const endS = weight[X - 1 + S * X]!;
    let stat = endE >= endS ? E : S;
    const status = new Int32Array(X);
    for (let x = X - 1; x >= 0; x--) {
      status[x] = stat;
      stat = path[x + stat * X]!;
    }
    let left = begin;
    for (let i = 0; i < X; i++) {
      if (status[i]! % 2) {
        res.push([left, begin + i]);
        left = begin + i + 1;
      }
    }
  }
}
