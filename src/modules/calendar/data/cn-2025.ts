// The official 2025 schedule of public holidays and make-up workdays (调休), transcribed once from the
// npm package chinese-days 1.5.7 and checked date by date against the State Council notice (see
// docs/calendar.md). Nothing reads that package at run time; this file is the data.
import type { CalendarYear } from '../domain/types.js';

/** 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
export const CN_2025: CalendarYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
  holidays: [
    { date: '2025-01-01', name: '元旦' },
    { date: '2025-01-28', name: '春节' },
    { date: '2025-01-29', name: '春节' },
    { date: '2025-01-30', name: '春节' },
    { date: '2025-01-31', name: '春节' },
    { date: '2025-02-01', name: '春节' },
    { date: '2025-02-02', name: '春节' },
    { date: '2025-02-03', name: '春节' },
    { date: '2025-02-04', name: '春节' },
    { date: '2025-04-04', name: '清明节' },
    { date: '2025-04-05', name: '清明节' },
    { date: '2025-04-06', name: '清明节' },
    { date: '2025-05-01', name: '劳动节' },
    { date: '2025-05-02', name: '劳动节' },
    { date: '2025-05-03', name: '劳动节' },
    { date: '2025-05-04', name: '劳动节' },
    { date: '2025-05-05', name: '劳动节' },
    { date: '2025-05-31', name: '端午节' },
    { date: '2025-06-01', name: '端午节' },
    { date: '2025-06-02', name: '端午节' },
    { date: '2025-10-01', name: '国庆节、中秋节' },
    { date: '2025-10-02', name: '国庆节、中秋节' },
    { date: '2025-10-03', name: '国庆节、中秋节' },
    { date: '2025-10-04', name: '国庆节、中秋节' },
    { date: '2025-10-05', name: '国庆节、中秋节' },
    { date: '2025-10-06', name: '国庆节、中秋节' },
    { date: '2025-10-07', name: '国庆节、中秋节' },
    { date: '2025-10-08', name: '国庆节、中秋节' },
  ],
  workdays: [
    { date: '2025-01-26', name: '春节调休' },
    { date: '2025-02-08', name: '春节调休' },
    { date: '2025-04-27', name: '劳动节调休' },
    { date: '2025-09-28', name: '国庆节、中秋节调休' },
    { date: '2025-10-11', name: '国庆节、中秋节调休' },
  ],
};
