import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleBody, makeTarget, type Annotation } from '../../electron/engine/annotate';
import { compareVersions, type Pair } from '../../electron/engine/compare';
import { buildReport, pdfTextString, renderReportDocx, renderReportHtml, setPdfInfo, type Report, type ReportArticle, type ReportInput, type Run } from '../../electron/engine/export';
import { checkReferences, draftDecision, renderDecisionText } from '../../electron/engine/draft';
import { parseDocument } from '../../electron/engine/parse';
import { insertReviewArticle } from '../helpers/renumber';
import { parseSeed, seedText } from '../helpers/seeds';

const review = parseSeed('hunan-2020-review');
const [draft, second] = [review.versions[0]!, review.versions[1]!]; // 修订草案, 二次审议稿
const art = (v: typeof draft, n: number) => v.articles.find((a) => a.number === n)!;

let pairs: Pair[];
beforeAll(() => {
  pairs = compareVersions(draft, second).pairs;
});

const note = (id: string, target: Annotation['target'], body: string, tags: string[] = []): Annotation => ({ id, target, body, tags, created: '2024-05-01T08:00:00.000Z', updated: '2024-05-01T08:00:00.000Z' });

function input(extra: Partial<ReportInput> = {}): ReportInput {
  return {
    left: { ref: 'hunan-2020-review@0', doc: 'hunan-2020-review', version: 0, title: review.title, dates: { drafted: '2020-09-16' }, text: draft },
    right: { ref: 'hunan-2020-review@1', doc: 'hunan-2020-review', version: 1, title: review.title, dates: { drafted: '2020-09-16' }, text: second },
    pairs,
    generated: new Date(2024, 4, 1, 9, 30),
    ...extra,
  };
}

const text = (runs: Run[]) => runs.map((r) => r.text).join('');
const marked = (runs: Run[], mark: Run['mark']) => runs.filter((r) => r.mark === mark).map((r) => r.text);
const units = (a: ReportArticle) => a.paragraphs.flatMap((p) => p.units);
const rowOf = (r: Report, side: 'left' | 'right', label: string) => r.rows.find((row) => row[side].some((a) => a.label === label && !a.partial))!;

describe('the report model', () => {
  it('has one row per aligned pair, in the comparison order, with relation labels', () => {
    const r = buildReport(input());
    expect(r.rows).toHaveLength(pairs.length);
    expect(r.rows.map((row) => row.relation)).toEqual(pairs.map((p) => p.relation));
    expect(r.rows[0]!.relationLabel).toBe('修改');
    expect(r.left.label).toBe('修订草案');
    expect(r.right.label).toBe('二次审议稿');
    expect(r.left.dates).toEqual([{ label: '制作', value: '2020年9月16日' }]);
    expect(r.generatedLabel).toBe('2024年5月1日 09:30');
    expect(r.legend).toBe('阴影部分为删去或者移动，黑体部分为增加');
  });

  it('marks additions on the right and deletions on the left (第一条, 第十条 → 第十一条)', () => {
    const r = buildReport(input());
    // 第一条: "根据《…促进法》，结合本省实际" → "根据《…促进法》和其他有关法律、行政法规，结合本省实际", heading 【立法依据】 added.
    const first = r.rows[0]!;
    expect(first.right[0]!.heading!.every((run) => run.mark === 'added')).toBe(true);
    expect(marked(units(first.right[0]!)[0]!.runs, 'added')).toEqual(['和其他有关法律、行政法规']);
    expect(units(first.left[0]!).flatMap((u) => u.runs).every((run) => run.mark === 'none')).toBe(true);
    // 第十条 "各类银行机构" became 第十一条 "各类金融机构".
    const tenth = rowOf(r, 'left', '第十条');
    expect(tenth.right.map((a) => a.label)).toEqual(['第十一条']);
    expect(tenth.renumbered).toBe(true);
    expect(marked(units(tenth.left[0]!)[0]!.runs, 'deleted')).toContain('银行机构');
    expect(marked(units(tenth.right[0]!)[0]!.runs, 'added')).toContain('金融机构');
  });

  it('shows each column as written, in its own 款 and 项 order, even where the 项 were reordered', () => {
    const r = buildReport(input());
    for (const row of r.rows) {
      for (const [side, version] of [['left', draft], ['right', second]] as const) {
        for (const a of row[side]) {
          if (a.partial) continue;
          const source = version.articles.find((x) => x.label === a.label)!;
          expect(units(a).map((u) => text(u.runs)).join('\n')).toBe(articleBody(source));
        }
      }
    }
    // 第十条's 项 were reordered (对列项的顺序作了调整): its first 项 is still （一）优化贷款审批流程 on the left,
    // and the renumbered labels themselves are not marked.
    const tenth = rowOf(r, 'left', '第十条');
    const item1 = units(tenth.left[0]!)[1]!;
    expect(text(item1.runs)).toBe('（一）优化贷款审批流程，提高贷款审批效率；');
    expect(item1.runs[0]!.mark).toBe('none');
    expect(tenth.notes.map((n) => n.text)).toContain('对列项的顺序作了调整');
  });

  it('a split article: the old text shaded as moved, the right column only the 款 it became, the notes once', () => {
    const r = buildReport(input());
    const split = r.rows.find((row) => row.relation === 'split' && row.left.some((a) => a.label === '第十三条'))!;
    expect(units(split.left[0]!).flatMap((u) => u.runs).every((run) => run.mark === 'moved')).toBe(true);
    expect(split.right.map((a) => [a.label, a.partial, a.paragraphs.map((p) => p.index)])).toEqual([
      ['第十六条', true, [2]],
      ['第二十一条', true, [1]],
    ]);
    expect(split.notes.filter((n) => n.kind === 'editorial').map((n) => n.text)).toEqual(['移至第二十一条第一款', '移至第十六条第二款修改']);
    // 第十六条's note "原第十三条第二款" rides with the row that shows all of 第十六条 (old 第十四条), once.
    const withNote = r.rows.filter((row) => row.notes.some((n) => n.text === '原第十三条第二款'));
    expect(withNote).toHaveLength(1);
    expect(withNote[0]!.left.map((a) => a.label)).toEqual(['第十四条']);
  });

  it('a deleted article is shaded whole; an added one is bold whole', () => {
    const r = buildReport(input());
    const deleted = r.rows.find((row) => row.relation === 'deleted')!;
    expect(deleted.right).toEqual([]);
    expect(units(deleted.left[0]!).flatMap((u) => u.runs).every((run) => run.mark === 'deleted')).toBe(true);
    const added = r.rows.find((row) => row.relation === 'added')!;
    expect(added.left).toEqual([]);
    expect(units(added.right[0]!).flatMap((u) => u.runs).every((run) => run.mark === 'added')).toBe(true);
  });

  it("places the user's notes on their rows, numbered in reading order, the quote marked in the text", () => {
    const notes = [
      note('b', makeTarget('hunan-2020-review', 0, art(draft, 13), { quote: '加强创新创业培训' }), '培训内容不宜删去', ['创业']),
      note('a', makeTarget('hunan-2020-review', 1, art(second, 2), { paragraph: 2 }), '主管部门明确为工信部门'),
      note('c', { doc: 'hunan-2020', version: 0, article: 3 }, '另一份文件的批注，不属于本对照'),
      note('d', { doc: 'hunan-2020-review', version: 0, article: 99, label: '第九十九条', quote: '并不存在的文字' }, '找不到位置的批注'),
    ];
    const r = buildReport(input({ annotations: notes }));
    const onSecond = r.rows[1]!.notes.filter((n) => n.kind === 'annotation');
    expect(onSecond).toMatchObject([{ n: 1, id: 'a', side: 'right', where: '二次审议稿第二条第二款', text: '主管部门明确为工信部门' }]);
    const split = r.rows.find((row) => row.left.some((a) => a.label === '第十三条'))!;
    expect(split.notes.filter((n) => n.kind === 'annotation')).toMatchObject([{ n: 2, id: 'b', where: '修订草案第十三条第一款', quote: '加强创新创业培训', tags: ['创业'], status: 'exact' }]);
    const quoted = units(split.left[0]!).flatMap((u) => u.runs).filter((run) => run.notes?.includes(2));
    expect(text(quoted)).toBe('加强创新创业培训');
    expect(quoted.at(-1)!.noteEnds).toEqual([2]);
    expect(r.unplaced).toMatchObject([{ n: 3, id: 'd', where: '修订草案第九十九条（原位置已不存在）' }]);
    expect(r.counts.annotations).toBe(3);
    expect(JSON.stringify(r)).not.toContain('另一份文件的批注');
  });

  it('a note written before the 修订草案 was renumbered lands on its article in the new numbering', () => {
    const variant = parseDocument(insertReviewArticle(seedText('hunan-2020-review'), 5), { id: 'hunan-2020-review' }).versions[0]!;
    const written = note('q', makeTarget('hunan-2020-review', 0, art(draft, 13), { quote: '加强创新创业培训' }), '培训内容不宜删去');
    const r = buildReport(input({ left: { ...input().left, text: variant }, pairs: compareVersions(variant, second).pairs, annotations: [written] }));
    const row = r.rows.find((x) => x.notes.some((n) => n.id === 'q'))!;
    expect(row.left.map((a) => a.label)).toEqual(['第十四条']);
    expect(row.notes.find((n) => n.id === 'q')).toMatchObject({ n: 1, where: '修订草案第十四条第一款', status: 'reanchored' });
    expect(text(units(row.left[0]!).flatMap((u) => u.runs).filter((run) => run.notes?.includes(1)))).toBe('加强创新创业培训');
  });

  it('changes only drops unchanged rows unless a note sits on them; without notes there is no 说明', () => {
    const unchanged = pairs.filter((p) => p.relation === 'unchanged');
    expect(unchanged.length).toBeGreaterThan(0);
    const r = buildReport(input({ options: { changesOnly: true } }));
    expect(r.rows).toHaveLength(pairs.length - unchanged.length);
    expect(r.omitted).toBe(unchanged.length);
    expect(r.rows.every((row) => row.relation !== 'unchanged')).toBe(true);
    const label = unchanged[0]!.leftArticles[0]!.label;
    const n = draft.articles.find((a) => a.label === label)!;
    const kept = buildReport(input({ options: { changesOnly: true }, annotations: [note('x', makeTarget('hunan-2020-review', 0, n), '未改条文也要核对')] }));
    expect(kept.rows.some((row) => row.relation === 'unchanged')).toBe(true);

    const bare = buildReport(input({ options: { notes: false }, annotations: [note('x', makeTarget('hunan-2020-review', 0, art(draft, 13)), '不应出现')] }));
    expect(bare.rows.every((row) => row.notes.length === 0)).toBe(true);
    expect(bare.counts).toEqual({ annotations: 0, editorial: 0 });
    // The 对照稿's editorial notes stay with their article, printed inline as the source prints them.
    expect(rowOf(bare, 'left', '第十条').left[0]!.editorialNotes).toEqual(['对列项的顺序作了调整']);
  });
});

describe('the HTML and Word renderings', () => {
  function docxXml(bytes: Uint8Array): string {
    const dir = mkdtempSync(join(tmpdir(), 'duizhao-docx-'));
    const file = join(dir, 'r.docx');
    writeFileSync(file, bytes);
    const r = spawnSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`unzip failed: ${r.stderr}`);
    return r.stdout;
  }
  const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const cellsOf = (xml: string) =>
    xml
      .split(/<w:tr[ >]/)
      .slice(1)
      .map((row) => row.split(/<w:tc[ >]/).slice(1).map((cell) => decode([...cell.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))));
  const runsOf = (xml: string) => [...xml.matchAll(/<w:r>(.*?)<\/w:r>/gs)].map((m) => ({ shaded: m[1]!.includes('w:fill="C8C8C8"'), bold: /<w:b\/>/.test(m[1]!), hei: m[1]!.includes('w:eastAsia="黑体"'), text: decode([...m[1]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')) }));

  it('HTML: A4 print CSS with running header and page numbers, the legend, the 说明 column, escaped notes', () => {
    const r = buildReport(input({ annotations: [note('x', makeTarget('hunan-2020-review', 0, art(draft, 13)), '<script>alert(1)</script> & “引号”')] }));
    const html = renderReportHtml(r);
    expect(html).toMatch(/@page \{\s*size: A4 landscape/);
    expect(html).toContain('counter(page)');
    expect(html).toContain('counter(pages)');
    expect(html).toContain('@top-left');
    expect(html).toContain("local('Noto Serif CJK SC')");
    expect(html.replace(/<[^>]+>/g, '')).toContain('（阴影部分为删去或者移动，黑体部分为增加）');
    expect(html).toContain('<th>修订草案</th><th>二次审议稿</th><th>说明</th>');
    expect((html.match(/<tr class="row /g) ?? []).length).toBe(r.rows.length);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”');
    // A title (suggested from an imported file's own text) cannot close the <style> its running header sits in.
    const hostile = { ...r, title: '某条例</style><script>alert(1)</script>"\\' };
    const hostileHtml = renderReportHtml(hostile);
    expect(hostileHtml).not.toContain('<script>');
    expect(hostileHtml.match(/<\/style>/g)).toHaveLength(1);
    expect(hostileHtml).toContain('content: "某条例\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e \\"\\\\"');
    const portrait = renderReportHtml(buildReport(input({ options: { notes: false } })));
    expect(portrait).toMatch(/size: A4 portrait/);
    expect(portrait).not.toContain('<th>说明</th>');
  });

  it('Word: the same rows as the HTML, deleted text shaded, added text bold 黑体, the header row repeated', async () => {
    const r = buildReport(input({ annotations: [note('a', makeTarget('hunan-2020-review', 1, art(second, 2), { paragraph: 2 }), '主管部门明确为工信部门')] }));
    const xml = docxXml(await renderReportDocx(r));
    const rows = cellsOf(xml);
    // One table row per band: a split row stands 款 by 款 (the 说明 cell spans its bands).
    const bands = r.rows.reduce((n, row) => n + row.bands.length, 0);
    expect(bands).toBe(r.rows.length + 1);
    expect(rows).toHaveLength(bands + 1);
    expect(rows[0]).toEqual(['修订草案', '二次审议稿', '说明']);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(1);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    // Row by row, the Word cells hold the same text as the HTML cells.
    const html = renderReportHtml(r);
    const htmlRows = [...html.matchAll(/<tr class="(?:row|band) [^"]*" data-row="\d+"(?: data-band="\d+")?>(.*?)<\/tr>/gs)].map((m) =>
      [...m[1]!.matchAll(/<td class="(left|right)">(.*?)<\/td>/gs)].map((c) => decode(c[2]!.replace(/<sup[^>]*>.*?<\/sup>/g, '').replace(/<[^>]+>/g, ''))),
    );
    const squash = (s: string) => s.replace(/[\s　]/g, '').replace(/\[\d+\]/g, '').replace(/〔[^〕]*〕$/, '');
    expect(htmlRows).toHaveLength(bands);
    rows.slice(1).forEach((cells, i) => {
      expect(squash(cells[0]!)).toBe(squash(htmlRows[i]![0]!));
      expect(squash(cells[1]!)).toBe(squash(htmlRows[i]![1]!));
    });
    expect(rows[2]![2]).toContain('批注[1]');
    expect(rows[2]![2]).toContain('主管部门明确为工信部门');
    // 第十条 → 第十一条: "银行机构" shaded on the left, "金融机构" bold 黑体 on the right.
    const tenth = r.rows.findIndex((row) => row.left.some((a) => a.label === '第十条'));
    const before = r.rows.slice(0, tenth).reduce((n, row) => n + row.bands.length, 0);
    const rowXml = xml.split(/<w:tr[ >]/)[before + 2]!;
    const [leftXml, rightXml] = rowXml.split(/<w:tc[ >]/).slice(1);
    expect(runsOf(leftXml!).filter((x) => x.shaded).map((x) => x.text)).toContain('银行机构');
    expect(runsOf(leftXml!).filter((x) => x.bold).map((x) => x.text)).toEqual([]);
    expect(runsOf(rightXml!).filter((x) => x.bold && x.hei).map((x) => x.text)).toContain('金融机构');
    expect(runsOf(rightXml!).filter((x) => x.shaded)).toEqual([]);
  });
});

describe('the appendices 修改决定（草稿） and 引用检查', () => {
  it('are absent unless asked for, numbered in the order given, and say what the drafting aids say', async () => {
    expect(buildReport(input()).appendices).toEqual([]);
    const decision = draftDecision(draft, second, compareVersions(draft, second), { title: '湖南省实施《中华人民共和国中小企业促进法》办法', kind: '地方性法规', jurisdiction: '湖南' });
    const references = checkReferences(second, { against: { version: draft, comparison: compareVersions(draft, second) } });
    const only = buildReport(input({ references }));
    expect(only.appendices.map((a) => a.heading)).toEqual(['附录一　引用检查']);
    const both = buildReport(input({ decision, references }));
    expect(both.appendices.map((a) => a.heading)).toEqual(['附录一　修改决定（草稿）', '附录二　引用检查']);
    const [d] = both.appendices;
    if (d?.kind !== 'decision') throw new Error('the decision first');
    // The appendix prints the decision's paragraphs: the copied text less its title line.
    expect([d.title, '', ...d.paragraphs].join('\n') + '\n').toBe(renderDecisionText(decision));
    expect(d.items).toBe(decision.items.length);
    expect(d.intro).toContain('由修订草案与二次审议稿的对照生成');

    const html = renderReportHtml(both);
    expect(html.indexOf('data-appendix="decision"')).toBeGreaterThan(html.indexOf('</table>'));
    expect(html.indexOf('data-appendix="references"')).toBeGreaterThan(html.indexOf('data-appendix="decision"'));
    expect(html).toContain(`<h3>${decision.title.replace(/</g, '&lt;')}</h3>`);
    const docx = await renderReportDocx(both);
    const dir = mkdtempSync(join(tmpdir(), 'duizhao-appendix-'));
    writeFileSync(join(dir, 'r.docx'), docx);
    const xml = spawnSync('unzip', ['-p', join(dir, 'r.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
    expect(xml).toContain('附录一　修改决定（草稿）');
    expect(xml).toContain(decision.items[0]!.label + decision.items[0]!.text.split('\n')[0]);
    expect(xml).toContain('附录二　引用检查');
  });
});

describe('the PDF information dictionary', () => {
  it('writes text strings as PDF does (ASCII literal, else UTF-16BE with a byte order mark) and leaves what is not a PDF alone', () => {
    // 对 U+5BF9, 照 U+7167.
    expect(pdfTextString('Duizhao (对照)')).toBe('<FEFF004400750069007A00680061006F002000285BF971670029>');
    expect(pdfTextString('Duizhao (x)')).toBe('(Duizhao \\(x\\))');
    const notPdf = new Uint8Array([1, 2, 3]);
    expect(setPdfInfo(notPdf, { creator: 'Duizhao', producer: 'Duizhao' })).toBe(notPdf);
  });
});
