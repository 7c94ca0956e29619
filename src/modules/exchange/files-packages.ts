import { AppError, conflict, newId, validationError, type RequestContext } from '../../kernel/index.js';
import type { CompiledGrant } from '../sharing/index.js';
import type { ExchangeDeps } from './exchange.deps.js';
import type { createPackageBody } from './packages.schemas.js';
import { packagesRepo, type PackageRow } from './packages.repository.js';
import type { z } from 'zod';

// Packages of file resources (docs/packages.md "File resources"): the request side. A file resource is
// delivered as its files — whole, as the catalogue stores them — so the table options (format, fields,
// filter) are refused, and the grant must cover every item of the resource in clear: the files carry them all.
// The row keeps format `files` and the requested file names where a table package keeps its item codes.

/** The job type of files package builds (FilesPackageBuilder). */
export const FILES_PACKAGE_JOB = 'exchange.package.files.build';

/** A package row of a file resource (`fields` holds the JSON array of file names). */
export type FilesPackageRow = Omit<PackageRow, 'format'> & { format: 'files' };

/** Whether the grant's resource is a file resource (as published). */
export async function isFileResource(deps: ExchangeDeps, resourceId: string): Promise<boolean> {
  const r = await deps.catalogue.browse.published(resourceId);
  return r?.doc.format === 'file';
}

/** 403 unless the grant covers every item of the resource unmasked (a file cannot be masked or projected). */
export function assertFilesDeliverable(g: CompiledGrant): void {
  const hidden = g.resourceItems.filter((i) => !g.allowedFilterItems.has(i.name)).map((i) => i.code);
  if (hidden.length)
    throw new AppError(
      'FORBIDDEN',
      'The files carry every item of the resource; the grant does not cover them all in clear.',
      { reason: 'FILES_NEED_ALL_ITEMS', items: hidden },
    );
}

/** Checks a files package request of an authorized grant, queues its build; the row as stored. */
export async function createFilesPackage(
  deps: ExchangeDeps,
  ctx: RequestContext,
  g: CompiledGrant,
  v: z.output<typeof createPackageBody>,
): Promise<PackageRow> {
  const misplaced = (['format', 'fields', 'filter'] as const).filter((k) => v[k] !== undefined);
  if (misplaced.length)
    throw validationError(
      misplaced.map((k) => ({
        field: k,
        code: 'NOT_FOR_FILES',
        message: `a file resource is delivered as its files: ${k} does not apply (name files instead, or none for all)`,
      })),
      'A file resource is delivered as its files; format, fields and filter do not apply.',
    );
  assertFilesDeliverable(g);
  const current = await deps.catalogue.files.list(g.resourceId);
  let names: string[];
  if (v.files) {
    const have = new Set(current.map((f) => f.name));
    const unknown = v.files.flatMap((name, i) => (have.has(name) ? [] : [{ name, i }]));
    if (unknown.length)
      throw validationError(
        unknown.map(({ name, i }) => ({
          field: `files[${i}]`,
          code: 'UNKNOWN_FILE',
          message: `the resource has no file ${name}`,
        })),
      );
    names = v.files;
  } else {
    if (!current.length) throw conflict('The resource has no files yet.');
    names = current.map((f) => f.name);
  }
  const row: FilesPackageRow = {
    id: newId(),
    grant_id: g.grantId,
    resource_id: g.resourceId,
    consumer_org_id: g.consumerOrgId,
    provider_org_id: g.providerOrgId,
    requester_kind: ctx.actor.kind === 'client' ? 'client' : 'user',
    requester_id: ctx.actor.id!,
    format: 'files',
    fields: JSON.stringify(names),
    filter: null,
    status: 'queued',
    rows: null,
    bytes: null,
    file_sha256: null,
    manifest: null,
    error: null,
    created_at: deps.clock.now().toISOString(),
    ready_at: null,
    expires_at: null,
  };
  await deps.db.kysely.transaction().execute(async (tx) => {
    await packagesRepo.insert(tx, row);
    await deps.jobs.enqueue(
      tx,
      FILES_PACKAGE_JOB,
      { packageId: row.id, ...(ctx.ip && { ip: ctx.ip }) },
      { idempotencyKey: `package:${row.id}`, maxAttempts: 5 },
    );
    await deps.audit.record(tx, ctx, {
      action: 'exchange.package.request',
      subjectType: 'package',
      subjectId: row.id,
      orgId: g.consumerOrgId,
      details: { grantId: g.grantId, resourceId: g.resourceId, format: 'files', files: names.join(',') },
    });
  });
  return row;
}
