import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { makeUscc, USCC_CHARSET, type Role } from '../../src/kernel/index.js';
import { totpCode } from '../../src/modules/identity/index.js';
import { PASSWORD, type TestPlatform } from './platform.js';

// Helpers for the identity and HTTP-edge suites: requests from distinct client addresses (so the per-IP
// login rate limit never trips by accident), a populated "world" with one user per role, and small readers
// of the audit trail straight from the database.

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

let ipSeq = 0;
/** A fresh client address for each call (10.77.x.y). */
export function nextIp(): string {
  ipSeq++;
  return `10.77.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

/** Options of one request. */
export interface SendOptions {
  token?: string | undefined;
  payload?: unknown;
  remoteAddress?: string;
  headers?: Record<string, string>;
}

/** Sends a request through the real Fastify app; JSON payloads unless a string is given. */
export async function send(
  t: TestPlatform,
  method: Method,
  url: string,
  opts: SendOptions = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return t.app.inject({
    method,
    url,
    headers,
    remoteAddress: opts.remoteAddress ?? nextIp(),
    ...(opts.payload !== undefined && { payload: opts.payload as string }),
  });
}

/** The body of an error reply after checking its status, code and shape. */
export function expectError(
  res: LightMyRequestResponse,
  status: number,
  code: string,
): { code: string; message: string; details: Record<string, unknown> | null; requestId: string } {
  if (res.statusCode !== status)
    throw new Error(`expected ${status} ${code}, got ${res.statusCode} ${res.body}`);
  const body = res.json<{
    error: { code: string; message: string; details: Record<string, unknown> | null; requestId: string };
  }>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  return body.error;
}

/** The field names of a VALIDATION_FAILED reply (asserting status and code). */
export function invalidFields(res: LightMyRequestResponse): string[] {
  const e = expectError(res, 400, 'VALIDATION_FAILED');
  const fields = (e.details as { fields?: { field: string }[] } | null)?.fields ?? [];
  return fields.map((f) => f.field);
}

let usccSeq = 0;
/** A valid, unique USCC (region 330100). */
export function newUscc(): string {
  usccSeq++;
  const n = usccSeq.toString(31).toUpperCase();
  const body = [...n].map((c) => USCC_CHARSET.charAt(parseInt(c, 31))).join('');
  return makeUscc('1', '1', '330100', `TW${body.padStart(7, '0')}`);
}

/** A valid organisation body; overrides win. */
export function orgBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `测试局${usccSeq + 1}`,
    uscc: newUscc(),
    regionCode: '330106',
    level: 'county',
    ...overrides,
  };
}

/** Logs in over HTTP (with a TOTP code when a secret is given, moving the clock one step first). */
export async function loginTokens(
  t: TestPlatform,
  username: string,
  opts: { password?: string; totpSecret?: string } = {},
): Promise<{ accessToken: string; refreshToken: string; user: { id: string; orgId: string } }> {
  const secret = opts.totpSecret ?? t.totp[username];
  if (secret) t.clock.advance(30_000);
  const res = await send(t, 'POST', '/api/v1/auth/login', {
    payload: {
      username,
      password: opts.password ?? PASSWORD,
      ...(secret && { totpCode: totpCode(secret, t.clock.now()) }),
    },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Logs in and returns the access token. */
export async function tokenFor(t: TestPlatform, username: string, password?: string): Promise<string> {
  return (await loginTokens(t, username, password ? { password } : {})).accessToken;
}

/** Creates a user over HTTP as the given administrator; returns its id. */
export async function createUser(
  t: TestPlatform,
  adminToken: string,
  body: { orgId: string; username: string; displayName?: string; roles?: string[]; [k: string]: unknown },
): Promise<string> {
  const res = await send(t, 'POST', '/api/v1/users', {
    token: adminToken,
    payload: { displayName: body.username, password: PASSWORD, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create user ${body.username}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Grants a role over HTTP (asserting success). */
export async function grantRole(t: TestPlatform, token: string, userId: string, role: Role): Promise<void> {
  const res = await send(t, 'POST', `/api/v1/users/${userId}/roles`, { token, payload: { role } });
  if (res.statusCode !== 201) throw new Error(`grant ${role}: ${res.statusCode} ${res.body}`);
}

/** Creates an organisation over HTTP as sysadmin; returns its id. */
export async function createOrg(
  t: TestPlatform,
  sysToken: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await send(t, 'POST', '/api/v1/organisations', {
    token: sysToken,
    payload: orgBody(overrides),
  });
  if (res.statusCode !== 201) throw new Error(`create org: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Actors of the world: the three duties and a reviewer (operator), five roles in org A, an org_admin in B. */
export const ACTORS = [
  'sysadmin',
  'secadmin',
  'auditor',
  'reviewer',
  'org_admin',
  'steward',
  'approver',
  'consumer',
  'analyst',
  'org_admin_b',
] as const;
export type ActorKey = (typeof ACTORS)[number];

/** A populated platform: organisations, one logged-in user per actor, and targets to act on. */
export interface World {
  operatorId: string;
  orgA: string;
  orgB: string;
  ids: Record<ActorKey, string>;
  tokens: Record<ActorKey, string>;
  /** A role-less user in org A and in org B to act on. */
  targetA: string;
  targetB: string;
  /** A client_secret API client of org A and of org B. */
  clientA: string;
  clientB: string;
}

/** Builds the world: sysadmin creates organisations and users, secadmin grants their roles. */
export async function buildWorld(t: TestPlatform): Promise<World> {
  const sys = await tokenFor(t, 'sysadmin');
  const sec = await tokenFor(t, 'secadmin');
  const aud = await tokenFor(t, 'auditor');
  const me = (await send(t, 'GET', '/api/v1/me', { token: sys })).json<{ organisation: { id: string } }>();
  const operatorId = me.organisation.id;
  const orgA = await createOrg(t, sys, { name: '测试市公安局' });
  const orgB = await createOrg(t, sys, { name: '测试市民政局' });
  const plan: [Exclude<ActorKey, 'sysadmin' | 'secadmin' | 'auditor'>, string, Role][] = [
    ['reviewer', operatorId, 'reviewer'],
    ['org_admin', orgA, 'org_admin'],
    ['steward', orgA, 'steward'],
    ['approver', orgA, 'approver'],
    ['consumer', orgA, 'consumer'],
    ['analyst', orgA, 'analyst'],
    ['org_admin_b', orgB, 'org_admin'],
  ];
  const ids = {} as Record<ActorKey, string>;
  const tokens = { sysadmin: sys, secadmin: sec, auditor: aud } as Record<ActorKey, string>;
  for (const [key, orgId, role] of plan) {
    const username = `w.${key.replace('_', '-')}`;
    ids[key] = await createUser(t, sys, { orgId, username });
    await grantRole(t, sec, ids[key], role);
    tokens[key] = await tokenFor(t, username);
  }
  for (const k of ['sysadmin', 'secadmin', 'auditor'] as const) {
    ids[k] = (await send(t, 'GET', '/api/v1/me', { token: tokens[k] })).json<{
      user: { id: string };
    }>().user.id;
  }
  const targetA = await createUser(t, sys, { orgId: orgA, username: 'w.target-a' });
  const targetB = await createUser(t, sys, { orgId: orgB, username: 'w.target-b' });
  const client = async (orgId: string) => {
    const res = await send(t, 'POST', '/api/v1/clients', {
      token: sys,
      payload: { orgId, name: 'world client', authMethod: 'client_secret', scopes: ['exchange:read'] },
    });
    if (res.statusCode !== 201) throw new Error(`create client: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  };
  return {
    operatorId,
    orgA,
    orgB,
    ids,
    tokens,
    targetA,
    targetB,
    clientA: await client(orgA),
    clientB: await client(orgB),
  };
}

/** An audit event row as stored. */
export interface AuditRow {
  id: string;
  action: string;
  actor_id: string | null;
  subject_id: string;
  request_id: string;
  occurred_at: string;
  details: string;
}

/** Every stored audit event, oldest first (read straight from the table). */
export async function auditRows(t: TestPlatform): Promise<AuditRow[]> {
  const r = await sql<AuditRow>`select id, action, actor_id, subject_id, request_id, occurred_at, details
    from audit_events order by id`.execute(t.platform.db.kysely);
  return r.rows;
}

/** Runs fn and returns the audit events it added (by id, so ordering quirks do not matter). */
export async function newAuditEvents(t: TestPlatform, fn: () => Promise<unknown>): Promise<AuditRow[]> {
  const before = new Set((await auditRows(t)).map((r) => r.id));
  await fn();
  return (await auditRows(t)).filter((r) => !before.has(r.id));
}

/** Row count of a table. */
export async function countRows(t: TestPlatform, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    t.platform.db.kysely,
  );
  return Number(r.rows[0]?.n ?? 0);
}
