import { randomBytes } from 'node:crypto';
import {
  CryptoError,
  getProfile,
  type AnyTx,
  type PlatformKeyring,
  type ProfileName,
} from '../../kernel/index.js';
import type { RowKeys } from './cell-codec.js';
import { registryRepo as repo } from './registry.repository.js';

// Per-resource keys (GB/T 39477: data keys per resource, wrapped by a master key). Each resource has data keys
// (versioned: a rotation adds a version for new writes, old cells stay readable) and one index key (row keys,
// row hashes and blind indexes; rotating it would mean re-indexing, so it is fixed for the table's life). Both
// are random and stored wrapped under a key-encryption key derived from the keyring's master secret; a master
// rotation re-wraps these few rows and touches no data — the rotation runs without downtime.

const KEK_LABEL = 'orderly/datastore/kek/v1';

/** Unwrapping and caching the keys of resources. */
export class DataKeys {
  private readonly cache = new Map<string, RowKeys>();
  private readonly profile;

  constructor(
    private readonly keyring: PlatformKeyring,
    profileName: ProfileName,
  ) {
    this.profile = getProfile(profileName);
  }

  private kek(masterId: string): Buffer {
    const secret = this.keyring.secrets('master').find((s) => s.id === masterId);
    if (!secret) throw new CryptoError(`master secret ${masterId} is not in the keyring`);
    return this.profile.hmac(secret.value, KEK_LABEL).subarray(0, 32);
  }

  private wrap(resourceId: string, kind: string, version: number, key: Buffer) {
    const master = this.keyring.currentSecret('master');
    const aad = Buffer.from(`${resourceId}|${kind}|${version}`);
    return { wrapped: this.profile.encrypt(this.kek(master.id), key, aad), master_id: master.id };
  }

  /** Creates the first data key and the index key of a resource (inside the table-creating transaction). */
  async create(tx: AnyTx, resourceId: string, at: string): Promise<void> {
    this.cache.delete(resourceId);
    for (const kind of ['data', 'index']) {
      const w = this.wrap(resourceId, kind, 1, randomBytes(32));
      await repo.insertKey(tx, {
        resource_id: resourceId,
        kind,
        version: 1,
        ...w,
        created_at: at,
        retired_at: null,
      });
    }
  }

  /** The keys a resource's rows are encoded with. */
  async forResource(tx: AnyTx, resourceId: string): Promise<RowKeys> {
    const hit = this.cache.get(resourceId);
    if (hit) return hit;
    const rows = await repo.keys(tx, resourceId);
    const dataKeys = new Map<number, Buffer>();
    let index: Buffer | undefined;
    let current: { version: number; key: Buffer } | undefined;
    for (const r of rows) {
      const aad = Buffer.from(`${resourceId}|${r.kind}|${r.version}`);
      const key = this.profile.decrypt(this.kek(r.master_id), Buffer.from(r.wrapped), aad);
      if (r.kind === 'index') index = key;
      else {
        dataKeys.set(r.version, key);
        if (!r.retired_at) current = { version: r.version, key };
      }
    }
    if (!index || !current) throw new CryptoError(`the keys of resource ${resourceId} are missing`);
    const keys: RowKeys = { resourceId, profile: this.profile, indexKey: index, dataKey: current, dataKeys };
    this.cache.set(resourceId, keys);
    return keys;
  }

  /** A new data key version for new writes; returns it. */
  async rotateDataKey(tx: AnyTx, resourceId: string, at: string): Promise<number> {
    const rows = (await repo.keys(tx, resourceId)).filter((r) => r.kind === 'data');
    const version = Math.max(0, ...rows.map((r) => r.version)) + 1;
    if (version > 0xffff) throw new CryptoError('too many data key versions');
    await repo.retireKeys(tx, resourceId, 'data', at);
    const w = this.wrap(resourceId, 'data', version, randomBytes(32));
    await repo.insertKey(tx, {
      resource_id: resourceId,
      kind: 'data',
      version,
      ...w,
      created_at: at,
      retired_at: null,
    });
    this.cache.delete(resourceId);
    return version;
  }

  /** Re-wraps every key under the current master secret (after a master rotation); returns how many. */
  async rewrapAll(tx: AnyTx): Promise<number> {
    const master = this.keyring.currentSecret('master');
    let n = 0;
    for (const r of await repo.allKeys(tx)) {
      if (r.master_id === master.id) continue;
      const aad = Buffer.from(`${r.resource_id}|${r.kind}|${r.version}`);
      const key = this.profile.decrypt(this.kek(r.master_id), Buffer.from(r.wrapped), aad);
      await repo.rewrap(tx, { ...r, ...this.wrap(r.resource_id, r.kind, r.version, key) });
      n++;
    }
    return n;
  }

  /** Forgets cached keys (after a rollback that may have undone a key change). */
  forget(resourceId?: string): void {
    if (resourceId) this.cache.delete(resourceId);
    else this.cache.clear();
  }
}
