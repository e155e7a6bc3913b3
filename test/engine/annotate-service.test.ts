import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { makeTarget, resolveAnchor } from '../../electron/engine/annotate';
import { parseDocument } from '../../electron/engine/parse';
import { AnnotationService } from '../../electron/services/annotations';
import { parseSeed, seedText } from '../helpers/seeds';
import { insertReviewArticle } from '../helpers/renumber';

const review = parseSeed('hunan-2020-review');
const a13 = review.versions[0]!.articles.find((a) => a.number === 13)!;
const home = () => mkdtempSync(join(tmpdir(), 'duizhao-notes-'));

describe('AnnotationService', () => {
  it('persists notes across a restart (a new service instance), with atomic writes', () => {
    const dir = home();
    const s1 = new AnnotationService(dir);
    expect(s1.list()).toMatchObject({ annotations: [], problems: [], readOnly: false, path: join(dir, 'annotations.json') });
    const n = s1.add({ target: makeTarget('hunan-2020-review', 0, a13, { quote: '提供创新创业服务' }), body: '移至第二十一条后应保留培训内容。', tags: ['创业'] });
    s1.update(n.id, { tags: ['创业', '二审'] });
    const n2 = s1.add({ target: makeTarget('hunan-2020-review', 1, review.versions[1]!.articles[0]!), body: '立法依据增加了“其他有关法律、行政法规”。' });
    s1.remove(n2.id);
    // Only the file itself in the folder: no temporary files left behind.
    expect(readdirSync(dir)).toEqual(['annotations.json']);

    const s2 = new AnnotationService(dir);
    const { annotations } = s2.list();
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatchObject({ id: n.id, body: '移至第二十一条后应保留培训内容。', tags: ['创业', '二审'], target: { doc: 'hunan-2020-review', version: 0, article: 13 } });
    expect(JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')).version).toBe(1);
    expect(s2.list({ doc: 'hunan-2020-review', version: 1 }).annotations).toEqual([]);
    expect(s2.list({ tag: '二审' }).annotations).toHaveLength(1);
  });

  it('after a restart, a saved note still finds its article in a renumbered 修订草案', () => {
    const dir = home();
    new AnnotationService(dir).add({ target: makeTarget('hunan-2020-review', 0, a13, { quote: '加强创新创业培训' }), body: '培训内容不宜删去。' });
    const [saved] = new AnnotationService(dir).list().annotations;
    const renumbered = parseDocument(insertReviewArticle(seedText('hunan-2020-review'), 1), { id: 'hunan-2020-review' });
    // Every article of the 修订草案 moved up by one: 第十三条 is now 第十四条.
    expect(resolveAnchor(saved!.target, renumbered.versions[0]!)).toMatchObject({ status: 'reanchored', article: { number: 14, label: '第十四条' }, paragraph: 1 });
  });

  it('keeps a corrupt file aside, reports it (also after a restart), and never overwrites it', () => {
    const dir = home();
    const damaged = '{"version":1,"annotations":[{"id":"n1","body":"写到一半';
    writeFileSync(join(dir, 'annotations.json'), damaged);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const s = new AnnotationService(dir, { clock: () => new Date('2024-05-01T08:00:00.000Z') });
    const listing = s.list();
    err.mockRestore();
    expect(listing.annotations).toEqual([]);
    expect(listing.problems).toHaveLength(1);
    const kept = join(dir, 'annotations.corrupt-2024-05-01T08-00-00-000Z.json');
    expect(listing.problems[0]).toMatchObject({ kind: 'corrupt', keptAs: kept });
    expect(listing.problems[0]!.message).toContain('annotations.corrupt-2024-05-01T08-00-00-000Z.json');
    expect(readFileSync(kept, 'utf8')).toBe(damaged);
    expect(existsSync(join(dir, 'annotations.json'))).toBe(false);

    // New notes go to a fresh file; the kept one is untouched and still reported after a restart.
    s.add({ target: makeTarget('hunan-2020-review', 0, a13), body: '新批注' });
    const again = new AnnotationService(dir).list();
    expect(again.annotations.map((a) => a.body)).toEqual(['新批注']);
    expect(again.problems.map((p) => p.keptAs)).toEqual([kept]);
    expect(readFileSync(kept, 'utf8')).toBe(damaged);
  });

  it('leaves a file from a newer Duizhao in place and refuses to change it', () => {
    const dir = home();
    const newer = JSON.stringify({ version: 2, annotations: [], somethingNew: true });
    writeFileSync(join(dir, 'annotations.json'), newer);
    const s = new AnnotationService(dir);
    const listing = s.list();
    expect(listing.readOnly).toBe(true);
    expect(listing.problems[0]).toMatchObject({ kind: 'newer', keptAs: join(dir, 'annotations.json') });
    expect(() => s.add({ target: makeTarget('hunan-2020-review', 0, a13), body: 'x' })).toThrow(/只读/);
    expect(readFileSync(join(dir, 'annotations.json'), 'utf8')).toBe(newer);
  });
});
