import type { Kysely } from 'kysely';
import type { AnyTx } from '../../kernel/index.js';
import type {
  ObjectionHistoryRow,
  ObjectionRecordRow,
  ObjectionRow,
  ObjectionStatus,
  ObjectionTables,
} from './objections.tables.js';

function q(tx: AnyTx): Kysely<ObjectionTables> {
  return tx as unknown as Kysely<ObjectionTables>;
}

/** Which objections a list shows. */
export interface ObjectionListFilter {
  raiserOrgId?: string;
  providerOrgId?: string;
  /** Either party (an organisation's own view of "all"). */
  partyOrgId?: string;
  status?: ObjectionStatus;
  resourceId?: string;
  limit: number;
  offset: number;
}

/** Objection SQL (both engines). */
export const objectionsRepo = {
  async insert(tx: AnyTx, row: ObjectionRow, records: ObjectionRecordRow[]): Promise<void> {
    await q(tx).insertInto('objections').values(row).execute();
    if (records.length) await q(tx).insertInto('objection_records').values(records).execute();
  },
  async get(tx: AnyTx, id: string): Promise<ObjectionRow | undefined> {
    return q(tx).selectFrom('objections').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async records(tx: AnyTx, id: string): Promise<ObjectionRecordRow[]> {
    return q(tx)
      .selectFrom('objection_records')
      .selectAll()
      .where('objection_id', '=', id)
      .orderBy('ordinal')
      .execute();
  },
  async list(tx: AnyTx, f: ObjectionListFilter): Promise<{ rows: ObjectionRow[]; total: number }> {
    let base = q(tx).selectFrom('objections');
    if (f.raiserOrgId) base = base.where('raiser_org_id', '=', f.raiserOrgId);
    if (f.providerOrgId) base = base.where('provider_org_id', '=', f.providerOrgId);
    if (f.partyOrgId) {
      const org = f.partyOrgId;
      base = base.where((eb) => eb.or([eb('raiser_org_id', '=', org), eb('provider_org_id', '=', org)]));
    }
    if (f.status) base = base.where('status', '=', f.status);
    if (f.resourceId) base = base.where('resource_id', '=', f.resourceId);
    const rows = await base.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
    const count = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return { rows, total: Number(count?.n ?? 0) };
  },
  /** Moves an objection from one of `from`; false when it was not in `from` (a lost race). */
  async update(
    tx: AnyTx,
    id: string,
    from: ObjectionStatus[],
    patch: Partial<ObjectionRow>,
  ): Promise<boolean> {
    const r = await q(tx)
      .updateTable('objections')
      .set(patch)
      .where('id', '=', id)
      .where('status', 'in', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async setCorrectedRev(tx: AnyTx, id: string, ordinal: number, rev: number): Promise<void> {
    await q(tx)
      .updateTable('objection_records')
      .set({ corrected_rev: rev })
      .where('objection_id', '=', id)
      .where('ordinal', '=', ordinal)
      .execute();
  },
  /** Of the given records, those another accepted objection still holds (their flag must stay). */
  async heldElsewhere(
    tx: AnyTx,
    resourceId: string,
    keys: readonly string[],
    exceptId: string,
  ): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = await q(tx)
      .selectFrom('objection_records as r')
      .innerJoin('objections as o', 'o.id', 'r.objection_id')
      .select('r.record_key')
      .where('r.resource_id', '=', resourceId)
      .where('r.record_key', 'in', keys)
      .where('o.status', '=', 'accepted')
      .where('o.id', '<>', exceptId)
      .execute();
    return new Set(rows.map((r) => r.record_key));
  },
  /** Distinct records of a resource corrected through an objection resolved since `sinceIso`. */
  async correctedRecords(tx: AnyTx, resourceId: string, sinceIso: string): Promise<number> {
    const r = await q(tx)
      .selectFrom('objection_records as r')
      .innerJoin('objections as o', 'o.id', 'r.objection_id')
      .select((eb) => eb.fn.count<number | string>('r.record_key').distinct().as('n'))
      .where('r.resource_id', '=', resourceId)
      .where('r.corrected_rev', 'is not', null)
      .where('o.outcome', '=', 'corrected')
      .where('o.resolved_at', '>=', sinceIso)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  /** Open objections past their due time whose running stage has not been escalated yet. */
  async overdue(tx: AnyTx, nowIso: string): Promise<ObjectionRow[]> {
    return q(tx)
      .selectFrom('objections')
      .selectAll()
      .where('status', 'in', ['raised', 'accepted'])
      .where('due_at', '<=', nowIso)
      .where('escalated_at', 'is', null)
      .orderBy('due_at')
      .execute();
  },
  async addHistory(tx: AnyTx, row: ObjectionHistoryRow): Promise<void> {
    await q(tx).insertInto('objection_history').values(row).execute();
  },
  async history(tx: AnyTx, id: string): Promise<ObjectionHistoryRow[]> {
    return q(tx)
      .selectFrom('objection_history')
      .selectAll()
      .where('objection_id', '=', id)
      .orderBy('id')
      .execute();
  },
};
