import { z } from 'zod';
import { authorize, parseInput, type RequestContext } from '../../kernel/index.js';
import { inTx, type IdentityDeps } from './identity.deps.js';

// The platform's own keys (keyring): anyone may read the public halves — third parties verify evidence with
// them offline — while only secadmin rotates. Rotation keeps retired public keys for verification.

export const PLATFORM_KEY_PURPOSES = ['token', 'checkpoint', 'response', 'webhook'] as const;
const rotateSchema = z.strictObject({ purpose: z.enum(PLATFORM_KEY_PURPOSES) });

/** A platform public key. */
export interface PlatformPublicKey {
  purpose: string;
  id: string;
  alg: string;
  publicKeyPem: string;
  publicKeyHex: string | null;
  current: boolean;
  createdAt: string;
  retiredAt: string | null;
}

/** Platform keyring administration. */
export class PlatformKeysService {
  constructor(private readonly deps: IdentityDeps) {}

  /** All public keys, current and retired (public: no login needed). */
  list(): PlatformPublicKey[] {
    const kr = this.deps.keyring;
    return PLATFORM_KEY_PURPOSES.flatMap((purpose) => {
      const currentId = kr.current(purpose).id;
      return kr.publicKeys(purpose).map((k) => ({
        purpose,
        id: k.id,
        alg: k.alg,
        publicKeyPem: k.publicPem,
        publicKeyHex: k.publicHex ?? null,
        current: k.id === currentId,
        createdAt: k.createdAt,
        retiredAt: k.retiredAt ?? null,
      }));
    });
  }

  /** Rotates one platform key (secadmin). */
  async rotate(ctx: RequestContext, input: unknown): Promise<PlatformPublicKey> {
    authorize(ctx, 'platform.key.rotate');
    const { purpose } = parseInput(rotateSchema, input);
    const kr = this.deps.keyring;
    const old = kr.current(purpose).id;
    // The keyring file is written first; if the audit write then failed, the new key would simply be
    // current without an event — so the audit goes in the same transaction and the rotation inside it.
    return inTx(this.deps, async (tx) => {
      await kr.rotate(purpose);
      const k = kr.current(purpose);
      await this.deps.audit.record(tx, ctx, {
        action: 'identity.platform.key.rotate',
        subjectType: 'platform_key',
        subjectId: k.id,
        change: { purpose, newKey: k.id, retired: old, alg: k.alg },
        details: { purpose, retired: old },
      });
      return this.list().find((x) => x.id === k.id)!;
    });
  }
}
