import type { RequestContext } from './context.js';
import { AppError, forbidden } from './errors.js';

// Deny by default: a permission is held only if one of the actor's roles grants it, platform-wide or for
// the actor's own organisation. The table is the single place where roles meet permissions.

/** The three separated duties (三员分立): no user may hold two of them. */
export const DUTY_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
/** Roles inside a department. */
export const ORG_ROLES = ['org_admin', 'steward', 'approver', 'consumer', 'analyst'] as const;
/** Roles only users of the operator organisation (the data bureau) may hold. */
export const OPERATOR_ROLES = ['reviewer'] as const;
export const ALL_ROLES = [...DUTY_ROLES, ...ORG_ROLES, ...OPERATOR_ROLES] as const;

export type DutyRole = (typeof DUTY_ROLES)[number];
export type Role = (typeof ALL_ROLES)[number];

/** True for one of the three duties. */
export function isDutyRole(r: string): r is DutyRole {
  return (DUTY_ROLES as readonly string[]).includes(r);
}

/** True for any known role. */
export function isRole(r: string): r is Role {
  return (ALL_ROLES as readonly string[]).includes(r);
}

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'org.key.read'
  | 'org.key.write'
  | 'user.read'
  | 'user.write'
  | 'role.assign'
  | 'role.assign.org'
  | 'client.read'
  | 'client.write'
  | 'platform.key.read'
  | 'platform.key.rotate'
  | 'security.policy'
  | 'audit.read'
  | 'job.read'
  | 'webhook.read'
  | 'webhook.write'
  | 'job.manage'
  | 'catalogue.edit'
  | 'catalogue.review'
  | 'sharing.read'
  | 'sharing.apply'
  | 'sharing.decide'
  | 'sharing.mediate'
  | 'objection.read'
  | 'objection.raise'
  | 'objection.answer'
  | 'exchange.trace';

type Scope = 'platform' | 'own-org';
type Grants = Partial<Record<Permission, Scope>>;

const TABLE: Record<Role, Grants> = {
  // Organisations and users; never audit, evidence or security policy.
  sysadmin: {
    'org.read': 'platform',
    'org.write': 'platform',
    'org.key.read': 'platform',
    'user.read': 'platform',
    'user.write': 'platform',
    'client.read': 'platform',
    'client.write': 'platform',
    'job.read': 'platform',
    'job.manage': 'platform',
    'webhook.read': 'platform',
    'webhook.write': 'platform',
  },
  // Roles, security policy and keys; no user administration.
  secadmin: {
    'org.read': 'platform',
    'org.key.read': 'platform',
    'org.key.write': 'platform',
    'user.read': 'platform',
    'role.assign': 'platform',
    'client.read': 'platform',
    'platform.key.read': 'platform',
    'platform.key.rotate': 'platform',
    'security.policy': 'platform',
    'exchange.trace': 'platform',
  },
  // Reads audit and evidence only.
  auditor: {
    'audit.read': 'platform',
    'platform.key.read': 'platform',
    'sharing.read': 'platform',
    'objection.read': 'platform',
    // Leak tracing reads who received what: an investigation, as audit reads are.
    'exchange.trace': 'platform',
  },
  // A department's own administrator: its staff, API clients and keys.
  org_admin: {
    'org.read': 'own-org',
    'user.write': 'own-org',
    'role.assign.org': 'own-org',
    'org.key.read': 'own-org',
    'org.key.write': 'own-org',
    'user.read': 'own-org',
    'client.read': 'own-org',
    'client.write': 'own-org',
    'webhook.read': 'own-org',
    'webhook.write': 'own-org',
    'sharing.read': 'own-org',
    'objection.read': 'own-org',
  },
  // Registers and maintains the department's catalogue resources.
  // Answers objections to the department's data (accept, reject, correct) with the approver.
  steward: {
    'org.read': 'own-org',
    'catalogue.edit': 'own-org',
    'sharing.read': 'own-org',
    'objection.read': 'own-org',
    'objection.answer': 'own-org',
  },
  // Decides the department's part of applications (as provider) and suspends or revokes its grants.
  approver: {
    'org.read': 'own-org',
    'sharing.read': 'own-org',
    'sharing.decide': 'own-org',
    'objection.read': 'own-org',
    'objection.answer': 'own-org',
  },
  // Applies for data on behalf of the department, posts demands, disputes refusals.
  // Reads its organisation's API clients to name them in applications.
  consumer: {
    'org.read': 'own-org',
    'sharing.read': 'own-org',
    'sharing.apply': 'own-org',
    'client.read': 'own-org',
    'objection.read': 'own-org',
    'objection.raise': 'own-org',
  },
  analyst: { 'org.read': 'own-org' },
  // The data bureau's reviewers: catalogue review, application pre-review, demand routing, escalations, mediation.
  reviewer: {
    'org.read': 'platform',
    'catalogue.review': 'platform',
    'sharing.read': 'platform',
    'sharing.mediate': 'platform',
    'objection.read': 'platform',
    'objection.raise': 'platform',
  },
};

/** The widest scope in which the actor holds a permission, or null. */
export function scopeOf(ctx: RequestContext, permission: Permission): Scope | null {
  let best: Scope | null = null;
  for (const role of ctx.actor.roles) {
    const s = TABLE[role][permission];
    if (s === 'platform') return 'platform';
    if (s) best = s;
  }
  return best;
}

/** True when the actor may exercise the permission (on the given organisation, if org-scoped). */
export function can(ctx: RequestContext, permission: Permission, orgId?: string | null): boolean {
  if (ctx.actor.kind !== 'user') return false;
  const s = scopeOf(ctx, permission);
  if (s === 'platform') return true;
  if (s === 'own-org') return orgId === undefined || (orgId !== null && orgId === ctx.actor.orgId);
  return false;
}

/** Throws 401 for anonymous callers and 403 when the permission is not held. */
export function authorize(ctx: RequestContext, permission: Permission, orgId?: string | null): void {
  requireUser(ctx);
  if (!can(ctx, permission, orgId)) throw forbidden(permission);
}

/** Throws 401 unless a user is logged in. */
export function requireUser(ctx: RequestContext): void {
  if (ctx.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Authentication required.');
  if (ctx.actor.kind !== 'user') throw forbidden('user session');
}

/** The roles that grant a permission (for docs and tests). */
export function rolesWith(permission: Permission): Role[] {
  return ALL_ROLES.filter((r) => TABLE[r][permission] !== undefined);
}
