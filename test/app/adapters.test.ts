/**
 * The API handlers and the CLI commands are adapters over one application layer: the same request gets
 * the same answer, and the same refusal (code, reason and sentence), on both paths.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { say } from '../../electron/engine/model';
import { Library } from '../../electron/services/library';
import { requireBuiltCli, runCli } from '../helpers/cli';
import { CORPUS } from '../helpers/seeds';

beforeAll(requireBuiltCli);

describe('one answer on both paths', () => {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-adapters-'));
  const handlers = createHandlers(new Library({ corpusDir: CORPUS, home }));

  it('a quote that is not in the article: the same error from the API and the CLI', async () => {
    const api = await callHandler(handlers, 'addAnnotation', { ref: 'hunan-2020-review@0', article: 13, quote: '第十三条中没有的话', body: 'x' });
    const expected = say('cli.quote_not_found', { quote: '第十三条中没有的话', label: '第十三条' });
    expect(api).toEqual({ ok: false, error: { code: 'bad_request', reason: 'cli.quote_not_found', message: expected } });
    const cli = runCli(['annotate', 'add', 'hunan-2020-review@0', '13', '--quote', '第十三条中没有的话', '--body', 'x'], home);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(`duizhao: ${expected}\n`);
  });

  it('a 款 the article does not have, and an article the version does not have', async () => {
    const api = await callHandler(handlers, 'addAnnotation', { ref: 'hunan-2020-review@0', article: 13, paragraph: 3, body: 'x' });
    const cli = runCli(['annotate', 'add', 'hunan-2020-review@0', '13', '--paragraph', '3', '--body', 'x'], home);
    expect(api.ok).toBe(false);
    if (!api.ok) expect(cli.stderr).toBe(`duizhao: ${api.error.message}\n`);
    const missing = await callHandler(handlers, 'addAnnotation', { ref: 'hunan-2020-review@0', article: 99, body: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'compare.no_article', message: 'hunan-2020-review@0 中没有第九十九条' } });
    expect(runCli(['annotate', 'add', 'hunan-2020-review@0', '99', '--body', 'x'], home).stderr).toBe('duizhao: hunan-2020-review@0 中没有第九十九条\n');
  });

  it('the history: the API answers what `duizhao history --json` prints', async () => {
    const api = await callHandler(handlers, 'history', { ref: 'hunan-2020-review@0', article: 13 });
    const cli = JSON.parse(runCli(['history', 'hunan-2020-review@0', '13', '--json'], home).stdout);
    expect(api.ok).toBe(true);
    if (api.ok) expect(JSON.parse(JSON.stringify(api.value))).toEqual(cli);
  });

  it('the API reads no file by path, where the CLI does', async () => {
    const file = join(CORPUS, 'manifest.json');
    expect(await callHandler(handlers, 'getDocument', { ref: file })).toMatchObject({ ok: false, error: { code: 'not_found', reason: 'library.no_such_document' } });
    expect(await callHandler(handlers, 'compare', { left: join(CORPUS, '001_750f479af8771a80.txt'), right: 'hunan-2020' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const cli = runCli(['compare', join(CORPUS, '001_750f479af8771a80.txt'), 'hunan-2020', '--json'], home);
    expect(cli.code, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout).summary.unchanged).toBe(36);
  });
});
