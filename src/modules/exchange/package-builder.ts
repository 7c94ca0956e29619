import type { Hash } from 'node:crypto';
import { cellKeysData, combineAnd, type Filter, type FilterJson } from '../datastore/index.js';
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
import { headerLine } from './package-lines.js';
import { PageRenderer } from './package-render.js';
import { maskKeysOf } from './records.service.js';
import type { GrantMaskers } from './row-masker.js';

// Building a package (a job): the same grant check as every exchange call (as the requester), one projected,
// filtered query per 1,000 rows in key order, masks, CSV or NDJSON framed, sealed to the consumer
// organisation's encryption key while streaming to a temporary file — memory stays bounded by a page — then
// renamed into place and marked ready with its evidence event and access row in one transaction.

/** The job type of package builds. */
export const PACKAGE_JOB = 'exchange.package.build';

const PAGE = 1000;
/** Pages rendering at once (the worker's queue lets it open some pages' cells itself). */
const IN_FLIGHT = 3;

/** Builds packages; `handler` is the job handler. */
export class PackageBuilder {
  /** The job handler. */
  readonly handler: ReturnType<typeof packageJobHandler>;
  /** Renders pages on a second core (package-render.ts). */
  readonly renderer: PageRenderer;

  constructor(
    private readonly deps: ExchangeDeps,
    maskers: GrantMaskers,
    threads = true,
  ) {
    this.handler = packageJobHandler(deps, (row, ip, job) => this.build(row, ip, job));
    this.renderer = new PageRenderer(maskers, threads);
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
    const out = new DataFrameWriter((data) => dataHash.update(data));
    const header = headerLine(fields, format);
    if (header) yield* out.write(header);
    const items = fields.map((f) => g.items.find((i) => i.code === f)!.name);
    const fetch = (after: string | null) => {
      const p = this.deps.datastore.scanStored(g.resourceId, {
        filter,
        limit: PAGE,
        ...(after !== null && { after }),
        items,
      });
      // Handled here when the build stops before awaiting it (the await below still sees a failure).
      p.catch(() => undefined);
      return p;
    };
    const keys = maskKeysOf(this.deps);
    const cells = await this.deps.datastore.cellKeys(g.resourceId);
    const session = this.renderer.open(
      {
        grant: { grantId: g.grantId, items: g.items, masks: g.masks, tolerant: g.tolerant },
        fields,
        format,
        now: now.toISOString(),
        profile: this.deps.cryptoProfile,
        pseudonymSecret: keys.pseudonymSecret,
        digestSecret: keys.digestSecret,
        watermarkSecret: keys.watermarkSecret,
        cells: cellKeysData(cells),
      },
      cells,
    );
    try {
      // A pipeline three pages deep: while pages n and n + 1 wait for or are in the worker, page n + 2 is read
      // (and its cells opened, here or in the worker: package-render.ts) and page n + 3's read is under way.
      const rendering: Promise<Uint8Array>[] = [];
      let next: ReturnType<typeof fetch> | null = fetch(null);
      while (next || rendering.length) {
        job.signal.throwIfAborted();
        if (next) {
          const page: Awaited<ReturnType<typeof fetch>> = await next;
          next = page.next ? fetch(page.next) : null;
          counted.rows += page.page.keys.length;
          const text = session.render(page.page);
          text.catch(() => undefined);
          rendering.push(text);
          if (next && rendering.length < IN_FLIGHT) continue;
        }
        const done = out.writeBytes(await rendering.shift()!);
        if (done.length) yield* done;
      }
    } finally {
      session.close();
    }
    const last = out.end();
    if (last) yield last;
  }
}
