import type { Application, OrgRef, Sla, Stage } from './types';

// Small readings of the sharing shapes shared by several pages.

/** An organisation's name, or its id when the server did not name it. */
export function orgName(o: OrgRef | null | undefined): string {
  return o ? (o.name ?? o.id) : '';
}

/** Why an application was returned: its own note, else the latest return in its history. */
export function returnComment(a: Application): string | null {
  if (a.returned?.comment) return a.returned.comment;
  const last = [...a.history].reverse().find((h) => h.action.endsWith('.return') && h.comment);
  return last?.comment ?? null;
}

/** The badge of a stage clock: null once the stage is closed. */
export function stageSla(s: Stage | null | undefined): Sla | null {
  if (!s?.sla) return null;
  return { stage: s.stage, state: s.sla, dueAt: s.dueAt, remainingWorkingDays: s.remainingWorkingDays ?? 0 };
}

const SLA_ORDER = { red: 0, amber: 1, green: 2, paused: 3 } as const;

/** Orders clocks most urgent first: overdue, then due soon, then by working days left; paused last. */
export function byUrgency(a: Sla | null, b: Sla | null): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return SLA_ORDER[a.state] - SLA_ORDER[b.state] || a.remainingWorkingDays - b.remainingWorkingDays;
}

/** The most urgent of several clocks, or null when none runs. */
export function mostUrgent(slas: readonly (Sla | null)[]): Sla | null {
  return [...slas].sort(byUrgency)[0] ?? null;
}
