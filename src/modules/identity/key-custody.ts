import { getProfile, type KeyPairInfo, type PlatformKeyring, type ProfileName } from '../../kernel/index.js';

// Department private keys the platform generated are kept wrapped under the keyring's master key (the wrapping
// profile is recorded in front so a later profile switch can still unwrap them).

/** Wraps a private key for storage; the key id is bound as associated data. */
export function wrapPrivateKey(keyring: PlatformKeyring, keyId: string, key: KeyPairInfo): string {
  const profile = getProfile(keyring.profile);
  const plain = Buffer.from(
    JSON.stringify({ privatePem: key.privatePem, privateHex: key.privateHex ?? null }),
  );
  const ct = profile.encrypt(keyring.secret('master'), plain, Buffer.from(`org-key:${keyId}`));
  return `${profile.name}:${ct.toString('base64')}`;
}

/** Unwraps a stored private key. */
export function unwrapPrivateKey(
  keyring: PlatformKeyring,
  keyId: string,
  stored: string,
): { privatePem: string; privateHex: string | null } {
  const [name, b64] = stored.split(':') as [ProfileName, string];
  const plain = getProfile(name).decrypt(
    keyring.secret('master'),
    Buffer.from(b64, 'base64'),
    Buffer.from(`org-key:${keyId}`),
  );
  return JSON.parse(plain.toString('utf8')) as { privatePem: string; privateHex: string | null };
}

/** Encrypts a small secret (a TOTP seed) under the master key, bound to a label. */
export function sealSecret(keyring: PlatformKeyring, label: string, secret: string): string {
  const profile = getProfile(keyring.profile);
  const ct = profile.encrypt(keyring.secret('master'), Buffer.from(secret, 'utf8'), Buffer.from(label));
  return `${profile.name}:${ct.toString('base64')}`;
}

/** Decrypts a secret sealed by sealSecret. */
export function openSecret(keyring: PlatformKeyring, label: string, stored: string): string {
  const [name, b64] = stored.split(':') as [ProfileName, string];
  return getProfile(name)
    .decrypt(keyring.secret('master'), Buffer.from(b64, 'base64'), Buffer.from(label))
    .toString('utf8');
}
