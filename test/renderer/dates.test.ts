/** Dates as Chinese documents write them (renderer/format.ts), typed any of the usual ways. */
import { describe, expect, it } from 'vitest';
import { formatDate, parseDate } from '../../renderer/format';

describe('dates', () => {
  it('shows ISO dates as 2023年1月16日', () => {
    expect(formatDate('2023-01-16')).toBe('2023年1月16日');
    expect(formatDate('2023-01')).toBe('2023年1月');
    expect(formatDate('2023')).toBe('2023年');
    expect(formatDate(undefined)).toBe('');
  });

  it('reads what people type, and refuses dates that do not exist', () => {
    const cases: Array<[string, string | null]> = [
      ['2023年1月16日', '2023-01-16'],
      ['２０２３年１月１６日', '2023-01-16'],
      ['2023-01-16', '2023-01-16'],
      ['2023.1.16', '2023-01-16'],
      ['2023/1/16', '2023-01-16'],
      [' 2023 年 1 月 ', '2023-01'],
      ['2023年', '2023'],
      ['', ''],
      ['2021年2月29日', null],
      ['2020年2月29日', '2020-02-29'],
      ['2023年13月1日', null],
      ['1月16日', null],
      ['下周一', null],
    ];
    for (const [text, iso] of cases) expect(parseDate(text), text).toBe(iso);
  });

  it('round-trips', () => {
    for (const iso of ['1999-04-29', '2023-09-01', '2024-02-29']) expect(parseDate(formatDate(iso))).toBe(iso);
  });
});
