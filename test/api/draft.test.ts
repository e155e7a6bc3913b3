/**
 * The drafting aids over the API: the 修改决定 of the Hunan 二次审议稿 → enacted text, as JSON, text and a
 * Word file, the same as the command line's; the cross-reference check of the Shenzhen draft; bad input.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { corpusDir, Library } from '../../electron/services/library';
import { runCli } from '../helpers/cli';

const handlers = createHandlers(new Library({ corpusDir: corpusDir(join(__dirname)), home: mkdtempSync(join(tmpdir(), 'duizhao-home-')) }));

describe('decision API', () => {
  it('answers the decision the CLI prints, and its Word file', async () => {
    const r = await callHandler(handlers, 'decision', { old: 'hunan-2020-review@1', new: 'hunan-2020', docx: true });
    if (!r.ok) throw new Error(r.error.message);
    const { decision, text, file } = r.value;
    expect(decision.title).toBe('湖南省人民代表大会常务委员会关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定');
    expect(decision.items.length).toBeGreaterThan(10);
    expect(decision.items[0]).toMatchObject({ n: 1, op: expect.any(String), text: expect.stringContaining('第二条') });
    expect(text).toContain(decision.items[0]!.text);
    const cli = runCli(['decision', 'hunan-2020-review@1', 'hunan-2020', '--json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).items).toEqual(decision.items);
    expect(file?.filename).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(Buffer.from(file!.base64, 'base64'));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定');
  });

  it('refuses an unknown convention and a file path, as values', async () => {
    expect(await callHandler(handlers, 'decision', { old: 'hunan-2020-review@1', new: 'hunan-2020', convention: 'parliament' as never })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', reason: 'cli.bad_choice' },
    });
    expect(await callHandler(handlers, 'decision', { old: '/etc/passwd', new: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('refs API', () => {
  it('resolves the Shenzhen draft’s internal references, none dangling', async () => {
    const r = await callHandler(handlers, 'refs', { ref: 'shenzhen-draft' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.references.length).toBeGreaterThanOrEqual(4);
    expect(r.value.references.every((x) => x.status === 'ok')).toBe(true);
    expect(r.value.references.map((x) => x.text)).toContain('本条例第四十五条第三项');
  });
});

describe('exportReport with the appendices', () => {
  it('appends the decision with the panel’s options and the reference check; refuses an option that is neither', async () => {
    const r = await callHandler(handlers, 'exportReport', {
      left: 'hunan-2020-review@1',
      right: 'hunan-2020',
      format: 'html',
      options: { notes: false, decision: { renumber: 'items', effective: '2021年1月1日' }, refs: true },
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.appendices).toEqual(['附录一　修改决定（草稿）', '附录二　引用检查']);
    const html = Buffer.from(r.value.base64, 'base64').toString('utf8');
    // The decision the panel shows with these options: renumbered item by item, the date filled in.
    const d = await callHandler(handlers, 'decision', { old: 'hunan-2020-review@1', new: 'hunan-2020', renumber: 'items', effective: '2021年1月1日' });
    if (!d.ok) throw new Error(d.error.message);
    const renumbered = d.value.decision.items.find((i) => i.op === 'renumber')!;
    expect(html).toContain(`<p>${renumbered.label}${renumbered.text}</p>`);
    expect(html).toContain('<p>本决定自2021年1月1日起施行。</p>');

    const plain = await callHandler(handlers, 'exportReport', { left: 'hunan-2020-review@1', right: 'hunan-2020', format: 'html' });
    expect(plain.ok && plain.value.appendices).toEqual([]);

    expect(await callHandler(handlers, 'exportReport', { left: 'hunan-2020-review@1', right: 'hunan-2020', format: 'html', options: { decision: 'yes' as never } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', reason: 'api.not_choice' },
    });
    expect(await callHandler(handlers, 'exportReport', { left: 'hunan-2020-review@1', right: 'hunan-2020', format: 'html', options: { decision: { convention: 'parliament' as never } } })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', reason: 'cli.bad_choice' },
    });
  });
});
