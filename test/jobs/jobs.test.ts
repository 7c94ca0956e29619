import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Db } from '../../src/kernel/index.js';
import { JobRunner, JobsService, backoffMs } from '../../src/modules/jobs/index.js';
import { testEngines } from '../support/engines.js';
import { call, login, startTestPlatform, type TestPlatform } from '../support/platform.js';

const engines = await testEngines();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(engines)('job runner on %s', (engine) => {
  let t: TestPlatform;
  let jobs: JobsService;
  const deps = () => ({ db: t.platform.db, audit: t.platform.audit, clock: t.clock });
  const enqueue = (type: string, payload: unknown, opts = {}) =>
    t.platform.db.kysely.transaction().execute((tx) => jobs.enqueue(tx, type, payload, opts));

  beforeAll(async () => {
    t = await startTestPlatform(engine);
    jobs = t.platform.jobs;
  });
  afterAll(async () => t.close());

  it('runs a job and keeps its result', async () => {
    const r = new JobRunner(deps(), jobs, { random: () => 0 });
    r.register('t.echo', async (p) => ({ echoed: p }));
    const job = await enqueue('t.echo', { n: 1 });
    expect(await r.runOnce()).toBe(true);
    const sys = await login(t, 'sysadmin');
    const got = (await call(t, 'GET', `/api/v1/jobs/${job.id}`, sys)).json();
    expect(got.status).toBe('succeeded');
    expect(got.result).toEqual({ echoed: { n: 1 } });
    expect(got.attempts).toBe(1);
  });

  it('a started runner picks up a job enqueued here at once, not at its next poll, even after a slow commit', async () => {
    // A poll interval no test would wait for: only the wake-up on enqueue can run these jobs.
    const r = new JobRunner(deps(), jobs, { pollMs: 600_000 });
    const ran: number[] = [];
    r.register('t.wake', async (p) => {
      ran.push((p as { n: number }).n);
    });
    r.start();
    try {
      await sleep(50); // the first loop found nothing and went to sleep for ten minutes
      await enqueue('t.wake', { n: 1 });
      await t.platform.db.kysely.transaction().execute(async (tx) => {
        await jobs.enqueue(tx, 't.wake', { n: 2 });
        await sleep(150); // the runner polls meanwhile and sees nothing until this commits
      });
      for (let i = 0; i < 200 && ran.length < 2; i++) await sleep(25);
      expect(ran.sort()).toEqual([1, 2]);
    } finally {
      await r.stop();
    }
  });

  it('retries with exponential backoff on the injected clock, then dead-letters', async () => {
    const r = new JobRunner(deps(), jobs, { backoffBaseMs: 1000, random: () => 1 });
    let calls = 0;
    r.register('t.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const job = await enqueue('t.flaky', null, { maxAttempts: 3 });
    expect(await r.runOnce()).toBe(true);
    // Not due again until the backoff (1 s after the first failure) has passed on the clock.
    expect(await r.runOnce()).toBe(false);
    t.clock.advance(999);
    expect(await r.runOnce()).toBe(false);
    t.clock.advance(1);
    expect(await r.runOnce()).toBe(true);
    t.clock.advance(1999);
    expect(await r.runOnce()).toBe(false);
    t.clock.advance(1);
    expect(await r.runOnce()).toBe(true);
    expect(calls).toBe(3);
    const sys = await login(t, 'sysadmin');
    const dead = (await call(t, 'GET', `/api/v1/jobs/${job.id}`, sys)).json();
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toBe('boom 3');
    t.clock.advance(3_600_000);
    expect(await r.runOnce()).toBe(false);

    // An operator puts it back; it runs again with fresh attempts.
    const retried = await call(t, 'POST', `/api/v1/jobs/${job.id}/retry`, sys);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().status).toBe('queued');
    expect(await r.runOnce()).toBe(true);
    expect(calls).toBe(4);
    // It failed again and waits for its backoff: a queued job can be cancelled, once.
    const cancelled = await call(t, 'POST', `/api/v1/jobs/${job.id}/cancel`, sys);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await call(t, 'POST', `/api/v1/jobs/${job.id}/cancel`, sys)).statusCode).toBe(409);
    t.clock.advance(3_600_000);
    expect(await r.runOnce()).toBe(false);
  });

  it('backoff doubles, is capped and jittered within half', () => {
    expect(backoffMs(1, 1000, 10_000, () => 1)).toBe(1000);
    expect(backoffMs(3, 1000, 10_000, () => 1)).toBe(4000);
    expect(backoffMs(10, 1000, 10_000, () => 1)).toBe(10_000);
    expect(backoffMs(3, 1000, 10_000, () => 0)).toBe(2000);
  });

  it('an idempotency key yields one job', async () => {
    const a = await enqueue('t.once', { x: 1 }, { idempotencyKey: 'k-1' });
    const b = await enqueue('t.once', { x: 2 }, { idempotencyKey: 'k-1' });
    expect(b.id).toBe(a.id);
  });

  it('two runners on separate connections never run one job together, and each job runs once', async () => {
    const second: Db =
      engine === 'postgres'
        ? openPostgres(t.testDb.url!, 4)
        : openSqlite(path.join(t.testDb.dataDir, 'orderly.db'));
    try {
      const active = new Set<string>();
      const runs = new Map<string, number>();
      let overlap = 0;
      const handler = async (_p: unknown, ctx: { job: { id: string } }) => {
        if (active.has(ctx.job.id)) overlap++;
        active.add(ctx.job.id);
        runs.set(ctx.job.id, (runs.get(ctx.job.id) ?? 0) + 1);
        await sleep(3);
        active.delete(ctx.job.id);
      };
      const a = new JobRunner(deps(), jobs, { workerId: 'A' });
      const b = new JobRunner({ ...deps(), db: second }, new JobsService({ ...deps(), db: second }), {
        workerId: 'B',
      });
      a.register('t.par', handler);
      b.register('t.par', handler);
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push((await enqueue('t.par', { i })).id);
      const [na, nb] = await Promise.all([a.drain(), b.drain()]);
      expect(na + nb).toBe(40);
      expect(overlap).toBe(0);
      for (const id of ids) expect(runs.get(id)).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('a job whose worker stops is claimed again after its lease, and the stale worker cannot finish it', async () => {
    let release!: () => void;
    const hung = new Promise<void>((r) => (release = r));
    const a = new JobRunner(deps(), jobs, { workerId: 'stale', leaseMs: 60_000 });
    a.register('t.lease', async () => {
      await hung;
      return 'from-stale';
    });
    const b = new JobRunner(deps(), jobs, { workerId: 'fresh', leaseMs: 60_000 });
    b.register('t.lease', async () => 'from-fresh');
    const job = await enqueue('t.lease', null);
    const running = a.runOnce();
    await sleep(50);
    expect(await b.runOnce()).toBe(false); // leased to A
    t.clock.advance(61_000);
    expect(await b.runOnce()).toBe(true);
    release();
    await running;
    const sys = await login(t, 'sysadmin');
    const got = (await call(t, 'GET', `/api/v1/jobs/${job.id}`, sys)).json();
    expect(got.status).toBe('succeeded');
    expect(got.result).toBe('from-fresh');
    expect(got.attempts).toBe(2);
  });

  it('recurring schedules enqueue once per interval, whoever ticks', async () => {
    await jobs.defineSchedule('t.nightly', 't.sched', 3600);
    const r1 = new JobRunner(deps(), jobs);
    const r2 = new JobRunner(deps(), jobs);
    const sys = await login(t, 'sysadmin');
    const count = async () =>
      (await call(t, 'GET', '/api/v1/jobs?type=t.sched', sys)).json<unknown[]>().length;
    // Both runners tick; the platform's own schedules (e.g. daily quality scores) are due too, so count ours.
    await r1.tickSchedules();
    await r2.tickSchedules();
    expect(await count()).toBe(1);
    // Tick results count every due schedule (the platform's too, some every 5 minutes), so count ours.
    await r1.tickSchedules();
    expect(await count()).toBe(1);
    t.clock.advance(3600_000);
    await r2.tickSchedules();
    await r1.tickSchedules();
    expect(await count()).toBe(2);
  });

  it('only operators see and manage jobs', async () => {
    const auditor = await login(t, 'auditor');
    expect((await call(t, 'GET', '/api/v1/jobs', auditor)).statusCode).toBe(403);
    const secadmin = await login(t, 'secadmin');
    expect((await call(t, 'GET', '/api/v1/jobs/overview', secadmin)).statusCode).toBe(403);
    const sys = await login(t, 'sysadmin');
    const ov = await call(t, 'GET', '/api/v1/jobs/overview', sys);
    expect(ov.statusCode).toBe(200);
    expect(ov.json().byStatus.length).toBeGreaterThan(0);
    expect((await call(t, 'GET', '/api/v1/jobs?status=bogus', sys)).statusCode).toBe(400);
  });
});
