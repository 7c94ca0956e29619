import { flag, regionName } from '../../kernel/index.js';
import type { ApiClientRow, OrganisationRow, OrgKeyRow, UserRow } from './tables.js';

// Presenters: the only shapes that leave the module. Never raw rows; never hashes or wrapped keys.

/** An organisation as clients see it. */
export function presentOrganisation(r: OrganisationRow) {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    uscc: r.uscc,
    regionCode: r.region_code,
    regionName: regionName(r.region_code) ?? null,
    level: r.level,
    parentId: r.parent_id,
    isOperator: flag(r.is_operator),
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email },
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type Organisation = ReturnType<typeof presentOrganisation>;

/** A public key of an organisation. */
export function presentOrgKey(r: OrgKeyRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    purpose: r.purpose,
    profile: r.profile,
    alg: r.alg,
    publicKeyPem: r.public_pem,
    publicKeyHex: r.public_hex,
    fingerprint: r.fingerprint,
    origin: r.origin,
    custodial: r.private_enc !== null,
    status: r.status,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
  };
}
export type OrgKey = ReturnType<typeof presentOrgKey>;

/** A user as administrators see them; `now` is the platform clock's time (decides `locked`). */
export function presentUser(r: UserRow, roles: string[], now: Date) {
  return {
    id: r.id,
    orgId: r.org_id,
    username: r.username,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    roles,
    status: r.status,
    locked: r.locked_until !== null && r.locked_until > now.toISOString(),
    totpEnabled: flag(r.totp_enabled),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type User = ReturnType<typeof presentUser>;

/** An API client (never its secret). */
export function presentClient(r: ApiClientRow) {
  return {
    id: r.id,
    orgId: r.org_id,
    name: r.name,
    authMethod: r.auth_method,
    publicKeyPem: r.public_pem,
    publicKeyAlg: r.public_alg,
    ipAllow: JSON.parse(r.ip_allow) as string[],
    scopes: JSON.parse(r.scopes) as string[],
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type ApiClient = ReturnType<typeof presentClient>;
