import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import { listByParty, type PartyListFilter } from './party-list.repository.js';
import type { DemandHistoryRow, DemandRow, DemandStatus, DemandTables } from './demands.tables.js';

function q(tx: AnyTx): Kysely<DemandTables> {
  return tx as unknown as Kysely<DemandTables>;
}

/** Which demands a list shows. */
export type DemandListFilter = PartyListFilter<DemandStatus>;

/** Demand SQL (both engines). */
export const demandsRepo = {
  async insert(tx: AnyTx, row: DemandRow): Promise<void> {
    await q(tx).insertInto('sharing_demands').values(row).execute();
  },
  async get(tx: AnyTx, id: string): Promise<DemandRow | undefined> {
    return q(tx).selectFrom('sharing_demands').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async list(tx: AnyTx, f: DemandListFilter): Promise<{ rows: DemandRow[]; total: number }> {
    return listByParty<DemandRow>(tx, 'sharing_demands', f);
  },
  /** Moves a demand from one of `from`; false when it was not in `from` (a lost race). */
  async update(tx: AnyTx, id: string, from: DemandStatus[], patch: Partial<DemandRow>): Promise<boolean> {
    const r = await q(tx)
      .updateTable('sharing_demands')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Routed demands past their due time that have not been escalated yet. */
  async overdue(tx: AnyTx, nowIso: string): Promise<DemandRow[]> {
    return q(tx)
      .selectFrom('sharing_demands')
      .selectAll()
      .where('status', '=', 'routed')
      .where('due_at', '<=', nowIso)
      .where('escalated_at', 'is', null)
      .orderBy('due_at')
      .execute();
  },
  async addHistory(tx: AnyTx, row: DemandHistoryRow): Promise<void> {
    await q(tx).insertInto('sharing_demand_history').values(row).execute();
  },
  async history(tx: AnyTx, demandId: string): Promise<DemandHistoryRow[]> {
    return q(tx)
      .selectFrom('sharing_demand_history')
      .selectAll()
      .where('demand_id', '=', demandId)
      .orderBy('id')
      .execute();
  },
};
