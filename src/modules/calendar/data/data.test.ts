// The shipped schedules, checked against the notices' own text: each period's first and last day with the
// weekday the notice prints beside it, its "共N天", and the make-up workdays with their weekdays.
import { describe, expect, it } from 'vitest';
import { parseCalendarYear } from '../domain/calendar-file.js';
import { WorkingCalendar } from '../domain/calendar.js';
import { dayNumber, isoDate, isWeekend, weekday } from '../domain/dates.js';
import type { CalendarYear } from '../domain/types.js';
import { CN_2025 } from './cn-2025.js';
import { CN_2026 } from './cn-2026.js';

const WEEK = '日一二三四五六';

interface Period {
  name: string;
  /** 'MM-DD 周X' as printed in the notice. */
  from: string;
  to: string;
  days: number;
  /** Make-up workdays, 'MM-DD 周X'. */
  work: string[];
}

// 国办发明电〔2024〕12号, 2024-11-12.
const NOTICE_2025: Period[] = [
  { name: '元旦', from: '01-01 周三', to: '01-01 周三', days: 1, work: [] },
  { name: '春节', from: '01-28 周二', to: '02-04 周二', days: 8, work: ['01-26 周日', '02-08 周六'] },
  { name: '清明节', from: '04-04 周五', to: '04-06 周日', days: 3, work: [] },
  { name: '劳动节', from: '05-01 周四', to: '05-05 周一', days: 5, work: ['04-27 周日'] },
  { name: '端午节', from: '05-31 周六', to: '06-02 周一', days: 3, work: [] },
  { name: '国庆节、中秋节', from: '10-01 周三', to: '10-08 周三', days: 8, work: ['09-28 周日', '10-11 周六'] },
];

// 国办发明电〔2025〕7号, 2025-11-04.
const NOTICE_2026: Period[] = [
  { name: '元旦', from: '01-01 周四', to: '01-03 周六', days: 3, work: ['01-04 周日'] },
  { name: '春节', from: '02-15 周日', to: '02-23 周一', days: 9, work: ['02-14 周六', '02-28 周六'] },
  { name: '清明节', from: '04-04 周六', to: '04-06 周一', days: 3, work: [] },
  { name: '劳动节', from: '05-01 周五', to: '05-05 周二', days: 5, work: ['05-09 周六'] },
  { name: '端午节', from: '06-19 周五', to: '06-21 周日', days: 3, work: [] },
  { name: '中秋节', from: '09-25 周五', to: '09-27 周日', days: 3, work: [] },
  { name: '国庆节', from: '10-01 周四', to: '10-07 周三', days: 7, work: ['09-20 周日', '10-10 周六'] },
];

/** The date of 'MM-DD 周X' in `year`, checking that the printed weekday is right. */
function noticeDay(year: number, text: string): number {
  const [md, wk] = text.split(' ');
  const day = dayNumber(`${year}-${md}`);
  expect(`周${WEEK[weekday(day)]}`, `${year}-${md}`).toBe(wk);
  return day;
}

function expand(year: number, notice: Period[]): { holidays: [string, string][]; workdays: [string, string][] } {
  const holidays: [string, string][] = [];
  const workdays: [string, string][] = [];
  for (const p of notice) {
    const from = noticeDay(year, p.from);
    const to = noticeDay(year, p.to);
    expect(to - from + 1, `${p.name} 共${p.days}天`).toBe(p.days);
    for (let d = from; d <= to; d++) holidays.push([isoDate(d), p.name]);
    for (const w of p.work) workdays.push([isoDate(noticeDay(year, w)), `${p.name}调休`]);
  }
  return { holidays: holidays.sort(), workdays: workdays.sort() };
}

const pairs = (days: readonly { date: string; name: string }[]): [string, string][] =>
  days.map((d): [string, string] => [d.date, d.name]).sort();

interface Case {
  data: CalendarYear;
  notice: Period[];
  offDays: number;
  makeUp: number;
}

describe.each<Case>([
  { data: CN_2025, notice: NOTICE_2025, offDays: 28, makeUp: 5 },
  { data: CN_2026, notice: NOTICE_2026, offDays: 33, makeUp: 6 },
])('shipped year $data.year', ({ data, notice, offDays, makeUp }) => {
  const year = data.year;

  it(`${year} matches the notice date by date`, () => {
    const expected = expand(year, notice);
    expect(pairs(data.holidays)).toEqual(expected.holidays);
    expect(pairs(data.workdays)).toEqual(expected.workdays);
    expect(data.holidays).toHaveLength(offDays);
    expect(data.workdays).toHaveLength(makeUp);
  });

  it(`${year} names its notice`, () => {
    expect(data.source).toMatch(new RegExp(`^国务院办公厅关于${year}年部分节假日安排的通知（国办发明电〔\\d{4}〕\\d+号）$`));
  });

  it(`${year} passes the file validator unchanged and in date order`, () => {
    const r = parseCalendarYear(data, { year });
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual(data);
  });

  it(`${year}: every make-up workday is a weekend day`, () => {
    for (const w of data.workdays) expect(isWeekend(dayNumber(w.date)), w.date).toBe(true);
  });

  it(`${year}: weekday days off minus make-up days = the 13 statutory holidays (全国年节及纪念日放假办法, 2024)`, () => {
    const weekdayOff = data.holidays.filter((h) => !isWeekend(dayNumber(h.date))).length;
    expect(weekdayOff - data.workdays.length).toBe(13);
  });

  it(`${year} has 248 working days`, () => {
    const cal = new WorkingCalendar([data]);
    let n = 0;
    for (let d = dayNumber(`${year}-01-01`); d <= dayNumber(`${year}-12-31`); d++) {
      if (cal.isWorkingDayNumber(d)) n++;
    }
    expect(n).toBe(248);
  });
});
