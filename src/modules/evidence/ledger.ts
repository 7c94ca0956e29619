import {
  newId,
  systemContext,
  type AnyTx,
  type Clock,
  type Db,
  type Logger,
  type PlatformKeyring,
} from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import {
  consistencyProof,
  consistencyProofRefs,
  formatCheckpoint,
  logOrigin,
  noteSigner,
  perfectSubtrees,
  rootOf,
  signNote,
  treeHasher,
  verifyConsistency,
  type LogHashAlg,
  type TreeHasher,
} from './domain/index.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import { fetchNodes, sequencePending } from './sequencer.js';
import type { CheckpointRow, StateRow } from './tables.js';

// The background sequencer and checkpointer. One transaction under the ledger lock (safe across processes) takes
// the events waiting for the log in commit order, gives them the next gapless leaf indices, stores leaves and the
// complete-subtree nodes they finish (sequencer.ts), and — at most every `checkpointIntervalMs` while the tree
// grew — signs a checkpoint after checking it is consistent with the previous one. Large batches of the audit
// port are sequenced in their own transaction instead (sequencer.ts: sequenceBatch); this signs them.

/** Ledger settings. */
export interface LedgerOptions {
  /** Log name; the checkpoint origin is this (plus '/sm3' for an SM3 log). */
  name: string;
  /** Hash of a new log (an existing log keeps the one it was created with). */
  hashAlg: LogHashAlg;
  /** Minimum time between checkpoints while leaves arrive (default 1000 ms; 0 = every tick). */
  checkpointIntervalMs?: number;
  /** Sequencer polling interval (default 200 ms). */
  tickMs?: number;
  /** Events per sequencing transaction (default 10,000). */
  batch?: number;
  logger?: Logger;
}

/** Dependencies of the ledger engine. */
export interface LedgerDeps {
  db: Db;
  clock: Clock;
  keyring: PlatformKeyring;
  alerts: Pick<AlertsService, 'raise'>;
}

/** The sequencer and checkpointer of the platform's log. */
export class Ledger {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private state: StateRow | undefined;

  constructor(
    private readonly deps: LedgerDeps,
    private readonly opts: LedgerOptions,
  ) {}

  /** Creates the log's state row on first use; afterwards the hash and origin never change. */
  async init(): Promise<StateRow> {
    const now = this.deps.clock.now().toISOString();
    await repo.initState(this.deps.db.kysely, {
      id: 1,
      hash_alg: this.opts.hashAlg,
      origin: logOrigin(this.opts.name, this.opts.hashAlg),
      size: 0,
      quorum: 1,
      updated_at: now,
    });
    this.state = await repo.state(this.deps.db.kysely);
    return this.state!;
  }

  /** The log's origin line and hash. */
  async info(): Promise<{ origin: string; hashAlg: LogHashAlg; hasher: TreeHasher }> {
    const s = this.state ?? (await this.init());
    const hashAlg = s.hash_alg as LogHashAlg;
    return { origin: s.origin, hashAlg, hasher: treeHasher(hashAlg) };
  }

  /** One round: sequence queued events and, if due, sign a checkpoint. Returns what it did. */
  async tick(force = false): Promise<{ sequenced: number; checkpoint: CheckpointRow | null }> {
    const { origin, hasher } = await this.info();
    const engine = this.deps.db.engine;
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const now = this.deps.clock.now();
      const state = (await repo.lock(tx, engine, now.toISOString()))!;
      const sequenced = await sequencePending(tx, engine, hasher, state.size, this.opts.batch ?? 10_000);
      const size = state.size + sequenced;
      if (sequenced) await repo.setSize(tx, size, now.toISOString());
      const latest = await repo.latestCheckpoint(tx);
      const interval = this.opts.checkpointIntervalMs ?? 1000;
      const due =
        !latest ||
        (size > latest.size && (force || now.getTime() - new Date(latest.created_at).getTime() >= interval));
      const checkpoint = due ? await this.sign(tx, hasher, origin, size, latest) : null;
      return { sequenced, checkpoint };
    });
  }

  /** Sequences everything queued and signs a checkpoint now (notarisation waits for this). */
  async flush(): Promise<CheckpointRow | null> {
    let last: CheckpointRow | null = null;
    for (;;) {
      const r = await this.tick(true);
      if (r.checkpoint) last = r.checkpoint;
      if (r.sequenced < (this.opts.batch ?? 10_000)) return last;
    }
  }

  /** How many events wait to be sequenced. */
  async pending(): Promise<number> {
    const db = this.deps.db.kysely;
    const state = await repo.state(db);
    return repo.pendingCount(db, this.deps.db.engine, Number(state?.size ?? 0));
  }

  /** Starts the background sequencer. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      try {
        let r;
        do r = await this.tick();
        while (!this.stopped && r.sequenced >= (this.opts.batch ?? 10_000));
      } catch (e) {
        this.opts.logger?.error({ err: e }, 'ledger sequencer failed');
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => {
          this.running = loop();
        }, this.opts.tickMs ?? 200);
      }
    };
    this.running = loop();
  }

  /** Stops the background sequencer after its current round. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async sign(
    tx: AnyTx,
    h: TreeHasher,
    origin: string,
    size: number,
    previous: CheckpointRow | undefined,
  ): Promise<CheckpointRow | null> {
    // One read serves the root and the consistency proof from the previous checkpoint.
    const proofRefs = previous && previous.size > 0 ? consistencyProofRefs(previous.size, size) : [];
    const src = await fetchNodes(tx, [...perfectSubtrees(size), ...proofRefs]);
    const root = rootOf(src, h, size);
    if (previous && previous.size > 0) {
      // Never sign a tree that does not extend what was signed before: that is a rewrite (or a corrupt store).
      const proof = consistencyProof(src, h, previous.size, size);
      const consistent =
        previous.size === size
          ? previous.root_hash.equals(root)
          : verifyConsistency(h, previous.size, size, previous.root_hash, root, proof);
      if (!consistent) {
        await this.deps.alerts.raise(tx, systemContext('ledger', newId()), {
          severity: 'critical',
          source: 'evidence',
          type: 'evidence.inconsistent',
          title: `证据日志不一致：大小 ${size} 的树不包含已签名的大小 ${previous.size} 的树`,
          detail: '存储的叶子或节点与此前签名的检查点不一致（可能被改写）。已停止签发新检查点，请立即核查。',
          subjectType: 'ledger',
          subjectId: String(previous.size),
          responsibleRole: 'secadmin',
          dedupKey: `evidence.inconsistent:${previous.size}`,
        });
        this.opts.logger?.error(
          { previous: previous.size, size },
          'ledger inconsistent with the last checkpoint: not signing',
        );
        return null;
      }
    }
    const body = formatCheckpoint({ origin, size, rootHash: root });
    const signers = [noteSigner(origin, this.deps.keyring.current('checkpoint'))];
    if (this.deps.keyring.profile === 'sm')
      signers.push(noteSigner(origin, this.deps.keyring.current('checkpointSm2')));
    const row: CheckpointRow = {
      id: newId(),
      size,
      root_hash: root,
      note: signNote(body, signers),
      created_at: this.deps.clock.now().toISOString(),
    };
    await repo.insertCheckpoint(tx, row);
    return row;
  }
}
