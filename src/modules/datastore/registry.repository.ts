import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type { DataKeyRow, DatastoreTables, DataTableRow } from './tables.js';

function q(tx: AnyTx): Kysely<DatastoreTables> {
  return tx as unknown as Kysely<DatastoreTables>;
}

/** SQL of the data store's registry (which table serves a resource, and its wrapped keys). */
export const registryRepo = {
  async table(tx: AnyTx, resourceId: string): Promise<DataTableRow | undefined> {
    return q(tx)
      .selectFrom('datastore_tables')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .executeTakeFirst();
  },
  async insertTable(tx: AnyTx, row: DataTableRow): Promise<void> {
    await q(tx).insertInto('datastore_tables').values(row).execute();
  },
  async updateTable(tx: AnyTx, resourceId: string, patch: Partial<DataTableRow>): Promise<void> {
    await q(tx).updateTable('datastore_tables').set(patch).where('resource_id', '=', resourceId).execute();
  },
  async tables(tx: AnyTx): Promise<DataTableRow[]> {
    return q(tx).selectFrom('datastore_tables').selectAll().orderBy('code').execute();
  },
  async keys(tx: AnyTx, resourceId: string): Promise<DataKeyRow[]> {
    return q(tx)
      .selectFrom('datastore_keys')
      .selectAll()
      .where('resource_id', '=', resourceId)
      .orderBy('kind')
      .orderBy('version')
      .execute();
  },
  async allKeys(tx: AnyTx): Promise<DataKeyRow[]> {
    return q(tx).selectFrom('datastore_keys').selectAll().execute();
  },
  async insertKey(tx: AnyTx, row: DataKeyRow): Promise<void> {
    await q(tx).insertInto('datastore_keys').values(row).execute();
  },
  async rewrap(
    tx: AnyTx,
    row: Pick<DataKeyRow, 'resource_id' | 'kind' | 'version' | 'wrapped' | 'master_id'>,
  ) {
    await q(tx)
      .updateTable('datastore_keys')
      .set({ wrapped: row.wrapped, master_id: row.master_id })
      .where('resource_id', '=', row.resource_id)
      .where('kind', '=', row.kind)
      .where('version', '=', row.version)
      .execute();
  },
  async retireKeys(tx: AnyTx, resourceId: string, kind: string, at: string): Promise<void> {
    await q(tx)
      .updateTable('datastore_keys')
      .set({ retired_at: at })
      .where('resource_id', '=', resourceId)
      .where('kind', '=', kind)
      .where('retired_at', 'is', null)
      .execute();
  },
};
