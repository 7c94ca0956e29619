import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../support/engines.js';
import { expectError, invalidFields, newAuditEvents, send, tokenFor } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// The platform's own keys: public halves for anyone, rotation by secadmin only, and a rotated token key keeps
// verifying the tokens it signed (nobody is logged out by a rotation).

const engines = await testEngines();

interface PlatformKey {
  purpose: string;
  id: string;
  alg: string;
  current: boolean;
  retiredAt: string | null;
}

const kidOf = (jwt: string) =>
  (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

describe.each(engines)('platform keys on %s', (engine) => {
  let t: TestPlatform;
  let sec: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sec = await tokenFor(t, 'secadmin');
  });
  afterAll(async () => t.close());

  const list = async () => (await send(t, 'GET', '/api/v1/platform/keys')).json<PlatformKey[]>();

  it('rotates the token key: the old key is retired but still verifies its tokens', async () => {
    const oldUserToken = await tokenFor(t, 'auditor');
    const oldKid = kidOf(oldUserToken);
    expect((await list()).find((k) => k.purpose === 'token' && k.current)!.id).toBe(oldKid);
    let fresh: PlatformKey | undefined;
    const events = await newAuditEvents(t, async () => {
      const res = await send(t, 'POST', '/api/v1/platform/keys/rotate', {
        token: sec,
        payload: { purpose: 'token' },
      });
      expect(res.statusCode).toBe(201);
      fresh = res.json<PlatformKey>();
    });
    expect(events.map((e) => [e.action, e.subject_id])).toEqual([
      ['identity.platform.key.rotate', fresh!.id],
    ]);
    expect(fresh).toMatchObject({ purpose: 'token', alg: 'Ed25519', current: true, retiredAt: null });
    const tokens = (await list()).filter((k) => k.purpose === 'token');
    expect(tokens.map((k) => [k.id, k.current, k.retiredAt !== null])).toEqual([
      [oldKid, false, true],
      [fresh!.id, true, false],
    ]);
    expect((await send(t, 'GET', '/api/v1/me', { token: oldUserToken })).statusCode).toBe(200);
    expect(kidOf(await tokenFor(t, 'auditor'))).toBe(fresh!.id);
  });

  it('refuses an unknown purpose with a field-level 400', async () => {
    for (const purpose of ['master', 'checkpointSm2', '']) {
      const res = await send(t, 'POST', '/api/v1/platform/keys/rotate', { token: sec, payload: { purpose } });
      expect(invalidFields(res)).toEqual(['purpose']);
    }
    const extra = await send(t, 'POST', '/api/v1/platform/keys/rotate', {
      token: sec,
      payload: { purpose: 'token', force: true },
    });
    expect(invalidFields(extra)).toEqual(['(body)']);
  });

  it('lets only secadmin rotate', async () => {
    for (const u of ['sysadmin', 'auditor']) {
      const res = await send(t, 'POST', '/api/v1/platform/keys/rotate', {
        token: await tokenFor(t, u),
        payload: { purpose: 'webhook' },
      });
      expectError(res, 403, 'FORBIDDEN');
    }
    expectError(
      await send(t, 'POST', '/api/v1/platform/keys/rotate', { payload: { purpose: 'webhook' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});
