import path from 'node:path';
import {
  anonymousContext,
  newId,
  openPostgres,
  openSqlite,
  type RequestContext,
} from '../../src/kernel/index.js';
import type { GrantScope, PartRequest } from '../../src/modules/sharing/index.js';
import { createPlatform, type Platform } from '../../src/server/platform.js';
import type { TestPlatform } from '../support/platform.js';
import type { SharingWorld } from './sharing-fixtures.js';

// Helpers of the grants suites: part requests built from the sharing world's published resources, grants
// issued through the real GrantsService (as the review workflow does, inside one transaction), and a second
// platform on the same database (another server process, as far as caches are concerned).

/** A service context for a bearer token (the same verification as HTTP). */
export async function ctxOf(t: TestPlatform, token: string): Promise<RequestContext> {
  return {
    ...anonymousContext(newId(), '127.0.0.1'),
    actor: await t.platform.identity.authenticate(token, '127.0.0.1'),
  };
}

/** A part request of org B (consumer) for a resource of the world, with both of org B's clients. */
export function partRequest(
  w: SharingWorld,
  resource: keyof SharingWorld['resources'],
  over: Partial<PartRequest> = {},
): PartRequest {
  return {
    applicationId: newId(),
    partId: newId(),
    resourceId: w.resources[resource],
    providerOrgId: resource === 'property' ? w.orgC : w.orgA,
    consumerOrgId: w.orgB,
    items: ['I001', 'I002', 'I003', 'I004'],
    methods: ['api', 'verification'],
    durationDays: 365,
    clientIds: [w.clientB, w.clientB2],
    purpose: '最低生活保障资格审核',
    ...over,
  };
}

/** Checks a proposed scope only (no grant), in a transaction of the platform. */
export async function checkScope(t: TestPlatform, req: PartRequest, proposed: unknown): Promise<GrantScope> {
  return t.platform.db.kysely
    .transaction()
    .execute((tx) => t.platform.sharing.grants.checkScope(tx, req, proposed));
}

/** Checks and issues a grant as `ctx` (an approver, the bureau or the platform) in one transaction. */
export async function issueGrant(
  t: TestPlatform,
  ctx: RequestContext,
  req: PartRequest,
  proposed: unknown = 'defaults',
): Promise<string> {
  return t.platform.db.kysely.transaction().execute(async (tx) => {
    const scope = await t.platform.sharing.grants.checkScope(tx, req, proposed);
    return (await t.platform.sharing.grants.issue(tx, ctx, req, scope)).grantId;
  });
}

/** A second platform on the test platform's database (its own pool, caches and services). */
export async function secondPlatform(t: TestPlatform): Promise<Platform> {
  const db =
    t.engine === 'postgres'
      ? openPostgres(t.testDb.url!, 3)
      : openSqlite(path.join(t.testDb.dataDir, 'orderly.db'));
  return createPlatform(t.platform.config, { clock: t.clock, db });
}

/** Today's local date of the test clock plus n days. */
export function localDatePlus(t: TestPlatform, days: number): string {
  const d = new Date(t.clock.now().getTime() + 8 * 3_600_000 + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
