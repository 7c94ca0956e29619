import { createHash, type Hash } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
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
import { combineAnd, type Filter, type FilterJson } from '../datastore/index.js';
import type { JobContext } from '../jobs/index.js';
import type { AccessCaller, CompiledGrant } from '../sharing/index.js';
import { DataFrameWriter, frame } from './domain/package-frames.js';
import type { PackageManifest } from './domain/package-manifest.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { accessRepo } from './access.repository.js';
import { packagesRepo, type PackageRow } from './packages.repository.js';
import type { GrantMaskers, RowMasker } from './row-masker.js';

// Building a package (a job): the same grant check as every exchange call (as the requester), one projected,
// filtered query per 1,000 rows in key order, masks, CSV or NDJSON framed, sealed to the consumer
// organisation's encryption key while streaming to a temporary file — memory stays bounded by a page — then
// renamed into place and marked ready with its evidence event and access row in one transaction.

/** The job type of package builds. */
export const PACKAGE_JOB = 'exchange.package.build';

/** How long a built package stays downloadable. */
export const PACKAGE_TTL_DAYS = 7;

const PAGE = 1000;

/** The file of a package under the data dir. */
export function packageFile(dataDir: string, id: string): string {
  return path.join(dataDir, 'packages', `${id}.pkg`);
}

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

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge spaces. */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint'
        ? String(v)
        : JSON.stringify(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Builds packages; `handler` is the job handler. */
export class PackageBuilder {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly maskers: GrantMaskers,
  ) {}

  readonly handler = async (payload: unknown, job: JobContext): Promise<unknown> => {
    const { packageId, ip } = payload as { packageId: string; ip?: string };
    const row = await packagesRepo.get(this.deps.db.kysely, packageId);
    // At least once: a finished package is not built again.
    if (!row || row.status === 'ready' || row.status === 'failed') return { skipped: true };
    await packagesRepo.update(this.deps.db.kysely, packageId, { status: 'building' });
    try {
      return await this.build(row, ip, job);
    } catch (e) {
      // A refused grant or a missing key ends the package; anything else is retried by the job runner.
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
    const fields = JSON.parse(row.fields) as string[];
    const consumer = this.deps.grants.checkConsumerFilter(
      g,
      row.filter === null ? null : (JSON.parse(row.filter) as FilterJson),
      [],
    );
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
    const counted = { rows: 0 };
    const manifestBase = {
      v: 1 as const,
      packageId: row.id,
      grantId: g.grantId,
      resourceId: g.resourceId,
      providerOrgId: g.providerOrgId,
      consumerOrgId: g.consumerOrgId,
      format: row.format,
      fields: fields.map((code) => ({
        code,
        name: g.items.find((i) => i.code === code)!.name,
        mask: g.masks.get(code) ?? null,
      })),
      filter: row.filter === null ? null : (JSON.parse(row.filter) as unknown),
      watermarkId: watermarkId(this.deps, g.grantId, row.id),
      recipientKeyId: recipient.id,
      createdAt: now.toISOString(),
    };
    const dir = path.dirname(packageFile(this.deps.dataDir, row.id));
    await mkdir(dir, { recursive: true });
    const part = path.join(dir, `${row.id}.${newId()}.part`);
    const final = packageFile(this.deps.dataDir, row.id);
    const frames = this.frames(
      g,
      fields,
      combineAnd(g.rowFilter, consumer),
      row.format,
      now,
      dataHash,
      counted,
      job,
    );
    const sealed = async function* (this: PackageBuilder) {
      yield* frames;
      const manifest: PackageManifest = {
        ...manifestBase,
        rows: counted.rows,
        dataDigest: { alg: profile.hashName, hex: dataHash.digest('hex') },
      };
      const bytes = Buffer.from(canonicalJson(manifest), 'utf8');
      const key = this.deps.keyring.current('response');
      yield frame('M', bytes);
      yield frame('S', Buffer.from(signDetachedJws(key, keyFingerprint(key), bytes), 'ascii'));
      manifestOut.value = manifest;
    };
    const manifestOut: { value?: PackageManifest } = {};
    try {
      await pipeline(
        Readable.from(sealed.call(this)),
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
          format: row.format,
          fields: fields.join(','),
          rows: manifest.rows,
          dataDigest: `${manifest.dataDigest.alg}:${manifest.dataDigest.hex}`,
          watermarkId: manifest.watermarkId,
          bytes,
        },
      });
      await packagesRepo.update(tx, row.id, {
        status: 'ready',
        rows: manifest.rows,
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
        fields: fields.join(','),
        rows: manifest.rows,
        subjects: 0,
      });
    });
    return { rows: manifest.rows, bytes };
  }

  /** The data frames: pages of masked rows as CSV or NDJSON, hashed as they are framed. */
  private async *frames(
    g: CompiledGrant,
    fields: string[],
    filter: Filter | null,
    format: 'csv' | 'ndjson',
    now: Date,
    dataHash: Hash,
    counted: { rows: number },
    job: JobContext,
  ): AsyncGenerator<Buffer> {
    const mask: RowMasker = this.maskers.masker(g, fields, now);
    const names = fields.map((f) => g.items.find((i) => i.code === f)!.name);
    const out = new DataFrameWriter((data) => dataHash.update(data));
    if (format === 'csv') yield* out.write(`${[...fields, '_disputed'].map(csvField).join(',')}\r\n`);
    const fetch = (after: string | null) => {
      const p = this.deps.datastore.scan(g.resourceId, {
        filter,
        limit: PAGE,
        ...(after !== null && { after }),
        items: names,
      });
      // Handled here when the build stops before awaiting it (the await below still sees a failure).
      p.catch(() => undefined);
      return p;
    };
    // One page ahead: the next page is read (on PostgreSQL, by the server) while this one is masked.
    let next: ReturnType<typeof fetch> | null = fetch(null);
    while (next) {
      job.signal.throwIfAborted();
      const page: Awaited<ReturnType<typeof fetch>> = await next;
      next = page.next ? fetch(page.next) : null;
      for (const r of page.rows) {
        const values = mask(r.values, r.key);
        let line: string;
        if (format === 'csv') {
          line = '';
          for (let i = 0; i < fields.length; i++) line += `${i ? ',' : ''}${csvField(values[fields[i]!])}`;
          line += r.disputed ? ',true\r\n' : ',\r\n';
        } else {
          // The masker's row is new per call; the flag goes last, as the key order of the format wants.
          if (r.disputed) values._disputed = true;
          line = `${JSON.stringify(values)}\n`;
        }
        counted.rows++;
        const done = out.write(line);
        if (done.length) yield* done;
      }
    }
    const last = out.end();
    if (last) yield last;
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
