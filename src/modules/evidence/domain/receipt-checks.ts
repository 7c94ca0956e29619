// The individual checks of the receipt verifier (receipt.ts), each a pure function of the receipt and the
// parsed checkpoint that reports what it found, so a failure names the broken link.
import { canonicalJson, sha256, sm3 } from '../../../kernel/index.js';
import type { Checkpoint } from './checkpoint.js';
import { leafHashOf } from './leaf.js';
import type { TreeHasher } from './merkle-hash.js';
import { verifyInclusion } from './merkle-verify.js';
import type { NoteVerifier } from './note-keys.js';
import type { CheckedSignature } from './note.js';
import { decodeBase64 } from './note-syntax.js';
import type { Receipt, ReceiptCheck, ReceiptVerification } from './receipt.js';

/** JCS of a value, or null if it is not JSON. */
function jcsOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}

/** The identity of a key for quorum counting: the raw public key, so one key listed twice counts once. */
export function keyIdentity(v: NoteVerifier): string {
  return v.publicKey.toString('hex');
}

/** `file` (if a file is given): its hash is the receipt digest; `digest` (if any): the leaf records it. */
export function digestChecks(receipt: Receipt, file: Uint8Array | undefined): ReceiptCheck[] {
  const checks: ReceiptCheck[] = [];
  const digest = receipt.digest;
  if (file !== undefined) {
    if (!digest)
      checks.push({ name: 'file', ok: false, detail: 'a file was given but the receipt has no digest' });
    else {
      const actual = (digest.alg === 'sm3' ? sm3 : sha256)(file).toString('hex');
      const ok = actual === digest.value;
      const detail = ok
        ? `the file's ${digest.alg} is the receipt digest`
        : `the file's ${digest.alg} ${actual} is not the receipt digest`;
      checks.push({ name: 'file', ok, detail });
    }
  }
  if (digest) {
    // Notarisation leaves record the digest as leaf.digest = {alg, value}: compare canonical forms.
    const ok = jcsOrNull(receipt.leaf.digest) === canonicalJson(digest);
    const detail = ok ? 'the leaf records the receipt digest' : 'leaf.digest is not the receipt digest';
    checks.push({ name: 'digest', ok, detail });
  }
  return checks;
}

/** `leaf-hash`: H(0x00 ‖ JCS(leaf)) is the receipt's leaf hash; `inclusion`: the proof leads to the root. */
export function leafChecks(h: TreeHasher, receipt: Receipt, cp: Checkpoint): ReceiptCheck[] {
  let computed: Buffer | null = null;
  try {
    computed = leafHashOf(h, receipt.leaf);
  } catch {
    // Not canonicalisable (e.g. a number JSON cannot carry): reported below.
  }
  const given = decodeBase64(receipt.leafHash);
  const leafOk = computed !== null && given !== null && computed.equals(given);
  const leafDetail =
    computed === null
      ? 'the leaf is not JSON that JCS can canonicalise'
      : leafOk
        ? 'H(0x00 ‖ JCS(leaf)) is the receipt leaf hash'
        : `H(0x00 ‖ JCS(leaf)) is ${computed.toString('base64')}, not the receipt leaf hash`;
  // The proof is checked for the recomputed hash: the point is to prove this leaf, not a claimed hash.
  const proof = receipt.inclusionProof.map(decodeBase64);
  const included =
    computed !== null &&
    proof.every((p) => p !== null) &&
    verifyInclusion(h, receipt.leafIndex, cp.size, computed, proof, cp.rootHash);
  const where = `index ${receipt.leafIndex} under the checkpoint root (tree size ${cp.size})`;
  return [
    { name: 'leaf-hash', ok: leafOk, detail: leafDetail },
    {
      name: 'inclusion',
      ok: included,
      detail: included
        ? `the proof puts the leaf at ${where}`
        : `the proof does not put this leaf at ${where}`,
    },
  ];
}

/** `log-signature`, `witness-cosignatures` and `quorum`, plus the distinct witnesses that counted. */
export function signatureChecks(
  signatures: readonly CheckedSignature[],
  logKeys: readonly NoteVerifier[],
  quorum: number,
): { checks: ReceiptCheck[]; witnesses: ReceiptVerification['witnesses'] } {
  const logIds = new Set(logKeys.map((v) => `${v.name}\n${v.keyId}`));
  const logLines = signatures.filter(
    (s) => s.verifier && logIds.has(`${s.verifier.name}\n${s.verifier.keyId}`),
  );
  const badLog = logLines.filter((s) => s.status === 'invalid').map((s) => s.name);
  const goodLog = logLines
    .filter((s) => s.status === 'verified')
    .map((s) => `${s.name} (${s.verifier?.type})`);
  const logDetail =
    badLog.length > 0
      ? `the log signature of ${badLog.join(', ')} does not verify`
      : goodLog.length > 0
        ? `signed by ${goodLog.join(', ')}`
        : 'no signature by a trusted log key';

  const witnessLines = signatures.filter((s) => s.verifier?.type === 'cosignature/v1');
  const badWitness = witnessLines.filter((s) => s.status === 'invalid').map((s) => s.name);
  const counted = new Map<string, { name: string; timestamp: number }>();
  for (const s of witnessLines) {
    if (s.status !== 'verified' || !s.verifier || s.timestamp === undefined) continue;
    const id = keyIdentity(s.verifier);
    if (!counted.has(id)) counted.set(id, { name: s.name, timestamp: s.timestamp });
  }
  const witnessDetail =
    badWitness.length > 0
      ? `the cosignature of trusted witness ${badWitness.join(', ')} does not verify`
      : `${counted.size} valid cosignature(s) from trusted witnesses`;
  return {
    checks: [
      { name: 'log-signature', ok: badLog.length === 0 && goodLog.length > 0, detail: logDetail },
      { name: 'witness-cosignatures', ok: badWitness.length === 0, detail: witnessDetail },
      {
        name: 'quorum',
        ok: counted.size >= quorum,
        detail: `${counted.size} distinct witness(es) cosigned; quorum is ${quorum}`,
      },
    ],
    witnesses: [...counted.values()],
  };
}
