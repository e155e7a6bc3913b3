/** The compare method of the API on the real corpus. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { corpusDir, Library } from '../../electron/services/library';

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
