import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
    expect(readdirSync(join(home, 'cache', 'search', 'segments'))).toHaveLength(1);
    expect(existsSync(join(home, 'cache', 'search', 'index.json'))).toBe(true);
  });

  it('prints ranked hits with 第X条, heading and marked snippet; --doc and --limit narrow them', () => {
    const r = duizhao('search', '融资担保', '--doc', 'shenzhen-draft', '--limit', '1');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ 条结果（显示前 1 条）：融资担保$/);
    expect(r.stdout).toContain('第六十条【融资担保体系】');
    expect(r.stdout).toContain('【融资担保】');
    expect(r.stdout).not.toContain('湖南');
    // A literal-only query (one character): scored from how often an article writes it, its heading
    // counting most. Every version alike, 【税费政策落实】 comes first; by default it is superseded (the
    // 二次审议稿 became 湖南办法, whose 第七条 writes 税 three times) and ranks below that.
    const all = JSON.parse(duizhao('search', '税', '--limit', '3', '--all-versions', '--json').stdout);
    expect(all.hits[0]).toMatchObject({ doc: 'hunan-2020-review', heading: '税费政策落实' });
    const latest = JSON.parse(duizhao('search', '税', '--limit', '1', '--json').stdout);
    expect(latest.hits[0]).toMatchObject({ doc: 'hunan-2020', article: 7, current: true });
  });

  it('--group lists laws with their versions, the current text first; nothing found says what was searched', () => {
    const r = duizhao('search', '融资担保', '--group');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ 部法规、\d+ 条结果：融资担保$/);
    // The enacted 湖南办法 and the two versions of its 修改对照稿 are one law, shown from the enacted text.
    const hunan = lines.findIndex((l) => /^\s+\d+\. 湖南省实施《中华人民共和国中小企业促进法》办法（/.test(l));
    expect(hunan).toBeGreaterThan(0);
    expect(lines[hunan]).toContain('3 个版本');
    expect(lines[hunan + 1]).toContain('(hunan-2020@0');
    expect(r.stdout).toContain('〔历史版本〕');
    const none = duizhao('search', '区块链存证');
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^0 条结果：区块链存证\n检索了 6 个文件版本的 \d+ 条/);
  });

  it('--csv and --xlsx write every hit with its whole article and a link; never over a file without --force', () => {
    const csv = join(home, '结果.csv');
    const xlsx = join(home, '结果.xlsx');
    const r = duizhao('search', '融资担保', '--csv', csv, '--xlsx', xlsx, '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.exported).toBe(summary.total);
    const text = readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF标题,条,条标题,条文,地区,类型,日期,链接\r\n')).toBe(true);
    expect(text).toContain('duizhao://doc/shenzhen-draft@0#art_60');
    // The whole article, both 款 of 深圳第六十条, not the snippet.
    expect(text).toContain('促进政府性融资担保机构、再担保机构扩大小型微型企业融资担保规模和范围');
    const bytes = readFileSync(xlsx);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const again = duizhao('search', '融资担保', '--csv', csv);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/已存在/);
  });

  it('refuses a bad --limit or an unknown --doc with one line and exit 2', () => {
    for (const args of [['融资担保', '--limit', 'x'], ['融资担保', '--doc', 'nope'], ['融资担保', '--sort', 'size'], []]) {
      const r = duizhao('search', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
