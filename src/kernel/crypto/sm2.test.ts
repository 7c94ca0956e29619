// SM2 against the standard's worked example, an independent BigInt implementation and the OpenSSL CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { afterAll, describe, expect, it } from 'vitest';
import { derChildren, derElement, derRead } from './encoding.js';
import {
  CryptoError,
  SM2_DEFAULT_ID,
  getProfile,
  parseKeyPair,
  signatureDerToRaw,
  signatureRawToDer,
  signWith,
  sm2ComputeZa,
  sm2Decrypt,
  sm2Digest,
  sm2Encrypt,
  sm2PrivateHexToPem,
  sm2PrivatePemToHex,
  sm2PublicFromPrivate,
  sm2PublicHexToPem,
  sm2PublicPemToHex,
  sm2SignRaw,
  sm2SignWithK,
  sm2Verify,
  sm2VerifyReference,
  verifySignature,
} from './index.js';
import { SM2_CURVE } from './sm2-curve.js';

// GB/T 32918.5-2017 Appendix A (same numbers as GM/T 0003.5-2012 and OpenSSL's sm2_internal_test.c).
const STD = {
  d: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  pub:
    '0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
    'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  msg: 'message digest',
  k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
  za: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  e: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};

describe('SM2 standard example (GB/T 32918.5 Appendix A)', () => {
  it('derives the public key, Z_A and e', () => {
    expect(sm2PublicFromPrivate(STD.d)).toBe(STD.pub);
    expect(sm2ComputeZa(STD.pub).toString('hex')).toBe(STD.za);
    expect(sm2ComputeZa(STD.pub, SM2_DEFAULT_ID).toString('hex')).toBe(STD.za);
    expect(sm2Digest(STD.pub, STD.msg).toString('hex')).toBe(STD.e);
  });

  it('Z_A agrees with sm-crypto-v2 and depends on the ID', () => {
    expect(Buffer.from(smCrypto.getZ(STD.pub)).toString('hex')).toBe(STD.za);
    const other = sm2ComputeZa(STD.pub, 'ALICE123@YAHOO.COM');
    expect(other.toString('hex')).toBe(
      Buffer.from(smCrypto.getZ(STD.pub, 'ALICE123@YAHOO.COM')).toString('hex'),
    );
    expect(other.toString('hex')).not.toBe(STD.za);
  });

  it('signs with the fixed k to the published r, s', () => {
    const sig = sm2SignWithK(STD.d, STD.msg, STD.k);
    expect(sig.toString('hex')).toBe(STD.r + STD.s);
    expect(sm2Verify(STD.pub, STD.msg, sig)).toBe(true);
    expect(sm2VerifyReference(STD.pub, STD.msg, sig)).toBe(true);
    expect(sm2Verify(STD.pub, 'message digesT', sig)).toBe(false);
    expect(sm2Verify(STD.pub, STD.msg, sig, { id: 'another id' })).toBe(false);
  });
});

describe('SM2 signatures: library vs reference implementation', () => {
  it('random-k signatures cross-verify both ways', () => {
    for (let i = 0; i < 8; i++) {
      const key = getProfile('sm').generateSigningKeyPair();
      const msg = `message ${i} 数据共享`;
      const lib = sm2SignRaw(key.privateHex ?? '', msg, { publicHex: key.publicHex });
      expect(sm2VerifyReference(key.publicHex ?? '', msg, lib)).toBe(true);
      const k =
        1n +
        (BigInt(`0x${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex')}`) %
          (SM2_CURVE.n - 2n));
      const ref = sm2SignWithK(key.privateHex ?? '', msg, k);
      expect(sm2Verify(key.publicHex ?? '', msg, ref)).toBe(true);
      expect(verifySignature(key, msg, ref)).toBe(true);
    }
  });

  it('rejects out-of-range r and s (no s + n malleability)', () => {
    const sig = sm2SignWithK(STD.d, STD.msg, STD.k);
    const n = Buffer.from(SM2_CURVE.n.toString(16), 'hex');
    for (const bad of [
      Buffer.concat([Buffer.alloc(32), sig.subarray(32)]),
      Buffer.concat([sig.subarray(0, 32), Buffer.alloc(32)]),
      Buffer.concat([sig.subarray(0, 32), n]),
      sig.subarray(0, 63),
    ]) {
      expect(sm2Verify(STD.pub, STD.msg, bad)).toBe(false);
      expect(sm2VerifyReference(STD.pub, STD.msg, bad)).toBe(false);
    }
  });

  it('raw ↔ DER signature conversion round-trips, including short integers', () => {
    const sig = sm2SignWithK(STD.d, STD.msg, STD.k);
    expect(signatureDerToRaw(signatureRawToDer(sig))).toEqual(sig);
    const small = Buffer.concat([Buffer.alloc(31), Buffer.from([1]), Buffer.alloc(31), Buffer.from([0x80])]);
    expect(signatureRawToDer(small).toString('hex')).toBe('3007020101020200' + '80');
    expect(signatureDerToRaw(signatureRawToDer(small))).toEqual(small);
    expect(() => signatureDerToRaw(Buffer.from('3006020101020101ff', 'hex'))).toThrow(CryptoError);
  });
});

describe('SM2 key encodings', () => {
  it('hex → PEM → hex, for public and private keys', () => {
    const pem = sm2PublicHexToPem(STD.pub);
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE/);
    expect(sm2PublicPemToHex(pem)).toBe(STD.pub);
    const priv = sm2PrivateHexToPem(STD.d);
    expect(sm2PrivatePemToHex(priv)).toEqual({ privateHex: STD.d, publicHex: STD.pub });
  });

  it('matches the PKCS#8 Node itself writes for generated SM2 keys', () => {
    const key = getProfile('sm').generateSigningKeyPair();
    expect(key.privatePem).toBe(sm2PrivateHexToPem(key.privateHex ?? ''));
    expect(parseKeyPair(key)).toEqual(key);
  });

  it('SM2 encryption round-trips and detects tampering', () => {
    const key = getProfile('sm').generateEncryptionKeyPair();
    const ct = sm2Encrypt(key.publicHex ?? '', Buffer.from('国密 SM2 encryption'));
    expect(ct[0]).toBe(4);
    expect(sm2Decrypt(key.privateHex ?? '', ct).toString()).toBe('国密 SM2 encryption');
    for (const pos of [1, 70, ct.length - 1]) {
      const bad = Buffer.from(ct);
      bad[pos] = (bad[pos] ?? 0) ^ 0x01;
      expect(() => sm2Decrypt(key.privateHex ?? '', bad)).toThrow(CryptoError);
    }
  });
});

const hasOpenssl = (() => {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return r.status === 0 && /OpenSSL 3\./.test(r.stdout);
})();
if (!hasOpenssl)
  console.warn('NOTICE: OpenSSL 3 CLI not found: skipping the SM2 OpenSSL interoperability tests');

describe.skipIf(!hasOpenssl)('SM2 interoperability with the OpenSSL 3 CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'orderly-sm2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, data?: string | Uint8Array) => {
    const p = join(dir, name);
    if (data !== undefined) writeFileSync(p, data);
    return p;
  };
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const key = getProfile('sm').generateSigningKeyPair();
  const pub = file('pub.pem', key.publicPem);
  const priv = file('priv.pem', key.privatePem);
  const distid = ['-pkeyopt', `distid:${SM2_DEFAULT_ID}`];

  it('OpenSSL reads our PEMs as the same SM2 key', () => {
    const text = openssl('pkey', '-in', priv, '-text', '-noout').toString();
    expect(text).toContain('ASN1 OID: SM2');
    const hexOf = (label: string) =>
      (new RegExp(`${label}:\\n((?:\\s+[0-9a-f:]+\\n)+)`).exec(text)?.[1] ?? '').replace(/[\s:]/g, '');
    expect(hexOf('priv')).toBe(key.privateHex);
    expect(hexOf('pub')).toBe(key.publicHex);
    expect(openssl('pkey', '-pubin', '-in', pub, '-text', '-noout').toString()).toContain('ASN1 OID: SM2');
  });

  it('OpenSSL verifies our signatures (and rejects a wrong message)', () => {
    const msg = file('msg', 'Orderly 有序 — signed by sm-crypto-v2');
    const sig = file('sig.der', signatureRawToDer(signWith(key, readFileSync(msg))));
    const args = ['pkeyutl', '-verify', '-rawin', '-digest', 'sm3', ...distid, '-pubin', '-inkey', pub];
    expect(openssl(...args, '-in', msg, '-sigfile', sig).toString()).toContain(
      'Signature Verified Successfully',
    );
    const other = file('other', 'Orderly 有序 — tampered');
    expect(() => openssl(...args, '-in', other, '-sigfile', sig)).toThrow();
  });

  it('we verify OpenSSL signatures', () => {
    const msg = file('msg2', 'signed by OpenSSL');
    const sig = file('sig2.der');
    openssl(
      'pkeyutl',
      '-sign',
      '-rawin',
      '-digest',
      'sm3',
      ...distid,
      '-inkey',
      priv,
      '-in',
      msg,
      '-out',
      sig,
    );
    const raw = signatureDerToRaw(readFileSync(sig));
    expect(verifySignature(key, readFileSync(msg), raw)).toBe(true);
    expect(sm2VerifyReference(key.publicHex ?? '', readFileSync(msg), raw)).toBe(true);
  });

  it('we read keys generated by OpenSSL', () => {
    const genPem = openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2').toString();
    const pair = parseKeyPair({ alg: 'SM2', publicPem: '', privatePem: genPem });
    const pubPem = openssl('pkey', '-in', file('gen.pem', genPem), '-pubout').toString();
    expect(sm2PublicPemToHex(pubPem)).toBe(pair.publicHex);
  });

  // OpenSSL writes SM2 ciphertext as DER SEQUENCE { x INTEGER, y INTEGER, C3 OCTET STRING, C2 OCTET STRING }.
  const derToC1C3C2 = (der: Buffer) => {
    const [x, y, c3, c2] = derChildren(der, derRead(der, 0)).map((n) => der.subarray(n.start, n.end));
    const coord = (b: Buffer | undefined) =>
      Buffer.from((b ?? Buffer.alloc(0)).toString('hex').padStart(64, '0').slice(-64), 'hex');
    return Buffer.concat([
      Buffer.from([4]),
      coord(x),
      coord(y),
      c3 ?? Buffer.alloc(0),
      c2 ?? Buffer.alloc(0),
    ]);
  };
  const c1c3c2ToDer = (ct: Buffer) => {
    // Minimal DER INTEGER: strip leading zero bytes, then add one back if the top bit is set.
    const int = (b: Buffer) => {
      let i = 0;
      while (i < b.length - 1 && b[i] === 0) i++;
      const v = b.subarray(i);
      return derElement(0x02, (v[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.alloc(1), v]) : v);
    };
    const body = [
      int(ct.subarray(1, 33)),
      int(ct.subarray(33, 65)),
      derElement(0x04, ct.subarray(65, 97)),
      derElement(0x04, ct.subarray(97)),
    ];
    return derElement(0x30, Buffer.concat(body));
  };

  it('SM2 encryption interoperates both ways (C1C3C2)', () => {
    const out = file('enc.der');
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', pub, '-in', file('pt', 'from OpenSSL'), '-out', out);
    expect(sm2Decrypt(key.privateHex ?? '', derToC1C3C2(readFileSync(out))).toString()).toBe('from OpenSSL');
    const ours = file('ours.der', c1c3c2ToDer(sm2Encrypt(key.publicHex ?? '', Buffer.from('from Orderly'))));
    expect(openssl('pkeyutl', '-decrypt', '-inkey', priv, '-in', ours).toString()).toBe('from Orderly');
  });
});
