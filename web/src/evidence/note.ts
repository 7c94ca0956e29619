// Parsing of c2sp.org signed notes, checkpoints and verifier keys in the browser, as strict as the platform's
// own parser (src/modules/evidence/domain/note*.ts, docs/evidence-formats.md §5–6): a signed note is text
// ending in a newline, a blank line, then lines `— <key name> <base64(key ID ‖ signature)>`; a checkpoint
// is `<origin>\n<size>\n<base64 root>\n`; a verifier key is `<name>+<key ID hex>+<base64(type ‖ key)>`.
// Problems are NoteFormatErrors with a code the console translates.
import { concatBytes, decodeBase64, readUintBE, utf8, type Bytes } from './bytes.js';
import type { HashAlg } from './hash.js';

/** What is wrong with a note, checkpoint or key (translated as `noteError.<code>`). */
export type NoteProblem =
  | 'noteText'
  | 'noteSplit'
  | 'noteTooMany'
  | 'signatureLine'
  | 'checkpointLines'
  | 'checkpointSize'
  | 'checkpointRoot'
  | 'keySyntax'
  | 'keyName'
  | 'keyBase64'
  | 'keyType'
  | 'keyLength'
  | 'keyId'
  | 'keyConflict';

/** A malformed note, checkpoint or verifier key. */
export class NoteFormatError extends Error {
  constructor(readonly code: NoteProblem) {
    super(`evidence format problem: ${code}`);
    this.name = 'NoteFormatError';
  }
}

/** The em dash (U+2014) and space that start every signature line. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';
/** Most signature lines in one note (as the platform and Go's sumdb/note). */
export const MAX_NOTE_SIGNATURES = 100;
/** The origin suffix of an SM3 log. */
export const SM3_ORIGIN_SUFFIX = '/sm3';

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const SPACE_RE = /[\s\u0085]/u;

/** True if the string holds an ASCII control other than newline, or a lone surrogate (not valid UTF-8). */
function hasBadCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return true;
  }
  return LONE_SURROGATE_RE.test(s);
}

/** True for note text: non-empty, newline-terminated, no forbidden characters. */
export function isNoteText(text: unknown): text is string {
  return typeof text === 'string' && text !== '' && text.endsWith('\n') && !hasBadCharacter(text);
}

/** True for a valid key name: non-empty, no Unicode space, no '+', no control character. */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    !SPACE_RE.test(name) &&
    !name.includes('+') &&
    !hasBadCharacter(name)
  );
}

/** One signature line. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The bytes after the key ID (64 for Ed25519 and SM2, 72 for a cosignature). */
  signature: Bytes;
  /** The line as it appears in the note, with its newline. */
  line: string;
}

/** A signed note split into its text (with final newline) and its signature lines. */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Parses one signature line (with or without its newline). */
export function parseSignatureLine(line: string): NoteSignature {
  const body = line.endsWith('\n') ? line.slice(0, -1) : line;
  if (!body.startsWith(SIGNATURE_LINE_PREFIX)) throw new NoteFormatError('signatureLine');
  const rest = body.slice(SIGNATURE_LINE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = space < 0 ? '' : rest.slice(0, space);
  if (!isValidKeyName(name)) throw new NoteFormatError('signatureLine');
  const bytes = decodeBase64(rest.slice(space + 1));
  if (!bytes || bytes.length < 5) throw new NoteFormatError('signatureLine');
  return { name, keyId: readUintBE(bytes, 0, 4) ?? 0, signature: bytes.subarray(4), line: `${body}\n` };
}

/** Splits a signed note at its last blank line and parses the signature lines. */
export function parseNote(signed: unknown): ParsedNote {
  if (typeof signed !== 'string' || hasBadCharacter(signed) || !signed.endsWith('\n'))
    throw new NoteFormatError('noteText');
  const split = signed.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('noteSplit');
  const block = signed.slice(split + 2);
  if (block === '') throw new NoteFormatError('noteSplit');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteFormatError('noteTooMany');
  return { text: signed.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/** Adds signature lines to a signed note; a line whose (name, key ID) already has one is dropped. */
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
  if (all.length > MAX_NOTE_SIGNATURES) throw new NoteFormatError('noteTooMany');
  return `${note.text}\n${all.map((s) => s.line).join('')}`;
}

/** A parsed checkpoint body. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Bytes;
  extensions: string[];
}

/** The tree hash of a log, read from its checkpoint origin. */
export function checkpointHashAlg(origin: string): HashAlg {
  return origin.endsWith(SM3_ORIGIN_SUFFIX) ? 'sm3' : 'sha256';
}

/** Parses checkpoint text (the note text, not the signed note). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!isNoteText(text)) throw new NoteFormatError('noteText');
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (origin === undefined || size === undefined || root === undefined || lines.some((l) => l === ''))
    throw new NoteFormatError('checkpointLines');
  // Decimal without leading zeros: one size, one spelling.
  if (!/^(?:0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new NoteFormatError('checkpointSize');
  const rootHash = decodeBase64(root);
  if (!rootHash || rootHash.length !== 32) throw new NoteFormatError('checkpointRoot');
  return { origin, size: Number(size), rootHash, extensions };
}

/** The note key types Orderly uses. */
export type NoteKeyType = 'ed25519' | 'cosignature/v1' | 'sm2';

/** DER of OID 1.2.156.10197.1.501 (SM2 signature with SM3), after 0xff: Orderly's SM2 signature type. */
const SM2_TYPE = new Uint8Array([0xff, 0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]);

const KEY_TYPES: readonly { type: NoteKeyType; bytes: Uint8Array; keyLength: number }[] = [
  { type: 'ed25519', bytes: new Uint8Array([0x01]), keyLength: 32 },
  { type: 'cosignature/v1', bytes: new Uint8Array([0x04]), keyLength: 32 },
  { type: 'sm2', bytes: SM2_TYPE, keyLength: 65 },
];

/** A trusted public key: signature lines match it by (name, key ID). */
export interface NoteVerifier {
  name: string;
  type: NoteKeyType;
  keyId: number;
  /** Raw public key: 32 bytes (Ed25519) or 65 (SM2, 04 ‖ x ‖ y). */
  publicKey: Bytes;
  /** The verifier key string it was read from. */
  text: string;
}

/** The key ID: the first four bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ type bytes ‖ public key). */
export async function noteKeyId(name: string, typeBytes: Uint8Array, publicKey: Uint8Array): Promise<number> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', concatBytes(utf8(`${name}\n`), typeBytes, publicKey)),
  );
  return readUintBE(digest, 0, 4) ?? 0;
}

/** Parses a verifier key string; the base64 part may contain '+', so only the first two '+' separate fields. */
export async function parseVerifierKey(s: string): Promise<NoteVerifier> {
  const first = s.indexOf('+');
  const second = s.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteFormatError('keySyntax');
  const name = s.slice(0, first);
  const idHex = s.slice(first + 1, second);
  if (!isValidKeyName(name)) throw new NoteFormatError('keyName');
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteFormatError('keySyntax');
  const material = decodeBase64(s.slice(second + 1));
  if (!material) throw new NoteFormatError('keyBase64');
  const kind = KEY_TYPES.find(
    (k) => material.length > k.bytes.length && k.bytes.every((b, i) => material[i] === b),
  );
  if (!kind) throw new NoteFormatError('keyType');
  const publicKey = material.subarray(kind.bytes.length);
  if (publicKey.length !== kind.keyLength || (kind.type === 'sm2' && publicKey[0] !== 0x04))
    throw new NoteFormatError('keyLength');
  const keyId = await noteKeyId(name, kind.bytes, publicKey);
  if (keyId !== Number.parseInt(idHex, 16)) throw new NoteFormatError('keyId');
  return { name, type: kind.type, keyId, publicKey, text: s };
}
