import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';


function duizhao(...args: string[]) {
  return runCli(args);
}

beforeAll(requireBuiltCli);

describe('duizhao align', () => {
  it('prints the topic × document matrix with gaps', () => {
    const r = duizhao('align', 'zhejiang-2023', 'hunan-2020', 'shenzhen-draft');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('主题'))).toMatch(/浙江条例\s+湖南办法\s+深圳/);
    expect(lines.find((l) => l.startsWith('政府采购支持'))).toMatch(/^政府采购支持\s+26、27\s+27\s+45$/);
    expect(lines.find((l) => l.startsWith('第三方评估'))).toMatch(/\s63\s+33\s+79$/);
    expect(lines.find((l) => l.startsWith('反垄断'))).toMatch(/—\s+—\s+73$/);
  });

  it('--json has the CONTRACTS.md align shape; --top bounds the ranks', () => {
    const r = duizhao('align', 'zhejiang-2020-opinion', 'zhejiang-2023', '--top', '2', '--json');
    expect(r.code).toBe(0);
    const al = JSON.parse(r.stdout);
    expect(al.docs).toEqual(['zhejiang-2020-opinion', 'zhejiang-2023']);
    expect(Object.keys(al.matches[0])).toEqual(expect.arrayContaining(['from', 'to', 'rank', 'score', 'terms']));
    expect(Object.keys(al.matches[0].from)).toEqual(expect.arrayContaining(['doc', 'version', 'article']));
    expect(Math.max(...al.matches.map((m: { rank: number }) => m.rank))).toBeLessThanOrEqual(2);
    expect(Object.keys(al.topics[0])).toEqual(expect.arrayContaining(['label', 'members']));
  });

  it('fails with one clear line for one document or a bad version', () => {
    const one = duizhao('align', 'zhejiang-2023');
    expect(one.code).not.toBe(0);
    expect(one.stderr.trim().split('\n')).toHaveLength(1);
    const bad = duizhao('align', 'zhejiang-2023', 'hunan-2020@3');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/@3/);
  });
});
