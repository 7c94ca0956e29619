import { flattenedVerify, importSPKI } from 'jose';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { signDetachedJws, verifyDetachedJws } from './detached-jws.js';
import { generateKeyPair } from './keys.js';
import { generateSm2KeyPair, sm2PublicPemToHex } from './sm2-keys.js';

// Signed responses are checked here by independent implementations: jose (RFC 7797 unencoded payloads) for
// EdDSA and sm-crypto-v2 for SM2SM3 — not only by our own verifier.

const body = Buffer.from(
  JSON.stringify({ rows: [{ 姓名: '张*', 证件号: '3301**********0011' }], next: null }),
);

describe('detached JWS over the exact response bytes', () => {
  it('EdDSA: jose verifies it with the payload supplied separately; any changed byte fails', async () => {
    const key = generateKeyPair('Ed25519');
    const jws = signDetachedJws(key, 'k1', body);
    const [protectedHeader, empty, signature] = jws.split('.');
    expect(empty).toBe('');
    const header = JSON.parse(Buffer.from(protectedHeader!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(header).toEqual({ alg: 'EdDSA', kid: 'k1', b64: false, crit: ['b64'] });
    const pub = await importSPKI(key.publicPem, 'EdDSA');
    const ok = await flattenedVerify(
      { protected: protectedHeader!, payload: body, signature: signature! },
      pub,
    );
    expect(Buffer.from(ok.payload).equals(body)).toBe(true);
    const tampered = Buffer.from(body);
    tampered[10] = tampered[10]! ^ 1;
    await expect(
      flattenedVerify({ protected: protectedHeader!, payload: tampered, signature: signature! }, pub),
    ).rejects.toThrow();
    expect(verifyDetachedJws(jws, body, (kid) => (kid === 'k1' ? key : undefined))).toEqual({
      ok: true,
      kid: 'k1',
      alg: 'EdDSA',
    });
    expect(verifyDetachedJws(jws, tampered, () => key)).toEqual({ ok: false, reason: 'bad signature' });
  });

  it('SM2SM3: sm-crypto-v2 verifies the raw r ‖ s over the signing input with the default ID', () => {
    const key = generateSm2KeyPair();
    const jws = signDetachedJws(key, 'sm', body);
    const [h, , s] = jws.split('.');
    expect(JSON.parse(Buffer.from(h!, 'base64url').toString()).alg).toBe('SM2SM3');
    const input = Buffer.concat([Buffer.from(`${h!}.`), body]);
    const sigHex = Buffer.from(s!, 'base64url').toString('hex');
    const pubHex = sm2PublicPemToHex(key.publicPem);
    expect(smCrypto.doVerifySignature(input, sigHex, pubHex, { hash: true, der: false })).toBe(true);
    expect(
      smCrypto.doVerifySignature(Buffer.concat([input, Buffer.from(' ')]), sigHex, pubHex, {
        hash: true,
        der: false,
      }),
    ).toBe(false);
    expect(verifyDetachedJws(jws, body, () => key).ok).toBe(true);
  });

  it('refuses malformed, attached, encoded-payload and wrong-key JWS', () => {
    const ed = generateKeyPair('Ed25519');
    const jws = signDetachedJws(ed, 'k', body);
    const [h, , s] = jws.split('.');
    expect(verifyDetachedJws(`${h}.${body.toString('base64url')}.${s}`, body, () => ed).ok).toBe(false);
    expect(verifyDetachedJws('garbage', body, () => ed).ok).toBe(false);
    const encoded = Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: 'k' })).toString('base64url');
    expect(verifyDetachedJws(`${encoded}..${s}`, body, () => ed)).toMatchObject({ ok: false });
    expect(verifyDetachedJws(jws, body, () => undefined)).toEqual({ ok: false, reason: 'unknown key k' });
    expect(verifyDetachedJws(jws, body, () => generateSm2KeyPair())).toMatchObject({ ok: false });
    expect(verifyDetachedJws(jws, body, () => generateKeyPair('Ed25519'))).toEqual({
      ok: false,
      reason: 'bad signature',
    });
  });
});
