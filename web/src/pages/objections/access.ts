import type { Objection, ObjectionBox } from './types';

// What the console offers whom (docs/objections.md "Who does what"); the server decides again on every call.
// A department's approvers and stewards answer objections to its resources, its consumers raise and rate
// them; the bureau's reviewers raise without a grant and read everything, as the auditors do.

/** The boxes for these roles, the most specific first. */
export function objectionBoxes(roles: readonly string[]): ObjectionBox[] {
  const has = (r: string) => roles.includes(r);
  const boxes: ObjectionBox[] = [];
  if (has('approver') || has('steward')) boxes.push('provider');
  if (has('consumer') || has('reviewer')) boxes.push('raised');
  if (has('reviewer') || has('auditor')) boxes.unshift('all');
  return boxes.length ? boxes : ['all'];
}

/** Whether the user answers for the objection's provider (accept, reject, correct, dismiss). */
export function answers(o: Objection, user: { orgId: string | null; roles: readonly string[] }): boolean {
  return o.provider?.id === user.orgId && user.roles.some((r) => r === 'approver' || r === 'steward');
}

/** Whether the user rates for the raiser's organisation. */
export function rates(o: Objection, user: { orgId: string | null; roles: readonly string[] }): boolean {
  return o.raiser?.id === user.orgId && user.roles.some((r) => r === 'consumer' || r === 'reviewer');
}

/** Steps after which the raiser may rate. */
export const RATEABLE: readonly Objection['status'][] = ['rejected', 'corrected', 'dismissed'];
