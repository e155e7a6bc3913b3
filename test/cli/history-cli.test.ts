/** `duizhao history REF ARTICLE`: the article's path through the versions, in Chinese and as JSON. */
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';

beforeAll(requireBuiltCli);

describe('duizhao history', () => {
  it('prints 草案第十三条 through 修订草案 → 二次审议稿 → 施行文本, with each version’s text', () => {
    const r = runCli(['history', 'hunan-2020-review@0', '13']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('第十三条的沿革：修订草案 → 二次审议稿 → 施行文本');
    expect(lines).toContain('修订草案（hunan-2020-review@0）：第十三条');
    expect(lines.find((l) => l.startsWith('二次审议稿（hunan-2020-review@1）'))).toBe('二次审议稿（hunan-2020-review@1）：拆分 · 重新编号 → 第十六条、第二十一条（自第十三条）');
    expect(lines.find((l) => l.startsWith('施行文本（hunan-2020）'))).toBe('施行文本（hunan-2020）：修改 → 第十六条、第二十一条');
    // The 款 taken from 草案第十三条 is in 二审第二十一条 and gone from the enacted one.
    const enacted = r.stdout.slice(r.stdout.indexOf('施行文本（hunan-2020）'));
    const second = r.stdout.slice(r.stdout.indexOf('二次审议稿（hunan-2020-review@1）'), r.stdout.indexOf('施行文本（hunan-2020）'));
    expect(second).toContain('制定和完善扶持创新创业的政策');
    expect(enacted).not.toContain('制定和完善扶持创新创业的政策');
  });

  it('--json has the CONTRACTS.md history shape; the article may be written 第十三条', () => {
    const r = runCli(['history', 'hunan-2020-review@0', '第十三条', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h.chain).toEqual(['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020']);
    expect(h.steps.map((s: { ref: string; label: string; articles: number[]; relation: string | null }) => [s.ref, s.label, s.articles, s.relation])).toEqual([
      ['hunan-2020-review@0', '修订草案', [13], null],
      ['hunan-2020-review@1', '二次审议稿', [16, 21], 'split'],
      ['hunan-2020', '施行文本', [16, 21], 'modified'],
    ]);
  });

  it('fails with one clear line: no history, no such article, not an article number', () => {
    for (const args of [['history', 'zhejiang-2023', '3'], ['history', 'hunan-2020-review@0', '999'], ['history', 'hunan-2020-review@0', 'abc'], ['history', 'hunan-2020']]) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/\p{Script=Han}/u);
    }
  });
});
