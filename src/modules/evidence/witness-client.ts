import { canonicalJson, signWith, type KeyPairInfo } from '../../kernel/index.js';
import {
  checkpointHashAlg,
  cosign,
  decodeBase64,
  encodeBase64,
  noteSigner,
  openCheckpoint,
  parseVerifierKey,
  treeHasher,
  verifyConsistency,
} from './domain/index.js';

// The witness, as run by a department, a court or an outside party with its own key (`orderly witness run`).
// It remembers the last checkpoint it cosigned, and cosigns a new one only after checking the platform's
// signature and a consistency proof from the old one: so once a witness has cosigned a tree, the operator can
// never get a rewritten history cosigned by it. A refusal is reported to the platform, signed by the witness.

/** What a witness remembers between runs (its state file). */
export interface WitnessState {
  origin: string;
  size: number;
  rootHash: string;
  checkpoint: string;
}

/** How a witness is configured. */
export interface WitnessConfig {
  /** The platform's base URL, e.g. http://localhost:8080. */
  url: string;
  /** The witness's name (its key name in cosignature lines). */
  name: string;
  /** The witness's Ed25519 key pair (generated outside the platform). */
  key: KeyPairInfo;
  /** The log's verifier keys the witness trusts (note format). */
  logKeys: string[];
  /** Clock for the cosignature timestamp (seconds). */
  now?: () => Date;
}

/** One run's outcome. */
export interface WitnessResult {
  status: 'cosigned' | 'up-to-date' | 'refused';
  state: WitnessState | null;
  reason?: string;
  size?: number;
}

async function getText(url: string): Promise<string> {
  const r = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!r.ok) throw new Error(`GET ${url}: HTTP ${r.status}`);
  return r.text();
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
}

/** Checks the latest checkpoint against the state and cosigns it if it extends what was cosigned before. */
export async function witnessOnce(cfg: WitnessConfig, state: WitnessState | null): Promise<WitnessResult> {
  const base = cfg.url.replace(/\/+$/, '');
  const now = cfg.now ?? (() => new Date());
  const refuse = async (
    kind: 'consistency-failure' | 'split-view' | 'bad-signature',
    reason: string,
    size?: number,
  ) => {
    const report = {
      witness: cfg.name,
      kind,
      detail: reason,
      ...(size !== undefined && { size }),
      time: Math.floor(now().getTime() / 1000),
    };
    const signature = signWith(cfg.key, canonicalJson(report)).toString('base64');
    await postJson(`${base}/api/v1/ledger/witness-reports`, { ...report, signature }).catch(() => undefined);
    return { status: 'refused' as const, state, reason, ...(size !== undefined && { size }) };
  };

  const signed = await getText(`${base}/api/v1/ledger/checkpoint`);
  let cp;
  try {
    cp = openCheckpoint(
      signed,
      cfg.logKeys.map((k) => parseVerifierKey(k)),
    ).checkpoint;
  } catch (e) {
    return refuse(
      'bad-signature',
      `the latest checkpoint does not verify with the log key: ${e instanceof Error ? e.message : 'unreadable'}`,
    );
  }
  const body = signed.slice(0, signed.indexOf('\n\n') + 1);
  const root = encodeBase64(cp.rootHash);
  if (state) {
    if (cp.origin !== state.origin)
      return refuse('split-view', `origin changed from ${state.origin} to ${cp.origin}`, cp.size);
    if (cp.size < state.size)
      return refuse('split-view', `the log shrank from ${state.size} to ${cp.size}`, cp.size);
    if (cp.size === state.size) {
      if (root !== state.rootHash)
        return refuse('split-view', `two roots for size ${cp.size}: ${state.rootHash} and ${root}`, cp.size);
      return { status: 'up-to-date', state, size: cp.size };
    }
    const proofJson = JSON.parse(
      await getText(`${base}/api/v1/ledger/proof/consistency?first=${state.size}&second=${cp.size}`),
    ) as { proof?: string[] };
    const proof = (proofJson.proof ?? []).map((p) => decodeBase64(p) ?? Buffer.alloc(0));
    const h = treeHasher(checkpointHashAlg(cp.origin));
    const ok = verifyConsistency(
      h,
      state.size,
      cp.size,
      Buffer.from(state.rootHash, 'base64'),
      cp.rootHash,
      proof,
    );
    if (!ok) {
      return refuse(
        'consistency-failure',
        `checkpoint of size ${cp.size} is not consistent with the cosigned checkpoint of size ${state.size}: the history was rewritten`,
        cp.size,
      );
    }
  }
  const line = cosign(
    body,
    noteSigner(cfg.name, cfg.key, 'cosignature/v1'),
    Math.floor(now().getTime() / 1000),
  );
  const res = await postJson(`${base}/api/v1/ledger/cosignatures`, { checkpoint: body, cosignature: line });
  if (res.status !== 201)
    throw new Error(`the platform refused the cosignature: HTTP ${res.status} ${await res.text()}`);
  return {
    status: 'cosigned',
    state: { origin: cp.origin, size: cp.size, rootHash: root, checkpoint: signed },
    size: cp.size,
  };
}
