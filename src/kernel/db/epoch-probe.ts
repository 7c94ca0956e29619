import { performance } from 'node:perf_hooks';

// Per-process caches of database state (compiled grants, authenticated client tokens) stay correct across
// processes through a one-row epoch that every relevant change bumps in its own transaction. The cache reads
// the epoch at most every `periodMs` of real (monotonic) time and drops everything when it moved. A request
// that starts `periodMs` or more after a change committed therefore either probes itself or relies on a probe
// that started after the commit: it never sees the old state, in any process.

/** The default staleness bound of an epoch-probed cache, in real milliseconds (well under one second). */
export const EPOCH_PROBE_MS = 250;

/** Reads an epoch at most every `periodMs` and calls `onChange` when it moved (and on the first read). */
export class EpochProbe {
  private epoch: number | null = null;
  /** Start time (performance.now) of the latest completed read; the cache is as fresh as that instant. */
  private probedAt = Number.NEGATIVE_INFINITY;
  private inflight: { start: number; done: Promise<void> } | null = null;

  constructor(
    private readonly read: () => Promise<number>,
    private readonly onChange: () => void,
    private readonly periodMs = EPOCH_PROBE_MS,
  ) {}

  /** Makes sure the epoch was read no earlier than `periodMs` ago. */
  async check(): Promise<void> {
    const now = performance.now();
    if (now - this.probedAt < this.periodMs) return;
    // Requests arriving together share one read, as long as it started recently enough.
    const running = this.inflight;
    if (running && now - running.start < this.periodMs) return running.done;
    const done = this.readAt(now);
    this.inflight = { start: now, done };
    try {
      await done;
    } finally {
      if (this.inflight?.done === done) this.inflight = null;
    }
  }

  /** Forces the next check to read (after a change this process committed). */
  expire(): void {
    this.probedAt = Number.NEGATIVE_INFINITY;
  }

  private async readAt(start: number): Promise<void> {
    const epoch = await this.read();
    // Concurrent reads: only a result read no earlier than the current one may replace it.
    if (start < this.probedAt) return;
    if (epoch !== this.epoch) {
      this.onChange();
      this.epoch = epoch;
    }
    this.probedAt = start;
  }
}
