/** `duizhao compare`: the CONTRACTS.md JSON, the readable redline, and errors as one line. */
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';


function duizhao(...args: string[]) {
  return runCli(args);
}

beforeAll(requireBuiltCli);

describe('duizhao compare', () => {
  it('--json has the CONTRACTS.md shape and the 对照稿 rows', () => {
    const r = duizhao('compare', 'hunan-2020-review@0', 'hunan-2020-review@1', '--json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.left).toMatchObject({ ref: 'hunan-2020-review@0', label: '修订草案' });
    expect(c.right).toMatchObject({ ref: 'hunan-2020-review@1', label: '二次审议稿' });
    for (const p of c.pairs) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['left', 'right', 'relation', 'renumbered', 'similarity', 'diff']));
      expect(p.similarity).toBeGreaterThanOrEqual(0);
      expect(p.similarity).toBeLessThanOrEqual(1);
      for (const s of p.diff) expect(['equal', 'insert', 'delete']).toContain(s.op);
    }
    expect(c.pairs).toHaveLength(42);
    expect(c.pairs.find((p: { left: number[] }) => p.left[0] === 13)).toMatchObject({ left: [13], right: [16, 21], relation: 'split' });
    expect(c.summary).toMatchObject({ split: 1, merged: 1, added: 4, deleted: 5 });
  });

  it('prints a summary and a redline of the changed articles; formal-only changes only with --formal', () => {
    const r = duizhao('compare', 'hunan-2020-review@0', 'hunan-2020-review@1');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('hunan-2020-review@0（修订草案，38 条） → hunan-2020-review@1（二次审议稿，35 条）');
    expect(lines[1]).toContain('拆分 1');
    expect(r.stdout).toContain('根据《中华人民共和国中小企业促进法》{+和其他有关法律、行政法规+}，结合本省实际，制定本办法。');
    expect(r.stdout).toContain('第十三条 → 第十六条、第二十一条  拆分');
    // 草案第三十四条 → 二审第三十条 differs only in punctuation.
    expect(r.stdout).not.toContain('第三十四条 → 第三十条');
    const formal = duizhao('compare', 'hunan-2020-review@0', 'hunan-2020-review@1', '--formal');
    expect(formal.stdout).toContain('第三十四条 → 第三十条  修改 · 重新编号 · 仅标点');
    expect(formal.stdout).toContain('行业协会{+、+}商会');
  });

  it('one REF of a two-version document compares its versions', () => {
    const r = duizhao('compare', 'hunan-2020-review', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).right.ref).toBe('hunan-2020-review@1');
  });

  it('fails with one line on stderr', () => {
    const r = duizhao('compare', 'hunan-2020', 'no-such-doc');
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const one = duizhao('compare', 'hunan-2020');
    expect(one.code).not.toBe(0);
    expect(one.stderr).toMatch(/hunan-2020 只有一个版本；请再指定一份文档与它对照/);
  });
});
