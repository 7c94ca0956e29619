import { signWith, verifySignature, type KeyPairInfo, type PublicKeyInfo } from '../../../kernel/index.js';

// Webhook payloads are signed with the platform's webhook key (Ed25519 under intl, SM2 under sm). The signed
// string binds the delivery id and a timestamp to the exact body bytes, so a receiver can refuse replays and
// tampering with the platform's published public key alone (docs/webhooks.md).

export const HEADER_ID = 'orderly-webhook-id';
export const HEADER_TIMESTAMP = 'orderly-webhook-timestamp';
export const HEADER_SIGNATURE = 'orderly-webhook-signature';

/** The bytes that are signed: `<delivery id>.<unix seconds>.<body>`. */
export function signingInput(deliveryId: string, timestamp: number, body: string): Buffer {
  return Buffer.concat([Buffer.from(`${deliveryId}.${timestamp}.`, 'utf8'), Buffer.from(body, 'utf8')]);
}

/** The signature header value: `keyid=<id>;alg=<Ed25519|SM2>;sig=<base64>`. */
export function signWebhook(
  key: KeyPairInfo & { id: string },
  deliveryId: string,
  timestamp: number,
  body: string,
): string {
  const sig = signWith(key, signingInput(deliveryId, timestamp, body)).toString('base64');
  return `keyid=${key.id};alg=${key.alg};sig=${sig}`;
}

/** Parses a signature header. */
export function parseSignatureHeader(h: string): { keyid: string; alg: string; sig: Buffer } | null {
  const parts = Object.fromEntries(
    h.split(';').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  if (!parts.keyid || !parts.alg || !parts.sig) return null;
  return { keyid: parts.keyid, alg: parts.alg, sig: Buffer.from(parts.sig, 'base64') };
}

/** Verifies a delivery as a receiver would (keys: the platform's webhook public keys). */
export function verifyWebhook(
  keys: (PublicKeyInfo & { id: string })[],
  headers: { id: string; timestamp: string; signature: string },
  body: string,
): boolean {
  const p = parseSignatureHeader(headers.signature);
  const key = p && keys.find((k) => k.id === p.keyid);
  if (!p || !key) return false;
  return verifySignature(key, signingInput(headers.id, Number(headers.timestamp), body), p.sig);
}
