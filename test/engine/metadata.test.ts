/**
 * What a text says about itself (ingest/metadata.ts), read off the heads of real files of the shared
 * corpus (test/fixtures/metadata/, the same folder layout): title, jurisdiction, kind, the dates of the
 * 题注, the version label and the work that groups the versions of one law.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guessJurisdiction, suggestMetadata, versionLabel, workKey, type SuggestedMetadata } from '../../electron/engine/ingest/metadata';
import { parseDocument } from '../../electron/engine/parse';

const DIR = join(__dirname, '..', 'fixtures', 'metadata');

function read(path: string): SuggestedMetadata {
  const text = readFileSync(join(DIR, path), 'utf8');
  return suggestMetadata(parseDocument(text, { id: 'x' }), text, path);
}

describe('metadata of real texts', () => {
  it('行政复议法 2017 and 2023: one work, two labelled versions, every date of the 题注', () => {
    const a = read('诉讼与非诉讼程序法/行政复议法(2017-09-01).md');
    const b = read('诉讼与非诉讼程序法/行政复议法(2023-09-01).md');
    expect(a).toMatchObject({ title: '中华人民共和国行政复议法', jurisdiction: '全国', kind: '法律', versionDate: '2017-09-01' });
    expect(a.dates).toMatchObject({ adopted: '1999-04-29', amended: ['2009-08-27', '2017-09-01'] });
    expect(a.amendments.map((x) => x.kind)).toEqual(['修正', '修正']);
    expect(b.dates).toMatchObject({ adopted: '1999-04-29', amended: ['2009-08-27', '2017-09-01', '2023-09-01'] });
    expect(b.amendments.at(-1)).toEqual({ date: '2023-09-01', kind: '修订' });
    expect(versionLabel(a)).toBe('中华人民共和国行政复议法（2017年修正）');
    expect(versionLabel(b)).toBe('中华人民共和国行政复议法（2023年修订）');
    expect(workKey(a.title, a.jurisdiction)).toBe(workKey(b.title, b.jurisdiction));
  });

  it('行政处罚法: adopted by the full 全国人民代表大会, then two 修正 and a 修订', () => {
    const m = read('行政法/行政处罚法(2021-01-22).md');
    expect(m).toMatchObject({ jurisdiction: '全国', kind: '法律', versionDate: '2021-01-22' });
    expect(m.dates.adopted).toBe('1996-03-17');
    expect(m.amendments).toEqual([
      { date: '2009-08-27', kind: '修正' },
      { date: '2017-09-01', kind: '修正' },
      { date: '2021-01-22', kind: '修订' },
    ]);
  });

  it('a 直辖市 regulation revised and amended on one line of the 题注', () => {
    const m = read('DLC/重庆地方法规/地方性法规/重庆/重庆市天然气管理条例(2019-05-31).md');
    expect(m).toMatchObject({ title: '重庆市天然气管理条例', jurisdiction: '重庆', kind: '地方性法规' });
    expect(m.dates.adopted).toBe('1998-03-28');
    expect(m.amendments.map((x) => `${x.date} ${x.kind}`)).toEqual(['1999-07-29 修正', '2006-03-31 修订', '2010-07-23 修正', '2019-05-31 修订']);
    expect(versionLabel(m)).toBe('重庆市天然气管理条例（2019年修订）');
  });

  it('a 设区的市 regulation: the city is the jurisdiction; the province approved it', () => {
    const m = read('DLC/山东地方法规/地方性法规/山东/日照市海岸带保护与利用管理条例(2019-09-29).md');
    expect(m).toMatchObject({ jurisdiction: '日照', kind: '地方性法规' });
    expect(m.dates).toMatchObject({ adopted: '2019-04-29', approved: '2019-09-27' });
    expect(versionLabel(m)).toBe('日照市海岸带保护与利用管理条例（2019年）');
  });

  it('an autonomous county: 单行条例 of 酉阳', () => {
    const m = read('DLC/重庆地方法规/地方性法规/重庆/酉阳土家族苗族自治县城镇管理条例(2012-12-29).md');
    expect(m).toMatchObject({ jurisdiction: '酉阳', kind: '单行条例' });
  });

  it('司法解释: national, adopted by the 审判委员会, published, in force', () => {
    const m = read('司法解释/最高人民法院关于人民法院委托评估、拍卖和变卖工作的若干规定(2009-11-12).md');
    expect(m).toMatchObject({ jurisdiction: '全国', kind: '司法解释' });
    expect(m.dates).toMatchObject({ adopted: '2009-08-24', published: '2009-11-12', effective: '2009-11-20' });
    const joint = read('司法解释/最高人民法院、最高人民检察院关于办理盗窃刑事案件适用法律若干问题的解释(2013-04-02).md');
    expect(joint).toMatchObject({ jurisdiction: '全国', kind: '司法解释' });
    // Two bodies adopted it on two dates: the first is the adoption.
    expect(joint.dates).toMatchObject({ adopted: '2013-03-08', published: '2013-04-02', effective: '2013-04-04' });
  });

  it('a 行政法规 whose title names no place takes its kind from the folder', () => {
    const m = read('行政法规/关于实行专业技术职务聘任制度的规定(1986-02-18).md');
    expect(m).toMatchObject({ jurisdiction: '全国', kind: '行政法规', versionDate: '1986-02-18' });
    expect(m.dates.published).toBe('1986-02-18');
  });
});

describe('jurisdiction from a title', () => {
  const cases: Array<[string, string]> = [
    ['深圳经济特区中小企业发展促进条例（征求意见稿）', '深圳'],
    ['广东省促进中小企业发展条例', '广东'],
    ['浙江省促进中小微企业发展条例', '浙江'],
    ['湖南省实施《中华人民共和国中小企业促进法》办法', '湖南'],
    ['内蒙古自治区草原管理条例', '内蒙古'],
    ['新乡市城市市容和环境卫生管理条例', '新乡'],
    ['延边朝鲜族自治州朝鲜语言文字工作条例', '延边'],
    ['中华人民共和国行政复议法', '全国'],
    ['最高人民法院关于适用《中华人民共和国行政诉讼法》的解释', '全国'],
  ];
  for (const [title, want] of cases) it(title, () => expect(guessJurisdiction(title)).toBe(want));
});
