import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import {
  newId,
  systemContext,
  type AnyTx,
  type AuditEventInput,
  type AuditPort,
  type Engine,
  type RequestContext,
} from '../src/kernel/index.js';
import { Ledger, verifyStoredLedger } from '../src/modules/evidence/index.js';
import type { Platform } from '../src/server/platform.js';
import { sqliteSchemaCeiling } from './ledger-ceiling.js';
import { benchPlatform, engineInfo, postgresReachable, rawConnection, type RawConn } from './engines.js';
import { printResultTable, type ResultRow } from './harness.js';

// `npm run bench -- ledger`: the evidence ledger on each engine, against raw baselines measured in the same run.
// - appends/s, 1,000 events per transaction and one event per transaction, through the platform's audit port,
//   counted only once every event is in a signed checkpoint; baseline: plain inserts of the same rows into an
//   unindexed table of the same database (same durability settings), through the driver itself, measured right
//   before each of BENCH_ROUNDS rounds (medians reported);
//   references: on SQLite the batched append's rows alone, and a single-event change's own rows alone, written
//   through the driver into a database of their own (ledger-ceiling.ts: the most the schema allows), a single-row
//   insert in an explicit transaction on both;
// - latency from commit to signed checkpoint with the background sequencer (default 200 ms tick, 1,000 ms
//   checkpoint interval; and with the interval at 0);
// - inclusion and consistency proof latency at BENCH_LEAVES leaves (default 1,000,000), built through the same
//   batched path; baseline: a primary-key lookup of one leaf through the same stack;
// - full verification (verifyStoredLedger) in leaves/s under SHA-256 and SM3 (an `sm` platform); baseline:
//   reading every leaf with its audit event (leaves are stored as hashes) and hashing the event once.
// Environment: BENCH_ENGINES=sqlite,postgres  BENCH_LEAVES  BENCH_SM_LEAVES  BENCH_SECONDS (a round of an append case
// or its baseline)  BENCH_ROUNDS  BENCH_LATENCY_SECONDS.

const LEAVES = envInt('BENCH_LEAVES', 1_000_000);
const SM_LEAVES = envInt('BENCH_SM_LEAVES', Math.min(LEAVES, 200_000));
const SECONDS = envNum('BENCH_SECONDS', 2);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
const LATENCY_SECONDS = envNum('BENCH_LATENCY_SECONDS', 6);
const BATCH = 1000;
const BUILD_TX = 10_000;
const PROOFS = 1000;

function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  return v ? Math.max(1, Math.floor(Number(v.replace(/_/g, '')))) : dflt;
}
function envNum(name: string, dflt: number): number {
  const v = process.env[name];
  return v ? Number(v) : dflt;
}

const log = (msg: string) => process.stderr.write(`[bench ledger] ${msg}\n`);
const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) =>
  x >= 100 ? `${Math.round(x)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`;

/** The audit port with the optional batch API of the evidence module's port. */
type BatchAuditPort = AuditPort & {
  recordMany?: (tx: AnyTx, ctx: RequestContext, events: AuditEventInput[], at?: Date) => Promise<string[]>;
};

const ORG = newId();

/** A realistic audit event: a change (salted digest + salt row) and small details. */
function benchEvent(i: number): AuditEventInput {
  return {
    action: i % 4 === 0 ? 'bench.record.create' : 'bench.record.update',
    subjectType: 'bench.record',
    subjectId: `rec-${i}`,
    orgId: ORG,
    change: { i, name: '示例名称', fields: ['status', 'owner'], status: 'active' },
    details: { n: i, fields: 2 },
  };
}

/** Records events in one transaction through the platform's audit port (its batch API when it has one). */
async function recordTx(p: Platform, from: number, n: number): Promise<void> {
  const port = p.audit as BatchAuditPort;
  const ctx = systemContext('bench', newId());
  const events = Array.from({ length: n }, (_, k) => benchEvent(from + k));
  await p.db.kysely.transaction().execute(async (tx) => {
    if (port.recordMany && n > 1) await port.recordMany(tx, ctx, events);
    else for (const e of events) await port.record(tx, ctx, e);
  });
}

/** The same row an audit event stores, for the raw baselines. */
function rawRow(i: number): unknown[] {
  const e = benchEvent(i);
  return [
    newId(),
    new Date().toISOString(),
    newId(),
    'system',
    'bench',
    null,
    e.action,
    e.subjectType,
    e.subjectId,
    e.orgId,
    randomBytes(32).toString('hex'),
    'sha256',
    JSON.stringify(e.details),
  ];
}

const RAW_COLUMNS =
  'id, occurred_at, request_id, actor_kind, actor_id, actor_org_id, action, subject_type, subject_id, org_id, change_digest, digest_alg, details';

async function createRawTable(c: RawConn): Promise<void> {
  const ts = c.engine === 'postgres' ? 'timestamptz' : 'text';
  const ddl = `create table bench_raw (id text, occurred_at ${ts}, request_id text, actor_kind text, actor_id text,
    actor_org_id text, action text, subject_type text, subject_id text, org_id text, change_digest text,
    digest_alg text, details text)`;
  if (c.engine === 'sqlite') c.sqlite.exec(ddl);
  else await c.pg.query(ddl);
}

/** Rows per second of plain inserts into the unindexed table, `perTx` rows per transaction. */
async function rawInsertRate(c: RawConn, perTx: number, seconds: number): Promise<number> {
  const pool = Array.from({ length: Math.max(perTx, 1000) }, (_, i) => rawRow(i));
  let n = 0;
  const start = performance.now();
  if (c.engine === 'sqlite') {
    const ins = c.sqlite.prepare(`insert into bench_raw (${RAW_COLUMNS}) values (${'?,'.repeat(12)}?)`);
    const many = c.sqlite.transaction((rows: unknown[][]) => {
      for (const r of rows) ins.run(r);
    });
    while (performance.now() - start < seconds * 1000 || n < 3 * perTx) {
      if (perTx === 1) ins.run(pool[n % pool.length]!);
      else many(pool.slice(0, perTx));
      n += perTx;
    }
  } else {
    // One multi-row INSERT statement per transaction (autocommit), the plain way to batch on PostgreSQL.
    const text = (rows: number) =>
      `insert into bench_raw (${RAW_COLUMNS}) values ${Array.from(
        { length: rows },
        (_, r) => `(${Array.from({ length: 13 }, (_, k) => `$${r * 13 + k + 1}`).join(',')})`,
      ).join(',')}`;
    const q = text(perTx);
    const params = pool.slice(0, perTx).flat();
    while (performance.now() - start < seconds * 1000 || n < 3 * perTx) {
      await c.pg.query(q, perTx === 1 ? pool[n % pool.length]! : params);
      n += perTx;
    }
  }
  return (n * 1000) / (performance.now() - start);
}

/**
 * Rows per second of single-row inserts each in an explicit transaction. On PostgreSQL BEGIN goes out with the
 * INSERT (a client in pipeline mode), then COMMIT: two round trips, as the platform's transactions take
 * (src/kernel/db/pg-client.ts).
 */
async function rawTxInsertRate(c: RawConn, location: string, seconds: number): Promise<number> {
  const pool = Array.from({ length: 1000 }, (_, i) => rawRow(i));
  let n = 0;
  const text = `insert into bench_raw (${RAW_COLUMNS}) values (${Array.from({ length: 13 }, (_, k) => (c.engine === 'sqlite' ? '?' : `$${k + 1}`)).join(',')})`;
  const ins = c.engine === 'sqlite' ? c.sqlite.prepare(text) : null;
  const piped =
    c.engine === 'postgres' ? new pg.Client({ connectionString: location, pipeline: true }) : null;
  await piped?.connect();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || n < 3) {
    const row = pool[n % pool.length]!;
    if (c.engine === 'sqlite') c.sqlite.transaction(() => ins!.run(row))();
    else {
      const begun = piped!.query('begin');
      const inserted = piped!.query(text, row);
      await begun;
      await inserted;
      await piped!.query('commit');
    }
    n++;
  }
  const rate = (n * 1000) / (performance.now() - start);
  await piped?.end();
  return rate;
}

/** Rows per second of one UNNEST insert per 1,000 rows (PostgreSQL reference only). */
async function rawUnnestRate(c: RawConn & { engine: 'postgres' }, seconds: number): Promise<number> {
  const pool = Array.from({ length: BATCH }, (_, i) => rawRow(i));
  const cols = Array.from({ length: 13 }, (_, k) => pool.map((r) => r[k]));
  const q = `insert into bench_raw (${RAW_COLUMNS}) select * from unnest(${Array.from(
    { length: 13 },
    (_, k) => `$${k + 1}::${k === 1 ? 'timestamptz' : 'text'}[]`,
  ).join(',')})`;
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000 || n < 3 * BATCH) {
    await c.pg.query(q, cols);
    n += BATCH;
  }
  return (n * 1000) / (performance.now() - start);
}

async function signedSize(p: Platform): Promise<number> {
  const r = await sql<{ n: number | null }>`select max(size) as n from ledger_checkpoints`.execute(
    p.db.kysely,
  );
  return Number(r.rows[0]?.n ?? 0);
}

async function storedSize(p: Platform): Promise<number> {
  const r = await sql<{ n: number }>`select size as n from ledger_state where id = 1`.execute(p.db.kysely);
  return Number(r.rows[0]!.n);
}

async function pendingCount(p: Platform): Promise<number> {
  return p.ledger.pending();
}

/**
 * Events per second through the audit port, `perTx` per transaction, with the background sequencer running at
 * its defaults, timed until every event is in a signed checkpoint (a final flush sequences and signs the rest).
 */
async function appendRate(p: Platform, perTx: number, seconds: number): Promise<number> {
  await p.ledger.flush();
  const before = await storedSize(p);
  let n = 0;
  const start = performance.now();
  p.ledger.start();
  while (performance.now() - start < seconds * 1000 || n < 5 * perTx) {
    await recordTx(p, before + n, perTx);
    n += perTx;
  }
  await p.ledger.stop();
  await p.ledger.flush();
  const elapsed = performance.now() - start;
  const signed = await signedSize(p);
  if (signed !== before + n || (await pendingCount(p)) !== 0)
    throw new Error(`appends: ${before + n} events expected in the signed log, it has ${signed}`);
  return (n * 1000) / elapsed;
}

/** Watches a ledger's ticks: when each checkpoint was signed (the tick's transaction has committed). */
function observeCheckpoints(ledger: Ledger): { t: number; size: number }[] {
  const seen: { t: number; size: number }[] = [];
  const tick = ledger.tick.bind(ledger);
  (ledger as { tick: Ledger['tick'] }).tick = async (force?: boolean) => {
    const r = await tick(force);
    if (r.checkpoint) seen.push({ t: performance.now(), size: r.checkpoint.size });
    return r;
  };
  return seen;
}

/** Commit-to-signed-checkpoint latencies (ms) of single-event transactions made at random intervals. */
async function checkpointLatency(p: Platform, ledger: Ledger, seconds: number): Promise<number[]> {
  await ledger.flush();
  const seen = observeCheckpoints(ledger);
  const committed: { id: string; t: number }[] = [];
  ledger.start();
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < seconds * 1000) {
    const id = await p.db.kysely
      .transaction()
      .execute((tx) => p.audit.record(tx, systemContext('bench', newId()), benchEvent(i++)));
    committed.push({ id, t: performance.now() });
    await new Promise((r) => setTimeout(r, Math.random() * 40));
  }
  const target = (await storedSize(p)) + (await pendingCount(p));
  const deadline = performance.now() + 10_000;
  while ((seen.at(-1)?.size ?? 0) < target && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  await ledger.stop();
  const idx = new Map<string, number>();
  for (let k = 0; k < committed.length; k += 500) {
    const ids = committed.slice(k, k + 500).map((c) => c.id);
    const rows = await sql<{ idx: number; event_id: string }>`select idx, event_id from ledger_leaves
      where event_id in (${sql.join(ids)})`.execute(p.db.kysely);
    for (const r of rows.rows) idx.set(r.event_id, Number(r.idx));
  }
  return committed.map((c) => {
    const at = idx.get(c.id);
    const cp = at === undefined ? undefined : seen.find((s) => s.size > at && s.t >= c.t);
    if (!cp) throw new Error(`latency: event ${c.id} never reached a signed checkpoint`);
    return cp.t - c.t;
  });
}

/** Verification options of a bench platform: PostgreSQL workers need the database URL. */
function verifyOptions(b: { engine: Engine; location: string }): { databaseUrl?: string } {
  return b.engine === 'postgres' ? { databaseUrl: b.location } : {};
}

function workersLabel(n: number): string {
  // The main thread checks leaves too when workers run (verifyStoredLedger).
  return n === 0 ? 'main thread' : `main thread + ${n} worker thread${n === 1 ? '' : 's'}`;
}

const median = (xs: number[]) => quantile(xs, 0.5);

/** Each round's append rate and its ratio to the baseline measured right before it. */
function roundsText(rounds: { raw: number; app: number }[]): string {
  return rounds.map((x) => `${fmtInt(x.app)} (${(x.app / x.raw).toFixed(2)}×)`).join(', ');
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** Grows the log to `target` leaves through the batched audit port and the sequencer; returns seconds. */
async function buildLog(p: Platform, target: number, label: string): Promise<number> {
  const start = performance.now();
  let size = await storedSize(p);
  let lastReport = start;
  while (size < target) {
    const n = Math.min(BUILD_TX, target - size);
    await recordTx(p, size, n);
    await p.ledger.flush();
    size = await storedSize(p);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(
        `${label}: ${fmtInt(size)} / ${fmtInt(target)} leaves, ${((lastReport - start) / 1000).toFixed(0)} s`,
      );
    }
  }
  return (performance.now() - start) / 1000;
}

/** A small deterministic PRNG, so both engines answer the same proof requests. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Median latency (ms) of fn over `count` calls after a warm-up. */
async function medianLatency(count: number, fn: (k: number) => Promise<unknown>): Promise<number> {
  for (let k = 0; k < 50; k++) await fn(k);
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = performance.now();
    await fn(k);
    times.push(performance.now() - t);
  }
  return quantile(times, 0.5);
}

/**
 * Leaves per second of reading every stored leaf with its audit event (what a leaf is derived from: leaves are
 * stored as hashes) and hashing the event's fields once — the floor of any verifier.
 */
async function rawReadHashRate(c: RawConn, alg: 'sha256' | 'sm3'): Promise<number> {
  const PAGE = 5000;
  const cols = `l.idx, l.leaf_hash, e.id, e.occurred_at, e.request_id, e.actor_kind, e.actor_id, e.actor_org_id,
    e.action, e.subject_type, e.subject_id, e.org_id, e.change_digest, e.digest_alg, e.details`;
  const from = 'from ledger_leaves l join audit_events e on e.id = l.event_id';
  let n = 0;
  const start = performance.now();
  let after = -1;
  const sqliteStmt =
    c.engine === 'sqlite'
      ? c.sqlite.prepare(`select ${cols} ${from} where l.idx > ? order by l.idx limit ?`).raw(true)
      : null;
  for (;;) {
    const rows = sqliteStmt
      ? (sqliteStmt.all(after, PAGE) as unknown[][])
      : (
          await (c as RawConn & { engine: 'postgres' }).pg.query<unknown[]>({
            text: `select ${cols} ${from} where l.idx > $1 order by l.idx limit $2`,
            values: [after, PAGE],
            rowMode: 'array',
          })
        ).rows;
    if (rows.length === 0) break;
    for (const r of rows) createHash(alg).update(r.slice(2).join('\u0000'), 'utf8').digest();
    n += rows.length;
    after = Number(rows[rows.length - 1]![0]);
  }
  return (n * 1000) / (performance.now() - start);
}

/** Runs every ledger case on one engine; appends rows to the table. */
async function benchEngine(engine: Engine, rows: ResultRow[], info: string[]): Promise<void> {
  const startedAt = performance.now();
  const b = await benchPlatform(engine);
  const p = b.platform;
  const raw = await rawConnection(b);
  try {
    info.push(`${engine}: ${await engineInfo(raw)}`);
    await createRawTable(raw);

    // 1. Appends, batched and single, against plain inserts of the same rows. Each case runs ROUNDS times with
    //    its baseline right before it, and the table gives the medians and the median of the rounds' ratios: a
    //    baseline measured minutes apart from its case drifted with the host (single-row ratios of one commit
    //    moved by ±0.05 between runs of unchanged code).
    log(`${engine}: appends`);
    const batchRounds: { raw: number; app: number; rows?: number }[] = [];
    const singleRounds: { raw: number; app: number; rawTx: number; rows?: number }[] = [];
    const ceiling = engine === 'sqlite' ? await sqliteSchemaCeiling() : null;
    try {
      for (let r = 0; r < ROUNDS; r++) {
        const rawRate = await rawInsertRate(raw, BATCH, SECONDS);
        const rows = ceiling?.rate(BATCH, SECONDS);
        batchRounds.push({ raw: rawRate, rows, app: await appendRate(p, BATCH, SECONDS) });
      }
      for (let r = 0; r < ROUNDS; r++) {
        const rawRate = await rawInsertRate(raw, 1, SECONDS);
        const rawTx = await rawTxInsertRate(raw, b.location, SECONDS);
        const rows = ceiling?.singleRate(SECONDS);
        singleRounds.push({ raw: rawRate, rawTx, rows, app: await appendRate(p, 1, SECONDS) });
      }
    } finally {
      await ceiling?.close();
    }
    const batched = median(batchRounds.map((x) => x.app));
    const batchTarget = engine === 'sqlite' ? 50_000 : 20_000;
    rows.push({
      engine,
      name: `append, ${fmtInt(BATCH)} events/tx → signed checkpoint (median of ${ROUNDS} rounds)`,
      result: `${fmtInt(batched)} /s`,
      baseline: `raw INSERT ${fmtInt(BATCH)} rows/tx, unindexed`,
      baselineResult: `${fmtInt(median(batchRounds.map((x) => x.raw)))} /s`,
      ratio: median(batchRounds.map((x) => x.app / x.raw)),
      target: `≥ ${fmtInt(batchTarget)} /s`,
      met: batched >= batchTarget,
    });
    info.push(`${engine} rounds, batched appends/s (ratio): ${roundsText(batchRounds)}`);
    if (ceiling) {
      const rows = batchRounds.map((x) => x.rows!);
      info.push(
        `sqlite reference: the batched append's rows alone (audit row, salt, leaf, nodes; ${fmtInt(BATCH)} events/tx through the driver, rows made in advance, a database of their own): ${fmtInt(median(rows))} /s, ${median(batchRounds.map((x) => x.rows! / x.raw)).toFixed(2)}× the raw insert (rounds ${rows.map(fmtInt).join(', ')}) — the most the schema allows here; the append reached ${median(batchRounds.map((x) => x.app / x.rows!)).toFixed(2)}× of it`,
      );
    }
    if (raw.engine === 'postgres') {
      const unnest = await rawUnnestRate(raw, SECONDS);
      info.push(
        `postgres reference: raw UNNEST ${fmtInt(BATCH)} rows/tx into the unindexed table: ${fmtInt(unnest)} rows/s`,
      );
    }
    const single = median(singleRounds.map((x) => x.app));
    const singleRatio = median(singleRounds.map((x) => x.app / x.raw));
    info.push(`${engine} rounds, single-event appends/s (ratio): ${roundsText(singleRounds)}`);
    info.push(
      `${engine} reference: raw single-row INSERT in an explicit transaction (${engine === 'sqlite' ? 'BEGIN, INSERT, COMMIT' : 'BEGIN sent with the INSERT, then COMMIT'}): ${fmtInt(median(singleRounds.map((x) => x.rawTx)))} /s — the single-event append is ${median(singleRounds.map((x) => x.app / x.rawTx)).toFixed(2)}× that`,
    );
    if (ceiling) {
      const rows = singleRounds.map((x) => x.rows!);
      info.push(
        `sqlite reference: a single-event change's own rows alone (audit row and salt in a transaction through the driver, rows made in advance; its leaf and nodes, written later by the sequencer in batches, left out): ${fmtInt(median(rows))} /s, ${median(singleRounds.map((x) => x.rows! / x.raw)).toFixed(2)}× the raw insert (rounds ${rows.map(fmtInt).join(', ')}) — the most the schema allows here; the append reached ${median(singleRounds.map((x) => x.app / x.rows!)).toFixed(2)}× of it`,
      );
    }
    rows.push({
      engine,
      name: `append, 1 event/tx → signed checkpoint (median of ${ROUNDS} rounds)`,
      result: `${fmtInt(single)} /s`,
      baseline: 'raw single-row INSERT, autocommit',
      baselineResult: `${fmtInt(median(singleRounds.map((x) => x.raw)))} /s`,
      ratio: singleRatio,
      target: '≤ 1.5× raw time (ratio ≥ 0.67)',
      met: singleRatio >= 1 / 1.5,
    });

    // 2. Commit → signed checkpoint with the background sequencer: the platform's defaults, then interval 0.
    log(`${engine}: commit → checkpoint latency`);
    for (const interval of [1000, 0]) {
      const ledger =
        interval === 1000
          ? p.ledger
          : new Ledger(
              { db: p.db, clock: p.clock, keyring: p.keyring, alerts: p.alerts },
              {
                name: p.config.ledgerName,
                hashAlg: (await p.ledger.info()).hashAlg,
                checkpointIntervalMs: 0,
              },
            );
      const lat = await checkpointLatency(p, ledger, LATENCY_SECONDS);
      rows.push({
        engine,
        name: `commit → signed checkpoint (tick 200 ms, interval ${interval} ms), n=${lat.length}`,
        result: `p50 ${ms(quantile(lat, 0.5))}, p99 ${ms(quantile(lat, 0.99))}`,
        baseline: '—',
        baselineResult: '',
        ratio: null,
        target: interval === 1000 ? 'checkpoint ≤ ~1 s' : '',
        met: interval === 1000 ? quantile(lat, 0.99) <= 1500 : null,
      });
    }

    // 3. Proofs at LEAVES leaves.
    const have = await storedSize(p);
    if (have < LEAVES) {
      log(`${engine}: building a ${fmtInt(LEAVES)}-leaf log (from ${fmtInt(have)})`);
      const buildSeconds = await buildLog(p, LEAVES, engine);
      info.push(
        `${engine}: built the ${fmtInt(LEAVES)}-leaf log (${fmtInt(LEAVES - have)} more leaves, ${fmtInt(BUILD_TX)} events/tx through the audit port's batch + sequencer flush) in ${buildSeconds.toFixed(1)} s (${fmtInt((LEAVES - have) / buildSeconds)} /s)`,
      );
    }
    const size = await signedSize(p);
    log(`${engine}: proofs`);
    const rnd = prng(42);
    const indices = Array.from({ length: PROOFS + 50 }, () => Math.floor(rnd() * size));
    const k = p.db.kysely;
    const lookup = await medianLatency(PROOFS, (i) =>
      k
        .selectFrom('ledger_leaves' as never)
        .selectAll()
        .where('idx' as never, '=', indices[i % indices.length] as never)
        .executeTakeFirst(),
    );
    const inclusion = await medianLatency(PROOFS, (i) =>
      p.ledgerService.inclusion({ index: String(indices[i % indices.length]), treeSize: String(size) }),
    );
    const consistency = await medianLatency(PROOFS, (i) =>
      p.ledgerService.consistency({
        first: String(Math.max(1, indices[i % indices.length]!)),
        second: String(size),
      }),
    );
    for (const [name, v] of [
      ['inclusion', inclusion],
      ['consistency', consistency],
    ] as const) {
      rows.push({
        engine,
        name: `${name} proof at ${fmtInt(size)} leaves, median`,
        result: ms(v),
        baseline: 'leaf lookup by index (same stack)',
        baselineResult: ms(lookup),
        ratio: v / lookup,
        target: '≤ 1 ms',
        met: v <= 1,
        lowerIsBetter: true,
      });
    }

    // 4. Full verification, SHA-256.
    log(`${engine}: verify (SHA-256)`);
    const base256 = await rawReadHashRate(raw, 'sha256');
    // PostgreSQL workers open their own connections from the URL (as `orderly ledger verify` does).
    const v = await verifyStoredLedger(p.db, p.keyring, verifyOptions(b));
    if (!v.ok) throw new Error(`verify failed: ${v.problems.join('; ')}`);
    const vRate = v.leavesChecked / v.seconds;
    rows.push({
      engine,
      name: `verifyStoredLedger SHA-256, ${fmtInt(v.leavesChecked)} leaves, ${workersLabel(v.workers)} (${v.seconds.toFixed(1)} s)`,
      result: `${fmtInt(vRate)} leaves/s`,
      baseline: 'read every leaf + its event, SHA-256 once',
      baselineResult: `${fmtInt(base256)} leaves/s`,
      ratio: vRate / base256,
      target: '≥ 150,000 leaves/s',
      met: vRate >= 150_000,
    });
  } finally {
    await raw.close();
    await b.close();
  }

  // 5. Full verification, SM3 (a log created under the sm profile).
  const s = await benchPlatform(engine, { profile: 'sm' });
  const sraw = await rawConnection(s);
  try {
    log(`${engine}: building a ${fmtInt(SM_LEAVES)}-leaf SM3 log`);
    const smBuild = await buildLog(s.platform, SM_LEAVES, `${engine}/sm3`);
    info.push(
      `${engine}: built the SM3 log (${fmtInt(SM_LEAVES)} leaves) in ${smBuild.toFixed(1)} s (${fmtInt(SM_LEAVES / smBuild)} /s)`,
    );
    log(`${engine}: verify (SM3)`);
    const baseSm3 = await rawReadHashRate(sraw, 'sm3');
    const v = await verifyStoredLedger(s.platform.db, s.platform.keyring, verifyOptions(s));
    if (!v.ok) throw new Error(`verify (sm3) failed: ${v.problems.join('; ')}`);
    const vRate = v.leavesChecked / v.seconds;
    rows.push({
      engine,
      name: `verifyStoredLedger SM3, ${fmtInt(v.leavesChecked)} leaves, ${workersLabel(v.workers)} (${v.seconds.toFixed(1)} s)`,
      result: `${fmtInt(vRate)} leaves/s`,
      baseline: 'read every leaf + its event, SM3 once',
      baselineResult: `${fmtInt(baseSm3)} leaves/s`,
      ratio: vRate / baseSm3,
      target: '≥ 100,000 leaves/s',
      met: vRate >= 100_000,
    });
  } finally {
    await sraw.close();
    await s.close();
  }
  info.push(`${engine}: whole engine run ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
}

/** Runs the ledger set on every available engine and prints the table. */
export async function runLedgerBench(): Promise<void> {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const engines: Engine[] = [];
  if (wanted.includes('sqlite')) engines.push('sqlite');
  if (wanted.includes('postgres')) {
    if (await postgresReachable()) engines.push('postgres');
    else log('PostgreSQL is unreachable: SQLite only');
  }
  const rows: ResultRow[] = [];
  const info: string[] = [];
  const started = performance.now();
  for (const engine of engines) await benchEngine(engine, rows, info);
  const cpus = os.cpus();
  console.log(
    `\nOrderly ledger benchmarks — ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}; ` +
      `total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const line of info) console.log(`  ${line}`);
  console.log('');
  printResultTable(rows);
}
