import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/kernel/index.js';
import type { DeliveryReady } from './delivery-child.js';
import { CHANGES, subscriptionDelivery } from './delivery-changes.js';
import { packageExport } from './delivery-package.js';
import { traceFile } from './delivery-trace.js';
import { fmtInt, log, type EngineServer, type Measure } from './delivery-support.js';
import { createBenchDatabase, engineInfo, postgresReachable, rawConnection } from './engines.js';
import { clientToken, envInt } from './exchange.js';
import { printResultTable, type ResultRow } from './harness.js';
import { startServerProcess, type ServerProcess } from './server-process.js';

// `npm run bench -- delivery` (issue 9 §5): bulk and change delivery of the exchange, per engine, against the
// platform running as `orderly serve` runs it in a child process (bench/delivery-child.ts, 384 MB heap),
// seeded with the exchange benchmark's persons (N rows, 11 items; the grant allows api, verification,
// package and subscription). Each measure goes through the public HTTP API as the grant's bound API client
// and has a raw baseline measured in the same run, on the same database:
// - package export, CSV and NDJSON (bench/delivery-package.ts): rows/s from the request to the downloaded
//   file against a plain-SQL dump of the same rows to a file (target ≥ 0.5×); the server's peak RSS during
//   the export against the package's size (bounded memory);
// - subscription delivery of M changes from an upsert ingest (bench/delivery-changes.ts): pull changes/s
//   against plain-SQL log pages, push changes/s to a local webhook receiver (duplicates and missing counted
//   by change id) against a plain POST loop;
// - leak tracing of the grant's whole copy, shuffled, key dropped (bench/delivery-trace.ts): seconds to a
//   verdict against reading and splitting the same CSV.
// The table is Markdown (docs/packages.md quotes it). The load generator shares the machine with the server:
// compare ratios, not absolute numbers.
// Environment: BENCH_ENGINES=sqlite,postgres  BENCH_ROWS (100,000)  BENCH_CHANGES (10,000)
//              BENCH_DELIVERY=package-csv,package-ndjson,changes,trace (all)  BENCH_PUSH_STALL_SECONDS (60).

const ROWS = envInt('BENCH_ROWS', 100_000);
const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'delivery-child.ts');

/** The measures in table order; BENCH_DELIVERY picks some by name. */
const MEASURES: { name: string; run: Measure }[] = [
  { name: 'package-csv', run: packageExport('csv') },
  { name: 'package-ndjson', run: packageExport('ndjson') },
  { name: 'changes', run: subscriptionDelivery },
  { name: 'trace', run: traceFile },
];

/** Starts the engine's server, runs the measures against it, stops it; the rows and the engine's info. */
async function runEngine(engine: Engine, measures: Measure[]): Promise<{ rows: ResultRow[]; info: string }> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-delivery-'));
  const dataDir = path.join(scratch, 'data');
  const pgDb = engine === 'postgres' ? await createBenchDatabase() : null;
  let server: ServerProcess<DeliveryReady> | undefined;
  let raw: EngineServer['raw'] | undefined;
  try {
    log(`${engine}: starting the server and seeding ${fmtInt(ROWS)} rows`);
    server = await startServerProcess<DeliveryReady>(CHILD, {
      ORDERLY_DATA_DIR: dataDir,
      ORDERLY_LOG_LEVEL: process.env.ORDERLY_LOG_LEVEL ?? 'warn',
      ORDERLY_WEBHOOK_ALLOW_PRIVATE: 'true',
      BENCH_ROWS: String(ROWS),
      ...(pgDb && { ORDERLY_DATABASE_URL: pgDb.url }),
    });
    const ready = server.ready;
    raw = await rawConnection({ engine, location: pgDb?.url ?? path.join(dataDir, 'orderly.db') });
    const s: EngineServer = {
      engine,
      pid: server.pid,
      ready,
      token: () => clientToken(ready.port, ready.world),
      raw,
      scratch,
    };
    const rows: ResultRow[] = [];
    for (const m of measures) rows.push(...(await m(s)));
    return { rows, info: await engineInfo(raw) };
  } finally {
    await raw?.close();
    await server?.stop();
    await pgDb?.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs the delivery set and prints the table. */
export async function runDeliveryBench(): Promise<void> {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const engines = (['sqlite', 'postgres'] as const).filter((e) => wanted.includes(e));
  if (engines.includes('postgres') && !(await postgresReachable())) {
    log('PostgreSQL is unreachable: SQLite only');
    engines.splice(engines.indexOf('postgres'), 1);
  }
  const picked = process.env.BENCH_DELIVERY?.split(',').map((n) => n.trim());
  const measures = MEASURES.filter((m) => !picked || picked.includes(m.name));
  if (!measures.length)
    throw new Error(`BENCH_DELIVERY names none of ${MEASURES.map((m) => m.name).join(', ')}`);

  const started = performance.now();
  const rows: ResultRow[] = [];
  const infos: string[] = [];
  for (const engine of engines) {
    const r = await runEngine(
      engine,
      measures.map((m) => m.run),
    );
    rows.push(...r.rows);
    infos.push(r.info);
  }
  const cpus = os.cpus();
  console.log(
    `\nOrderly delivery benchmarks — ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${fmtInt(ROWS)} rows, ` +
      `${fmtInt(CHANGES)} changes; load average at the end ` +
      `${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const i of infos) console.log(`  ${i}`);
  console.log('');
  printResultTable(rows);
}
