import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { CryptoError } from './errors.js';
import { keyPairFromPrivateRaw, parsePublicKey, rawPublicKey } from './keys.js';
import type { KeyPairInfo, PublicKeyInfo } from './types.js';

// HPKE (RFC 9180), base mode only, with the one KEM and KDF we use: DHKEM(X25519, HKDF-SHA256) and
// HKDF-SHA256, and AES-128-GCM (for the RFC's A.1 test vectors) or AES-256-GCM (what packages use). Written
// from the RFC's pseudocode on node:crypto; the RFC's own vectors test it (hpke.test.ts).

const KEM_ID = 0x0020;
const KDF_ID = 0x0001;
/** AEAD ids of RFC 9180 §7.3 that we implement. */
export const HPKE_AEAD = { 'aes-128-gcm': 0x0001, 'aes-256-gcm': 0x0002 } as const;
export type HpkeAead = keyof typeof HPKE_AEAD;

const NK: Record<HpkeAead, number> = { 'aes-128-gcm': 16, 'aes-256-gcm': 32 };
const NN = 12;
const NT = 16;
const NH = 32;
const VERSION = Buffer.from('HPKE-v1', 'ascii');
const EMPTY = Buffer.alloc(0);

const i2osp = (n: number, w: number): Buffer => {
  const b = Buffer.alloc(w);
  if (w === 8) b.writeBigUInt64BE(BigInt(n));
  else b.writeUIntBE(n, 0, w);
  return b;
};

function extract(salt: Buffer, ikm: Buffer): Buffer {
  // HMAC with an empty key is HMAC with Nh zero bytes (RFC 5869: salt defaults to zeros).
  return createHmac('sha256', salt.length ? salt : Buffer.alloc(NH))
    .update(ikm)
    .digest();
}

function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  const out: Buffer[] = [];
  let t = EMPTY;
  for (let i = 1; out.length * NH < length; i++) {
    t = createHmac('sha256', prk)
      .update(Buffer.concat([t, info, Buffer.from([i])]))
      .digest();
    out.push(t);
  }
  return Buffer.concat(out).subarray(0, length);
}

const labeledExtract = (suite: Buffer, salt: Buffer, label: string, ikm: Buffer) =>
  extract(salt, Buffer.concat([VERSION, suite, Buffer.from(label, 'ascii'), ikm]));

const labeledExpand = (suite: Buffer, prk: Buffer, label: string, info: Buffer, length: number) =>
  expand(prk, Buffer.concat([i2osp(length, 2), VERSION, suite, Buffer.from(label, 'ascii'), info]), length);

const KEM_SUITE = Buffer.concat([Buffer.from('KEM', 'ascii'), i2osp(KEM_ID, 2)]);

const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');
const x25519Public = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });

function extractAndExpand(dh: Buffer, kemContext: Buffer): Buffer {
  const prk = labeledExtract(KEM_SUITE, EMPTY, 'eae_prk', dh);
  return labeledExpand(KEM_SUITE, prk, 'shared_secret', kemContext, 32);
}

/** DeriveKeyPair(ikm) of DHKEM(X25519): the deterministic key pair the RFC's test vectors use. */
export function hpkeDeriveKeyPair(ikm: Uint8Array): KeyPairInfo {
  const prk = labeledExtract(KEM_SUITE, EMPTY, 'dkp_prk', Buffer.from(ikm));
  return keyPairFromPrivateRaw('X25519', labeledExpand(KEM_SUITE, prk, 'sk', EMPTY, 32));
}

/** An HPKE context: seals or opens messages in order (the sequence number is part of each nonce). */
export class HpkeContext {
  private seq = 0;

  constructor(
    private readonly aead: HpkeAead,
    readonly key: Buffer,
    readonly baseNonce: Buffer,
    readonly exporterSecret: Buffer,
  ) {}

  /** The nonce of message `seq`: base_nonce XOR I2OSP(seq, Nn). */
  nonce(seq: number): Buffer {
    if (!Number.isSafeInteger(seq) || seq < 0) throw new CryptoError('HPKE sequence number out of range');
    const n = Buffer.from(this.baseNonce);
    const s = i2osp(seq, 8);
    for (let i = 0; i < 8; i++) n[NN - 8 + i]! ^= s[i]!;
    return n;
  }

  /** Seals the next message (ciphertext ‖ tag). */
  seal(aad: Uint8Array, plaintext: Uint8Array): Buffer {
    const c = createCipheriv(this.aead, this.key, this.nonce(this.seq), { authTagLength: NT });
    c.setAAD(aad);
    const out = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
    this.seq++;
    return out;
  }

  /** Opens the next message; throws CryptoError (and does not advance) when it does not authenticate. */
  open(aad: Uint8Array, sealed: Uint8Array): Buffer {
    if (sealed.length < NT) throw new CryptoError('HPKE ciphertext is too short');
    try {
      const d = createDecipheriv(this.aead, this.key, this.nonce(this.seq), { authTagLength: NT });
      d.setAAD(aad);
      d.setAuthTag(sealed.subarray(sealed.length - NT));
      const out = Buffer.concat([d.update(sealed.subarray(0, sealed.length - NT)), d.final()]);
      this.seq++;
      return out;
    } catch (err) {
      throw new CryptoError('HPKE open failed (wrong key, reordered, truncated or tampered data)', {
        cause: err,
      });
    }
  }

  /** The Export interface: a secret bound to this context. */
  export(context: Uint8Array, length: number): Buffer {
    return labeledExpand(this.suite(), this.exporterSecret, 'sec', Buffer.from(context), length);
  }

  private suite(): Buffer {
    return suiteId(this.aead);
  }
}

const suiteId = (aead: HpkeAead) =>
  Buffer.concat([
    Buffer.from('HPKE', 'ascii'),
    i2osp(KEM_ID, 2),
    i2osp(KDF_ID, 2),
    i2osp(HPKE_AEAD[aead], 2),
  ]);

function keySchedule(aead: HpkeAead, sharedSecret: Buffer, info: Buffer): HpkeContext {
  const suite = suiteId(aead);
  const pskIdHash = labeledExtract(suite, EMPTY, 'psk_id_hash', EMPTY);
  const infoHash = labeledExtract(suite, EMPTY, 'info_hash', info);
  const context = Buffer.concat([Buffer.from([0]), pskIdHash, infoHash]);
  const secret = labeledExtract(suite, sharedSecret, 'secret', EMPTY);
  return new HpkeContext(
    aead,
    labeledExpand(suite, secret, 'key', context, NK[aead]),
    labeledExpand(suite, secret, 'base_nonce', context, NN),
    labeledExpand(suite, secret, 'exp', context, NH),
  );
}

function x25519Of(key: PublicKeyInfo): Buffer {
  if (key.alg !== 'X25519') throw new CryptoError('HPKE needs an X25519 recipient key');
  return rawPublicKey(parsePublicKey({ alg: 'X25519', pem: key.publicPem }));
}

/** SetupBaseS: encapsulates to the recipient; `ephemeral` only for known-answer tests (never reuse one). */
export function hpkeSetupSender(
  recipient: PublicKeyInfo,
  info: Uint8Array,
  aead: HpkeAead = 'aes-256-gcm',
  ephemeral?: KeyPairInfo,
): { enc: Buffer; context: HpkeContext } {
  const pkR = x25519Of(recipient);
  const skE = ephemeral ? createPrivateKey(ephemeral.privatePem) : generateKeyPairSync('x25519').privateKey;
  const enc = createPublicKey(skE).export({ format: 'der', type: 'spki' }).subarray(-32);
  const dh = diffieHellman({ privateKey: skE, publicKey: x25519Public(pkR) });
  const shared = extractAndExpand(dh, Buffer.concat([enc, pkR]));
  return { enc: Buffer.from(enc), context: keySchedule(aead, shared, Buffer.from(info)) };
}

/** SetupBaseR: decapsulates `enc` with the recipient's private key. */
export function hpkeSetupRecipient(
  recipient: KeyPairInfo,
  enc: Uint8Array,
  info: Uint8Array,
  aead: HpkeAead = 'aes-256-gcm',
): HpkeContext {
  if (enc.length !== 32) throw new CryptoError('HPKE enc must be 32 bytes');
  const skR = createPrivateKey(recipient.privatePem);
  if (skR.asymmetricKeyType !== 'x25519') throw new CryptoError('HPKE needs an X25519 recipient key');
  const pkR = x25519Of(recipient);
  let dh: Buffer;
  try {
    dh = diffieHellman({ privateKey: skR, publicKey: x25519Public(Buffer.from(enc)) });
  } catch (err) {
    throw new CryptoError('HPKE decapsulation failed', { cause: err });
  }
  const shared = extractAndExpand(dh, Buffer.concat([Buffer.from(enc), pkR]));
  return keySchedule(aead, shared, Buffer.from(info));
}
