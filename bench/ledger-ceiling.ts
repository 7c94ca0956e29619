import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { AUDIT_EVENT_COLUMNS, newId } from '../src/kernel/index.js';
import { benchPlatform, rawConnection } from './engines.js';

// The schema's ceiling for batched appends on SQLite: the rows a batched append writes — per event its audit row,
// its salt, its leaf (index, event id, hash) and the tree nodes it completes — inserted with nothing of the
// platform around them: better-sqlite3's prepared statements in transactions of `perTx` events, rows made before
// the clock starts, into a fresh database that the platform migrated (so the same tables, indexes and triggers).
// No code can append faster than its rows can be written, so this is the most the platform's batched append could
// reach on the host, whatever its code does; the run prints it beside the raw insert (ledger.ts). The same for a
// single-event change (singleRate): its audit row and salt committed in a transaction of their own — what every
// audited change commits — without the query builder, the digest or the sequencer's later work on its leaf.

/** A migrated SQLite database of its own, and the rate of the append's rows written straight into it. */
export interface SchemaCeiling {
  /** Events per second, `perTx` events per transaction, over about `seconds` of insert time. */
  rate(perTx: number, seconds: number): number;
  /**
   * Events per second of a single-event change's own rows — its audit row and salt, one transaction each — over
   * about `seconds`. Its leaf and nodes are left out: the sequencer writes them later, many events at a time.
   */
  singleRate(seconds: number): number;
  close(): Promise<void>;
}

export async function sqliteSchemaCeiling(): Promise<SchemaCeiling> {
  const b = await benchPlatform('sqlite');
  // Only the schema is wanted: the platform is closed, its files stay until close().
  await b.platform.close();
  const c = await rawConnection(b);
  if (c.engine !== 'sqlite') throw new Error('unreachable');
  const db = c.sqlite;
  const insEvent = db.prepare(
    `insert into audit_events (${AUDIT_EVENT_COLUMNS.join(', ')}) values (${AUDIT_EVENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  const insSalt = db.prepare('insert into audit_salts (event_id, salt) values (?, ?)');
  const insLeaf = db.prepare('insert into ledger_leaves (idx, event_id, leaf_hash) values (?, ?, ?)');
  const insNode = db.prepare('insert into ledger_nodes (level, idx, hash) values (?, ?, ?)');
  const org = newId();
  let next = 0;

  interface Rows {
    event: unknown[];
    salt: unknown[];
    leaf: [number, string, Buffer];
  }
  const makeRows = (n: number): Rows[] =>
    Array.from({ length: n }, () => {
      const i = next++;
      const id = newId();
      const event = [
        id,
        new Date().toISOString(),
        newId(),
        'system',
        'bench',
        null,
        i % 4 === 0 ? 'bench.record.create' : 'bench.record.update',
        'bench.record',
        `rec-${i}`,
        org,
        randomBytes(32).toString('hex'),
        'sha256',
        `{"fields":2,"n":${i}}`,
      ];
      return {
        event,
        salt: [id, randomBytes(16).toString('hex')],
        leaf: [i, id, createHash('sha256').update(id).digest()],
      };
    });
  const write = db.transaction((rows: Rows[]) => {
    for (const r of rows) insSalt.run(r.salt);
    for (const r of rows) insEvent.run(r.event);
    for (const r of rows) insLeaf.run(r.leaf);
    // Leaf i completes the subtrees of 2, 4, 8, … leaves that end at it (one node an event on average).
    for (const { leaf } of rows) {
      for (let level = 1, size = 2; (leaf[0] + 1) % size === 0; level++, size *= 2) {
        insNode.run(level, (leaf[0] + 1) / size - 1, leaf[2]);
      }
    }
  });
  const writeOne = db.transaction((r: Rows) => {
    insSalt.run(r.salt);
    insEvent.run(r.event);
  });
  return {
    rate(perTx, seconds) {
      let n = 0;
      let busy = 0;
      while (busy < seconds * 1000 || n < 3 * perTx) {
        const rows = makeRows(perTx);
        const t = performance.now();
        write(rows);
        busy += performance.now() - t;
        n += perTx;
      }
      return (n * 1000) / busy;
    },
    singleRate(seconds) {
      let n = 0;
      let busy = 0;
      while (busy < seconds * 1000 || n < 3) {
        // Rows made a hundred at a time, outside the clock, as in rate().
        for (const r of makeRows(100)) {
          const t = performance.now();
          writeOne(r);
          busy += performance.now() - t;
          n++;
        }
      }
      return (n * 1000) / busy;
    },
    async close() {
      await c.close();
      fs.rmSync(b.dataDir, { recursive: true, force: true });
    },
  };
}
