// The evidence module's public door: the Merkle log over audit events, checkpoints, witnesses, proofs and
// notarisation. The pure formats and verifiers live in domain/ and are re-exported for offline tools.
export { Ledger, type LedgerOptions } from './ledger.js';
export { LedgerService } from './ledger.service.js';
export { NotarisationService, type NotarisationReceipt } from './notarisation.service.js';
export { ledgerAuditPort, type BatchEntry, type LedgerAuditPort } from './ledger-audit-port.js';
export {
  GroupCommit,
  type Batched,
  type BatchWriter,
  type GroupCommitStats,
  type WithEvent,
} from './group-commit.js';
export { ledgerRoutes } from './ledger.routes.js';
export { evidenceMigrations } from './migrations/index.js';
export * from './domain/index.js';
export { witnessOnce, type WitnessConfig, type WitnessResult, type WitnessState } from './witness-client.js';
export { verifyStoredLedger, type LedgerVerification } from './ledger-verify.js';
// The leaf of an audit event row at an index (leaves are stored as hashes; tools and tests derive the text).
export { leafText } from './leaf-text.js';
export type { EventRow } from './tables.js';
