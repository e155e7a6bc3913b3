/** The compare method of the API on the real corpus. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { corpusDir, Library } from '../../electron/services/library';
import { seedText } from '../helpers/seeds';

const handlers = createHandlers(new Library({ corpusDir: corpusDir(join(__dirname)), home: mkdtempSync(join(tmpdir(), 'duizhao-home-')) }));

describe('compare API', () => {
  it('answers the comparison with both sides described', async () => {
    const r = await callHandler(handlers, 'compare', { left: 'hunan-2020-review@1', right: 'hunan-2020' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.left).toMatchObject({ doc: 'hunan-2020-review', version: 1, label: '二次审议稿', articles: 35 });
    expect(r.value.right).toMatchObject({ doc: 'hunan-2020', version: 0, articles: 36 });
    expect(r.value.pairs.find((p) => p.right[0] === 23)).toMatchObject({ left: [], relation: 'added' });
    expect(r.value.summary.added).toBe(1);
  });

  it('refuses file paths and missing refs, as values', async () => {
    expect(await callHandler(handlers, 'compare', { left: '/etc/passwd', right: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await callHandler(handlers, 'compare', { left: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await callHandler(handlers, 'compare', { left: 'hunan-2020-review@5', right: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('cached results follow the library', () => {
  it('a document removed and re-imported from the same file name gets a new id and is compared afresh', async () => {
    const library = new Library({ corpusDir: corpusDir(join(__dirname)), home: mkdtempSync(join(tmpdir(), 'duizhao-home-')) });
    const h = createHandlers(library);
    const text = seedText('hunan-2020');
    const first = await library.importBytes(Buffer.from(text), 'draft.txt');
    const before = await callHandler(h, 'compare', { left: first.id, right: 'hunan-2020' });
    if (!before.ok) throw new Error(before.error.message);
    expect(before.value.summary.unchanged).toBe(36);
    const topicsBefore = await callHandler(h, 'align', { refs: [first.id, 'zhejiang-2023'] });
    if (!topicsBefore.ok) throw new Error(topicsBefore.error.message);

    // Same file name, other content (the first 20 articles only). The old id is retired, so notes that
    // name it stay orphaned instead of sliding onto the new text, and nothing cached under it is served.
    library.remove(first.id);
    expect(await callHandler(h, 'compare', { left: first.id, right: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const cut = text.split('\n').filter((l) => !/^第(二十[一-九]|三十[一-六]?)条/.test(l)).join('\n');
    const second = await library.importBytes(Buffer.from(cut), 'draft.txt');
    expect(second.id).not.toBe(first.id);
    const after = await callHandler(h, 'compare', { left: second.id, right: 'hunan-2020' });
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.left.articles).toBeLessThan(36);
    expect(after.value.summary.added).toBeGreaterThan(0);
    const topicsAfter = await callHandler(h, 'align', { refs: [second.id, 'zhejiang-2023'] });
    if (!topicsAfter.ok) throw new Error(topicsAfter.error.message);
    expect(topicsAfter.value).not.toEqual(topicsBefore.value);
  });
});
