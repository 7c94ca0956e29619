import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';

// All SQL about packages.

/** A package row as stored. */
export interface PackageRow {
  id: string;
  grant_id: string;
  resource_id: string;
  consumer_org_id: string;
  provider_org_id: string;
  requester_kind: 'client' | 'user';
  requester_id: string;
  /** csv / ndjson: a table package; files: a package of a file resource's files. */
  format: 'csv' | 'ndjson' | 'files';
  /** JSON array of item codes. */
  fields: string;
  /** JSON of the consumer's filter, or null. */
  filter: string | null;
  status: 'queued' | 'building' | 'ready' | 'failed';
  rows: number | null;
  bytes: number | null;
  file_sha256: string | null;
  manifest: string | null;
  error: string | null;
  created_at: string;
  ready_at: string | null;
  expires_at: string | null;
}

interface Tables {
  exchange_packages: PackageRow;
}

function q(tx: AnyTx): Kysely<Tables> {
  return tx as unknown as Kysely<Tables>;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function normal(r: PackageRow): PackageRow {
  return { ...r, rows: num(r.rows), bytes: num(r.bytes) };
}

/** Package SQL. */
export const packagesRepo = {
  async insert(tx: AnyTx, row: PackageRow): Promise<void> {
    await q(tx).insertInto('exchange_packages').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<PackageRow | undefined> {
    const r = await q(tx).selectFrom('exchange_packages').selectAll().where('id', '=', id).executeTakeFirst();
    return r && normal(r);
  },
  async update(tx: AnyTx, id: string, patch: Partial<PackageRow>): Promise<void> {
    await q(tx).updateTable('exchange_packages').set(patch).where('id', '=', id).execute();
  },
  /** Newest first, for one consumer organisation (optionally one grant). */
  async list(
    tx: AnyTx,
    consumerOrgId: string,
    grantId: string | undefined,
    limit: number,
  ): Promise<PackageRow[]> {
    let query = q(tx)
      .selectFrom('exchange_packages')
      .selectAll()
      .where('consumer_org_id', '=', consumerOrgId);
    if (grantId) query = query.where('grant_id', '=', grantId);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(normal);
  },
};
