/**
 * The compare use-case's display (the rows the Compare view draws) and the names every reader sees: from
 * the cached comparison, and never a library id — also for two versions of one law imported by the user
 * (excerpts of 行政复议法 2017 and 2023 from the shared corpus).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../electron/app';
import { Library } from '../../electron/services/library';
import { CORPUS } from '../helpers/seeds';

const computed = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../electron/engine/compare', async (original) => {
  const real = await original<typeof import('../../electron/engine/compare')>();
  return {
    ...real,
    compareVersions: (...args: Parameters<typeof real.compareVersions>) => {
      computed.n++;
      return real.compareVersions(...args);
    },
  };
});

const FIXTURES = join(__dirname, '..', 'fixtures', 'versions');
const fresh = () => createApp({ library: new Library({ corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-display-')) }), printPdf: async () => new Uint8Array() });

describe('the display of a comparison', () => {
  it('comes from the cached comparison, and is kept beside it', async () => {
    const app = fresh();
    const before = computed.n;
    const shown = await app.compare.compare('hunan-2020-review@0', 'hunan-2020-review@1');
    const d = await app.compare.display('hunan-2020-review@0', 'hunan-2020-review@1');
    expect(computed.n - before).toBe(1);
    expect(await app.compare.display('hunan-2020-review@0', 'hunan-2020-review@1')).toBe(d);
    expect(d.rows).toHaveLength(shown.pairs.length);
    expect(d.chain).toEqual(shown.chain);
    expect(d.title).toBe('湖南省实施《中华人民共和国中小企业促进法》办法（修订草案与二次审议稿）修改对照稿');
    expect([d.left.name, d.right.name]).toEqual(['修订草案', '二次审议稿']);
    // With the redline (the terminal), a second display of the same comparison.
    const red = await app.compare.display('hunan-2020-review@0', 'hunan-2020-review@1', { redline: true });
    expect(red.rows.every((r) => Array.isArray(r.changes))).toBe(true);
    expect(d.rows.every((r) => r.changes === undefined)).toBe(true);
    expect(computed.n - before).toBe(1);
  });

  it('names two versions of one law by their labels (2017年修正, 2023年修订): columns, title, report, history — never the ids', async () => {
    const app = fresh();
    const ids: string[] = [];
    for (const name of ['行政复议法(2017-09-01).md', '行政复议法(2023-09-01).md']) {
      ids.push((await app.library.import({ name, data: new Uint8Array(readFileSync(join(FIXTURES, name))) })).id);
    }
    const d = await app.compare.display(ids[0], ids[1]);
    expect([d.left.name, d.right.name]).toEqual(['2017年修正', '2023年修订']);
    expect(d.title).toBe('中华人民共和国行政复议法（2017年修正与2023年修订）修改对照稿');

    const file = await app.exports.file({ left: ids[0], right: ids[1], format: 'html' });
    expect(file.report.title).toBe(d.title);
    expect(file.filename).toBe('中华人民共和国行政复议法（2017年修正与2023年修订）修改对照稿.html');
    const html = new TextDecoder().decode(file.bytes);
    expect(html).toContain('<th>2017年修正</th><th>2023年修订</th>');
    for (const id of ids) expect(html).not.toContain(id);

    const h = await app.history.history({ ref: ids[0], article: 1, chain: ids });
    expect(h.steps.map((s) => s.label)).toEqual(['2017年修正', '2023年修订']);
    expect(h.title).toBe('中华人民共和国行政复议法');
    expect(h.steps.map((s) => s.column.name)).toEqual(['2017年修正', '2023年修订']);
    // 第一条 was reworded in 2023: the 2023 column is its own text, the new words bold.
    const text2023 = h.steps[1]!.column.articles[0]!.paragraphs.flatMap((p) => p.units.flatMap((u) => u.runs));
    expect(text2023.map((r) => r.text).join('')).toBe(h.steps[1]!.texts[0]!.paragraphs[0]!.text);
    expect(text2023.filter((r) => r.mark === 'added').map((r) => r.text).join('')).toContain('发挥行政复议化解行政争议的主渠道作用');
  });
});
