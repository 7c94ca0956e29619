import { Secret, TOTP } from 'otpauth';

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s — what every authenticator app supports). A code is accepted within
// one step of drift, and each step only once per user (the caller stores the last step used).

const PERIOD = 30;

/** A new random base32 TOTP secret (160 bits). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label = 'orderly'): TOTP {
  return new TOTP({
    issuer: 'Orderly',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

/** The code for a time (demo tools and tests). */
export function totpCode(secret: string, at: Date): string {
  return totp(secret).generate({ timestamp: at.getTime() });
}

/** The time step a valid code belongs to, or null when the code is wrong. */
export function matchTotp(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: at.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}
