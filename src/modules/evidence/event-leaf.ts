import type { EventRow } from './tables.js';

// The leaf of an audit event: what every verifier hashes (its RFC 8785 form). It names who did what to which
// subject and when, and carries only digests of the change — never personal data in clear. The leaf records its
// own index so a reordered row is caught at the exact position. Schemas per event type: docs/evidence-leaves.md.
//
// Leaves are stored as their hashes only (migration 20261130_0300): this function is how every existing leaf's
// text is derived again for entries, receipts and verification. Version 1 must therefore never change; a new
// leaf form needs a new version that applies from an index recorded in the log's state.

/** The leaf object of an event at a given index. */
export function eventLeaf(index: number, e: EventRow): Record<string, unknown> {
  const details = JSON.parse(e.details) as Record<string, string | number | boolean | null>;
  const leaf: Record<string, unknown> = {
    v: 1,
    index,
    id: e.id,
    time: e.occurred_at,
    action: e.action,
    actor: { kind: e.actor_kind, id: e.actor_id, org: e.actor_org_id },
    subject: { type: e.subject_type, id: e.subject_id },
    org: e.org_id,
    request: e.request_id,
    change: e.change_digest ? { alg: e.digest_alg, digest: e.change_digest } : null,
    details,
  };
  // A notarisation's file digest sits at the top level, where receipts and `orderly verify` look for it.
  if (e.action === 'evidence.notarise' && typeof details.fileDigest === 'string') {
    leaf.digest = { alg: details.fileDigestAlg, value: details.fileDigest };
  }
  return leaf;
}
