import { checkpointsRepo } from './checkpoints.repository.js';
import { leavesRepo } from './leaves.repository.js';
import { nodesRepo } from './nodes.repository.js';
import { notarisationsRepo } from './notarisations.repository.js';
import { sequencerRepo } from './sequencer.repository.js';
import { verifyReadsRepo } from './verify-reads.repository.js';

// All SQL of the ledger, assembled from its parts so call sites keep one `repo`. The hot paths (the audit port's
// batch, the sequencer, full verification) write and read many rows per statement: on PostgreSQL one array
// parameter per column (one round trip whatever the row count), on SQLite multi-row VALUES (in-process, so only
// the statement count matters); see bulk-insert.repository.ts, verify-reads.repository.ts and
// leaf-reader.repository.ts.
//
// The parts' methods that call each other do so through `this` (the assembled object when called as
// `ledgerRepo.x`), so no method name may appear in two parts.

/** Ledger SQL. */
export const ledgerRepo = {
  ...sequencerRepo,
  ...leavesRepo,
  ...nodesRepo,
  ...verifyReadsRepo,
  ...checkpointsRepo,
  ...notarisationsRepo,
};
