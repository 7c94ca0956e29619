import { describe, expect, it } from 'vitest';
import { requiresTotp, roleSetProblem } from './duties.js';
import { ipAllowed, ipEntryProblem } from './ip-allow.js';
import { passwordProblems } from './password.js';

describe('separation of duties', () => {
  it('allows one duty alone in the operator organisation', () => {
    expect(roleSetProblem(['sysadmin'], true)).toBeNull();
    expect(roleSetProblem(['reviewer', 'consumer'], true)).toBeNull();
    expect(roleSetProblem(['steward', 'approver'], false)).toBeNull();
  });
  it('refuses two duties, a duty with another role, duties or reviewer outside the operator', () => {
    expect(roleSetProblem(['sysadmin', 'auditor'], true)).toMatch(/separation of duties/);
    expect(roleSetProblem(['secadmin', 'reviewer'], true)).toMatch(/cannot be combined/);
    expect(roleSetProblem(['auditor'], false)).toMatch(/operator organisation/);
    expect(roleSetProblem(['reviewer'], false)).toMatch(/operator organisation/);
  });
  it('requires TOTP exactly for the duties', () => {
    expect(requiresTotp(['auditor'])).toBe(true);
    expect(requiresTotp(['org_admin', 'reviewer'])).toBe(false);
  });
});

describe('ip allow-lists', () => {
  it('parses entries and matches v4, v6 and mapped addresses', () => {
    expect(ipEntryProblem('10.1.0.0/16')).toBeNull();
    expect(ipEntryProblem('2001:db8::/32')).toBeNull();
    expect(ipEntryProblem('10.1.0.0/33')).toMatch(/prefix/);
    expect(ipEntryProblem('example.org')).toMatch(/IP/);
    expect(ipAllowed([], '1.2.3.4')).toBe(true);
    expect(ipAllowed(['10.1.0.0/16'], '10.1.200.3')).toBe(true);
    expect(ipAllowed(['10.1.0.0/16'], '::ffff:10.1.200.3')).toBe(true);
    expect(ipAllowed(['10.1.0.0/16'], '10.2.0.1')).toBe(false);
    expect(ipAllowed(['2001:db8::/32'], '2001:db8::1')).toBe(true);
    expect(ipAllowed(['10.1.0.0/16'], undefined)).toBe(false);
  });
});

describe('password policy', () => {
  it('wants length and three character classes', () => {
    expect(passwordProblems('short1A!')).toMatch(/10/);
    expect(passwordProblems('alllowercaseletters')).toMatch(/three/);
    expect(passwordProblems('Orderly@2026')).toBeNull();
  });
});
