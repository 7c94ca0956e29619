// Per-grant rate limits (the grant's `rateLimitPerMinute`): a sliding window over the last minute (in 5-second
// slots) of this server process, counted in calls for reads and in subjects for verification. Kept in memory because
// it is checked on every request of the hot path; with several server processes behind a balancer each
// enforces the limit, so the platform-wide ceiling is the limit times the number of processes (the daily
// quotas, which bound volume, are counted in the database and exact).

const WINDOW_MS = 60_000;
const SLOT_MS = 5_000;
// The current slot and the twelve before it: a unit leaves the window 60 to 65 seconds after it was taken,
// never earlier, so no 60-second span ever holds more than the limit.
const SLOTS = WINDOW_MS / SLOT_MS + 1;

interface Window {
  slots: number[];
  /** The slot number (time / slot length) of slots[0]. */
  base: number;
}

/** Sliding-window counters per key. */
export class RateWindows {
  private readonly windows = new Map<string, Window>();
  private readonly slotMs = SLOT_MS;

  /**
   * Takes `n` units for `key` at time `now` if that keeps the last minute within `limit`; otherwise takes
   * nothing and returns the seconds until enough units have left the window.
   */
  take(key: string, n: number, limit: number, now: number): { ok: true } | { ok: false; retryAfter: number } {
    if (n > limit) return { ok: false, retryAfter: 60 };
    const slot = Math.floor(now / this.slotMs);
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = { slots: new Array<number>(SLOTS).fill(0), base: slot - SLOTS + 1 }));
    // Slide: drop slots older than the window.
    const shift = slot - (w.base + SLOTS - 1);
    if (shift > 0) {
      w.slots =
        shift >= SLOTS
          ? new Array<number>(SLOTS).fill(0)
          : [...w.slots.slice(shift), ...new Array<number>(shift).fill(0)];
      w.base += shift;
    }
    const used = w.slots.reduce((a, b) => a + b, 0);
    if (used + n <= limit) {
      w.slots[SLOTS - 1]! += n;
      return { ok: true };
    }
    // The oldest slots leave first: how many must leave before n more fit?
    let freed = 0;
    for (let i = 0; i < SLOTS; i++) {
      freed += w.slots[i]!;
      if (used - freed + n <= limit) {
        // Slot w.base + i leaves when the current slot is SLOTS past it.
        const leavesAt = (w.base + i + SLOTS) * this.slotMs;
        return { ok: false, retryAfter: Math.max(1, Math.ceil((leavesAt - now) / 1000)) };
      }
    }
    return { ok: false, retryAfter: 60 };
  }

  /** Forgets windows idle for a whole minute (bounded memory with many grants). */
  prune(now: number): void {
    const slot = Math.floor(now / this.slotMs);
    for (const [k, w] of this.windows) if (slot - (w.base + SLOTS - 1) >= SLOTS) this.windows.delete(k);
  }
}
