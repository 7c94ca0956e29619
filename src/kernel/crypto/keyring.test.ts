// The platform keyring: creation (0600), reload, rotation, refusal of readable files, no private leaks.
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CryptoError,
  SECRET_NAMES,
  getProfile,
  loadOrCreateKeyring,
  purposeAlg,
  verifySignature,
  type ProfileName,
} from './index.js';

const root = mkdtempSync(join(tmpdir(), 'orderly-keyring-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = () => join(root, `d${n++}`, 'data');
const posix = process.platform !== 'win32';

describe.each(['intl', 'sm'] as ProfileName[])('keyring (%s)', (profile) => {
  it('is created with mode 0600 and the profile’s keys, and reloads identically', async () => {
    const dir = freshDir();
    const ring = await loadOrCreateKeyring(dir, profile);
    const file = join(dir, 'keyring.json');
    expect(ring.file).toBe(file);
    if (posix) expect(statSync(file).mode & 0o777).toBe(0o600);
    const expected =
      profile === 'sm'
        ? ['token', 'checkpoint', 'checkpointSm2', 'response', 'webhook']
        : ['token', 'checkpoint', 'response', 'webhook'];
    expect(ring.purposes()).toEqual(expected);
    for (const purpose of ring.purposes()) {
      const key = ring.current(purpose);
      expect(key.alg).toBe(purposeAlg(profile, purpose));
      expect(key.id).toMatch(/^[0-9a-f]{64}$/);
      expect(key.createdAt).toMatch(/Z$/);
    }
    expect(ring.current('token').alg).toBe('Ed25519');
    expect(ring.current('checkpoint').alg).toBe('Ed25519');
    expect(ring.current('response').alg).toBe(getProfile(profile).signingAlg);
    for (const name of SECRET_NAMES) expect(ring.secret(name)).toHaveLength(32);
    if (profile === 'intl') expect(() => ring.current('checkpointSm2')).toThrow(CryptoError);

    const again = await loadOrCreateKeyring(dir, profile);
    expect(again.toJSON()).toEqual(ring.toJSON());
    expect(again.current('response')).toEqual(ring.current('response'));
    expect(again.secrets('master')).toEqual(ring.secrets('master'));
  });

  it('rotation keeps old public keys, and old signatures still verify', async () => {
    const dir = freshDir();
    const ring = await loadOrCreateKeyring(dir, profile);
    const old = ring.current('response');
    const sig = getProfile(profile).sign(old, 'signed before rotation');
    const fresh = await ring.rotate('response');
    expect(fresh.id).not.toBe(old.id);
    expect(ring.current('response').id).toBe(fresh.id);
    const reloaded = await loadOrCreateKeyring(dir, profile);
    const pubs = reloaded.publicKeys('response');
    expect(pubs.map((k) => k.id)).toEqual([old.id, fresh.id]);
    expect(pubs[0]?.retiredAt).toMatch(/Z$/);
    expect(pubs[1]?.retiredAt).toBeUndefined();
    const oldPub = reloaded.publicKey('response', old.id);
    expect(oldPub && verifySignature(oldPub, 'signed before rotation', sig)).toBe(true);
    expect(verifySignature(reloaded.current('response'), 'signed before rotation', sig)).toBe(false);
    if (posix) expect(statSync(reloaded.file).mode & 0o777).toBe(0o600);

    const oldMaster = ring.currentSecret('master');
    const newMaster = await ring.rotateSecret('master');
    expect(ring.secret('master')).toEqual(newMaster.value);
    const versions = (await loadOrCreateKeyring(dir, profile)).secrets('master');
    expect(versions.map((s) => s.id)).toEqual([oldMaster.id, newMaster.id]);
    expect(versions[0]?.value).toEqual(oldMaster.value);
    expect(versions[0]?.retiredAt).toBeDefined();
  });

  it('never exposes private material through toJSON, toString or inspect', async () => {
    const ring = await loadOrCreateKeyring(freshDir(), profile);
    const text = [JSON.stringify(ring), String(ring), inspect(ring, { depth: 10 })].join('\n');
    expect(text).not.toMatch(/PRIVATE KEY|privateHex|privatePem|"hex"/);
    for (const purpose of ring.purposes()) {
      const key = ring.current(purpose);
      const priv = key.privatePem.split('\n')[1] ?? '';
      expect(text).not.toContain(priv);
      if (key.privateHex) expect(text).not.toContain(key.privateHex);
    }
    for (const name of SECRET_NAMES) expect(text).not.toContain(ring.secret(name).toString('hex'));
    expect(text).toContain(ring.current('token').id);
  });
});

describe('keyring file checks', () => {
  it.skipIf(!posix)('refuses a group/world readable file', async () => {
    const dir = freshDir();
    const ring = await loadOrCreateKeyring(dir, 'sm');
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(ring.file, mode);
      await expect(loadOrCreateKeyring(dir, 'sm')).rejects.toThrow(CryptoError);
      await expect(loadOrCreateKeyring(dir, 'sm')).rejects.toThrow(/must not be group\/world accessible/);
    }
    chmodSync(ring.file, 0o600);
    await expect(loadOrCreateKeyring(dir, 'sm')).resolves.toBeDefined();
  });

  it('refuses a keyring of the other profile, corrupt JSON and mismatched key pairs without quoting them', async () => {
    const dir = freshDir();
    const ring = await loadOrCreateKeyring(dir, 'intl');
    await expect(loadOrCreateKeyring(dir, 'sm')).rejects.toThrow(/keyring is for profile "intl"/);
    const json = JSON.parse(readFileSync(ring.file, 'utf8')) as {
      signing: Record<string, { publicPem: string }[]>;
    };
    const good = readFileSync(ring.file, 'utf8');

    writeFileSync(ring.file, good.slice(0, 200), { mode: 0o600 });
    const err = await loadOrCreateKeyring(dir, 'intl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CryptoError);
    expect(String(err)).not.toContain(good.slice(150, 200));

    const [token, webhook] = [json.signing.token?.[0], json.signing.webhook?.[0]];
    if (!token || !webhook) throw new Error('fixture');
    token.publicPem = webhook.publicPem;
    writeFileSync(ring.file, JSON.stringify(json), { mode: 0o600 });
    await expect(loadOrCreateKeyring(dir, 'intl')).rejects.toThrow(/does not match the private key/);
  });

  it('accepts an operator-supplied file at a custom path and fills in what it lacks', async () => {
    const dir = freshDir();
    const source = await loadOrCreateKeyring(dir, 'sm', { file: 'source.json' });
    expect(source.file).toBe(join(dir, 'source.json'));
    const json = JSON.parse(readFileSync(source.file, 'utf8')) as { secrets: Record<string, unknown> };
    delete json.secrets.watermark;
    const supplied = join(dir, 'operator.json');
    writeFileSync(supplied, JSON.stringify(json), { mode: 0o600 });
    const ring = await loadOrCreateKeyring(dir, 'sm', { file: supplied });
    expect(ring.current('checkpointSm2')).toEqual(source.current('checkpointSm2'));
    expect(ring.secret('watermark')).toHaveLength(32);
    expect((await loadOrCreateKeyring(dir, 'sm', { file: supplied })).secret('watermark')).toEqual(
      ring.secret('watermark'),
    );
  });

  it('concurrent first starts end up with one keyring', async () => {
    const dir = freshDir();
    const rings = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateKeyring(dir, 'intl')));
    const ids = new Set(rings.map((r) => r.current('token').id));
    expect(ids.size).toBe(1);
  });
});
