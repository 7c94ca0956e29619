// Time comes from an injectable clock so tests can move it (deadlines, expiries, lockouts, retries).

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-01-05T01:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  /** The clock's current time. */
  now(): Date {
    return new Date(this.t);
  }
  /** Moves the clock forward by ms. */
  advance(ms: number): void {
    this.t += ms;
  }
  /** Sets the clock to a time. */
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}

/** ISO-8601 UTC with milliseconds: the one text form of a timestamp in storage and APIs. */
export function isoUtc(d: Date): string {
  return d.toISOString();
}

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** Formats a time for people: Asia/Shanghai, 'YYYY-MM-DD HH:mm:ss'. */
export function formatShanghai(d: Date | string): string {
  return SHANGHAI.format(new Date(d));
}

/** The local calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(d: Date | string): string {
  return formatShanghai(d).slice(0, 10);
}
