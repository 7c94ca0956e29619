import {
  AppError,
  fieldError,
  getProfile,
  parseInput,
  sha256,
  shanghaiDate,
  signDetachedJws,
  keyFingerprint,
  type RequestContext,
} from '../../kernel/index.js';
import { combineAnd, type FilterJson } from '../datastore/index.js';
import type { GroupCommit } from '../evidence/index.js';
import type { AccessCaller, CompiledGrant } from '../sharing/index.js';
import type { MaskKeys } from './domain/row-masks.js';
import type { GrantMaskers } from './row-masker.js';
import { RateWindows } from './domain/rate-window.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { recordsQuery, referenceHeaders } from './exchange.schemas.js';
import type { AccessRow } from './access.repository.js';
import { grantedFields, rowsAllowedToday } from './grant-admission.js';
import { accessBatch } from './access-batch.js';

// The governed read (docs/exchange.md "Hot path"): the grant check (cached, revoke-aware) → the consumer's
// fields and filter admitted against the grant → the daily quota → one indexed, projected query (encrypted
// items outside the projection are never decrypted) → masks → the body, signed over its exact bytes → the
// access event, group-committed and durable → the response carrying the signature and the event id.

/** A signed response: the exact body bytes and the headers that go with them. */
export interface SignedBody {
  body: Buffer;
  headers: Record<string, string>;
}

/** Who calls, as the grant check sees it: an API client, or a console user ("my data"). */
export function callerOf(ctx: RequestContext): AccessCaller {
  const base = { orgId: ctx.actor.orgId, ip: ctx.ip };
  if (ctx.actor.kind === 'client') return { ...base, clientId: ctx.actor.id };
  if (ctx.actor.kind === 'user' && ctx.actor.id)
    return { ...base, clientId: null, user: { id: ctx.actor.id, roles: ctx.actor.roles } };
  throw new AppError('FORBIDDEN', 'The exchange API is for API clients and consumer users.');
}

/** Seconds until the next midnight in Asia/Shanghai (when daily quotas reset). */
export function secondsToShanghaiMidnight(now: Date): number {
  const shanghai = now.getTime() + 8 * 3_600_000;
  const next = (Math.floor(shanghai / 86_400_000) + 1) * 86_400_000;
  return Math.max(1, Math.ceil((next - shanghai) / 1000));
}

/** The records API of the exchange. */
export class RecordsService {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly evidence: GroupCommit,
    private readonly maskers: GrantMaskers,
    private readonly rates: GrantRates,
  ) {}

  /** One page of a grant's records, masked, signed and recorded. */
  async records(
    ctx: RequestContext,
    grantId: string,
    query: unknown,
    headers: Record<string, unknown>,
  ): Promise<SignedBody> {
    const q = parseInput(recordsQuery, query);
    const refs = parseInput(referenceHeaders, pick(headers));
    const g = await this.deps.grants.authorizeAccess(callerOf(ctx), grantId, 'api');
    const granted = new Map(g.items.map((i) => [i.code, i]));
    const fields = grantedFields(g, q.fields);
    this.rates.take(g, 1, this.deps.clock.now());
    const sort = (q.sort ?? []).map((s) => ({ code: s.replace(/^-/, ''), desc: s.startsWith('-') }));
    const consumer = this.deps.grants.checkConsumerFilter(
      g,
      parseFilterText(q.filter),
      sort.map((s) => s.code),
    );
    const filter = combineAnd(g.rowFilter, consumer);

    const now = this.deps.clock.now();
    const day = shanghaiDate(now);
    const limit = await rowsAllowedToday(this.deps, g, q.limit, now);

    const page = await this.deps.datastore.query(g.resourceId, {
      filter,
      limit,
      ...(q.cursor && { after: q.cursor }),
      items: fields.map((f) => granted.get(f)!.name),
      // Admitted above: granted unmasked, plain items only, so the order reveals nothing masked.
      sort: sort.map((s) => ({ item: granted.get(s.code)!.name, desc: s.desc })),
    });
    const mask = this.maskers.masker(g, fields, now);
    const masked = mask.rows(page.rows);
    const items = page.rows.map((r, i) => ({
      ...masked[i]!,
      ...(r.disputed && { _disputed: true }),
    }));
    const body = Buffer.from(JSON.stringify({ grantId, items, next: page.next }), 'utf8');
    const key = this.deps.keyring.current('response');
    const signature = signDetachedJws(key, keyFingerprint(key), body);
    const digest = sha256(body).toString('hex');
    const eventId = await this.evidence.record(
      ctx,
      {
        action: 'exchange.records',
        subjectType: 'grant',
        subjectId: grantId,
        orgId: g.consumerOrgId,
        // A court given the body can recompute this digest and, with the salt, the event's change digest.
        change: { bodySha256: digest },
        details: {
          resourceId: g.resourceId,
          clientId: ctx.actor.kind === 'client' ? ctx.actor.id : null,
          caseId: refs['x-orderly-case-id'] ?? null,
          userId: refs['x-orderly-user-id'] ?? null,
          fields: fields.join(','),
          rows: items.length,
          bodySha256: digest,
        },
      },
      {
        writer: accessBatch,
        data: {
          row: accessRow(ctx, g, '', now, 'records', refs, fields, items.length, 0),
          day,
          usage: { calls: 1, rows: items.length, subjects: 0 },
        },
      },
    );
    return {
      body,
      headers: {
        'x-orderly-signature': signature,
        'x-orderly-evidence-id': eventId,
        'cache-control': 'no-store',
      },
    };
  }
}

/** The masking keys of the platform's crypto profile. */
export function maskKeysOf(deps: ExchangeDeps): MaskKeys {
  const profile = getProfile(deps.cryptoProfile);
  return {
    hmac: (k, d) => profile.hmac(k, d),
    cmac: (k) => profile.cmac(k),
    pseudonymSecret: deps.keyring.secret('pseudonym'),
    digestSecret: deps.keyring.secret('digest'),
    watermarkSecret: deps.keyring.secret('watermark'),
  };
}

function pick(headers: Record<string, unknown>): Record<string, unknown> {
  return {
    'x-orderly-case-id': headers['x-orderly-case-id'],
    'x-orderly-user-id': headers['x-orderly-user-id'],
  };
}

function parseFilterText(text: string | undefined): FilterJson | null {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as FilterJson;
  } catch {
    throw fieldError('filter', 'INVALID_JSON', 'filter must be JSON (docs/filter-language.md)');
  }
}

/** The access index row of an exchange call (written with its event). */
export function accessRow(
  ctx: RequestContext,
  g: CompiledGrant,
  eventId: string,
  at: Date,
  method: AccessRow['method'],
  refs: { 'x-orderly-case-id'?: string | undefined; 'x-orderly-user-id'?: string | undefined },
  fields: readonly string[],
  rows: number,
  subjects: number,
): AccessRow {
  return {
    event_id: eventId,
    at: at.toISOString(),
    grant_id: g.grantId,
    resource_id: g.resourceId,
    provider_org_id: g.providerOrgId,
    consumer_org_id: g.consumerOrgId,
    method,
    caller_kind: ctx.actor.kind,
    caller_id: ctx.actor.id ?? '',
    case_id: refs['x-orderly-case-id'] ?? null,
    user_ref: refs['x-orderly-user-id'] ?? null,
    fields: fields.join(','),
    rows,
    subjects,
  };
}

/** The grants' per-minute rate limits in this process (domain/rate-window.ts). */
export class GrantRates {
  private readonly windows = new RateWindows();
  private takes = 0;

  /** Takes `n` units of the grant's per-minute limit, or throws 429 with Retry-After. */
  take(g: CompiledGrant, n: number, now: Date): void {
    const limit = g.scope.rateLimitPerMinute;
    if (limit === null) return;
    const t = now.getTime();
    if (++this.takes % 1024 === 0) this.windows.prune(t);
    const r = this.windows.take(g.grantId, n, limit, t);
    if (!r.ok)
      throw new AppError('RATE_LIMITED', `The grant allows ${limit} per minute.`, {
        retryAfter: r.retryAfter,
      });
  }
}
