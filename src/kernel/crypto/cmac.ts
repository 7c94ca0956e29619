// CMAC (NIST SP 800-38B; RFC 4493 is its AES-128 case) of many short messages under one key, with AES-256 (intl)
// or SM4 (sm) as the block cipher. Used where a keyed pseudo-random function runs once per record — the
// watermark's seeds — and HMAC's per-call cost in Node (about 3 µs, a sixth of a package's render worker) is
// mostly fixed overhead: here every message's i-th block of a batch goes through the cipher in one native call
// (AES-256-ECB / SM4-ECB, the block cipher itself), so a batch of 1,000 three-block messages costs three calls.
// The cipher object and the subkeys are made once per key.
import { createCipheriv, type Cipher } from 'node:crypto';
import { CryptoError } from './errors.js';

/** The block cipher of a profile's CMAC. */
export type CmacCipher = 'aes-256' | 'sm4';

const KEY_BYTES: Record<CmacCipher, number> = { 'aes-256': 32, sm4: 16 };

/** Doubling in GF(2¹²⁸) as SP 800-38B defines it: shift left one bit, fold the carry into the last byte. */
function double(b: Uint8Array): Buffer {
  const out = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) out[i] = ((b[i]! << 1) | (i < 15 ? b[i + 1]! >> 7 : 0)) & 0xff;
  if (b[0]! & 0x80) out[15]! ^= 0x87;
  return out;
}

/** CMAC under one key; `tags` handles any number of messages in one pass per block position. */
export class BatchCmac {
  readonly #cipher: Cipher;
  readonly #k1: Buffer;
  readonly #k2: Buffer;

  constructor(cipher: CmacCipher, key: Uint8Array) {
    if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES[cipher])
      throw new CryptoError(`${cipher} CMAC key must be ${KEY_BYTES[cipher]} bytes`);
    this.#cipher = createCipheriv(`${cipher}-ecb`, key, null);
    this.#cipher.setAutoPadding(false);
    this.#k1 = double(this.#cipher.update(Buffer.alloc(16)));
    this.#k2 = double(this.#k1);
  }

  /** The 16-byte tag of each message, back to back in message order. */
  tags(messages: readonly Uint8Array[]): Buffer {
    const n = messages.length;
    const blocks = messages.map((m) => Math.max(1, Math.ceil(m.length / 16)));
    const state = Buffer.alloc(n * 16);
    const rounds = blocks.reduce((a, b) => Math.max(a, b), 0);
    for (let r = 0; r < rounds; r++) {
      // The messages that have an r-th block: X ⊕ M_r (the last block padded 10* and masked with K2, or
      // masked with K1 when it is complete), enciphered together.
      const live: number[] = [];
      for (let k = 0; k < n; k++) if (blocks[k]! > r) live.push(k);
      const input = Buffer.alloc(live.length * 16);
      for (let j = 0; j < live.length; j++) {
        const k = live[j]!;
        const m = messages[k]!;
        const at = r * 16;
        const last = r === blocks[k]! - 1;
        const complete = m.length >= at + 16;
        const mask = !last ? null : complete ? this.#k1 : this.#k2;
        for (let i = 0; i < 16; i++) {
          const byte = at + i < m.length ? m[at + i]! : at + i === m.length ? 0x80 : 0;
          input[j * 16 + i] = state[k * 16 + i]! ^ byte ^ (mask ? mask[i]! : 0);
        }
      }
      const out = this.#cipher.update(input);
      for (let j = 0; j < live.length; j++) out.copy(state, live[j]! * 16, j * 16, j * 16 + 16);
    }
    return state;
  }
}
