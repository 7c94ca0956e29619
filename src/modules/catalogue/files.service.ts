import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  AppError,
  authorize,
  conflict,
  fileName,
  newId,
  notFound,
  parseInput,
  type RequestContext,
} from '../../kernel/index.js';
import { catalogueRepo as repo } from './catalogue.repository.js';
import type { CatalogueDeps } from './catalogue.deps.js';
import { levelRank, type ResourceDoc } from './domain/resource/index.js';
import type { ResourceFileRow } from './tables.js';

// File resources keep their files in a content-addressed store under the data directory: the SHA-256 of the
// plain bytes names the file, so the same bytes are stored once and any copy can be checked against the
// digest recorded in the evidence log. Files of graded resources (一般3 and above, or with a secret item) are
// sealed at rest with the profile's AEAD, bound to the digest.

/** Largest file accepted in one upload (files are held in memory while sealed). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export const fileQuery = z.object({
  name: fileName(),
  mediaType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type like text/csv')
    .default('application/octet-stream'),
});

/** A stored file as listed. */
export function presentFile(f: ResourceFileRow) {
  return {
    name: f.name,
    digest: `sha256:${f.digest}`,
    size: f.size,
    mediaType: f.media_type,
    uploadedAt: f.uploaded_at,
    uploadedBy: f.uploaded_by,
  };
}

/** Attaching, listing and reading the files of file resources. */
export class FilesService {
  constructor(private readonly deps: CatalogueDeps) {}

  /** A steward of the provider attaches (or replaces) a named file. */
  async upload(ctx: RequestContext, resourceId: string, body: Buffer, query: unknown) {
    const q = parseInput(fileQuery, query);
    if (!Buffer.isBuffer(body) || body.length === 0)
      throw new AppError('VALIDATION_FAILED', 'The file is empty.', {
        fields: [{ field: '(body)', code: 'REQUIRED', message: 'send the file bytes' }],
      });
    const db = this.deps.db.kysely;
    const r = await repo.resource(db, resourceId);
    if (!r) throw notFound('Resource');
    authorize(ctx, 'catalogue.edit', r.org_id);
    if (r.format !== 'file') throw conflict('Only file resources keep files.');
    if (r.status === 'withdrawn') throw conflict('A withdrawn resource cannot take files.');
    const latest = await repo.version(db, r.id, r.latest_version);
    const doc = JSON.parse(latest!.doc) as ResourceDoc;
    const sealed = levelRank(doc.level) >= levelRank('general3') || doc.items.some((i) => i.secret);
    const digest = createHash('sha256').update(body).digest('hex');
    await this.store(digest, body, sealed);
    const now = this.deps.clock.now().toISOString();
    const row: ResourceFileRow = {
      resource_id: r.id,
      name: q.name,
      digest,
      size: body.length,
      media_type: q.mediaType,
      uploaded_by: ctx.actor.id!,
      uploaded_at: now,
    };
    await db.transaction().execute(async (tx) => {
      await repo.insertStoredFile(tx, digest, body.length, sealed, now);
      await repo.attachFile(tx, row);
      await this.deps.audit.record(tx, ctx, {
        action: 'catalogue.file.attach',
        subjectType: 'catalogue_resource',
        subjectId: r.id,
        orgId: r.org_id,
        details: { code: r.code, digest: `sha256:${digest}`, size: body.length, sealed },
      });
    });
    return presentFile(row);
  }

  /** The files of a resource (anyone who may see the resource). */
  async list(resourceId: string) {
    return (await repo.files(this.deps.db.kysely, resourceId)).map(presentFile);
  }

  /** The bytes of a file, checked against their digest (internal: the caller authorizes). */
  async read(
    resourceId: string,
    name: string,
  ): Promise<{ file: ReturnType<typeof presentFile>; bytes: Buffer }> {
    const db = this.deps.db.kysely;
    const f = await repo.file(db, resourceId, name);
    if (!f) throw notFound('File');
    const stored = await repo.storedFile(db, f.digest);
    const raw = await readFile(this.pathOf(f.digest, stored?.encrypted === 1));
    const bytes = stored?.encrypted === 1 ? this.deps.fileCipher.open(raw, f.digest) : raw;
    if (createHash('sha256').update(bytes).digest('hex') !== f.digest)
      throw new AppError('INTERNAL', 'A stored file does not match its digest.');
    return { file: presentFile(f), bytes };
  }

  /** A steward of the provider downloads a file (consumers receive files as packages from the exchange). */
  async download(ctx: RequestContext, resourceId: string, name: string) {
    const r = await repo.resource(this.deps.db.kysely, resourceId);
    if (!r) throw notFound('Resource');
    authorize(ctx, 'catalogue.edit', r.org_id);
    return this.read(resourceId, name);
  }

  private pathOf(digest: string, sealed: boolean): string {
    return path.join(this.deps.dataDir, 'files', digest.slice(0, 2), `${digest}${sealed ? '.sealed' : ''}`);
  }

  private async store(digest: string, bytes: Buffer, sealed: boolean): Promise<void> {
    const target = this.pathOf(digest, sealed);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // Write-then-rename: a crash leaves either the whole file or none under the final name.
    const tmp = `${target}.${newId()}.tmp`;
    await writeFile(tmp, sealed ? this.deps.fileCipher.seal(bytes, digest) : bytes, { mode: 0o600 });
    await rename(tmp, target);
  }
}
