/** The alignment methods of the API (align, counterparts, alignDiff) on the real corpus. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callHandler, createHandlers } from '../../electron/api/handlers';
import { corpusDir, Library } from '../../electron/services/library';

const handlers = createHandlers(new Library({ corpusDir: corpusDir(join(__dirname)), home: mkdtempSync(join(tmpdir(), 'duizhao-home-')) }));

describe('align API', () => {
  it('align answers the CONTRACTS.md shape for library documents', async () => {
    const r = await callHandler(handlers, 'align', { refs: ['zhejiang-2023', 'hunan-2020'], top: 2 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.docs).toEqual(['zhejiang-2023', 'hunan-2020']);
    expect(r.value.matches.every((m) => m.rank <= 2)).toBe(true);
    const t = r.value.topics.find((x) => x.members.some((m) => m.doc === 'hunan-2020' && m.article === 14))!;
    expect(t.members.map((m) => `${m.doc}#${m.article}`)).toEqual(['zhejiang-2023#42', 'hunan-2020#14']);
  });

  it('refuses file paths and single documents, as values', async () => {
    const path = await callHandler(handlers, 'align', { refs: ['/etc/passwd', 'hunan-2020'] });
    expect(path).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const one = await callHandler(handlers, 'align', { refs: ['hunan-2020'] });
    expect(one).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('counterparts lists, per other document, the articles on the same topic (or none)', async () => {
    const r = await callHandler(handlers, 'counterparts', { ref: 'shenzhen-draft', article: 45 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.heading).toBe('政府采购支持');
    const zj = r.value.docs.find((d) => d.ref === 'zhejiang-2023')!;
    expect(zj.matches.map((m) => m.article)).toEqual([26, 27]);
    expect(zj.matches[0]!.confidence).toBe('high');
    expect(zj.matches[0]!.terms.length).toBeGreaterThan(0);
    expect(r.value.docs.find((d) => d.ref === 'hunan-2020')!.matches[0]!.article).toBe(27);
    // The 对照稿 is taken at its latest version (二次审议稿), whose article 26 is 【政府采购支持】.
    expect(r.value.docs.find((d) => d.ref === 'hunan-2020-review@1')!.matches[0]).toMatchObject({ article: 26, heading: '政府采购支持' });
    const alone = await callHandler(handlers, 'counterparts', { ref: 'shenzhen-draft', article: 73 });
    if (!alone.ok) throw new Error(alone.error.message);
    // 深73 反垄断 has no counterpart anywhere: at most a weak guess, said to be one.
    expect(alone.value.docs.flatMap((d) => d.matches).every((m) => m.confidence === 'low')).toBe(true);
  });

  it('alignDiff returns word spans that rebuild both articles', async () => {
    const r = await callHandler(handlers, 'alignDiff', { left: { ref: 'hunan-2020', article: 33 }, right: { ref: 'zhejiang-2023', article: 63 } });
    if (!r.ok) throw new Error(r.error.message);
    const spans = r.value.spans;
    expect(spans.some((s) => s.op === 'equal' && s.text.includes('第三方机构'))).toBe(true);
    expect(spans.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toContain('省人民政府应当委托第三方机构定期开展中小企业发展环境评估');
  });
});
