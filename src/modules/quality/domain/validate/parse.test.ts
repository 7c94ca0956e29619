import { describe, expect, it } from 'vitest';
import { parseCell } from './parse.js';
import { testItem } from './test-items.js';

const num = (length: number | null = null, scale: number | null = null) =>
  testItem('n', { dataType: 'number', length, scale });

describe('parseCell', () => {
  it('passes null through (notNull is its own rule)', () => {
    expect(parseCell(null, num())).toEqual({ ok: true, value: null });
  });

  it('reads safe numbers as JS numbers', () => {
    expect(parseCell('42', num())).toEqual({ ok: true, value: 42 });
    expect(parseCell('-0012.500', num())).toEqual({ ok: true, value: -12.5 });
    expect(parseCell('+.5', num())).toEqual({ ok: true, value: 0.5 });
    expect(parseCell('-0', num())).toEqual({ ok: true, value: 0 });
    expect(parseCell('9007199254740991', num())).toEqual({ ok: true, value: 9007199254740991 });
    expect(parseCell('123456789.123456', num())).toEqual({ ok: true, value: 123456789.123456 });
  });

  it('keeps numbers a double cannot hold exactly as canonical decimal strings', () => {
    expect(parseCell('9007199254740993', num())).toEqual({ ok: true, value: '9007199254740993' });
    expect(parseCell('-00123456789.1234567', num())).toEqual({ ok: true, value: '-123456789.1234567' });
    expect(parseCell('0.1234567890123456', num())).toEqual({ ok: true, value: '0.1234567890123456' });
  });

  it('refuses non-numbers and scientific notation', () => {
    for (const v of ['abc', '1.2.3', '.', '-', '1e5', '1.10105E+17', '0x1F', 'Infinity', 'NaN', '1 000']) {
      expect(parseCell(v, num())).toMatchObject({ ok: false, rule: 'type' });
    }
  });

  it('checks precision and scale like NUMERIC(p, s)', () => {
    expect(parseCell('999.99', num(5, 2)).ok).toBe(true);
    expect(parseCell('1000.5', num(5, 2))).toMatchObject({
      ok: false,
      message: 'Number has more than 5 digits in all',
    });
    expect(parseCell('1.234', num(5, 2))).toMatchObject({
      ok: false,
      message: 'Number has more than 2 decimal places',
    });
    expect(parseCell('1.230', num(5, 2)).ok).toBe(true); // trailing zeros are not places
    expect(parseCell('12345', num(5)).ok).toBe(true);
    expect(parseCell('123.45', num(5)).ok).toBe(true);
    expect(parseCell('123456', num(5)).ok).toBe(false);
    expect(parseCell('0.99', num(2, 2)).ok).toBe(true);
  });

  it('reads booleans from the normalised words only', () => {
    const b = testItem('b', { dataType: 'boolean' });
    expect(parseCell('true', b)).toEqual({ ok: true, value: true });
    expect(parseCell('false', b)).toEqual({ ok: true, value: false });
    expect(parseCell('是', b).ok).toBe(false); // normaliseValue maps it first
  });

  it('accepts real dates only', () => {
    const d = testItem('d', { dataType: 'date' });
    expect(parseCell('2024-02-29', d)).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseCell('2023-02-29', d)).toMatchObject({ ok: false, message: 'Value is not a real date' });
    expect(parseCell('2024/02/29', d).ok).toBe(false);
  });

  it('accepts the normalised instant form for date-times and timestamps', () => {
    for (const dataType of ['datetime', 'timestamp'] as const) {
      const t = testItem('t', { dataType });
      expect(parseCell('2024-03-01T00:00:00.000Z', t).ok).toBe(true);
      expect(parseCell('2024-03-01 08:00', t).ok).toBe(false);
    }
  });

  it('validates base64 and its decoded length', () => {
    const b = testItem('b', { dataType: 'binary', length: 4 });
    expect(parseCell('QUJD', b)).toEqual({ ok: true, value: 'QUJD' });
    expect(parseCell('QUJDRA==', b).ok).toBe(true);
    expect(parseCell('QUJDREU=', b)).toMatchObject({
      ok: false,
      message: 'Binary value is longer than 4 bytes',
    });
    expect(parseCell('QUJ', b)).toMatchObject({ ok: false, message: 'Value is not base64' });
    expect(parseCell('QU*D', b).ok).toBe(false);
  });

  it('takes any text for string items (length is a rule)', () => {
    expect(parseCell('任何文本', testItem('s'))).toEqual({ ok: true, value: '任何文本' });
  });
});
