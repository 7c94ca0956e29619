import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  canonicalJson,
  createSealer,
  getProfile,
  keyFingerprint,
  newId,
  sha256,
  signDetachedJws,
  systemContext,
  type PublicKeyInfo,
} from '../../kernel/index.js';
import type { JobContext } from '../jobs/index.js';
import type { AccessCaller, CompiledGrant } from '../sharing/index.js';
import { frame } from './domain/package-frames.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { accessRepo } from './access.repository.js';
import { packagesRepo, type PackageRow } from './packages.repository.js';

// What every package build shares, table or files (docs/packages.md): the job's at-least-once handling, the
// grant check as the requester, the recipient's key, the manifest and signature frames, sealing to a
// temporary file renamed into place, and the ready state with its evidence event and access row in one
// transaction. The builders supply the data frames and the manifest.

/** The file of a package under the data dir. */
export function packageFile(dataDir: string, id: string): string {
  return path.join(dataDir, 'packages', `${id}.pkg`);
}

/** How long a built package stays downloadable. */
export const PACKAGE_TTL_DAYS = 7;

/**
 * The label of a package's watermark: names the delivery (grant and package) under the watermark secret. The
 * fingerprint itself is in the data, rendered for the grant (docs/watermarks.md).
 */
export function watermarkId(deps: ExchangeDeps, grantId: string, packageId: string): string {
  const mac = getProfile(deps.cryptoProfile).hmac(
    deps.keyring.secret('watermark'),
    `package:${grantId}:${packageId}`,
  );
  return mac.subarray(0, 16).toString('hex');
}

/** The job handler around a build: a finished package is not built again; refusals end it as failed. */
export function packageJobHandler(
  deps: ExchangeDeps,
  build: (row: PackageRow, ip: string | undefined, job: JobContext) => Promise<unknown>,
) {
  return async (payload: unknown, job: JobContext): Promise<unknown> => {
    const { packageId, ip } = payload as { packageId: string; ip?: string };
    const row = await packagesRepo.get(deps.db.kysely, packageId);
    // At least once: a finished package is not built again.
    if (!row || row.status === 'ready' || row.status === 'failed') return { skipped: true };
    await packagesRepo.update(deps.db.kysely, packageId, { status: 'building' });
    try {
      return await build(row, ip, job);
    } catch (e) {
      // A refused grant, a file gone meanwhile or a missing key ends the package; anything else is retried.
      const final = e instanceof Error && 'status' in e && (e as { status: number }).status < 500;
      if (!final) throw e;
      await packagesRepo.update(deps.db.kysely, packageId, {
        status: 'failed',
        error: (e as Error).message.slice(0, 500),
      });
      return { failed: (e as Error).message };
    }
  };
}

/** The grant, checked again as the requester of the package. */
export function authorizeBuild(deps: ExchangeDeps, row: PackageRow, ip: string | undefined) {
  const caller: AccessCaller =
    row.requester_kind === 'client'
      ? { clientId: row.requester_id, orgId: row.consumer_org_id, ip }
      : {
          clientId: null,
          orgId: row.consumer_org_id,
          ip,
          user: { id: row.requester_id, roles: ['consumer'] },
        };
  return deps.grants.authorizeAccess(caller, row.grant_id, 'package');
}

/** The consumer organisation's encryption key under the platform's profile (422 when it has none). */
export async function recipientOf(
  deps: ExchangeDeps,
  orgId: string,
): Promise<PublicKeyInfo & { id: string }> {
  const recipient = await deps.directory.encryptionKey(deps.db.kysely, orgId, deps.cryptoProfile);
  if (!recipient) {
    const err = new Error('The consumer organisation has no encryption key to seal the package to.');
    throw Object.assign(err, { status: 422 });
  }
  return recipient;
}

/** The hash of the data frames under the profile (SHA-256 or SM3). */
export function dataHashOf(deps: ExchangeDeps): {
  hash: Hash;
  alg: ReturnType<typeof getProfile>['hashName'];
} {
  const alg = getProfile(deps.cryptoProfile).hashName;
  return { hash: createHash(alg), alg };
}

/**
 * Seals `data` and then the manifest (built once the data is through: its count and digest come last) with
 * its signature into the package file: a temporary file (0600) renamed into place, removed on failure.
 * Returns the manifest, the file's size and its SHA-256.
 */
export async function sealPackage<M>(
  deps: ExchangeDeps,
  rowId: string,
  recipient: PublicKeyInfo,
  data: AsyncIterable<Buffer>,
  manifestOf: () => M,
): Promise<{ manifest: M; bytes: number; fileSha256: string }> {
  const out: { manifest?: M } = {};
  const frames = async function* (): AsyncGenerator<Buffer> {
    yield* data;
    const manifest = manifestOf();
    const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
    const key = deps.keyring.current('response');
    yield frame('M', bytes);
    yield frame('S', Buffer.from(signDetachedJws(key, keyFingerprint(key), bytes), 'ascii'));
    out.manifest = manifest;
  };
  const final = packageFile(deps.dataDir, rowId);
  const dir = path.dirname(final);
  await mkdir(dir, { recursive: true });
  const part = path.join(dir, `${rowId}.${newId()}.part`);
  const fileHash = createHash('sha256');
  try {
    await pipeline(
      Readable.from(frames()),
      createSealer(recipient),
      new Transform({
        transform(chunk: Buffer, _enc, cb) {
          fileHash.update(chunk);
          cb(null, chunk);
        },
      }),
      createWriteStream(part, { mode: 0o600 }),
    );
    await rename(part, final);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  return { manifest: out.manifest!, bytes: (await stat(final)).size, fileSha256: fileHash.digest('hex') };
}

/** Marks a sealed package ready, with its `exchange.package` evidence event and access row, in one transaction. */
export async function finishPackage(
  deps: ExchangeDeps,
  row: PackageRow,
  g: CompiledGrant,
  sealed: { manifest: unknown; bytes: number; fileSha256: string },
  at: Date,
  what: { format: string; fields: string; rows: number; details: Record<string, string | number> },
): Promise<void> {
  const manifestJcs = canonicalJson(sealed.manifest);
  const ctx = systemContext('exchange', row.id);
  await deps.db.kysely.transaction().execute(async (tx) => {
    const ev = await deps.audit.record(tx, ctx, {
      action: 'exchange.package',
      subjectType: 'package',
      subjectId: row.id,
      orgId: g.consumerOrgId,
      // The manifest is signed and inside the package; its digest lets a court tie the two together.
      change: { manifestSha256: sha256(manifestJcs).toString('hex') },
      details: {
        grantId: g.grantId,
        resourceId: g.resourceId,
        requester: `${row.requester_kind}:${row.requester_id}`,
        format: what.format,
        ...what.details,
        bytes: sealed.bytes,
      },
    });
    await packagesRepo.update(tx, row.id, {
      status: 'ready',
      ...(what.format !== 'files' && { rows: what.rows }),
      bytes: sealed.bytes,
      file_sha256: sealed.fileSha256,
      manifest: manifestJcs,
      ready_at: at.toISOString(),
      expires_at: new Date(at.getTime() + PACKAGE_TTL_DAYS * 86_400_000).toISOString(),
    });
    await accessRepo.insert(tx, {
      event_id: ev,
      at: at.toISOString(),
      grant_id: g.grantId,
      resource_id: g.resourceId,
      provider_org_id: g.providerOrgId,
      consumer_org_id: g.consumerOrgId,
      method: 'package',
      caller_kind: row.requester_kind,
      caller_id: row.requester_id,
      case_id: null,
      user_ref: null,
      fields: what.fields,
      rows: what.rows,
      subjects: 0,
    });
  });
}
