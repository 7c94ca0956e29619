import { describe, expect, it } from 'vitest';
import { authorize, can, rolesWith, type Role } from './access.js';
import type { RequestContext } from './context.js';
import { AppError } from './errors.js';

function ctx(roles: Role[], orgId = 'org-a', kind: 'user' | 'client' | 'anonymous' = 'user'): RequestContext {
  return { requestId: 'r', actor: { kind, id: 'u', orgId, roles, scopes: [], mfa: true } };
}

describe('permission table', () => {
  it('keeps the three duties apart', () => {
    expect(rolesWith('audit.read')).toEqual(['auditor']);
    expect(rolesWith('role.assign')).toEqual(['secadmin']);
    expect(rolesWith('platform.key.rotate')).toEqual(['secadmin']);
    expect(rolesWith('security.policy')).toEqual(['secadmin']);
    expect(rolesWith('org.write')).toEqual(['sysadmin']);
    // sysadmin administers users; secadmin does not; auditor touches nothing but audit.
    expect(rolesWith('user.write')).toContain('sysadmin');
    expect(rolesWith('user.write')).not.toContain('secadmin');
    expect(rolesWith('user.write')).not.toContain('auditor');
  });

  it('scopes department roles to their own organisation', () => {
    expect(can(ctx(['org_admin']), 'user.write', 'org-a')).toBe(true);
    expect(can(ctx(['org_admin']), 'user.write', 'org-b')).toBe(false);
    expect(can(ctx(['org_admin']), 'user.write', null)).toBe(false);
    expect(can(ctx(['sysadmin']), 'user.write', 'org-b')).toBe(true);
  });

  it('denies by default: no roles, anonymous callers and API clients hold no user permission', () => {
    expect(can(ctx([]), 'org.read')).toBe(false);
    expect(can(ctx(['sysadmin'], 'org-a', 'client'), 'org.read')).toBe(false);
    expect(() => authorize(ctx([], 'x', 'anonymous'), 'org.read')).toThrow(AppError);
    try {
      authorize(ctx(['steward']), 'org.write');
    } catch (e) {
      expect((e as AppError).status).toBe(403);
    }
    try {
      authorize(ctx([], 'x', 'anonymous'), 'org.read');
    } catch (e) {
      expect((e as AppError).status).toBe(401);
    }
  });
});
