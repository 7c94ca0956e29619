import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../src/server/platform.js';
import { testEngines } from '../support/engines.js';
import { send } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { ctxOf, secondPlatform } from '../sharing/grant-helpers.js';
import { startReceiver, type Receiver } from '../notifications/receiver.js';
import {
  deleteZhaoLiu,
  editBatch,
  EXPECTED,
  issueSubscriptionGrant,
  refsOf,
  MOVES,
  RENAME,
} from './changes-support.js';
import { buildExchangeWorld, PEOPLE, type ExchangeWorld } from './exchange-fixtures.js';

// Pushing a grant's changes through the outbox: a real receiver on 127.0.0.1 fails the first five attempts,
// the server "restarts" (a second platform on the same database: new caches, new runner) in the middle, and
// every change still arrives — none lost, none delivered twice — signed with the webhook key, carrying the
// change id as idempotency key, filtered and masked as the pull API; a suspended grant holds delivery.

const engines = await testEngines();

interface Pushed {
  id: string;
  type: string;
  subscriptionId: string;
  change: { id: string; op: string; key: string; rev: number; values: Record<string, unknown> | null };
}

describe.each(engines)('exchange change subscriptions on %s', (engine) => {
  let t: TestPlatform;
  let w: ExchangeWorld;
  let rx: Receiver;
  let token: string;
  let grantId: string;
  let second: Platform | null = null;
  const S = (g: string) => `/api/v1/exchange/grants/${g}/subscriptions`;

  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    w = await buildExchangeWorld(t);
    token = await w.clientToken();
    t.clock.advance(1000);
    grantId = await issueSubscriptionGrant(t, w);
    rx = await startReceiver(5);
  });
  afterAll(async () => {
    await rx.close();
    await second?.close();
    await t.close();
  });

  /** Runs queued jobs of a platform until none is due, moving the clock past any backoff. */
  const drain = async (p: Platform) => {
    for (let i = 0; i < 100; i++) {
      if (!(await p.runner.runOnce())) return;
      t.clock.advance(3_600_000);
    }
    throw new Error('jobs did not drain');
  };

  it('delivers every change once across a restart and five receiver failures', async () => {
    const created = await send(t, 'POST', S(grantId), {
      headers: { authorization: `Bearer ${token}` },
      payload: { url: rx.url },
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json<{ id: string; webhookId: string; cursor: string; status: string }>();
    expect(sub.status).toBe('active');

    // First process: one change, queued and failing three times.
    t.clock.advance(1000);
    await editBatch(t, w, RENAME);
    expect(await t.platform.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 1 });
    for (let i = 0; i < 3; i++) {
      expect(await t.platform.runner.runOnce()).toBe(true);
      t.clock.advance(3_600_000);
    }
    // More changes, and the process dies while queueing them: the outbox rows and the cursor move in one
    // transaction, so nothing of the batch is queued (and nothing skipped).
    await editBatch(t, w, MOVES);
    const outbox = t.platform.notifications;
    const enqueue = outbox.enqueueDelivery.bind(outbox);
    let calls = 0;
    outbox.enqueueDelivery = async (tx, d) => {
      if (++calls === 2) throw new Error('process killed');
      return enqueue(tx, d);
    };
    await expect(t.platform.exchange.push.pushOnce()).rejects.toThrow('process killed');
    outbox.enqueueDelivery = enqueue;
    const queued = async () =>
      (
        await send(t, 'GET', `/api/v1/webhooks/${sub.webhookId}/deliveries`, { token: w.tokens.org_admin_b })
      ).json<unknown[]>().length;
    expect(await queued()).toBe(1);

    // The restart: a new process on the same database picks up the outbox and the cursor.
    second = await secondPlatform(t);
    expect(await second.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 3 });
    // Nothing new: a second pass queues nothing (the cursor moved with the outbox rows).
    expect(await second.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 0 });
    await deleteZhaoLiu(t, w);
    expect(await second.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 1 });
    expect(await queued()).toBe(EXPECTED.length);
    await drain(second);

    expect(rx.seen.filter((r) => r.status === 500)).toHaveLength(5);
    const ok = rx.seen.filter((r) => r.status === 200).map((r) => JSON.parse(r.body) as Pushed);
    const ids = await refsOf(t, grantId, token);
    // The receiver deduplicates by change id; nothing was even delivered twice.
    expect(new Set(ok.map((p) => p.change.id)).size).toBe(ok.length);
    const got = new Map(ok.map((p) => [p.change.id, p]));
    expect(got.size).toBe(EXPECTED.length);
    const inOrder = [...got.values()].sort(
      (a, b) => Number(a.change.id.split(':')[1]) - Number(b.change.id.split(':')[1]),
    );
    expect(inOrder.map((p) => [ids.get(p.change.key), p.change.op])).toEqual(EXPECTED);

    // Every attempt of a change carries the same delivery id and the change id as idempotency key.
    for (const r of rx.seen) {
      const body = JSON.parse(r.body) as Pushed;
      expect(r.headers['idempotency-key']).toBe(body.change.id);
      expect(r.headers['orderly-webhook-id']).toBe(body.id);
      expect(body.subscriptionId).toBe(sub.id);
      expect(body.type).toBe('exchange.change');
    }
    const deliveries = (
      await send(t, 'GET', `/api/v1/webhooks/${sub.webhookId}/deliveries`, { token: w.tokens.org_admin_b })
    ).json<{ status: string }[]>();
    expect(deliveries.map((d) => d.status)).toEqual(EXPECTED.map(() => 'delivered'));
  });

  it('pushes exactly what the pull API returns: filtered, masked, no clear values, signed', async () => {
    const pulled = (
      await send(t, 'GET', `/api/v1/exchange/grants/${grantId}/changes?limit=1000`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).json<{ changes: Pushed['change'][] }>().changes;
    const pushed = rx.seen.filter((r) => r.status === 200).map((r) => (JSON.parse(r.body) as Pushed).change);
    for (const c of pulled) expect(pushed).toContainEqual(c);
    for (const r of rx.seen)
      for (const p of PEOPLE) {
        expect(r.body).not.toContain(p.id_number);
        expect(r.body).not.toContain(p.birth_date);
      }
    const keys = (await send(t, 'GET', '/api/v1/platform/keys')).json<
      { purpose: string; id: string; publicKeyPem: string }[]
    >();
    const r = rx.seen.at(-1)!;
    const [, keyid, , sig] = /^keyid=([^;]+);alg=([^;]+);sig=(.+)$/.exec(
      String(r.headers['orderly-webhook-signature']),
    )!;
    const key = keys.find((k) => k.purpose === 'webhook' && k.id === keyid)!;
    const signed = `${String(r.headers['orderly-webhook-id'])}.${String(r.headers['orderly-webhook-timestamp'])}.${r.body}`;
    expect(verify(null, Buffer.from(signed), key.publicKeyPem, Buffer.from(sig!, 'base64'))).toBe(true);
  });

  it('holds delivery while the grant is suspended, queued deliveries included, and resumes after', async () => {
    const approver = await ctxOf(t, w.tokens.approver);
    const seen = rx.seen.length;
    await editBatch(t, w, [{ ...PEOPLE[0]!, name: '张三丰' }]);
    expect(await t.platform.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 1 });
    await t.platform.sharing.grants.suspend(approver, grantId, { reason: '核查' });
    // The queued change is not sent while suspended (its body is built, and the grant checked, per attempt)…
    expect(await t.platform.runner.runOnce()).toBe(true);
    expect(rx.seen.length).toBe(seen);
    // …and nothing new is queued.
    await editBatch(t, w, [{ ...PEOPLE[0]!, name: '张三' }]);
    expect(await t.platform.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 0 });
    await t.platform.sharing.grants.resume(approver, grantId, { reason: '核查完毕' });
    expect(await t.platform.exchange.push.pushOnce()).toEqual({ subscriptions: 1, queued: 1 });
    t.clock.advance(3_600_000);
    await drain(t.platform);
    expect(rx.seen.slice(seen).map((x) => x.status)).toEqual([200, 200]);
  });

  it('registers push for bound API clients only, and a deleted subscription queues nothing', async () => {
    const user = await send(t, 'POST', S(grantId), { token: w.consumerB, payload: { url: rx.url } });
    expect(user.statusCode).toBe(403);
    const bad = await send(t, 'POST', S(grantId), {
      headers: { authorization: `Bearer ${token}` },
      payload: { url: 'ftp://example.gov.cn/x' },
    });
    expect(bad.statusCode).toBe(400);
    const list = await send(t, 'GET', S(grantId), { headers: { authorization: `Bearer ${token}` } });
    const [sub] = list.json<{ id: string }[]>();
    const del = await send(t, 'DELETE', `${S(grantId)}/${sub!.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(del.statusCode).toBe(200);
    expect(del.json().status).toBe('deleted');
    await editBatch(t, w, [{ ...PEOPLE[0]!, name: '张三丰' }]);
    expect(await t.platform.exchange.push.pushOnce()).toEqual({ subscriptions: 0, queued: 0 });
  });
});
