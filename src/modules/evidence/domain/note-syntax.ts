// The character-level rules of c2sp.org/signed-note, shared by notes, checkpoints, cosignatures and verifier
// keys. Strictness matters here: a verifier that accepted two spellings of one signature line or key would let
// the same evidence be presented in different byte forms.

/** The em dash (U+2014) that starts every signature line, followed by a space. */
export const SIGNATURE_LINE_PREFIX = '\u2014 ';

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Unicode White_Space as Go's unicode.IsSpace sees it: JS `\s` plus U+0085, which `\s` lacks. */
const SPACE_RE = /[\s\u0085]/u;

/** Standard base64 (RFC 4648 §4) decoded strictly: padding required, no whitespace, no non-zero spare bits. */
export function decodeBase64(s: string): Buffer | null {
  if (typeof s !== 'string' || !BASE64_RE.test(s)) return null;
  const bytes = Buffer.from(s, 'base64');
  // Re-encoding catches spare bits: "AQJ=" and "AQI=" would otherwise decode to the same bytes.
  return bytes.toString('base64') === s ? bytes : null;
}

/** Standard padded base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The first forbidden character of a note: an ASCII control other than newline, or a lone surrogate. */
export function badNoteCharacter(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return `control character U+${c.toString(16).padStart(4, '0')}`;
  }
  // A lone surrogate has no UTF-8 encoding: the note would not be valid UTF-8.
  return LONE_SURROGATE_RE.test(s) ? 'a lone UTF-16 surrogate (not valid UTF-8)' : null;
}

/** Why a string cannot be note text (non-empty, newline-terminated, no forbidden characters), or null. */
export function noteTextProblem(text: unknown): string | null {
  if (typeof text !== 'string') return 'note text must be a string';
  if (text === '' || !text.endsWith('\n')) return 'note text must be non-empty and end with a newline';
  const bad = badNoteCharacter(text);
  return bad ? `note text contains ${bad}` : null;
}

/** True for a valid key name: non-empty, no Unicode space, no '+', no control character. */
export function isValidKeyName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name !== '' &&
    !SPACE_RE.test(name) &&
    !name.includes('+') &&
    badNoteCharacter(name) === null
  );
}

/** One signature line: `— <name> <base64(key ID (uint32, big-endian) ‖ signature)>` and a newline. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId);
  return `${SIGNATURE_LINE_PREFIX}${name} ${encodeBase64(Buffer.concat([id, signature]))}\n`;
}
