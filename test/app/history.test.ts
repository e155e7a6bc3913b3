/**
 * The application layer's history and compare use-cases on the seed chain 修订草案 → 二次审议稿 →
 * 施行文本: one computation behind the API and the CLI, from cached comparisons.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../electron/app';
import { articleText } from '../../electron/engine/model';
import { Library } from '../../electron/services/library';
import { CORPUS } from '../helpers/seeds';

// Counts the comparisons actually computed (the use-cases must reuse their cache).
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

const app = createApp({ library: new Library({ corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-history-')) }) });

describe('history', () => {
  it('follows 草案第十三条 through 二次审议稿 to the enacted text, with each version’s own text', async () => {
    const h = await app.history.history({ ref: 'hunan-2020-review@0', article: 13 });
    expect(h.chain).toEqual(['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020']);
    expect(h).toMatchObject({ from: 0, article: 13, label: '第十三条' });
    expect(h.steps.map((s) => s.label)).toEqual(['修订草案', '二次审议稿', '施行文本']);
    expect(h.steps.map((s) => s.articles)).toEqual([[13], [16, 21], [16, 21]]);
    expect(h.steps.map((s) => s.relation)).toEqual([null, 'split', 'modified']);
    // Each column is that version's text: 二审第二十一条 still opens with the 款 taken from 草案第十三条,
    // which the enacted 第二十一条 no longer has.
    const text = (k: number, label: string) => articleText(h.steps[k]!.texts.find((a) => a.label === label)!);
    expect(text(1, '第二十一条')).toContain('制定和完善扶持创新创业的政策');
    expect(text(2, '第二十一条')).not.toContain('制定和完善扶持创新创业的政策');
    expect(h.steps[0]!.pairs).toEqual([]);
    expect(h.steps[1]!.pairs.every((p) => p.left.includes(13))).toBe(true);
    expect(h.choices.find((c) => c.article === 13)).toEqual({ article: 13, label: '第十三条' });
  });

  it('walks backwards from a later version, and says where an article was not yet', async () => {
    const h = await app.history.history({ ref: 'hunan-2020-review@1', article: 16 });
    expect(h.from).toBe(1);
    expect(h.steps.map((s) => s.articles)).toEqual([[13, 14], [16], [16]]);
    const added = await app.history.history({ ref: 'hunan-2020', article: 23 });
    expect(added.steps.map((s) => s.articles)).toEqual([[], [], [23]]);
    expect(added.steps.map((s) => s.relation)).toEqual([null, null, 'added']);
  });

  it('takes a chain from the caller, and refuses what it cannot follow', async () => {
    const two = await app.history.history({ ref: 'hunan-2020-review@1', article: 11, chain: ['hunan-2020-review@1', 'hunan-2020'] });
    expect(two.steps.map((s) => s.articles)).toEqual([[11], [11]]);
    await expect(app.history.history({ ref: 'zhejiang-2023', article: 1 })).rejects.toMatchObject({ code: 'not_found', reason: 'history.no_chain' });
    await expect(app.history.history({ ref: 'hunan-2020-review@0', article: 999 })).rejects.toMatchObject({ code: 'not_found', reason: 'compare.no_article', message: 'hunan-2020-review@0 中没有第九百九十九条' });
    await expect(app.history.history({ ref: 'zhejiang-2023', article: 1, chain: ['hunan-2020-review@1', 'hunan-2020'] })).rejects.toMatchObject({ code: 'bad_request', reason: 'history.not_in_chain' });
    await expect(app.history.history({ ref: '/etc/passwd', article: 1 })).rejects.toMatchObject({ code: 'not_found', reason: 'library.no_such_document' });
  });
});

describe('one comparison, computed once', () => {
  it('the history, the Compare view and the export of the same versions share the cached comparison', async () => {
    const fresh = createApp({ library: new Library({ corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-cache-')) }), printPdf: async () => new Uint8Array() });
    const before = computed.n;
    await fresh.history.history({ ref: 'hunan-2020-review@0', article: 13 });
    expect(computed.n - before).toBe(2);
    await fresh.history.history({ ref: 'hunan-2020', article: 16 });
    const shown = await fresh.compare.compare('hunan-2020-review@0', 'hunan-2020-review@1');
    expect(shown.chain).toEqual(['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020']);
    const file = await fresh.exports.file({ left: 'hunan-2020-review@0', right: 'hunan-2020-review@1', format: 'html' });
    expect(file.report.rows.length).toBeGreaterThan(0);
    expect(computed.n - before).toBe(2);
  });

  it('reports each stage of long work, and stops at the next one when cancelled', async () => {
    const fresh = createApp({ library: new Library({ corpusDir: CORPUS, home: mkdtempSync(join(tmpdir(), 'duizhao-job-')) }), printPdf: async () => new Uint8Array([1]) });
    const stages: string[] = [];
    await fresh.exports.file({ left: 'hunan-2020-review@1', right: 'hunan-2020', format: 'pdf' }, { onProgress: (p) => stages.push(`${p.stage}:${p.message}`) });
    expect(stages).toEqual(['compare:正在对照 hunan-2020-review@1 与 hunan-2020', 'report:正在编排对照稿', 'render:正在生成 PDF 文件', 'print:正在打印 PDF']);
    const stop = new AbortController();
    stop.abort();
    await expect(fresh.history.history({ ref: 'zhejiang-2020-opinion', article: 1, chain: ['zhejiang-2020-opinion', 'zhejiang-2023'] }, { signal: stop.signal })).rejects.toMatchObject({ code: 'cancelled', reason: 'job.cancelled' });
  });
});
