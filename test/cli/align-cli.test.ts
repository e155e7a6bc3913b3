import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';


function duizhao(...args: string[]) {
  return runCli(args);
}

beforeAll(requireBuiltCli);

describe('duizhao align', () => {
  it('prints a table of subjects × short jurisdiction names, weak guesses marked', () => {
    const r = duizhao('align', 'zhejiang-2023', 'hunan-2020', 'shenzhen-draft');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('主题'))).toMatch(/^主题\s+浙江 2023\s+湖南 2021\s+深圳$/);
    expect(lines.find((l) => l.startsWith('政府采购支持'))).toMatch(/^政府采购支持\s+26、27\s+27\s+45$/);
    expect(lines.find((l) => l.startsWith('第三方评估'))).toMatch(/\s63\s+33\s+79$/);
    // 深73 has no counterpart: the nearest articles elsewhere are shown as guesses, not as members.
    expect(lines.find((l) => l.startsWith('反垄断'))).toMatch(/\d+？\s+\d+？\s+73$/);
    // Sections by the first document's chapters.
    expect(lines).toContain('【总则】');
    expect(lines.indexOf('【总则】')).toBeLessThan(lines.findIndex((l) => l.startsWith('立法目的')));
  });

  it('--json gives every article a rank-1 candidate with a confidence in each other document', () => {
    const r = duizhao('align', 'zhejiang-2023', 'hunan-2020', 'shenzhen-draft', '--json');
    expect(r.code).toBe(0);
    const al = JSON.parse(r.stdout) as { documents: Array<{ doc: string; articles: number; name: string }>; matches: Array<{ from: { doc: string; article: number }; to: { doc: string }; rank: number; confidence: string }> };
    expect(al.documents.map((d) => d.name)).toEqual(['浙江 2023', '湖南 2021', '深圳']);
    const rank1 = al.matches.filter((m) => m.rank === 1);
    const questions = al.documents.reduce((n, d) => n + d.articles * (al.documents.length - 1), 0);
    expect(new Set(rank1.map((m) => `${m.from.doc}#${m.from.article}>${m.to.doc}`)).size).toBe(questions);
    expect(al.matches.every((m) => ['high', 'medium', 'low'].includes(m.confidence))).toBe(true);
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
