/**
 * Importing a collection at once (services/bulk-import.ts) on a small tree of real excerpts of the shared
 * corpus (test/fixtures/bulk/, the corpus's own folder layout): legal texts imported with their metadata,
 * index pages, case reports and a guide skipped with a reason, a broken Word file and a text whose body is
 * missing failed, a duplicate skipped; a .zip of some of them; running it twice adds nothing; versions of
 * one law linked; ids readable and stable.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { bulkImport, type BulkImportResult, type BulkProgress } from '../../electron/services/bulk-import';
import { Library } from '../../electron/services/library';
import { gb18030Encode } from '../helpers/import-fixtures';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'corpus');
const TREE = join(ROOT, 'test', 'fixtures', 'bulk');
const WORKER = join(ROOT, 'build', 'import-worker.js');

const homes: string[] = [];
function fresh(): Library {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-bulk-'));
  homes.push(home);
  return new Library({ corpusDir: CORPUS, home });
}
afterEach(() => {
  for (const h of homes.splice(0)) rmSync(h, { recursive: true, force: true });
});

const byFile = (r: BulkImportResult) => new Map(r.imported.map((d) => [d.file, d] as const));
const codes = (r: BulkImportResult) => Object.fromEntries(r.skipped.map((s) => [s.file, s.code]));

const LEGAL = [
  'DLC/北京地方法规/地方性法规/北京/中关村国家自主创新示范区条例.md',
  '刑法/刑法修正案（十）.md',
  '司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md',
  '民法典/合同编.md',
  '行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md',
  '诉讼与非诉讼程序法/行政复议法(2017-09-01).md',
  '诉讼与非诉讼程序法/行政复议法(2023-09-01).md',
];

describe('bulk import of a folder', () => {
  it('imports the legal texts with their metadata; skips, fails and reports the rest; paths relative to the folder', async () => {
    const library = fresh();
    const progress: BulkProgress[] = [];
    const r = await bulkImport(library, [TREE], { workers: 0, onProgress: (p) => progress.push(p) });
    expect(r.cancelled).toBe(false);
    expect([...byFile(r).keys()].sort()).toEqual([...LEGAL].sort());
    expect(codes(r)).toEqual({
      '其他/扫描件.png': 'collection.unsupported_type',
      '其他/劳动仲裁和劳动诉讼的攻略.md': 'collection.not_legal',
      '重复/行政复议法2017（副本）.md': 'collection.duplicate_in_run',
      '案例/消费购物/吴某与某电子商务有限公司买卖合同纠纷案.md': 'collection.case_report',
      '民法典/_index.md': 'collection.index_file',
    });
    // Every reason is a Chinese sentence; the duplicate names the file it repeats.
    for (const s of r.skipped) expect(s.reason).toMatch(/\p{Script=Han}/u);
    expect(r.skipped.find((s) => s.code === 'collection.duplicate_in_run')!.reason).toBe('与本次导入的 诉讼与非诉讼程序法/行政复议法(2017-09-01).md 内容相同');
    expect(Object.fromEntries(r.failed.map((f) => [f.file, f.code]))).toEqual({
      'DLC/重庆地方法规/地方性法规/重庆/重庆市实施《国家赔偿法》办法(2012-09-27).md': 'library.no_body',
      '行政法规/损坏的通知.docx': 'ingest.docx_not_zip',
    });
    expect(r.failed.find((f) => f.file.endsWith('.docx'))!.error).toBe('损坏的通知.docx：Word 文件已损坏（不是有效的 .docx 压缩包）');

    const got = byFile(r);
    expect(got.get('诉讼与非诉讼程序法/行政复议法(2023-09-01).md')).toMatchObject({
      title: '中华人民共和国行政复议法',
      label: '中华人民共和国行政复议法（2023年修订）',
      jurisdiction: '全国',
      kind: '法律',
      dates: { adopted: '1999-04-29', amended: ['2009-08-27', '2017-09-01', '2023-09-01'] },
      articles: 2,
    });
    // Folder names say the kind; the body that adopted it says the place the title does not name.
    expect(got.get('DLC/北京地方法规/地方性法规/北京/中关村国家自主创新示范区条例.md')).toMatchObject({ jurisdiction: '北京', kind: '地方性法规', dates: { adopted: '2010-12-23' } });
    expect(got.get('行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md')).toMatchObject({ jurisdiction: '全国', kind: '行政法规', dates: { published: '1986-02-18' } });
    expect(got.get('司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md')).toMatchObject({ kind: '司法解释', dates: { adopted: '2009-08-24', published: '2009-11-12', effective: '2009-11-20' } });
    // A part of the 民法典 in its own file is told apart from the others by its part.
    expect(got.get('民法典/合同编.md')).toMatchObject({ title: '中华人民共和国民法典·合同编', label: '中华人民共和国民法典·合同编（2020年）' });
    // An amending instrument without numbered articles is a legal text all the same.
    expect(got.get('刑法/刑法修正案（十）.md')).toMatchObject({ kind: '法律', articles: 0, dates: { adopted: '2017-11-04' } });

    // Progress: every file once, in order of completion, up to the total.
    const importing = progress.filter((p) => p.phase === 'importing');
    expect(importing.map((p) => p.done)).toEqual(Array.from({ length: importing.length }, (_, i) => i + 1));
    expect(importing.at(-1)).toMatchObject({ done: 13, total: 13, imported: 7, failed: 2 });
    expect(progress.at(-1)!.phase).toBe('done');

    // In the library, whole: each listed document opens, with its label.
    const listed = library.list().filter((d) => d.source === 'library');
    expect(listed.map((d) => d.id).sort()).toEqual(r.imported.map((d) => d.id).sort());
    for (const d of listed) expect(library.get(d.id).summary.label).toBe(d.label);
    expect(readdirSync(library.libraryDir).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  });

  it('the same import again adds nothing: every legal text is already in the library', async () => {
    const library = fresh();
    const first = await bulkImport(library, [TREE], { workers: 0 });
    const folders = readdirSync(library.libraryDir).sort();
    const again = await bulkImport(library, [TREE], { workers: 0 });
    expect(again.imported).toEqual([]);
    const already = again.skipped.filter((s) => s.code === 'collection.duplicate_in_library');
    expect(already.map((s) => s.file).sort()).toEqual([...LEGAL, '重复/行政复议法2017（副本）.md'].sort());
    const ids = new Map(first.imported.map((d) => [d.file, d.id]));
    expect(already.find((s) => s.file === '重复/行政复议法2017（副本）.md')!.duplicateOf).toBe(ids.get('诉讼与非诉讼程序法/行政复议法(2017-09-01).md'));
    expect(readdirSync(library.libraryDir).sort()).toEqual(folders);
    // The failures fail again (nothing of them was kept).
    expect(again.failed.map((f) => f.file).sort()).toEqual(first.failed.map((f) => f.file).sort());
  });

  it('parses on worker threads when the worker bundle is built, to the same result', async () => {
    if (!existsSync(WORKER)) throw new Error('build/import-worker.js missing: run `npm run build` (npm test does)');
    const a = await bulkImport(fresh(), [TREE], { workers: 0 });
    const b = await bulkImport(fresh(), [TREE], { workers: 2, workerFile: WORKER });
    const strip = (r: BulkImportResult) => ({ imported: r.imported, skipped: r.skipped, failed: r.failed });
    expect(strip(b)).toEqual(strip(a));
  });

  it('reads a .zip: paths inside it, folder names inside it, GBK names of a Chinese Windows', async () => {
    const zip = new JSZip();
    const add = (path: string, inside = path) => zip.file(inside, readFileSync(join(TREE, path)));
    add('诉讼与非诉讼程序法/行政复议法(2017-09-01).md');
    add('行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md', '法规汇编/行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md');
    add('民法典/_index.md');
    zip.file('__MACOSX/._x.md', 'junk');
    const bytes = await zip.generateAsync({
      type: 'uint8array',
      // Names written in GBK without the UTF-8 flag, as the zip tool of a Chinese Windows does (jszip takes
      // the bytes, though its types say a string).
      encodeFileName: ((name: string) => gb18030Encode(name)) as unknown as (name: string) => string,
    });
    const home = mkdtempSync(join(tmpdir(), 'duizhao-bulk-zip-'));
    homes.push(home);
    const path = join(home, '法规.zip');
    writeFileSync(path, bytes);
    const r = await bulkImport(new Library({ corpusDir: CORPUS, home }), [path], { workers: 0 });
    expect(r.imported.map((d) => [d.file, d.kind, d.jurisdiction])).toEqual([
      ['法规汇编/行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md', '行政法规', '全国'],
      ['诉讼与非诉讼程序法/行政复议法(2017-09-01).md', '法律', '全国'],
    ]);
    expect(codes(r)).toEqual({ '民法典/_index.md': 'collection.index_file' });
    expect(r.failed).toEqual([]);
  });

  it('takes files already in memory (what the app receives), a .zip among them', async () => {
    const zip = new JSZip();
    zip.file('司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md', readFileSync(join(TREE, '司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md')));
    const files = [
      { path: '法规/行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md', bytes: readFileSync(join(TREE, '行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md')) },
      { path: '汇编.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) },
    ];
    const r = await bulkImport(fresh(), files, { workers: 0 });
    expect(r.imported.map((d) => [d.file, d.kind])).toEqual([
      ['法规/行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md', '行政法规'],
      ['司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md', '司法解释'],
    ]);
  });

  it('a damaged .zip given is one failure of the import, said in Chinese', async () => {
    const home = mkdtempSync(join(tmpdir(), 'duizhao-bulk-badzip-'));
    homes.push(home);
    const path = join(home, '坏.zip');
    writeFileSync(path, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40, 7)]));
    await expect(bulkImport(new Library({ corpusDir: CORPUS, home }), [path], { workers: 0 })).rejects.toThrow('坏.zip：压缩包已损坏，无法打开');
  });

  it('stops between documents when cancelled: what is in is whole, and the next run finishes the job', async () => {
    const library = fresh();
    const controller = new AbortController();
    const r = await bulkImport(library, [TREE], {
      workers: 0,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'importing' && p.done === 3) controller.abort();
      },
    });
    expect(r.cancelled).toBe(true);
    expect(r.imported.length).toBeLessThan(7);
    for (const d of library.list().filter((x) => x.source === 'library')) expect(library.get(d.id).document.versions.length).toBe(1);
    const rest = await bulkImport(library, [TREE], { workers: 0 });
    expect([...r.imported, ...rest.imported].map((d) => d.file).sort()).toEqual([...LEGAL].sort());
  });
});

describe('versions of one law', () => {
  it('行政复议法 2017 and 2023: one work, two labelled versions, 2023 follows 2017; re-linked on every change', async () => {
    const library = fresh();
    const r = await bulkImport(library, [join(TREE, '诉讼与非诉讼程序法')], { workers: 0 });
    const [v2017, v2023] = ['行政复议法(2017-09-01).md', '行政复议法(2023-09-01).md'].map((f) => r.imported.find((d) => d.file === f)!);
    // Ids: place, kind, the work's hash (shared), the version's year.
    expect(v2017!.id).toMatch(/^cn-law-[0-9a-f]{6}-2017$/);
    expect(v2023!.id).toBe(v2017!.id.replace(/2017$/, '2023'));
    expect(v2023!.supersedes).toBe(v2017!.id);
    expect(v2017!.supersedes).toBeUndefined();

    const list = () => new Map(library.list().map((d) => [d.id, d] as const));
    const a = list().get(v2017!.id)!;
    const b = list().get(v2023!.id)!;
    expect(a.work).toBe('全国:行政复议法');
    expect(b.work).toBe(a.work);
    expect([a.label, b.label]).toEqual(['中华人民共和国行政复议法（2017年修正）', '中华人民共和国行政复议法（2023年修订）']);
    expect(b.supersedes).toBe(a.id);
    // Opening the document says the same (the Compare view's history walks these links).
    expect(library.get(b.id).summary).toMatchObject({ supersedes: a.id, label: b.label, work: b.work });
    // So does what the search index is given.
    expect(library.documentEntries().find((e) => e.id === b.id)).toMatchObject({ supersedes: a.id, label: b.label, work: b.work, versionDate: '2023-09-01' });

    // Another title: another work, no link; back again: linked again.
    library.updateMetadata(a.id, { title: '中华人民共和国行政诉讼法' });
    expect(list().get(b.id)!.supersedes).toBeUndefined();
    library.updateMetadata(a.id, { title: '中华人民共和国行政复议法' });
    expect(list().get(b.id)!.supersedes).toBe(a.id);
    // The dates decide the order: made older than 2017, the 2023 text becomes the earlier version.
    const edited = library.updateMetadata(b.id, { dates: { amended: ['2009-08-27'] } });
    expect(edited).toMatchObject({ label: '中华人民共和国行政复议法（2009年修正）', versionDate: '2009-08-27' });
    expect(list().get(a.id)!.supersedes).toBe(b.id);
    expect(() => library.updateMetadata(b.id, { dates: { amended: '2009-08-27' as unknown as string[] } })).toThrow(/必须是日期的列表/);
    expect(() => library.updateMetadata(b.id, { dates: { amended: ['8月27日'] } })).toThrow(/YYYY-MM-DD/);
    // Removed: the other stands alone, and its id is never given again.
    library.remove(a.id);
    expect(list().get(b.id)!.supersedes).toBeUndefined();
    const again = await bulkImport(library, [join(TREE, '诉讼与非诉讼程序法', '行政复议法(2017-09-01).md')], { workers: 0 });
    expect(again.imported[0]!.id).toBe(`${a.id}-2`);
  });

  it('ids are the same in any library for the same texts', async () => {
    const one = await bulkImport(fresh(), [TREE], { workers: 0 });
    const two = await bulkImport(fresh(), [TREE], { workers: 0 });
    expect(two.imported.map((d) => d.id)).toEqual(one.imported.map((d) => d.id));
    for (const d of one.imported) expect(d.id).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    expect(one.imported.find((d) => d.file.includes('中关村'))!.id).toMatch(/^bj-local-[0-9a-f]{6}-2010$/);
    expect(one.imported.find((d) => d.file.includes('委托评估'))!.id).toMatch(/^cn-interp-[0-9a-f]{6}-2009$/);
  });
});
