import { z } from 'zod';
import { rawReply, route, type RouteDef } from '../../kernel/index.js';
import type { LedgerService } from './ledger.service.js';
import { notariseFileQuery, notariseSchema, type NotarisationService } from './notarisation.service.js';
import {
  checkpointsQuery,
  consistencyQuery,
  cosignatureSchema,
  entriesQuery,
  inclusionQuery,
  quorumSchema,
  witnessReportSchema,
  witnessSchema,
} from './ledger.schemas.js';

const idParams = z.object({ id: z.uuid('must be an id') });
const MAX_UPLOAD = 50 * 1024 * 1024;

/** Ledger and notarisation routes. Reads and proofs are public: anyone may verify. */
export function ledgerRoutes(l: LedgerService, n: NotarisationService): RouteDef[] {
  const T = ['ledger'];
  const E = ['evidence'];
  return [
    route({
      method: 'GET',
      url: '/api/v1/ledger/checkpoint',
      summary: 'The latest signed checkpoint (C2SP signed note) with cosignatures so far',
      tags: T,
      auth: 'public',
      handler: async () => rawReply('text/plain; charset=utf-8', await l.latestCheckpoint()),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/checkpoints',
      summary: 'Checkpoints from a tree size on',
      tags: T,
      auth: 'public',
      query: checkpointsQuery,
      handler: ({ query }) => l.checkpoints(query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/keys',
      summary: "The log's verifier keys (note format and PEM), witnesses and quorum",
      tags: T,
      auth: 'public',
      handler: () => l.keys(),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/proof/inclusion',
      summary: 'Inclusion proof (RFC 9162) of a leaf by index or leaf hash',
      tags: T,
      auth: 'public',
      query: inclusionQuery,
      handler: ({ query }) => l.inclusion(query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/proof/consistency',
      summary: 'Consistency proof (RFC 9162) between two tree sizes',
      tags: T,
      auth: 'public',
      query: consistencyQuery,
      handler: ({ query }) => l.consistency(query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/entries',
      summary: 'Entries: leaf bodies for auditors, leaf hashes for everyone',
      tags: T,
      auth: 'optional',
      query: entriesQuery,
      handler: ({ ctx, query }) => l.entries(ctx, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/ledger/witnesses',
      summary: 'Registered witnesses and their last cosignature',
      tags: T,
      auth: 'public',
      handler: () => l.witnesses(),
    }),
    route({
      method: 'POST',
      url: '/api/v1/ledger/witnesses',
      summary: "Register a witness's verifier key (secadmin)",
      tags: T,
      auth: 'user',
      body: witnessSchema,
      status: 201,
      handler: ({ ctx, body }) => l.registerWitness(ctx, body),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/ledger/quorum',
      summary: 'Set the witness quorum k (secadmin)',
      tags: T,
      auth: 'user',
      body: quorumSchema,
      handler: ({ ctx, body }) => l.setQuorum(ctx, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/ledger/cosignatures',
      summary: 'Submit a witness cosignature (authenticated by the witness key)',
      tags: T,
      auth: 'public',
      body: cosignatureSchema,
      status: 201,
      rateLimitPerMinute: 600,
      handler: ({ ctx, body }) => l.submitCosignature(ctx, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/ledger/witness-reports',
      summary: 'A witness reports a consistency failure or split view (signed by the witness key)',
      tags: T,
      auth: 'public',
      body: witnessReportSchema,
      status: 201,
      rateLimitPerMinute: 60,
      handler: ({ ctx, body }) => l.witnessReport(ctx, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evidence/notarisations',
      summary: 'Notarise a digest (answers once the entry is in a signed checkpoint, with a receipt)',
      tags: E,
      auth: 'user',
      body: notariseSchema,
      status: 201,
      handler: ({ ctx, body }) => n.notarise(ctx, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/evidence/notarisations/file',
      summary: 'Notarise an uploaded file (application/octet-stream; only its digest is kept)',
      tags: E,
      auth: 'user',
      query: notariseFileQuery,
      rawBody: { contentType: 'application/octet-stream', maxBytes: MAX_UPLOAD },
      consumes: ['application/octet-stream'],
      status: 201,
      handler: ({ ctx, body, query }) => n.notariseFile(ctx, body as unknown as Buffer, query),
    }),
    route({
      method: 'GET',
      url: '/api/v1/evidence/notarisations/:id',
      summary: 'A receipt, upgraded to the newest cosigned checkpoint',
      tags: E,
      auth: 'user',
      params: idParams,
      handler: ({ ctx, params }) => n.receipt(ctx, params.id),
    }),
  ];
}
