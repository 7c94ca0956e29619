import { EpochProbe } from '../../kernel/index.js';

// Client tokens are verified on every exchange call. A full check costs a signature verification and two
// reads (the client and its organisation); the cache keeps its outcome per token until the token expires.
// It stays correct because every change to a client or an organisation bumps the identity epoch in its
// transaction (clients/organisations repositories), and the cache is dropped when the epoch moves: a disabled
// client or organisation is refused by every process within the probe period (250 ms). The IP allow-list is
// checked on every call from the cached list, since the same token may come from another address.

/** What a verified client token stands for. */
export interface CachedClient {
  clientId: string;
  orgId: string;
  scopes: string[];
  ipAllow: string[];
  /** When the token expires (ms since the epoch, by the token's `exp`). */
  expiresAt: number;
}

/** Tokens one process keeps at most (oldest first out). */
export const MAX_CACHED_TOKENS = 10_000;

/** The per-process client-token cache with its epoch probe. */
export class ClientTokenCache {
  private readonly map = new Map<string, CachedClient>();
  /** Bumped on every clear, so a check that raced a clear does not put a stale entry back. */
  private generation = 0;
  private readonly epoch: EpochProbe;

  constructor(readEpoch: () => Promise<number>) {
    this.epoch = new EpochProbe(readEpoch, () => {
      this.map.clear();
      this.generation++;
    });
  }

  /** The cached outcome for a token (after making sure the cache is fresh), and the generation to store with. */
  async lookup(token: string): Promise<{ hit: CachedClient | undefined; generation: number }> {
    await this.epoch.check();
    return { hit: this.map.get(token), generation: this.generation };
  }

  /** Stores a checked token unless the cache was cleared since `generation` was read. */
  store(token: string, entry: CachedClient, generation: number): void {
    if (generation !== this.generation) return;
    if (this.map.size >= MAX_CACHED_TOKENS) this.map.delete(this.map.keys().next().value!);
    this.map.set(token, entry);
  }

  /** Drops everything (after a client or organisation change this process committed: no probe delay). */
  invalidate(): void {
    this.map.clear();
    this.generation++;
    this.epoch.expire();
  }

  /** Drops one token (expired). */
  forget(token: string): void {
    this.map.delete(token);
  }
}
