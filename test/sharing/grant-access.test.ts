import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/kernel/index.js';
import type { Platform } from '../../src/server/platform.js';
import { testEngines } from '../support/engines.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, issueGrant, localDatePlus, partRequest, secondPlatform } from './grant-helpers.js';
import { buildSharingWorld, type SharingWorld } from './sharing-fixtures.js';

// The exchange's grant check: every 403 and 404 (other organisations, unbound clients, suspended, revoked,
// expired or not yet valid grants, addresses outside the ranges, methods not granted, filters and sorts on
// masked items), and revocation reaching another server process within a second.

const engines = await testEngines();

/** The AppError status and reason of a failed access check. */
async function denial(p: Promise<unknown>): Promise<[number, string | undefined]> {
  const e = (await p.then(
    () => null,
    (err: unknown) => err,
  )) as { status?: number; details?: { reason?: string } } | null;
  if (!e) throw new Error('expected a denial');
  return [e.status ?? 0, e.details?.reason];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(engines)('grant access on %s', (engine) => {
  let t: TestPlatform;
  let w: SharingWorld;
  let approverA: RequestContext;
  let grant: string;
  const b = () => ({ clientId: w.clientB, orgId: w.orgB, ip: '10.1.2.3' });

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    w = await buildSharingWorld(t);
    approverA = await ctxOf(t, w.tokens.approver);
    grant = await issueGrant(t, approverA, partRequest(w, 'population', { clientIds: [w.clientB] }), {
      items: [{ code: 'I001' }, { code: 'I003' }, { code: 'I004', mask: { kind: 'null' } }],
      rowFilter: { eq: { item: 'I003', value: '1' } },
      methods: ['api'],
      ipRanges: ['10.1.0.0/16'],
    });
  });
  afterAll(async () => t.close());

  it('compiles the grant: masks per item, the row filter, unmasked items for consumer filters', async () => {
    const c = await t.platform.sharing.grants.authorizeAccess(b(), grant, 'api');
    expect(c.resourceId).toBe(w.resources.population);
    expect(Object.fromEntries(c.masks)).toEqual({
      I001: { kind: 'idNumber', keepFirst: 1, keepLast: 2 },
      I003: { kind: 'clear' },
      I004: { kind: 'null' },
    });
    expect(c.items.map((i) => [i.code, i.name])).toEqual([
      ['I001', 'id_number'],
      ['I003', 'gender'],
      ['I004', 'birth_date'],
    ]);
    expect(c.rowFilter).toMatchObject({ op: 'eq', item: 'gender', value: '1' });
    expect([...c.allowedFilterItems]).toEqual(['gender']);
  });

  it('404 for unknown grants and other organisations', async () => {
    const g = t.platform.sharing.grants;
    expect(await denial(g.authorizeAccess(b(), '01900000-0000-7000-8000-000000000000', 'api'))).toEqual([
      404,
      undefined,
    ]);
    expect(
      await denial(g.authorizeAccess({ clientId: w.clientA, orgId: w.orgA, ip: '10.1.2.3' }, grant, 'api')),
    ).toEqual([404, undefined]);
    expect(
      await denial(g.authorizeAccess({ clientId: w.clientB, orgId: null, ip: '10.1.2.3' }, grant, 'api')),
    ).toEqual([404, undefined]);
  });

  it('403 for unbound clients, addresses outside the ranges and methods not granted', async () => {
    const g = t.platform.sharing.grants;
    expect(await denial(g.authorizeAccess({ ...b(), clientId: w.clientB2 }, grant, 'api'))).toEqual([
      403,
      'UNBOUND_CLIENT',
    ]);
    expect(await denial(g.authorizeAccess({ ...b(), clientId: null }, grant, 'api'))).toEqual([
      403,
      'UNBOUND_CLIENT',
    ]);
    expect(await denial(g.authorizeAccess({ ...b(), ip: '10.2.0.1' }, grant, 'api'))).toEqual([
      403,
      'IP_NOT_ALLOWED',
    ]);
    expect(await denial(g.authorizeAccess({ ...b(), ip: undefined }, grant, 'api'))).toEqual([
      403,
      'IP_NOT_ALLOWED',
    ]);
    await expect(g.authorizeAccess({ ...b(), ip: '::ffff:10.1.200.7' }, grant, 'api')).resolves.toBeDefined();
    expect(await denial(g.authorizeAccess(b(), grant, 'verification'))).toEqual([403, 'METHOD_NOT_GRANTED']);
  });

  it('403 before validFrom and after validUntil, even before the sweep expires it', async () => {
    const g = t.platform.sharing.grants;
    const later = await issueGrant(t, approverA, partRequest(w, 'population', { durationDays: 20 }), {
      items: [{ code: 'I003' }],
      validFrom: localDatePlus(t, 5),
    });
    expect(await denial(g.authorizeAccess(b(), later, 'api'))).toEqual([403, 'NOT_YET_VALID']);
    const short = await issueGrant(t, approverA, partRequest(w, 'population', { durationDays: 1 }), {
      items: [{ code: 'I003' }],
    });
    await expect(g.authorizeAccess(b(), short, 'api')).resolves.toBeDefined();
    const now = t.clock.now();
    t.clock.advance(86_400_000);
    try {
      expect(await denial(g.authorizeAccess(b(), short, 'api'))).toEqual([403, 'EXPIRED']);
      await sleep(300);
      await g.sweepOnce();
      expect(await denial(g.authorizeAccess(b(), short, 'api'))).toEqual([403, 'EXPIRED']);
    } finally {
      t.clock.set(now);
    }
  });

  it('consumer filters and sorts only on items granted unmasked (403), unknown items are 400', async () => {
    const g = t.platform.sharing.grants;
    const c = await g.authorizeAccess(b(), grant, 'api');
    expect(g.checkConsumerFilter(c, { eq: { item: 'I003', value: '2' } }, ['I003'])).toMatchObject({
      item: 'gender',
    });
    expect(g.checkConsumerFilter(c, null)).toBeNull();
    const fails = (f: unknown, sort: string[] = []) => {
      try {
        g.checkConsumerFilter(c, f as never, sort);
        return null;
      } catch (e) {
        const x = e as { status: number; details: { items?: string[] } };
        return [x.status, x.details.items ?? null];
      }
    };
    // Masked (I001, I004) and not granted at all (I002): filtering would reveal them.
    expect(fails({ eq: { item: 'I001', value: '330106199001010011' } })).toEqual([403, ['I001']]);
    expect(fails({ or: [{ isNull: { item: 'I004' } }, { eq: { item: 'I002', value: '张三' } }] })).toEqual([
      403,
      ['I002', 'I004'],
    ]);
    expect(fails(null, ['I004'])).toEqual([403, ['I004']]);
    expect(fails({ eq: { item: 'I099', value: 'x' } })).toEqual([400, null]);
    expect(fails(null, ['I099'])).toEqual([400, null]);
  });

  it('denies a suspended grant and allows it again once resumed, at once in the same process', async () => {
    const g = t.platform.sharing.grants;
    const id = await issueGrant(t, approverA, partRequest(w, 'population'), { items: [{ code: 'I003' }] });
    await expect(g.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
    // In the process that made the change, at once.
    await g.suspend(approverA, id, { reason: '核查' });
    expect(await denial(g.authorizeAccess(b(), id, 'api'))).toEqual([403, 'SUSPENDED']);
    await g.resume(approverA, id, { reason: '核查完毕' });
    await expect(g.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
  });

  describe('with a second server process on the same database', () => {
    let p2: Platform;
    beforeAll(async () => {
      p2 = await secondPlatform(t);
    });
    afterAll(async () => p2.close());

    it('denies a revoked grant in the other process for requests starting ≥ 1 s after the commit', async () => {
      const id = await issueGrant(t, approverA, partRequest(w, 'population'), { items: [{ code: 'I003' }] });
      // The other process caches the grant ...
      for (let i = 0; i < 3; i++)
        await expect(p2.sharing.grants.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
      // ... the first revokes it ...
      await t.platform.sharing.grants.revoke(approverA, id, { reason: '停止共享' });
      // ... and one real second later every request there is refused.
      await sleep(1000);
      expect(await denial(p2.sharing.grants.authorizeAccess(b(), id, 'api'))).toEqual([403, 'REVOKED']);
      // A burst of concurrent requests (sharing probes) is refused as a whole.
      const burst = await Promise.all(
        Array.from({ length: 20 }, () => denial(p2.sharing.grants.authorizeAccess(b(), id, 'api'))),
      );
      expect(new Set(burst.map((d) => d.join(':')))).toEqual(new Set(['403:REVOKED']));
      // Keep hammering for a while: it never comes back.
      for (let i = 0; i < 5; i++) {
        await sleep(60);
        expect(await denial(p2.sharing.grants.authorizeAccess(b(), id, 'api'))).toEqual([403, 'REVOKED']);
      }
    });

    it('caches compiled grants until the epoch moves (the epoch, not the row, invalidates)', async () => {
      const id = await issueGrant(t, approverA, partRequest(w, 'population'), { items: [{ code: 'I003' }] });
      // Past the probe interval, so this call reads the epoch the issue left and caches under it.
      await sleep(300);
      await expect(p2.sharing.grants.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
      // A change that bypasses the service (no epoch bump) stays unseen by the cache ...
      await sql`update sharing_grants set status = 'suspended' where id = ${id}`.execute(
        t.platform.db.kysely,
      );
      await sleep(400);
      await expect(p2.sharing.grants.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
      // ... until any grant change bumps the epoch.
      await issueGrant(t, approverA, partRequest(w, 'population'), { items: [{ code: 'I003' }] });
      await sleep(300);
      expect(await denial(p2.sharing.grants.authorizeAccess(b(), id, 'api'))).toEqual([403, 'SUSPENDED']);
    });

    it('suspension by the catalogue in one process reaches the other too', async () => {
      const approverC = await ctxOf(t, w.approverC);
      const id = await issueGrant(t, approverC, partRequest(w, 'property', { items: ['I001', 'I003'] }), {
        items: [{ code: 'I003' }],
      });
      await expect(p2.sharing.grants.authorizeAccess(b(), id, 'api')).resolves.toBeDefined();
      await t.platform.db.kysely.transaction().execute(async (tx) => {
        await t.platform.sharing.grants.catalogueListener.resourceWithdrawn!(tx, approverC, {
          resourceId: w.resources.property,
          code: 'x',
          orgId: w.orgC,
          reason: '测试',
        });
      });
      await sleep(1000);
      expect(await denial(p2.sharing.grants.authorizeAccess(b(), id, 'api'))).toEqual([403, 'SUSPENDED']);
    });
  });
});
