import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile, signWith, type KeyPairInfo } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import { createOrg, expectError, send, tokenFor } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// private_key_jwt (RFC 7523): the client signs a short, one-shot assertion with its registered key — Ed25519
// through jose (EdDSA), SM2 with Orderly's 'SM2SM3' JWS name, built by hand and signed with the kernel.

const engines = await testEngines();
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface Claims {
  iss?: string;
  sub?: string;
  aud?: string;
  jti?: string;
  iat?: number;
  exp?: number;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A compact JWS with alg SM2SM3: SM2 (with SM3, default ID) over `header.payload`, raw r‖s. */
function sm2Assertion(key: KeyPairInfo, claims: Claims): string {
  const signingInput = `${b64({ alg: 'SM2SM3', typ: 'JWT' })}.${b64(claims)}`;
  return `${signingInput}.${signWith(key, signingInput).toString('base64url')}`;
}

describe.each(engines)('client assertions on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let orgId: string;
  let aud: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    orgId = await createOrg(t, sys, { keys: 'none' });
    aud = `${t.platform.config.publicUrl}/api/v1/auth/token`;
    expect(aud).toBe('http://localhost:8080/api/v1/auth/token');
  });
  afterAll(async () => t.close());

  const now = () => Math.floor(t.clock.now().getTime() / 1000);
  const claims = (clientId: string, over: Claims = {}): Claims => ({
    iss: clientId,
    sub: clientId,
    aud,
    jti: randomUUID(),
    iat: now(),
    exp: now() + 120,
    ...over,
  });
  const edAssertion = (key: KeyObject, c: Claims) =>
    new SignJWT({ ...c }).setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' }).sign(key);
  const register = async (publicKeyPem: string, extra: Record<string, unknown> = {}) => {
    const res = await send(t, 'POST', '/api/v1/clients', {
      token: sys,
      payload: {
        orgId,
        name: 'jwt client',
        authMethod: 'private_key_jwt',
        publicKeyPem,
        scopes: ['exchange:read'],
        ...extra,
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json<{ id: string; publicKeyAlg: string }>();
  };
  const exchange = (assertion: string, opts: { remoteAddress?: string; scope?: string } = {}) =>
    send(t, 'POST', '/api/v1/auth/token', {
      payload: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: assertion,
        ...(opts.scope && { scope: opts.scope }),
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      ...(opts.remoteAddress && { remoteAddress: opts.remoteAddress }),
    });

  describe('Ed25519 (EdDSA)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    let id: string;
    beforeAll(async () => {
      const c = await register(pem);
      expect(c.publicKeyAlg).toBe('Ed25519');
      id = c.id;
    });

    it('exchanges a valid assertion for a token, once', async () => {
      const assertion = await edAssertion(privateKey, claims(id));
      const res = await exchange(assertion);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ token_type: 'Bearer', scope: 'exchange:read' });
      const replay = await exchange(assertion);
      expect(expectError(replay, 401, 'UNAUTHENTICATED').message).toMatch(/already used/);
    });

    it('accepts the platform name as audience too', async () => {
      expect((await exchange(await edAssertion(privateKey, claims(id, { aud: 'orderly' })))).statusCode).toBe(
        200,
      );
    });

    it.each<[string, (id: string) => Claims]>([
      ['a wrong audience', (c) => claims(c, { aud: 'https://elsewhere.example/token' })],
      ['an expired assertion', (c) => claims(c, { iat: now() - 600, exp: now() - 60 })],
      ['an assertion living longer than 5 minutes', (c) => claims(c, { exp: now() + 301 })],
      ['iss different from sub', (c) => claims(c, { iss: 'someone-else' })],
      ['a missing jti', (c) => ({ ...claims(c), jti: undefined })],
      ['a too short jti', (c) => claims(c, { jti: 'abc' })],
    ])('refuses %s with 401', async (_name, make) => {
      expectError(await exchange(await edAssertion(privateKey, make(id))), 401, 'UNAUTHENTICATED');
    });

    it('refuses an assertion signed by another key, or tampered, or malformed', async () => {
      const other = generateKeyPairSync('ed25519').privateKey;
      expectError(await exchange(await edAssertion(other, claims(id))), 401, 'UNAUTHENTICATED');
      const good = await edAssertion(privateKey, claims(id));
      const [h, , s] = good.split('.');
      const forged = `${h}.${b64(claims(id, { exp: now() + 200 }))}.${s}`;
      expectError(await exchange(forged), 401, 'UNAUTHENTICATED');
      expectError(await exchange('not-a-jwt'), 401, 'UNAUTHENTICATED');
      const none = `${b64({ alg: 'none' })}.${b64(claims(id))}.`;
      expectError(await exchange(none), 401, 'UNAUTHENTICATED');
    });

    it('refuses a scope the client does not hold with 403', async () => {
      const res = await exchange(await edAssertion(privateKey, claims(id)), { scope: 'exchange:verify' });
      expectError(res, 403, 'FORBIDDEN');
    });

    it('refuses a client secret for a key client', async () => {
      const res = await send(t, 'POST', '/api/v1/auth/token', {
        payload: { grant_type: 'client_credentials', client_id: id, client_secret: 'ocs_guess' },
      });
      expectError(res, 401, 'UNAUTHENTICATED');
    });
  });

  describe('SM2 (SM2SM3)', () => {
    const key = getProfile('sm').generateSigningKeyPair();
    let id: string;
    beforeAll(async () => {
      const c = await register(key.publicPem);
      expect(c.publicKeyAlg).toBe('SM2');
      id = c.id;
    });

    it('exchanges a valid SM2SM3 assertion for a token, once', async () => {
      const assertion = sm2Assertion(key, claims(id));
      const res = await exchange(assertion);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ token_type: 'Bearer', scope: 'exchange:read' });
      expectError(await exchange(assertion), 401, 'UNAUTHENTICATED');
    });

    it('refuses an SM2SM3 assertion signed by another SM2 key or with changed claims', async () => {
      const other = getProfile('sm').generateSigningKeyPair();
      expectError(await exchange(sm2Assertion(other, claims(id))), 401, 'UNAUTHENTICATED');
      const [h, , s] = sm2Assertion(key, claims(id)).split('.');
      expectError(await exchange(`${h}.${b64(claims(id))}.${s}`), 401, 'UNAUTHENTICATED');
    });

    it('refuses an EdDSA header for an SM2 client', async () => {
      const ed = generateKeyPairSync('ed25519').privateKey;
      expectError(await exchange(await edAssertion(ed, claims(id))), 401, 'UNAUTHENTICATED');
    });
  });

  it('applies the IP allow-list to the token request and to the issued token', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const c = await register(publicKey.export({ type: 'spki', format: 'pem' }).toString(), {
      ipAllow: ['203.0.113.0/24', '::ffff:198.51.100.1'],
    });
    const outside = await exchange(await edAssertion(privateKey, claims(c.id)), {
      remoteAddress: '198.18.0.1',
    });
    expectError(outside, 403, 'FORBIDDEN');
    const inside = await exchange(await edAssertion(privateKey, claims(c.id)), {
      remoteAddress: '203.0.113.77',
    });
    expect(inside.statusCode).toBe(200);
    const token = inside.json<{ access_token: string }>().access_token;
    // The token is a client token: from outside the list it is refused before any route logic.
    const res = await send(t, 'GET', '/api/v1/me', { token, remoteAddress: '198.18.0.1' });
    expectError(res, 403, 'FORBIDDEN');
    expect(expectError(res, 403, 'FORBIDDEN').message).toMatch(/address/);
  });

  it('refuses a disabled key client with 401', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const c = await register(publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await send(t, 'PATCH', `/api/v1/clients/${c.id}`, { token: sys, payload: { status: 'disabled' } });
    expectError(await exchange(await edAssertion(privateKey, claims(c.id))), 401, 'UNAUTHENTICATED');
  });
});
