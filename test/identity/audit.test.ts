import { generateKeyPairSync } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saltedDigest } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  auditRows,
  createOrg,
  createUser,
  grantRole,
  loginTokens,
  newAuditEvents,
  orgBody,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { PASSWORD, startTestPlatform, type TestPlatform } from '../support/platform.js';

// The audit trail: every state change writes exactly one event (in its own transaction, stamped by the
// platform clock, tied to the request), the auditor reads it over HTTP, it holds no personal data in clear,
// and the database refuses to change or delete events.

const engines = await testEngines();

const PHONE = '13912345678';
const EMAIL = 'zhao.liu.private@example.com';
const DISPLAY = '赵六隐私名';
const CONTACT = '钱七联系人';

describe.each(engines)('audit trail on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let sec: string;
  let aud: string;
  let orgId: string;
  let orgAdmin: string;
  let adminId: string;
  // Ids created by earlier steps, used by later ones.
  const s: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    sec = await tokenFor(t, 'secadmin');
    aud = await tokenFor(t, 'auditor');
    orgId = await createOrg(t, sys);
    adminId = await createUser(t, sys, { orgId, username: 'au.admin' });
    await grantRole(t, sec, adminId, 'org_admin');
    orgAdmin = await tokenFor(t, 'au.admin');
  });
  afterAll(async () => t.close());

  type Step = [
    string,
    () => Promise<LightMyRequestResponse>,
    { actor: () => string | null; subject: (res: LightMyRequestResponse) => string; status?: number },
  ];
  const by = (id: () => string) => ({
    actor: id,
    subject: (r: LightMyRequestResponse) => r.json<{ id: string }>().id,
  });
  const me = (token: string) => async () =>
    (await send(t, 'GET', '/api/v1/me', { token })).json<{ user: { id: string } }>().user.id;
  // The session id travels in the access token's sid claim.
  const sessionOf = (r: LightMyRequestResponse) =>
    (
      JSON.parse(
        Buffer.from(r.json<{ accessToken: string }>().accessToken.split('.')[1]!, 'base64url').toString(),
      ) as {
        sid: string;
      }
    ).sid;
  let sysId = '';
  let secId = '';
  const steps: Step[] = [
    [
      'identity.org.create',
      () =>
        send(t, 'POST', '/api/v1/organisations', {
          token: sys,
          payload: orgBody({ keys: 'none', contactName: CONTACT, contactPhone: PHONE }),
        }),
      by(() => sysId),
    ],
    [
      'identity.org.update',
      () =>
        send(t, 'PATCH', `/api/v1/organisations/${orgId}`, { token: sys, payload: { contactEmail: EMAIL } }),
      by(() => sysId),
    ],
    [
      'identity.org.key.rotate',
      () =>
        send(t, 'POST', `/api/v1/organisations/${orgId}/keys/rotate`, {
          token: orgAdmin,
          payload: { purpose: 'signing', profile: 'sm' },
        }),
      by(() => adminId),
    ],
    [
      'identity.user.create',
      () =>
        send(t, 'POST', '/api/v1/users', {
          token: orgAdmin,
          payload: {
            orgId,
            username: 'zhao.liu',
            displayName: DISPLAY,
            email: EMAIL,
            phone: PHONE,
            password: PASSWORD,
          },
        }),
      by(() => adminId),
    ],
    [
      'identity.user.update',
      () =>
        send(t, 'PATCH', `/api/v1/users/${s.user}`, {
          token: orgAdmin,
          payload: { displayName: `${DISPLAY}2` },
        }),
      by(() => adminId),
    ],
    [
      'identity.user.role.grant',
      () => send(t, 'POST', `/api/v1/users/${s.user}/roles`, { token: sec, payload: { role: 'steward' } }),
      { actor: () => secId, subject: () => s.user! },
    ],
    [
      'identity.user.role.revoke',
      () => send(t, 'DELETE', `/api/v1/users/${s.user}/roles/steward`, { token: orgAdmin }),
      { actor: () => adminId, subject: () => s.user! },
    ],
    [
      'identity.user.password.reset',
      () =>
        send(t, 'POST', `/api/v1/users/${s.user}/password`, {
          token: sys,
          payload: { password: 'Reset-Passw0rd!' },
        }),
      { actor: () => sysId, subject: () => s.user! },
    ],
    [
      'identity.user.unlock',
      () => send(t, 'POST', `/api/v1/users/${s.user}/unlock`, { token: sys }),
      by(() => sysId),
    ],
    [
      'identity.client.create',
      () =>
        send(t, 'POST', '/api/v1/clients', {
          token: orgAdmin,
          payload: {
            orgId,
            name: 'c',
            authMethod: 'private_key_jwt',
            scopes: ['exchange:read'],
            publicKeyPem: generateKeyPairSync('ed25519')
              .publicKey.export({ type: 'spki', format: 'pem' })
              .toString(),
          },
        }),
      by(() => adminId),
    ],
    [
      'identity.client.update',
      () => send(t, 'PATCH', `/api/v1/clients/${s.client}`, { token: sys, payload: { name: 'renamed' } }),
      by(() => sysId),
    ],
    [
      'identity.platform.key.rotate',
      () => send(t, 'POST', '/api/v1/platform/keys/rotate', { token: sec, payload: { purpose: 'response' } }),
      by(() => secId),
    ],
    [
      'identity.session.start',
      () => send(t, 'POST', '/api/v1/auth/login', { payload: { username: 'au.admin', password: PASSWORD } }),
      { actor: () => adminId, subject: (r) => sessionOf(r) },
    ],
    [
      'identity.login.fail',
      () =>
        send(t, 'POST', '/api/v1/auth/login', {
          payload: { username: 'au.admin', password: 'Wrong-passw0rd' },
        }),
      { actor: () => null, subject: () => adminId, status: 401 },
    ],
    [
      'identity.user.password.change',
      () =>
        send(t, 'POST', '/api/v1/me/password', {
          token: orgAdmin,
          payload: { currentPassword: PASSWORD, newPassword: PASSWORD },
        }),
      { actor: () => adminId, subject: () => adminId },
    ],
  ];

  it.each(steps.map((x, i) => [i, x[0], x] as const))(
    'step %i writes exactly one %s event',
    async (_i, action, step) => {
      sysId ||= await me(sys)();
      secId ||= await me(sec)();
      const [, run, who] = step;
      let res: LightMyRequestResponse | undefined;
      const events = await newAuditEvents(t, async () => {
        res = await run();
      });
      if (who.status) expect(res!.statusCode).toBe(who.status);
      else expect(res!.statusCode, res!.body).toBeLessThan(300);
      if (action === 'identity.user.create') s.user = res!.json<{ id: string }>().id;
      if (action === 'identity.client.create') s.client = res!.json<{ id: string }>().id;
      expect(events.map((e) => e.action)).toEqual([action]);
      const e = events[0]!;
      expect(e.actor_id).toBe(who.actor());
      expect(e.subject_id).toBe(who.subject(res!));
      expect(e.request_id).toBe(res!.headers['x-request-id']);
      expect(e.occurred_at).toBe(t.clock.now().toISOString());
    },
  );

  it('records a session refresh and logout once each', async () => {
    const { refreshToken } = await loginTokens(t, 'au.admin');
    let access = '';
    const refresh = await newAuditEvents(t, async () => {
      const r = await send(t, 'POST', '/api/v1/auth/refresh', { payload: { refreshToken } });
      access = r.json<{ accessToken: string }>().accessToken;
    });
    expect(refresh.map((e) => e.action)).toEqual(['identity.session.refresh']);
    const out = await newAuditEvents(t, () => send(t, 'POST', '/api/v1/auth/logout', { token: access }));
    expect(out.map((e) => e.action)).toEqual(['identity.session.end']);
  });

  it('writes no event for a refused change or a read', async () => {
    const events = await newAuditEvents(t, async () => {
      await send(t, 'POST', '/api/v1/organisations', { token: sec, payload: orgBody() });
      await send(t, 'POST', '/api/v1/users', {
        token: sys,
        payload: { orgId, username: 'zhao.liu', displayName: 'x', password: PASSWORD },
      });
      await send(t, 'GET', '/api/v1/users', { token: sys });
      await send(t, 'GET', '/api/v1/audit/events', { token: aud });
    });
    expect(events).toEqual([]);
  });

  it('lets the auditor read and filter the trail, newest first, with recomputable digests', async () => {
    const res = await send(t, 'GET', '/api/v1/audit/events?limit=500', { token: aud });
    expect(res.statusCode).toBe(200);
    const list = res.json<{ id: string; action: string; changeDigest: string | null; digestAlg: string }[]>();
    expect(list.map((e) => e.id)).toEqual((await auditRows(t)).map((r) => r.id).reverse());
    const grants = (
      await send(t, 'GET', `/api/v1/audit/events?action=identity.user.role.grant&subjectId=${s.user}`, {
        token: aud,
      })
    ).json<
      {
        id: string;
        subjectId: string;
        changeDigest: string;
        digestAlg: string;
        details: Record<string, unknown>;
      }[]
    >();
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ subjectId: s.user, digestAlg: 'sha256', details: { role: 'steward' } });
    const salt = await sql<{
      salt: string;
    }>`select salt from audit_salts where event_id = ${grants[0]!.id}`.execute(t.platform.db.kysely);
    expect(saltedDigest('sha256', Buffer.from(salt.rows[0]!.salt, 'hex'), { role: 'steward' })).toBe(
      grants[0]!.changeDigest,
    );
    const limited = (await send(t, 'GET', '/api/v1/audit/events?limit=2', { token: aud })).json<unknown[]>();
    expect(limited).toEqual(list.slice(0, 2));
  });

  it('keeps personal data out of events', async () => {
    const api = (await send(t, 'GET', '/api/v1/audit/events?limit=500', { token: aud })).body;
    const rows = await sql`select * from audit_events`.execute(t.platform.db.kysely);
    for (const text of [api, JSON.stringify(rows.rows)]) {
      for (const secret of [PHONE, EMAIL, DISPLAY, CONTACT, 'zhao.liu', PASSWORD, 'Reset-Passw0rd!'])
        expect(text).not.toContain(secret);
    }
  });

  it('refuses UPDATE and DELETE on audit_events in the database', async () => {
    const db = t.platform.db.kysely;
    const [first] = await auditRows(t);
    await expect(
      sql`update audit_events set action = 'tampered' where id = ${first!.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where id = ${first!.id}`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow(/append-only/);
    const [again] = await auditRows(t);
    expect(again).toEqual(first);
  });
});
