import { randomBytes } from 'node:crypto';
import { canonicalJson, saltedDigest, type AnyTx } from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';

// Salted digests of a decision's scope and basis (docs/evidence-leaves.md "Sharing decisions"): the leaf
// carries only H(salt ‖ JCS(object)); the object and its own random salt stay in sharing_digests so the
// platform can hand a court both and the court recomputes the digest with public tools.

/** Where a digest belongs. */
export interface DigestOwner {
  applicationId: string;
  partId: string | null;
}

/** Stores the object with a fresh salt and returns its digest as `<alg>:<hex>`. */
export async function recordDigest(
  tx: AnyTx,
  alg: 'sha256' | 'sm3',
  kind: 'scope' | 'basis',
  object: unknown,
  owner: DigestOwner,
  at: Date,
): Promise<string> {
  const salt = randomBytes(16);
  const digest = `${alg}:${saltedDigest(alg, salt, object)}`;
  await repo.insertDigest(tx, {
    digest,
    alg,
    salt: salt.toString('hex'),
    kind,
    object: canonicalJson(object),
    application_id: owner.applicationId,
    part_id: owner.partId,
    created_at: at.toISOString(),
  });
  return digest;
}

/** A stored digest with what a court needs to recompute it (the object as JCS text, and its salt). */
export async function readDigest(tx: AnyTx, digest: string) {
  const row = await repo.digest(tx, digest);
  if (!row) return null;
  return {
    digest: row.digest,
    alg: row.alg,
    salt: row.salt,
    kind: row.kind,
    applicationId: row.application_id,
    partId: row.part_id,
    jcs: row.object,
    createdAt: row.created_at,
  };
}
