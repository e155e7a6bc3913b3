/**
 * `duizhao import / list / edit / remove` through the built CLI, and an import killed half-way: the
 * library stays readable, the half-written folder is never listed and is deleted on the next start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxFromLines, gb18030Encode, snapshot } from '../helpers/import-fixtures';
import { parseSeed, seedText } from '../helpers/seeds';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'duizhao.js');

let dir: string;
let home: string;
let docx: string;
let gbk: string;

function duizhao(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DUIZHAO_HOME: home } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function listed(): Array<{ id: string; title: string; source: string }> {
  const r = duizhao('list', '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).documents;
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'build', 'cli.js'))) throw new Error('build/cli.js missing: run `npm run build` (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'duizhao-import-cli-'));
  home = join(dir, 'home');
  docx = join(dir, '湖南办法.docx');
  writeFileSync(docx, await docxFromLines(seedText('hunan-2020')));
  gbk = join(dir, 'shenzhen-draft-gbk.txt');
  writeFileSync(gbk, gb18030Encode(seedText('zhejiang-2023')));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duizhao import / list / edit / remove', () => {
  let id: string;

  it('import --json answers the CONTRACTS.md shape and the document is listed with the corpus', () => {
    const r = duizhao('import', docx, '--title', '湖南省实施中小企业促进法办法', '--jurisdiction', '湖南', '--stage', '施行', '--effective', '2021-01-01', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['id', 'title', 'articles', 'warnings']));
    expect(out).toMatchObject({ title: '湖南省实施中小企业促进法办法', articles: 36, format: 'docx' });
    expect(Array.isArray(out.warnings)).toBe(true);
    id = out.id;
    const docs = listed();
    expect(docs.map((d) => d.source)).toEqual([...Array(5).fill('corpus'), 'library']);
    const mine = docs.at(-1)!;
    expect(Object.keys(mine)).toEqual(expect.arrayContaining(['id', 'title', 'source', 'jurisdiction', 'kind', 'stage', 'versions', 'articles']));
    expect(mine).toMatchObject({ id, title: '湖南省实施中小企业促进法办法', jurisdiction: '湖南', stage: '施行', versions: 1, articles: 36, dates: { effective: '2021-01-01' } });
  });

  it('the imported id works as a REF', () => {
    const r = duizhao('parse', id, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.id).toBe(id);
    expect(doc.versions[0].articles.map((a: { label: string }) => a.label)).toEqual(parseSeed('hunan-2020').versions[0]!.articles.map((a) => a.label));
  });

  it('a human import prints the id, counts and warnings; list marks imported documents', () => {
    const r = duizhao('import', gbk);
    expect(r.code).toBe(0);
    // The id says where, what and when (zj = 浙江, local = 地方性法规, 2023), not the file's name.
    const m = /^已导入 (zj-local-[0-9a-f]{6}-2023)：浙江省促进中小微企业发展条例\n {2}10 章 65 条（txt）；浙江 · 地方性法规/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    // The same text as the corpus's zhejiang-2023: one work, two documents of the same version, listed together.
    const list = duizhao('list').stdout;
    expect(list).toMatch(new RegExp(`同一法规的 2 个版本：浙江省促进中小微企业发展条例\\nzhejiang-2023 +浙江省促进中小微企业发展条例（2023年）\\n.*\\n${m![1]}\\s+浙江省促进中小微企业发展条例（2023年） {2}［已导入］`));
  });

  it('the same file again is refused with the id it already has; bad files with one line; nothing changes', () => {
    const before = snapshot(home);
    const again = duizhao('import', docx);
    expect(again.code).toBe(2);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(`duizhao: 湖南办法.docx 已在文库中（编号“${id}”，湖南省实施中小企业促进法办法），未重复导入\n`);
    const png = join(dir, 'scan.png');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const memo = join(dir, 'memo.txt');
    writeFileSync(memo, '关于做好年度工作的说明\n请各单位认真落实。\n');
    for (const [file, message] of [
      [png, /^duizhao: scan\.png：不能导入\.png 文件；支持的格式为 \.txt、\.md、\.docx、\.pdf、\.html、\.htm\n$/],
      [memo, /^duizhao: memo\.txt：文本中没有找到条文（第X条）或编号项.*未导入\n$/],
      [join(dir, 'missing.docx'), /^duizhao: 没有名为“.*missing\.docx”的文件\n$/],
    ] as const) {
      const r = duizhao('import', file);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(duizhao('import').stderr).toMatch(/import 需要一个文件、文件夹或 \.zip 压缩包。用法：duizhao import/);
    expect(snapshot(home)).toEqual(before);
  });

  it('edit changes the metadata; remove takes the document out (corpus documents cannot be removed)', () => {
    const e = duizhao('edit', id, '--stage', '已废止', '--effective', '');
    expect(e.code).toBe(0);
    expect(listed().find((d) => d.id === id)).toMatchObject({ stage: '已废止', dates: {} });
    const r = duizhao('remove', id);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已从文库删除 ${id}（湖南省实施中小企业促进法办法）\n`);
    expect(listed().map((d) => d.id)).not.toContain(id);
    expect(duizhao('remove', id).stderr).toBe(`duizhao: 文库中没有导入的文档“${id}”\n`);
    expect(duizhao('remove', 'zhejiang-2023').stderr).toMatch(/属于内置文库，不能删除/);
    expect(listed()).toHaveLength(6);
  });
});

describe('an import killed half-way', () => {
  it('leaves the library readable and as it was; the next start deletes the temporary folder', async () => {
    const before = listed().map((d) => d.id);
    const snap = snapshot(home);
    const child = spawn(process.execPath, [CLI, 'import', docx], {
      env: { ...process.env, DUIZHAO_HOME: home, DUIZHAO_TEST_IMPORT_PAUSE: 'after-temp' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`the import did not pause: ${err}`)), 30_000);
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('导入在 after-temp 处暂停')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the import exited (${code}) before pausing: ${err}`)));
    });
    // The whole document is written, under its temporary name…
    const temp = readdirSync(join(home, 'library')).filter((n) => n.startsWith('.tmp-'));
    expect(temp).toEqual([`.tmp-${child.pid}-${temp[0]!.slice(`.tmp-${child.pid}-`.length)}`]);
    expect(readdirSync(join(home, 'library', temp[0]!)).sort()).toEqual(['meta.json', 'original.docx', 'text.txt']);
    // …and the process dies before the rename.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // Readable, unchanged: the next command lists exactly what was there, and cleans up.
    expect(listed().map((d) => d.id)).toEqual(before);
    expect(readdirSync(join(home, 'library')).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    // The documents are byte for byte what they were; the catalog (derived from them) lists the same ones.
    const documents = (s: Record<string, string>) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'catalog.json'));
    expect(documents(snapshot(home))).toEqual(documents(snap));
    expect(JSON.parse(readFileSync(join(home, 'catalog.json'), 'utf8')).documents.map((d: { id: string }) => d.id).sort()).toEqual(before.filter((id) => !/^(zhejiang|hunan|shenzhen)-/.test(id)).sort());
    // And the import simply works the next time.
    const r = duizhao('import', docx, '--json');
    expect(r.code).toBe(0);
    expect(listed().map((d) => d.id)).toEqual([...before, JSON.parse(r.stdout).id]);
  });
});
