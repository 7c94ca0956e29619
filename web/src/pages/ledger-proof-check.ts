import { getInclusionProof } from '../api/evidence-endpoints';
import type { LedgerEntry } from '../api/evidence-types';
import type { CheckRow } from '../components/check-list';
import { decodeBase64, encodeBase64, equalBytes, utf8, type Bytes } from '../evidence/bytes';
import { hasherFor } from '../evidence/hash';
import { canonicalJson } from '../evidence/jcs';
import { leafHash, rootFromInclusion } from '../evidence/merkle-verify';
import type { LedgerHead } from './ledger-head';

// The proof viewer's checks of one entry, all in the browser: the leaf hash recomputed from the entry (when
// the reader may see it: auditors), the RFC 9162 inclusion proof from that hash to the root of the latest
// checkpoint (whose log signature the head already checked), and the platform's claimed root.

export interface EntryProof {
  /** The entry is beyond the latest signed checkpoint: nothing to prove yet. */
  notCheckpointed: boolean;
  checks: CheckRow[];
  ok: boolean;
  /** The proof's hashes (base64), from the leaf's sibling up. */
  path: string[];
  computedRoot: string | null;
}

/** Fetches the inclusion proof of an entry against the head's size and verifies it here. */
export async function proveEntry(entry: LedgerEntry, head: LedgerHead): Promise<EntryProof> {
  const { size, rootHash } = head.checkpoint;
  if (entry.index >= size)
    return { notCheckpointed: true, checks: [], ok: false, path: [], computedRoot: null };
  const answer = await getInclusionProof(entry.index, size);
  const h = hasherFor(head.alg);
  const checks: CheckRow[] = [];

  // The leaf hash: recomputed from the entry when it is shown, else the log's own.
  const given = decodeBase64(entry.leafHash);
  let leaf: Bytes | null = given;
  if (entry.leaf) {
    let jcs: string | null = null;
    try {
      jcs = canonicalJson(entry.leaf);
    } catch {
      jcs = null;
    }
    leaf = jcs === null ? null : await leafHash(h, utf8(jcs));
    const ok =
      leaf !== null && given !== null && equalBytes(leaf, given) && answer.leafHash === entry.leafHash;
    checks.push({
      name: 'leaf-hash',
      ok,
      detail:
        leaf === null
          ? { code: 'leafNotJson' }
          : ok
            ? { code: 'leafHashOk' }
            : { code: 'leafHashBad', vars: { computed: encodeBase64(leaf) } },
    });
  } else {
    checks.push({
      name: 'leaf-hash',
      ok: answer.leafHash === entry.leafHash,
      detail: { code: 'leafHashOnly' },
    });
  }

  // Inclusion: from that leaf hash, at this index, to the signed checkpoint's root.
  const proof = answer.proof.map(decodeBase64);
  const computed =
    leaf !== null && proof.every((p) => p !== null)
      ? await rootFromInclusion(h, entry.index, size, leaf, proof)
      : null;
  const included = computed !== null && equalBytes(computed, rootHash);
  const where = { index: entry.index, size };
  checks.push({
    name: 'inclusion',
    ok: included,
    detail: { code: included ? 'inclusionOk' : 'inclusionBad', vars: where },
  });
  const rootOk = answer.rootHash === encodeBase64(rootHash) && answer.treeSize === size;
  checks.push({ name: 'root', ok: rootOk, detail: { code: rootOk ? 'rootOk' : 'rootBad' } });

  const sig = head.logSignature;
  const names = sig.names.join(', ');
  checks.push({
    name: 'log-signature',
    ok: sig.status === 'verified',
    detail:
      sig.status === 'verified'
        ? { code: 'logSigOk', vars: { names } }
        : sig.status === 'invalid'
          ? { code: 'logSigBad', vars: { names: head.checkpoint.origin } }
          : sig.status === 'unchecked'
            ? { code: 'logSigOnlyUnchecked', vars: { unchecked: head.checkpoint.origin } }
            : { code: 'logSigNone' },
  });

  return {
    notCheckpointed: false,
    checks,
    ok: checks.every((c) => c.ok),
    path: answer.proof,
    computedRoot: computed ? encodeBase64(computed) : null,
  };
}
