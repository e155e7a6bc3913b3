/**
 * What the library reads from a text beyond its title (engine/ingest/prepare.ts and the fixes to
 * ingest/metadata.ts it relies on), on real heads of the shared corpus: a 司法解释 adopted again by the same
 * court is a later version; a local regulation whose title names no place; a draft's stage is no policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestMetadata, versionLabel } from '../../electron/engine/ingest/metadata';
import { prepareImport, type PreparedImport } from '../../electron/engine/ingest/prepare';
import { parseDocument } from '../../electron/engine/parse';

const DIR = join(__dirname, '..', 'fixtures', 'metadata');

async function prepared(path: string): Promise<PreparedImport> {
  const r = await prepareImport(readFileSync(join(DIR, path)), path);
  if (r.status !== 'ready') throw new Error(`${path}: ${r.reason}`);
  return r.prepared;
}

describe('metadata for the library', () => {
  it('a 司法解释 adopted again by the same 审判委员会 is amended then (修正): its versions are told apart', async () => {
    const p = await prepared('司法解释/最高人民法院关于适用《民事诉讼法》的解释(2020-12-29).md');
    expect(p.suggested.dates).toMatchObject({ adopted: '2014-12-18', amended: ['2020-12-23'] });
    expect(p.label).toBe('最高人民法院关于适用《中华人民共和国民事诉讼法》的解释（2020年修正）');
    // Two bodies adopting a joint interpretation is one adoption, not an amendment.
    const joint = await prepared('司法解释/最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释(2013-04-02).md');
    expect(joint.suggested.dates.amended).toBeUndefined();
  });

  it('a regulation titled 关于市人民政府… applies where the body that adopted it sits, not in a city named 关于', async () => {
    const p = await prepared('DLC/北京地方法规/地方性法规/北京/关于市人民政府向市人民代表大会常务委员会报告重大事项的若干规定.md');
    expect(p.suggested).toMatchObject({ jurisdiction: '北京', kind: '地方性法规' });
    expect(p.work).toBe('北京:关于市人民政府向市人民代表大会常务委员会报告重大事项的若干规定');
  });

  it('a 征求意见稿 of a regulation is a regulation (its 意见 is the draft stage, not a policy opinion)', () => {
    const text = readFileSync(join(__dirname, '..', '..', 'corpus', '004_174153abbf961c1e.txt'), 'utf8');
    const m = suggestMetadata(parseDocument(text, { id: 'x' }), text, '深圳.txt');
    expect(m).toMatchObject({ title: '深圳经济特区中小企业发展促进条例（征求意见稿）', jurisdiction: '深圳', kind: '地方性法规', stage: '征求意见稿' });
    expect(versionLabel(m)).toBe('深圳经济特区中小企业发展促进条例（征求意见稿）');
  });
});
