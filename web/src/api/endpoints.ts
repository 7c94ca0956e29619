import { api } from './client';
import { ApiError } from './errors';
import { qs } from './query';
import type { AuditEvent, IdentityOverview, Me, Organisation, PlatformKey, User } from './types';

// Typed reads of the platform API used by the pages.

export const getMe = () => api<Me>('GET', '/api/v1/me');

export const listOrganisations = (q?: string) =>
  api<Organisation[]>('GET', `/api/v1/organisations${qs({ q, limit: 500 })}`);

export const listUsers = (q?: string) => api<User[]>('GET', `/api/v1/users${qs({ q, limit: 500 })}`);

export const listAuditEvents = (before?: string, limit = 50) =>
  api<AuditEvent[]>('GET', `/api/v1/audit/events${qs({ before, limit })}`);

export const listPlatformKeys = () => api<PlatformKey[]>('GET', '/api/v1/platform/keys');

/**
 * Counts for the overview charts. Falls back to counting the organisation and user lists when the platform
 * does not (yet) offer /api/v1/overview/identity — same numbers, more bytes.
 */
export async function getIdentityOverview(): Promise<IdentityOverview> {
  try {
    return await api<IdentityOverview>('GET', '/api/v1/overview/identity');
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'NOT_FOUND') throw e;
  }
  const [orgs, users] = await Promise.all([listOrganisations(), listUsers()]);
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m.entries()];
  };
  const regionNames = new Map(orgs.map((o) => [o.regionCode, o.regionName]));
  return {
    organisationsByLevel: count(orgs.map((o) => o.level)).map(([level, n]) => ({ level, n })),
    organisationsByRegion: count(orgs.map((o) => o.regionCode)).map(([regionCode, n]) => ({
      regionCode,
      regionName: regionNames.get(regionCode) ?? null,
      n,
    })),
    usersByRole: count(users.flatMap((u) => u.roles)).map(([role, n]) => ({ role, n })),
  };
}
