import {
  AppError,
  authorize,
  canonicalJson,
  conflict,
  fieldError,
  newId,
  notFound,
  parseInput,
  systemContext,
  verifySignature,
  type AnyTx,
  type Db,
  type Clock,
  type AuditPort,
  type PlatformKeyring,
  type RequestContext,
} from '../../kernel/index.js';
import type { AlertsService } from '../alerts/index.js';
import {
  consistencyProof,
  consistencyProofRefs,
  encodeBase64,
  formatVerifierKey,
  inclusionProof,
  inclusionProofRefs,
  noteVerifier,
  parseCheckpoint,
  parseSignatureLine,
  parseVerifierKey,
  perfectSubtrees,
  rootOf,
  type NodeRef,
  verifyCosignature,
} from './domain/index.js';
import type { Ledger } from './ledger.js';
import { leafText } from './leaf-text.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import { NODE_CACHE_MAX, UpperNodeCache } from './node-cache.js';
import { FetchedNodes } from './sequencer.js';
import {
  checkpointsQuery,
  consistencyQuery,
  cosignatureSchema,
  entriesQuery,
  inclusionQuery,
  quorumSchema,
  witnessReportSchema,
  witnessSchema,
} from './ledger.schemas.js';
import type { CheckpointRow, NodeRow } from './tables.js';

// Reading and serving the log: checkpoints with the cosignatures gathered so far, the verifier keys, proofs
// (public: anyone may check), entries (bodies for auditors, hashes for everyone), and the witness side:
// registration and quorum (secadmin), cosignature submission and witness reports (authenticated by the
// witness's own signature, not by a platform account).

/** Dependencies of the ledger service. */
export interface LedgerServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditPort;
  keyring: PlatformKeyring;
  alerts: Pick<AlertsService, 'raise'>;
  ledger: Ledger;
}

/** The log as it is served. */
export class LedgerService {
  /** The largest signed tree size this process has read (see signedSizeFor). */
  private largestSigned = 0;
  /** The tree's upper levels for proofs (node-cache.ts), filled once from the first proof's signed size. */
  private readonly nodeCache = new UpperNodeCache();
  private nodeCacheFilling = false;

  constructor(private readonly deps: LedgerServiceDeps) {}

  /** A checkpoint's signed note with the witnesses' cosignature lines appended. */
  async withCosignatures(tx: AnyTx, cp: CheckpointRow): Promise<{ note: string; cosignatures: string[] }> {
    const lines = (await repo.cosignatures(tx, [cp.id])).map((c) => c.line);
    return { note: cp.note + lines.join(''), cosignatures: lines };
  }

  /** The latest checkpoint as text/plain (with cosignatures so far). */
  async latestCheckpoint(): Promise<string> {
    const cp = await repo.latestCheckpoint(this.deps.db.kysely);
    if (!cp) throw notFound('Checkpoint');
    return (await this.withCosignatures(this.deps.db.kysely, cp)).note;
  }

  /** Checkpoints from a tree size on, oldest first. */
  async checkpoints(query: unknown) {
    const q = parseInput(checkpointsQuery, query);
    const db = this.deps.db.kysely;
    const rows = await repo.checkpoints(db, q.from, q.limit);
    const cos = await repo.cosignatures(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => {
      const lines = cos.filter((c) => c.checkpoint_id === r.id).map((c) => c.line);
      return {
        id: r.id,
        size: r.size,
        rootHash: encodeBase64(r.root_hash),
        createdAt: r.created_at,
        note: r.note + lines.join(''),
        cosignatures: lines.length,
      };
    });
  }

  /** The log's verifier keys (current and retired), in note format and PEM, and the witness policy. */
  async keys() {
    const { origin, hashAlg } = await this.deps.ledger.info();
    const kr = this.deps.keyring;
    const purposes =
      kr.profile === 'sm' ? (['checkpoint', 'checkpointSm2'] as const) : (['checkpoint'] as const);
    const keys = purposes.flatMap((p) =>
      kr.publicKeys(p).map((k) => ({
        id: k.id,
        alg: k.alg,
        verifierKey: formatVerifierKey(noteVerifier(origin, k.alg === 'SM2' ? 'sm2' : 'ed25519', k)),
        publicKeyPem: k.publicPem,
        current: k.id === kr.current(p).id,
      })),
    );
    const state = (await repo.state(this.deps.db.kysely))!;
    return { origin, hashAlg, keys, quorum: state.quorum, witnesses: await this.witnesses() };
  }

  /** An inclusion proof for a leaf (by index or leaf hash) in the tree of a given size. */
  async inclusion(query: unknown) {
    const q = parseInput(inclusionQuery, query);
    const db = this.deps.db.kysely;
    // The signed size, the leaf and (by index) the proof's nodes do not depend on each other: on PostgreSQL
    // they run as concurrent round trips on the pool (a proof costs about one round trip, not three). The
    // checks below keep their order, so the same request gets the same error as before.
    const byIndex = q.index !== undefined && q.index < q.treeSize ? q.index : null;
    const refs = byIndex === null ? null : this.inclusionRefs(byIndex, q.treeSize);
    // By index, the proof's leaf-level hashes (level 0 is stored with the leaves) come with the leaf in one
    // query, and the node query reads only the levels above: a second branch in the node query cost about 0.1 ms.
    const level0 = refs ? refs.filter((r) => r.level === 0).map((r) => r.index) : [];
    const sizeP = this.signedSizeFor(db, q.treeSize);
    const leafP =
      q.leafHash !== undefined
        ? repo.leafByHash(db, Buffer.from(q.leafHash, 'base64')).then((l) => (l ? [l] : []))
        : repo.leavesAt(db, [q.index!, ...level0.filter((i) => i !== q.index)]);
    const nodesP =
      refs === null
        ? null
        : this.proofNodes(
            db,
            refs.filter((r) => r.level > 0),
          );
    // Settle everything before throwing, so no query is left running unobserved.
    const [size, leaves, early] = await Promise.all([sizeP, leafP, nodesP ?? Promise.resolve(null)]).catch(
      async (e: unknown) => {
        await Promise.allSettled([sizeP, leafP, nodesP]);
        throw e;
      },
    );
    const leaf = q.leafHash !== undefined ? leaves[0] : leaves.find((l) => l.idx === q.index);
    if (q.treeSize > size)
      throw fieldError('treeSize', 'TOO_LARGE', `the largest signed tree has ${size} leaves`);
    if (!leaf) {
      if (q.leafHash !== undefined) throw notFound('Leaf');
      throw fieldError('index', 'OUT_OF_RANGE', 'no leaf at this index');
    }
    if (leaf.idx >= q.treeSize)
      throw fieldError('treeSize', 'TOO_SMALL', `leaf ${leaf.idx} is not in a tree of ${q.treeSize}`);
    const { hasher } = await this.deps.ledger.info();
    const src = early
      ? new FetchedNodes([
          ...early,
          ...leaves
            .filter((l) => level0.includes(l.idx))
            .map((l) => ({ level: 0, idx: l.idx, hash: l.leaf_hash })),
        ])
      : new FetchedNodes(await this.proofNodes(db, this.inclusionRefs(leaf.idx, q.treeSize)));
    this.fillNodeCache(db, size);
    return {
      leafIndex: leaf.idx,
      treeSize: q.treeSize,
      leafHash: encodeBase64(leaf.leaf_hash),
      rootHash: encodeBase64(rootOf(src, hasher, q.treeSize)),
      proof: inclusionProof(src, hasher, leaf.idx, q.treeSize).map(encodeBase64),
    };
  }

  /** A proof's nodes: the upper levels from the cache, the rest (level 0 from the leaves) from the database. */
  private async proofNodes(db: AnyTx, refs: NodeRef[]): Promise<NodeRow[]> {
    const { rows, missing } = this.nodeCache.take(refs);
    if (missing.length === 0) return rows;
    const read = await repo.nodes(db, missing);
    this.nodeCache.keep(read);
    return rows.length ? rows.concat(read) : read;
  }

  /**
   * Fills the node cache once, after the first proof served, with the upper levels of the tree at its signed size
   * (one range query, not awaited: proofs read what is missing meanwhile). If it fails, the cache fills from the
   * proofs' own reads.
   */
  private fillNodeCache(db: AnyTx, signedSize: number): void {
    if (this.nodeCacheFilling || signedSize === 0) return;
    this.nodeCacheFilling = true;
    const level = UpperNodeCache.lowestLevelFor(signedSize);
    this.nodeCache.setLowestLevel(level);
    void repo.upperNodes(db, level, NODE_CACHE_MAX).then(
      (rows) => this.nodeCache.keep(rows),
      () => undefined,
    );
  }

  /** The nodes an inclusion proof and the root of its tree read. */
  private inclusionRefs(index: number, treeSize: number) {
    return [...inclusionProofRefs(index, treeSize), ...perfectSubtrees(treeSize)];
  }

  /** A consistency proof between two tree sizes. */
  async consistency(query: unknown) {
    const q = parseInput(consistencyQuery, query);
    if (q.first > q.second) throw fieldError('first', 'TOO_LARGE', 'first must not exceed second');
    const db = this.deps.db.kysely;
    // The nodes depend only on the two sizes: fetched concurrently with the signed size (see inclusion).
    const sizeP = this.signedSizeFor(db, q.second);
    const nodesP = this.proofNodes(db, [
      ...consistencyProofRefs(q.first, q.second),
      ...perfectSubtrees(q.first),
      ...perfectSubtrees(q.second),
    ]).then((rows) => new FetchedNodes(rows));
    const [size, src] = await Promise.all([sizeP, nodesP]).catch(async (e: unknown) => {
      await Promise.allSettled([sizeP, nodesP]);
      throw e;
    });
    if (q.second > size)
      throw fieldError('second', 'TOO_LARGE', `the largest signed tree has ${size} leaves`);
    const { hasher } = await this.deps.ledger.info();
    this.fillNodeCache(db, size);
    return {
      first: q.first,
      second: q.second,
      firstRoot: encodeBase64(rootOf(src, hasher, q.first)),
      secondRoot: encodeBase64(rootOf(src, hasher, q.second)),
      proof: consistencyProof(src, hasher, q.first, q.second).map(encodeBase64),
    };
  }

  /** Entries in an index range: leaf bodies for auditors, leaf hashes for everyone else. */
  async entries(ctx: RequestContext, query: unknown) {
    const q = parseInput(entriesQuery, query);
    const bodies = ctx.actor.kind === 'user' && ctx.actor.roles.includes('auditor');
    const rows = await repo.leaves(this.deps.db.kysely, {
      start: q.start,
      end: q.end ?? Number.MAX_SAFE_INTEGER,
      ...(bodies && q.action && { action: q.action }),
      ...(bodies && q.orgId && { orgId: q.orgId }),
      ...(bodies && q.from && { from: new Date(q.from).toISOString() }),
      ...(bodies && q.to && { to: new Date(q.to).toISOString() }),
      limit: q.limit,
    });
    return rows.map((r) =>
      bodies
        ? {
            index: r.idx,
            leafHash: encodeBase64(r.leaf_hash),
            // The leaf is derived from its audit event (leaves are stored as hashes); null if the event is gone.
            leaf: r.event ? (JSON.parse(leafText(r.idx, r.event)) as unknown) : null,
          }
        : { index: r.idx, leafHash: encodeBase64(r.leaf_hash) },
    );
  }

  /** Registered witnesses with their newest cosignature. */
  async witnesses() {
    const db = this.deps.db.kysely;
    const [rows, last] = await Promise.all([repo.witnesses(db), repo.lastCosigned(db)]);
    return rows.map((w) => {
      const l = last.find((x) => x.witness_id === w.id);
      return {
        id: w.id,
        name: w.name,
        verifierKey: w.verifier_key,
        description: w.description,
        status: w.status,
        lastCosignedSize: l?.size ?? null,
        lastCosignedAt: l ? new Date(l.signed_at * 1000).toISOString() : null,
      };
    });
  }

  /** Registers a witness's public key, generated outside the platform (secadmin). */
  async registerWitness(ctx: RequestContext, input: unknown) {
    authorize(ctx, 'security.policy');
    const v = parseInput(witnessSchema, input);
    let verifier;
    try {
      verifier = parseVerifierKey(v.verifierKey);
    } catch (e) {
      throw fieldError('verifierKey', 'INVALID_KEY', e instanceof Error ? e.message : 'not a verifier key');
    }
    if (verifier.type !== 'cosignature/v1')
      throw fieldError('verifierKey', 'WRONG_TYPE', 'a witness key must be a cosignature/v1 (Ed25519) key');
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      if (await repo.witnessByName(tx, verifier.name))
        throw conflict('A witness with this name exists.', 'verifierKey');
      // One key is one witness: the same key under a second name would count twice towards the quorum.
      const sameKey = (await repo.witnesses(tx)).find((x) =>
        parseVerifierKey(x.verifier_key).publicKey.equals(verifier.publicKey),
      );
      if (sameKey)
        throw conflict(`This key is already registered as witness ${sameKey.name}.`, 'verifierKey');
      const row = {
        id: newId(),
        name: verifier.name,
        verifier_key: v.verifierKey,
        description: v.description ?? null,
        status: 'active',
        created_at: this.deps.clock.now().toISOString(),
      };
      await repo.insertWitness(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'evidence.witness.register',
        subjectType: 'witness',
        subjectId: row.id,
        change: { name: row.name, verifierKey: row.verifier_key },
        details: { name: row.name },
      });
      return { id: row.id, name: row.name, verifierKey: row.verifier_key };
    });
  }

  /** Sets the witness quorum k (secadmin). */
  async setQuorum(ctx: RequestContext, input: unknown) {
    authorize(ctx, 'security.policy');
    const { quorum } = parseInput(quorumSchema, input);
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      // A quorum the registered witnesses cannot reach would make every receipt unfinalisable.
      const active = (await repo.witnesses(tx)).filter((w) => w.status === 'active').length;
      if (quorum > active) {
        throw new AppError(
          'UNPROCESSABLE',
          `Only ${active} active witnesses are registered: the quorum cannot exceed that.`,
          {
            field: 'quorum',
            active,
          },
        );
      }
      await repo.setQuorum(tx, quorum, this.deps.clock.now().toISOString());
      await this.deps.audit.record(tx, ctx, {
        action: 'evidence.quorum.set',
        subjectType: 'ledger',
        subjectId: 'quorum',
        details: { quorum },
      });
    });
    return { quorum };
  }

  /** Accepts a witness's cosignature of a checkpoint the platform signed. */
  async submitCosignature(ctx: RequestContext, input: unknown) {
    const v = parseInput(cosignatureSchema, input);
    let sig;
    let cp;
    try {
      sig = parseSignatureLine(v.cosignature.endsWith('\n') ? v.cosignature : `${v.cosignature}\n`);
      cp = parseCheckpoint(v.checkpoint);
    } catch (e) {
      throw fieldError('cosignature', 'MALFORMED', e instanceof Error ? e.message : 'malformed');
    }
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const witness = await repo.witnessByName(tx, sig.name);
      if (!witness || witness.status !== 'active')
        throw new AppError('FORBIDDEN', 'Unknown or inactive witness.');
      const verifier = parseVerifierKey(witness.verifier_key);
      if (verifier.keyId !== sig.keyId)
        throw new AppError('FORBIDDEN', 'The cosignature is not by the registered witness key.');
      const signedAt = verifyCosignature(verifier, v.checkpoint, sig.signature);
      if (signedAt === null)
        throw new AppError('UNPROCESSABLE', 'The cosignature does not verify over this checkpoint.');
      const checkpoint = (await repo.checkpointsOfSize(tx, cp.size)).find(
        (c) => c.root_hash.equals(cp.rootHash) && c.note.startsWith(v.checkpoint),
      );
      if (!checkpoint) throw new AppError('NOT_FOUND', 'The platform signed no such checkpoint.');
      await repo.insertCosignature(tx, {
        checkpoint_id: checkpoint.id,
        witness_id: witness.id,
        line: sig.line,
        signed_at: signedAt,
        received_at: this.deps.clock.now().toISOString(),
      });
      await this.deps.audit.record(
        tx,
        { ...ctx, actor: { ...ctx.actor, kind: 'system', id: `witness:${witness.name}` } },
        {
          action: 'evidence.cosignature',
          subjectType: 'checkpoint',
          subjectId: checkpoint.id,
          details: { witness: witness.name, size: cp.size },
        },
      );
      return { checkpointId: checkpoint.id, size: cp.size, witness: witness.name, signedAt };
    });
  }

  /** A witness reports a consistency failure or a split view: a critical alert, if the report is really theirs. */
  async witnessReport(ctx: RequestContext, input: unknown) {
    const v = parseInput(witnessReportSchema, input);
    const db = this.deps.db.kysely;
    const witness = await repo.witnessByName(db, v.witness);
    if (!witness) throw new AppError('FORBIDDEN', 'Unknown witness.');
    const verifier = parseVerifierKey(witness.verifier_key);
    const { signature, ...body } = v;
    if (!verifySignature(verifier.key, canonicalJson(body), Buffer.from(signature, 'base64'))) {
      throw new AppError('FORBIDDEN', 'The report is not signed by the witness key.');
    }
    return db.transaction().execute(async (tx) => {
      const alert = await this.deps.alerts.raise(
        tx,
        systemContext(`witness:${witness.name}`, ctx.requestId),
        {
          severity: 'critical',
          source: 'evidence',
          type: `evidence.witness.${v.kind}`,
          title: `见证方 ${witness.name} 报告证据日志异常：${v.kind === 'split-view' ? '分叉视图' : v.kind === 'bad-signature' ? '签名无效' : '一致性证明失败'}`,
          detail: v.detail.slice(0, 2000),
          subjectType: 'witness',
          subjectId: witness.id,
          responsibleRole: 'secadmin',
          dedupKey: `evidence.witness:${witness.name}:${v.kind}:${v.size ?? ''}`,
        },
      );
      return { alertId: alert.id };
    });
  }

  /**
   * The largest signed tree size (proofs are served only for signed trees), read from the database unless a
   * size already seen covers `wanted`: checkpoints are kept forever, so the largest signed size only grows, and
   * a proof request within it needs no query for it (one round trip fewer per proof on PostgreSQL). A larger
   * request — another process may have signed since — reads the database.
   */
  private async signedSizeFor(tx: AnyTx, wanted: number): Promise<number> {
    if (wanted <= this.largestSigned) return this.largestSigned;
    const size = (await repo.latestCheckpoint(tx))?.size ?? 0;
    if (size > this.largestSigned) this.largestSigned = size;
    return size;
  }
}
