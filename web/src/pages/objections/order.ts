import type { Objection } from './types';

// The order of a list: objections whose deadline runs first — overdue, then due on the last working day, then
// by working days left — and the others after them in the server's order (newest first). Array.sort is
// stable, so equal ones keep that order.

const SLA_ORDER = { red: 0, amber: 1, green: 2 } as const;

export function byUrgency(a: Objection, b: Objection): number {
  const x = a.deadline?.sla;
  const y = b.deadline?.sla;
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return (
    SLA_ORDER[x] - SLA_ORDER[y] || (a.deadline?.workingDaysLeft ?? 0) - (b.deadline?.workingDaysLeft ?? 0)
  );
}
