import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { sm2 } from 'sm-crypto-v2';
import {
  createAuditPort,
  createLogger,
  getProfile,
  loadConfig,
  makeUscc,
  newId,
  orgCodeCheckChar,
  openSqlite,
  sm2SignRaw,
  signWith,
  systemContext,
} from '../src/kernel/index.js';
import { totpCode } from '../src/modules/identity/index.js';
import { buildServer } from '../src/server/http.js';
import { createPlatform } from '../src/server/platform.js';
import { httpRate, printTable, rate, type Row } from './harness.js';

// `npm run bench`: the foundation's costs against raw baselines measured in the same run.
// - governed HTTP (authenticated GET /api/v1/me: JWT verify + session/user/role lookups) vs a bare Fastify route;
// - an audit event inside a transaction vs a raw insert of a row of the same size;
// - platform signing (Ed25519, SM2 with Z_A) vs the underlying primitives called directly;
// - the job queue (enqueue + claim + finish) vs a raw insert.

/** Runs the foundation set and prints its table. */
export async function runFoundationBench(): Promise<void> {
  const rows: Row[] = [];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-'));
  const config = loadConfig({ ORDERLY_DATA_DIR: dataDir, ORDERLY_LOG_LEVEL: 'silent' });
  const p = await createPlatform(config);
  try {
    // HTTP: a bare Fastify route vs the governed /api/v1/me of a logged-in user.
    const raw = Fastify();
    raw.get('/hello', async () => ({ status: 'ok' }));
    await raw.listen({ port: 0, host: '127.0.0.1' });
    const app = await buildServer(p, { logger: createLogger('silent') });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const boot = await p.identity.bootstrap.run(systemContext('bench', newId()), {
      operator: {
        name: '基准测试数据局',
        uscc: makeUscc('1', '1', '330100', 'BM000000' + orgCodeCheckChar('BM000000')),
        regionCode: '330100',
        level: 'municipal',
      },
      users: (['sysadmin', 'secadmin', 'auditor'] as const).map((role) => ({
        role,
        username: role,
        displayName: role,
        password: 'Bench-Passw0rd!',
      })),
    });
    const secret = boot.users.find((u) => u.username === 'sysadmin')!.totpSecret;
    const login = await p.identity.auth.login(
      {
        requestId: newId(),
        actor: { kind: 'anonymous', id: null, orgId: null, roles: [], scopes: [], mfa: false },
      },
      { username: 'sysadmin', password: 'Bench-Passw0rd!', totpCode: totpCode(secret, new Date()) },
    );
    const rawPort = (raw.server.address() as AddressInfo).port;
    const port = (app.server.address() as AddressInfo).port;
    const baseHttp = await httpRate(rawPort, '/hello', {});
    const me = await httpRate(port, '/api/v1/me', { authorization: `Bearer ${login.accessToken}` });
    const health = await httpRate(port, '/healthz', {});
    rows.push({
      name: 'HTTP GET /healthz (full stack, no auth)',
      opsPerSec: health,
      baseline: 'bare Fastify GET',
      baselineOpsPerSec: baseHttp,
    });
    rows.push({
      name: 'HTTP GET /api/v1/me (JWT + session checks)',
      opsPerSec: me,
      baseline: 'bare Fastify GET',
      baselineOpsPerSec: baseHttp,
    });
    await app.close();
    await raw.close();

    // Audit event in a transaction vs a raw insert of a similar row (SQLite, synchronous=FULL).
    const audit = createAuditPort('sha256');
    const ctx = systemContext('bench', newId());
    const auditRate = await rate(() =>
      p.db.kysely.transaction().execute((tx) =>
        audit.record(tx, ctx, {
          action: 'bench.event',
          subjectType: 'bench',
          subjectId: newId(),
          change: { a: 1, b: '名称' },
        }),
      ),
    );
    const rawDb = openSqlite(path.join(dataDir, 'raw.db'));
    const sqlite = rawDb.kysely as unknown as import('kysely').Kysely<{ t: { id: string; v: string } }>;
    await sqlite.schema
      .createTable('t')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('v', 'text')
      .execute();
    const rawInsert = await rate(() =>
      sqlite
        .insertInto('t')
        .values({ id: newId(), v: randomBytes(160).toString('hex') })
        .execute(),
    );
    await rawDb.close();
    rows.push({
      name: 'audit event (digest + 2 inserts, one tx)',
      opsPerSec: auditRate,
      baseline: 'raw insert, autocommit',
      baselineOpsPerSec: rawInsert,
    });

    // Signing.
    const intl = getProfile('intl').generateSigningKeyPair();
    const msg = randomBytes(256);
    const edKey = createPrivateKey(intl.privatePem);
    rows.push({
      name: 'signWith Ed25519 (256 B)',
      opsPerSec: await rate(() => signWith(intl, msg), 1000),
      baseline: 'crypto.sign Ed25519',
      baselineOpsPerSec: await rate(() => sign(null, msg, edKey), 1000),
    });
    const sm = getProfile('sm').generateSigningKeyPair();
    rows.push({
      name: 'signWith SM2 (Z_A, 256 B)',
      opsPerSec: await rate(() => sm2SignRaw(sm.privateHex!, msg, { publicHex: sm.publicHex! }), 1000),
      baseline: 'sm-crypto-v2 doSignature',
      baselineOpsPerSec: await rate(
        () => sm2.doSignature(msg, sm.privateHex!, { hash: true, publicKey: sm.publicHex! }),
        1000,
      ),
    });

    // Job queue round trip vs raw insert.
    p.runner.register('bench.noop', async () => null);
    const jobRate = await rate(async () => {
      await p.db.kysely.transaction().execute((tx) => p.jobs.enqueue(tx, 'bench.noop', { n: 1 }));
      await p.runner.runOnce();
    });
    rows.push({
      name: 'job enqueue + claim + run + finish',
      opsPerSec: jobRate,
      baseline: 'raw insert, autocommit',
      baselineOpsPerSec: rawInsert,
    });
  } finally {
    await p.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nOrderly foundation benchmarks (${os.cpus().length} cores, Node ${process.version}, SQLite):\n`,
  );
  printTable(rows);
}
