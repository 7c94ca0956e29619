import type { Hash } from 'node:crypto';
import { combineAnd, type Filter, type FilterJson } from '../datastore/index.js';
import type { JobContext } from '../jobs/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import { DataFrameWriter } from './domain/package-frames.js';
import type { PackageManifest } from './domain/package-manifest.js';
import type { ExchangeDeps } from './exchange.deps.js';
import type { PackageRow } from './packages.repository.js';
import {
  authorizeBuild,
  dataHashOf,
  finishPackage,
  packageJobHandler,
  recipientOf,
  sealPackage,
  watermarkId,
} from './package-job.js';
import type { GrantMaskers, RowMasker } from './row-masker.js';

// Building a package (a job): the same grant check as every exchange call (as the requester), one projected,
// filtered query per 1,000 rows in key order, masks, CSV or NDJSON framed, sealed to the consumer
// organisation's encryption key while streaming to a temporary file — memory stays bounded by a page — then
// renamed into place and marked ready with its evidence event and access row in one transaction.

/** The job type of package builds. */
export const PACKAGE_JOB = 'exchange.package.build';

const PAGE = 1000;

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
  /** The job handler. */
  readonly handler: ReturnType<typeof packageJobHandler>;

  constructor(
    private readonly deps: ExchangeDeps,
    private readonly maskers: GrantMaskers,
  ) {
    this.handler = packageJobHandler(deps, (row, ip, job) => this.build(row, ip, job));
  }

  private async build(row: PackageRow, ip: string | undefined, job: JobContext): Promise<unknown> {
    const g = await authorizeBuild(this.deps, row, ip);
    const fields = JSON.parse(row.fields) as string[];
    const consumer = this.deps.grants.checkConsumerFilter(
      g,
      row.filter === null ? null : (JSON.parse(row.filter) as FilterJson),
      [],
    );
    const recipient = await recipientOf(this.deps, row.consumer_org_id);
    const now = this.deps.clock.now();
    const data = dataHashOf(this.deps);
    const counted = { rows: 0 };
    const format = row.format;
    // Table builds run under PACKAGE_JOB only; a files row here is a bug, not a user error.
    if (format === 'files') throw new Error(`package ${row.id} is a files package`);
    const frames = this.frames(
      g,
      fields,
      combineAnd(g.rowFilter, consumer),
      format,
      now,
      data.hash,
      counted,
      job,
    );
    const sealed = await sealPackage(this.deps, row.id, recipient, frames, (): PackageManifest => ({
      v: 1,
      packageId: row.id,
      grantId: g.grantId,
      resourceId: g.resourceId,
      providerOrgId: g.providerOrgId,
      consumerOrgId: g.consumerOrgId,
      format,
      fields: fields.map((code) => ({
        code,
        name: g.items.find((i) => i.code === code)!.name,
        mask: g.masks.get(code) ?? null,
      })),
      filter: row.filter === null ? null : (JSON.parse(row.filter) as unknown),
      watermarkId: watermarkId(this.deps, g.grantId, row.id),
      recipientKeyId: recipient.id,
      createdAt: now.toISOString(),
      rows: counted.rows,
      dataDigest: { alg: data.alg, hex: data.hash.digest('hex') },
    }));
    const m = sealed.manifest;
    await finishPackage(this.deps, row, g, sealed, now, {
      format,
      fields: fields.join(','),
      rows: m.rows,
      details: {
        fields: fields.join(','),
        rows: m.rows,
        dataDigest: `${m.dataDigest.alg}:${m.dataDigest.hex}`,
        watermarkId: m.watermarkId,
      },
    });
    return { rows: m.rows, bytes: sealed.bytes };
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
