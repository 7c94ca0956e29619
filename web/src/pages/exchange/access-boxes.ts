import type { AccessEvent } from '../sharing/types';

// Which sides of the access view a user may open (docs/exchange.md "Who accessed what"): a department's
// approvers see accesses to its resources, its consumers its own accesses; the bureau's reviewers and the
// auditors see all. The server enforces the same; this only decides the tabs.

export type AccessBox = 'provider' | 'consumer' | 'all';

/** The boxes for these roles, the most specific first. */
export function accessBoxes(roles: readonly string[]): AccessBox[] {
  const has = (r: string) => roles.includes(r);
  // Platform readers' provider and consumer boxes would be unfiltered: they get "all" only.
  if (has('reviewer') || has('auditor')) return ['all'];
  return [
    ...(has('approver') ? (['provider'] as const) : []),
    ...(has('consumer') ? (['consumer'] as const) : []),
  ];
}

/** An access row as the paged list keys it. */
export type AccessRow = AccessEvent & { id: string };
