import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText, tool } from '../helpers/pdf';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'duizhao.js');

function run(home: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, DUIZHAO_HOME: home } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Index of each needle in the haystack, in turn, each searched after the previous one. */
function positions(haystack: string, needles: string[]): number[] {
  let from = 0;
  return needles.map((n) => {
    const at = haystack.indexOf(n, from);
    if (at >= 0) from = at + n.length;
    return at;
  });
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'build', 'cli.js'))) throw new Error('build/cli.js missing: run `npm run build` (npm test does)');
  for (const t of ['pdftotext', 'pdffonts', 'unzip']) if (spawnSync('which', [t]).status !== 0) throw new Error(`${t} is missing: apt-get install -y poppler-utils unzip`);
});

describe('duizhao annotate + export', () => {
  const home = mkdtempSync(join(tmpdir(), 'duizhao-export-home-'));
  const dir = mkdtempSync(join(tmpdir(), 'duizhao-export-'));
  let ids: string[] = [];

  it('annotate adds, lists (with where the note lands) and refuses a quote that is not in the article', async () => {
    const a = await run(home, ['annotate', 'add', 'hunan-2020-review@0', '第十三条', '--quote', '加强创新创业培训', '--body', '培训内容不宜删去', '--tag', '创业'], dir);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const b = await run(home, ['annotate', 'add', 'hunan-2020-review@1', '2', '--paragraph', '2', '--body', '主管部门明确为工信部门', '--json'], dir);
    expect(JSON.parse(b.stdout).target).toMatchObject({ doc: 'hunan-2020-review', version: 1, article: 2, paragraph: 2, label: '第二条' });
    ids = [a.stdout.trim(), JSON.parse(b.stdout).id];
    const bad = await run(home, ['annotate', 'add', 'hunan-2020-review@0', '13', '--quote', '不在此条中的文字', '--body', 'x'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const list = JSON.parse((await run(home, ['annotate', 'list', 'hunan-2020-review', '--json'], dir)).stdout);
    expect(list.annotations.map((n: { id: string }) => n.id)).toEqual(ids);
    expect(list.annotations[0].anchor).toMatchObject({ status: 'exact', article: { label: '第十三条' }, paragraph: 1 });
    const file = JSON.parse(readFileSync(join(home, 'annotations.json'), 'utf8'));
    expect(file.version).toBe(1);
    expect(file.annotations).toHaveLength(2);
  });

  it('exports the Hunan 修订草案 vs 二次审议稿 as PDF, Word and HTML with the notes, in reading order', async () => {
    const r = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--pdf', 'r.pdf', '--docx', 'r.docx', '--html', 'r.html', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ annotations: 2, unplaced: 0 });
    expect(summary.outputs.map((o: { format: string }) => o.format)).toEqual(['pdf', 'docx', 'html']);
    expect(r.stderr).toContain('正在用无界面 Chromium 打印 PDF');

    // The PDF's text, in the order Chromium drew it (cell by cell, row by row), whitespace removed; the
    // running header and the repeated table header are left out so that cells broken across pages read whole.
    const raw = tool('pdftotext', '-raw', join(dir, 'r.pdf'), '-').replace(/\s+/g, '');
    const text = pdfText(join(dir, 'r.pdf'), ['修订草案 — 二次审议稿', '修订草案二次审议稿说明']);
    const order = positions(text, [
      '修改对照稿',
      '（阴影部分为删去或者移动，黑体部分为增加）',
      '第一条根据《中华人民共和国中小企业促进法》，结合本省实际',
      '第一条【立法依据】',
      '第二条【政府和部门职责】',
      '批注[1]二次审议稿第二条第二款：主管部门明确为工信部门',
      '第十三条',
      '移至第二十一条第一款',
      '批注[2]修订草案第十三条第一款「加强创新创业培训」：培训内容不宜删去#创业',
      '第三十五条【实施日期】',
    ]);
    expect(order.every((p) => p >= 0), JSON.stringify(order)).toBe(true);
    // 草案第十三条 (拆分) stands 款 by 款: its 第一款 opposite 第二十一条第一款, its 第二款 opposite 第十六条第二款.
    const split = positions(text, [
      '第十三条（第一款）县级以上人民政府应当制定和完善扶持创新创业的政策',
      '第二十一条【创新支持】（第一款）县级以上人民政府应当制定和完善扶持创新创业的政策',
      '（第二款）县级以上人民政府及其有关部门应当支持符合条件的创业人员',
      '第十六条【创业扶持】（第二款）县级以上人民政府人力资源和社会保障、财政等部门应当支持符合条件的创业人员',
      '第十四条',
    ]);
    expect(split.every((p) => p >= 0), JSON.stringify(split)).toBe(true);
    // Names, never ids, wherever a person reads; the file says Duizhao made it.
    expect(raw).not.toContain('hunan-2020-review');
    expect(text).toContain('左栏修订草案：湖南省实施《中华人民共和国中小企业促进法》办法（修订草案），制作于2020年9月16日，38条');
    const info = tool('pdfinfo', join(dir, 'r.pdf'));
    expect(info).toMatch(/^Creator:\s+Duizhao$/m);
    expect(info).toMatch(/^Producer:\s+Duizhao$/m);
    expect(info).toMatch(/^Title:\s+湖南省实施《中华人民共和国中小企业促进法》办法（修订草案与二次审议稿）修改对照稿$/m);
    // Page numbers and the running header are on the pages.
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', join(dir, 'r.pdf')))![1]);
    expect(pages).toBeGreaterThan(5);
    expect(raw).toContain(`第1页，共${pages}页`);
    expect(raw).toContain(`第${pages}页，共${pages}页`);
    expect(raw.split('修订草案—二次审议稿').length - 1).toBe(pages - 1); // every page but the title page
    expect(raw.split('修订草案二次审议稿说明').length - 1).toBe(pages); // the table header repeats

    // Every font in the PDF is embedded with a ToUnicode map (which is why the CJK text above can be read
    // back). The 宋体 text and the 黑体 additions are the TrueType CJK faces .ci/run installs (AR PL UMing,
    // WenQuanYi Zen Hei), which Chromium embeds as named subsets; the CFF-based Noto faces would only
    // go in as unnamed Type 3 glyphs.
    const fonts = tool('pdffonts', join(dir, 'r.pdf')).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.some((l) => /\+UMingCN\s+CID TrueType/.test(l)), fonts.join('\n')).toBe(true);
    expect(fonts.some((l) => /\+WenQuanYiZenHei\s+CID TrueType/.test(l)), fonts.join('\n')).toBe(true);
    for (const line of fonts) {
      const cols = line.trim().split(/\s+/);
      const [emb, , uni] = cols.slice(-5, -2);
      expect(emb, line).toBe('yes');
      expect(uni, line).toBe('yes');
    }

    // The HTML is the document the PDF was printed from: one row per pair, the split row in two bands.
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect((html.match(/<tr class="row /g) ?? []).length).toBe(summary.rows);
    const bands = (html.match(/<tr class="(?:row|band) /g) ?? []).length;
    expect(bands).toBe(summary.rows + 1);
    // The Word file: the same table (a header row + one per band), with shading and bold, named not numbered.
    const xml = tool('unzip', '-p', join(dir, 'r.docx'), 'word/document.xml');
    expect((xml.match(/<w:tr[ >]/g) ?? []).length).toBe(bands + 1);
    expect(xml).toContain('w:fill="C8C8C8"');
    expect(xml).toContain('批注[2] ');
    expect(xml).not.toContain('hunan-2020-review');
    const header = tool('unzip', '-p', join(dir, 'r.docx'), 'word/header*.xml');
    expect(header).toContain('修订草案 — 二次审议稿');
    expect(tool('unzip', '-p', join(dir, 'r.docx'), 'docProps/core.xml')).toContain('<dc:creator>Duizhao</dc:creator>');
    expect(html).toContain('培训内容不宜删去');
  });

  it('refuses to overwrite without --force, leaves the file as it was, and replaces it with --force', async () => {
    const target = join(dir, 'existing.html');
    writeFileSync(target, 'keep me');
    const refused = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--html', 'existing.html'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe('duizhao: existing.html 已存在；如要覆盖请加 --force');
    expect(readFileSync(target, 'utf8')).toBe('keep me');

    const forced = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--html', 'existing.html', '--force', '--changes-only', '--no-notes'], dir);
    expect(forced.code, forced.stderr).toBe(0);
    const html = readFileSync(target, 'utf8');
    expect(html).toContain('size: A4 portrait');
    expect(html).not.toContain('批注[');
    expect(html).not.toContain('<th>说明</th>');
    // No temporary files left next to the output.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when the export fails, and reads notes from --annotations FILE', async () => {
    const failed = await run(home, ['export', 'hunan-2020-review@0', 'no-such-doc', '--pdf', 'never.pdf'], dir);
    expect(failed.code).toBe(2);
    expect(failed.stderr.trim().split('\n').at(-1)).toMatch(/^duizhao: .*no-such-doc/);
    expect(existsSync(join(dir, 'never.pdf'))).toBe(false);

    const notes = join(dir, 'shared-notes.json');
    writeFileSync(notes, JSON.stringify({ version: 1, annotations: [{ id: 'x1', target: { doc: 'hunan-2020-review', version: 0, article: 21 }, body: '标准化条款删去后，由第二十条统筹', tags: [], created: '2024-05-01T00:00:00Z', updated: '2024-05-01T00:00:00Z' }] }));
    const r = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--html', 'shared.html', '--annotations', notes], dir);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(dir, 'shared.html'), 'utf8');
    expect(html).toContain('标准化条款删去后，由第二十条统筹');
    expect(html).not.toContain('培训内容不宜删去'); // the user's own notes are not mixed in
    expect(statSync(join(dir, 'shared.html')).size).toBeGreaterThan(10_000);

    writeFileSync(notes, '{"version":1,"annotations":[');
    const corrupt = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--html', 'corrupt.html', '--annotations', notes], dir);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain('不是有效的 JSON');
    expect(readFileSync(notes, 'utf8')).toBe('{"version":1,"annotations":[');
  });

  it('appends 修改决定（草稿） and 引用检查 (--with-decision, --with-refs) to the PDF and the Word file', async () => {
    // A draft that kept the old numbers (test/fixtures/draft/README.md): one article inserted after 第八条, 第十三条 deleted.
    const fixtures = join(ROOT, 'test', 'fixtures', 'draft');
    const [oldText, draftText] = [join(fixtures, 'tcm.old.md'), join(fixtures, 'tcm.draft.md')];
    const r = await run(
      home,
      ['export', oldText, draftText, '--pdf', 'tcm.pdf', '--docx', 'tcm.docx', '--html', 'tcm.html', '--no-notes', '--with-decision', '--effective', '2025年1月1日', '--with-refs', '--json'],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.appendices).toEqual([
      { kind: 'decision', heading: '附录一　修改决定（草稿）', items: 2 },
      { kind: 'references', heading: '附录二　引用检查', references: 14, problems: 4 },
    ]);
    // The decision and the check say what `duizhao decision` and `duizhao refs` say.
    const decision = JSON.parse((await run(home, ['decision', oldText, draftText, '--effective', '2025年1月1日', '--json'], dir)).stdout);
    const refs = JSON.parse((await run(home, ['refs', draftText, '--against', oldText, '--json'], dir)).stdout);
    const moved = refs.references.filter((x: { status: string }) => x.status === 'moved');
    expect(moved.map((x: { suggest: string }) => x.suggest)).toEqual(['第十条', '第十条', '第十一条']);

    // The PDF: after the table, the decision as printed, then the references with their verdicts, in order.
    const text = pdfText(join(dir, 'tcm.pdf'), ['所在条款引用指向结果说明']).replace(/中药品种保护条例[^修]*修改对照稿/g, '');
    const decisionText = (decision.text as string).split('\n').filter(Boolean).map((l: string) => l.replace(/\s+/g, ''));
    const order = positions(text, [
      '修改对照稿',
      '附录一修改决定（草稿）',
      ...decisionText,
      '附录二引用检查',
      '内部引用14处：无误10，悬空0，编号未更新3，所指条文已删除1',
      '第十五条第一款本条例第九条第九条编号未更新这里引用的是原第九条，该条文现为第十条，编号未随之调整；应为第十条',
      '第十八条第一款本条例第十条第十条编号未更新',
      '第二十二条第一款本条例第十三条第十三条所指条文已删除这里引用的原第十三条已被删除',
    ]);
    expect(order.every((p) => p >= 0), JSON.stringify(order)).toBe(true);
    expect(text).toContain('本决定自2025年1月1日起施行。');

    // The Word file carries the same appendices, each a section of its own.
    const xml = tool('unzip', '-p', join(dir, 'tcm.docx'), 'word/document.xml');
    expect(xml).toContain('附录一　修改决定（草稿）');
    expect(xml).toContain(decision.title);
    expect(xml).toContain('附录二　引用检查');
    expect((xml.match(/这里引用的是原第九条，该条文现为第十条，编号未随之调整；应为第十条/g) ?? []).length).toBe(2);
    expect((xml.match(/<w:sectPr/g) ?? []).length).toBe(3);
    // The HTML puts each appendix on a page of its own.
    const html = readFileSync(join(dir, 'tcm.html'), 'utf8');
    expect(html).toContain('<section class="appendix decision-appendix" data-appendix="decision">');
    expect((html.match(/<tr class="flagged" data-status="(moved|deleted)">/g) ?? []).length).toBe(4);
  });

  it('says the decision options need --with-decision', async () => {
    const r = await run(home, ['export', 'hunan-2020-review@0', 'hunan-2020-review@1', '--html', 'x.html', '--convention', 'court'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--convention 是修改决定的选项，须与 --with-decision 一起使用');
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('removes notes by id', async () => {
    const r = await run(home, ['annotate', 'remove', ids[0]!], dir);
    expect(r.stdout.trim()).toBe(`已删除批注 ${ids[0]}`);
    const list = JSON.parse((await run(home, ['annotate', 'list', '--json'], dir)).stdout);
    expect(list.annotations.map((n: { id: string }) => n.id)).toEqual([ids[1]]);
  });
});
