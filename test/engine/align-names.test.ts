import { describe, expect, it } from 'vitest';
import { alignDocuments, columnNames, shortName, titleJurisdiction, titleSubject } from '../../electron/engine/align';
import { parseSeed } from '../helpers/seeds';

describe('short column names', () => {
  it('place and year from the title and dates', () => {
    expect(shortName({ title: '广东省促进中小企业发展条例', dates: { adopted: '2019-09-25' } })).toBe('广东 2019');
    // The latest amendment names a revised law's version.
    expect(shortName({ title: '北京市促进中小企业发展条例', dates: { adopted: '2013-12-27', amended: ['2020-09-25'] } })).toBe('北京 2020');
    expect(shortName({ title: '中华人民共和国中小企业促进法', dates: { adopted: '2002-06-29', amended: '2017-09-01', effective: '2018-01-01' } })).toBe('国家 2017');
    expect(shortName({ title: '深圳经济特区中小企业发展促进条例（征求意见稿）' })).toBe('深圳');
    expect(shortName({ title: '湖南省实施《中华人民共和国中小企业促进法》办法', dates: { effective: '2021-01-01' } })).toBe('湖南 2021');
    expect(shortName({ title: '河南省实施《中小企业促进法》办法（2008年修订）' })).toBe('河南 2008');
  });

  it('the recorded jurisdiction wins over the title, national names become 国家', () => {
    expect(shortName({ title: '关于促进中小企业健康发展的实施意见', jurisdiction: '浙江', dates: { published: '2020-12-31' } })).toBe('浙江 2020');
    expect(shortName({ title: '保障中小企业款项支付条例', jurisdiction: '全国', dates: { adopted: '2020-07-05' } })).toBe('国家 2020');
    expect(shortName({ title: '某某条例', jurisdiction: '广东省' })).toBe('广东');
    // A version of a multi-version text is named by its label.
    expect(shortName({ title: '湖南省实施《中华人民共和国中小企业促进法》办法（修订草案）修改对照稿', jurisdiction: '湖南', versionLabel: '二次审议稿' })).toBe('湖南 二次审议稿');
    // No place at all: the title's subject, short.
    expect(shortName({ title: '关于促进中小企业健康发展的实施意见' })).toBe('促进中小企业健康发展');
  });

  it('places in titles: provinces, cities, special zones, national law', () => {
    expect(titleJurisdiction('郑州市文明行为促进条例')).toBe('郑州');
    expect(titleJurisdiction('浙江省杭州市促进中小企业发展条例')).toBe('杭州');
    expect(titleJurisdiction('重庆市优化营商环境条例')).toBe('重庆');
    expect(titleJurisdiction('内蒙古自治区促进中小企业发展条例')).toBe('内蒙古');
    expect(titleJurisdiction('中华人民共和国中小企业促进法')).toBe('国家');
    expect(titleJurisdiction('湖南省实施《中华人民共和国中小企业促进法》办法')).toBe('湖南');
    expect(titleJurisdiction('优化营商环境条例')).toBe('');
  });

  it('the subject a title names', () => {
    expect(titleSubject('广东省促进中小企业发展条例')).toBe('促进中小企业发展');
    expect(titleSubject('湖南省实施《中华人民共和国中小企业促进法》办法')).toBe('中小企业促进');
    expect(titleSubject('中华人民共和国中小企业促进法')).toBe('中小企业促进');
    expect(titleSubject('关于促进中小企业健康发展的实施意见')).toBe('促进中小企业健康发展');
    expect(titleSubject('深圳经济特区中小企业发展促进条例（征求意见稿）')).toBe('中小企业发展促进');
    expect(titleSubject('郑州市文明行为促进条例')).toBe('文明行为促进');
  });

  it('column names are unique', () => {
    const names = columnNames([
      { title: '浙江省促进中小微企业发展条例', jurisdiction: '浙江', dates: { adopted: '2020-01-01' } },
      { title: '关于促进中小企业健康发展的实施意见', jurisdiction: '浙江', dates: { published: '2020-12-31' } },
      { title: '浙江省促进中小微企业发展条例', jurisdiction: '浙江', dates: { adopted: '2020-05-01' } },
      { title: '北京市促进中小企业发展条例', name: '北京（自定）' },
    ]);
    expect(names).toEqual(['浙江 2020 条例', '浙江 2020 实施意见', '浙江 2020 条例（2）', '北京（自定）']);
  });

  it('alignDocuments names every column: the caller’s name, else metadata and title', () => {
    const al = alignDocuments([
      { ref: 'zhejiang-2023', doc: parseSeed('zhejiang-2023'), version: 0, meta: { jurisdiction: '浙江', dates: { adopted: '2023-01-16' } } },
      { ref: 'hunan-2020-review@1', doc: parseSeed('hunan-2020-review'), version: 1 },
      { ref: 'shenzhen-draft', doc: parseSeed('shenzhen-draft'), version: 0, name: '深圳（征求意见稿）' },
    ]);
    expect(al.documents.map((d) => d.name)).toEqual(['浙江 2023', '湖南 二次审议稿', '深圳（征求意见稿）']);
    expect(al.documents.map((d) => d.jurisdiction)).toEqual(['浙江', '湖南', '深圳']);
  });
});
