import fs from 'node:fs';
import path from 'node:path';
import { createLogger, loadConfig, newId, type RequestContext } from '../src/kernel/index.js';
import { tableNames } from '../src/modules/datastore/domain/layout.js';
import { buildServer } from '../src/server/http.js';
import { createPlatform } from '../src/server/platform.js';
import { seedExchangeWorld, validPersons, type ExchangeWorld } from './exchange-seed.js';
import { serveAndAnnounce } from './server-process.js';

// The server of `npm run bench -- delivery` (bench/delivery.ts spawns it once per engine): the real platform
// and Fastify app as `orderly serve` runs them (job runner and ledger sequencer started), seeded with the
// exchange benchmark's world (bench/exchange-seed.ts) whose grant also allows `package` and `subscription`.
// One bench-only route on the same app, because the provider's ingest has no HTTP login in the bench world:
//   POST /bench/ingest {changes}  writes a CSV of the first `changes` persons with a new mobile number each,
//                                 uploads it and starts an upsert ingest job as the provider's steward (the
//                                 job runner runs it); answers the ingest job id
//   GET  /bench/ingest/:id        the ingest job (status, counts)
//   POST /bench/trace {file}      traces a file the parent wrote (the trace service as an auditor, as
//                                 `orderly trace` runs it; the file never crosses HTTP)
// Everything the parent measures goes through the public API. BENCH_READY carries, besides the port and the
// world, the physical names the parent's raw baselines read with plain SQL (data table, log table, columns).
// Environment: ORDERLY_DATA_DIR, ORDERLY_DATABASE_URL, ORDERLY_CRYPTO_PROFILE, ORDERLY_WEBHOOK_ALLOW_PRIVATE
// as for the server; BENCH_ROWS.

/** The methods the delivery world's grant allows. */
const METHODS = ['api', 'verification', 'package', 'subscription'];

/** What the parent's raw baselines read: a table's item columns in the package's field order. */
export interface DumpLayout {
  dataTable: string;
  logTable: string;
  columns: { code: string; column: string; encrypted: boolean }[];
}

/** What the child announces when it listens. */
export interface DeliveryReady {
  port: number;
  world: ExchangeWorld;
  dump: DumpLayout;
}

/** A CSV of the first `n` stored persons, each with its mobile's last digit changed (an update per row). */
function changedPersonsCsv(file: string, items: string[], n: number): void {
  const lines = [items.join(',')];
  for (const { values } of validPersons(n)) {
    const m = values.mobile!;
    const mobile = m.slice(0, -1) + String((Number(m.at(-1)) + 1) % 10);
    lines.push(items.map((i) => (i === 'mobile' ? mobile : (values[i] ?? ''))).join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, ORDERLY_PORT: '0', ORDERLY_HOST: '127.0.0.1' });
  const logger = createLogger(config.logLevel);
  const p = await createPlatform(config, { runner: { logger } });
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const t = performance.now();
  const world = await seedExchangeWorld(p, rows, METHODS);
  process.stderr.write(
    `[bench delivery] seeded ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
  const published = await p.catalogue.browse.published(world.resourceId);
  if (!published) throw new Error('the bench resource is not published');
  const { table, layout } = await p.datastore.layout(p.db.kysely, world.resourceId);
  const names = tableNames(world.resourceId, table.generation);
  const columnOf = new Map(layout.columns.map((c) => [c.item, c]));
  const dump: DumpLayout = {
    dataTable: names.data,
    logTable: names.log,
    // The package's default fields: every granted item, in the resource's order.
    columns: published.doc.items.map((i) => {
      const c = columnOf.get(i.name)!;
      return { code: i.code, column: c.column, encrypted: c.encrypted };
    }),
  };
  const steward: RequestContext = {
    requestId: newId(),
    actor: {
      kind: 'user',
      id: newId(),
      orgId: published.orgId,
      roles: ['steward'],
      scopes: [],
      mfa: true,
    },
  };
  const itemNames = published.doc.items.map((i) => i.name);

  const app = await buildServer(p, { logger });
  app.post('/bench/ingest', async (req) => {
    const { changes } = req.body as { changes: number };
    const file = path.join(config.dataDir, `bench-changes-${newId()}.csv`);
    changedPersonsCsv(file, itemNames, changes);
    const upload = await p.quality.ingest.upload(steward, world.resourceId, fs.createReadStream(file), {
      name: 'changes.csv',
    });
    fs.rmSync(file);
    const job = await p.quality.ingest.createJob(steward, world.resourceId, {
      uploadId: upload.id,
      mode: 'upsert',
    });
    return { jobId: job.id };
  });
  const auditor: RequestContext = {
    requestId: newId(),
    actor: { kind: 'user', id: newId(), orgId: null, roles: ['auditor'], scopes: [], mfa: true },
  };
  app.post('/bench/trace', async (req) =>
    p.exchange.trace.trace(auditor, (req.body as { file: string }).file),
  );
  app.get('/bench/ingest/:id', async (req) =>
    p.quality.ingest.get(steward, (req.params as { id: string }).id),
  );

  await serveAndAnnounce(app, p, (port): DeliveryReady => ({ port, world, dump }));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
