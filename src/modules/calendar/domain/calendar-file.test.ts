import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarYear } from './calendar-file.js';

const good = {
  year: 2027,
  source: '国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）',
  holidays: [
    { date: '2027-01-02', name: '元旦' }, // a Saturday: a holiday on a weekend is fine
    { date: '2027-01-01', name: ' 元旦 ' },
  ],
  workdays: [{ date: '2027-02-20', name: '春节调休' }], // a Saturday
};

/** The error codes of parsing `input`. */
function codes(input: unknown, year?: number): string[] {
  const r = parseCalendarYear(input, year === undefined ? {} : { year });
  return r.issues.map((i) => `${i.code}@${i.path}`);
}

describe('parseCalendarYear', () => {
  it('accepts a good file, sorting by date and trimming names', () => {
    const r = parseCalendarYear(good, { year: 2027 });
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.value?.holidays).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-01-02', name: '元旦' },
    ]);
    expect(r.value?.source).toBe(good.source);
  });

  it('accepts empty workdays', () => {
    expect(parseCalendarYear({ ...good, workdays: [] }).ok).toBe(true);
  });

  it('rejects what is not an object', () => {
    for (const x of [null, 1, 'x', [], undefined]) expect(codes(x)).toEqual(['CAL_NOT_OBJECT@(root)']);
  });

  it('checks year and source', () => {
    expect(codes({ ...good, year: '2027' })).toEqual(['CAL_YEAR@year']);
    expect(codes({ ...good, year: 2027.5 })).toContain('CAL_YEAR@year');
    expect(codes({ ...good, year: 27 })).toContain('CAL_YEAR@year');
    expect(codes(good, 2028)).toContain('CAL_YEAR_MISMATCH@year');
    expect(codes({ ...good, source: '  ' })).toEqual(['CAL_SOURCE@source']);
    expect(codes({ ...good, source: undefined })).toEqual(['CAL_SOURCE@source']);
    expect(codes({ ...good, source: 'x'.repeat(501) })).toEqual(['CAL_SOURCE@source']);
  });

  it('requires both lists', () => {
    const { workdays: _w, ...noWorkdays } = good;
    expect(codes(noWorkdays)).toEqual(['CAL_LIST@workdays']);
    expect(codes({ ...good, holidays: {} })).toEqual(['CAL_LIST@holidays']);
    expect(codes({ ...good, holidays: Array(367).fill(good.holidays[0]) })).toEqual([
      'CAL_TOO_MANY@holidays',
    ]);
  });

  it('rejects a date outside the year', () => {
    const input = { ...good, holidays: [...good.holidays, { date: '2026-12-31', name: '元旦' }] };
    expect(codes(input)).toEqual(['CAL_DATE_OUTSIDE_YEAR@holidays[2].date']);
  });

  it('rejects malformed and impossible dates and bad entries', () => {
    const input = {
      ...good,
      holidays: [
        { date: '2027-02-29', name: '春节' },
        { date: '2027/02/10', name: '春节' },
        { date: 20270210, name: '春节' },
        { date: '2027-02-11', name: '' },
        { date: '2027-02-12' },
        '2027-02-13',
      ],
    };
    expect(codes(input)).toEqual([
      'CAL_DATE@holidays[0].date',
      'CAL_DATE@holidays[1].date',
      'CAL_DATE@holidays[2].date',
      'CAL_NAME@holidays[3].name',
      'CAL_NAME@holidays[4].name',
      'CAL_ENTRY@holidays[5]',
    ]);
  });

  it('rejects duplicates', () => {
    const input = { ...good, holidays: [...good.holidays, { date: '2027-01-01', name: '元旦' }] };
    expect(codes(input)).toEqual(['CAL_DUPLICATE@holidays[2].date']);
  });

  it('rejects a date that is both a holiday and a workday', () => {
    const input = { ...good, holidays: [...good.holidays, { date: '2027-02-20', name: '春节' }] };
    expect(codes(input)).toEqual(['CAL_HOLIDAY_AND_WORKDAY@workdays']);
  });

  it('rejects a make-up "workday" that is not a weekend day', () => {
    const input = { ...good, workdays: [{ date: '2027-02-19', name: '春节调休' }] }; // a Friday
    const r = parseCalendarYear(input);
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'CAL_WORKDAY_NOT_WEEKEND', path: 'workdays[0].date' });
    expect(r.issues[0]?.message).toContain('2027-02-19');
  });

  it('reports every problem at once', () => {
    const input = {
      year: 2027,
      source: '',
      holidays: [{ date: '2028-01-01', name: '元旦' }],
      workdays: [{ date: '2027-01-04', name: 'x' }],
    };
    expect(codes(input)).toEqual([
      'CAL_SOURCE@source',
      'CAL_DATE_OUTSIDE_YEAR@holidays[0].date',
      'CAL_WORKDAY_NOT_WEEKEND@workdays[0].date',
    ]);
  });

  it('warns about unknown fields and an empty holiday list without failing', () => {
    const r = parseCalendarYear({ ...good, holidays: [], notes: 'draft' });
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([
      ['CAL_UNKNOWN_FIELD', 'warning'],
      ['CAL_NO_HOLIDAYS', 'warning'],
    ]);
  });

  it('never throws, and ok agrees with the errors', () => {
    const entry = fc.record({ date: fc.oneof(fc.string(), fc.constant('2027-01-01')), name: fc.string() });
    const fileLike = fc.record({
      year: fc.oneof(fc.integer(), fc.constant(2027), fc.anything()),
      source: fc.oneof(fc.string(), fc.anything()),
      holidays: fc.oneof(fc.array(entry), fc.anything()),
      workdays: fc.oneof(fc.array(entry), fc.anything()),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fileLike), (x) => {
        const r = parseCalendarYear(x);
        expect(r.ok).toBe(!r.issues.some((i) => i.severity === 'error'));
        expect(r.value !== undefined).toBe(r.ok);
      }),
      { numRuns: 500 },
    );
  });

  it('works on JSON text as uploaded, __proto__ keys included', () => {
    const r = parseCalendarYear(
      JSON.parse('{"__proto__": {"x": 1}, "year": 2027, "source": "s", "holidays": [], "workdays": []}'),
    );
    expect(r.ok).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('CAL_UNKNOWN_FIELD');
  });
});
