import { verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  loadConfig,
  newId,
  openPostgres,
  openSqlite,
  systemContext,
} from '../../src/kernel/index.js';
import { createPlatform } from '../../src/server/platform.js';
import { testEngines } from '../support/engines.js';
import { buildWorld, send, type World } from '../support/identity-helpers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { startReceiver, type Receiver } from './receiver.js';
import path from 'node:path';

const engines = await testEngines();

describe.each(engines)('webhooks through the outbox on %s', (engine) => {
  let t: TestPlatform;
  let w: World;
  let rx: Receiver;
  beforeAll(async () => {
    t = await startTestPlatform(engine, { env: { ORDERLY_WEBHOOK_ALLOW_PRIVATE: 'true' } });
    w = await buildWorld(t);
    rx = await startReceiver(5);
  });
  afterAll(async () => {
    await rx.close();
    await t.close();
  });

  const raise = (title: string) =>
    t.platform.db.kysely.transaction().execute((tx) =>
      t.platform.alerts.raise(tx, systemContext('test', newId()), {
        severity: 'warning',
        source: 'test',
        type: 'test.delivery',
        title,
        subjectType: 'organisation',
        subjectId: w.orgA,
        orgId: w.orgA,
        responsibleRole: 'org_admin',
      }),
    );

  it('validates webhook URLs and events and refuses other organisations', async () => {
    const bad = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.org_admin,
      payload: { url: 'ftp://x', events: ['alert.*'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].field).toBe('url');
    const badEvents = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.org_admin,
      payload: { url: rx.url, events: ['Bad Event'] },
    });
    expect(badEvents.statusCode).toBe(400);
    const other = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.org_admin_b,
      payload: { url: rx.url, events: ['alert.*'] },
    });
    expect(other.statusCode).toBe(403);
    const steward = await send(t, 'GET', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.steward,
    });
    expect(steward.statusCode).toBe(403);
  });

  it('delivers a signed payload after a receiver fails five times, recording every attempt', async () => {
    const created = await send(t, 'POST', `/api/v1/organisations/${w.orgA}/webhooks`, {
      token: w.tokens.org_admin,
      payload: { url: rx.url, events: ['alert.*'], description: '值班系统' },
    });
    expect(created.statusCode).toBe(201);
    const hookId = created.json().id as string;
    await raise('测试告警');
    const runner = t.platform.runner;
    for (let i = 0; i < 6; i++) {
      expect(await runner.runOnce()).toBe(true);
      t.clock.advance(3_600_000); // past any backoff
    }
    expect(await runner.runOnce()).toBe(false);
    expect(rx.seen.map((r) => r.status)).toEqual([500, 500, 500, 500, 500, 200]);
    const deliveries = (
      await send(t, 'GET', `/api/v1/webhooks/${hookId}/deliveries`, { token: w.tokens.org_admin })
    ).json();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('delivered');
    expect(deliveries[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
      500, 500, 500, 500, 500, 200,
    ]);

    // The receiver verifies with the platform's published key alone (node:crypto, not our code).
    const keys = (await send(t, 'GET', '/api/v1/platform/keys')).json() as {
      purpose: string;
      id: string;
      publicKeyPem: string;
    }[];
    const last = rx.seen[5]!;
    const sigHeader = String(last.headers['orderly-webhook-signature']);
    const parts = Object.fromEntries(sigHeader.split(';').map((p) => p.split('=', 2) as [string, string]));
    const key = keys.find((k) => k.purpose === 'webhook' && k.id === parts.keyid)!;
    const signed = `${String(last.headers['orderly-webhook-id'])}.${String(last.headers['orderly-webhook-timestamp'])}.${last.body}`;
    const sig = Buffer.from(sigHeader.slice(sigHeader.indexOf('sig=') + 4), 'base64');
    expect(verify(null, Buffer.from(signed), key.publicKeyPem, sig)).toBe(true);
    expect(verify(null, Buffer.from(signed + ' '), key.publicKeyPem, sig)).toBe(false);
    // Every attempt carried the same delivery id, so the receiver can deduplicate.
    expect(new Set(rx.seen.map((r) => r.headers['orderly-webhook-id'])).size).toBe(1);
    const body = JSON.parse(last.body);
    expect(body.type).toBe('alert.warning');
    expect(body.orgId).toBe(w.orgA);
  });

  it('loses nothing across a restart: a committed delivery is sent by the next process', async () => {
    await raise('重启前的告警');
    const before = rx.seen.length;
    // A second process on the same database and data dir (a restarted server) picks the outbox up.
    const db =
      engine === 'postgres'
        ? openPostgres(t.testDb.url!, 3)
        : openSqlite(path.join(t.testDb.dataDir, 'orderly.db'));
    const config = loadConfig({
      ORDERLY_DATA_DIR: t.testDb.dataDir,
      ORDERLY_LOG_LEVEL: 'silent',
      ORDERLY_WEBHOOK_ALLOW_PRIVATE: 'true',
    });
    const restarted = await createPlatform(config, {
      db,
      clock: t.clock,
      runner: { logger: createLogger('silent') },
    });
    try {
      expect(await restarted.runner.drain()).toBe(1);
    } finally {
      await restarted.close();
    }
    expect(rx.seen.length).toBe(before + 1);
    expect(JSON.parse(rx.seen.at(-1)!.body).title).toBe('重启前的告警');
  });

  it('disabled webhooks receive nothing more', async () => {
    const hooks = (
      await send(t, 'GET', `/api/v1/organisations/${w.orgA}/webhooks`, { token: w.tokens.org_admin })
    ).json();
    const off = await send(t, 'PATCH', `/api/v1/webhooks/${hooks[0].id}`, {
      token: w.tokens.org_admin,
      payload: { status: 'disabled' },
    });
    expect(off.statusCode).toBe(200);
    const before = rx.seen.length;
    await raise('停用后的告警');
    await t.platform.runner.drain();
    expect(rx.seen.length).toBe(before);
  });
});
