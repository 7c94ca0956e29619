import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  AppError,
  can,
  newId,
  notFound,
  parseInput,
  requireUser,
  type RequestContext,
} from '../../kernel/index.js';
import { encodeBase64, inclusionProof, inclusionProofRefs } from './domain/index.js';
import { fetchNodes } from './sequencer.js';
import { leafText } from './leaf-text.js';
import { ledgerRepo as repo } from './ledger.repository.js';
import type { LedgerService, LedgerServiceDeps } from './ledger.service.js';
import type { NotarisationRow } from './tables.js';

// Notarisation (电子存证): a department records that a document with a given digest existed at a time. The
// digest goes into a leaf; the answer waits until that leaf is in a signed checkpoint and returns a receipt
// anyone can verify offline (`orderly verify`). A receipt is final once a checkpoint covering it carries the
// witness quorum's cosignatures; fetching it again upgrades it to the newest cosigned checkpoint.

const hex = (n: number) => new RegExp(`^[0-9a-fA-F]{${n}}$`);

export const notariseSchema = z.strictObject({
  digestAlg: z.enum(['sha256', 'sm3']),
  digest: z.string().regex(hex(64), 'must be 64 hex digits'),
  title: z.string().trim().min(1).max(200).optional(),
  metadata: z
    .record(z.string().max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .optional(),
});

export const notariseFileQuery = z.object({
  digestAlg: z.enum(['sha256', 'sm3']).default('sha256'),
  title: z.string().trim().min(1).max(200).optional(),
});

/** A receipt as returned to the client (docs/evidence-formats.md). */
export interface NotarisationReceipt {
  id: string;
  leaf: Record<string, unknown>;
  leafIndex: number;
  leafHash: string;
  digest: { alg: string; value: string };
  time: string;
  checkpoint: string;
  cosignatures: string[];
  inclusionProof: string[];
  final: boolean;
}

/** Notarisation and receipts. */
export class NotarisationService {
  constructor(
    private readonly deps: LedgerServiceDeps,
    private readonly ledger: LedgerService,
  ) {}

  /** Notarises a digest; answers once the entry is in a signed checkpoint. */
  async notarise(ctx: RequestContext, input: unknown): Promise<NotarisationReceipt> {
    requireUser(ctx);
    const v = parseInput(notariseSchema, input);
    return this.record(ctx, v.digestAlg, v.digest.toLowerCase(), v.title ?? null, v.metadata ?? {}, null);
  }

  /** Notarises uploaded bytes: the platform hashes them and keeps only the digest. */
  async notariseFile(ctx: RequestContext, bytes: Buffer, query: unknown): Promise<NotarisationReceipt> {
    requireUser(ctx);
    const q = parseInput(notariseFileQuery, query);
    if (!Buffer.isBuffer(bytes) || bytes.length === 0)
      throw new AppError('VALIDATION_FAILED', 'Upload the file as application/octet-stream.');
    const digest = createHash(q.digestAlg).update(bytes).digest('hex');
    return this.record(ctx, q.digestAlg, digest, q.title ?? null, {}, bytes.length);
  }

  /** A receipt, upgraded to the newest checkpoint (cosigned by the quorum if one covers it). */
  async receipt(ctx: RequestContext, id: string): Promise<NotarisationReceipt> {
    requireUser(ctx);
    const row = await repo.notarisation(this.deps.db.kysely, id);
    // Receipts belong to the notarising organisation; auditors may read all.
    if (!row || !(row.org_id === ctx.actor.orgId || can(ctx, 'audit.read'))) throw notFound('Notarisation');
    return this.build(row);
  }

  private async record(
    ctx: RequestContext,
    digestAlg: string,
    digest: string,
    title: string | null,
    metadata: Record<string, unknown>,
    size: number | null,
  ): Promise<NotarisationReceipt> {
    const now = this.deps.clock.now().toISOString();
    const row = await this.deps.db.kysely.transaction().execute(async (tx) => {
      const id = newId();
      // Title and metadata may name people: the leaf carries only their salted digest (`change`).
      const eventId = await this.deps.audit.record(tx, ctx, {
        action: 'evidence.notarise',
        subjectType: 'notarisation',
        subjectId: id,
        orgId: ctx.actor.orgId,
        change: { title, metadata },
        details: { fileDigestAlg: digestAlg, fileDigest: digest, ...(size !== null && { sizeBytes: size }) },
      });
      const r: NotarisationRow = {
        id,
        event_id: eventId,
        digest_alg: digestAlg,
        digest,
        title,
        metadata: JSON.stringify(metadata),
        size_bytes: size,
        org_id: ctx.actor.orgId,
        created_by: ctx.actor.id,
        created_at: now,
      };
      await repo.insertNotarisation(tx, r);
      return r;
    });
    await this.deps.ledger.flush();
    return this.build(row);
  }

  private async build(row: NotarisationRow): Promise<NotarisationReceipt> {
    const db = this.deps.db.kysely;
    const leaf = await repo.leafByEvent(db, row.event_id);
    if (!leaf) throw new AppError('CONFLICT', 'The entry is not sequenced yet; try again in a second.');
    // The receipt's leaf is derived from the audit event; a missing event is a damaged store.
    if (!leaf.event)
      throw new Error(`ledger: the audit event of leaf ${leaf.idx} is missing; run orderly ledger verify`);
    const state = (await repo.state(db))!;
    const cosigned = await repo.cosignedCheckpoint(db, leaf.idx + 1, state.quorum);
    const latest = await repo.latestCheckpoint(db);
    const cp = cosigned ?? latest;
    if (!cp || cp.size <= leaf.idx)
      throw new AppError('CONFLICT', 'The entry is not in a signed checkpoint yet; try again in a second.');
    const { hasher } = await this.deps.ledger.info();
    const proof = inclusionProof(
      await fetchNodes(db, inclusionProofRefs(leaf.idx, cp.size)),
      hasher,
      leaf.idx,
      cp.size,
    );
    const { note, cosignatures } = await this.ledger.withCosignatures(db, cp);
    return {
      id: row.id,
      leaf: JSON.parse(leafText(leaf.idx, leaf.event)) as Record<string, unknown>,
      leafIndex: leaf.idx,
      leafHash: encodeBase64(leaf.leaf_hash),
      digest: { alg: row.digest_alg, value: row.digest },
      time: row.created_at,
      checkpoint: note,
      cosignatures,
      inclusionProof: proof.map(encodeBase64),
      final: cosigned !== undefined,
    };
  }
}
