// Signed notes (c2sp.org/signed-note): text ending in a newline, a blank line, then one or more signature lines
// `— <key name> <base64(key ID ‖ signature)>`. Verification follows the spec: lines from unknown keys are
// ignored, a known key's bad signature is an error, and a note without a verified known signature is
// rejected. Witness cosignatures (type 0x04) are note signature lines too and are checked here as well.
import { verifySignature } from '../../../kernel/index.js';
import { verifyCosignature } from './cosignature.js';
import { NoteError } from './errors.js';
import type { NoteKeyType, NoteSigner, NoteVerifier } from './note-keys.js';
import {
  SIGNATURE_LINE_PREFIX,
  badNoteCharacter,
  decodeBase64,
  formatSignatureLine,
  isValidKeyName,
  noteTextProblem,
} from './note-syntax.js';

/** Most signature lines accepted in one note (the spec requires at least 16; Go's sumdb/note stops at 100). */
export const MAX_NOTE_SIGNATURES = 100;

/** One parsed signature line. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The bytes after the key ID (64 for Ed25519 and SM2, 72 for a cosignature). */
  signature: Buffer;
  /** The line exactly as it appears in the note, with its newline. */
  line: string;
}

/** A signed note split into its text (with final newline) and signature lines; nothing is verified yet. */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Outcome of one line: `duplicate` is a later line of an already-seen known key (ignored, as Go's note does). */
export type SignatureStatus = 'verified' | 'invalid' | 'unknown' | 'duplicate';

/** A signature line with its verification outcome and, for cosignatures, the signed timestamp. */
export interface CheckedSignature extends NoteSignature {
  status: SignatureStatus;
  verifier?: NoteVerifier;
  timestamp?: number;
}

/** A verified signature of a trusted key. */
export interface VerifiedSignature {
  name: string;
  keyId: number;
  type: NoteKeyType;
  verifier: NoteVerifier;
  /** Cosignatures only: the POSIX time the witness signed. */
  timestamp?: number;
  line: string;
}

/** Parses one signature line (with or without its newline); throws a NoteError if malformed. */
export function parseSignatureLine(line: string): NoteSignature {
  const body = typeof line === 'string' && line.endsWith('\n') ? line.slice(0, -1) : line;
  if (typeof body !== 'string' || !body.startsWith(SIGNATURE_LINE_PREFIX)) {
    throw new NoteError('signature line must start with an em dash (U+2014) and a space');
  }
  const rest = body.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? '' : rest.slice(0, space);
  if (!isValidKeyName(name)) throw new NoteError('signature line has no valid key name');
  const bytes = decodeBase64(rest.slice(space + 1));
  if (!bytes || bytes.length < 5) {
    throw new NoteError(`signature line of ${name} is not base64 of a 4-byte key ID and a signature`);
  }
  return { name, keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4), line: `${body}\n` };
}

/** Splits a signed note at its last blank line and parses the signature lines; throws a NoteError if malformed. */
export function parseNote(signed: string): ParsedNote {
  if (typeof signed !== 'string') throw new NoteError('signed note must be a string');
  const bad = badNoteCharacter(signed);
  if (bad) throw new NoteError(`signed note contains ${bad}`);
  if (!signed.endsWith('\n')) throw new NoteError('signed note must end with a newline');
  const split = signed.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('signed note has no text followed by a blank line');
  const block = signed.slice(split + 2);
  if (block === '') throw new NoteError('signed note has no signature lines');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new NoteError(`signed note has more than ${MAX_NOTE_SIGNATURES} signatures`);
  }
  return { text: signed.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/** Signs note text with one or more note keys (Ed25519 or SM2); returns the signed note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  const problem = noteTextProblem(text);
  if (problem) throw new NoteError(problem);
  if (signers.length === 0) throw new NoteError('a signed note needs at least one signer');
  const message = Buffer.from(text, 'utf8');
  const seen = new Set<string>();
  const lines = signers.map((s) => {
    // A cosignature signs a different message (with a timestamp): witnesses use cosign().
    if (s.type === 'cosignature/v1')
      throw new NoteError('cosignature keys sign with cosign(), not signNote()');
    const id = `${s.name}\n${s.keyId}`;
    if (seen.has(id)) throw new NoteError(`key ${s.name} is listed twice`);
    seen.add(id);
    return formatSignatureLine(s.name, s.keyId, s.sign(message));
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Adds signature lines (e.g. witness cosignatures) to a signed note. A line whose (name, key ID) already has a
 * line is dropped, since verifiers only read the first. Callers verify lines before adding them.
 */
export function addSignatureLines(signed: string, lines: readonly string[]): string {
  const note = parseNote(signed);
  const all = [...note.signatures];
  const seen = new Set(all.map((s) => `${s.name}\n${s.keyId}`));
  for (const sig of lines.map(parseSignatureLine)) {
    const id = `${sig.name}\n${sig.keyId}`;
    if (!seen.has(id)) {
      seen.add(id);
      all.push(sig);
    }
  }
  if (all.length > MAX_NOTE_SIGNATURES) throw new NoteError(`more than ${MAX_NOTE_SIGNATURES} signatures`);
  return `${note.text}\n${all.map((s) => s.line).join('')}`;
}

/** Index of verifiers by (name, key ID); two different keys sharing both would make lines ambiguous. */
function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  const byId = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const id = `${v.name}\n${v.keyId}`;
    const prev = byId.get(id);
    if (prev && (prev.type !== v.type || !prev.publicKey.equals(v.publicKey))) {
      throw new NoteError(`two trusted keys share the name ${v.name} and key ID ${v.keyId.toString(16)}`);
    }
    byId.set(id, v);
  }
  return byId;
}

/** Verifies one line against its verifier; cosignatures also yield their timestamp. */
function verifyLine(v: NoteVerifier, text: string, sig: Buffer): { ok: boolean; timestamp?: number } {
  if (v.type === 'cosignature/v1') {
    const timestamp = verifyCosignature(v, text, sig);
    return timestamp === null ? { ok: false } : { ok: true, timestamp };
  }
  return { ok: verifySignature(v.key, Buffer.from(text, 'utf8'), sig) };
}

/** Parses a signed note and verifies every line of a trusted key; never throws for a bad signature. */
export function checkNote(
  signed: string,
  verifiers: readonly NoteVerifier[],
): { text: string; signatures: CheckedSignature[] } {
  const byId = indexVerifiers(verifiers);
  const note = parseNote(signed);
  const seen = new Set<string>();
  const signatures = note.signatures.map((sig): CheckedSignature => {
    const id = `${sig.name}\n${sig.keyId}`;
    const verifier = byId.get(id);
    if (!verifier) return { ...sig, status: 'unknown' };
    if (seen.has(id)) return { ...sig, status: 'duplicate', verifier };
    seen.add(id);
    const { ok, timestamp } = verifyLine(verifier, note.text, sig.signature);
    if (!ok) return { ...sig, status: 'invalid', verifier };
    return timestamp === undefined
      ? { ...sig, status: 'verified', verifier }
      : { ...sig, status: 'verified', verifier, timestamp };
  });
  return { text: note.text, signatures };
}

/**
 * Opens a signed note: returns its text and the trusted signatures that verified. Throws a NoteError if the note
 * is malformed, if any trusted key's signature fails, or if no trusted key signed it. Unknown keys are ignored.
 */
export function openNote(
  signed: string,
  verifiers: readonly NoteVerifier[],
): { text: string; verified: VerifiedSignature[] } {
  const { text, signatures } = checkNote(signed, verifiers);
  const invalid = signatures.find((s) => s.status === 'invalid');
  if (invalid) throw new NoteError(`the signature of trusted key ${invalid.name} does not verify`);
  const verified: VerifiedSignature[] = [];
  for (const s of signatures) {
    if (s.status !== 'verified' || !s.verifier) continue;
    const entry: VerifiedSignature = {
      name: s.name,
      keyId: s.keyId,
      type: s.verifier.type,
      verifier: s.verifier,
      line: s.line,
    };
    if (s.timestamp !== undefined) entry.timestamp = s.timestamp;
    verified.push(entry);
  }
  if (verified.length === 0) throw new NoteError('the note is not signed by any trusted key');
  return { text, verified };
}
