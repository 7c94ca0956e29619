// The strict date checker is what stands between JavaScript's forgiving Date and an export that claims
// "2026-02-30" is a date, so it gets examples for each rule and properties against an independent oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, isXsdDate, isXsdDateTime, toXsdDateTime } from './xsd-datetime.js';

// Oracle: a day exists when Date.UTC lands on the same y/m/d (Date.UTC rolls impossible days over).
function exists(y: number, m: number, d: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('isXsdDate', () => {
  it.each([
    '2026-02-28',
    '2024-02-29',
    '2000-02-29',
    '0001-01-01',
    '9999-12-31',
    '2026-03-01Z',
    '2026-03-01+08:00',
    '2026-03-01-14:00',
  ])('accepts %s', (s) => expect(isXsdDate(s)).toBe(true));
  it.each([
    '2026-02-30',
    '2026-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
    '26-01-01',
    '2026-1-01',
    '2026-01-01T00:00:00Z',
    '2026-01-01+14:30',
    '2026-01-01+08:60',
    '2026-01-01 ',
    '２０２６-01-01',
    '',
  ])('rejects %j', (s) => expect(isXsdDate(s)).toBe(false));

  it('agrees with the calendar for every year/month/day combination tried', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const s = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
          expect(isXsdDate(s)).toBe(m >= 1 && m <= 12 && exists(y, m, d));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026, 2100, 2400].map((y) => daysInMonth(y, 2))).toEqual([
      28, 29, 29, 28, 28, 29,
    ]);
  });
});

describe('isXsdDateTime', () => {
  it.each([
    '2026-03-01T00:00:00Z',
    '2026-03-01T23:59:59.999Z',
    '2026-03-01T08:00:00+08:00',
    '2026-03-01T08:00:00',
    '2026-03-01T24:00:00Z',
    '2026-03-01T24:00:00.000+01:00',
    '2024-02-29T12:00:00-14:00',
  ])('accepts %s', (s) => expect(isXsdDateTime(s)).toBe(true));
  it.each([
    '2026-13-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    '2026-03-01T25:00:00Z',
    '2026-03-01T24:00:01Z',
    '2026-03-01T24:30:00Z',
    '2026-03-01T24:00:00.5Z',
    '2026-03-01T23:60:00Z',
    '2026-03-01T23:59:60Z',
    '2026-03-01T08:00Z',
    '2026-03-01T08:00:00.Z',
    '2026-03-01T08:00:00+15:00',
    '2026-03-01T08:00:00+0800',
    '2026-03-01 08:00:00Z',
    '2026-03-01',
    '2026-03-01T08:00:00ZZ',
  ])('rejects %j', (s) => expect(isXsdDateTime(s)).toBe(false));

  it('accepts every instant toISOString can print in years 1-9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(isXsdDateTime(d.toISOString())).toBe(true);
        },
      ),
    );
  });
});

describe('toXsdDateTime', () => {
  it('normalises to UTC and drops zero milliseconds', () => {
    expect(toXsdDateTime('2026-03-02T09:30:00+08:00')).toBe('2026-03-02T01:30:00Z');
    expect(toXsdDateTime('2026-03-02T01:30:00.250Z')).toBe('2026-03-02T01:30:00.250Z');
    expect(toXsdDateTime('2026-03-01T24:00:00Z')).toBe('2026-03-02T00:00:00Z');
  });

  it('refuses impossible, unzoned or out-of-range values instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-01T08:00:00',
      '2026-03-01',
      'yesterday',
      '0001-01-01T00:00:00+01:00',
    ])
      expect(() => toXsdDateTime(bad), bad).toThrow(RangeError);
  });

  it('keeps the instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1970-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14, max: 14 }),
        (d, h) => {
          const local = new Date(d.getTime() + h * 3_600_000).toISOString().slice(0, 23);
          const zoned = `${local}${h < 0 ? '-' : '+'}${pad(Math.abs(h))}:00`;
          expect(new Date(toXsdDateTime(zoned)).getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});
