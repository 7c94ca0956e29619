// The on-disk keyring format (JSON, mode 0600) and its validation and atomic persistence. The file holds
// private keys and secrets, so error messages here never quote its content.
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomSecret } from './encoding.js';
import { CryptoError } from './errors.js';
import { generateKeyPair, keyFingerprint, parseKeyPair } from './keys.js';
import type { KeyAlg, KeyPairInfo, ProfileName } from './types.js';

/** Value of the file's `format` field; bump it only with a migration. */
export const KEYRING_FORMAT = 'orderly-keyring/1';

/** Signing purposes. `token` and `checkpoint` are always Ed25519 (jose; signed-note lines); the rest follow the profile. */
export type SigningPurpose = 'token' | 'checkpoint' | 'checkpointSm2' | 'response' | 'webhook';
/** 32-byte secrets: `master` wraps data-encryption keys, the others key HMACs. */
export type SecretName = 'master' | 'digest' | 'blindIndex' | 'watermark' | 'pseudonym';

/** Every signing purpose, in file order (a profile uses those purposeAlg allows). */
export const SIGNING_PURPOSES: readonly SigningPurpose[] = [
  'token',
  'checkpoint',
  'checkpointSm2',
  'response',
  'webhook',
];
/** Every secret the keyring holds. */
export const SECRET_NAMES: readonly SecretName[] = [
  'master',
  'digest',
  'blindIndex',
  'watermark',
  'pseudonym',
];

/** The algorithm a purpose uses under a profile, or undefined if the profile has no key for it. */
export function purposeAlg(profile: ProfileName, purpose: SigningPurpose): KeyAlg | undefined {
  if (purpose === 'token' || purpose === 'checkpoint') return 'Ed25519';
  if (purpose === 'checkpointSm2') return profile === 'sm' ? 'SM2' : undefined;
  return profile === 'sm' ? 'SM2' : 'Ed25519';
}

/** One stored signing key pair version. */
export interface StoredKeyPair extends KeyPairInfo {
  id: string;
  createdAt: string;
  retiredAt?: string;
}

/** One stored secret version (32 bytes, hex). */
export interface StoredSecret {
  id: string;
  createdAt: string;
  retiredAt?: string;
  hex: string;
}

/** The keyring file: per purpose/name, every version ever made; the one without retiredAt is current. */
export interface Keyring {
  format: typeof KEYRING_FORMAT;
  profile: ProfileName;
  createdAt: string;
  signing: Partial<Record<SigningPurpose, StoredKeyPair[]>>;
  secrets: Partial<Record<SecretName, StoredSecret[]>>;
}

/** Current UTC time as ISO 8601. */
export function nowIso(): string {
  return new Date().toISOString();
}

/** A fresh signing key version for a purpose. */
export function newKeyVersion(alg: KeyAlg): StoredKeyPair {
  const pair = generateKeyPair(alg);
  return { id: keyFingerprint(pair), createdAt: nowIso(), ...pair };
}

/** A fresh secret version with a random id (an id derived from the secret would leak a hash of it). */
export function newSecretVersion(): StoredSecret {
  return { id: randomSecret(8).toString('hex'), createdAt: nowIso(), hex: randomSecret(32).toString('hex') };
}

/** Adds any purpose or secret the profile needs but the keyring lacks; returns true if something was added. */
export function fillMissing(ring: Keyring): boolean {
  let added = false;
  for (const purpose of SIGNING_PURPOSES) {
    const alg = purposeAlg(ring.profile, purpose);
    if (alg && !ring.signing[purpose]?.length) {
      ring.signing[purpose] = [newKeyVersion(alg)];
      added = true;
    }
  }
  for (const name of SECRET_NAMES) {
    if (!ring.secrets[name]?.length) {
      ring.secrets[name] = [newSecretVersion()];
      added = true;
    }
  }
  return added;
}

/** Type guard for plain JSON objects. */
function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the id/createdAt/retiredAt fields shared by all versions, and that exactly one version is current. */
function checkVersions(where: string, list: unknown): Record<string, unknown>[] {
  if (!Array.isArray(list) || list.length === 0)
    throw new CryptoError(`${where}: expected a non-empty array`);
  const ids = new Set<string>();
  let current = 0;
  const entries = list.map((entry, i) => {
    if (!isObject(entry)) throw new CryptoError(`${where}[${i}]: expected an object`);
    const { id, createdAt, retiredAt } = entry;
    if (typeof id !== 'string' || id === '' || ids.has(id))
      throw new CryptoError(`${where}[${i}]: missing or duplicate id`);
    ids.add(id);
    for (const [field, value] of [
      ['createdAt', createdAt],
      ['retiredAt', retiredAt],
    ] as const) {
      if (value === undefined && field === 'retiredAt') continue;
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
        throw new CryptoError(`${where}[${i}].${field}: expected an ISO 8601 timestamp`);
      }
    }
    if (retiredAt === undefined) current++;
    return entry;
  });
  if (current !== 1)
    throw new CryptoError(`${where}: exactly one version must lack retiredAt (found ${current})`);
  return entries;
}

/** Validates parsed JSON as a keyring for `profile`, canonicalising every key (and checking pairs match). */
export function validateKeyring(json: unknown, profile: ProfileName, file: string): Keyring {
  if (!isObject(json) || json.format !== KEYRING_FORMAT) {
    throw new CryptoError(`${file}: not an Orderly keyring (format must be "${KEYRING_FORMAT}")`);
  }
  if (json.profile !== profile) {
    throw new CryptoError(
      `${file}: keyring is for profile ${JSON.stringify(json.profile)}, platform runs "${profile}"`,
    );
  }
  const signing = isObject(json.signing) ? json.signing : {};
  const secrets = isObject(json.secrets) ? json.secrets : {};
  const ring: Keyring = {
    format: KEYRING_FORMAT,
    profile,
    createdAt: typeof json.createdAt === 'string' ? json.createdAt : nowIso(),
    signing: {},
    secrets: {},
  };
  for (const purpose of SIGNING_PURPOSES) {
    if (signing[purpose] === undefined) continue;
    const alg = purposeAlg(profile, purpose);
    if (!alg) throw new CryptoError(`${file}: purpose ${purpose} does not exist in profile ${profile}`);
    ring.signing[purpose] = checkVersions(`${file}: signing.${purpose}`, signing[purpose]).map((e, i) => {
      if (e.alg !== alg) throw new CryptoError(`${file}: signing.${purpose}[${i}] must be ${alg}`);
      const pair = parseKeyPair(e as unknown as KeyPairInfo);
      const v: StoredKeyPair = { id: e.id as string, createdAt: e.createdAt as string, ...pair };
      return typeof e.retiredAt === 'string' ? { ...v, retiredAt: e.retiredAt } : v;
    });
  }
  for (const name of SECRET_NAMES) {
    if (secrets[name] === undefined) continue;
    ring.secrets[name] = checkVersions(`${file}: secrets.${name}`, secrets[name]).map((e, i) => {
      if (typeof e.hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(e.hex)) {
        throw new CryptoError(`${file}: secrets.${name}[${i}].hex must be 32 bytes of hex`);
      }
      const v: StoredSecret = {
        id: e.id as string,
        createdAt: e.createdAt as string,
        hex: e.hex.toLowerCase(),
      };
      return typeof e.retiredAt === 'string' ? { ...v, retiredAt: e.retiredAt } : v;
    });
  }
  return ring;
}

/** Reads a keyring file after refusing one that group or others can access; undefined if it does not exist. */
export async function readKeyringFile(file: string): Promise<unknown> {
  let st;
  try {
    st = await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CryptoError(`cannot read keyring ${file}`, { cause: err });
  }
  if (!st.isFile()) throw new CryptoError(`keyring ${file} is not a regular file`);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
    const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
    throw new CryptoError(
      `keyring ${file} has mode ${mode}: it must not be group/world accessible (chmod 600 it)`,
    );
  }
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CryptoError(`keyring ${file} is not valid JSON`, { cause: err });
  }
}

/**
 * Writes the keyring atomically: a 0600 temp file in the same directory, fsync, then rename over the target
 * (or, with `exclusive`, hard-link so a concurrent first start cannot overwrite another's new keyring).
 * Returns false only when `exclusive` and the file already exists.
 */
export async function writeKeyringFile(file: string, ring: Keyring, exclusive = false): Promise<boolean> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomSecret(6).toString('hex')}.tmp`;
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(ring, null, 2)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (exclusive) {
      try {
        await link(tmp, file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw err;
      }
    } else {
      await rename(tmp, file);
    }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await syncDir(dir);
  return true;
}

/** fsyncs a directory so the rename itself survives a crash (best effort: not all platforms allow it). */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, constants.O_RDONLY);
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Windows and some filesystems refuse to fsync a directory; the data itself is already synced.
  }
}
