// Shapes of the platform's JSON answers that the console reads (see /api/openapi.json).

/** The user part of a login or refresh answer. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  roles: string[];
}

/** POST /api/v1/auth/login and /auth/refresh. */
export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  uscc: string;
  regionCode: string;
  regionName: string | null;
  level: string;
  parentId: string | null;
  isOperator: boolean;
  contact: { name: string | null; phone: string | null; email: string | null };
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface User {
  id: string;
  orgId: string;
  username: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  status: string;
  locked: boolean;
  totpEnabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/v1/me */
export interface Me {
  user: User;
  organisation: Organisation;
  roles: string[];
  mfa: boolean;
}

/** GET /api/v1/overview/identity */
export interface IdentityOverview {
  organisationsByLevel: { level: string; n: number }[];
  organisationsByRegion: { regionCode: string; regionName: string | null; n: number }[];
  usersByRole: { role: string; n: number }[];
}

/** GET /api/v1/audit/events (newest first). */
export interface AuditEvent {
  id: string;
  occurredAt: string;
  requestId: string;
  actorKind: string;
  actorId: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  orgId: string | null;
  changeDigest: string | null;
  digestAlg: string;
  details: Record<string, unknown>;
}

/** GET /api/v1/platform/keys */
export interface PlatformKey {
  purpose: string;
  id: string;
  alg: string;
  publicKeyPem: string;
  publicKeyHex: string | null;
  current: boolean;
  createdAt: string;
  retiredAt: string | null;
}
