// What a package says about itself (docs/packages.md). Signed by the platform's response key as a detached JWS
// over the manifest's JCS bytes; the data digest covers the data frames' bytes in order.

/** One delivered column. */
export interface ManifestField {
  code: string;
  name: string;
  /** The mask the grant applies to it (null = clear). */
  mask: unknown;
}

/** The manifest of a package. */
export interface PackageManifest {
  v: 1;
  packageId: string;
  grantId: string;
  resourceId: string;
  providerOrgId: string;
  consumerOrgId: string;
  format: 'csv' | 'ndjson';
  fields: ManifestField[];
  /** The consumer's filter (ANDed with the grant's row filter), or null. */
  filter: unknown;
  rows: number;
  /** Digest of the data bytes: SHA-256 under intl, SM3 under sm (hex). */
  dataDigest: { alg: 'sha256' | 'sm3'; hex: string };
  /** The recipient fingerprint this package carries (keyed by a platform secret; see leak tracing). */
  watermarkId: string;
  /** The encryption key the package was sealed to (the consumer organisation's). */
  recipientKeyId: string;
  createdAt: string;
}

/** Structural check of a parsed manifest (the signature is checked separately). */
export function isManifest(x: unknown): x is PackageManifest {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    m.v === 1 &&
    typeof m.packageId === 'string' &&
    typeof m.grantId === 'string' &&
    typeof m.resourceId === 'string' &&
    (m.format === 'csv' || m.format === 'ndjson') &&
    Array.isArray(m.fields) &&
    typeof m.rows === 'number' &&
    isDigest(m.dataDigest)
  );
}

function isDigest(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  return (d.alg === 'sha256' || d.alg === 'sm3') && typeof d.hex === 'string';
}
