import { describe, expect, it } from 'vitest';
import { sequentialItem } from './probing.js';

const id = (n: number) => `33010619800101${String(n).padStart(3, '0')}X`;

describe('sequential probing', () => {
  it('flags consecutive ID numbers (check characters and all)', () => {
    const subjects = Array.from({ length: 12 }, (_, i) => ({ I001: id(100 + i), I002: '某某' }));
    expect(sequentialItem(subjects)).toBe('I001');
  });

  it('does not flag a real caseload: scattered numbers, few subjects, or names', () => {
    const scattered = Array.from({ length: 50 }, (_, i) => ({
      I001: `3301${String(10_000_000 + i * 7_919_333).slice(0, 8)}${i % 10}0011`,
    }));
    expect(sequentialItem(scattered)).toBeNull();
    const few = Array.from({ length: 9 }, (_, i) => ({ I001: id(i) }));
    expect(sequentialItem(few)).toBeNull();
    const names = Array.from({ length: 30 }, (_, i) => ({ I002: `姓名${i}` }));
    expect(sequentialItem(names)).toBeNull();
  });

  it('flags half a batch sequential even when the rest is noise', () => {
    const seq = Array.from({ length: 10 }, (_, i) => ({ I001: id(500 + i * 3) }));
    const noise = Array.from({ length: 10 }, (_, i) => ({
      I001: `11010${i}19900101${String(i * 97).padStart(3, '0')}5`,
    }));
    expect(sequentialItem([...noise, ...seq])).toBe('I001');
  });
});
