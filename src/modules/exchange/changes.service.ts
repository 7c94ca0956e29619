import {
  fieldError,
  keyFingerprint,
  parseInput,
  sha256,
  shanghaiDate,
  signDetachedJws,
  type RequestContext,
} from '../../kernel/index.js';
import type { GroupCommit } from '../evidence/index.js';
import { accessRepo } from './access.repository.js';
import { decodeCursor, encodeCursor } from './domain/change-feed.js';
import type { ChangeFeed } from './changes.feed.js';
import type { ExchangeDeps } from './exchange.deps.js';
import { changesQuery, referenceHeaders } from './exchange.schemas.js';
import { accessRow, callerOf, type GrantRates, type SignedBody } from './records.service.js';
import { grantedFields, rowsAllowedToday } from './grant-admission.js';
import { usageRepo } from './usage.repository.js';

// Pulling a grant's changes (docs/subscriptions.md): the same governed path as a records page — the grant
// check with the `subscription` method, fields within the grant, the rate and daily row limits — then a page
// of the change feed, signed over its exact bytes and recorded as an `exchange.changes` access event through
// the group commit, so access events equal successful responses.

/** The pull API of grants' change feeds. */
export class ChangesService {
  constructor(
    private readonly deps: ExchangeDeps,
    private readonly evidence: GroupCommit,
    private readonly feed: ChangeFeed,
    private readonly rates: GrantRates,
  ) {}

  /** One page of a grant's changes after a cursor (from the grant's activation without one). */
  async changes(
    ctx: RequestContext,
    grantId: string,
    query: unknown,
    headers: Record<string, unknown>,
  ): Promise<SignedBody> {
    const q = parseInput(changesQuery, query);
    const refs = parseInput(referenceHeaders, {
      'x-orderly-case-id': headers['x-orderly-case-id'],
      'x-orderly-user-id': headers['x-orderly-user-id'],
    });
    const g = await this.deps.grants.authorizeAccess(callerOf(ctx), grantId, 'subscription');
    const fields = grantedFields(g, q.fields);
    const cursor = q.cursor === undefined ? null : decodeCursor(q.cursor);
    if (q.cursor !== undefined && cursor === null)
      throw fieldError('cursor', 'INVALID', 'cursor must be a cursor this API returned');
    const now = this.deps.clock.now();
    this.rates.take(g, 1, now);
    const day = shanghaiDate(now);
    const limit = await rowsAllowedToday(this.deps, g, q.limit, now);
    const after = cursor ?? (await this.feed.start(g));
    const page = await this.feed.read(g, fields, after, limit, now);
    const body = Buffer.from(
      JSON.stringify({
        grantId,
        changes: page.changes,
        next: encodeCursor(page.next),
        hasMore: page.hasMore,
      }),
      'utf8',
    );
    const key = this.deps.keyring.current('response');
    const signature = signDetachedJws(key, keyFingerprint(key), body);
    const digest = sha256(body).toString('hex');
    const n = page.changes.length;
    const eventId = await this.evidence.record(
      ctx,
      {
        action: 'exchange.changes',
        subjectType: 'grant',
        subjectId: grantId,
        orgId: g.consumerOrgId,
        change: { bodySha256: digest },
        details: {
          resourceId: g.resourceId,
          clientId: ctx.actor.kind === 'client' ? ctx.actor.id : null,
          caseId: refs['x-orderly-case-id'] ?? null,
          userId: refs['x-orderly-user-id'] ?? null,
          fields: fields.join(','),
          after,
          next: page.next,
          rows: n,
          bodySha256: digest,
        },
      },
      async (tx, eventId) => {
        await usageRepo.add(tx, grantId, day, { calls: 1, rows: n, subjects: 0 });
        await accessRepo.insert(tx, accessRow(ctx, g, eventId, now, 'changes', refs, fields, n, 0));
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
