import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, endOfShanghaiDay, isoDate, isWeekend, tryDayNumber, weekday, yearOf } from './dates.js';

describe('day numbers', () => {
  it('counts from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dayNumber('2026-01-01') - dayNumber('2025-01-01')).toBe(365);
    expect(dayNumber('2025-01-01') - dayNumber('2024-01-01')).toBe(366);
  });

  it('rejects what is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2025-02-29', '2100-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-1-1']) {
      expect(tryDayNumber(bad), bad).toBeUndefined();
    }
    for (const bad of [
      '20250101',
      '2025-01-01T00:00:00Z',
      ' 2025-01-01',
      '2025-01-01 ',
      '２０２５-01-01',
      '',
    ]) {
      expect(tryDayNumber(bad), bad).toBeUndefined();
    }
    expect(tryDayNumber('2024-02-29')).toBeDefined();
    expect(tryDayNumber('2000-02-29')).toBeDefined();
    expect(() => dayNumber('2025-02-30')).toThrow(RangeError);
  });

  it('does not map two-digit years to the 1900s', () => {
    expect(isoDate(dayNumber('0099-03-01'))).toBe('0099-03-01');
    expect(yearOf(dayNumber('0050-06-15'))).toBe(50);
  });

  it('knows the day of the week', () => {
    expect(weekday(dayNumber('1970-01-01'))).toBe(4); // Thursday
    expect(weekday(dayNumber('2025-01-26'))).toBe(0); // Sunday, a make-up workday
    expect(weekday(dayNumber('2026-10-10'))).toBe(6); // Saturday, a make-up workday
    expect(isWeekend(dayNumber('1969-12-27'))).toBe(true); // Saturday before day 0
    expect(isWeekend(dayNumber('2026-09-29'))).toBe(false);
  });

  it('puts the end of a Shanghai day at 16:00Z', () => {
    expect(endOfShanghaiDay(dayNumber('2026-10-12')).toISOString()).toBe('2026-10-12T16:00:00.000Z');
  });

  it('round-trips every date', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber('0000-01-01'), max: dayNumber('9999-12-31') }), (day) => {
        expect(dayNumber(isoDate(day))).toBe(day);
      }),
    );
    expect(() => isoDate(dayNumber('9999-12-31') + 1)).toThrow(RangeError);
    expect(() => isoDate(1e12)).toThrow(RangeError);
    expect(() => isoDate(0.5)).toThrow(RangeError);
  });
});
