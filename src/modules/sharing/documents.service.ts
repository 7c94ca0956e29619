import { createHash } from 'node:crypto';
import {
  AppError,
  CryptoError,
  authorize,
  forbidden,
  getProfile,
  newId,
  notFound,
  parseInput,
  requireUser,
  type RequestContext,
} from '../../kernel/index.js';
import { applicationsRepo as repo } from './applications.repository.js';
import { documentQuery } from './applications.schemas.js';
import type { SharingDeps } from './sharing.deps.js';

// Supporting documents of applications (批复, 函件). The catalogue's file store only keeps files of file
// resources (FilesService attaches to a resource), so applications keep theirs here: content-addressed per
// organisation by the SHA-256 of the plain bytes, sealed at rest with the profile's AEAD under a key derived
// from the master secret for this purpose only, bound to the digest. Applications reference them by digest.
const LABEL = 'orderly/sharing-documents/v1';
const MAGIC = 'OSD1';

/** A stored document as its uploader sees it. */
export interface StoredDocument {
  digest: string;
  name: string;
  size: number;
}

/** Uploading and reading applications' supporting documents. */
export class DocumentsService {
  constructor(private readonly deps: SharingDeps) {}

  /** A consumer uploads a document for its organisation's applications; the same bytes are stored once. */
  async upload(ctx: RequestContext, body: unknown, query: unknown): Promise<StoredDocument> {
    const { name } = parseInput(documentQuery, query);
    requireUser(ctx);
    const orgId = ctx.actor.orgId;
    if (!orgId) throw forbidden('sharing.apply');
    authorize(ctx, 'sharing.apply', orgId);
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new AppError('VALIDATION_FAILED', 'The document is empty.', {
        fields: [{ field: '(body)', code: 'REQUIRED', message: 'send the document bytes' }],
      });
    const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    return this.deps.db.kysely.transaction().execute(async (tx) => {
      const existing = await repo.document(tx, orgId, digest);
      if (existing) return { digest, name: existing.name, size: existing.size };
      const now = this.deps.clock.now().toISOString();
      await repo.insertDocument(tx, {
        id: newId(),
        org_id: orgId,
        digest,
        name,
        size: body.length,
        content: this.seal(body, digest),
        uploaded_by: ctx.actor.id!,
        uploaded_at: now,
      });
      await this.deps.audit.record(tx, ctx, {
        action: 'sharing.document.upload',
        subjectType: 'sharing_document',
        subjectId: digest,
        orgId,
        change: { name },
        details: { digest, size: body.length },
      });
      return { digest, name, size: body.length };
    });
  }

  /** The plain bytes of an organisation's document, checked against its digest (internal). */
  async read(orgId: string, digest: string): Promise<Buffer> {
    const row = await repo.document(this.deps.db.kysely, orgId, digest);
    if (!row) throw notFound('Document');
    const plain = this.open(Buffer.from(row.content), digest);
    if (`sha256:${createHash('sha256').update(plain).digest('hex')}` !== digest)
      throw new AppError('INTERNAL', 'A stored document does not match its digest.');
    return plain;
  }

  private key(secret: Buffer): Buffer {
    return getProfile(this.deps.cryptoProfile).hmac(secret, LABEL).subarray(0, 32);
  }

  private seal(plain: Buffer, digest: string): Buffer {
    const cur = this.deps.keyring.currentSecret('master');
    const id = Buffer.from(cur.id, 'utf8');
    const head = Buffer.concat([Buffer.from(MAGIC), Buffer.from([id.length]), id]);
    const sealed = getProfile(this.deps.cryptoProfile).encrypt(
      this.key(cur.value),
      plain,
      Buffer.from(digest),
    );
    return Buffer.concat([head, sealed]);
  }

  private open(sealed: Buffer, digest: string): Buffer {
    if (sealed.subarray(0, 4).toString() !== MAGIC) throw new CryptoError('not a sealed sharing document');
    const len = sealed[4] ?? 0;
    const id = sealed.subarray(5, 5 + len).toString('utf8');
    const secret = this.deps.keyring.secrets('master').find((s) => s.id === id);
    if (!secret) throw new CryptoError('the document was sealed under a master secret this keyring lacks');
    return getProfile(this.deps.cryptoProfile).decrypt(
      this.key(secret.value),
      sealed.subarray(5 + len),
      Buffer.from(digest),
    );
  }
}
