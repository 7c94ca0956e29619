import { CryptoError, getProfile, type PlatformKeyring, type ProfileName } from '../kernel/index.js';
import type { FileCipher } from '../modules/catalogue/index.js';

// The file store's key is derived from the master secret for this one purpose, so it never equals a key used
// elsewhere. Sealed files carry the master secret's version id in a short header: after a rotation, older
// files still open, and a re-seal job can find them.
const LABEL = 'orderly/catalogue-files/v1';
const MAGIC = 'OFS1';

/** A FileCipher over the platform keyring's master secret and the profile's AEAD. */
export function fileCipher(keyring: PlatformKeyring, profileName: ProfileName): FileCipher {
  const profile = getProfile(profileName);
  const keyFor = (secret: Buffer) => profile.hmac(secret, LABEL).subarray(0, 32);
  return {
    seal(plain, digest) {
      const cur = keyring.currentSecret('master');
      const id = Buffer.from(cur.id, 'utf8');
      const head = Buffer.concat([Buffer.from(MAGIC), Buffer.from([id.length]), id]);
      return Buffer.concat([head, profile.encrypt(keyFor(cur.value), plain, Buffer.from(digest))]);
    },
    open(sealed, digest) {
      if (sealed.subarray(0, 4).toString() !== MAGIC) throw new CryptoError('not a sealed catalogue file');
      const len = sealed[4] ?? 0;
      const id = sealed.subarray(5, 5 + len).toString('utf8');
      const secret = keyring.secrets('master').find((s) => s.id === id);
      if (!secret) throw new CryptoError('the file was sealed under a master secret this keyring lacks');
      return profile.decrypt(keyFor(secret.value), sealed.subarray(5 + len), Buffer.from(digest));
    },
  };
}
