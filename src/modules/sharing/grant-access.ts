import { AppError, EpochProbe, notFound, shanghaiDate, validationError } from '../../kernel/index.js';
import { ipAllowed } from '../identity/index.js';
import { masking } from '../catalogue/index.js';
import {
  FilterForbidden,
  FilterInvalid,
  filterItemsOf,
  parseFilter,
  type Filter,
  type FilterItem,
  type FilterJson,
} from '../datastore/index.js';
import { isUnmasked } from './domain/grant-masks.js';
import type { GrantScope } from './grant-port.js';
import { grantsRepo as repo } from './grants.repository.js';
import type { GrantRow, GrantStatus } from './grants.tables.js';
import type { SharingDeps } from './sharing.deps.js';

// The exchange's per-call grant check, on the hot path. Compiled grants are cached per process; every grant
// state change bumps a one-row epoch in its own transaction, and the cache re-reads the epoch at most every
// EPOCH_PROBE_MS (kernel EpochProbe) and drops everything when it moved. A request that starts one second or
// more after a revoke or suspension commits is therefore denied in every process.

/** Compiled grants one process keeps at most. */
export const MAX_CACHED = 10_000;

/**
 * Who calls the exchange, from an address: an API client of an organisation, or — for the console's "my
 * data" — a user of the consumer organisation holding the `consumer` role (the same checks otherwise).
 */
export interface AccessCaller {
  clientId: string | null;
  orgId: string | null;
  ip?: string | undefined;
  /** Set for a console user instead of a client. */
  user?: { id: string; roles: readonly string[] };
}

/** A grant ready for the exchange: what to project, mask and filter. */
export interface CompiledGrant {
  grantId: string;
  resourceId: string;
  providerOrgId: string;
  consumerOrgId: string;
  scope: GrantScope;
  /** Mask of each granted item, by item code. */
  masks: Map<string, masking.MaskSpec>;
  /** The granted items as the filter language sees them (code, name, type, encrypted). */
  items: FilterItem[];
  /** Every item of the resource (a consumer filter naming an ungranted item is a 403, an unknown one a 400). */
  resourceItems: FilterItem[];
  /** The provider's row filter, admitted against the resource's current items. */
  rowFilter: Filter | null;
  /** Item NAMES granted unmasked: the only ones a consumer may filter or sort on. */
  allowedFilterItems: ReadonlySet<string>;
  /** Codes of the resource's primary-key items (what identifies a record, e.g. the ID number). */
  keyCodes: string[];
  /** When the grant was issued (ISO time): where its change feed starts. */
  activatedAt: string;
  /** Items the provider declared watermark-tolerant, by code, with their declared scale (docs/watermarks.md). */
  tolerant: ReadonlyMap<string, { scale: number | null }>;
}

interface Entry {
  row: Pick<GrantRow, 'status' | 'consumer_org_id' | 'valid_from' | 'valid_until'>;
  clientIds: string[];
  compiled: CompiledGrant | null;
  /** Why the grant cannot be used even when active (resource withdrawn, items changed). */
  unusable: string | null;
}

const DENIALS: Record<Exclude<GrantStatus, 'active'>, string> = {
  suspended: 'The grant is suspended.',
  revoked: 'The grant has been revoked.',
  expired: 'The grant has expired.',
};

function denied(reason: string, message: string): AppError {
  return new AppError('FORBIDDEN', message, { reason });
}

/** The per-process cache of compiled grants with its epoch probe. */
export class GrantAccess {
  private readonly cache = new Map<string, Entry>();
  /** Bumped on every clear, so a load that raced a clear does not put a stale entry back. */
  private generation = 0;
  private readonly epoch: EpochProbe;

  constructor(private readonly deps: SharingDeps) {
    this.epoch = new EpochProbe(
      () => repo.epoch(deps.db.kysely),
      () => {
        this.cache.clear();
        this.generation++;
      },
    );
  }

  /** The compiled grant if the caller may use it with the method now; otherwise a 403 or 404 AppError. */
  async authorizeAccess(caller: AccessCaller, grantId: string, method: string): Promise<CompiledGrant> {
    await this.epoch.check();
    const e = await this.entry(grantId);
    // Another organisation's grant does not exist for the caller.
    if (!e || !caller.orgId || e.row.consumer_org_id !== caller.orgId) throw notFound('Grant');
    if (caller.user) {
      if (!caller.user.roles.includes('consumer'))
        throw denied('NOT_CONSUMER', 'Only users with the consumer role browse granted data.');
    } else if (!caller.clientId || !e.clientIds.includes(caller.clientId))
      throw denied('UNBOUND_CLIENT', 'This API client is not bound to the grant.');
    if (e.row.status !== 'active') throw denied(e.row.status.toUpperCase(), DENIALS[e.row.status]);
    const c = e.compiled;
    if (!c) throw denied('UNUSABLE', e.unusable ?? 'The grant cannot be used.');
    const today = shanghaiDate(this.deps.clock.now());
    if (today < e.row.valid_from)
      throw denied('NOT_YET_VALID', `The grant is valid from ${e.row.valid_from}.`);
    if (today > e.row.valid_until) throw denied('EXPIRED', DENIALS.expired);
    if (!ipAllowed(c.scope.ipRanges, caller.ip))
      throw denied('IP_NOT_ALLOWED', "The caller's address is outside the grant's IP ranges.");
    if (!c.scope.methods.includes(method))
      throw denied('METHOD_NOT_GRANTED', `The grant does not allow the ${method} method.`);
    return c;
  }

  /** Admits a consumer's filter and sort items: 403 for items not granted unmasked, 400 for bad input. */
  checkConsumerFilter(c: CompiledGrant, filter: FilterJson | null, sortItems: string[]): Filter | null {
    const all = c.resourceItems;
    const byCode = new Map(all.map((i) => [i.code, i]));
    const unknown = sortItems.filter((s) => !byCode.has(s));
    if (unknown.length)
      throw validationError(
        unknown.map((s) => ({
          field: 'sort',
          code: 'UNKNOWN_ITEM',
          message: `${s} is not an item of the resource`,
        })),
      );
    const hidden = sortItems.filter((s) => !c.allowedFilterItems.has(byCode.get(s)!.name));
    if (hidden.length) throw new FilterForbidden([...new Set(hidden)].sort());
    const encrypted = sortItems.filter((s) => byCode.get(s)!.encrypted);
    if (encrypted.length)
      throw validationError(
        encrypted.map((s) => ({
          field: 'sort',
          code: 'ENCRYPTED',
          message: `${s} is stored encrypted and cannot be sorted`,
        })),
      );
    if (filter === null) return null;
    return parseFilter(filter, all, { allowedItems: c.allowedFilterItems, path: 'filter' });
  }

  /**
   * Every grant ever issued — active, suspended, revoked or expired — compiled against its resource's current
   * items, for leak tracing (internal: the exchange's trace authorizes). Grants that no longer fit their
   * resource are left out: their deliveries cannot be rendered again.
   */
  async everIssued(resourceId: string | null): Promise<{ grant: CompiledGrant; status: GrantStatus }[]> {
    const rows = await repo.everIssued(this.deps.db.kysely, resourceId);
    const out: { grant: CompiledGrant; status: GrantStatus }[] = [];
    for (const row of rows) {
      const e = await this.compile(row);
      if (e.compiled) out.push({ grant: e.compiled, status: row.status });
    }
    return out;
  }

  /** Drops one grant from this process's cache (after a change this process committed). */
  forget(grantId: string): void {
    this.cache.delete(grantId);
    this.generation++;
  }

  private async entry(grantId: string): Promise<Entry | null> {
    const hit = this.cache.get(grantId);
    if (hit) return hit;
    const generation = this.generation;
    const row = await repo.get(this.deps.db.kysely, grantId);
    if (!row) return null;
    const e = await this.compile(row);
    if (generation === this.generation) {
      // Bounded: the oldest entries go first (a Map iterates in insertion order).
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(grantId, e);
    }
    return e;
  }

  private async compile(row: GrantRow): Promise<Entry> {
    const scope = JSON.parse(row.scope) as GrantScope;
    const base = { row, clientIds: scope.clientIds, compiled: null };
    const resource = await this.deps.catalogue.browse.published(row.resource_id);
    if (!resource || resource.status !== 'published')
      return { ...base, unusable: 'The resource is no longer published.' };
    const resourceItems = filterItemsOf(resource.doc.items);
    const byCode = new Map(resourceItems.map((i) => [i.code, i]));
    const items: FilterItem[] = [];
    const masks = new Map<string, masking.MaskSpec>();
    const clear = new Set<string>();
    for (const g of scope.items) {
      const item = byCode.get(g.code);
      // Fail closed: the catalogue listener suspends such grants, this only covers the moment in between.
      if (!item) return { ...base, unusable: 'The grant no longer matches the resource.' };
      const mask = g.mask as masking.MaskSpec;
      items.push(item);
      masks.set(g.code, mask);
      if (isUnmasked(mask)) clear.add(item.name);
    }
    let rowFilter: Filter | null = null;
    try {
      rowFilter = scope.rowFilter ? parseFilter(scope.rowFilter, resourceItems, { path: 'rowFilter' }) : null;
    } catch (err) {
      if (!(err instanceof FilterInvalid)) throw err;
      return { ...base, unusable: 'The grant no longer matches the resource.' };
    }
    return {
      row,
      clientIds: scope.clientIds,
      unusable: null,
      compiled: {
        grantId: row.id,
        resourceId: row.resource_id,
        providerOrgId: row.provider_org_id,
        consumerOrgId: row.consumer_org_id,
        scope,
        masks,
        items,
        resourceItems,
        rowFilter,
        allowedFilterItems: clear,
        keyCodes: resource.doc.items.filter((i) => i.primaryKey).map((i) => i.code),
        activatedAt: row.created_at,
        tolerant: new Map(
          resource.doc.items.filter((i) => i.watermarkTolerant).map((i) => [i.code, { scale: i.scale }]),
        ),
      },
    };
  }
}
