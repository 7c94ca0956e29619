// In-memory subtree stores: a complete append-only log for tests and tools, and a sparse node map that an
// asynchronous database store fills with prefetched nodes (see inclusionProofRefs) before calling the
// synchronous proof generators.
import { MerkleError } from './errors.js';
import { leafHash, type TreeHasher } from './merkle-hash.js';
import {
  consistencyProof,
  inclusionProof,
  newNodes,
  rootOf,
  type NodeRef,
  type SubtreeNode,
  type SubtreeSource,
} from './merkle.js';

/** A whole append-only Merkle log in memory: every complete-subtree node, one array per level. */
export class MemorySubtreeStore implements SubtreeSource {
  readonly #levels: Buffer[][] = [];

  /** Creates an empty log whose nodes are hashed with `h`. */
  constructor(readonly h: TreeHasher) {}

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#levels[0]?.length ?? 0;
  }

  /** Stored node hash; throws a MerkleError for a node that is not (yet) complete. */
  hashAt(level: number, index: number): Buffer {
    const hash = this.#levels[level]?.[index];
    if (!hash) throw new MerkleError(`subtree node (level ${level}, index ${index}) is not stored`);
    return hash;
  }

  /** Appends one leaf hash; returns the nodes that became complete (the same list a database store inserts). */
  append(leaf: Buffer): SubtreeNode[] {
    const nodes = newNodes(this, this.h, this.size, leaf);
    for (const node of nodes) {
      const level = (this.#levels[node.level] ??= []);
      // Nodes complete strictly left to right within a level, so each one lands at the end of its array.
      if (level.length !== node.index) throw new MerkleError('internal: node completed out of order');
      level.push(node.hash);
    }
    return nodes;
  }

  /** Appends a leaf given its bytes (hashed as H(0x00 ‖ leaf)); returns its leaf hash. */
  appendLeaf(leaf: Uint8Array): Buffer {
    const hash = leafHash(this.h, leaf);
    this.append(hash);
    return hash;
  }

  /** Root of the tree of size n (default: the whole log). */
  root(n: number = this.size): Buffer {
    this.#checkSize(n);
    return rootOf(this, this.h, n);
  }

  /** Inclusion proof of leaf `index` in the tree of size n (default: the whole log). */
  inclusionProof(index: number, n: number = this.size): Buffer[] {
    this.#checkSize(n);
    return inclusionProof(this, this.h, index, n);
  }

  /** Consistency proof from size m to size n (default: the whole log). */
  consistencyProof(m: number, n: number = this.size): Buffer[] {
    this.#checkSize(n);
    return consistencyProof(this, this.h, m, n);
  }

  /** Refuses sizes beyond the log, which would otherwise read a node that is missing or not yet final. */
  #checkSize(n: number): void {
    if (n > this.size) throw new MerkleError(`tree size ${n} is larger than the log (${this.size} leaves)`);
  }
}

/** A sparse set of nodes fetched from a store, served to the synchronous generators; missing nodes throw. */
export class SubtreeNodeMap implements SubtreeSource {
  readonly #nodes = new Map<string, Buffer>();

  /** Creates the map from fetched rows. */
  constructor(nodes: Iterable<SubtreeNode> = []) {
    for (const node of nodes) this.set(node);
  }

  /** Adds or replaces one node. */
  set(node: SubtreeNode): void {
    this.#nodes.set(key(node), node.hash);
  }

  /** Stored node hash; throws a MerkleError naming the node if it was not fetched. */
  hashAt(level: number, index: number): Buffer {
    const hash = this.#nodes.get(key({ level, index }));
    if (!hash) throw new MerkleError(`subtree node (level ${level}, index ${index}) was not loaded`);
    return hash;
  }
}

/** Map key of a node. */
function key(ref: NodeRef): string {
  return `${ref.level}/${ref.index}`;
}
