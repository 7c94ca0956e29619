import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import type { Catalogue } from './catalogue.js';
import { diffQuery, reviewSchema, searchQuery, withdrawSchema } from './catalogue.schemas.js';
import { detectSample, detectSchema } from './detect.service.js';
import { dcatQuery, exportQuery } from './export.service.js';
import { fileQuery, MAX_FILE_BYTES } from './files.service.js';
import { policyPutSchema } from './policy.service.js';

const refParams = z.object({ ref: z.string().min(1).max(100) });
const idParams = z.object({ id: z.uuid('must be a resource id') });
const versionParams = z.object({ ref: z.string().min(1).max(100), n: z.coerce.number().int().min(1) });
const fileParams = z.object({ id: z.uuid('must be a resource id'), name: z.string().min(1).max(200) });
// The document itself is validated by the service (it needs the policy table), so the edge passes it on.
const anyBody = z.record(z.string(), z.unknown());

/** Catalogue routes. */
export function catalogueRoutes(c: Catalogue): RouteDef[] {
  const T = ['catalogue'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources',
      summary: 'Search and browse resources (two-character Chinese queries, synonyms, facets)',
      tags: T,
      auth: 'user',
      query: searchQuery,
      handler: ({ ctx, query }) => c.browse.search(ctx, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/resources',
      summary: 'Register a resource as a draft (steward of the provider)',
      tags: T,
      auth: 'user',
      body: anyBody,
      status: 201,
      handler: ({ ctx, body }) => c.resources.create(ctx, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:ref',
      summary: 'One resource by id or code',
      tags: T,
      auth: 'user',
      params: refParams,
      handler: ({ ctx, params }) => c.browse.get(ctx, params.ref),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/catalogue/resources/:id',
      summary: 'Edit the draft, or open a new version of a published resource (steward)',
      tags: T,
      auth: 'user',
      params: idParams,
      body: anyBody,
      handler: ({ ctx, params, body }) => c.resources.update(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/resources/:id/submit',
      summary: 'Send the latest version to the bureau (steward)',
      tags: T,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => c.resources.submit(ctx, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/resources/:id/review',
      summary: 'Approve (publish) or return with comments (bureau reviewer)',
      tags: T,
      auth: 'user',
      params: idParams,
      body: reviewSchema,
      handler: ({ ctx, params, body }) => c.resources.review(ctx, params.id, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/resources/:id/withdraw',
      summary: 'Withdraw with a reason (steward of the provider or bureau reviewer)',
      tags: T,
      auth: 'user',
      params: idParams,
      body: withdrawSchema,
      handler: ({ ctx, params, body }) => c.resources.withdraw(ctx, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:ref/versions',
      summary: 'Version history',
      tags: T,
      auth: 'user',
      params: refParams,
      handler: ({ ctx, params }) => c.browse.versions(ctx, params.ref),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:ref/versions/:n',
      summary: 'One version with its document',
      tags: T,
      auth: 'user',
      params: versionParams,
      handler: ({ ctx, params }) => c.browse.version(ctx, params.ref, params.n),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:ref/diff',
      summary: 'Items added, removed, retyped and restricted between two versions',
      tags: T,
      auth: 'user',
      params: refParams,
      query: diffQuery,
      handler: ({ ctx, params, query }) => c.browse.diff(ctx, params.ref, query.from, query.to),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/dcat',
      summary: 'The open catalogue as DCAT-AP 3 (Turtle or JSON-LD by Accept or ?format=ttl|jsonld; public)',
      tags: T,
      auth: 'public',
      query: dcatQuery,
      handler: async ({ query, headers }) => {
        const accept = typeof headers.accept === 'string' ? headers.accept : undefined;
        const d = await c.exports.publicDcat(query, accept);
        return rawReply(d.contentType, d.body, 200, { vary: 'accept', 'x-dataset-count': String(d.count) });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/export',
      summary: 'The full published catalogue for an upper-level platform (ttl | jsonld | json)',
      tags: T,
      auth: 'user',
      query: exportQuery,
      handler: async ({ ctx, query }) => {
        const d = await c.exports.fullExport(ctx, query);
        return rawReply(d.contentType, d.body, 200, { 'x-dataset-count': String(d.count) });
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/detect',
      summary: 'Suggest items (type, PII kind, level, mask) from a CSV sample (steward; nothing is stored)',
      tags: T,
      auth: 'user',
      body: detectSchema,
      handler: async ({ ctx, body }) => detectSample(ctx, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/review-queue',
      summary: 'Versions waiting for the bureau, oldest first (reviewer)',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => c.browse.reviewQueue(ctx),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/policy',
      summary: 'The level policy table in force',
      tags: T,
      auth: 'user',
      handler: ({ ctx }) => c.policy.get(ctx),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/catalogue/policy',
      summary: 'Replace the level policy table (secadmin; send the revision you read)',
      tags: T,
      auth: 'user',
      body: policyPutSchema,
      handler: ({ ctx, body }) => c.policy.put(ctx, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/catalogue/resources/:id/files',
      summary: 'Attach a file to a file resource (application/octet-stream; steward)',
      tags: T,
      auth: 'user',
      params: idParams,
      query: fileQuery,
      rawBody: { contentType: 'application/octet-stream', maxBytes: MAX_FILE_BYTES },
      consumes: ['application/octet-stream'],
      status: 201,
      handler: ({ ctx, params, body, query }) =>
        c.files.upload(ctx, params.id, body as unknown as Buffer, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:ref/files',
      summary: "A file resource's files with their digests",
      tags: T,
      auth: 'user',
      params: refParams,
      handler: async ({ ctx, params }) => c.files.list((await c.browse.get(ctx, params.ref)).id),
    }),
    route({
      method: 'GET',
      url: '/api/v1/catalogue/resources/:id/files/:name',
      summary: "Download a file (the provider's stewards)",
      tags: T,
      auth: 'user',
      params: fileParams,
      handler: async ({ ctx, params }) => {
        const { file, bytes } = await c.files.download(ctx, params.id, params.name);
        return rawReply(file.mediaType, bytes, 200, {
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          digest: `sha-256=${Buffer.from(file.digest.slice(7), 'hex').toString('base64')}`,
        });
      },
    }),
  ];
}
