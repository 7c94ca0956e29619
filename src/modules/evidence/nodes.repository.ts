import { CompiledQuery } from 'kysely';
import { preparedOnPostgres, type AnyTx, type Engine } from '../../kernel/index.js';
import type { NodeRef } from './domain/index.js';
import { bulkInsert, type BulkColumn } from './bulk-insert.repository.js';
import { engineOf } from './ledger-sql.repository.js';
import type { NodeRow } from './tables.js';

// The Merkle tree's stored nodes: written by the sequencer, read (with the leaf hashes as level 0) for proofs and
// for sequencing.

const NODE_COLUMNS: readonly BulkColumn[] = [
  { name: 'level', pg: 'integer' },
  { name: 'idx', pg: 'bigint' },
  { name: 'hash', pg: 'bytea' },
];

// PostgreSQL's node reads for proofs: the wanted coordinates as one row-valued IN over two arrays — it plans in a
// fraction of the time of a long OR, and measured about a quarter faster than joining the unnested arrays; the
// level-0 branch (leaf hashes) only when wanted, as planning an unused one cost a round trip's worth of time on a
// busy server. Fixed texts, run as prepared statements (the kernel's preparedOnPostgres): parsing and planning
// were about a third of a proof's two reads.
const PG_UPPER = `select level, idx, hash from ledger_nodes
          where (level, idx) in (select * from unnest($1::integer[], $2::bigint[]))`;
const pgLevel0 = (n: number) =>
  `select 0 as level, idx, leaf_hash as hash from ledger_leaves where idx = any($${n}::bigint[])`;
const PG_UPPER_LEVELS = preparedOnPostgres(`select level, idx, hash from ledger_nodes
  where level >= $1 order by level desc, idx desc limit $2`);
const PG_NODES = {
  upper: preparedOnPostgres(PG_UPPER),
  level0: preparedOnPostgres(pgLevel0(1)),
  both: preparedOnPostgres(`${PG_UPPER} union all ${pgLevel0(3)}`),
};

/** The nodes' SQL (part of ledgerRepo). */
export const nodesRepo = {
  async insertNodes(tx: AnyTx, engine: Engine, rows: readonly NodeRow[]): Promise<void> {
    await bulkInsert(
      tx,
      engine,
      'ledger_nodes',
      NODE_COLUMNS,
      rows.map((r) => [r.level, r.idx, r.hash]),
    );
  },
  /**
   * The stored nodes at or above `minLevel`, the highest levels first, at most `limit` of them (the proofs'
   * upper-node cache fills from this: one range scan of the primary key).
   */
  async upperNodes(tx: AnyTx, minLevel: number, limit: number): Promise<NodeRow[]> {
    const text =
      engineOf(tx) === 'postgres'
        ? PG_UPPER_LEVELS
        : 'select level, idx, hash from ledger_nodes where level >= ? order by level desc, idx desc limit ?';
    return (await tx.executeQuery<NodeRow>(CompiledQuery.raw(text, [minLevel, limit]))).rows;
  },
  /**
   * The requested complete-subtree nodes (one query). Level 0 — the leaf hashes — is read from the leaves, which
   * store it anyway: since migration 20261129_2200 the sequencer no longer writes a second copy as a node row
   * (older logs still hold such rows; they are ignored).
   */
  async nodes(tx: AnyTx, refs: NodeRef[]): Promise<NodeRow[]> {
    if (refs.length === 0) return [];
    const upper = refs.filter((r) => r.level > 0);
    const leaves = refs.filter((r) => r.level === 0).map((r) => r.index);
    if (engineOf(tx) === 'postgres') {
      // The wanted coordinates as one row-valued IN over two arrays (see PG_NODES), each branch only when wanted.
      const params: unknown[] = [];
      if (upper.length)
        params.push(
          upper.map((x) => x.level),
          upper.map((x) => x.index),
        );
      if (leaves.length) params.push(leaves);
      const text = upper.length ? (leaves.length ? PG_NODES.both : PG_NODES.upper) : PG_NODES.level0;
      return (await tx.executeQuery<NodeRow>(CompiledQuery.raw(text, params))).rows;
    }
    const parts: string[] = [];
    const params: number[] = [];
    if (upper.length) {
      parts.push(
        `select level, idx, hash from ledger_nodes where ${upper.map(() => '(level = ? and idx = ?)').join(' or ')}`,
      );
      for (const r of upper) params.push(r.level, r.index);
    }
    if (leaves.length) {
      parts.push(
        `select 0 as level, idx, leaf_hash as hash from ledger_leaves where idx in (${leaves.map(() => '?').join(',')})`,
      );
      params.push(...leaves);
    }
    return (await tx.executeQuery<NodeRow>(CompiledQuery.raw(parts.join(' union all '), params))).rows;
  },
};
