// Row types of the identity tables (the repository's view of the schema in migrations/).

export interface OrganisationRow {
  id: string;
  name: string;
  short_name: string | null;
  uscc: string;
  region_code: string;
  level: string;
  parent_id: string | null;
  is_operator: number;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface OrgKeyRow {
  id: string;
  org_id: string;
  purpose: string;
  profile: string;
  alg: string;
  public_pem: string;
  public_hex: string | null;
  fingerprint: string;
  private_enc: string | null;
  origin: string;
  status: string;
  created_at: string;
  retired_at: string | null;
}

export interface UserRow {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  status: string;
  failed_logins: number;
  locked_until: string | null;
  totp_secret_enc: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleRow {
  user_id: string;
  role: string;
  granted_at: string;
  granted_by: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  refresh_hash: string;
  family_id: string;
  mfa: number;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
}

export interface ApiClientRow {
  id: string;
  org_id: string;
  name: string;
  auth_method: string;
  secret_hash: string | null;
  public_pem: string | null;
  public_alg: string | null;
  ip_allow: string;
  scopes: string;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface IdentityTables {
  organisations: OrganisationRow;
  org_keys: OrgKeyRow;
  users: UserRow;
  user_roles: UserRoleRow;
  sessions: SessionRow;
  api_clients: ApiClientRow;
  client_assertion_jtis: { client_id: string; jti: string; expires_at: string };
  /** One row: bumped with every change to a client or an organisation (token caches probe it). */
  identity_epoch: { id: string; epoch: number | string | bigint };
}
