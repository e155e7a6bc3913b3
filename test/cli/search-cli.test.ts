import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runCli } from '../helpers/cli';

// One home for the file: the first search builds the index, the others start on the cached one.
const home = mkdtempSync(join(tmpdir(), 'duizhao-search-cli-'));

function duizhao(...args: string[]) {
  return runCli(args, home);
}

beforeAll(requireBuiltCli);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('duizhao search', () => {
  it('--json has the CONTRACTS.md shape and caches the index under $DUIZHAO_HOME/cache', () => {
    const r = duizhao('search', '政府采购', '预留份额', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ query: '政府采购 预留份额', total: 4 });
    for (const h of out.hits) {
      expect(Object.keys(h)).toEqual(expect.arrayContaining(['doc', 'version', 'article', 'label', 'heading', 'title', 'score', 'snippet', 'highlights']));
      for (const [a, b] of h.highlights) expect(h.snippet.slice(a, b)).toMatch(/政府采购|预留|份额/);
    }
    expect(out.hits.map((h: { doc: string; article: number }) => `${h.doc} ${h.article}`).sort()).toEqual(
      ['hunan-2020 27', 'hunan-2020-review 26', 'shenzhen-draft 45', 'zhejiang-2023 27'],
    );
    expect(readdirSync(join(home, 'cache', 'search', 'shards'))).toHaveLength(6);
  });

  it('prints ranked hits with 第X条, heading and marked snippet; --doc and --limit narrow them', () => {
    const r = duizhao('search', '融资担保', '--doc', 'shenzhen-draft', '--limit', '1');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ 条结果（显示前 1 条）：融资担保$/);
    expect(r.stdout).toContain('第六十条【融资担保体系】');
    expect(r.stdout).toContain('【融资担保】');
    expect(r.stdout).not.toContain('湖南');
    // A literal-only query (one character) ranks the articles headed with it first.
    const tax = JSON.parse(duizhao('search', '税', '--limit', '2', '--json').stdout);
    expect(tax.hits.map((h: { heading: string }) => h.heading).sort()).toEqual(['减轻税费负担', '税费政策落实']);
  });

  it('refuses a bad --limit or an unknown --doc with one line and exit 2', () => {
    for (const args of [['融资担保', '--limit', 'x'], ['融资担保', '--doc', 'nope'], []]) {
      const r = duizhao('search', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
