import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from './keys.js';
import { createOpener, createSealer } from './sealed-stream.js';
import type { KeyPairInfo } from './types.js';

// Sealed streams: round trips in both suites at every size around the record boundary, fed in random
// pieces; and every way of damaging a sealed stream — header, any record, dropped, swapped, duplicated,
// appended or truncated (also exactly at a record boundary) — fails to open.

const R = 1000; // small records keep the cases fast; the default is 64 KiB

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/** Feeds `data` in random-size pieces. */
function pieces(data: Buffer, seed: number): Readable {
  const out: Buffer[] = [];
  let x = seed;
  for (let at = 0; at < data.length;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (x % (3 * R));
    out.push(data.subarray(at, at + n));
    at += n;
  }
  return Readable.from(out);
}

async function seal(key: KeyPairInfo, data: Buffer, seed = 1): Promise<Buffer> {
  return collect(pieces(data, seed).pipe(createSealer(key, R)));
}

async function open(key: KeyPairInfo, sealed: Buffer, seed = 2): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(pieces(sealed, seed), createOpener(key), async (src: AsyncIterable<Buffer>) => {
    for await (const c of src) out.push(c);
  });
  return Buffer.concat(out);
}

const suites: [string, () => KeyPairInfo, number][] = [
  ['hpke-x25519-sha256-aes256gcm', () => generateKeyPair('X25519'), 16],
  ['sm2-sm4ctr-hmacsm3', () => generateKeyPair('SM2'), 48],
];

describe.each(suites)('sealed streams, %s', (suite, keygen, overhead) => {
  const key = keygen();

  it.each([0, 1, R - 1, R, R + 1, 3 * R, 7 * R + 13])('round-trips %i bytes', async (n) => {
    const data = randomBytes(n);
    const sealed = await seal(key, data, n + 7);
    const headerLength = 12 + sealed.readUInt32BE(8);
    expect(JSON.parse(sealed.subarray(12, headerLength).toString())).toMatchObject({
      v: 1,
      suite,
      recordSize: R,
    });
    // Full records, the last one flagged final (an empty stream is one empty final record).
    const records = Math.max(1, Math.ceil(n / R));
    expect(sealed.length - headerLength).toBe(n + records * overhead);
    expect((await open(key, sealed, n + 3)).equals(data)).toBe(true);
  });

  describe('damage', () => {
    const data = randomBytes(4 * R + 500);
    let sealed: Buffer;
    let head: number;
    const rec = overhead + R;
    const fails = async (bytes: Buffer) =>
      expect(open(key, bytes)).rejects.toThrow(/sealed stream|HPKE|SM4|decrypt|authent|tag|open/i);
    it('opens intact', async () => {
      sealed = await seal(key, data);
      head = 12 + sealed.readUInt32BE(8);
      expect((await open(key, sealed)).equals(data)).toBe(true);
    });
    it('a flipped bit anywhere fails (header, each record)', async () => {
      for (const at of [14, head + 5, head + rec + 1, head + 3 * rec + rec - 1, sealed.length - 1]) {
        const b = Buffer.from(sealed);
        b[at] = b[at]! ^ 0x10;
        await fails(b);
      }
    });
    it('dropped, swapped, duplicated and appended records fail', async () => {
      const r = (i: number) => sealed.subarray(head + i * rec, head + (i + 1) * rec);
      const h = sealed.subarray(0, head);
      const last = sealed.subarray(head + 4 * rec);
      await fails(Buffer.concat([h, r(0), r(2), r(3), last]));
      await fails(Buffer.concat([h, r(1), r(0), r(2), r(3), last]));
      await fails(Buffer.concat([h, r(0), r(0), r(1), r(2), r(3), last]));
      await fails(Buffer.concat([sealed, last]));
      await fails(Buffer.concat([sealed, Buffer.from([0])]));
    });
    it('truncation fails, also exactly at a record boundary and inside the header', async () => {
      await fails(sealed.subarray(0, head + 2 * rec));
      await fails(sealed.subarray(0, sealed.length - 1));
      await fails(sealed.subarray(0, head));
      await fails(sealed.subarray(0, 20));
    });
    it('the wrong key fails', async () => {
      await expect(open(keygen(), sealed)).rejects.toThrow();
      await expect(open(generateKeyPair('Ed25519'), sealed)).rejects.toThrow();
    });
  });
});
