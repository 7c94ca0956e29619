import { describe, expect, it } from 'vitest';
import { CalendarDataError, CN_2026, createCalendar, deadline, SHIPPED_CALENDAR_YEARS } from './index.js';

describe('calendar module', () => {
  it('ships 2025 and 2026', () => {
    expect(SHIPPED_CALENDAR_YEARS.map((y) => y.year)).toEqual([2025, 2026]);
    expect(createCalendar().coveredYears).toEqual([2025, 2026]);
  });

  it('adds supplied years and lets them replace a shipped one', () => {
    const y2027 = {
      year: 2027,
      source: '国务院办公厅关于2027年部分节假日安排的通知（test）',
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      workdays: [],
    };
    const cal = createCalendar([y2027]);
    expect(cal.coveredYears).toEqual([2025, 2026, 2027]);
    expect(deadline(cal, '2026-12-31T10:00:00+08:00', 1)).toMatchObject({
      dueDate: '2027-01-04',
      provisional: false,
    });

    const corrected = { ...CN_2026, source: `${CN_2026.source} (corrected)`, workdays: [] };
    expect(createCalendar([corrected]).year(2026)?.workdays).toEqual([]);
    expect(() => createCalendar([y2027, y2027])).toThrow(CalendarDataError);
  });
});
