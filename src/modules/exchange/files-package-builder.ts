import type { JobContext } from '../jobs/index.js';
import { dataFrames } from './domain/package-frames.js';
import { fileHeaderFrame, type FilesPackageManifest, type PackageFileEntry } from './domain/package-files.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { assertFilesDeliverable } from './files-packages.js';
import {
  authorizeBuild,
  dataHashOf,
  finishPackage,
  packageJobHandler,
  recipientOf,
  sealPackage,
  watermarkId,
} from './package-job.js';
import type { PackageRow } from './packages.repository.js';

// Building a package of a file resource (a job; docs/packages.md "File resources"): the same grant check as
// the request (as the requester), then each requested file read through the catalogue (which checks it
// against its digest), framed as 'F' header + 'D' data, hashed; the manifest lists the files; signed, sealed to
// the consumer organisation's encryption key while streaming to a temporary file, renamed into place, and
// marked ready with its evidence event and access row in one transaction — as table packages are. One file is
// in memory at a time (the catalogue keeps files up to 64 MiB).

/** Builds files packages; `handler` is the job handler. */
export class FilesPackageBuilder {
  /** The job handler. */
  readonly handler: ReturnType<typeof packageJobHandler>;

  constructor(private readonly deps: ExchangeDeps) {
    this.handler = packageJobHandler(deps, (row, ip, job) => this.build(row, ip, job));
  }

  private async build(row: PackageRow, ip: string | undefined, job: JobContext): Promise<unknown> {
    const g = await authorizeBuild(this.deps, row, ip);
    assertFilesDeliverable(g);
    const names = JSON.parse(row.fields) as string[];
    const recipient = await recipientOf(this.deps, row.consumer_org_id);
    const now = this.deps.clock.now();
    const data = dataHashOf(this.deps);
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
        data.hash.update(bytes);
        yield* dataFrames(bytes);
      }
    };
    const sealed = await sealPackage(this.deps, row.id, recipient, frames(), (): FilesPackageManifest => ({
      v: 1,
      kind: 'files',
      packageId: row.id,
      grantId: g.grantId,
      resourceId: g.resourceId,
      providerOrgId: g.providerOrgId,
      consumerOrgId: g.consumerOrgId,
      files: entries,
      bytes: entries.reduce((n, f) => n + f.size, 0),
      dataDigest: { alg: data.alg, hex: data.hash.digest('hex') },
      watermarkId: watermarkId(this.deps, g.grantId, row.id),
      recipientKeyId: recipient.id,
      createdAt: now.toISOString(),
    }));
    const m = sealed.manifest;
    await finishPackage(this.deps, row, g, sealed, now, {
      format: 'files',
      // Files have no rows: the access row names the items the files carry (all of the resource's).
      fields: g.items.map((i) => i.code).join(','),
      rows: 0,
      details: {
        files: m.files.map((f) => f.name).join(','),
        fileDigests: m.files.map((f) => `sha256:${f.sha256}`).join(','),
        dataDigest: `${m.dataDigest.alg}:${m.dataDigest.hex}`,
        watermarkId: m.watermarkId,
      },
    });
    return { files: m.files.length, bytes: sealed.bytes };
  }
}
