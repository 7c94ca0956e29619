// The platform keyring: every signing key and secret the platform itself holds, with rotation that keeps old
// versions so signatures and wrapped keys made before a rotation stay verifiable/decryptable.
import { inspect } from 'node:util';
import { isAbsolute, join, resolve } from 'node:path';
import { CryptoError } from './errors.js';
import { publicInfo } from './keys.js';
import {
  KEYRING_FORMAT,
  SIGNING_PURPOSES,
  fillMissing,
  newKeyVersion,
  newSecretVersion,
  nowIso,
  purposeAlg,
  readKeyringFile,
  validateKeyring,
  writeKeyringFile,
  type Keyring,
  type SecretName,
  type SigningPurpose,
} from './keyring-file.js';
import type { KeyPairInfo, ProfileName, PublicKeyInfo } from './types.js';

export type { Keyring, SecretName, SigningPurpose } from './keyring-file.js';
export { SECRET_NAMES, SIGNING_PURPOSES, purposeAlg } from './keyring-file.js';

/** A signing key pair version with its id (the SPKI fingerprint) and lifecycle timestamps. */
export interface KeyringKeyPair extends KeyPairInfo {
  id: string;
  createdAt: string;
  retiredAt?: string;
}

/** A public key version, safe to publish (e.g. in a JWKS-like document). */
export interface KeyringPublicKey extends PublicKeyInfo {
  id: string;
  createdAt: string;
  retiredAt?: string;
}

/** A secret version; `value` is a fresh copy each call so callers cannot corrupt the keyring. */
export interface KeyringSecret {
  id: string;
  createdAt: string;
  retiredAt?: string;
  value: Buffer;
}

/** Copies the lifecycle fields, omitting retiredAt when absent (keeps JSON output tidy). */
function lifecycle(v: { id: string; createdAt: string; retiredAt?: string }): {
  id: string;
  createdAt: string;
  retiredAt?: string;
} {
  return v.retiredAt === undefined
    ? { id: v.id, createdAt: v.createdAt }
    : { id: v.id, createdAt: v.createdAt, retiredAt: v.retiredAt };
}

/** The platform's keys. Private material is only reachable through current()/secret(); never serialised. */
export class PlatformKeyring {
  readonly profile: ProfileName;
  readonly file: string;
  #ring: Keyring;
  #queue: Promise<unknown> = Promise.resolve();

  /** Use loadOrCreateKeyring; the constructor trusts an already validated keyring. */
  constructor(file: string, ring: Keyring) {
    this.profile = ring.profile;
    this.file = file;
    this.#ring = ring;
  }

  /** Signing purposes this profile has keys for. */
  purposes(): SigningPurpose[] {
    return SIGNING_PURPOSES.filter((p) => purposeAlg(this.profile, p) !== undefined);
  }

  /** The versions of a purpose, or a CryptoError naming the problem. */
  #versions(purpose: SigningPurpose): KeyringKeyPair[] {
    const list = this.#ring.signing[purpose];
    if (!list)
      throw new CryptoError(`keyring (profile ${this.profile}) has no "${String(purpose)}" signing key`);
    return list;
  }

  /** The current key pair of a purpose (a copy). */
  current(purpose: SigningPurpose): KeyringKeyPair {
    const cur = this.#versions(purpose).find((v) => v.retiredAt === undefined);
    if (!cur) throw new CryptoError(`keyring has no current "${purpose}" key`);
    return { ...cur };
  }

  /** All public keys of a purpose, current and retired, for verifying older signatures. */
  publicKeys(purpose: SigningPurpose): KeyringPublicKey[] {
    return this.#versions(purpose).map((v) => ({ ...publicInfo(v), ...lifecycle(v) }));
  }

  /** The public key of a purpose with the given id (e.g. a JWS `kid`), if any. */
  publicKey(purpose: SigningPurpose, id: string): KeyringPublicKey | undefined {
    return this.publicKeys(purpose).find((k) => k.id === id);
  }

  /** The current value of a secret (a copy). */
  secret(name: SecretName): Buffer {
    return this.currentSecret(name).value;
  }

  /** The current version of a secret with its id (store the id beside what it protects, e.g. wrapped DEKs). */
  currentSecret(name: SecretName): KeyringSecret {
    const cur = this.secrets(name).find((s) => s.retiredAt === undefined);
    if (!cur) throw new CryptoError(`keyring has no current "${name}" secret`);
    return cur;
  }

  /** Every version of a secret, oldest first, so data protected under a retired version can still be read. */
  secrets(name: SecretName): KeyringSecret[] {
    const list = this.#ring.secrets[name];
    if (!list) throw new CryptoError(`keyring has no "${String(name)}" secret`);
    return list.map((s) => ({ ...lifecycle(s), value: Buffer.from(s.hex, 'hex') }));
  }

  /** Generates a new current key for a purpose, retires (but keeps) the old one and persists the file. */
  async rotate(purpose: SigningPurpose): Promise<KeyringKeyPair> {
    const alg = purposeAlg(this.profile, purpose);
    if (!alg) throw new CryptoError(`purpose "${purpose}" does not exist in profile ${this.profile}`);
    return this.#mutate((ring, at) => {
      const fresh = newKeyVersion(alg);
      ring.signing[purpose] = [
        ...(ring.signing[purpose] ?? []).map((v) => (v.retiredAt ? v : { ...v, retiredAt: at })),
        fresh,
      ];
      return { ...fresh };
    });
  }

  /** Generates a new current version of a secret, retires (but keeps) the old one and persists the file. */
  async rotateSecret(name: SecretName): Promise<KeyringSecret> {
    return this.#mutate((ring, at) => {
      const fresh = newSecretVersion();
      ring.secrets[name] = [
        ...(ring.secrets[name] ?? []).map((v) => (v.retiredAt ? v : { ...v, retiredAt: at })),
        fresh,
      ];
      return { ...lifecycle(fresh), value: Buffer.from(fresh.hex, 'hex') };
    });
  }

  /** Applies a change to a copy, persists it, and only then makes it live; changes run one at a time. */
  async #mutate<T>(change: (ring: Keyring, at: string) => T): Promise<T> {
    const run = this.#queue.then(async () => {
      const next = structuredClone(this.#ring);
      const result = change(next, nowIso());
      await writeKeyringFile(this.file, next);
      this.#ring = next;
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Public summary only: ids, algorithms, public keys and timestamps. Never private keys or secret values. */
  toJSON(): Record<string, unknown> {
    const signing: Record<string, KeyringPublicKey[]> = {};
    for (const purpose of this.purposes()) signing[purpose] = this.publicKeys(purpose);
    const secrets: Record<string, unknown[]> = {};
    for (const [name, list] of Object.entries(this.#ring.secrets)) secrets[name] = list.map(lifecycle);
    return { format: KEYRING_FORMAT, profile: this.profile, signing, secrets };
  }

  /** Short description for logs. */
  toString(): string {
    return `PlatformKeyring(${this.profile}, ${this.file})`;
  }

  /** console.log / util.inspect show the public summary, not the fields. */
  [inspect.custom](): Record<string, unknown> {
    return this.toJSON();
  }
}

/** Loads `<dataDir>/keyring.json` (or opts.file), creating it with fresh keys (mode 0600) at first start. */
export async function loadOrCreateKeyring(
  dataDir: string,
  profile: ProfileName,
  opts: { file?: string } = {},
): Promise<PlatformKeyring> {
  if (profile !== 'intl' && profile !== 'sm')
    throw new CryptoError(`unknown crypto profile ${String(profile)}`);
  const file = opts.file
    ? isAbsolute(opts.file)
      ? opts.file
      : resolve(dataDir, opts.file)
    : join(dataDir, 'keyring.json');
  for (let attempt = 0; attempt < 3; attempt++) {
    const json = await readKeyringFile(file);
    if (json === undefined) {
      const ring: Keyring = {
        format: KEYRING_FORMAT,
        profile,
        createdAt: nowIso(),
        signing: {},
        secrets: {},
      };
      fillMissing(ring);
      // Exclusive create: if another process won the race, loop and load its keyring instead.
      if (await writeKeyringFile(file, ring, true)) return new PlatformKeyring(file, ring);
      continue;
    }
    const ring = validateKeyring(json, profile, file);
    // Operator-supplied or older files may lack a purpose or secret: add it rather than fail at first use.
    if (fillMissing(ring)) await writeKeyringFile(file, ring);
    return new PlatformKeyring(file, ring);
  }
  throw new CryptoError(`could not create or load keyring ${file}`);
}
