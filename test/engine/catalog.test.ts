/**
 * The catalog of imported documents (services/catalog.ts): the list is read from it, not from every
 * meta.json; it follows changes made by another process; a damaged or missing catalog is rebuilt from the
 * document folders.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bulkImport } from '../../electron/services/bulk-import';
import { Library } from '../../electron/services/library';

const ROOT = join(__dirname, '..', '..');
const CORPUS = join(ROOT, 'corpus');
const TREE = join(ROOT, 'test', 'fixtures', 'bulk');

let home: string;
const open = () => new Library({ corpusDir: CORPUS, home });
const imported = (l: Library) => l.list().filter((d) => d.source === 'library');

beforeEach(async () => {
  home = mkdtempSync(join(tmpdir(), 'duizhao-catalog-'));
  await bulkImport(open(), [TREE], { workers: 0 });
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(home, { recursive: true, force: true });
});

/** Something another program did in the library folder (its time changes, as with any import or edit). */
function touchLibraryFolder(): void {
  const d = join(home, 'library', '.tmp-0-touch');
  mkdirSync(d);
  rmdirSync(d);
}

describe('the catalog', () => {
  it('is one JSON file listing every imported document with what the list shows', () => {
    const catalog = JSON.parse(readFileSync(join(home, 'catalog.json'), 'utf8'));
    const listed = imported(open());
    expect(catalog.documents.map((d: { id: string }) => d.id).sort()).toEqual(listed.map((d) => d.id).sort());
    expect(catalog.documents[0]).toEqual(expect.objectContaining({ title: expect.any(String), label: expect.any(String), work: expect.any(String), counts: expect.any(Object) }));
  });

  it('the list reads it, not the documents: a meta.json changed behind its back is not read until the folder changes', () => {
    const before = imported(open());
    const target = before.find((d) => d.title === '中华人民共和国行政复议法')!;
    const metaPath = join(home, 'library', target.id, 'meta.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    // Written in place, as no Duizhao process writes it (they rename through the library folder).
    writeFileSync(metaPath, JSON.stringify({ ...meta, title: '手工改过的标题' }));
    expect(imported(open()).find((d) => d.id === target.id)!.title).toBe('中华人民共和国行政复议法');
    // Once the library folder changes (another process's import, edit or removal), the changed document is read again.
    touchLibraryFolder();
    expect(imported(open()).find((d) => d.id === target.id)!.title).toBe('手工改过的标题');
  });

  it('a damaged catalog is rebuilt from the folders, with a warning, and written back whole', () => {
    const before = imported(open());
    writeFileSync(join(home, 'catalog.json'), '{"schema":1,"documents":[{"id":');
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const after = imported(open());
    expect(after).toEqual(before);
    expect(warn.mock.calls.map((c) => String(c[0])).join('')).toContain('文库目录（catalog.json）无法读取，已从各文档的文件夹重建');
    expect(JSON.parse(readFileSync(join(home, 'catalog.json'), 'utf8')).documents).toHaveLength(before.length);
  });

  it('a missing catalog is rebuilt (and one from before counts were kept parses the text once)', () => {
    const before = imported(open());
    rmSync(join(home, 'catalog.json'));
    const some = before.find((d) => d.articles > 0)!;
    const metaPath = join(home, 'library', some.id, 'meta.json');
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
    delete meta.counts;
    writeFileSync(metaPath, JSON.stringify(meta));
    expect(imported(open())).toEqual(before);
  });

  it('follows what another process does: imports, edits and removals through another Library', async () => {
    const mine = open();
    const other = open();
    const first = imported(mine);
    const d = first.find((x) => x.title === '中华人民共和国行政复议法' && x.label.includes('2017'))!;
    other.updateMetadata(d.id, { stage: '已被修订' });
    expect(imported(mine).find((x) => x.id === d.id)!.stage).toBe('已被修订');
    other.remove(d.id);
    expect(imported(mine).map((x) => x.id)).not.toContain(d.id);
    const again = await bulkImport(other, [join(TREE, '诉讼与非诉讼程序法', '行政复议法(2017-09-01).md')], { workers: 0 });
    expect(imported(mine).map((x) => x.id)).toContain(again.imported[0]!.id);
  });
});
