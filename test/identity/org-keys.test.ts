import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfile, newId, parsePublicKey, signWith, verifySignature } from '../../src/kernel/index.js';
import { testEngines } from '../support/engines.js';
import {
  createOrg,
  createUser,
  expectError,
  grantRole,
  invalidFields,
  newAuditEvents,
  send,
  tokenFor,
} from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';

// Organisation key pairs: four generated at creation (intl Ed25519 + X25519, sm SM2 + SM2), rotation that
// hands the private key out once and keeps the retired public key, and registration of keys made elsewhere.

const engines = await testEngines();

interface Key {
  id: string;
  purpose: string;
  profile: string;
  alg: string;
  publicKeyPem: string;
  publicKeyHex: string | null;
  fingerprint: string;
  origin: string;
  custodial: boolean;
  status: string;
  retiredAt: string | null;
}

const spkiSha256 = (pem: string) =>
  createHash('sha256')
    .update(createPublicKey(pem).export({ type: 'spki', format: 'der' }))
    .digest('hex');

describe.each(engines)('organisation keys on %s', (engine) => {
  let t: TestPlatform;
  let sys: string;
  let sec: string;
  let orgAdmin: string;
  let orgId: string;
  beforeAll(async () => {
    t = await startTestPlatform(engine);
    sys = await tokenFor(t, 'sysadmin');
    sec = await tokenFor(t, 'secadmin');
    orgId = await createOrg(t, sys);
    await grantRole(t, sec, await createUser(t, sys, { orgId, username: 'keys.admin' }), 'org_admin');
    orgAdmin = await tokenFor(t, 'keys.admin');
  });
  afterAll(async () => t.close());

  const keys = async (token = orgAdmin) => {
    const res = await send(t, 'GET', `/api/v1/organisations/${orgId}/keys`, { token });
    expect(res.statusCode).toBe(200);
    return res.json<Key[]>();
  };
  const active = (list: Key[], purpose: string, profile: string) =>
    list.filter((k) => k.purpose === purpose && k.profile === profile && k.status === 'active');

  it('generates four custodial key pairs when an organisation is created', async () => {
    const list = await keys(sec);
    const kinds = list.map((k) => `${k.profile}/${k.purpose}/${k.alg}/${k.status}/${k.origin}`).sort();
    expect(kinds).toEqual([
      'intl/encryption/X25519/active/generated',
      'intl/signing/Ed25519/active/generated',
      'sm/encryption/SM2/active/generated',
      'sm/signing/SM2/active/generated',
    ]);
    for (const k of list) {
      expect(k.custodial).toBe(true);
      expect(k.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(k)).not.toMatch(/PRIVATE/);
    }
    const sm = list.filter((k) => k.alg === 'SM2');
    for (const k of sm) expect(k.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    const ed = list.find((k) => k.alg === 'Ed25519')!;
    expect(ed.fingerprint).toBe(spkiSha256(ed.publicKeyPem));
  });

  it('creates no keys with keys: none', async () => {
    const bare = await createOrg(t, sys, { keys: 'none' });
    const res = await send(t, 'GET', `/api/v1/organisations/${bare}/keys`, { token: sys });
    expect(res.json()).toEqual([]);
  });

  it.each([
    ['intl', 'signing', 'Ed25519'],
    ['sm', 'encryption', 'SM2'],
  ])(
    'rotates the %s %s key: private key once, old key retired and still listed',
    async (profile, purpose, alg) => {
      const old = active(await keys(), purpose, profile)[0]!;
      const events = await newAuditEvents(t, async () => {
        const res = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys/rotate`, {
          token: orgAdmin,
          payload: { purpose, profile },
        });
        expect(res.statusCode).toBe(201);
        const fresh = res.json<Key & { privateKeyPem: string; privateKeyHex: string | null }>();
        expect(fresh).toMatchObject({ alg, purpose, profile, status: 'active', origin: 'generated' });
        expect(fresh.privateKeyPem).toContain('BEGIN PRIVATE KEY');
        if (alg === 'SM2') expect(fresh.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
        // The private key belongs to the public key handed out with it.
        const pub = parsePublicKey({ pem: fresh.publicKeyPem });
        const pair = {
          ...pub,
          privatePem: fresh.privateKeyPem,
          ...(fresh.privateKeyHex && { privateHex: fresh.privateKeyHex }),
        };
        if (purpose === 'signing') expect(verifySignature(pub, 'x', signWith(pair, 'x'))).toBe(true);
        const list = await keys();
        expect(active(list, purpose, profile).map((k) => k.id)).toEqual([fresh.id]);
        const retired = list.find((k) => k.id === old.id)!;
        expect(retired.status).toBe('retired');
        expect(retired.retiredAt).toBe(t.clock.now().toISOString());
        expect(JSON.stringify(list)).not.toContain(fresh.privateKeyPem.split('\n')[1]);
      });
      expect(events.map((e) => e.action)).toEqual(['identity.org.key.rotate']);
    },
  );

  it('registers an externally generated Ed25519 public key', async () => {
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const res = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys`, {
      token: orgAdmin,
      payload: { purpose: 'signing', profile: 'intl', publicKeyPem: pem },
    });
    expect(res.statusCode).toBe(201);
    const k = res.json<Key>();
    expect(k).toMatchObject({ alg: 'Ed25519', origin: 'registered', custodial: false, status: 'active' });
    expect(k.fingerprint).toBe(spkiSha256(pem));
    expect(k).not.toHaveProperty('privateKeyPem');
    const list = await keys();
    expect(active(list, 'signing', 'intl').map((x) => x.id)).toEqual([k.id]);
    expect(
      list.filter((x) => x.purpose === 'signing' && x.profile === 'intl' && x.status === 'retired').length,
    ).toBe(2);
  });

  it('registers an SM2 key given as hex (secadmin) and an X25519 key as PEM', async () => {
    const pair = getProfile('sm').generateSigningKeyPair();
    const res = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys`, {
      token: sec,
      payload: { purpose: 'signing', profile: 'sm', publicKeyHex: pair.publicHex!.toUpperCase() },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ alg: 'SM2', publicKeyHex: pair.publicHex, origin: 'registered' });
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const enc = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys`, {
      token: sec,
      payload: { purpose: 'encryption', profile: 'intl', publicKeyPem: x },
    });
    expect(enc.json()).toMatchObject({ alg: 'X25519', purpose: 'encryption' });
  });

  it('refuses a key of the wrong algorithm for the profile, and malformed keys, with field-level 400s', async () => {
    const ed = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const x = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    const sm = getProfile('sm').generateSigningKeyPair();
    const register = (payload: Record<string, unknown>) =>
      send(t, 'POST', `/api/v1/organisations/${orgId}/keys`, { token: orgAdmin, payload });
    const before = await keys();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ purpose: 'signing', profile: 'sm', publicKeyPem: ed }, 'publicKeyPem', 'WRONG_ALG'],
      [{ purpose: 'signing', profile: 'intl', publicKeyPem: x }, 'publicKeyPem', 'WRONG_ALG'],
      [{ purpose: 'encryption', profile: 'intl', publicKeyPem: ed }, 'publicKeyPem', 'WRONG_ALG'],
      [{ purpose: 'signing', profile: 'intl', publicKeyPem: sm.publicPem }, 'publicKeyPem', 'WRONG_ALG'],
      [{ purpose: 'signing', profile: 'intl', publicKeyHex: sm.publicHex }, 'publicKeyPem', 'WRONG_ALG'],
      [{ purpose: 'signing', profile: 'intl', publicKeyPem: p256 }, 'publicKeyPem', 'INVALID_KEY'],
      [{ purpose: 'signing', profile: 'intl', publicKeyPem: sm.privatePem }, 'publicKeyPem', 'INVALID_KEY'],
      [{ purpose: 'signing', profile: 'intl' }, 'publicKeyPem', 'REQUIRED'],
      [{ purpose: 'signing', profile: 'sm', publicKeyHex: '04abc' }, 'publicKeyHex', 'INVALID_FORMAT'],
      [{ purpose: 'auth', profile: 'intl', publicKeyPem: ed }, 'purpose', 'INVALID_VALUE'],
      [{ purpose: 'signing', profile: 'rsa', publicKeyPem: ed }, 'profile', 'INVALID_VALUE'],
    ];
    for (const [payload, field, code] of cases) {
      const res = await register(payload);
      expect(invalidFields(res), JSON.stringify(payload)).toEqual([field]);
      const issue = expectError(res, 400, 'VALIDATION_FAILED').details as { fields: { code: string }[] };
      expect(issue.fields[0]!.code, JSON.stringify(payload)).toBe(code);
    }
    const rot = await send(t, 'POST', `/api/v1/organisations/${orgId}/keys/rotate`, {
      token: orgAdmin,
      payload: { purpose: 'signing' },
    });
    expect(invalidFields(rot)).toEqual(['profile']);
    expect(await keys()).toEqual(before);
  });

  it('answers 404 for the keys of an unknown organisation', async () => {
    const id = newId();
    expectError(await send(t, 'GET', `/api/v1/organisations/${id}/keys`, { token: sec }), 404, 'NOT_FOUND');
    const rot = await send(t, 'POST', `/api/v1/organisations/${id}/keys/rotate`, {
      token: sec,
      payload: { purpose: 'signing', profile: 'intl' },
    });
    expectError(rot, 404, 'NOT_FOUND');
  });
});
