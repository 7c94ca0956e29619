import { describe, expect, it } from 'vitest';
import { computeScorecard, type ScoreInput } from './score.js';

const base = (over: Partial<ScoreInput> = {}): ScoreInput => ({
  items: [
    { name: 'id', nullable: false, primaryKey: true },
    { name: 'name', nullable: true, primaryKey: false },
  ],
  rules: [
    { id: 'gen:name:maxLength', items: ['name'], dimension: 'validity' },
    { id: 'gen:id:idBirthDate', items: ['id', 'birth'], dimension: 'consistency' },
    { id: 'gen:id:idRegion', items: ['id'], dimension: 'informational' },
  ],
  rows: 100,
  nonNull: { id: 100, name: 80 },
  flagged: new Map(),
  lastJob: { read: 110, rejected: 10, duplicates: 0 },
  lastLoadedAt: '2026-03-01T00:00:00Z',
  updateCycle: 'daily',
  now: new Date('2026-03-01T12:00:00Z'),
  ...over,
});

describe('quality scorecard', () => {
  it('scores completeness with required items weighted double', () => {
    const s = computeScorecard(base());
    expect(s.items.find((i) => i.item === 'name')!.completeness).toBe(0.8);
    expect(s.dimensions.completeness).toBeCloseTo((2 * 1 + 0.8) / 3, 4);
  });

  it('lowers validity with warnings and rejects, consistency with cross-field warnings only', () => {
    const s = computeScorecard(
      base({
        flagged: new Map([
          ['gen:name:maxLength', 20],
          ['gen:id:idBirthDate', 5],
          ['gen:id:idRegion', 50],
        ]),
      }),
    );
    expect(s.items.find((i) => i.item === 'name')!.validity).toBe(0.8);
    expect(s.dimensions.validity).toBeCloseTo(((1 + 0.8) / 2) * (1 - 10 / 110), 4);
    expect(s.dimensions.consistency).toBe(0.95);
  });

  it('counts duplicates in uniqueness, not validity', () => {
    const s = computeScorecard(base({ lastJob: { read: 100, rejected: 10, duplicates: 10 } }));
    expect(s.dimensions.uniqueness).toBe(0.9);
    expect(s.dimensions.validity).toBe(1);
  });

  it('decays timeliness after the period and marks overdue', () => {
    expect(computeScorecard(base()).freshness.overdue).toBe(false);
    const late = computeScorecard(base({ now: new Date('2026-03-03T00:00:00Z') }));
    expect(late.freshness.overdue).toBe(true);
    expect(late.dimensions.timeliness).toBe(0.5);
    expect(computeScorecard(base({ now: new Date('2026-03-10T00:00:00Z') })).dimensions.timeliness).toBe(0);
    expect(computeScorecard(base({ lastLoadedAt: null })).dimensions.timeliness).toBe(0);
    expect(
      computeScorecard(base({ updateCycle: 'irregular', now: new Date('2027-01-01T00:00:00Z') })).freshness
        .overdue,
    ).toBe(false);
  });

  it('gives 100 to a perfect, fresh table and stays within 0..100', () => {
    const s = computeScorecard(
      base({ nonNull: { id: 100, name: 100 }, lastJob: { read: 100, rejected: 0, duplicates: 0 } }),
    );
    expect(s.score).toBe(100);
    const empty = computeScorecard(base({ rows: 0, nonNull: {}, lastJob: null, lastLoadedAt: null }));
    expect(empty.score).toBeGreaterThanOrEqual(0);
    expect(empty.score).toBeLessThanOrEqual(100);
  });
});
