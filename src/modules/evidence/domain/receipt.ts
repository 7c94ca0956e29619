// The offline receipt verifier a court or auditor runs: the receipt and public keys only, no server, no
// database. Each link of the chain is a separate check, so a failure says exactly what broke:
// file → digest → leaf → leaf hash → inclusion proof → checkpoint → log signature → witness cosignatures.
// `ok` means the receipt proves the leaf is in a checkpoint the log signed; `final` additionally needs the
// witness quorum, which is what binds the operator (a log alone could sign a rewritten history).
import { checkpointHashAlg, parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { NoteError } from './errors.js';
import { treeHasher, type LogHashAlg } from './merkle-hash.js';
import { parseVerifierKey, type NoteVerifier } from './note-keys.js';
import { addSignatureLines, checkNote, type CheckedSignature } from './note.js';
import { digestChecks, keyIdentity, leafChecks, signatureChecks } from './receipt-checks.js';

/** A file digest: the hash algorithm and the lowercase hex value (what `sha256sum` or `gmssl sm3` print). */
export interface ReceiptDigest {
  alg: LogHashAlg;
  value: string;
}

/** The fields of a receipt the verifier reads; others (id, time, the platform's own `final`) are ignored. */
export interface Receipt {
  /** The full leaf object; its JCS form is the leaf. */
  leaf: Record<string, unknown>;
  leafIndex: number;
  /** base64 of the RFC 9162 leaf hash. */
  leafHash: string;
  /** base64 hashes, from the leaf's sibling up. */
  inclusionProof: string[];
  /** The signed checkpoint note, with any cosignature lines. */
  checkpoint: string;
  /** Extra signature lines (cosignatures) to add to the checkpoint note. */
  cosignatures?: string[];
  /** Notarisations only: the file digest, which the leaf records as `leaf.digest`. */
  digest?: ReceiptDigest;
}

/** What the verifier trusts: keys as verifier-key strings or parsed verifiers. */
export interface ReceiptTrust {
  /** The log's note keys (Ed25519 and/or SM2); at least one of them must have signed the checkpoint. */
  logKeys: readonly (NoteVerifier | string)[];
  /** Witness cosignature/v1 keys. */
  witnessKeys?: readonly (NoteVerifier | string)[];
  /** How many distinct witness keys must have cosigned for `final`. */
  quorum: number;
  /** If set, the checkpoint origin must equal it. */
  origin?: string;
  /** If set, the notarised file: its digest must equal the receipt's. */
  file?: Uint8Array;
}

/** Names of the checks, in the order they are reported. */
export type ReceiptCheckName =
  | 'format'
  | 'checkpoint'
  | 'file'
  | 'digest'
  | 'leaf-hash'
  | 'inclusion'
  | 'log-signature'
  | 'witness-cosignatures'
  | 'quorum';

/** One check's outcome with a human-readable detail. */
export interface ReceiptCheck {
  name: ReceiptCheckName;
  ok: boolean;
  detail: string;
}

/** The verdict: every check, plus the parsed checkpoint and the witnesses that counted towards the quorum. */
export interface ReceiptVerification {
  ok: boolean;
  final: boolean;
  checks: ReceiptCheck[];
  checkpoint?: Checkpoint;
  witnesses: { name: string; timestamp: number }[];
}

const HEX_DIGEST_RE = /^[0-9a-f]{64}$/;

/** Parses keys given as strings; throws a NoteError naming the list for an unparseable key. */
function toVerifiers(keys: readonly (NoteVerifier | string)[], what: string): NoteVerifier[] {
  return keys.map((k) => {
    if (typeof k !== 'string') return k;
    try {
      return parseVerifierKey(k);
    } catch (err) {
      throw new NoteError(`${what}: ${err instanceof Error ? err.message : 'unreadable key'}`);
    }
  });
}

/** True for a well-formed digest object. */
function isDigest(x: unknown): x is ReceiptDigest {
  if (x === null || typeof x !== 'object') return false;
  const { alg, value } = x as { alg?: unknown; value?: unknown };
  return (alg === 'sha256' || alg === 'sm3') && typeof value === 'string' && HEX_DIGEST_RE.test(value);
}

/** Why the input is not a receipt, or null. */
function shapeProblem(r: unknown): string | null {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return 'the receipt is not a JSON object';
  const o = r as Record<string, unknown>;
  const isStrings = (x: unknown): boolean => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (o.leaf === null || typeof o.leaf !== 'object' || Array.isArray(o.leaf)) return 'leaf must be an object';
  if (typeof o.leafIndex !== 'number' || !Number.isSafeInteger(o.leafIndex) || o.leafIndex < 0) {
    return 'leafIndex must be a non-negative integer';
  }
  if (typeof o.leafHash !== 'string') return 'leafHash must be a base64 string';
  if (!isStrings(o.inclusionProof)) return 'inclusionProof must be an array of base64 strings';
  if (typeof o.checkpoint !== 'string') return 'checkpoint must be the signed checkpoint text';
  if (o.cosignatures !== undefined && !isStrings(o.cosignatures))
    return 'cosignatures must be an array of lines';
  if (o.digest !== undefined && !isDigest(o.digest)) {
    return 'digest must be {"alg": "sha256" | "sm3", "value": 64 lowercase hex digits}';
  }
  return null;
}

/**
 * Verifies a receipt offline. Never throws for bad evidence (it becomes a failed check); throws a NoteError for
 * bad trust inputs: an unparseable key, a witness key that is not cosignature/v1, or an impossible quorum.
 */
export function verifyReceipt(input: unknown, trust: ReceiptTrust): ReceiptVerification {
  const logKeys = toVerifiers(trust.logKeys, 'log key');
  const witnessKeys = toVerifiers(trust.witnessKeys ?? [], 'witness key');
  if (logKeys.length === 0) throw new NoteError('at least one log key is needed');
  if (logKeys.some((v) => v.type === 'cosignature/v1'))
    throw new NoteError('log keys must be ed25519 or sm2 keys');
  if (witnessKeys.some((v) => v.type !== 'cosignature/v1'))
    throw new NoteError('witness keys must be cosignature/v1');
  const distinctWitnesses = new Set(witnessKeys.map(keyIdentity)).size;
  if (!Number.isSafeInteger(trust.quorum) || trust.quorum < 0 || trust.quorum > distinctWitnesses) {
    throw new NoteError(
      `quorum must be between 0 and the number of distinct witness keys (${distinctWitnesses})`,
    );
  }

  const checks: ReceiptCheck[] = [];
  const verdict = (checkpoint?: Checkpoint, witnesses: ReceiptVerification['witnesses'] = []) => {
    // The quorum decides `final` only: a receipt below quorum is still authentic.
    const ok = checks.every((c) => c.name === 'quorum' || c.ok);
    const quorum = checks.find((c) => c.name === 'quorum')?.ok ?? false;
    const out: ReceiptVerification = { ok, final: ok && quorum, checks, witnesses };
    if (checkpoint) out.checkpoint = checkpoint;
    return out;
  };

  const problem = shapeProblem(input);
  checks.push({ name: 'format', ok: problem === null, detail: problem ?? 'the receipt is well-formed' });
  if (problem !== null) return verdict();
  const receipt = input as Receipt;

  let cp: Checkpoint;
  let signatures: CheckedSignature[];
  try {
    const extra = receipt.cosignatures ?? [];
    const signed = extra.length > 0 ? addSignatureLines(receipt.checkpoint, extra) : receipt.checkpoint;
    const checked = checkNote(signed, [...logKeys, ...witnessKeys]);
    signatures = checked.signatures;
    cp = parseCheckpoint(checked.text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'unreadable checkpoint';
    checks.push({ name: 'checkpoint', ok: false, detail });
    return verdict();
  }
  if (trust.origin !== undefined && cp.origin !== trust.origin) {
    const detail = `checkpoint origin "${cp.origin}" is not the expected "${trust.origin}"`;
    checks.push({ name: 'checkpoint', ok: false, detail });
    return verdict(cp);
  }
  const alg = checkpointHashAlg(cp.origin);
  const detail = `origin ${cp.origin}, tree size ${cp.size}, ${alg === 'sm3' ? 'SM3' : 'SHA-256'} tree`;
  checks.push({ name: 'checkpoint', ok: true, detail });

  checks.push(...digestChecks(receipt, trust.file));
  checks.push(...leafChecks(treeHasher(alg), receipt, cp));
  const signed = signatureChecks(signatures, logKeys, trust.quorum);
  checks.push(...signed.checks);
  return verdict(cp, signed.witnesses);
}
