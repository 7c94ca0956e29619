import type { AnyTx, AuditPort, Clock, Db, HostLookup, PlatformKeyring, Role } from '../../kernel/index.js';

/** Enqueues work in the caller's transaction (the jobs module). */
export interface Enqueue {
  enqueue(
    tx: AnyTx,
    type: string,
    payload: unknown,
    opts?: { idempotencyKey?: string; maxAttempts?: number },
  ): Promise<unknown>;
}

/** Resolves role holders (the identity module's directory). */
export interface Directory {
  usersWithRole(tx: AnyTx, role: Role, orgId?: string): Promise<{ id: string; orgId: string }[]>;
  operatorOrgId(tx: AnyTx): Promise<string | null>;
}

/** Dependencies of the notifications module. */
export interface NotificationsDeps {
  db: Db;
  audit: AuditPort;
  clock: Clock;
  keyring: PlatformKeyring;
  jobs: Enqueue;
  directory: Directory;
  /** Allow webhook targets on loopback/private addresses (tests, intranet deployments). */
  webhookAllowPrivate: boolean;
  /** Delivery attempts before a delivery is dead. */
  webhookMaxAttempts: number;
  /** Per-attempt HTTP timeout. */
  webhookTimeoutMs: number;
  /** How delivery resolves webhook host names (default: the system resolver). */
  lookup?: HostLookup;
  /**
   * Builders of delivery bodies by event type, for outbox rows that hold a reference instead of the payload
   * (the exchange's change pushes: no personal data rests in the outbox, and the grant is checked again at
   * every attempt). Filled by modules built after this one.
   */
  payloadResolvers?: Map<string, PayloadResolver>;
}

/** Builds a delivery's body (and extra headers) at send time from its stored reference; throws to retry. */
export type PayloadResolver = (
  reference: string,
) => Promise<{ body: string; headers?: Record<string, string> }>;
