/**
 * Library-wide alignment through the API (其他地方怎么规定, 同类法规) and the topic matrix as a file, on the
 * seeds plus real texts of the shared corpus imported into a throw-away library (test/fixtures/align-library:
 * the SME regulations of 北京 2020 and 河南 2008, the national SME law, 营商环境 and 文明行为 regulations).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../electron/app';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import type { AlignExportResponse, ApiHandlers, ApiMethod, ApiRequest, ApiResponse, CounterpartsResponse as Counterparts, SimilarDocuments as Similar } from '../../electron/api/contract';
import { articleTermText } from '../../electron/engine/align';
import { findArticle } from '../../electron/engine/model';
import { corpusDir, Library } from '../../electron/services/library';

const FIXTURES = join(__dirname, '..', 'fixtures', 'align-library');
const IMPORTED = ['beijing-sme-2020', 'national-sme-2017', 'zhengzhou-civility-2022', 'jinan-civility-2019', 'shandong-business-2020', 'henan-business-2020'];
/** Fixture name → the id the library gave it on import (bj-local-…-2020). */
const ID: Record<string, string> = {};
const OTHER_SUBJECTS = () => ['zhengzhou-civility-2022', 'jinan-civility-2019', 'shandong-business-2020', 'henan-business-2020'].map((n) => ID[n]!);

let home: string;
let library: Library;
let app: App;
let handlers: ApiHandlers;
const printed: string[] = [];

async function importFixture(lib: Library, name: string, as = name): Promise<string> {
  const r = await lib.importBytes(readFileSync(join(FIXTURES, `${name}.md`)), `${as}.md`);
  ID[as] = r.id;
  return r.id;
}

async function ok<M extends ApiMethod>(method: M, req: ApiRequest<M>): Promise<ApiResponse<M>> {
  const r = await callHandler<M>(handlers, method, req);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'duizhao-align-library-'));
  library = new Library({ corpusDir: corpusDir(__dirname), home });
  for (const id of IMPORTED) await importFixture(library, id);
  // The PDF printer records the page it is given (the CLI test prints with Chromium).
  app = createApp({ library, printPdf: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.7 test')) });
  handlers = createHandlers(app);
}, 120_000);

describe('其他地方怎么规定 (counterparts, scope library)', () => {
  it('lists the article\'s counterparts in every other jurisdiction\'s regulation on the subject, best first', async () => {
    const r: Counterparts = await ok('counterparts', { ref: 'zhejiang-2023', article: 27, scope: 'library' });
    expect(r.scope).toBe('library');
    expect(r.heading).toBeNull();
    expect(r.name).toBe('浙江 2023');
    const refs = r.docs.map((d) => d.ref);
    // The SME regulations of the other jurisdictions …
    expect(refs).toEqual(expect.arrayContaining(['shenzhen-draft', 'hunan-2020', ID['beijing-sme-2020']]));
    // … not 浙江's own opinion, not the 湖南 draft the enacted 办法 superseded, not other subjects.
    expect(refs).not.toContain('zhejiang-2020-opinion');
    expect(refs.some((x) => x.startsWith('hunan-2020-review'))).toBe(false);
    expect(refs.some((x) => OTHER_SUBJECTS().includes(x))).toBe(false);
    const byRef = new Map(r.docs.map((d) => [d.ref, d]));
    expect(byRef.get('shenzhen-draft')!.matches[0]).toMatchObject({ article: 45, heading: '政府采购支持', confidence: 'high' });
    expect(byRef.get('hunan-2020')!.matches[0]).toMatchObject({ article: 27, confidence: 'high' });
    // 北京 第二十八条: 鼓励中小企业产品和服务纳入政府采购 (预留份额, 价格扣除).
    expect(byRef.get(ID['beijing-sme-2020']!)!.matches[0]).toMatchObject({ article: 28, confidence: 'high' });
    expect(byRef.get(ID['beijing-sme-2020']!)!.name).toBe('北京 2020');
    // The library's label tells which version of the law it is.
    expect(byRef.get(ID['beijing-sme-2020']!)!.label).toBe('北京市促进中小企业发展条例（2020年修订）');
    // Best first: by the confidence of each regulation's best match, then its score.
    const band = { high: 3, medium: 2, low: 1 } as const;
    const keys = r.docs.map((d) => (d.matches[0] ? band[d.matches[0].confidence!] * 10 + d.matches[0].score : 0));
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
    expect(r.library).toMatchObject({ documents: 5 + IMPORTED.length, shortlisted: r.docs.length });
  });

  it('gives the redline against each sure match: its spans rebuild both articles', async () => {
    const r: Counterparts = await ok('counterparts', { ref: 'zhejiang-2023', article: 27, scope: 'library' });
    const own = findArticle(library.get('zhejiang-2023').document.versions[0]!, 27)!;
    const beijing = r.docs.find((d) => d.ref === ID['beijing-sme-2020'])!.matches[0]!;
    const other = findArticle(library.get(ID['beijing-sme-2020']!).document.versions[0]!, 28)!;
    const diff = beijing.diff!;
    expect(diff.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(articleTermText(own));
    expect(diff.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(articleTermText(other));
    expect(diff.some((s) => s.op === 'equal' && s.text.includes('政府采购'))).toBe(true);
    expect(beijing.text).toContain('百分之四十');
    // Each regulation's best sure match has one; nothing else does.
    for (const d of r.docs) {
      d.matches.forEach((m) => expect(m.diff !== undefined).toBe(m.rank === 1 && m.confidence !== 'low'));
    }
  });

  it('says a weak candidate is one, and shows none only where nothing shares the subject', async () => {
    // 深73 反垄断和不正当竞争规制: no SME regulation has an article on it.
    const r: Counterparts = await ok('counterparts', { ref: 'shenzhen-draft', article: 73, scope: 'library' });
    const matches = r.docs.flatMap((d) => d.matches);
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m.confidence === 'low' && m.diff === undefined)).toBe(true);
    // A regulation that never touches competition: no candidate at all, listed last.
    const henanId = await importFixture(library, 'henan-sme-2008');
    const again: Counterparts = await ok('counterparts', { ref: 'shenzhen-draft', article: 73, scope: 'library' });
    const henan = again.docs.find((d) => d.ref === henanId)!;
    expect(henan.matches).toEqual([]);
    expect(again.docs.at(-1)!.ref).toBe(henanId);
    library.remove(henanId);
  });

  it('follows the library: an import is looked in at once, a removal is gone', async () => {
    const beijing = ID['beijing-sme-2020']!;
    const before: Counterparts = await ok('counterparts', { ref: beijing, article: 20, scope: 'library' });
    const removed0 = ID['henan-sme-2008']!;
    expect(before.docs.map((d) => d.ref)).not.toContain(removed0);
    // The same text again (under a new id: the first import's was retired by its removal).
    const henanId = await importFixture(library, 'henan-sme-2008', 'henan-sme-2008-again');
    expect(henanId).not.toBe(removed0);
    const after: Counterparts = await ok('counterparts', { ref: beijing, article: 20, scope: 'library' });
    const henan = after.docs.find((d) => d.ref === henanId)!;
    // 北京 第二十条 政府性融资担保体系 ↔ 河南 第十三条 中小企业信用担保体系.
    expect(henan.name).toBe('河南 2008');
    expect(henan.matches[0]).toMatchObject({ article: 13 });
    library.remove(henanId);
    const removed: Counterparts = await ok('counterparts', { ref: beijing, article: 20, scope: 'library' });
    expect(removed.docs.map((d) => d.ref)).not.toContain(henanId);
  });

  it('refuses what it cannot answer, with the catalogue\'s reasons', async () => {
    const scope = await callHandler(handlers, 'counterparts', { ref: 'zhejiang-2023', article: 27, scope: 'world' as never });
    expect(scope).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'align.unknown_scope' } });
    const limit = await callHandler(handlers, 'counterparts', { ref: 'zhejiang-2023', article: 27, scope: 'library', limit: 0 });
    expect(limit).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'api.int_range' } });
    const none = await callHandler(handlers, 'counterparts', { ref: 'zhejiang-2023', article: 900, scope: 'library' });
    expect(none).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const path = await callHandler(handlers, 'similar', { ref: '/etc/passwd' });
    expect(path).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('同类法规 (similar)', () => {
  it('lists the regulations of other jurisdictions on the same subject, with short names', async () => {
    const r: Similar = await ok('similar', { ref: ID['beijing-sme-2020']! });
    expect(r.name).toBe('北京 2020');
    const refs = r.docs.map((d) => d.ref);
    expect(refs).toEqual(expect.arrayContaining(['shenzhen-draft', 'hunan-2020', ID['national-sme-2017'], 'zhejiang-2023']));
    expect(refs.some((x) => OTHER_SUBJECTS().includes(x) || x.startsWith('hunan-2020-review'))).toBe(false);
    // The national law is its own column, named from the library's metadata (全国 → 国家, amended 2017).
    expect(r.docs.find((d) => d.ref === ID['national-sme-2017'])).toMatchObject({ name: '国家 2017', jurisdiction: '国家', kind: '法律', label: '中华人民共和国中小企业促进法（2017年修订）' });
    expect(r.docs.map((d) => d.score)).toEqual([...r.docs.map((d) => d.score)].sort((a, b) => b - a));
    expect(r.docs[0]!.terms.length).toBeGreaterThan(0);
  });

  it('文明行为 meets 文明行为 and 营商环境 meets 营商环境', async () => {
    const civility: Similar = await ok('similar', { ref: ID['zhengzhou-civility-2022']! });
    expect(civility.docs.map((d) => d.ref)).toEqual([ID['jinan-civility-2019']]);
    expect(civility.docs[0]).toMatchObject({ name: '济南 2018', sameSubject: true });
    const business: Similar = await ok('similar', { ref: ID['shandong-business-2020']! });
    expect(business.docs.map((d) => d.ref)).toEqual([ID['henan-business-2020']]);
    // Other jurisdictions only, unless asked: 浙江's opinion is never among 浙江's regulation's others.
    const others: Similar = await ok('similar', { ref: 'zhejiang-2023' });
    expect(others.docs.every((d) => d.jurisdiction !== '浙江')).toBe(true);
    const own: Similar = await ok('similar', { ref: 'zhejiang-2023', sameJurisdiction: true, limit: 10 });
    expect(own.docs.map((d) => d.ref)).toEqual(expect.arrayContaining(others.docs.map((d) => d.ref)));
  });
});

describe('profiles on disk', () => {
  it('keeps one profile per document fingerprint and a catalog, and a new app builds its index from them', async () => {
    await app.align.library.warmUp();
    const dir = join(home, 'cache', 'align');
    const files = readdirSync(join(dir, 'profiles'));
    for (const id of ['zhejiang-2023', 'hunan-2020', ID['beijing-sme-2020'], ID['national-sme-2017']]) expect(files.some((f) => f.startsWith(`${id}@`))).toBe(true);
    // The removed documents' profiles are swept.
    for (const id of [ID['henan-sme-2008'], ID['henan-sme-2008-again']]) expect(files.some((f) => f.startsWith(`${id}@`))).toBe(false);
    const catalogPath = join(dir, 'catalog.json');
    const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'));
    expect(catalog.entries.map((e: { id: string }) => e.id).sort()).toEqual(library.list().map((d) => d.id).sort());
    // A marker in the cached catalog shows up in a fresh app's answer: it read the catalog, it did not profile again.
    const entry = catalog.entries.find((e: { id: string }) => e.id === ID['jinan-civility-2019']);
    entry.light.subject = '缓存里的主题';
    writeFileSync(catalogPath, JSON.stringify(catalog));
    const fresh = createHandlers(createApp({ library: new Library({ corpusDir: corpusDir(__dirname), home }) }));
    const r = await callHandler(fresh, 'similar', { ref: ID['zhengzhou-civility-2022'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.docs[0]).toMatchObject({ ref: ID['jinan-civility-2019'], subject: '缓存里的主题' });
  });

  it('a damaged profile is dropped and made again; the answer stays the same', async () => {
    const dir = join(home, 'cache', 'align', 'profiles');
    const file = readdirSync(dir).find((f) => f.startsWith(`${ID['beijing-sme-2020']}@0-`))!;
    const first = await callHandler(createHandlers(createApp({ library: new Library({ corpusDir: corpusDir(__dirname), home }) })), 'counterparts', { ref: 'zhejiang-2023', article: 42, scope: 'library' });
    writeFileSync(join(dir, file), '{"engine": "broken');
    const warnings: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (warnings.push(String(chunk)), true)) as typeof process.stderr.write;
    let second;
    try {
      second = await callHandler(createHandlers(createApp({ library: new Library({ corpusDir: corpusDir(__dirname), home }) })), 'counterparts', { ref: 'zhejiang-2023', article: 42, scope: 'library' });
    } finally {
      process.stderr.write = write;
    }
    expect(second).toEqual(first);
    expect(warnings.join('')).toContain('条文档案缓存已损坏');
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8')).profile.doc).toBe(ID['beijing-sme-2020']);
    expect(statSync(join(dir, file)).size).toBeGreaterThan(100);
  });
});

describe('alignExport: the topic matrix as a file', () => {
  const refs = () => ['zhejiang-2023', 'hunan-2020', 'shenzhen-draft', ID['national-sme-2017']!];

  it('writes an Excel workbook exceljs reads: short names over the columns, texts, numbers, guesses', async () => {
    const res: AlignExportResponse = await ok('alignExport', { refs: refs(), format: 'xlsx' });
    expect(res.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.filename).toBe('主题对照表（浙江 2023、湖南 2021、深圳、国家 2017）.xlsx');
    expect(res.columns).toEqual(['浙江 2023', '湖南 2021', '深圳', '国家 2017']);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(Buffer.from(res.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主题对照（条文）', '主题对照（条号）', '对照文档']);
    const numbers = wb.worksheets[1]!;
    expect(numbers.getRow(1).values).toEqual([undefined, '主题', '所在章', '浙江 2023', '湖南 2021', '深圳', '国家 2017']);
    const rows: string[][] = [];
    numbers.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const procurement = rows.find((x) => x[0] === '政府采购支持')!;
    expect(procurement.slice(2, 5)).toEqual(['第二十六条、第二十七条', '第二十七条', '第四十五条']);
    expect(rows.length - 1).toBe(res.rows);
    // Cells without a member: a guess marked ？ where something there shares the subject.
    expect(rows.slice(1).some((x) => x.slice(2).some((c) => c.endsWith('？')))).toBe(true);
    const texts = wb.worksheets[0]!;
    const cell = texts.getRow(4 + rows.indexOf(procurement) - 1).getCell(5).value as { richText: Array<{ text: string }> };
    expect(cell.richText.map((t) => t.text).join('')).toContain('第四十五条【政府采购支持】');
  });

  it('prints the matrix page to PDF with the application layer\'s printer; HTML as it is', async () => {
    printed.length = 0;
    const res = await ok('alignExport', { refs: refs(), format: 'pdf', sharedOnly: true });
    expect(res.mime).toBe('application/pdf');
    expect(Buffer.from(res.base64, 'base64').toString()).toBe('%PDF-1.7 test');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('<table class="matrix">');
    expect(printed[0]).toContain('国家 2017');
    const html = await ok('alignExport', { refs: refs(), format: 'html', sharedOnly: true });
    // The same page (but for the minute it was made).
    const undated = (page: string) => page.replace(/生成时间：[^<]*/g, '');
    expect(undated(Buffer.from(html.base64, 'base64').toString('utf8'))).toBe(undated(printed[0]!));
    expect(html.rows).toBe(res.rows);
    const all = await ok('alignExport', { refs: refs(), format: 'html' });
    expect(all.rows).toBeGreaterThan(res.rows);
    const bad = await callHandler(handlers, 'alignExport', { refs: refs(), format: 'docx' as never });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', reason: 'align.unknown_format' } });
    expect(existsSync(join(home, 'cache', 'align', 'catalog.json'))).toBe(true);
  });
});
