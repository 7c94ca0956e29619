// Checkpoints (c2sp.org/tlog-checkpoint): the note text `<origin>\n<tree size>\n<base64 root hash>\n` plus
// optional extension lines. The origin also names the tree hash: an origin whose last path segment is `sm3`
// (e.g. `orderly.example/log/sm3`) is an SM3 log, every other origin a SHA-256 log. The origin is inside the
// signed text, so the algorithm cannot be swapped without breaking the log's signature, and generic
// SHA-256-only witnesses fail loudly on an SM3 log instead of cosigning what they cannot check.
import { NoteError } from './errors.js';
import type { LogHashAlg } from './merkle-hash.js';
import type { NoteVerifier } from './note-keys.js';
import { openNote, type VerifiedSignature } from './note.js';
import {
  badNoteCharacter,
  decodeBase64,
  encodeBase64,
  isValidKeyName,
  noteTextProblem,
} from './note-syntax.js';

/** The origin suffix that marks an SM3 log. */
export const SM3_ORIGIN_SUFFIX = '/sm3';

/** Root hash length: SHA-256 and SM3 are both 32 bytes. */
export const ROOT_HASH_BYTES = 32;

/** A parsed checkpoint body. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

/** What formatCheckpoint needs. */
export interface CheckpointFields {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  extensions?: readonly string[];
}

/** The tree hash of a log, read from its checkpoint origin. */
export function checkpointHashAlg(origin: string): LogHashAlg {
  return origin.endsWith(SM3_ORIGIN_SUFFIX) ? 'sm3' : 'sha256';
}

/** The origin of a log named `name` (e.g. `orderly.example/log`) that uses `alg`: `/sm3` is appended for SM3. */
export function logOrigin(name: string, alg: LogHashAlg): string {
  if (!isValidKeyName(name))
    throw new NoteError('log name must be non-empty, without spaces, "+" or controls');
  // A SHA-256 log named ".../sm3" would be read as SM3; an SM3 name given with the suffix would get it twice.
  if (name.endsWith(SM3_ORIGIN_SUFFIX))
    throw new NoteError(`log name must not end with ${SM3_ORIGIN_SUFFIX}`);
  return alg === 'sm3' ? `${name}${SM3_ORIGIN_SUFFIX}` : name;
}

/** The checkpoint note text: origin, decimal size, base64 root, then any extension lines, each with a newline. */
export function formatCheckpoint(cp: CheckpointFields): string {
  // Our origins double as key names, so they follow the key-name rules the spec only recommends.
  if (!isValidKeyName(cp.origin))
    throw new NoteError('origin must be non-empty, without spaces, "+" or controls');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw new NoteError('tree size must be a safe integer ≥ 0');
  if (!(cp.rootHash instanceof Uint8Array) || cp.rootHash.length !== ROOT_HASH_BYTES) {
    throw new NoteError(`root hash must be ${ROOT_HASH_BYTES} bytes`);
  }
  const extensions = cp.extensions ?? [];
  for (const ext of extensions) {
    if (typeof ext !== 'string' || ext === '' || ext.includes('\n') || badNoteCharacter(ext)) {
      throw new NoteError('extension lines must be non-empty single lines without control characters');
    }
  }
  return [cp.origin, String(cp.size), encodeBase64(cp.rootHash), ...extensions].map((l) => `${l}\n`).join('');
}

/** Parses checkpoint note text (not the signed note: open that first, see openCheckpoint); throws a NoteError. */
export function parseCheckpoint(text: string): Checkpoint {
  const problem = noteTextProblem(text);
  if (problem) throw new NoteError(`checkpoint: ${problem}`);
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined) {
    throw new NoteError('checkpoint needs an origin, a tree size and a root hash line');
  }
  if (lines.some((l) => l === '')) throw new NoteError('checkpoint lines must be non-empty');
  // Decimal without leading zeros: one size, one spelling.
  if (!/^(?:0|[1-9][0-9]*)$/.test(size))
    throw new NoteError('checkpoint tree size must be decimal without leading zeros');
  const n = Number(size);
  if (!Number.isSafeInteger(n)) throw new NoteError('checkpoint tree size above 2^53-1 is not supported');
  const rootHash = decodeBase64(root);
  if (!rootHash || rootHash.length !== ROOT_HASH_BYTES) {
    throw new NoteError(`checkpoint root hash must be base64 of ${ROOT_HASH_BYTES} bytes`);
  }
  return { origin, size: n, rootHash, extensions };
}

/** Opens a signed checkpoint (see openNote for the rules) and parses its text. */
export function openCheckpoint(
  signed: string,
  verifiers: readonly NoteVerifier[],
): { checkpoint: Checkpoint; text: string; verified: VerifiedSignature[] } {
  const { text, verified } = openNote(signed, verifiers);
  return { checkpoint: parseCheckpoint(text), text, verified };
}
