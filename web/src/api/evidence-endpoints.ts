import { api, publicApi, publicText } from './client';
import type {
  CheckpointRecord,
  EntryFilter,
  InclusionProof,
  LedgerEntry,
  LedgerKeys,
  LedgerWitness,
  NotarisationReceipt,
} from './evidence-types';
import { qs } from './query';

// Calls of the evidence ledger (public reads, auditors' entries) and of notarisation (every user).

// Public: anyone may verify, logged in or not.
export const getLatestCheckpoint = () => publicText('/api/v1/ledger/checkpoint');
export const listCheckpoints = (from: number, limit = 100) =>
  publicApi<CheckpointRecord[]>('GET', `/api/v1/ledger/checkpoints${qs({ from, limit })}`);
export const getLedgerKeys = () => publicApi<LedgerKeys>('GET', '/api/v1/ledger/keys');
export const listWitnesses = () => publicApi<LedgerWitness[]>('GET', '/api/v1/ledger/witnesses');
export const getInclusionProof = (index: number, treeSize: number) =>
  publicApi<InclusionProof>('GET', `/api/v1/ledger/proof/inclusion${qs({ index, treeSize })}`);

// With the session's token: an auditor's token brings the leaf bodies (and the filters apply).
export const listEntries = (f: EntryFilter) =>
  api<LedgerEntry[]>('GET', `/api/v1/ledger/entries${qs({ ...f })}`);

// Notarisation: only the digest is sent.
export const notarise = (body: { digestAlg: 'sha256' | 'sm3'; digest: string; title?: string }) =>
  api<NotarisationReceipt>('POST', '/api/v1/evidence/notarisations', body);
export const getNotarisation = (id: string) =>
  api<NotarisationReceipt>('GET', `/api/v1/evidence/notarisations/${encodeURIComponent(id)}`);

/** What a receipt is checked against: the log's keys and origin, the active witnesses' keys, the quorum. */
export interface LedgerTrust {
  origin: string;
  logKeys: string[];
  witnessKeys: string[];
  quorum: number;
}

/** The platform's published trust: log keys (current and retired), active witnesses, quorum. */
export async function getLedgerTrust(): Promise<LedgerTrust> {
  const [keys, witnesses] = await Promise.all([getLedgerKeys(), listWitnesses()]);
  return {
    origin: keys.origin,
    logKeys: keys.keys.map((k) => k.verifierKey),
    witnessKeys: witnesses.filter((w) => w.status === 'active').map((w) => w.verifierKey),
    quorum: keys.quorum,
  };
}
