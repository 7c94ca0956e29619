import { describe, expect, it } from 'vitest';
import { birthProfile, chinaDateNumber, parseDate, plausibleBirth, type ParsedDate } from './dates.js';

const TODAY = 20260101;
const d = (year: number, month = 6, day = 15, timed = false): ParsedDate => ({ year, month, day, timed });

describe('parseDate', () => {
  it('reads the formats registers use', () => {
    const want = { year: 1990, month: 5, day: 17, timed: false };
    for (const v of [
      '1990-05-17',
      '1990/05/17',
      '1990.5.17',
      '19900517',
      '1990年5月17日',
      '1990年05月17',
      '1990-05-17 00:00:00',
    ]) {
      expect(parseDate(v), v).toEqual(want);
    }
  });

  it('marks a time of day other than midnight', () => {
    expect(parseDate('2021-11-28 21:30:28')?.timed).toBe(true);
    expect(parseDate('2021-11-28T00:00')?.timed).toBe(false);
  });

  it('rejects impossible dates and numbers that are not dates', () => {
    for (const v of [
      '1990-02-30',
      '1900-02-29',
      '19901317',
      '30001231',
      '12345678',
      '1990-05',
      '05/17/1990',
      '',
    ]) {
      expect(parseDate(v), v).toBeUndefined();
    }
    expect(parseDate('2000-02-29')).toBeDefined();
  });
});

describe('birth plausibility', () => {
  it('takes 1900 up to today', () => {
    expect(plausibleBirth(d(1900, 1, 1), TODAY)).toBe(true);
    expect(plausibleBirth(d(1899, 12, 31), TODAY)).toBe(false);
    expect(plausibleBirth(d(2026, 1, 1), TODAY)).toBe(true);
    expect(plausibleBirth(d(2026, 1, 2), TODAY)).toBe(false);
  });

  it('finds a population in birth dates spread over decades', () => {
    const births = [1940, 1952, 1961, 1970, 1975, 1983, 1990, 1999, 2005, 2010].map((y) => d(y));
    expect(birthProfile(births, TODAY)).toEqual({ plausible: 10, populationLike: true });
  });

  it('does not find one in recent event dates, future dates or timestamps', () => {
    const recent = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => d(y));
    expect(birthProfile(recent, TODAY).populationLike).toBe(false);
    const future = [1990, 2030, 2040].map((y) => d(y));
    expect(birthProfile(future, TODAY).plausible).toBe(1);
    expect(birthProfile([d(1960, 1, 1, true), d(1990, 1, 1, true)], TODAY).plausible).toBe(0);
    expect(birthProfile([], TODAY)).toEqual({ plausible: 0, populationLike: false });
  });

  it('counts days in China time', () => {
    expect(chinaDateNumber(new Date('2025-12-31T16:00:00Z'))).toBe(20260101);
    expect(chinaDateNumber(new Date('2025-12-31T15:59:59Z'))).toBe(20251231);
  });
});
