// The leaf-hash index is partitioned by index range (migration 20261130_0200): its key is
// (idx / LEAF_HASH_PARTITION, first 8 bytes of the leaf hash). The divisor is part of the indexed expression, so
// it never changes once an index uses it; a query must write the expression exactly as indexed.

/** Leaves per partition of the leaf-hash index. */
export const LEAF_HASH_PARTITION = 4096;
