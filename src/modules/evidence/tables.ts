import type { Generated } from 'kysely';
import type { StoredAuditEvent } from '../../kernel/index.js';

// Row types of the ledger tables.

/**
 * A stored leaf: its index, its audit event and its hash. The leaf itself is not stored (migration 20261130_0300):
 * it is the canonical form of the event at this index (leaf-text.ts), derived where it is served or verified.
 */
export interface LeafRow {
  idx: number;
  event_id: string;
  leaf_hash: Buffer;
}

export interface NodeRow {
  level: number;
  idx: number;
  hash: Buffer;
}

export interface CheckpointRow {
  id: string;
  size: number;
  root_hash: Buffer;
  note: string;
  created_at: string;
}

export interface WitnessRow {
  id: string;
  name: string;
  verifier_key: string;
  description: string | null;
  status: string;
  created_at: string;
}

export interface CosignatureRow {
  checkpoint_id: string;
  witness_id: string;
  line: string;
  signed_at: number;
  received_at: string;
}

export interface StateRow {
  id: number;
  hash_alg: string;
  origin: string;
  size: number;
  quorum: number;
  updated_at: string;
}

/** The audit event columns the sequencer reads: the stored row, as the kernel writes it. */
export type EventRow = StoredAuditEvent;

export interface NotarisationRow {
  id: string;
  event_id: string;
  digest_alg: string;
  digest: string;
  title: string | null;
  metadata: string;
  size_bytes: number | null;
  org_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface LedgerTables {
  notarisations: NotarisationRow;
  ledger_pending: { seq: Generated<number>; event_id: string };
  ledger_leaves: LeafRow;
  ledger_nodes: NodeRow;
  ledger_checkpoints: CheckpointRow;
  ledger_witnesses: WitnessRow;
  ledger_cosignatures: CosignatureRow;
  ledger_state: StateRow;
  audit_events: EventRow;
}
