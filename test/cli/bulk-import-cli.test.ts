/**
 * `duizhao import FOLDER|ZIP|PATH...` through the built CLI: the CONTRACTS.md JSON, progress on stderr,
 * `list` showing the versions of one law, and an import killed half-way (the child process killed) that
 * leaves a consistent library which the next run completes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, ROOT } from '../helpers/cli';

const TREE = join(ROOT, 'test', 'fixtures', 'bulk');
let dir: string;

function duizhao(home: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DUIZHAO_HOME: home } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  requireBuiltCli();
  if (!existsSync(join(ROOT, 'build', 'import-worker.js'))) throw new Error('build/import-worker.js missing: run `npm run build` (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'duizhao-bulk-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duizhao import FOLDER', () => {
  const home = () => join(dir, 'home');

  it('answers { imported, skipped, failed } with paths relative to the folder, progress on stderr', () => {
    const r = duizhao(home(), 'import', TREE, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['imported', 'skipped', 'failed']);
    expect(out.imported).toHaveLength(7);
    for (const d of out.imported) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'title', 'file', 'articles', 'jurisdiction', 'kind', 'dates', 'work', 'warnings']));
      expect(existsSync(join(TREE, d.file))).toBe(true);
    }
    const v2023 = out.imported.find((d: { file: string }) => d.file === '诉讼与非诉讼程序法/行政复议法(2023-09-01).md');
    const v2017 = out.imported.find((d: { file: string }) => d.file === '诉讼与非诉讼程序法/行政复议法(2017-09-01).md');
    expect(v2023).toMatchObject({ supersedes: v2017.id, work: v2017.work, label: '中华人民共和国行政复议法（2023年修订）' });
    for (const s of out.skipped) expect(Object.keys(s)).toEqual(expect.arrayContaining(['file', 'reason']));
    for (const f of out.failed) expect(Object.keys(f)).toEqual(expect.arrayContaining(['file', 'error']));
    expect(out.skipped.map((s: { file: string }) => s.file)).toContain('其他/劳动仲裁和劳动诉讼的攻略.md');
    expect(out.failed.map((s: { file: string }) => s.file)).toContain('行政法规/损坏的通知.docx');
    // Not a terminal: plain progress lines, in Chinese, ending at the total.
    expect(r.stderr).toMatch(/^duizhao: 导入 \d+\/13（\d+%）/m);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^duizhao: 导入 13\/13（100%）：/);
  });

  it('list shows the two versions of 行政复议法 as one work, labelled, the later following the earlier', () => {
    const docs = JSON.parse(duizhao(home(), 'list', '--json').stdout).documents;
    const versions = docs.filter((d: { work: string }) => d.work === '全国:行政复议法');
    expect(versions.map((d: { label: string }) => d.label)).toEqual(['中华人民共和国行政复议法（2017年修正）', '中华人民共和国行政复议法（2023年修订）']);
    expect(versions[1].supersedes).toBe(versions[0].id);
    expect(versions[1].dates).toEqual({ adopted: '1999-04-29', amended: ['2009-08-27', '2017-09-01', '2023-09-01'] });
    for (const d of docs) expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'title', 'source', 'jurisdiction', 'kind', 'stage', 'versions', 'articles', 'label', 'work', 'dates']));
    const human = duizhao(home(), 'list').stdout;
    expect(human).toMatch(
      new RegExp(`同一法规的 2 个版本：中华人民共和国行政复议法\\n${versions[0].id} +中华人民共和国行政复议法（2017年修正） {2}［已导入］\\n.*\\n${versions[1].id} +中华人民共和国行政复议法（2023年修订） {2}［已导入］\\n.* · 接续 ${versions[0].id}`),
    );
  });

  it('run again, it adds nothing and says why in Chinese', () => {
    const r = duizhao(home(), 'import', TREE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/另有 8 篇已在文库中（内容相同），未重复导入/);
    expect(r.stdout).toMatch(/其他\/劳动仲裁和劳动诉讼的攻略\.md：跳过，不是法律文本/);
    expect(r.stdout).toMatch(/行政法规\/损坏的通知\.docx：出错，损坏的通知\.docx：Word 文件已损坏/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^已导入 0 篇，跳过 \d+ 篇，失败 2 篇（用时 [\d.]+ 秒）$/);
  });

  it('refuses a title or dates for many documents at once (each has its own), and a path that is not there', () => {
    const r = duizhao(home(), 'import', TREE, '--title', '某法');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/一次导入多份文档时不能指定 --title/);
    const missing = duizhao(home(), 'import', join(dir, '没有这个文件夹'), TREE);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/没有名为“.*没有这个文件夹”的文件或文件夹/);
  });
});

describe('a bulk import killed half-way', () => {
  it('leaves whole documents and a library that lists and opens; the next run finishes the job', async () => {
    const home = join(dir, 'killed');
    // A larger tree: the fixtures twice over in two folders (the second copy's files are duplicates).
    const tree = join(dir, 'tree');
    cpSync(TREE, join(tree, 'a'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'metadata'), join(tree, 'b'), { recursive: true });
    const child = spawn(process.execPath, [CLI, 'import', tree, '--json'], {
      env: { ...process.env, DUIZHAO_HOME: home, DUIZHAO_TEST_IMPORT_PAUSE: 'after-4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(() => reject(new Error(`the import did not pause: ${err}`)), 60_000);
      child.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('导入在 after-4 处暂停')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the import exited (${code}) before pausing: ${err}`)));
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    // Four documents are in place, whole; the catalog on disk may not know them yet.
    const lib = join(home, 'library');
    const placed = readdirSync(lib).filter((n) => /^[a-z0-9]/.test(n));
    expect(placed).toHaveLength(4);
    for (const id of placed) expect(readdirSync(join(lib, id)).sort()).toEqual(expect.arrayContaining(['meta.json', 'text.txt']));
    const listed = JSON.parse(duizhao(home, 'list', '--json').stdout).documents.filter((d: { source: string }) => d.source === 'library');
    expect(listed.map((d: { id: string }) => d.id).sort()).toEqual(placed.sort());
    for (const d of listed) expect(duizhao(home, 'parse', d.id, '--json').code).toBe(0);
    // The half-written folders of the dead process are gone after that first command.
    expect(readdirSync(lib).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    const catalog = JSON.parse(readFileSync(join(home, 'catalog.json'), 'utf8'));
    expect(catalog.documents.map((d: { id: string }) => d.id).sort()).toEqual(placed.sort());

    // The same import again completes it: every legal text once.
    const r = duizhao(home, 'import', tree, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const all = JSON.parse(duizhao(home, 'list', '--json').stdout).documents.filter((d: { source: string }) => d.source === 'library');
    expect(all).toHaveLength(placed.length + out.imported.length);
    // The four already in are recognised by their content, not imported again.
    const known = new Set(out.skipped.filter((s: { code: string }) => s.code === 'collection.duplicate_in_library').map((s: { duplicateOf: string }) => s.duplicateOf));
    expect([...known].sort()).toEqual(placed.sort());
    const fresh = JSON.parse(duizhao(join(dir, 'fresh'), 'import', tree, '--json').stdout);
    expect(all.map((d: { id: string }) => d.id).sort()).toEqual(fresh.imported.map((d: { id: string }) => d.id).sort());
  });
});
