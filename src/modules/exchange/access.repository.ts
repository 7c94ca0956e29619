import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';

/** One recorded access (a page read or a verification call). */
export interface AccessRow {
  event_id: string;
  at: string;
  grant_id: string;
  resource_id: string;
  provider_org_id: string;
  consumer_org_id: string;
  method: 'records' | 'verify' | 'changes' | 'push' | 'package';
  caller_kind: string;
  caller_id: string;
  case_id: string | null;
  user_ref: string | null;
  fields: string;
  rows: number;
  subjects: number;
}

interface AccessTables {
  exchange_access: AccessRow;
}

function q(tx: AnyTx): Kysely<AccessTables> {
  return tx as unknown as Kysely<AccessTables>;
}

/** Which accesses a list shows. */
export interface AccessFilter {
  providerOrgId?: string;
  consumerOrgId?: string;
  grantId?: string;
  /** Only accesses strictly before this event id (UUIDv7: time order), for paging back. */
  before?: string;
  limit: number;
}

/** The access index SQL. */
export const accessRepo = {
  async insert(tx: AnyTx, row: AccessRow): Promise<void> {
    await q(tx).insertInto('exchange_access').values(row).execute();
  },
  /** Many rows in as few statements as the engines' parameter limits allow (15 per row). */
  async insertMany(tx: AnyTx, rows: readonly AccessRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await q(tx)
        .insertInto('exchange_access')
        .values(rows.slice(i, i + 500))
        .execute();
  },
  async list(tx: AnyTx, f: AccessFilter): Promise<AccessRow[]> {
    let s = q(tx).selectFrom('exchange_access').selectAll();
    if (f.providerOrgId) s = s.where('provider_org_id', '=', f.providerOrgId);
    if (f.consumerOrgId) s = s.where('consumer_org_id', '=', f.consumerOrgId);
    if (f.grantId) s = s.where('grant_id', '=', f.grantId);
    if (f.before) s = s.where('event_id', '<', f.before);
    return s.orderBy('event_id', 'desc').limit(f.limit).execute();
  },
};
