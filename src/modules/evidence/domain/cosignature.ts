// Witness cosignatures, c2sp.org/tlog-cosignature "cosignature/v1" (signature type 0x04): an Ed25519 signature
// over "cosignature/v1\ntime <unix seconds>\n" followed by the checkpoint body, carried in a note signature line
// as key ID (4) ‖ timestamp (8, big-endian) ‖ signature (64). The timestamp is inside the signed message, so a
// platform cannot move a witness's statement in time; the witness key never leaves the witness.
import { verifySignature } from '../../../kernel/index.js';
import { NoteError } from './errors.js';
import type { NoteSigner, NoteVerifier } from './note-keys.js';
import { formatSignatureLine, noteTextProblem } from './note-syntax.js';

/** The fixed header line of a cosignature/v1 signed message (domain separation). */
export const COSIGNATURE_V1_HEADER = 'cosignature/v1\n';

/** Length of a cosignature after the key ID: 8-byte timestamp + 64-byte Ed25519 signature. */
export const COSIGNATURE_V1_BYTES = 72;

/** Throws unless t is a POSIX timestamp this code represents exactly (0 ≤ t ≤ 2^53 − 1; the spec allows 2^63 − 1). */
function checkTimestamp(t: number): void {
  if (!Number.isSafeInteger(t) || t < 0) {
    throw new NoteError(
      `cosignature timestamp must be a non-negative integer number of seconds, got ${String(t)}`,
    );
  }
}

/** The exact bytes a cosignature/v1 signs: header, `time <t>` line, then the checkpoint body (note text). */
export function cosignatureMessage(body: string, timestamp: number): Buffer {
  const problem = noteTextProblem(body);
  if (problem) throw new NoteError(problem);
  checkTimestamp(timestamp);
  return Buffer.from(`${COSIGNATURE_V1_HEADER}time ${timestamp}\n${body}`, 'utf8');
}

/** The 72 signature bytes of a cosignature: timestamp (u64, big-endian) ‖ Ed25519 signature. */
export function cosignatureBytes(signer: NoteSigner, body: string, timestamp: number): Buffer {
  if (signer.type !== 'cosignature/v1')
    throw new NoteError(`a cosigner needs a cosignature/v1 key, got ${signer.type}`);
  const message = cosignatureMessage(body, timestamp); // validates body and timestamp first
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  return Buffer.concat([ts, signer.sign(message)]);
}

/** A witness's cosignature line over a checkpoint body at `timestamp` (POSIX seconds), ready to append to the note. */
export function cosign(body: string, signer: NoteSigner, timestamp: number): string {
  return formatSignatureLine(signer.name, signer.keyId, cosignatureBytes(signer, body, timestamp));
}

/** The timestamp of cosignature bytes (after the key ID), or null if malformed or beyond 2^53 − 1. */
export function cosignatureTimestamp(signature: Uint8Array): number | null {
  if (!(signature instanceof Uint8Array) || signature.length !== COSIGNATURE_V1_BYTES) return null;
  const t = Buffer.from(signature.buffer, signature.byteOffset, 8).readBigUInt64BE(0);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
}

/** Verifies cosignature bytes (after the key ID) over a body; returns the signed timestamp, or null. Never throws. */
export function verifyCosignature(v: NoteVerifier, body: string, signature: Uint8Array): number | null {
  if (v.type !== 'cosignature/v1' || noteTextProblem(body) !== null) return null;
  const timestamp = cosignatureTimestamp(signature);
  if (timestamp === null) return null;
  const message = cosignatureMessage(body, timestamp);
  return verifySignature(v.key, message, signature.subarray(8)) ? timestamp : null;
}
