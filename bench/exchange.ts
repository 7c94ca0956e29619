import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { Engine } from '../src/kernel/index.js';
import { createBenchDatabase, postgresReachable } from './engines.js';
import { PAGE, recordsQueries, scanQueries, verifyBodies, type ExchangeWorld } from './exchange-seed.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

// `npm run bench -- exchange` (issue 8 §7): the exchange gateway under load, per engine and crypto profile, one
// server process each (bench/exchange-child.ts: the real platform and Fastify app, plus bare routes), loaded
// by autocannon from this process (32 connections; the load generator shares the machine's cores with the
// server, so compare ratios, not absolute numbers). Each side gets BENCH_EXCHANGE_SECONDS after a warm-up, in
// two halves ordered bare, governed, governed, bare so a drift in the machine's other load hits both alike;
// req/s and p50 are the halves' mean, p99 the worse half's.
// - records: the governed GET …/grants/{id}/records (page of 100 rows, 10 items, 3 masked, 1 encrypted and
//   decrypted, filtered by an `in` on an encrypted item's blind index; bench/exchange-seed.ts says why) against
//   GET /bench/bare/records (the same data store query on the same pool, JSON out; no authentication, grant,
//   masks, signature or evidence); also with an equality filter on a plain, unindexed column;
// - verify: the governed POST …/verify (ID number + name) against POST /bench/bare/verify (the same lookup).
// Evidence: for each governed half the access events written equal the 2xx responses the server sent, one
// exchange_access row each, and every 2xx the client received names an event that exists. Then the crash
// check: the records load again, the server SIGKILLed after BENCH_EXCHANGE_KILL_AFTER seconds, restarted on
// the same data directory and database, and every evidence id the client received before the kill looked up.
// Targets: records ≥ 0.5× bare with p99 ≤ 50 ms; verify ≥ 0.5× bare; events == 2xx; none missing after a kill.
// Environment: BENCH_ENGINES=sqlite,postgres  BENCH_PROFILES=intl,sm  BENCH_EXCHANGE_ROWS (50,000)
//              BENCH_EXCHANGE_SECONDS (10)  BENCH_EXCHANGE_WARMUP (2)  BENCH_EXCHANGE_KILL_AFTER (3).

const ROWS = envInt('BENCH_EXCHANGE_ROWS', 50_000);
const SECONDS = envInt('BENCH_EXCHANGE_SECONDS', 10);
const WARMUP = envInt('BENCH_EXCHANGE_WARMUP', 2);
const KILL_AFTER = envInt('BENCH_EXCHANGE_KILL_AFTER', 3);
const CONNECTIONS = 32;
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'exchange-child.ts');

export function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  return v ? Math.max(1, Math.floor(Number(v.replace(/_/g, '')))) : dflt;
}

const log = (msg: string) => process.stderr.write(`[bench exchange] ${msg}\n`);
const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Profile = 'intl' | 'sm';
interface Ready {
  port: number;
  world: ExchangeWorld;
}

/** One load: requests cycle through the paths (and bodies); 2xx evidence ids are collected. */
interface LoadSpec {
  method: 'GET' | 'POST';
  paths: string[];
  bodies?: string[];
  headers: Record<string, string>;
}

interface LoadResult {
  result: autocannon.Result;
  /** X-Orderly-Evidence-Id of every 2xx response received (governed routes). */
  evidenceIds: string[];
}

/** Runs autocannon for `seconds`; `during` gets the instance (to stop it early) while it runs. */
function load(
  port: number,
  spec: LoadSpec,
  seconds: number,
  during?: (stop: () => void) => void,
): Promise<LoadResult> {
  const evidenceIds: string[] = [];
  let n = 0;
  const request: autocannon.Request = {
    method: spec.method,
    path: spec.paths[0]!,
    headers: spec.headers,
    ...(spec.bodies && { body: spec.bodies[0] }),
    setupRequest: (req) => {
      n++;
      req.path = spec.paths[n % spec.paths.length]!;
      if (spec.bodies) req.body = spec.bodies[n % spec.bodies.length]!;
      return req;
    },
    onResponse: (status, _body, _ctx, headers) => {
      const id = headers?.['x-orderly-evidence-id'];
      if (status >= 200 && status < 300 && typeof id === 'string') evidenceIds.push(id);
    },
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, duration: seconds, requests: [request] },
      (err: unknown, result) =>
        err
          ? reject(err instanceof Error ? err : new Error(JSON.stringify(err)))
          : resolve({ result, evidenceIds }),
    );
    during?.(() => instance.stop());
  });
}

/** The access events and exchange_access rows in the database, read with the raw driver. */
interface EvidenceCounter {
  info: string;
  counts(): Promise<{ records: number; verify: number; accessRecords: number; accessVerify: number }>;
  /** Which of the ids are not events of the platform's log. */
  missing(ids: readonly string[]): Promise<string[]>;
  close(): Promise<void>;
}

const COUNT_SQL = `select
  (select count(*) from audit_events where action = 'exchange.records') as records,
  (select count(*) from audit_events where action = 'exchange.verify') as verify,
  (select count(*) from exchange_access where method = 'records') as access_records,
  (select count(*) from exchange_access where method = 'verify') as access_verify`;
type CountRow = Record<'records' | 'verify' | 'access_records' | 'access_verify', number | string>;
const toCounts = (r: CountRow) => ({
  records: Number(r.records),
  verify: Number(r.verify),
  accessRecords: Number(r.access_records),
  accessVerify: Number(r.access_verify),
});
const MISSING_BATCH = 500;

async function evidenceCounter(engine: Engine, location: string): Promise<EvidenceCounter> {
  if (engine === 'sqlite') {
    const db = new Sqlite(location, { readonly: true });
    db.pragma('busy_timeout = 5000');
    const v = db.prepare('select sqlite_version() as v').get() as { v: string };
    return {
      info: `SQLite ${v.v} (WAL, synchronous=FULL)`,
      counts: async () => toCounts(db.prepare(COUNT_SQL).get() as CountRow),
      missing: async (ids) => {
        const out: string[] = [];
        for (let i = 0; i < ids.length; i += MISSING_BATCH) {
          const chunk = ids.slice(i, i + MISSING_BATCH);
          const found = new Set(
            (
              db
                .prepare(`select id from audit_events where id in (${chunk.map(() => '?').join(',')})`)
                .all(...chunk) as { id: string }[]
            ).map((r) => r.id),
          );
          out.push(...chunk.filter((id) => !found.has(id)));
        }
        return out;
      },
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  const v = await client.query<{ v: string; sc: string }>(
    `select current_setting('server_version') as v, current_setting('synchronous_commit') as sc`,
  );
  return {
    info: `PostgreSQL ${v.rows[0]!.v} (synchronous_commit=${v.rows[0]!.sc}, 127.0.0.1)`,
    counts: async () => toCounts((await client.query<CountRow>(COUNT_SQL)).rows[0]!),
    missing: async (ids) => {
      const out: string[] = [];
      for (let i = 0; i < ids.length; i += MISSING_BATCH) {
        const chunk = ids.slice(i, i + MISSING_BATCH);
        const r = await client.query<{ id: string }>('select id from audit_events where id = any($1)', [
          chunk,
        ]);
        const found = new Set(r.rows.map((x) => x.id));
        out.push(...chunk.filter((id) => !found.has(id)));
      }
      return out;
    },
    close: () => client.end(),
  };
}

export async function clientToken(port: number, w: ExchangeWorld): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: w.clientId,
      client_secret: w.clientSecret,
    }).toString(),
  });
  if (res.status !== 200) throw new Error(`client token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What the server has sent: 2xx per governed route, and its group commit's events and commits. */
interface Served {
  records: number;
  verify: number;
  groupCommit: { events: number; commits: number };
}

/** The server's counters, settled (in-flight requests finished). */
async function served(port: number): Promise<Served> {
  const get = async () => (await (await fetch(`http://127.0.0.1:${port}/bench/served`)).json()) as Served;
  let last = await get();
  for (;;) {
    await sleep(500);
    const now = await get();
    if (now.records === last.records && now.verify === last.verify) return now;
    last = now;
  }
}

/** One governed load with its evidence accounting. */
interface GovernedRound {
  load: LoadResult;
  /** 2xx the server sent, access events and exchange_access rows written, during the round. */
  server2xx: number;
  events: number;
  accessRows: number;
  /** Received evidence ids that are not in the log. */
  missing: number;
  /** Group commits and the events they carried. */
  commits: number;
  committedEvents: number;
}

/** A governed load between two settled readings of the server's counters and the database. */
async function governedRound(
  port: number,
  counter: EvidenceCounter,
  kind: 'records' | 'verify',
  spec: LoadSpec,
  seconds: number,
): Promise<GovernedRound> {
  // Settle first: the last requests of the previous load are still being answered after autocannon left them.
  const s0 = await served(port);
  const c0 = await counter.counts();
  const l = await load(port, spec, seconds);
  const s1 = await served(port);
  const c1 = await counter.counts();
  const records = kind === 'records';
  return {
    load: l,
    server2xx: records ? s1.records - s0.records : s1.verify - s0.verify,
    events: records ? c1.records - c0.records : c1.verify - c0.verify,
    accessRows: records ? c1.accessRecords - c0.accessRecords : c1.accessVerify - c0.accessVerify,
    missing: (await counter.missing(l.evidenceIds)).length,
    commits: s1.groupCommit.commits - s0.groupCommit.commits,
    committedEvents: s1.groupCommit.events - s0.groupCommit.events,
  };
}

/** Throughput and latency of a side over its rounds: mean req/s and p50, the worst round's p99. */
interface Summary {
  rps: number;
  p50: number;
  p99: number;
}

function summary(rounds: autocannon.Result[]): Summary {
  const mean = (f: (r: autocannon.Result) => number) => rounds.reduce((a, r) => a + f(r), 0) / rounds.length;
  return {
    rps: mean((r) => r.requests.average),
    p50: mean((r) => r.latency.p50),
    p99: Math.max(...rounds.map((r) => r.latency.p99)),
  };
}

/** One measured row of the throughput table. */
interface RateRow {
  engine: Engine;
  profile: Profile;
  scenario: string;
  governed: Summary;
  bare: Summary;
  p99Target: boolean;
}

/** One row of the evidence table. */
interface EvidenceRow {
  engine: Engine;
  profile: Profile;
  scenario: string;
  client2xx: number;
  server2xx: number | null;
  events: number;
  accessRows: number;
  missing: number;
  ok: boolean;
  note: string;
}

/** The scenarios of one server: governed and bare loads, then the SIGKILL check. */
async function runServer(
  engine: Engine,
  profile: Profile,
  rates: RateRow[],
  evidence: EvidenceRow[],
  infos: Set<string>,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-exchange-'));
  const pgDb = engine === 'postgres' ? await createBenchDatabase() : null;
  const env: Record<string, string> = {
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_CRYPTO_PROFILE: profile,
    ORDERLY_LOG_LEVEL: process.env.ORDERLY_LOG_LEVEL ?? 'warn',
    BENCH_EXCHANGE_ROWS: String(ROWS),
    ...(pgDb && { ORDERLY_DATABASE_URL: pgDb.url }),
  };
  let server: ServerProcess<Ready> | undefined;
  let counter: EvidenceCounter | undefined;
  try {
    log(`${engine}/${profile}: starting the server and seeding ${fmtInt(ROWS)} rows`);
    server = await startServerProcess<Ready>(CHILD, env);
    const { world } = server.ready;
    let port = server.ready.port;
    counter = await evidenceCounter(engine, pgDb?.url ?? path.join(dataDir, 'orderly.db'));
    infos.add(counter.info);
    const token = await clientToken(port, world);
    const auth = { authorization: `Bearer ${token}` };
    const jsonBody = { 'content-type': 'application/json' };
    const queries = recordsQueries(world, 500);
    const scans = scanQueries(world);
    const bodies = verifyBodies(world, 1000);
    const governedRecords = `/api/v1/exchange/grants/${world.grantId}/records`;
    const governedVerify = `/api/v1/exchange/grants/${world.grantId}/verify`;
    await sanityCheck(port, governedRecords + queries[0]!, auth);

    const scenarios: {
      kind: 'records' | 'verify';
      name: string;
      governed: LoadSpec;
      bare: LoadSpec;
      p99: boolean;
    }[] = [
      {
        kind: 'records',
        name: `records (${PAGE} rows, indexed filter)`,
        governed: { method: 'GET', paths: queries.map((q) => governedRecords + q), headers: auth },
        bare: { method: 'GET', paths: queries.map((q) => `/bench/bare/records${q}`), headers: {} },
        p99: true,
      },
      {
        kind: 'records',
        name: `records (${PAGE} rows, plain-column filter)`,
        governed: { method: 'GET', paths: scans.map((q) => governedRecords + q), headers: auth },
        bare: { method: 'GET', paths: scans.map((q) => `/bench/bare/records${q}`), headers: {} },
        p99: true,
      },
      {
        kind: 'verify',
        name: 'verify (1 subject)',
        governed: { method: 'POST', paths: [governedVerify], bodies, headers: { ...auth, ...jsonBody } },
        bare: { method: 'POST', paths: ['/bench/bare/verify'], bodies, headers: jsonBody },
        p99: false,
      },
    ];
    for (const s of scenarios) {
      // ABBA: bare, governed, governed, bare, half the time each, so a drift in the machine's other load
      // (it is shared) weighs on both sides alike.
      log(`${engine}/${profile}: ${s.name}`);
      await load(port, s.bare, WARMUP);
      await load(port, s.governed, WARMUP);
      const half = Math.max(1, Math.round(SECONDS / 2));
      const bare1 = await load(port, s.bare, half);
      const gov1 = await governedRound(port, counter, s.kind, s.governed, half);
      const gov2 = await governedRound(port, counter, s.kind, s.governed, half);
      const bare2 = await load(port, s.bare, half);
      const g = [gov1, gov2];
      const sum = (f: (r: GovernedRound) => number) => f(gov1) + f(gov2);
      const server2xx = sum((r) => r.server2xx);
      const client2xx = sum((r) => r.load.result['2xx']);
      const events = sum((r) => r.events);
      const accessRows = sum((r) => r.accessRows);
      const commits = sum((r) => r.commits);
      evidence.push({
        engine,
        profile,
        scenario: s.name,
        client2xx,
        server2xx,
        events,
        accessRows,
        missing: sum((r) => r.missing),
        ok:
          g.every((r) => r.events === r.server2xx && r.load.evidenceIds.length === r.load.result['2xx']) &&
          accessRows === events &&
          sum((r) => r.missing) === 0,
        note:
          `${fmtInt(server2xx - client2xx)} sent but not received (cut off when a load stopped); ` +
          `${commits ? (sum((r) => r.committedEvents) / commits).toFixed(1) : '–'} events per commit; ` +
          `non-2xx ${sum((r) => r.load.result.non2xx)}, errors ${sum((r) => r.load.result.errors)}`,
      });
      rates.push({
        engine,
        profile,
        scenario: s.name,
        governed: summary([gov1.load.result, gov2.load.result]),
        bare: summary([bare1.result, bare2.result]),
        p99Target: s.p99,
      });
    }

    // The crash check: records under load, SIGKILL, restart on the same data, every received id looked up.
    log(`${engine}/${profile}: SIGKILL after ${KILL_AFTER} s under load`);
    await served(port);
    const before = await counter.counts();
    const victim = server;
    const killed = await load(port, scenarios[0]!.governed, KILL_AFTER + 5, (stop) => {
      setTimeout(() => {
        void victim.kill().then(stop);
      }, KILL_AFTER * 1000);
    });
    server = undefined;
    const t = performance.now();
    server = await startServerProcess<Ready>(CHILD, env);
    port = server.ready.port;
    const restartSeconds = (performance.now() - t) / 1000;
    const after = await counter.counts();
    const missing = await counter.missing(killed.evidenceIds);
    // The platform serves again, with the token issued before the crash.
    await sanityCheck(port, governedRecords + queries[1]!, auth);
    const events = after.records - before.records;
    evidence.push({
      engine,
      profile,
      scenario: `records, SIGKILL at ${KILL_AFTER} s, restart`,
      client2xx: killed.evidenceIds.length,
      server2xx: null,
      events,
      accessRows: after.accessRecords - before.accessRecords,
      missing: missing.length,
      ok:
        missing.length === 0 &&
        events >= killed.evidenceIds.length &&
        after.accessRecords - before.accessRecords === events,
      note: `${fmtInt(events - killed.evidenceIds.length)} committed but not received (in flight at the kill); restart ${restartSeconds.toFixed(1)} s`,
    });
    if (missing.length) log(`missing evidence ids, first ones: ${missing.slice(0, 5).join(', ')}`);
  } finally {
    await counter?.close();
    await server?.stop();
    await pgDb?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One request before the load: the governed page is full, masked where the grant says, and evidenced. */
async function sanityCheck(port: number, url: string, headers: Record<string, string>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { headers });
  const body = (await res.json()) as { items?: Record<string, string>[] };
  if (res.status !== 200 || body.items?.length !== PAGE || !res.headers.get('x-orderly-evidence-id'))
    throw new Error(
      `governed records: ${res.status}, ${body.items?.length} items: ${JSON.stringify(body).slice(0, 300)}`,
    );
  const row = body.items[0]!;
  // The ten page items, the mobile (I009) masked, the ID number (I001) not asked for.
  if (Object.keys(row).length !== 10 || !String(row.I009).includes('*') || 'I001' in row)
    throw new Error(`governed records: unexpected row ${JSON.stringify(row)}`);
}

export function printTable(header: string[], rows: string[][]): void {
  const lines = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log(`| ${l.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
}

/** Runs the exchange set and prints the tables. */
export async function runExchangeBench(): Promise<void> {
  const wantedEngines = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const profiles = (process.env.BENCH_PROFILES ?? 'intl,sm')
    .split(',')
    .map((p) => p.trim())
    .filter((p): p is Profile => p === 'intl' || p === 'sm');
  const engines: Engine[] = [];
  if (wantedEngines.includes('sqlite')) engines.push('sqlite');
  if (wantedEngines.includes('postgres')) {
    if (await postgresReachable()) engines.push('postgres');
    else log('PostgreSQL is unreachable: SQLite only');
  }
  const started = performance.now();
  const rates: RateRow[] = [];
  const evidence: EvidenceRow[] = [];
  const infos = new Set<string>();
  for (const profile of profiles)
    for (const engine of engines) await runServer(engine, profile, rates, evidence, infos);

  const cpus = os.cpus();
  console.log(
    `\nOrderly exchange benchmarks — ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; autocannon ${CONNECTIONS} connections, ` +
      `${SECONDS} s per side (halves: bare, governed, governed, bare) after ${WARMUP} s warm-up, on the server's machine; ${fmtInt(ROWS)} rows; ` +
      `load average at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const i of infos) console.log(`  ${i}`);
  const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  for (const profile of profiles) {
    console.log(
      `\nprofile ${profile}${profile === 'sm' ? ' (SM2 response signatures, SM3, SM4)' : ' (Ed25519, SHA-256, AES-256-GCM)'}\n`,
    );
    printTable(
      [
        'engine',
        'scenario',
        'governed req/s',
        'p50',
        'p99',
        'bare req/s',
        'p50',
        'p99',
        'ratio',
        'target',
        'met',
      ],
      rates
        .filter((r) => r.profile === profile)
        .map((r) => {
          const ratio = r.governed.rps / r.bare.rps;
          const met = ratio >= RATIO_TARGET && (!r.p99Target || r.governed.p99 <= P99_TARGET_MS);
          return [
            r.engine,
            r.scenario,
            fmtInt(r.governed.rps),
            ms(r.governed.p50),
            ms(r.governed.p99),
            fmtInt(r.bare.rps),
            ms(r.bare.p50),
            ms(r.bare.p99),
            `${ratio.toFixed(2)}×`,
            r.p99Target ? `≥ ${RATIO_TARGET}×, p99 ≤ ${P99_TARGET_MS} ms` : `≥ ${RATIO_TARGET}×`,
            met ? 'yes' : 'NO',
          ];
        }),
    );
  }
  console.log(
    '\naccess evidence: events == 2xx the server sent; every 2xx the client received has its event\n',
  );
  printTable(
    [
      'engine',
      'profile',
      'scenario',
      'client 2xx',
      'server 2xx',
      'events',
      'access rows',
      'missing',
      'met',
      'note',
    ],
    evidence.map((e) => [
      e.engine,
      e.profile,
      e.scenario,
      fmtInt(e.client2xx),
      e.server2xx === null ? '—' : fmtInt(e.server2xx),
      fmtInt(e.events),
      fmtInt(e.accessRows),
      fmtInt(e.missing),
      e.ok ? 'yes' : 'NO',
      e.note,
    ]),
  );
}
