// SM3 (GB/T 32905-2016), the hash of an SM3 log's tree and of `sm3` file digests, in plain TypeScript so the
// console verifies SM3 evidence without a dependency. Streaming: update() any number of chunks, then digest().
// Known answers: SM3("abc") = 66c7f0f4…8f4ba8e0, SM3("abcd" × 16) = debe9ff9…9c0c5732 (the standard's examples).

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

function rotl(x: number, n: number): number {
  const s = n % 32;
  return s === 0 ? x : ((x << s) | (x >>> (32 - s))) >>> 0;
}

const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

/** T_j rotated left by j, precomputed for the 64 rounds. */
const TJ = Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j));

/** An incremental SM3 hash. */
export class Sm3 {
  private readonly v = [...IV];
  private readonly block = new Uint8Array(64);
  private readonly w = new Uint32Array(68);
  private readonly w1 = new Uint32Array(64);
  private fill = 0;
  private length = 0;
  private done = false;

  /** Adds bytes to the message. */
  update(data: Uint8Array): this {
    if (this.done) throw new Error('SM3: digest() was already called');
    this.length += data.length;
    let at = 0;
    while (at < data.length) {
      const take = Math.min(64 - this.fill, data.length - at);
      this.block.set(data.subarray(at, at + take), this.fill);
      this.fill += take;
      at += take;
      if (this.fill === 64) {
        this.compress(this.block);
        this.fill = 0;
      }
    }
    return this;
  }

  /** The 32-byte digest; the hash cannot be updated afterwards. */
  digest(): Uint8Array<ArrayBuffer> {
    if (this.done) throw new Error('SM3: digest() was already called');
    const bits = this.length * 8;
    const pad = new Uint8Array((this.fill < 56 ? 64 : 128) - this.fill);
    pad[0] = 0x80;
    const view = new DataView(pad.buffer);
    // The bit length as a 64-bit big-endian integer (plain arithmetic: lengths may exceed 2^32 bits).
    view.setUint32(pad.length - 8, Math.floor(bits / 0x1_0000_0000));
    view.setUint32(pad.length - 4, bits % 0x1_0000_0000);
    this.update(pad);
    this.done = true;
    const out = new Uint8Array(32);
    const ov = new DataView(out.buffer);
    this.v.forEach((x, i) => ov.setUint32(i * 4, x));
    return out;
  }

  private compress(b: Uint8Array): void {
    const { w, w1, v } = this;
    for (let j = 0; j < 16; j++)
      w[j] = ((b[4 * j]! << 24) | (b[4 * j + 1]! << 16) | (b[4 * j + 2]! << 8) | b[4 * j + 3]!) >>> 0;
    for (let j = 16; j < 68; j++)
      w[j] = p1(w[j - 16]! ^ w[j - 9]! ^ rotl(w[j - 3]!, 15)) ^ rotl(w[j - 13]!, 7) ^ w[j - 6]!;
    for (let j = 0; j < 64; j++) w1[j] = w[j]! ^ w[j + 4]!;
    let [a, bb, c, d, e, f, g, h] = v as [number, number, number, number, number, number, number, number];
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + TJ[j]!) >>> 0, 7);
      const ss2 = (ss1 ^ a12) >>> 0;
      const ff = j < 16 ? a ^ bb ^ c : (a & bb) | (a & c) | (bb & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + w1[j]!) >>> 0;
      const tt2 = (gg + h + ss1 + w[j]!) >>> 0;
      d = c;
      c = rotl(bb, 9);
      bb = a;
      a = tt1;
      h = g;
      g = rotl(f, 19);
      f = e;
      e = p0(tt2);
    }
    const next = [a, bb, c, d, e, f, g, h];
    for (let i = 0; i < 8; i++) v[i] = (v[i]! ^ next[i]!) >>> 0;
  }
}

/** SM3 of bytes. */
export function sm3(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Sm3().update(data).digest();
}
