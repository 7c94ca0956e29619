// Profile selection. The platform picks one profile at install time (see keyring.ts); verification code
// should use verifySignature, which accepts keys of both.
import { CryptoError } from './errors.js';
import { intlProfile } from './intl-profile.js';
import { smProfile } from './sm-profile.js';
import type { CryptoProfile, ProfileName } from './types.js';

/** Returns the named crypto profile ('intl' or 'sm'). */
export function getProfile(name: ProfileName): CryptoProfile {
  if (name === 'intl') return intlProfile;
  if (name === 'sm') return smProfile;
  throw new CryptoError(`unknown crypto profile ${JSON.stringify(name)}; expected "intl" or "sm"`);
}

/** Type guard for configuration values naming a profile. */
export function isProfileName(value: unknown): value is ProfileName {
  return value === 'intl' || value === 'sm';
}
