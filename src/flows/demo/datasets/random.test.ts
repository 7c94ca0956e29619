import { describe, expect, it } from 'vitest';
import { addYears, ageOn, dateOf, dayOf, isIsoDate } from './dates.js';
import { Reservoir, Rng, Weighted, errorCount, money, planPositions, seededFaker } from './random.js';
import { contributionMonths } from './social-insurance.js';

const rng = (stream = 't'): Rng => new Rng(seededFaker(1, stream));

describe('seeded helpers', () => {
  it('repeats the same draws for the same seed and stream, and not for another stream', () => {
    const draw = (r: Rng): number[] => Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    expect(draw(rng())).toEqual(draw(rng()));
    expect(draw(rng('other'))).not.toEqual(draw(rng()));
  });

  it('draws weighted values in proportion and never a zero weight', () => {
    const w = new Weighted<string>([
      ['a', 3],
      ['b', 1],
      ['never', 0],
    ]);
    const r = rng();
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 4000; i++) counts[w.draw(r) as keyof typeof counts]++;
    expect(counts.never).toBe(0);
    expect(counts.a / 4000).toBeGreaterThan(0.7);
    expect(counts.a / 4000).toBeLessThan(0.8);
    expect(() => new Weighted([['x', 0]])).toThrow(RangeError);
  });

  it('plans exact, distinct error positions', () => {
    const plan = planPositions(rng(), 1000, [
      ['x', 30],
      ['y', 5],
    ]);
    expect(plan.size).toBe(35);
    expect([...plan.values()].filter((k) => k === 'y')).toHaveLength(5);
    expect([...plan.keys()].every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(errorCount(3000, 0.001, 3)).toBe(3);
    expect(errorCount(100_000, 0.003, 5)).toBe(300);
    expect(errorCount(100, 0.003, 5)).toBe(0);
  });

  it('holds a bounded sample and hands each item out once', () => {
    const r = rng();
    const res = new Reservoir<number>(4);
    for (let i = 0; i < 100; i++) res.offer(r, i);
    const taken = [res.take(r), res.take(r), res.take(r), res.take(r)];
    expect(new Set(taken).size).toBe(4);
    expect(res.take(r)).toBeUndefined();
  });
});

describe('dates and money', () => {
  it('does calendar arithmetic without time zones', () => {
    expect(dateOf(dayOf('2024-02-29'))).toBe('2024-02-29');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2026-10-31', -60)).toBe('1966-10-31');
    expect(ageOn('1966-10-31', '2026-10-31')).toBe(60);
    expect(ageOn('1966-11-01', '2026-10-31')).toBe(59);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(money(0.1 + 0.2)).toBe('0.30');
    expect(money(4835 * 0.095)).toBe('459.33');
  });

  it('lists the 12 contribution months ending with the reference month', () => {
    expect(contributionMonths('2026-01-15')).toEqual([
      '202502',
      '202503',
      '202504',
      '202505',
      '202506',
      '202507',
      '202508',
      '202509',
      '202510',
      '202511',
      '202512',
      '202601',
    ]);
  });
});
