import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { CryptoError } from './errors.js';
import { sha256, sm3 } from './hash.js';
import { hpkeSetupRecipient, hpkeSetupSender, type HpkeContext } from './hpke.js';
import { sm2Decrypt, sm2Encrypt } from './sm2.js';
import { sm2PrivatePemToHex, sm2PublicPemToHex } from './sm2-keys.js';
import { sm4Decrypt, sm4Encrypt } from './symmetric.js';
import type { KeyPairInfo, PublicKeyInfo } from './types.js';

// Streams sealed to one recipient's public key (issue 9's packages): chunked authenticated encryption, so a
// multi-gigabyte package is encrypted and decrypted in bounded memory and nothing is released before its
// record has authenticated. The layout (docs/crypto.md "Sealed streams"):
//
//   "ORDSEAL1" ‖ u32 header length ‖ header JSON {v, suite, enc, recordSize} ‖ record 0 ‖ record 1 ‖ …
//
// Every record seals `recordSize` plaintext bytes except the last, which seals 1…recordSize bytes (0 only
// for an empty stream) and is flagged in its associated data; the AAD of each record is H(preamble) ‖ final flag (and, for the sm suite,
// the record number: its records have random IVs, so the order is bound here; HPKE binds it in the nonce).
// So a changed header, a dropped, reordered, duplicated or appended record, and a truncation anywhere
// (even at a record boundary) all fail to authenticate.
//
//   hpke-x25519-sha256-aes256gcm  RFC 9180 base mode to an X25519 key, AES-256-GCM records (16-byte tags)
//   sm2-sm4ctr-hmacsm3            a random 32-byte key, SM2-encrypted to the recipient; SM4-CTR + HMAC-SM3
//                                 records (the kernel's sm4Encrypt: 16-byte IV, 32-byte tag)

const MAGIC = Buffer.from('ORDSEAL1', 'ascii');
/** Plaintext bytes per record unless told otherwise (64 KiB). */
export const SEALED_RECORD_SIZE = 64 * 1024;
const MAX_RECORD_SIZE = 16 * 1024 * 1024;
const MAX_HEADER = 4096;
const HPKE_INFO = Buffer.from('orderly/sealed-stream/v1', 'ascii');

export type SealSuite = 'hpke-x25519-sha256-aes256gcm' | 'sm2-sm4ctr-hmacsm3';

/** The parsed header of a sealed stream. */
export interface SealedHeader {
  v: 1;
  suite: SealSuite;
  /** base64: the HPKE encapsulation, or the SM2-encrypted record key. */
  enc: string;
  recordSize: number;
}

interface RecordCipher {
  overhead: number;
  seal(seq: number, aad: Buffer, plain: Buffer): Buffer;
  open(seq: number, aad: Buffer, sealed: Buffer): Buffer;
}

const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
};

function hpkeCipher(ctx: HpkeContext): RecordCipher {
  return {
    overhead: 16,
    seal: (_seq, aad, plain) => ctx.seal(aad, plain),
    open: (_seq, aad, sealed) => ctx.open(aad, sealed),
  };
}

function smCipher(key: Buffer): RecordCipher {
  return {
    overhead: 16 + 32,
    seal: (seq, aad, plain) => sm4Encrypt(key, plain, Buffer.concat([aad, u64(seq)])),
    open: (seq, aad, sealed) => sm4Decrypt(key, sealed, Buffer.concat([aad, u64(seq)])),
  };
}

function preamble(header: SealedHeader): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([MAGIC, len, json]);
}

const digestFor = (suite: SealSuite, bytes: Buffer) =>
  suite === 'sm2-sm4ctr-hmacsm3' ? sm3(bytes) : sha256(bytes);

/** Encrypts a stream to `recipient` (X25519 → HPKE, SM2 → the sm suite); pipe plaintext in, sealed bytes out. */
export function createSealer(recipient: PublicKeyInfo, recordSize = SEALED_RECORD_SIZE): Transform {
  if (!Number.isInteger(recordSize) || recordSize < 1 || recordSize > MAX_RECORD_SIZE)
    throw new CryptoError('record size out of range');
  let cipher: RecordCipher;
  let header: SealedHeader;
  if (recipient.alg === 'X25519') {
    const { enc, context } = hpkeSetupSender(recipient, HPKE_INFO);
    cipher = hpkeCipher(context);
    header = { v: 1, suite: 'hpke-x25519-sha256-aes256gcm', enc: enc.toString('base64'), recordSize };
  } else if (recipient.alg === 'SM2') {
    const key = randomBytes(32);
    const enc = sm2Encrypt(recipient.publicHex ?? sm2PublicPemToHex(recipient.publicPem), key);
    cipher = smCipher(key);
    header = { v: 1, suite: 'sm2-sm4ctr-hmacsm3', enc: enc.toString('base64'), recordSize };
  } else {
    throw new CryptoError(`${recipient.alg} keys cannot receive sealed streams (X25519 or SM2)`);
  }
  const head = preamble(header);
  const aadOf = (last: boolean) =>
    Buffer.concat([digestFor(header.suite, head), Buffer.from([last ? 1 : 0])]);
  let seq = 0;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  return new Transform({
    construct(cb) {
      this.push(head);
      cb();
    },
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      pending.push(chunk);
      pendingLength += chunk.length;
      // Keep the tail back: a full record is sealed as "not last" only once more data has arrived after it.
      if (pendingLength > recordSize) {
        const all = Buffer.concat(pending);
        let at = 0;
        for (; all.length - at > recordSize; at += recordSize)
          this.push(cipher.seal(seq++, aadOf(false), all.subarray(at, at + recordSize)));
        pending = [all.subarray(at)];
        pendingLength = pending[0]!.length;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      this.push(cipher.seal(seq++, aadOf(true), Buffer.concat(pending)));
      cb();
    },
  });
}

/** Decrypts a sealed stream with the recipient's key pair; errors (CryptoError) on any tampering or truncation. */
export function createOpener(recipient: KeyPairInfo): Transform & { header?: SealedHeader } {
  let buf: Buffer = Buffer.alloc(0);
  let cipher: RecordCipher | null = null;
  let aad: ((last: boolean) => Buffer) | null = null;
  let recordLength = 0;
  let seq = 0;
  const opener: Transform & { header?: SealedHeader } = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        if (!cipher && !readHeader()) return cb();
        // A record is known not to be the last only when bytes follow it.
        while (buf.length > recordLength) {
          this.push(cipher!.open(seq++, aad!(false), buf.subarray(0, recordLength)));
          buf = buf.subarray(recordLength);
        }
        cb();
      } catch (e) {
        cb(asCryptoError(e));
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (!cipher) throw new CryptoError('the sealed stream ends inside its header');
        if (buf.length < cipher.overhead) throw new CryptoError('the sealed stream is truncated');
        this.push(cipher.open(seq++, aad!(true), buf));
        cb();
      } catch (e) {
        cb(asCryptoError(e));
      }
    },
  });

  function readHeader(): boolean {
    if (buf.length < MAGIC.length + 4) return false;
    if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new CryptoError('not a sealed stream');
    const len = buf.readUInt32BE(MAGIC.length);
    if (len > MAX_HEADER) throw new CryptoError('sealed stream header too large');
    if (buf.length < MAGIC.length + 4 + len) return false;
    const head = buf.subarray(0, MAGIC.length + 4 + len);
    let h: SealedHeader;
    try {
      h = JSON.parse(head.subarray(MAGIC.length + 4).toString('utf8')) as SealedHeader;
    } catch {
      throw new CryptoError('sealed stream header is not JSON');
    }
    if (
      h.v !== 1 ||
      typeof h.enc !== 'string' ||
      !Number.isInteger(h.recordSize) ||
      h.recordSize < 1 ||
      h.recordSize > MAX_RECORD_SIZE
    )
      throw new CryptoError('sealed stream header is malformed');
    const enc = Buffer.from(h.enc, 'base64');
    if (h.suite === 'hpke-x25519-sha256-aes256gcm') {
      if (recipient.alg !== 'X25519') throw new CryptoError('this stream is sealed to an X25519 key');
      cipher = hpkeCipher(hpkeSetupRecipient(recipient, enc, HPKE_INFO));
    } else if (h.suite === 'sm2-sm4ctr-hmacsm3') {
      if (recipient.alg !== 'SM2') throw new CryptoError('this stream is sealed to an SM2 key');
      const priv = recipient.privateHex ?? sm2PrivatePemToHex(recipient.privatePem).privateHex;
      const key = sm2Decrypt(priv, enc);
      if (key.length !== 32) throw new CryptoError('sealed stream key is malformed');
      cipher = smCipher(key);
    } else {
      throw new CryptoError('unknown sealed stream suite');
    }
    const digest = digestFor(h.suite, Buffer.from(head));
    aad = (last) => Buffer.concat([digest, Buffer.from([last ? 1 : 0])]);
    recordLength = h.recordSize + cipher.overhead;
    opener.header = h;
    buf = buf.subarray(head.length);
    return true;
  }

  return opener;
}

function asCryptoError(e: unknown): CryptoError {
  return e instanceof CryptoError ? e : new CryptoError('the sealed stream does not open', { cause: e });
}
