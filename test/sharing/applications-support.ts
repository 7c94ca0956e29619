import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { saltedDigest } from '../../src/kernel/index.js';
import { expectError, send, tokenFor } from '../support/identity-helpers.js';
import type { TestPlatform } from '../support/platform.js';
import { applicationBody, type SharingWorld } from './sharing-fixtures.js';

// Helpers of the applications, review and deadline suites: requests, the parties' tokens after the clock
// moved, and readers of the evidence the workflow writes.

/** A part of an application body. */
export type PartBody = { resourceId: string; items: string[]; methods: string[] };

/** An application as the API returns it (the fields the tests read). */
export interface AppView {
  id: string;
  status: string;
  submissions: number;
  returned: { from: string; comment: string } | null;
  prereview: StageView | null;
  consumerOrgName: string | null;
  parts: {
    id: string;
    resourceId: string;
    providerOrgId: string;
    providerOrgName: string | null;
    status: string;
    unconditional: boolean;
    grantId: string | null;
    decision: { decision: string; by: string | null; reason: string | null; basis: string | null } | null;
    deadline: StageView | null;
    escalatedAt: string | null;
  }[];
  deadlines: StageView[];
  history: { action: string; partId: string | null; comment: string | null }[];
  grants: { grantId: string; partId: string; status: string }[];
}

/** A stage clock as the API returns it. */
export interface StageView {
  stage: string;
  partId: string | null;
  workingDays: number;
  dueAt: string;
  dueDate: string;
  pausedAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  sla: string | null;
  remainingWorkingDays: number | null;
}

const BASE = '/api/v1/sharing';

/** Sends a request and expects a status; returns the JSON body. */
export async function ok<T = AppView>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

/** POST /applications (submitted unless told otherwise). */
export function createApp(
  t: TestPlatform,
  w: SharingWorld,
  parts: PartBody[],
  overrides: Record<string, unknown> = {},
  token = w.consumerB,
) {
  return send(t, 'POST', `${BASE}/applications`, {
    token,
    payload: applicationBody(w, parts, { submit: true, ...overrides }),
  });
}

/** Creates a submitted application and returns it. */
export async function submitted(t: TestPlatform, w: SharingWorld, parts: PartBody[], overrides = {}) {
  return ok(createApp(t, w, parts, overrides), 201);
}

/** POST to an application's sub-path. */
export function post(t: TestPlatform, token: string, path: string, payload?: unknown) {
  return send(t, 'POST', `${BASE}${path}`, { token, ...(payload !== undefined && { payload }) });
}

/** GET an application. */
export function getApp(t: TestPlatform, token: string, id: string) {
  return send(t, 'GET', `${BASE}/applications/${id}`, { token });
}

/** A provider decision on a part. */
export function decide(t: TestPlatform, token: string, app: AppView, partIdx: number, body: unknown) {
  return post(t, token, `/applications/${app.id}/parts/${app.parts[partIdx]!.id}/decision`, body);
}

/** Expects a 422 and returns its violations as [field, code]. */
export function violations(res: LightMyRequestResponse): [string, string][] {
  const e = expectError(res, 422, 'UNPROCESSABLE');
  return (e.details as { violations: { field: string; code: string }[] }).violations.map((v) => [
    v.field,
    v.code,
  ]);
}

/** The parties' tokens, fresh (access tokens live a day: tests that move the clock log in again). */
export async function freshTokens(t: TestPlatform, w: SharingWorld): Promise<void> {
  w.consumerB = await tokenFor(t, 'w.consumer-b');
  w.approverC = await tokenFor(t, 'w.approver-c');
  w.tokens.approver = await tokenFor(t, 'w.approver');
  w.tokens.reviewer = await tokenFor(t, 'w.reviewer');
  w.tokens.consumer = await tokenFor(t, 'w.consumer');
}

/** An audit event of the workflow as stored. */
export interface EventRow {
  id: string;
  action: string;
  actor_kind: string;
  actor_id: string | null;
  subject_id: string;
  org_id: string | null;
  details: Record<string, unknown>;
}

/** The audit events about an application, oldest first. */
export async function eventsOf(t: TestPlatform, subjectId: string, action?: string): Promise<EventRow[]> {
  const rows = await sql<Omit<EventRow, 'details'> & { details: string }>`
    SELECT id, action, actor_kind, actor_id, subject_id, org_id, details FROM audit_events
    WHERE subject_id = ${subjectId} ORDER BY id`.execute(t.platform.db.kysely);
  return rows.rows
    .map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
    .filter((r) => !action || r.action === action);
}

/** Checks that a digest in a leaf recomputes from the object and salt the platform keeps; returns the object. */
export async function recompute(t: TestPlatform, digest: unknown): Promise<unknown> {
  expect(typeof digest).toBe('string');
  const row = (
    await sql<{ alg: string; salt: string; object: string }>`
      SELECT alg, salt, object FROM sharing_digests WHERE digest = ${digest as string}`.execute(
      t.platform.db.kysely,
    )
  ).rows[0];
  expect(row).toBeDefined();
  const alg = row!.alg === 'sm3' ? 'sm3' : 'sha256';
  const object: unknown = JSON.parse(row!.object);
  expect(`${alg}:${saltedDigest(alg, Buffer.from(row!.salt, 'hex'), object)}`).toBe(digest);
  return object;
}

/** Inbox titles of a user. */
export async function inbox(
  t: TestPlatform,
  token: string,
): Promise<{ type: string; subject: { id: string } }[]> {
  const r = await send(t, 'GET', '/api/v1/inbox', { token });
  const body = r.json<{ items?: unknown[] } | unknown[]>();
  return (Array.isArray(body) ? body : (body.items ?? [])) as { type: string; subject: { id: string } }[];
}
