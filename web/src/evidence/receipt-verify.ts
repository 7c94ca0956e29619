// The receipt verifier of 存证核验, in the browser: the same chain and the same checks, in the same order, as
// `orderly verify` (src/modules/evidence/domain/receipt.ts, docs/evidence-formats.md §7):
// format → checkpoint → file → digest → leaf-hash → inclusion → log-signature → witness-cosignatures → quorum.
// `ok` means the receipt proves the leaf is in a checkpoint the log signed; `final` also needs the witness
// quorum. Bad evidence is a failed check, never an exception; bad trust inputs (unreadable keys) throw.
import { decodeBase64, encodeBase64, equalBytes, toHex, utf8, type Bytes } from './bytes.js';
import { hashAlgName, hasherFor, type HashAlg } from './hash.js';
import { canonicalJson } from './jcs.js';
import { leafHash, verifyInclusion } from './merkle-verify.js';
import { checkNote, type CheckedSignature } from './note-verify.js';
import {
  addSignatureLines,
  checkpointHashAlg,
  NoteFormatError,
  parseCheckpoint,
  parseVerifierKey,
  type Checkpoint,
  type NoteVerifier,
} from './note.js';

/** Names of the checks, in the order they are reported (as `orderly verify` names them). */
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

/** A check's outcome; `detail` is a message code (`verify.detail.<code>`) with its values. */
export interface ReceiptCheck {
  name: ReceiptCheckName;
  ok: boolean;
  detail: { code: string; vars?: Record<string, string | number> };
}

/** The verdict: every check, the parsed checkpoint and the witnesses that counted towards the quorum. */
export interface ReceiptVerification {
  ok: boolean;
  final: boolean;
  checks: ReceiptCheck[];
  checkpoint?: Checkpoint;
  witnesses: { name: string; timestamp: number }[];
}

/** What the verifier trusts, as verifier-key strings. */
export interface ReceiptTrust {
  logKeys: readonly string[];
  witnessKeys: readonly string[];
  quorum: number;
  /** If set, the checkpoint origin must equal it. */
  origin?: string;
  /** If set, the notarised file: its digest must equal the receipt's. */
  file?: Bytes;
}

/** A file digest as receipts and leaves record it. */
export interface ReceiptDigest {
  alg: HashAlg;
  value: string;
}

interface ReceiptShape {
  leaf: Record<string, unknown>;
  leafIndex: number;
  leafHash: string;
  inclusionProof: string[];
  checkpoint: string;
  cosignatures?: string[];
  digest?: ReceiptDigest;
}

const HEX_DIGEST_RE = /^[0-9a-f]{64}$/;

function isDigest(x: unknown): x is ReceiptDigest {
  if (x === null || typeof x !== 'object') return false;
  const { alg, value } = x as { alg?: unknown; value?: unknown };
  return (alg === 'sha256' || alg === 'sm3') && typeof value === 'string' && HEX_DIGEST_RE.test(value);
}

/** Which field makes the input not a receipt (translated as `verify.problem.<code>`), or null. */
function shapeProblem(r: unknown): string | null {
  if (r === null || typeof r !== 'object' || Array.isArray(r)) return 'notObject';
  const o = r as Record<string, unknown>;
  const isStrings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');
  if (o.leaf === null || typeof o.leaf !== 'object' || Array.isArray(o.leaf)) return 'leaf';
  if (typeof o.leafIndex !== 'number' || !Number.isSafeInteger(o.leafIndex) || o.leafIndex < 0)
    return 'leafIndex';
  if (typeof o.leafHash !== 'string') return 'leafHash';
  if (!isStrings(o.inclusionProof)) return 'inclusionProof';
  if (typeof o.checkpoint !== 'string') return 'checkpoint';
  if (o.cosignatures !== undefined && !isStrings(o.cosignatures)) return 'cosignatures';
  if (o.digest !== undefined && !isDigest(o.digest)) return 'digest';
  return null;
}

function jcsOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch {
    return null;
  }
}

/** `file` (if a file is given) and `digest` (if the receipt has one). */
async function digestChecks(receipt: ReceiptShape, file: Bytes | undefined): Promise<ReceiptCheck[]> {
  const checks: ReceiptCheck[] = [];
  const digest = receipt.digest;
  if (file !== undefined) {
    if (!digest) checks.push({ name: 'file', ok: false, detail: { code: 'fileNoDigest' } });
    else {
      const actual = toHex(await hasherFor(digest.alg)(file));
      const ok = actual === digest.value;
      const alg = hashAlgName(digest.alg);
      checks.push({
        name: 'file',
        ok,
        detail: ok ? { code: 'fileOk', vars: { alg } } : { code: 'fileBad', vars: { alg, actual } },
      });
    }
  }
  if (digest) {
    // Notarisation leaves record the digest as leaf.digest = {alg, value}: compare canonical forms.
    const ok = jcsOrNull(receipt.leaf.digest) === canonicalJson(digest);
    checks.push({ name: 'digest', ok, detail: { code: ok ? 'digestOk' : 'digestBad' } });
  }
  return checks;
}

/** `leaf-hash` and `inclusion` (the proof is checked for the recomputed hash, not the claimed one). */
async function leafChecks(alg: HashAlg, receipt: ReceiptShape, cp: Checkpoint): Promise<ReceiptCheck[]> {
  const h = hasherFor(alg);
  const jcs = jcsOrNull(receipt.leaf);
  const computed = jcs === null ? null : await leafHash(h, utf8(jcs));
  const given = decodeBase64(receipt.leafHash);
  const leafOk = computed !== null && given !== null && equalBytes(computed, given);
  const proof = receipt.inclusionProof.map(decodeBase64);
  const included =
    computed !== null &&
    proof.every((p) => p !== null) &&
    (await verifyInclusion(h, receipt.leafIndex, cp.size, computed, proof, cp.rootHash));
  const where = { index: receipt.leafIndex, size: cp.size };
  return [
    {
      name: 'leaf-hash',
      ok: leafOk,
      detail:
        computed === null
          ? { code: 'leafNotJson' }
          : leafOk
            ? { code: 'leafHashOk' }
            : { code: 'leafHashBad', vars: { computed: encodeBase64(computed) } },
    },
    {
      name: 'inclusion',
      ok: included,
      detail: { code: included ? 'inclusionOk' : 'inclusionBad', vars: where },
    },
  ];
}

/** The identity of a key for quorum counting: its raw public key, so one key listed twice counts once. */
function keyIdentity(v: NoteVerifier): string {
  return toHex(v.publicKey);
}

/** `log-signature`, `witness-cosignatures` and `quorum`, plus the distinct witnesses that counted. */
function signatureChecks(
  signatures: readonly CheckedSignature[],
  logKeys: readonly NoteVerifier[],
  quorum: number,
  trustedWitnesses: number,
): { checks: ReceiptCheck[]; witnesses: ReceiptVerification['witnesses'] } {
  const logIds = new Set(logKeys.map((v) => `${v.name}\n${v.keyId}`));
  const logLines = signatures.filter(
    (s) => s.verifier && logIds.has(`${s.verifier.name}\n${s.verifier.keyId}`),
  );
  const label = (s: CheckedSignature) => `${s.name} (${s.verifier?.type ?? '?'})`;
  const badLog = logLines.filter((s) => s.status === 'invalid').map(label);
  const goodLog = logLines.filter((s) => s.status === 'verified').map(label);
  const unchecked = logLines.filter((s) => s.status === 'unchecked').map(label);
  const logDetail: ReceiptCheck['detail'] =
    badLog.length > 0
      ? { code: 'logSigBad', vars: { names: badLog.join(', ') } }
      : goodLog.length > 0
        ? unchecked.length > 0
          ? {
              code: 'logSigOkUnchecked',
              vars: { names: goodLog.join(', '), unchecked: unchecked.join(', ') },
            }
          : { code: 'logSigOk', vars: { names: goodLog.join(', ') } }
        : unchecked.length > 0
          ? { code: 'logSigOnlyUnchecked', vars: { unchecked: unchecked.join(', ') } }
          : { code: 'logSigNone' };

  const witnessLines = signatures.filter((s) => s.verifier?.type === 'cosignature/v1');
  const badWitness = witnessLines.filter((s) => s.status === 'invalid').map((s) => s.name);
  const counted = new Map<string, { name: string; timestamp: number }>();
  for (const s of witnessLines) {
    if (s.status !== 'verified' || !s.verifier || s.timestamp === undefined) continue;
    const id = keyIdentity(s.verifier);
    if (!counted.has(id)) counted.set(id, { name: s.name, timestamp: s.timestamp });
  }
  const quorumDetail: ReceiptCheck['detail'] =
    quorum > trustedWitnesses
      ? { code: 'quorumImpossible', vars: { quorum, witnesses: trustedWitnesses } }
      : { code: counted.size >= quorum ? 'quorumOk' : 'quorumShort', vars: { n: counted.size, quorum } };
  return {
    checks: [
      { name: 'log-signature', ok: badLog.length === 0 && goodLog.length > 0, detail: logDetail },
      {
        name: 'witness-cosignatures',
        ok: badWitness.length === 0,
        detail:
          badWitness.length > 0
            ? { code: 'witnessBad', vars: { names: badWitness.join(', ') } }
            : { code: 'witnessOk', vars: { n: counted.size } },
      },
      { name: 'quorum', ok: counted.size >= quorum && quorum <= trustedWitnesses, detail: quorumDetail },
    ],
    witnesses: [...counted.values()],
  };
}

/** Reads trusted keys; throws a NoteFormatError for an unreadable key or a key of the wrong kind. */
async function readKeys(keys: readonly string[], witness: boolean): Promise<NoteVerifier[]> {
  const out = await Promise.all(keys.map(parseVerifierKey));
  if (out.some((v) => (v.type === 'cosignature/v1') !== witness)) throw new NoteFormatError('keyType');
  return out;
}

/** Verifies a receipt (any JSON value) against the trusted keys; see the file comment. */
export async function verifyReceipt(input: unknown, trust: ReceiptTrust): Promise<ReceiptVerification> {
  const logKeys = await readKeys(trust.logKeys, false);
  const witnessKeys = await readKeys(trust.witnessKeys, true);
  const distinctWitnesses = new Set(witnessKeys.map(keyIdentity)).size;

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
  checks.push({
    name: 'format',
    ok: problem === null,
    detail: problem === null ? { code: 'formatOk' } : { code: 'formatBad', vars: { problem } },
  });
  if (problem !== null) return verdict();
  const receipt = input as ReceiptShape;

  let cp: Checkpoint;
  let signatures: CheckedSignature[];
  try {
    const extra = receipt.cosignatures ?? [];
    const signed = extra.length > 0 ? addSignatureLines(receipt.checkpoint, extra) : receipt.checkpoint;
    const checked = await checkNote(signed, [...logKeys, ...witnessKeys]);
    signatures = checked.signatures;
    cp = parseCheckpoint(checked.text);
  } catch (err) {
    const reason = err instanceof NoteFormatError ? err.code : 'noteText';
    checks.push({ name: 'checkpoint', ok: false, detail: { code: 'checkpointBad', vars: { reason } } });
    return verdict();
  }
  if (trust.origin !== undefined && cp.origin !== trust.origin) {
    checks.push({
      name: 'checkpoint',
      ok: false,
      detail: { code: 'checkpointOrigin', vars: { origin: cp.origin, expected: trust.origin } },
    });
    return verdict(cp);
  }
  const alg = checkpointHashAlg(cp.origin);
  checks.push({
    name: 'checkpoint',
    ok: true,
    detail: { code: 'checkpointOk', vars: { origin: cp.origin, size: cp.size, alg: hashAlgName(alg) } },
  });

  checks.push(...(await digestChecks(receipt, trust.file)));
  checks.push(...(await leafChecks(alg, receipt, cp)));
  const signed = signatureChecks(signatures, logKeys, trust.quorum, distinctWitnesses);
  checks.push(...signed.checks);
  return verdict(cp, signed.witnesses);
}
