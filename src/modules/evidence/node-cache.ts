import type { NodeRef } from './domain/index.js';
import type { NodeRow } from './tables.js';

// The upper levels of the Merkle tree, kept in memory for proofs. A stored node is the hash of a complete subtree
// and never changes once written (the log is append-only), so a copy can never go stale: a proof reads only the
// levels below the cache from the database. At a million leaves a proof needs about 27 nodes (its ~20 siblings
// and the roots of the tree's perfect subtrees); with the levels from 5 up cached it reads about 5 — less work
// for a server whose buffers no longer hold the tree (where PostgreSQL's proofs sat at the 1 ms line), and a
// median inclusion proof about a quarter faster on a host where they do (docs/evidence-benchmarks.md, "Upper-node
// cache").
//
// A rewrite of stored nodes behind a running server — which only an operator bypassing the append-only triggers
// can do — leaves this process serving the hashes it read before: its proofs then no longer match the rewritten
// checkpoints, which is what a rewrite should look like from outside.

/** The most nodes kept (about 7 MB of hashes and Buffers). */
export const NODE_CACHE_MAX = 65_536;

/** Nodes at or above a level, up to a number of entries. */
export class UpperNodeCache {
  readonly #map = new Map<number, Buffer>();
  #minLevel = Infinity;

  constructor(private readonly max = NODE_CACHE_MAX) {}

  /**
   * The lowest level to keep for a tree of `size` leaves: the levels from it up hold at most about `max` nodes
   * (a level l has size / 2^l of them), and never below level 1 (level 0 is the leaf hashes, read with the leaf).
   */
  static lowestLevelFor(size: number, max = NODE_CACHE_MAX): number {
    let level = 1;
    while (size / 2 ** (level - 1) > max) level++;
    return level;
  }

  /** Sets the lowest level kept (from the tree's size when the cache is first filled). */
  setLowestLevel(level: number): void {
    this.#minLevel = level;
  }

  get size(): number {
    return this.#map.size;
  }

  /** The requested nodes found here, and those to read. */
  take(refs: readonly NodeRef[]): { rows: NodeRow[]; missing: NodeRef[] } {
    const rows: NodeRow[] = [];
    const missing: NodeRef[] = [];
    for (const r of refs) {
      const hash = r.level >= this.#minLevel ? this.#map.get(key(r.level, r.index)) : undefined;
      if (hash) rows.push({ level: r.level, idx: r.index, hash });
      else missing.push(r);
    }
    return { rows, missing };
  }

  /** Keeps the rows at or above the lowest level while there is room. */
  keep(rows: readonly NodeRow[]): void {
    for (const r of rows) {
      if (this.#map.size >= this.max) return;
      if (r.level >= this.#minLevel && r.idx < IDX_LIMIT) this.#map.set(key(r.level, r.idx), r.hash);
    }
  }
}

// One number per node: the level above the index's bits (trees stay far below 2^44 leaves).
const IDX_LIMIT = 2 ** 44;
const key = (level: number, idx: number) => level * IDX_LIMIT + idx;
