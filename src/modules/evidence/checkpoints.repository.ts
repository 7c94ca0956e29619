import type { AnyTx } from '../../kernel/index.js';
import { first, q } from './ledger-sql.repository.js';
import type { CheckpointRow, CosignatureRow, WitnessRow } from './tables.js';

// Signed checkpoints of the log, the witnesses that cosign them, and their cosignatures.

/** Checkpoints, witnesses and cosignatures (part of ledgerRepo). */
export const checkpointsRepo = {
  async insertCheckpoint(tx: AnyTx, row: CheckpointRow): Promise<void> {
    await q(tx).insertInto('ledger_checkpoints').values(row).execute();
  },
  async latestCheckpoint(tx: AnyTx): Promise<CheckpointRow | undefined> {
    return first<CheckpointRow>(
      tx,
      `select id, size, root_hash, note, created_at from ledger_checkpoints
       order by size desc, created_at desc, id desc limit 1`,
      [],
      true,
    );
  },
  async checkpoint(tx: AnyTx, id: string): Promise<CheckpointRow | undefined> {
    return q(tx).selectFrom('ledger_checkpoints').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async checkpointsOfSize(tx: AnyTx, size: number): Promise<CheckpointRow[]> {
    return q(tx)
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .where('size', '=', size)
      .orderBy('created_at')
      .execute();
  },
  async checkpoints(tx: AnyTx, fromSize: number, limit: number): Promise<CheckpointRow[]> {
    return q(tx)
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .where('size', '>=', fromSize)
      .orderBy('size')
      .orderBy('created_at')
      .limit(limit)
      .execute();
  },
  async allCheckpoints(tx: AnyTx): Promise<CheckpointRow[]> {
    return q(tx).selectFrom('ledger_checkpoints').selectAll().orderBy('size').orderBy('created_at').execute();
  },
  /** The newest checkpoint at least `size` leaves large that carries at least `quorum` cosignatures. */
  async cosignedCheckpoint(tx: AnyTx, size: number, quorum: number): Promise<CheckpointRow | undefined> {
    return q(tx)
      .selectFrom('ledger_checkpoints as c')
      .selectAll('c')
      .where('c.size', '>=', size)
      .where((eb) =>
        eb(
          eb
            .selectFrom('ledger_cosignatures as s')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('s.checkpoint_id', '=', 'c.id'),
          '>=',
          quorum,
        ),
      )
      .orderBy('c.size', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
  async insertWitness(tx: AnyTx, row: WitnessRow): Promise<void> {
    await q(tx).insertInto('ledger_witnesses').values(row).execute();
  },
  async updateWitness(tx: AnyTx, id: string, patch: Partial<WitnessRow>): Promise<void> {
    await q(tx).updateTable('ledger_witnesses').set(patch).where('id', '=', id).execute();
  },
  async witnesses(tx: AnyTx): Promise<WitnessRow[]> {
    return q(tx).selectFrom('ledger_witnesses').selectAll().orderBy('name').execute();
  },
  async witnessByName(tx: AnyTx, name: string): Promise<WitnessRow | undefined> {
    return q(tx).selectFrom('ledger_witnesses').selectAll().where('name', '=', name).executeTakeFirst();
  },
  async insertCosignature(tx: AnyTx, row: CosignatureRow): Promise<void> {
    await q(tx)
      .insertInto('ledger_cosignatures')
      .values(row)
      .onConflict((oc) => oc.columns(['checkpoint_id', 'witness_id']).doNothing())
      .execute();
  },
  async cosignatures(tx: AnyTx, checkpointIds: string[]): Promise<CosignatureRow[]> {
    if (checkpointIds.length === 0) return [];
    return q(tx)
      .selectFrom('ledger_cosignatures')
      .selectAll()
      .where('checkpoint_id', 'in', checkpointIds)
      .orderBy('witness_id')
      .execute();
  },
  /** Each witness's newest cosigned checkpoint size. */
  async lastCosigned(tx: AnyTx): Promise<{ witness_id: string; size: number; signed_at: number }[]> {
    const rows = await q(tx)
      .selectFrom('ledger_cosignatures as s')
      .innerJoin('ledger_checkpoints as c', 'c.id', 's.checkpoint_id')
      .select([
        's.witness_id',
        (eb) => eb.fn.max('c.size').as('size'),
        (eb) => eb.fn.max('s.signed_at').as('signed_at'),
      ])
      .groupBy('s.witness_id')
      .execute();
    return rows.map((r) => ({
      witness_id: r.witness_id,
      size: Number(r.size),
      signed_at: Number(r.signed_at),
    }));
  },
};
