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
} from '../../kernel/index.js';
import type { JobContext } from '../jobs/index.js';
import type { AccessCaller } from '../sharing/index.js';
import { dataFrames, frame } from './domain/package-frames.js';
import { fileHeaderFrame, type FilesPackageManifest, type PackageFileEntry } from './domain/package-files.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { accessRepo } from './access.repository.js';
import { assertFilesDeliverable } from './files-packages.js';
import { PACKAGE_TTL_DAYS, packageFile, watermarkId } from './package-builder.js';
import { packagesRepo, type PackageRow } from './packages.repository.js';

// Building a package of a file resource (a job; docs/packages.md "File resources"): the same grant check as
// the request (as the requester), then each requested file read through the catalogue (which checks it
// against its digest), framed as 'F' header + 'D' data, hashed; the manifest lists the files; signed, sealed to
// the consumer organisation's encryption key while streaming to a temporary file, renamed into place, and
// marked ready with its evidence event and access row in one transaction — as table packages are. One file is
// in memory at a time (the catalogue keeps files up to 64 MiB).

/** Builds files packages; `handler` is the job handler. */
export class FilesPackageBuilder {
  constructor(private readonly deps: ExchangeDeps) {}

  readonly handler = async (payload: unknown, job: JobContext): Promise<unknown> => {
    const { packageId, ip } = payload as { packageId: string; ip?: string };
    const row = await packagesRepo.get(this.deps.db.kysely, packageId);
    // At least once: a finished package is not built again.
    if (!row || row.status === 'ready' || row.status === 'failed') return { skipped: true };
    await packagesRepo.update(this.deps.db.kysely, packageId, { status: 'building' });
    try {
      return await this.build(row, ip, job);
    } catch (e) {
      // A refused grant, a file gone meanwhile or a missing key ends the package; anything else is retried.
      const final = e instanceof Error && 'status' in e && (e as { status: number }).status < 500;
      if (!final) throw e;
      await packagesRepo.update(this.deps.db.kysely, packageId, {
        status: 'failed',
        error: (e as Error).message.slice(0, 500),
      });
      return { failed: (e as Error).message };
    }
  };

  private async build(row: PackageRow, ip: string | undefined, job: JobContext): Promise<unknown> {
    const caller: AccessCaller =
      row.requester_kind === 'client'
        ? { clientId: row.requester_id, orgId: row.consumer_org_id, ip }
        : {
            clientId: null,
            orgId: row.consumer_org_id,
            ip,
            user: { id: row.requester_id, roles: ['consumer'] },
          };
    const g = await this.deps.grants.authorizeAccess(caller, row.grant_id, 'package');
    assertFilesDeliverable(g);
    const names = JSON.parse(row.fields) as string[];
    const recipient = await this.deps.directory.encryptionKey(
      this.deps.db.kysely,
      row.consumer_org_id,
      this.deps.cryptoProfile,
    );
    if (!recipient) {
      const err = new Error('The consumer organisation has no encryption key to seal the package to.');
      throw Object.assign(err, { status: 422 });
    }
    const now = this.deps.clock.now();
    const profile = getProfile(this.deps.cryptoProfile);
    const dataHash = createHash(profile.hashName);
    const fileHash = createHash('sha256');
    const entries: PackageFileEntry[] = [];
    const files = this.deps.catalogue.files;
    const resourceId = g.resourceId;
    const frames = async function* (): AsyncGenerator<Buffer> {
      for (const name of names) {
        job.signal.throwIfAborted();
        // Checked against the digest the catalogue recorded (a mismatch is a 500: retried, then failed).
        const { file, bytes } = await files.read(resourceId, name);
        const entry: PackageFileEntry = {
          name: file.name,
          mediaType: file.mediaType,
          size: bytes.length,
          sha256: file.digest.replace(/^sha256:/, ''),
        };
        entries.push(entry);
        yield fileHeaderFrame(entry);
        dataHash.update(bytes);
        yield* dataFrames(bytes);
      }
    };
    const manifestOut: { value?: FilesPackageManifest } = {};
    const deps = this.deps;
    const sealed = async function* (): AsyncGenerator<Buffer> {
      yield* frames();
      const manifest: FilesPackageManifest = {
        v: 1,
        kind: 'files',
        packageId: row.id,
        grantId: g.grantId,
        resourceId: g.resourceId,
        providerOrgId: g.providerOrgId,
        consumerOrgId: g.consumerOrgId,
        files: entries,
        bytes: entries.reduce((n, f) => n + f.size, 0),
        dataDigest: { alg: profile.hashName, hex: dataHash.digest('hex') },
        watermarkId: watermarkId(deps, g.grantId, row.id),
        recipientKeyId: recipient.id,
        createdAt: now.toISOString(),
      };
      const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
      const key = deps.keyring.current('response');
      yield frame('M', bytes);
      yield frame('S', Buffer.from(signDetachedJws(key, keyFingerprint(key), bytes), 'ascii'));
      manifestOut.value = manifest;
    };
    const final = packageFile(this.deps.dataDir, row.id);
    const dir = path.dirname(final);
    await mkdir(dir, { recursive: true });
    const part = path.join(dir, `${row.id}.${newId()}.part`);
    try {
      await pipeline(
        Readable.from(sealed()),
        createSealer(recipient),
        tap(fileHash),
        createWriteStream(part, { mode: 0o600 }),
      );
      await rename(part, final);
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
    const manifest = manifestOut.value!;
    const bytes = (await stat(final)).size;
    const manifestJcs = canonicalJson(manifest);
    const fileList = manifest.files.map((f) => f.name).join(',');
    const ctx = systemContext('exchange', row.id);
    await this.deps.db.kysely.transaction().execute(async (tx) => {
      const ev = await this.deps.audit.record(tx, ctx, {
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
          format: 'files',
          files: fileList,
          fileDigests: manifest.files.map((f) => `sha256:${f.sha256}`).join(','),
          dataDigest: `${manifest.dataDigest.alg}:${manifest.dataDigest.hex}`,
          watermarkId: manifest.watermarkId,
          bytes,
        },
      });
      await packagesRepo.update(tx, row.id, {
        status: 'ready',
        bytes,
        file_sha256: fileHash.digest('hex'),
        manifest: manifestJcs,
        ready_at: now.toISOString(),
        expires_at: new Date(now.getTime() + PACKAGE_TTL_DAYS * 86_400_000).toISOString(),
      });
      await accessRepo.insert(tx, {
        event_id: ev,
        at: now.toISOString(),
        grant_id: g.grantId,
        resource_id: g.resourceId,
        provider_org_id: g.providerOrgId,
        consumer_org_id: g.consumerOrgId,
        method: 'package',
        caller_kind: row.requester_kind,
        caller_id: row.requester_id,
        case_id: null,
        user_ref: null,
        // Files have no rows: the access row names the items the files carry (all of the resource's).
        fields: g.items.map((i) => i.code).join(','),
        rows: 0,
        subjects: 0,
      });
    });
    return { files: manifest.files.length, bytes };
  }
}

function tap(h: Hash): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      cb(null, chunk);
    },
  });
}
