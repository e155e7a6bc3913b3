import { describe, expect, it } from 'vitest';
import { decodeText } from '../../electron/engine/ingest';
import { cnToInt, intToCn, articleLabel } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { gb18030Encode } from '../helpers/gbk';
import { parseSeed, seedBytes, seedText } from '../helpers/seeds';

describe('decodeText', () => {
  const text = seedText('hunan-2020');
  const expected = parseSeed('hunan-2020');
  const parse = (bytes: Uint8Array) => parseDocument(decodeText(bytes, 'x.txt').text, { id: 'hunan-2020' });

  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(seedBytes('hunan-2020'), 'a.txt')).toEqual({ text, encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seedBytes('hunan-2020')]);
    expect(decodeText(bom, 'a.txt')).toEqual({ text, encoding: 'utf-8' });
  });
  it('reads UTF-16 LE and BE with BOM, and LE without', () => {
    const le = Buffer.from('\ufeff' + text, 'utf16le');
    expect(decodeText(le, 'a.txt').encoding).toBe('utf-16le');
    expect(parse(le).versions).toEqual(expected.versions);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be, 'a.txt').encoding).toBe('utf-16be');
    expect(parse(be).versions).toEqual(expected.versions);
  });
  it('detects GB18030/GBK and parses it to the same tree', () => {
    const gbk = gb18030Encode(text);
    const decoded = decodeText(gbk, 'gbk.txt');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(text);
    expect(parse(gbk).versions).toEqual(expected.versions);
  });
  it('refuses empty, binary and undecodable files with one sentence naming the file', () => {
    expect(() => decodeText(Buffer.alloc(0), 'empty.txt')).toThrow(/^empty\.txt：文件是空的$/);
    expect(() => decodeText(Buffer.from('  \n\n  '), 'blank.txt')).toThrow(/^blank\.txt：文件中没有文字$/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0, 0, 0]);
    expect(() => decodeText(png, 'image.png')).toThrow(/^image\.png：这是二进制文件/);
    expect(() => decodeText(Buffer.from([0x80, 0xff, 0x80, 0xff, 0x41]), 'bad.txt')).toThrow(/^bad\.txt：无法识别文本编码/);
  });
});

describe('Chinese numerals', () => {
  it('round-trips 0..999 and beyond', () => {
    for (let n = 1; n <= 1200; n++) expect(cnToInt(intToCn(n))).toBe(n);
  });
  it('writes and reads the forms legislation uses', () => {
    expect([10, 11, 20, 21, 100, 105, 110, 999].map(intToCn)).toEqual(['十', '十一', '二十', '二十一', '一百', '一百零五', '一百一十', '九百九十九']);
    expect(['一百零五', '两百', '二〇二一', '１２', '十', '三十六'].map(cnToInt)).toEqual([105, 200, 2021, 12, 10, 36]);
    expect(cnToInt('第三')).toBeNull();
    expect(articleLabel(10, 1)).toBe('第十条之一');
  });
});
