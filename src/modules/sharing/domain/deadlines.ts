// Deadline clocks of the review workflow (docs/sharing.md "Deadlines"). A stage's clock runs from its start to
// its due instant; a return for amendment pauses every running clock of the application and keeps the working
// days left (at least one, so a resubmission never starts already overdue); resubmission restarts each clock
// with that many days. Pure: the calendar is passed in.
import { remainingWorkingDays, type WorkingCalendar } from '../../calendar/index.js';

/** The SLA state of a stage as people see it. */
export type SlaState = 'green' | 'amber' | 'red' | 'paused';

/** A stage clock as stored. */
export interface StageClock {
  dueAt: string;
  pausedAt: string | null;
  /** Working days left when paused (null while running). */
  remainingDays: number | null;
}

/** The working days a paused clock keeps: what is left at the pause, never less than one. */
export function daysKeptOnPause(cal: WorkingCalendar, now: Date, dueAt: string): number {
  return Math.max(1, remainingWorkingDays(cal, now, dueAt).days);
}

/** SLA state and working days left of a stage at `now`. */
export function slaOf(
  cal: WorkingCalendar,
  now: Date,
  clock: StageClock,
): { state: SlaState; remainingWorkingDays: number; overdue: boolean } {
  if (clock.pausedAt !== null)
    return { state: 'paused', remainingWorkingDays: clock.remainingDays ?? 1, overdue: false };
  const r = remainingWorkingDays(cal, now, clock.dueAt);
  // Amber on the due date and the working day before it: "due today or tomorrow".
  const state: SlaState = r.overdue ? 'red' : r.days <= 1 ? 'amber' : 'green';
  return { state, remainingWorkingDays: r.days, overdue: r.overdue };
}

/** True when a running stage is past its due instant. */
export function isOverdue(now: Date, clock: StageClock): boolean {
  return clock.pausedAt === null && now.getTime() >= Date.parse(clock.dueAt);
}
