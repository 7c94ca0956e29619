import { sql, type Kysely } from 'kysely';
import type { AnyTx, Engine } from '../../kernel/index.js';
import type { NodeRef } from './domain/index.js';
import type {
  CheckpointRow,
  CosignatureRow,
  EventRow,
  LeafRow,
  LedgerTables,
  NodeRow,
  NotarisationRow,
  StateRow,
  WitnessRow,
} from './tables.js';

// All SQL of the ledger.

function q(tx: AnyTx): Kysely<LedgerTables> {
  return tx as unknown as Kysely<LedgerTables>;
}

// Multi-row inserts stay under both engines' bound-parameter limits (SQLite 32766, PostgreSQL 65535).
const CHUNK = 500;

/** Ledger SQL. */
export const ledgerRepo = {
  async enqueue(tx: AnyTx, eventId: string): Promise<void> {
    await q(tx).insertInto('ledger_pending').values({ event_id: eventId }).execute();
  },
  /**
   * Takes the sequencer lock for the rest of the transaction, across processes: an advisory lock on
   * PostgreSQL; on SQLite a first write, which takes the database's single write lock at once (a read first
   * could deadlock two processes upgrading their locks).
   */
  async lock(tx: AnyTx, engine: Engine, at: string): Promise<void> {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(727274)`.execute(tx);
    await q(tx).updateTable('ledger_state').set({ updated_at: at }).where('id', '=', 1).execute();
  },
  async state(tx: AnyTx): Promise<StateRow | undefined> {
    return q(tx).selectFrom('ledger_state').selectAll().where('id', '=', 1).executeTakeFirst();
  },
  async initState(tx: AnyTx, row: StateRow): Promise<void> {
    await q(tx)
      .insertInto('ledger_state')
      .values(row)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  },
  async setSize(tx: AnyTx, size: number, at: string): Promise<void> {
    await q(tx).updateTable('ledger_state').set({ size, updated_at: at }).where('id', '=', 1).execute();
  },
  async setQuorum(tx: AnyTx, quorum: number, at: string): Promise<void> {
    await q(tx).updateTable('ledger_state').set({ quorum, updated_at: at }).where('id', '=', 1).execute();
  },
  /** Pending events in insertion order, with their audit rows. */
  async pending(tx: AnyTx, limit: number): Promise<(EventRow & { seq: number })[]> {
    return q(tx)
      .selectFrom('ledger_pending')
      .innerJoin('audit_events', 'audit_events.id', 'ledger_pending.event_id')
      .select([
        'ledger_pending.seq',
        'audit_events.id',
        'audit_events.occurred_at',
        'audit_events.request_id',
        'audit_events.actor_kind',
        'audit_events.actor_id',
        'audit_events.actor_org_id',
        'audit_events.action',
        'audit_events.subject_type',
        'audit_events.subject_id',
        'audit_events.org_id',
        'audit_events.change_digest',
        'audit_events.digest_alg',
        'audit_events.details',
      ])
      .orderBy('ledger_pending.seq')
      .limit(limit)
      .execute();
  },
  async pendingCount(tx: AnyTx): Promise<number> {
    const r = await q(tx)
      .selectFrom('ledger_pending')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  },
  async dropPending(tx: AnyTx, upToSeq: number): Promise<void> {
    await q(tx).deleteFrom('ledger_pending').where('seq', '<=', upToSeq).execute();
  },
  async insertLeaves(tx: AnyTx, rows: LeafRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await q(tx)
        .insertInto('ledger_leaves')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },
  async insertNodes(tx: AnyTx, rows: NodeRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK)
      await q(tx)
        .insertInto('ledger_nodes')
        .values(rows.slice(i, i + CHUNK))
        .execute();
  },
  /** The requested complete-subtree nodes (one query). */
  async nodes(tx: AnyTx, refs: NodeRef[]): Promise<NodeRow[]> {
    if (refs.length === 0) return [];
    return q(tx)
      .selectFrom('ledger_nodes')
      .selectAll()
      .where((eb) => eb.or(refs.map((r) => eb.and([eb('level', '=', r.level), eb('idx', '=', r.index)]))))
      .execute();
  },
  async leaf(tx: AnyTx, idx: number): Promise<LeafRow | undefined> {
    return q(tx).selectFrom('ledger_leaves').selectAll().where('idx', '=', idx).executeTakeFirst();
  },
  async leafByEvent(tx: AnyTx, eventId: string): Promise<LeafRow | undefined> {
    return q(tx).selectFrom('ledger_leaves').selectAll().where('event_id', '=', eventId).executeTakeFirst();
  },
  async leafByHash(tx: AnyTx, hash: Buffer): Promise<LeafRow | undefined> {
    return q(tx)
      .selectFrom('ledger_leaves')
      .selectAll()
      .where('leaf_hash', '=', hash)
      .orderBy('idx')
      .executeTakeFirst();
  },
  async leaves(
    tx: AnyTx,
    f: {
      start: number;
      end: number;
      action?: string;
      orgId?: string;
      from?: string;
      to?: string;
      limit: number;
    },
  ): Promise<LeafRow[]> {
    let query = q(tx)
      .selectFrom('ledger_leaves')
      .selectAll()
      .where('idx', '>=', f.start)
      .where('idx', '<', f.end);
    if (f.action) query = query.where('action', '=', f.action);
    if (f.orgId) query = query.where('org_id', '=', f.orgId);
    if (f.from) query = query.where('occurred_at', '>=', f.from);
    if (f.to) query = query.where('occurred_at', '<', f.to);
    return query.orderBy('idx').limit(f.limit).execute();
  },
  /** Streams leaves in index order in pages (full verification). */
  async leafPage(tx: AnyTx, afterIdx: number, limit: number): Promise<LeafRow[]> {
    return q(tx)
      .selectFrom('ledger_leaves')
      .selectAll()
      .where('idx', '>', afterIdx)
      .orderBy('idx')
      .limit(limit)
      .execute();
  },
  /** Audit events by id (for re-deriving leaves). */
  async events(tx: AnyTx, ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return q(tx)
      .selectFrom('audit_events')
      .select([
        'id',
        'occurred_at',
        'request_id',
        'actor_kind',
        'actor_id',
        'actor_org_id',
        'action',
        'subject_type',
        'subject_id',
        'org_id',
        'change_digest',
        'digest_alg',
        'details',
      ])
      .where('id', 'in', ids)
      .execute();
  },
  async insertCheckpoint(tx: AnyTx, row: CheckpointRow): Promise<void> {
    await q(tx).insertInto('ledger_checkpoints').values(row).execute();
  },
  async latestCheckpoint(tx: AnyTx): Promise<CheckpointRow | undefined> {
    return q(tx)
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
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
      .executeTakeFirst();
  },
  async insertNotarisation(tx: AnyTx, row: NotarisationRow): Promise<void> {
    await q(tx).insertInto('notarisations').values(row).execute();
  },
  async notarisation(tx: AnyTx, id: string): Promise<NotarisationRow | undefined> {
    return q(tx).selectFrom('notarisations').selectAll().where('id', '=', id).executeTakeFirst();
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
