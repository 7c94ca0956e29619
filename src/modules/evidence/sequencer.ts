import type { AnyTx, Engine } from '../../kernel/index.js';
import {
  newNodesForBatch,
  perfectSubtrees,
  treeHasher,
  type LogHashAlg,
  type NodeRef,
  type SubtreeSource,
  type TreeHasher,
} from './domain/index.js';
import { leafTextHash, leafTexts } from './leaf-text.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import type { EventRow, LeafRow, NodeRow } from './tables.js';

// Sequencing: turning audit events into leaves with gapless indices and storing the complete-subtree nodes they
// finish. The background sequencer (Ledger.tick) takes the events waiting for the log; a large batch of the audit
// port is appended in its own transaction instead (sequenceBatch), which spares writing, reading back and
// removing a queue entry per event and a second commit.

/** Events per statement run (see sequencePending). */
const SEQUENCE_RUN = 1000;

/** Complete-subtree nodes fetched for one computation. */
export class FetchedNodes implements SubtreeSource {
  private readonly map = new Map<string, Buffer>();
  constructor(rows: NodeRow[]) {
    for (const r of rows) this.map.set(`${r.level}/${r.idx}`, r.hash);
  }
  /** The hash of a node; a missing node means the store is corrupt. */
  hashAt(level: number, index: number): Buffer {
    const h = this.map.get(`${level}/${index}`);
    if (!h) throw new Error(`ledger node ${level}/${index} is missing`);
    return h;
  }
}

/** Fetches the nodes a computation needs (one query) as a source. */
export async function fetchNodes(tx: AnyTx, refs: NodeRef[]): Promise<FetchedNodes> {
  return new FetchedNodes(await repo.nodes(tx, refs));
}

/**
 * Sequences up to `limit` waiting events as leaves from index `size` on (the caller holds the sequencer lock);
 * returns how many. A round is taken in runs of SEQUENCE_RUN, each run read, hashed and written before the next
 * is read: the same rows and order as one big run, but only one run's rows are alive at a time. With 10,000
 * events in flight the young generation overflowed and the garbage collector copied and promoted them (the
 * collector took a sixth of a batched-append profile); a later run simply sees the waiting events as of its own
 * statement, as the next round would (the order rule holds: see ledgerRepo.takePending).
 */
export async function sequencePending(
  tx: AnyTx,
  engine: Engine,
  h: TreeHasher,
  size: number,
  limit: number,
): Promise<number> {
  // SQLite reads the audit events after the last sequenced one (no queue: see takePending); each run moves on
  // from the last event the previous run took.
  let after = engine === 'sqlite' ? await repo.lastSequencedRowid(tx, size - 1) : 0;
  let done = 0;
  while (done < limit) {
    const want = Math.min(SEQUENCE_RUN, limit - done);
    const events = await repo.takePending(tx, engine, want, after);
    if (events.length) await appendLeaves(tx, engine, h, size + done, events);
    done += events.length;
    // Fewer than asked for: nothing more waits as of this run's statement.
    if (events.length < want) break;
    after = Number(events[events.length - 1]!.seq);
  }
  return done;
}

/** Stores events as leaves from index `size` on, with the complete-subtree nodes they finish. */
async function appendLeaves(
  tx: AnyTx,
  engine: Engine,
  h: TreeHasher,
  size: number,
  events: readonly EventRow[],
): Promise<void> {
  const { leaves, hashes } = leafRows(h, size, events);
  const nodes = await finishedNodes(tx, h, size, hashes);
  await repo.insertLeaves(tx, engine, leaves);
  await repo.insertNodes(tx, engine, nodes);
}

/**
 * The leaf rows of events at indices from `size` on, and their leaf hashes (`detailsCanonical`: see leafTexts —
 * true only for the events of sequenceBatch, which the audit port has just made).
 */
function leafRows(
  h: TreeHasher,
  size: number,
  events: readonly EventRow[],
  detailsCanonical = false,
): { leaves: LeafRow[]; hashes: Buffer[] } {
  const leaves = new Array<LeafRow>(events.length);
  const hashes = new Array<Buffer>(events.length);
  const texts = leafTexts(size, events, detailsCanonical);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const leaf = texts[i]!;
    const hash = leafTextHash(h, leaf);
    hashes[i] = hash;
    // Only the hash is stored: the leaf is the event's canonical form at this index, derived again where read.
    leaves[i] = { idx: size + i, event_id: e.id, leaf_hash: hash };
  }
  return { leaves, hashes };
}

/** The node rows that leaf hashes appended from index `size` on complete, for storing. */
async function finishedNodes(
  tx: AnyTx,
  h: TreeHasher,
  size: number,
  hashes: readonly Buffer[],
): Promise<NodeRow[]> {
  const nodes = newNodesForBatch(await fetchNodes(tx, perfectSubtrees(size)), h, size, hashes);
  // Level 0 is the leaf hashes, already stored with the leaves (repo.nodes reads them there).
  const rows: NodeRow[] = [];
  for (const n of nodes) if (n.level > 0) rows.push({ level: n.level, idx: n.index, hash: n.hash });
  return rows;
}

/**
 * Writes a batch of audit events (`write`, which must insert exactly `events` — rows the audit port has just made,
 * so their details are in RFC 8785 form — in order, and queue none of them) and appends them to the log in the same
 * transaction, after every event that was waiting: the order rule holds because the sequencer lock is held from
 * before the events are written until the transaction ends, and everything committed before it was taken is
 * sequenced first. Returns false — having written nothing — when the lock is busy (PostgreSQL: another transaction
 * holds it; waiting could deadlock with locks the caller holds) or the log is not initialised; the caller then
 * queues the events for the background sequencer as usual.
 *
 * The batch's statements are sent without waiting for each other: on PostgreSQL a transaction's statements
 * queue on its connection, so the server inserts the events while this thread derives and hashes their leaves
 * (a batched append was otherwise idle here for half its time, waiting for the server, and the server for it).
 * None of them reads what another writes: the leaves and nodes need only the nodes stored before the batch.
 */
export async function sequenceBatch(
  tx: AnyTx,
  engine: Engine,
  at: string,
  events: readonly EventRow[],
  write: () => Promise<void>,
): Promise<boolean> {
  const state = await repo.tryLock(tx, engine, at);
  if (!state) return false;
  const h = treeHasher(state.hash_alg as LogHashAlg);
  let size = state.size;
  for (;;) {
    const n = await sequencePending(tx, engine, h, size, 10 * SEQUENCE_RUN);
    size += n;
    if (n < 10 * SEQUENCE_RUN) break;
  }
  const sent: Promise<unknown>[] = [];
  // The first failure to arrive is the cause: statements run in the order they reach the connection, and those
  // after a failed one fail only because the transaction is aborted (PostgreSQL).
  let cause: { error: unknown } | null = null;
  const send = (p: Promise<unknown>) => {
    p.catch((error: unknown) => (cause ??= { error }));
    sent.push(p);
  };
  try {
    send(write());
    // Leaf texts are made, hashed and sent in runs, so only one run's texts are alive at a time (see
    // sequencePending); the nodes need every hash of the batch and only nodes stored before it.
    const hashes: Buffer[] = [];
    for (let i = 0; i < events.length; i += SEQUENCE_RUN) {
      const run = leafRows(h, size + i, events.slice(i, i + SEQUENCE_RUN), true);
      send(repo.insertLeaves(tx, engine, run.leaves));
      for (const x of run.hashes) hashes.push(x);
    }
    send(finishedNodes(tx, h, size, hashes).then((nodes) => repo.insertNodes(tx, engine, nodes)));
    send(repo.setSize(tx, size + events.length, at));
  } finally {
    // Never leave a statement running unobserved, even if deriving the leaves threw.
    await Promise.allSettled(sent);
  }
  if (cause) throw (cause as { error: unknown }).error;
  return true;
}
