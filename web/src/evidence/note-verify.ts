// Signature checks of signed notes in the browser with WebCrypto Ed25519: the log's note signatures (type
// 0x01, over the note text) and witness cosignatures (c2sp.org/tlog-cosignature v1, type 0x04, over
// "cosignature/v1\ntime <t>\n" + the note text). SM2 note signatures (Orderly's 0xff type) are not checked
// here — WebCrypto has no SM2 — and are reported as `unchecked`; `orderly verify` checks them.
import { equalBytes, readUintBE, utf8, type Bytes } from './bytes.js';
import { NoteFormatError, parseNote, type NoteSignature, type NoteVerifier } from './note.js';

/** `duplicate`: a later line of a key already seen (ignored, as Go's note does); `unchecked`: an SM2 line. */
export type SignatureStatus = 'verified' | 'invalid' | 'unknown' | 'duplicate' | 'unchecked';

/** A signature line with its outcome and, for cosignatures, the signed timestamp (POSIX seconds). */
export interface CheckedSignature extends NoteSignature {
  status: SignatureStatus;
  verifier?: NoteVerifier;
  timestamp?: number;
}

/** The header line of a cosignature/v1 signed message. */
export const COSIGNATURE_V1_HEADER = 'cosignature/v1\n';

/** True iff `signature` is a valid Ed25519 signature of `message` by the raw 32-byte `publicKey`. */
export async function verifyEd25519(publicKey: Bytes, message: Bytes, signature: Bytes): Promise<boolean> {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = await crypto.subtle.importKey('raw', publicKey, { name: 'Ed25519' }, false, ['verify']);
    return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message);
  } catch {
    return false; // a key WebCrypto refuses (e.g. not a curve point) verifies nothing
  }
}

/** Verifies cosignature bytes (timestamp 8 ‖ signature 64) over note text; returns the timestamp, or null. */
export async function verifyCosignature(
  publicKey: Bytes,
  text: string,
  signature: Bytes,
): Promise<number | null> {
  if (signature.length !== 72) return null;
  const timestamp = readUintBE(signature, 0, 8);
  if (timestamp === null) return null;
  const message = utf8(`${COSIGNATURE_V1_HEADER}time ${timestamp}\n${text}`);
  return (await verifyEd25519(publicKey, message, signature.subarray(8))) ? timestamp : null;
}

/** Index of verifiers by (name, key ID); two different keys sharing both would make lines ambiguous. */
function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  const byId = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = `${v.name}\n${v.keyId}`;
    const prev = byId.get(id);
    if (prev && (prev.type !== v.type || !equalBytes(prev.publicKey, v.publicKey)))
      throw new NoteFormatError('keyConflict');
    byId.set(id, v);
  }
  return byId;
}

/** Parses a signed note and checks every line of a trusted key; throws only for a malformed note. */
export async function checkNote(
  signed: string,
  verifiers: readonly NoteVerifier[],
): Promise<{ text: string; signatures: CheckedSignature[] }> {
  const byId = indexVerifiers(verifiers);
  const note = parseNote(signed);
  const seen = new Set<string>();
  const message = utf8(note.text);
  const signatures: CheckedSignature[] = [];
  for (const sig of note.signatures) {
    const id = `${sig.name}\n${sig.keyId}`;
    const verifier = byId.get(id);
    if (!verifier) {
      signatures.push({ ...sig, status: 'unknown' });
      continue;
    }
    if (seen.has(id)) {
      signatures.push({ ...sig, status: 'duplicate', verifier });
      continue;
    }
    seen.add(id);
    if (verifier.type === 'sm2') {
      signatures.push({ ...sig, status: 'unchecked', verifier });
    } else if (verifier.type === 'cosignature/v1') {
      const timestamp = await verifyCosignature(verifier.publicKey, note.text, sig.signature);
      signatures.push(
        timestamp === null
          ? { ...sig, status: 'invalid', verifier }
          : { ...sig, status: 'verified', verifier, timestamp },
      );
    } else {
      const ok = await verifyEd25519(verifier.publicKey, message, sig.signature);
      signatures.push({ ...sig, status: ok ? 'verified' : 'invalid', verifier });
    }
  }
  return { text: note.text, signatures };
}
