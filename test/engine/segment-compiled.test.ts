/**
 * The compiled segmenter (engine/segment/compiled.ts) cuts exactly as nodejieba does: the query side of
 * search uses it instead of loading nodejieba, and an index term only matches a query term cut the same way.
 * Compared on real law text (the fixed cut of the shared corpus, the seed documents), the relevance queries
 * and text that exercises each rule (ASCII letters and numbers, full-width forms, separators, characters
 * outside the Basic Multilingual Plane, a lone surrogate, user dictionary words).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileDictionary, CompiledSegmenter, getSegmenter, segmenterFiles, type Segmenter } from '../../electron/engine/segment';
import { CORPUS } from '../helpers/seeds';

const FIXTURES = join(__dirname, '..', 'fixtures');
let jieba: Segmenter;
let compiled: CompiledSegmenter;

function textFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) textFiles(p, out);
    else if (/\.(md|txt)$/.test(name)) out.push(p);
  }
  return out;
}

beforeAll(() => {
  jieba = getSegmenter();
  const files = segmenterFiles();
  compiled = new CompiledSegmenter(compileDictionary({ dict: readFileSync(files.dict, 'utf8'), userDict: readFileSync(files.userDict, 'utf8'), hmm: readFileSync(files.hmm, 'utf8') }));
});

describe('the compiled segmenter', () => {
  it('cuts every line of the corpus fixtures and seeds as nodejieba does, in both modes', () => {
    const lines = [...textFiles(join(FIXTURES, 'search-corpus')), ...textFiles(CORPUS)].flatMap((f) => readFileSync(f, 'utf8').split('\n'));
    expect(lines.length).toBeGreaterThan(3000);
    const differ: string[] = [];
    for (const line of lines) {
      if (compiled.cut(line).join('|') !== jieba.cut(line).join('|')) differ.push(`cut: ${line}`);
      if (compiled.cutForSearch(line).join('|') !== jieba.cutForSearch(line).join('|')) differ.push(`cutForSearch: ${line}`);
    }
    expect(differ).toEqual([]);
  });

  it('cuts the relevance queries and text exercising each rule as nodejieba does', () => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'search-relevance.json'), 'utf8')) as { queries: Array<{ query: string }> };
    const samples = [
      ...fixture.queries.map((q) => q.query),
      'ABC中文abc123.45测试 ，。\t\n',
      'Ａ１２３（套）首台(套)中小微企业专精特新',
      'iPhone15ProMax手机与COVID-19疫情防控、e-mail地址',
      '2023年12月31日起施行；第十三条　国家鼓励',
      '𠀀𠀁中国人𡃁的',
      '\ud800孤立的代理项',
      '应收账款融资 拖欠中小企业账款 个人信息保护法',
      '',
      '   ',
    ];
    for (const s of samples) {
      expect(compiled.cut(s), s).toEqual(jieba.cut(s));
      expect(compiled.cutForSearch(s), s).toEqual(jieba.cutForSearch(s));
      expect(compiled.tokenize(s), s).toEqual(jieba.tokenize(s));
    }
  });

  it('refuses bytes that are not a compiled dictionary', () => {
    expect(() => new CompiledSegmenter(new Uint8Array(16))).toThrow();
    expect(() => new CompiledSegmenter(new Uint8Array(4))).toThrow();
  });
});
