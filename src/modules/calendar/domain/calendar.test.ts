import { describe, expect, it } from 'vitest';
import { CalendarDataError, WorkingCalendar } from './calendar.js';
import { CN_2025 } from '../data/cn-2025.js';
import { CN_2026 } from '../data/cn-2026.js';

const cal = new WorkingCalendar([CN_2026, CN_2025]);

describe('WorkingCalendar', () => {
  it('lists the loaded years in order', () => {
    expect(cal.coveredYears).toEqual([2025, 2026]);
    expect(cal.covers('2025-01-01')).toBe(true);
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2027-01-01')).toBe(false);
    expect(cal.covers('2024-12-31')).toBe(false);
    expect(cal.year(2026)?.source).toContain('国办发明电〔2025〕7号');
  });

  it('follows weekdays, holidays and make-up workdays', () => {
    expect(cal.isWorkingDay('2026-09-29')).toBe(true); // Tuesday
    expect(cal.isWorkingDay('2026-10-01')).toBe(false); // 国庆节 on a Thursday
    expect(cal.isWorkingDay('2026-10-03')).toBe(false); // 国庆节 on a Saturday
    expect(cal.isWorkingDay('2026-10-10')).toBe(true); // make-up Saturday
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // make-up Sunday
    expect(cal.isWorkingDay('2026-10-11')).toBe(false); // ordinary Sunday
    expect(cal.isWorkingDay('2025-01-26')).toBe(true); // 春节 make-up Sunday
  });

  it('describes a day', () => {
    expect(cal.dayInfo('2025-01-29')).toEqual({
      date: '2025-01-29',
      kind: 'holiday',
      working: false,
      name: '春节',
      provisional: false,
    });
    expect(cal.dayInfo('2025-02-08')).toMatchObject({
      kind: 'makeup-workday',
      working: true,
      name: '春节调休',
    });
    expect(cal.dayInfo('2025-02-07')).toEqual({
      date: '2025-02-07',
      kind: 'weekday',
      working: true,
      provisional: false,
    });
    expect(cal.dayInfo('2025-02-09')).toMatchObject({ kind: 'weekend', working: false });
  });

  it('counts weekends only past the loaded years, provisionally', () => {
    // 2027-01-01 will surely be 元旦, but no notice is loaded for 2027 yet.
    expect(cal.dayInfo('2027-01-01')).toEqual({
      date: '2027-01-01',
      kind: 'weekday',
      working: true,
      provisional: true,
    });
    expect(cal.dayInfo('2027-01-02')).toMatchObject({ kind: 'weekend', provisional: true });
    expect(cal.isWorkingDay('2027-10-01')).toBe(true);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkingDay('2026-9-29')).toThrow(RangeError);
    expect(() => cal.covers('2026-02-29')).toThrow(RangeError);
  });

  it('refuses invalid or repeated year data', () => {
    expect(() => new WorkingCalendar([CN_2025, CN_2025])).toThrow(CalendarDataError);
    const bad = { ...CN_2026, workdays: [{ date: '2026-10-09', name: '国庆节调休' }] }; // a Friday
    try {
      new WorkingCalendar([bad]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalendarDataError);
      expect((e as CalendarDataError).issues.map((i) => i.code)).toContain('CAL_WORKDAY_NOT_WEEKEND');
      expect((e as Error).message).toContain('2026');
    }
  });

  it('can be empty: weekends only, everything provisional', () => {
    const empty = new WorkingCalendar([]);
    expect(empty.coveredYears).toEqual([]);
    expect(empty.dayInfo('2026-10-01')).toMatchObject({ working: true, provisional: true });
  });
});
