import type { FastifyInstance } from 'fastify';
import {
  createLogger,
  loadConfig,
  makeUscc,
  ManualClock,
  newId,
  anonymousContext,
  type Engine,
  type RequestContext,
} from '../../src/kernel/index.js';
import { totpCode } from '../../src/modules/identity/index.js';
import { buildServer } from '../../src/server/http.js';
import { createPlatform, type Platform } from '../../src/server/platform.js';
import { createTestDb, type TestDb } from './engines.js';

// A real platform on a fresh database with a manual clock, plus its Fastify app for inject() calls — no mocks.

export const PASSWORD = 'Test-Passw0rd!';
export const OPERATOR_USCC = makeUscc('1', '1', '330100', 'TB0000001');

/** A running test platform. */
export interface TestPlatform {
  engine: Engine;
  platform: Platform;
  app: FastifyInstance;
  clock: ManualClock;
  testDb: TestDb;
  /** TOTP secrets of bootstrap users by username. */
  totp: Record<string, string>;
  close(): Promise<void>;
}

/** Builds a platform, bootstraps the operator and the three duties (sysadmin, secadmin, auditor). */
export async function startTestPlatform(
  engine: Engine,
  opts: { profile?: 'intl' | 'sm'; env?: Record<string, string>; bootstrap?: boolean } = {},
): Promise<TestPlatform> {
  const testDb = await createTestDb(engine);
  const clock = new ManualClock('2026-03-02T02:00:00.000Z');
  const config = loadConfig({
    ORDERLY_DATA_DIR: testDb.dataDir,
    ORDERLY_CRYPTO_PROFILE: opts.profile ?? 'intl',
    ORDERLY_LOG_LEVEL: 'silent',
    // Tests move the clock in TOTP steps; a long access-token life keeps earlier tokens valid meanwhile.
    ORDERLY_ACCESS_TOKEN_TTL: '86400',
    ...opts.env,
  });
  const platform = await createPlatform(config, { clock, db: testDb.db });
  const app = await buildServer(platform, { logger: createLogger('silent') });
  await app.ready();
  // Without bootstrap the platform is empty, e.g. for seeding the demo city.
  if (opts.bootstrap === false)
    return {
      engine,
      platform,
      app,
      clock,
      testDb,
      totp: {},
      close: async () => (await app.close(), await testDb.drop()),
    };
  const boot = await platform.identity.bootstrap.run(
    {
      requestId: newId(),
      actor: { kind: 'system', id: 'test', orgId: null, roles: [], scopes: [], mfa: true },
    },
    {
      operator: { name: '测试市大数据管理局', uscc: OPERATOR_USCC, regionCode: '330100', level: 'municipal' },
      users: [
        { role: 'sysadmin', username: 'sysadmin', displayName: '系统管理员', password: PASSWORD },
        { role: 'secadmin', username: 'secadmin', displayName: '安全管理员', password: PASSWORD },
        { role: 'auditor', username: 'auditor', displayName: '审计员', password: PASSWORD },
      ],
    },
  );
  const totp = Object.fromEntries(boot.users.map((u) => [u.username, u.totpSecret]));
  return {
    engine,
    platform,
    app,
    clock,
    testDb,
    totp,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

/** Logs in over HTTP and returns the bearer token; TOTP users get a fresh code (the clock moves one step). */
export async function login(t: TestPlatform, username: string, password = PASSWORD): Promise<string> {
  const secret = t.totp[username];
  if (secret) t.clock.advance(30_000);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password, ...(secret && { totpCode: totpCode(secret, t.clock.now()) }) },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json<{ accessToken: string }>().accessToken;
}

/** A service-level context for a user, through the same token verification as HTTP. */
export async function contextFor(
  t: TestPlatform,
  username: string,
  password = PASSWORD,
): Promise<RequestContext> {
  const token = await login(t, username, password);
  return {
    ...anonymousContext(newId(), '127.0.0.1'),
    actor: await t.platform.identity.authenticate(token, '127.0.0.1'),
  };
}

/** Sends a JSON request with a bearer token. */
export async function call(
  t: TestPlatform,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  token?: string,
  payload?: unknown,
) {
  return t.app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
  });
}
