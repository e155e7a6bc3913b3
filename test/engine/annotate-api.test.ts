import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { corpusDir, Library } from '../../electron/services/library';

function setup(printed: string[] = []) {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-api-notes-'));
  const library = new Library({ corpusDir: corpusDir(join(__dirname)), home });
  const handlers = createHandlers(library, {
    // Stands in for Chromium: records the HTML it was asked to print.
    printPdf: async (html) => {
      printed.push(html);
      return new TextEncoder().encode('%PDF-1.7 fake');
    },
  });
  return { home, handlers, call: (method: string, req: unknown) => callHandler(handlers, method, req) };
}

describe('annotation and export API methods', () => {
  it('adds, lists, edits and removes notes; the server fills the anchor', async () => {
    const { call } = setup();
    const added = await call('addAnnotation', { ref: 'hunan-2020-review@0', article: 13, quote: '加强创新创业培训', body: '不宜删去', tags: ['创业'] });
    expect(added.ok).toBe(true);
    if (!added.ok) return;
    const note = (added.value as { annotation: { id: string; target: object; anchor: object } }).annotation;
    expect(note.target).toMatchObject({ doc: 'hunan-2020-review', version: 0, article: 13, label: '第十三条', paragraph: 1, quote: '加强创新创业培训' });
    expect(note.anchor).toMatchObject({ status: 'exact', article: { label: '第十三条' }, paragraph: 1 });

    const listed = await call('listAnnotations', { doc: 'hunan-2020-review', version: 0 });
    expect(listed).toMatchObject({ ok: true, value: { annotations: [{ id: note.id }], problems: [], readOnly: false } });
    expect(await call('listAnnotations', { doc: 'hunan-2020-review', version: 1 })).toMatchObject({ ok: true, value: { annotations: [] } });

    const edited = await call('updateAnnotation', { id: note.id, body: '改：保留培训内容', tags: ['创业', '二审'] });
    expect(edited).toMatchObject({ ok: true, value: { annotation: { body: '改：保留培训内容', tags: ['创业', '二审'] } } });
    expect(await call('removeAnnotation', { id: note.id })).toEqual({ ok: true, value: { id: note.id } });
    expect(await call('removeAnnotation', { id: note.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses what is not in the library, a quote that is not in the article, an empty note', async () => {
    const { call } = setup();
    expect(await call('addAnnotation', { ref: '/etc/passwd', article: 1, body: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('addAnnotation', { ref: 'hunan-2020-review@0', article: 13, quote: '第十三条中没有的话', body: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call('addAnnotation', { ref: 'hunan-2020-review@0', article: 13, paragraph: 3, body: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'cli.no_such_paragraph', message: '第十三条只有 2 款，没有第 3 款' } });
    expect(await call('addAnnotation', { ref: 'hunan-2020-review@0', article: 13, body: '  ' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call('exportReport', { left: 'hunan-2020-review@0', right: 'hunan-2020-review@1', format: 'exe' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('reports a corrupt annotations file instead of overwriting it', async () => {
    const { call, home } = setup();
    writeFileSync(join(home, 'annotations.json'), 'not json');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const listed = await call('listAnnotations', {});
    err.mockRestore();
    expect(listed).toMatchObject({ ok: true, value: { annotations: [], problems: [{ kind: 'corrupt' }] } });
  });

  it('exports the comparison with the notes: HTML bytes, and PDF through the printer it was given', async () => {
    const printed: string[] = [];
    const { call } = setup(printed);
    await call('addAnnotation', { ref: 'hunan-2020-review@1', article: 2, paragraph: 2, body: '主管部门明确为工信部门' });
    const html = await call('exportReport', { left: 'hunan-2020-review@0', right: 'hunan-2020-review@1', format: 'html' });
    expect(html.ok).toBe(true);
    if (!html.ok) return;
    const v = html.value as { filename: string; mime: string; base64: string; bytes: number; rows: number; annotations: number };
    expect(v).toMatchObject({ filename: '湖南省实施《中华人民共和国中小企业促进法》办法（修订草案与二次审议稿）修改对照稿.html', mime: 'text/html; charset=utf-8', annotations: 1 });
    const bytes = Buffer.from(v.base64, 'base64');
    expect(bytes.length).toBe(v.bytes);
    const text = bytes.toString('utf8');
    expect(text).toContain('主管部门明确为工信部门');

    const pdf = await call('exportReport', { left: 'hunan-2020-review@0', right: 'hunan-2020-review@1', format: 'pdf', options: { notes: false, changesOnly: true } });
    expect(pdf).toMatchObject({ ok: true, value: { mime: 'application/pdf', annotations: 0 } });
    expect(printed).toHaveLength(1);
    expect(printed[0]).not.toContain('主管部门明确为工信部门');
    expect(printed[0]).toContain('size: A4 portrait');
  });
});
