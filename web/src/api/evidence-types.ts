// Shapes of the evidence ledger and notarisation APIs (docs/evidence-formats.md).

/** A log key of GET /api/v1/ledger/keys. */
export interface LedgerKey {
  id: string;
  alg: string;
  /** Note verifier key `<name>+<key ID>+<base64>`. */
  verifierKey: string;
  publicKeyPem: string;
  current: boolean;
}

/** GET /api/v1/ledger/witnesses (and keys().witnesses). */
export interface LedgerWitness {
  id: string;
  name: string;
  verifierKey: string;
  description: string | null;
  status: string;
  lastCosignedSize: number | null;
  lastCosignedAt: string | null;
}

/** GET /api/v1/ledger/keys */
export interface LedgerKeys {
  origin: string;
  hashAlg: 'sha256' | 'sm3';
  keys: LedgerKey[];
  quorum: number;
  witnesses: LedgerWitness[];
}

/** GET /api/v1/ledger/checkpoints items. */
export interface CheckpointRecord {
  id: string;
  size: number;
  rootHash: string;
  createdAt: string;
  /** The signed note with the cosignature lines so far. */
  note: string;
  /** How many cosignature lines it carries. */
  cosignatures: number;
}

/** GET /api/v1/ledger/entries items: auditors get the leaf body, everyone else the hash only. */
export interface LedgerEntry {
  index: number;
  leafHash: string;
  leaf?: Record<string, unknown>;
}

/** GET /api/v1/ledger/proof/inclusion */
export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
}

/** A notarisation receipt (POST /api/v1/evidence/notarisations, GET …/:id). */
export interface NotarisationReceipt {
  id: string;
  leaf: Record<string, unknown>;
  leafIndex: number;
  leafHash: string;
  digest: { alg: 'sha256' | 'sm3'; value: string };
  time: string;
  checkpoint: string;
  cosignatures: string[];
  inclusionProof: string[];
  final: boolean;
}

/** Filters of the entries list (auditors). */
export interface EntryFilter {
  start: number;
  limit: number;
  action?: string;
  orgId?: string;
  from?: string;
  to?: string;
}
