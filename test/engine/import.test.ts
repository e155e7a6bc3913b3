/**
 * Import: files made in the test from the seeds (a GBK .txt, Word files, Chromium-printed PDFs, HTML) are
 * read back to the seed's parse; the 对照稿 as a real Word table splits into its two versions; every bad
 * input is refused with one sentence and leaves the library byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/api/handlers';
import { extractText, fixRadicals } from '../../electron/engine/ingest';
import { DuizhaoError, type LegalDocument } from '../../electron/engine/model';
import { parseDocument } from '../../electron/engine/parse';
import { readImportFile } from '../../electron/services/files';
import { Library, MAX_IMPORT_BYTES, type LibraryChange } from '../../electron/services/library';
import {
  comparisonDocx,
  comparisonLayout,
  docxFromLines,
  encryptedPdf,
  gb18030Encode,
  officialHtml,
  printPdfs,
  SCANNED_HTML,
  snapshot,
  type Run,
} from '../helpers/import-fixtures';
import { CORPUS, parseSeed, seedText } from '../helpers/seeds';

/** The tree without source line numbers (a .docx or .pdf need not keep the seed's blank lines). */
function tree(doc: LegalDocument): unknown {
  return JSON.parse(JSON.stringify(doc.versions, (k, v) => (k === 'line' ? undefined : v)));
}

async function rejection(p: Promise<unknown>): Promise<DuizhaoError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(DuizhaoError);
    return e as DuizhaoError;
  }
  throw new Error('expected a rejection');
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0, 0, 0]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

let hunanPdf: Buffer;
let shenzhenPdf: Buffer;
let scannedPdf: Buffer;

beforeAll(async () => {
  [hunanPdf, shenzhenPdf, scannedPdf] = (await printPdfs([officialHtml(seedText('hunan-2020')), officialHtml(seedText('shenzhen-draft')), SCANNED_HTML])) as [Buffer, Buffer, Buffer];
}, 120_000);

describe('extractText: each format back to the seed', () => {
  it('reads a GBK .txt to the seed text', async () => {
    const text = seedText('zhejiang-2023');
    const r = await extractText(gb18030Encode(text), '浙江条例.txt');
    expect(r).toMatchObject({ format: 'txt', encoding: 'gb18030', text });
  });

  it('reads a .docx made line by line from a seed to the same parse', async () => {
    for (const id of ['zhejiang-2023', 'zhejiang-2020-opinion'] as const) {
      const r = await extractText(await docxFromLines(seedText(id)), `${id}.docx`);
      expect(r.format).toBe('docx');
      const doc = parseDocument(r.text, { id });
      expect(doc.versions[0]!.articles.length).toBe(parseSeed(id).versions[0]!.articles.length);
      expect(tree(doc), id).toEqual(tree(parseSeed(id)));
    }
  });

  it('reads the 修改对照稿 as a two-column Word table into its two versions, with 黑体 and 阴影 kept as marks', async () => {
    const seed = parseSeed('hunan-2020-review');
    // As the header says: 黑体 = added (the second draft's new 【headings】), 阴影 = deleted or moved.
    const format = (line: string): Run[] => {
      const heading = /^(第[^【]*条)(【[^】]+】)(.*)$/u.exec(line);
      if (heading) return [{ text: heading[1]! }, { text: heading[2]!, heiti: true }, { text: heading[3]! }];
      const note = /^(.*?)(（(?:移至|原第)[^）]*）)(.*)$/u.exec(line);
      if (note) return [{ text: note[1]! }, { text: note[2]!, shade: true }, { text: note[3]! }].filter((r) => r.text);
      return [{ text: line }];
    };
    const bytes = await comparisonDocx(comparisonLayout(seedText('hunan-2020-review')), format);
    const r = await extractText(bytes, '对照稿.docx');
    const doc = parseDocument(r.text, { id: 'x' });
    expect(doc.kind).toBe('comparison');
    expect(doc.versions.map((v) => v.label)).toEqual(['修订草案', '二次审议稿']);
    expect(doc.versions.map((v) => v.articles.length)).toEqual(seed.versions.map((v) => v.articles.length));
    expect(tree(doc)).toEqual(tree(seed));
    expect(doc.table!.rows.map((row) => [row.left, row.right])).toEqual(seed.table!.rows.map((row) => [row.left, row.right]));
    expect(doc.trailer).toEqual(seed.trailer);

    const lines = r.text.split('\n');
    const marked = (kind: string) => (r.marks ?? []).filter((m) => m.kind === kind).map((m) => lines[m.line - 1]!.slice(m.start, m.end));
    const headings = doc.versions[1]!.articles.filter((a) => a.heading).map((a) => `【${a.heading}】`);
    expect(headings.length).toBeGreaterThan(20);
    expect(marked('bold')).toEqual(headings);
    const notes = seedText('hunan-2020-review').match(/（(?:移至|原第)[^）]*）/gu)!;
    expect(notes.length).toBeGreaterThan(3);
    expect(marked('shade')).toEqual(notes);
  });

  it('keeps bold, underline and strikethrough runs of a Word file as marks on their lines', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ children: [new TextRun('第一条　本条例'), new TextRun({ text: '适用于全省', underline: {} }), new TextRun('。')] }),
              new Paragraph({ children: [new TextRun('第二条　'), new TextRun({ text: '已删去的文字', strike: true }), new TextRun({ text: '新增的文字', bold: true })] }),
            ],
          },
        ],
      }),
    );
    const r = await extractText(bytes, 'marks.docx');
    expect(r.text).toBe('第一条　本条例适用于全省。\n第二条　已删去的文字新增的文字');
    expect(r.marks).toEqual([
      { line: 1, start: 7, end: 12, kind: 'underline' },
      { line: 2, start: 4, end: 10, kind: 'strike' },
      { line: 2, start: 10, end: 15, kind: 'bold' },
    ]);
  });

  it('reads a PDF printed by Chromium to the same parse: lines broken by the layout joined, 公文 indents kept', async () => {
    for (const [id, pdf] of [['hunan-2020', hunanPdf]] as const) {
      const r = await extractText(pdf, `${id}.pdf`);
      expect(r.format).toBe('pdf');
      expect(r.pages).toBeGreaterThan(3);
      // Noto CJK names ⼀ ⼈ ⺠ for 一 人 民 in its text layer: read as the characters printed.
      expect(r.text).not.toMatch(/[\u2e80-\u2fdf]/u);
      const doc = parseDocument(r.text, { id });
      expect(doc.versions[0]!.articles.length).toBe(parseSeed(id).versions[0]!.articles.length);
      expect(tree(doc), id).toEqual(tree(parseSeed(id)));
    }
  });

  it('maps shared-glyph code points, and only those', () => {
    expect(fixRadicals('中⼩企业账⼾，⼈⺠政府，\u2329法\u232a')).toEqual({ text: '中小企业账户，人民政府，〈法〉', replaced: 6 });
    expect(fixRadicals('戶口').text).toBe('戶口');
  });

  it('reads HTML: tags stripped, blocks and <br> as line breaks, entities decoded, scripts and styles dropped', async () => {
    const text = seedText('shenzhen-draft');
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/　/g, '&#12288;');
    const lines = text.split('\n');
    // Pairs of lines share a <p> with a <br>, as copied-from-the-web pages do.
    const body: string[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      const pair = lines.slice(i, i + 2).map(esc);
      body.push(`<p>\n  ${pair.join('<br>\n  ')}\n</p>`);
    }
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>不是正文</title><style>p{margin:0}</style>
      <script>document.write("<p>第九十九条 脚本</p>")</script></head><body><!-- 注释 --><div class="content">${body.join('\n')}</div></body></html>`;
    const r = await extractText(Buffer.from(html), 'page.html');
    expect(r.format).toBe('html');
    expect(r.text).not.toMatch(/不是正文|脚本|注释|<|&amp;/u);
    expect(tree(parseDocument(r.text, { id: 'x' }))).toEqual(tree(parseSeed('shenzhen-draft')));

    // A GB2312 page says so in its <meta>; .htm is the same reader.
    const hunan = seedText('hunan-2020');
    const gb = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'),
      gb18030Encode(hunan.split('\n').map((l) => `<p>${esc(l)}</p>`).join('')),
      Buffer.from('</body></html>'),
    ]);
    const g = await extractText(gb, 'page.htm');
    expect(g.encoding).toBe('gb18030');
    expect(tree(parseDocument(g.text, { id: 'x' }))).toEqual(tree(parseSeed('hunan-2020')));
  });
});

describe('extractText: bad input gets one clear sentence', () => {
  const cases: Array<[string, () => Promise<Buffer> | Buffer, string, string, RegExp]> = [
    ['an unsupported type', () => PNG, 'scan.png', 'unsupported_type', /^scan\.png：不能导入\.png 文件；支持的格式为 \.txt、\.md、\.docx、\.pdf、\.html、\.htm$/],
    ['an empty file', () => Buffer.alloc(0), 'empty.docx', 'empty_file', /^empty\.docx：文件是空的$/],
    ['a binary file named .txt', () => Buffer.concat([PNG, Buffer.alloc(64)]), 'data.txt', 'binary_file', /^data\.txt：这是二进制文件/],
    ['a corrupt .docx', () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'draft.docx', 'corrupt', /^draft\.docx：Word 文件已损坏/],
    ['a zip that is no Word file', async () => new JSZip().file('a.txt', 'x').generateAsync({ type: 'nodebuffer' }), 'draft.docx', 'corrupt', /不是 Word 文档/],
    // Word keeps a password-protected .docx as an OLE container with an EncryptedPackage stream.
    ['a password-protected .docx', () => Buffer.concat([OLE, Buffer.alloc(504), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]), 'secret.docx', 'encrypted', /^secret\.docx：Word 文件有密码保护/],
    ['an old binary .doc', () => Buffer.concat([OLE, Buffer.alloc(1024)]), 'old.doc', 'unsupported_type', /旧版 Word 97–2003（\.doc）.*另存为 \.docx/],
    ['a password-protected PDF', () => encryptedPdf(), 'secret.pdf', 'encrypted', /^secret\.pdf：PDF 有密码保护/],
    ['an image-only PDF', () => scannedPdf, 'scan.pdf', 'no_text', /^scan\.pdf：PDF 没有文字层（可能是扫描件）/],
    ['a truncated PDF', () => hunanPdf.subarray(0, 900), 'cut.pdf', 'corrupt', /^cut\.pdf：PDF 已损坏/],
    ['text named .pdf', () => Buffer.from('第一条 这不是PDF。'), 'fake.pdf', 'corrupt', /^fake\.pdf：PDF 已损坏，或者不是 PDF 文件$/],
  ];
  for (const [what, bytes, name, code, message] of cases) {
    it(what, async () => {
      const e = await rejection(extractText(await bytes(), name));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
      expect(e.message.split('\n')).toHaveLength(1);
      // Scripts match the reason, a stable code of the message catalogue, not the sentence.
      expect(e.reason).toMatch(/^ingest\./);
    });
  }
});

describe('Library: imported documents', () => {
  let home: string;
  let library: Library;
  const fresh = () => {
    home = mkdtempSync(join(tmpdir(), 'duizhao-import-'));
    library = new Library({ corpusDir: CORPUS, home });
  };
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('imports a .docx, a .pdf and a GBK .txt; each is listed and usable wherever a corpus id is', async () => {
    fresh();
    const docx = await docxFromLines(seedText('zhejiang-2023'));
    const a = await library.importBytes(docx, 'Zhejiang SME Regulation 2023.docx');
    // Ids say where, what and when (engine/ingest/ids.ts), never the file's name: 浙江, 地方性法规, 2023.
    expect(a).toMatchObject({ title: '浙江省促进中小微企业发展条例', articles: 65 });
    expect(a.id).toMatch(/^zj-local-[0-9a-f]{6}-2023$/);
    expect(a.summary).toMatchObject({ source: 'library', jurisdiction: '浙江', kind: '地方性法规', format: 'docx', chapters: 10 });
    expect(a.summary.dates).toEqual({ adopted: '2023-01-16', effective: '2023-03-01' });
    const b = await library.importBytes(shenzhenPdf, '深圳条例.pdf', { title: '深圳条例（PDF）', stage: '草案' });
    // A city has no place code; a draft with no date has no year.
    expect(b.id).toMatch(/^local-[0-9a-f]{6}$/);
    expect(b).toMatchObject({ title: '深圳条例（PDF）', articles: 81 });
    expect(b.summary).toMatchObject({ format: 'pdf', chapters: 10, stage: '草案', jurisdiction: '深圳' });
    const c = await library.importBytes(gb18030Encode(seedText('zhejiang-2020-opinion')), 'opinion-gbk.txt');
    expect(c.articles).toBe(parseSeed('zhejiang-2020-opinion').versions[0]!.articles.length);

    const listed = library.list();
    expect(listed.slice(0, 5).map((d) => d.source)).toEqual(Array(5).fill('corpus'));
    expect(listed.slice(5).map((d) => [d.id, d.source])).toEqual([
      [a.id, 'library'],
      [b.id, 'library'],
      [c.id, 'library'],
    ]);
    for (const [r, seed] of [
      [a, 'zhejiang-2023'],
      [b, 'shenzhen-draft'],
      [c, 'zhejiang-2020-opinion'],
    ] as const) {
      const got = library.get(r.id);
      expect(got.document.id).toBe(r.id);
      expect(tree(got.document), seed).toEqual(tree(parseSeed(seed)));
      expect(library.get(`${r.id}@0`).version).toBe(0);
    }
    expect(() => library.get(`${a.id}@1`)).toThrow(/只有一个版本（@0），没有 @1/);

    // On disk: the original byte for byte, the text, the metadata.
    const dir = join(home, 'library', a.id);
    expect(readFileSync(join(dir, 'original.docx')).equals(docx)).toBe(true);
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({
      title: '浙江省促进中小微企业发展条例',
      originalName: 'Zhejiang SME Regulation 2023.docx',
      format: 'docx',
      contentHash: createHash('sha256').update(docx).digest('hex'),
      size: docx.length,
    });
    expect(Date.parse(meta.imported)).toBeGreaterThan(Date.now() - 600_000);
    expect(readFileSync(join(dir, 'text.txt'), 'utf8').split('\n')[0]).toBe('浙江省促进中小微企业发展条例');
  });

  it('imports the Word 对照稿 as a two-version document with its marks', async () => {
    fresh();
    const bytes = await comparisonDocx(comparisonLayout(seedText('hunan-2020-review')), (l) =>
      l.includes('【') ? [{ text: l, heiti: true }] : [{ text: l }],
    );
    const r = await library.importBytes(bytes, '对照稿.docx');
    expect(r.summary).toMatchObject({ versions: 2, versionLabels: ['修订草案', '二次审议稿'], kind: '修改对照稿', jurisdiction: '湖南' });
    const { document } = library.get(`${r.id}@1`);
    expect(tree(document)).toEqual(tree(parseSeed('hunan-2020-review')));
    expect(document.marks!.length).toBeGreaterThan(20);
    expect(document.marks!.every((m) => m.kind === 'bold')).toBe(true);
  });

  it('does not add the same file twice, whatever its name', async () => {
    fresh();
    const bytes = await docxFromLines(seedText('hunan-2020'));
    const first = await library.importBytes(bytes, 'a.docx');
    const before = snapshot(home);
    const e = await rejection(library.importBytes(bytes, 'copy of a.docx'));
    expect(e.code).toBe('exists');
    // The seed has no title line: the file name stands in for it.
    expect(first.title).toBe('a');
    expect(e.message).toBe(`copy of a.docx 已在文库中（编号“${first.id}”，a），未重复导入`);
    expect(e.reason).toBe('library.duplicate');
    expect(snapshot(home)).toEqual(before);
    expect((await library.previewImport(bytes, 'again.docx')).duplicateOf).toBe(first.id);
  });

  it('refuses every bad input with one sentence and leaves the library byte-identical', async () => {
    fresh();
    await library.importBytes(await docxFromLines(seedText('hunan-2020')), 'hunan.docx');
    const before = snapshot(home);
    expect(Object.keys(before).length).toBeGreaterThan(4);
    const bad: Array<[Buffer, string, string, RegExp]> = [
      [PNG, 'scan.png', 'unsupported_type', /不能导入/],
      [Buffer.alloc(0), 'empty.txt', 'empty_file', /文件是空的/],
      [Buffer.from('   \n\n  '), 'blank.txt', 'empty_file', /文件中没有文字/],
      [Buffer.concat([PNG, Buffer.alloc(64)]), 'data.txt', 'binary_file', /二进制文件/],
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]), 'bad.docx', 'corrupt', /已损坏/],
      [encryptedPdf(), 'secret.pdf', 'encrypted', /密码保护/],
      [scannedPdf, 'scan.pdf', 'no_text', /没有文字层（可能是扫描件）/],
      [Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41), 'huge.txt', 'too_large', /^huge\.txt：文件有 50\.0 MB，超过上限 50 MB$/],
      [Buffer.from('关于做好年度工作的说明\n\n请各单位认真落实，按时报送材料。\n'), 'memo.txt', 'no_articles', /^memo\.txt：文本中没有找到条文（第X条）或编号项/],
    ];
    for (const [bytes, name, code, message] of bad) {
      const e = await rejection(library.importBytes(bytes, name));
      expect(e.code, name).toBe(code);
      expect(e.message, name).toMatch(message);
      expect(snapshot(home), name).toEqual(before);
      // The preview refuses the same way (it never writes either).
      expect((await rejection(library.previewImport(bytes, name))).code, name).toBe(code);
    }
    expect(library.list().filter((d) => d.source === 'library')).toHaveLength(1);
  });

  it('checks the size of a file on disk before reading it', async () => {
    fresh();
    const path = join(home, 'big.pdf');
    const fd = openSync(path, 'w');
    ftruncateSync(fd, MAX_IMPORT_BYTES + 1024 * 1024); // sparse: nothing is written
    closeSync(fd);
    // The command line's reader of files to import (the API's application layer has none).
    const e = await rejection((async () => readImportFile(path))());
    expect(e).toMatchObject({ code: 'too_large', reason: 'library.too_large', message: 'big.pdf：文件有 51.0 MB，超过上限 50 MB' });
    expect((await rejection((async () => readImportFile(join(home, 'missing.docx')))())).code).toBe('not_found');
  });

  it('edits metadata (validated, replaced by rename), changes the fingerprint and tells listeners', async () => {
    fresh();
    const changes: LibraryChange[] = [];
    library.onChange((c) => changes.push(c));
    const r = await library.importBytes(await docxFromLines(seedText('shenzhen-draft')), 'shenzhen.docx');
    expect(r.summary).toMatchObject({ jurisdiction: '深圳', stage: '征求意见稿' });
    const before = r.summary.fingerprint;
    const summary = library.updateMetadata(r.id, { title: '深圳条例（征求意见稿）', dates: { published: '2024-05-01' } });
    expect(summary).toMatchObject({ title: '深圳条例（征求意见稿）', jurisdiction: '深圳', dates: { published: '2024-05-01' } });
    expect(summary.fingerprint).not.toBe(before);
    expect(library.get(r.id).document.title).toBe('深圳条例（征求意见稿）');
    expect(readdirSync(join(home, 'library', r.id)).sort()).toEqual(['meta.json', 'original.docx', 'text.txt']);
    expect(changes).toEqual([
      { type: 'added', id: r.id, fingerprint: before },
      { type: 'updated', id: r.id, fingerprint: summary.fingerprint },
    ]);
    expect(() => library.updateMetadata(r.id, { dates: { effective: '5月1日' } })).toThrow(/YYYY-MM-DD/);
    expect(() => library.updateMetadata(r.id, { title: '  ' })).toThrow(/^标题不能为空$/);
    expect(() => library.updateMetadata('zhejiang-2023', { title: 'x' })).toThrow(/属于内置文库，不能修改/);
    // A second process (or the next start) sees the edit: it lives on disk.
    expect(new Library({ corpusDir: CORPUS, home }).get(r.id).summary.title).toBe('深圳条例（征求意见稿）');
  });

  it('removes an imported document, and only those', async () => {
    fresh();
    const changes: LibraryChange[] = [];
    library.onChange((c) => changes.push(c));
    const r = await library.importBytes(await docxFromLines(seedText('hunan-2020')), 'hunan.docx');
    library.remove(r.id);
    expect(library.list().map((d) => d.id)).not.toContain(r.id);
    // Nothing of the document is left; only its id is kept, retired, so that it is never given to another.
    expect(readdirSync(join(home, 'library'))).toEqual(['.retired.json']);
    expect(JSON.parse(readFileSync(join(home, 'library', '.retired.json'), 'utf8'))).toEqual([r.id]);
    expect(() => library.get(r.id)).toThrow(/文库中没有文档“.*”/);
    expect(changes.at(-1)).toEqual({ type: 'removed', id: r.id, fingerprint: null });
    expect(() => library.remove('zhejiang-2023')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => library.remove(r.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => library.remove('../corpus')).toThrow(expect.objectContaining({ code: 'not_found' }));
    // Removed documents can be imported again, under a new id (the old one stays retired).
    expect((await library.importBytes(await docxFromLines(seedText('hunan-2020')), 'hunan.docx')).id).toBe(`${r.id}-2`);
  });

  it('never lists the temporary folder of an interrupted import, and deletes it on the next start', async () => {
    fresh();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const left = join(home, 'library', `.tmp-${dead}-abcdef`);
    mkdirSync(left, { recursive: true });
    writeFileSync(join(left, 'meta.json'), '{"title": "半截"}');
    const ours = join(home, 'library', `.tmp-${process.pid}-fedcba`);
    mkdirSync(ours);
    expect(library.list().filter((d) => d.source === 'library')).toEqual([]);
    new Library({ corpusDir: CORPUS, home });
    expect(existsSync(left)).toBe(false);
    // A running process's import in progress is left alone.
    expect(existsSync(ours)).toBe(true);
  });

  it('gives an index every document with its text file and a fingerprint', async () => {
    fresh();
    const r = await library.importBytes(await docxFromLines(seedText('hunan-2020')), 'hunan.docx');
    const entries = library.documentEntries();
    expect(entries.map((e) => e.id)).toEqual([...library.corpusEntries().map((e) => e.id), r.id]);
    for (const e of entries) {
      expect(existsSync(e.textPath)).toBe(true);
      expect(e.fingerprint).toMatch(/^[0-9a-f]{24}$/);
    }
    expect(new Set(entries.map((e) => e.fingerprint)).size).toBe(entries.length);
    expect(entries.at(-1)).toMatchObject({ source: 'library', title: r.title, fingerprint: r.summary.fingerprint });
  });
});

describe('API: previewImport, importDocument, updateMetadata, removeDocument', () => {
  it('previews without writing, then imports, edits and removes', async () => {
    const home = mkdtempSync(join(tmpdir(), 'duizhao-import-api-'));
    try {
      const handlers = createHandlers(new Library({ corpusDir: CORPUS, home }));
      const file = { name: '深圳条例.docx', data: await docxFromLines(seedText('shenzhen-draft')) };
      const preview = await handlers.previewImport(file);
      expect(preview).toMatchObject({ format: 'docx', articles: 81, chapters: 10, versions: 1, duplicateOf: null });
      expect(preview.suggested).toMatchObject({ title: '深圳经济特区中小企业发展促进条例（征求意见稿）', jurisdiction: '深圳', stage: '征求意见稿' });
      expect(snapshot(home)).toEqual({});
      const result = await handlers.importDocument({ ...file, meta: { jurisdiction: '广东深圳' } });
      expect(result).toMatchObject({ title: preview.suggested.title, articles: 81 });
      expect((await handlers.listDocuments({})).documents.at(-1)).toMatchObject({ id: result.id, jurisdiction: '广东深圳', source: 'library' });
      expect((await handlers.getDocument({ ref: result.id })).document.versions[0]!.articles).toHaveLength(81);
      expect((await handlers.previewImport(file)).duplicateOf).toBe(result.id);
      expect((await handlers.updateMetadata({ id: result.id, meta: { stage: '草案' } })).summary.stage).toBe('草案');
      expect(await handlers.removeDocument({ id: result.id })).toEqual({ id: result.id });
      expect((await handlers.listDocuments({})).documents).toHaveLength(5);
      // The size is checked before anything is read.
      const huge = { name: 'huge.pdf', data: new Uint8Array(MAX_IMPORT_BYTES + 10) };
      await expect(handlers.previewImport(huge)).rejects.toMatchObject({ code: 'too_large' });
      // A file arrives as bytes, never as base64 text.
      await expect(handlers.previewImport({ name: 'a.txt', dataBase64: 'AAAA' } as never)).rejects.toMatchObject({ code: 'bad_request' });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
