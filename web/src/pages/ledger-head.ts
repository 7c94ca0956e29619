import {
  getLatestCheckpoint,
  getLedgerKeys,
  listCheckpoints,
  listWitnesses,
} from '../api/evidence-endpoints';
import type { LedgerWitness } from '../api/evidence-types';
import { ApiError } from '../api/errors';
import { encodeBase64, toHex } from '../evidence/bytes';
import type { HashAlg } from '../evidence/hash';
import { checkpointHashAlg, parseCheckpoint, parseVerifierKey, type Checkpoint } from '../evidence/note';
import { checkNote } from '../evidence/note-verify';

// The head of the log as the ledger explorer shows it: the latest signed checkpoint, its log signature and
// witness cosignatures checked here in the browser against the published keys, the registered witnesses and
// the quorum. Proofs of entries are checked against this checkpoint.

export interface LedgerHead {
  /** The signed note with the cosignature lines gathered so far. */
  note: string;
  checkpoint: Checkpoint;
  alg: HashAlg;
  createdAt: string | null;
  quorum: number;
  witnesses: LedgerWitness[];
  /** The log's own signature: verified (by `names`), invalid, absent, or only SM2 (not checkable here). */
  logSignature: { status: 'verified' | 'invalid' | 'none' | 'unchecked'; names: string[] };
  /** Distinct registered witnesses whose cosignature verified. */
  cosigned: { name: string; timestamp: number }[];
}

/** Loads and checks the latest checkpoint; null while the log has none. */
export async function loadLedgerHead(): Promise<LedgerHead | null> {
  let note: string;
  try {
    note = await getLatestCheckpoint();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
  const [keys, witnesses] = await Promise.all([getLedgerKeys(), listWitnesses()]);
  const logKeys = await Promise.all(keys.keys.map((k) => parseVerifierKey(k.verifierKey)));
  const witnessKeys = await Promise.all(
    witnesses.filter((w) => w.status === 'active').map((w) => parseVerifierKey(w.verifierKey)),
  );
  const { text, signatures } = await checkNote(note, [...logKeys, ...witnessKeys]);
  const checkpoint = parseCheckpoint(text);

  const logLines = signatures.filter((s) => s.verifier && s.verifier.type !== 'cosignature/v1');
  const verified = logLines
    .filter((s) => s.status === 'verified')
    .map((s) => `${s.name} (${s.verifier?.type})`);
  const status = logLines.some((s) => s.status === 'invalid')
    ? 'invalid'
    : verified.length > 0
      ? 'verified'
      : logLines.some((s) => s.status === 'unchecked')
        ? 'unchecked'
        : 'none';

  const cosigned = new Map<string, { name: string; timestamp: number }>();
  for (const s of signatures) {
    if (s.verifier?.type !== 'cosignature/v1' || s.status !== 'verified' || s.timestamp === undefined)
      continue;
    const id = toHex(s.verifier.publicKey);
    if (!cosigned.has(id)) cosigned.set(id, { name: s.name, timestamp: s.timestamp });
  }

  // The record of this checkpoint (for its time): the newest of this size and root.
  const root = encodeBase64(checkpoint.rootHash);
  const record = (await listCheckpoints(checkpoint.size, 100))
    .filter((c) => c.size === checkpoint.size && c.rootHash === root)
    .pop();

  return {
    note,
    checkpoint,
    alg: checkpointHashAlg(checkpoint.origin),
    createdAt: record?.createdAt ?? null,
    quorum: keys.quorum,
    witnesses,
    logSignature: { status, names: verified },
    cosigned: [...cosigned.values()],
  };
}
