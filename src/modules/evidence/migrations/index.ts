import { sql, type Kysely } from 'kysely';
import { bytesType, tsType, type Engine, type EngineMigration } from '../../../kernel/index.js';
import { LEAF_HASH_PARTITION } from '../leaf-hash-partition.js';

// The ledger's tables. ledger_pending is the small queue between the audit port (written in each change's
// transaction) and the sequencer (PostgreSQL only since 20261129_2200); leaves and complete-subtree nodes are
// append-only; every checkpoint is kept.

/** The evidence module's migrations. */
export const evidenceMigrations: EngineMigration[] = [
  {
    name: '20261129_0700_evidence',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      const ts = tsType(engine);
      const bytes = bytesType(engine) as 'blob';
      const big = engine === 'postgres' ? 'bigint' : 'integer';
      // A monotonic sequence assigned at insert: a transaction that begins after another committed inserts a
      // higher value, which is what the order rule needs (identity on PostgreSQL, rowid on SQLite).
      await db.schema
        .createTable('ledger_pending')
        .addColumn('seq', big, (c) =>
          engine === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .execute();
      await db.schema
        .createTable('ledger_leaves')
        .addColumn('idx', big, (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('leaf', 'text', (c) => c.notNull())
        .addColumn('leaf_hash', bytes, (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('org_id', 'text')
        .addColumn('occurred_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ledger_leaves_action')
        .on('ledger_leaves')
        .columns(['action', 'idx'])
        .execute();
      await db.schema.createIndex('ledger_leaves_hash').on('ledger_leaves').columns(['leaf_hash']).execute();
      await db.schema
        .createTable('ledger_nodes')
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('idx', big, (c) => c.notNull())
        .addColumn('hash', bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_nodes_pk', ['level', 'idx'])
        .execute();
      await db.schema
        .createTable('ledger_checkpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('root_hash', bytes, (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ledger_checkpoints_size')
        .on('ledger_checkpoints')
        .columns(['size'])
        .execute();
      await db.schema
        .createTable('ledger_witnesses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('verifier_key', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('ledger_cosignatures')
        .addColumn('checkpoint_id', 'text', (c) => c.notNull().references('ledger_checkpoints.id'))
        .addColumn('witness_id', 'text', (c) => c.notNull().references('ledger_witnesses.id'))
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('signed_at', big, (c) => c.notNull())
        .addColumn('received_at', ts, (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['checkpoint_id', 'witness_id'])
        .execute();
      await db.schema
        .createTable('ledger_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('hash_alg', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('size', big, (c) => c.notNull())
        .addColumn('quorum', 'integer', (c) => c.notNull())
        .addColumn('updated_at', ts, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notarisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().unique())
        .addColumn('digest_alg', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('title', 'text')
        .addColumn('metadata', 'text', (c) => c.notNull())
        .addColumn('size_bytes', big)
        .addColumn('org_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', ts, (c) => c.notNull())
        .execute();
      // Leaves and nodes are append-only like the audit trail (the operator can still bypass triggers — that is
      // what checkpoints and witnesses are for — but nothing in the platform can rewrite them by accident).
      for (const table of ['ledger_leaves', 'ledger_nodes']) {
        if (engine === 'postgres') {
          await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
            FOR EACH ROW EXECUTE FUNCTION orderly_append_only()`.execute(db);
        } else {
          await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
            BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
          await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
            BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
        }
      }
    },
  },
  {
    // The leaf-hash lookup (proofs by leafHash) keyed by the hash's first 8 bytes instead of all 32. Leaf hashes
    // are random, so every sequenced leaf lands on a random page of this index: a key a quarter as long makes the
    // index about a third of the size, so a sequencing round dirties (and writes to the WAL) fewer pages. The
    // lookup compares the full hash on the few rows that share a prefix. substr() on bytes is the same
    // expression on both engines (SQLite: blob bytes; PostgreSQL: substr(bytea, int, int)).
    name: '20261129_1400_evidence_leaf_hash_prefix',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>) {
      await db.schema.dropIndex('ledger_leaves_hash').execute();
      await sql`CREATE INDEX ledger_leaves_hash_prefix ON ledger_leaves (substr(leaf_hash, 1, 8))`.execute(
        db,
      );
    },
  },
  {
    // Fewer rows per appended event (issue 4 §9, batched appends):
    // - SQLite drops the sequencer's queue. Its single writer hands out audit_events rowids in commit order, so the
    //   sequencer reads the events after the last sequenced one directly (ledgerRepo.takePending); the queue row,
    //   its unique index entry and its later delete are spared per event. Events still queued here are exactly
    //   the audit events after the last leaf's (queue and rowid order were the same insert order), so they are
    //   sequenced as before. PostgreSQL keeps its queue: concurrent writers there take sequence numbers out of
    //   commit order.
    // - Level 0 of the tree (the leaf hashes) is no longer stored a second time as node rows: proofs read it from
    //   ledger_leaves (ledgerRepo.nodes). On SQLite the upper levels move to a WITHOUT ROWID table keyed by
    //   (level, idx), one b-tree instead of a rowid table plus the primary key's index; old level-0 rows are left
    //   behind in the copy. PostgreSQL keeps its table (and old level-0 rows, which nothing reads any more).
    name: '20261129_2200_evidence_fewer_rows',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      if (engine !== 'sqlite') return;
      await sql`DROP TABLE ledger_pending`.execute(db);
      await sql`CREATE TABLE ledger_nodes_v2 (level integer NOT NULL, idx integer NOT NULL, hash blob NOT NULL,
        PRIMARY KEY (level, idx)) WITHOUT ROWID`.execute(db);
      await sql`INSERT INTO ledger_nodes_v2 (level, idx, hash)
        SELECT level, idx, hash FROM ledger_nodes WHERE level > 0 ORDER BY level, idx`.execute(db);
      await sql`DROP TABLE ledger_nodes`.execute(db);
      await sql`ALTER TABLE ledger_nodes_v2 RENAME TO ledger_nodes`.execute(db);
      await sql`CREATE TRIGGER ledger_nodes_no_update BEFORE UPDATE ON ledger_nodes
        BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
      await sql`CREATE TRIGGER ledger_nodes_no_delete BEFORE DELETE ON ledger_nodes
        BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
    },
  },
  {
    // The leaf-hash lookup index partitioned by index range: (idx / 4096, first 8 bytes of the hash) instead of the
    // prefix alone. Leaf hashes are random, so under the prefix index every appended leaf dirtied a random page of
    // an index that grows with the log (a 1,000-event batch wrote a page per event to the WAL once the index had
    // more pages than the batch had events: about 900 of the 4,100 bytes SQLite wrote per appended event at 90,000
    // leaves, and more as the log grows). Partitioned, a batch's entries land in the newest partition or two —
    // about 25 pages, whatever the log's size. A lookup by hash seeks each partition (leavesRepo.leafByHash):
    // 245 seeks at 1,000,000 leaves.
    name: '20261130_0200_evidence_leaf_hash_partitions',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>) {
      await db.schema.dropIndex('ledger_leaves_hash_prefix').execute();
      await sql`CREATE INDEX ledger_leaves_hash_part ON ledger_leaves (
        (idx / ${sql.raw(String(LEAF_HASH_PARTITION))}), substr(leaf_hash, 1, 8))`.execute(db);
    },
  },
  {
    // Leaner leaves (issue 4 §9): a leaf row keeps its index, its audit event and its hash. The leaf text — the
    // RFC 8785 form of the event at that index (event-leaf.ts), about half of the bytes written per appended event
    // — and the copies of the event's action, organisation and time (with the action index) are dropped: the text
    // is derived from the event wherever it is served (entries, receipts) or verified, exactly as the sequencer
    // derived it, and listings filter through the event's own columns. Nothing is lost: every stored text was
    // that derivation (full verification compared them), and the hash — what the tree commits to — stays.
    // SQLite rebuilds the table (one rewrite, instead of one per dropped column); PostgreSQL drops the columns.
    name: '20261130_0300_evidence_lean_leaves',
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    async up(db: Kysely<{}>, engine: Engine) {
      await db.schema.dropIndex('ledger_leaves_action').execute();
      if (engine === 'postgres') {
        await sql`ALTER TABLE ledger_leaves DROP COLUMN leaf, DROP COLUMN action, DROP COLUMN org_id,
          DROP COLUMN occurred_at`.execute(db);
        return;
      }
      await sql`CREATE TABLE ledger_leaves_v2 (idx integer PRIMARY KEY, event_id text NOT NULL UNIQUE,
        leaf_hash blob NOT NULL)`.execute(db);
      await sql`INSERT INTO ledger_leaves_v2 (idx, event_id, leaf_hash)
        SELECT idx, event_id, leaf_hash FROM ledger_leaves ORDER BY idx`.execute(db);
      await sql`DROP TABLE ledger_leaves`.execute(db);
      await sql`ALTER TABLE ledger_leaves_v2 RENAME TO ledger_leaves`.execute(db);
      await sql`CREATE INDEX ledger_leaves_hash_part ON ledger_leaves (
        (idx / ${sql.raw(String(LEAF_HASH_PARTITION))}), substr(leaf_hash, 1, 8))`.execute(db);
      await sql`CREATE TRIGGER ledger_leaves_no_update BEFORE UPDATE ON ledger_leaves
        BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
      await sql`CREATE TRIGGER ledger_leaves_no_delete BEFORE DELETE ON ledger_leaves
        BEGIN SELECT RAISE(ABORT, 'ledger rows are append-only'); END`.execute(db);
    },
  },
];
