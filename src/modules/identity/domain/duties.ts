import { isDutyRole, OPERATOR_ROLES, type Role } from '../../../kernel/index.js';

// Separation of duties (三员分立) and role eligibility, as pure rules the service applies before any write.

/** Why a role set is not allowed for a user, or null when it is. */
export function roleSetProblem(roles: readonly Role[], orgIsOperator: boolean): string | null {
  const duties = roles.filter(isDutyRole);
  if (duties.length > 1) {
    return `separation of duties: a user may hold only one of sysadmin, secadmin, auditor (got ${duties.join(', ')})`;
  }
  if (duties.length === 1 && roles.length > 1) {
    return `separation of duties: ${duties[0]} cannot be combined with other roles`;
  }
  if (!orgIsOperator && duties.length === 1) {
    return `${duties[0]} must belong to the operator organisation`;
  }
  const operatorOnly = roles.filter((r) => (OPERATOR_ROLES as readonly string[]).includes(r));
  if (!orgIsOperator && operatorOnly.length > 0) {
    return `${operatorOnly.join(', ')} may only be held by users of the operator organisation`;
  }
  return null;
}

/** True when a role set requires a TOTP second factor. */
export function requiresTotp(roles: readonly Role[]): boolean {
  return roles.some(isDutyRole);
}
