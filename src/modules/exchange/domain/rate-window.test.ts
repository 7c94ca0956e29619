import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateWindows } from './rate-window.js';

describe('per-grant sliding rate windows', () => {
  it('admits up to the limit within a minute, then refuses with a retry time, then admits again', () => {
    const r = new RateWindows();
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 10; i++) expect(r.take('g', 1, 10, t0 + i * 1000).ok).toBe(true);
    const refused = r.take('g', 1, 10, t0 + 10_000);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfter).toBeGreaterThan(0);
      expect(refused.retryAfter).toBeLessThanOrEqual(60);
      // After the announced wait, it is admitted.
      expect(r.take('g', 1, 10, t0 + 10_000 + refused.retryAfter * 1000).ok).toBe(true);
    }
    // Other keys are independent; a batch larger than the limit never fits.
    expect(r.take('h', 10, 10, t0).ok).toBe(true);
    expect(r.take('k', 11, 10, t0).ok).toBe(false);
  });

  it('a unit leaves the window no earlier than 60 seconds after it was taken (slot boundaries)', () => {
    const r = new RateWindows();
    const slotStart = 1_700_000_000_000 - (1_700_000_000_000 % 5000);
    expect(r.take('g', 1, 1, slotStart + 4900).ok).toBe(true);
    // 55.1 s later the old slot has turned over once more, but the unit is not a minute old yet.
    expect(r.take('g', 1, 1, slotStart + 60_000).ok).toBe(false);
    expect(r.take('g', 1, 1, slotStart + 65_000).ok).toBe(true);
  });

  it('never admits more than the limit in any 60-second span (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 9000 }), n: fc.integer({ min: 1, max: 5 }) }), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 20 }),
        (calls, limit) => {
          const r = new RateWindows();
          let now = 1_700_000_000_000;
          const admitted: { at: number; n: number }[] = [];
          for (const c of calls) {
            now += c.dt;
            if (r.take('g', c.n, limit, now).ok) admitted.push({ at: now, n: c.n });
          }
          for (const a of admitted) {
            const span = admitted
              .filter((b) => b.at > a.at - 60_000 && b.at <= a.at)
              .reduce((s, b) => s + b.n, 0);
            if (span > limit) return false;
          }
          return true;
        },
      ),
      { numRuns: 500 },
    );
  });
});
