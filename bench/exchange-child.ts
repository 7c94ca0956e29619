import fs from 'node:fs';
import path from 'node:path';
import { createLogger, loadConfig } from '../src/kernel/index.js';
import { filterItemsOf, parseFilter, type FilterJson } from '../src/modules/datastore/index.js';
import { buildServer } from '../src/server/http.js';
import { createPlatform } from '../src/server/platform.js';
import { seedExchangeWorld, type ExchangeWorld } from './exchange-seed.js';
import { serveAndAnnounce } from './server-process.js';

// The server of `npm run bench -- exchange`, one process per engine and profile (bench/exchange.ts spawns it,
// and after a SIGKILL spawns it again on the same data directory and database). It builds and runs the
// platform exactly as `orderly serve` does — createPlatform + buildServer, job runner and ledger sequencer
// started — seeds the bench world on the first start, and adds bench-only routes on the same Fastify app:
//   GET  /bench/bare/records  the same data store query (same SQL, same pool, the same projection, so the
//                             same item decrypted) and a JSON body, without authentication, grant, masks,
//                             signature or evidence
//   POST /bench/bare/verify   the same lookup the verify service runs (limit 1, no items decoded), likewise
//   GET  /bench/served        2xx responses this process has sent per governed route (counted in onSend,
//                             after the service returned, so after the access event committed), and the
//                             exchange's group-commit counters (events, commits)
// Environment: ORDERLY_DATA_DIR, ORDERLY_DATABASE_URL, ORDERLY_CRYPTO_PROFILE as for the server;
// BENCH_EXCHANGE_ROWS for the first start. Prints `BENCH_READY {"port":…,"world":{…}}` when listening.

const RECORDS_ROUTE = '/api/v1/exchange/grants/:grantId/records';
const VERIFY_ROUTE = '/api/v1/exchange/grants/:grantId/verify';

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, ORDERLY_PORT: '0', ORDERLY_HOST: '127.0.0.1' });
  const logger = createLogger(config.logLevel);
  const p = await createPlatform(config, { runner: { logger } });
  const worldFile = path.join(config.dataDir, 'bench-world.json');
  let world: ExchangeWorld;
  if (await p.identity.bootstrap.isEmpty()) {
    const rows = Number(process.env.BENCH_EXCHANGE_ROWS ?? 50_000);
    const t = performance.now();
    world = await seedExchangeWorld(p, rows);
    // The client secret is in it: owner-only, like the keyring.
    fs.writeFileSync(worldFile, JSON.stringify(world), { mode: 0o600 });
    process.stderr.write(
      `[bench exchange] seeded ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
    );
  } else {
    world = JSON.parse(fs.readFileSync(worldFile, 'utf8')) as ExchangeWorld;
  }

  const app = await buildServer(p, { logger });
  const published = await p.catalogue.browse.published(world.resourceId);
  if (!published) throw new Error('the bench resource is not published');
  const filterItems = filterItemsOf(published.doc.items);
  const nameOf = new Map(published.doc.items.map((i) => [i.code, i.name]));
  const allItems = [...nameOf.values()];
  const json = 'application/json; charset=utf-8';

  app.get('/bench/bare/records', async (req, reply) => {
    const q = req.query as { fields?: string; filter?: string; limit?: string };
    const items = q.fields ? q.fields.split(',').map((c) => nameOf.get(c) ?? c) : allItems;
    const filter = q.filter
      ? parseFilter(JSON.parse(q.filter) as FilterJson, filterItems, { path: 'filter' })
      : null;
    const page = await p.datastore.query(world.resourceId, {
      filter,
      limit: Number(q.limit ?? 100),
      items,
    });
    const body = JSON.stringify({ items: page.rows.map((r) => r.values), next: page.next });
    return reply.type(json).send(body);
  });

  app.post('/bench/bare/verify', async (req, reply) => {
    const { values } = req.body as { values: Record<string, string> };
    const eqs: FilterJson[] = Object.entries(values).map(([item, value]) => ({ eq: { item, value } }));
    const filter = parseFilter(eqs.length === 1 ? eqs[0] : { and: eqs }, filterItems, { path: 'values' });
    const page = await p.datastore.query(world.resourceId, { filter, limit: 1, items: [] });
    return reply.type(json).send(JSON.stringify({ match: page.rows.length > 0 }));
  });

  const served = { records: 0, verify: 0 };
  app.addHook('onSend', async (req, reply) => {
    if (reply.statusCode < 200 || reply.statusCode >= 300) return;
    const route = req.routeOptions.url;
    if (route === RECORDS_ROUTE) served.records++;
    else if (route === VERIFY_ROUTE) served.verify++;
  });
  // With the group commit's counters: events per commit show how well the evidence commits are batched.
  app.get('/bench/served', async () => ({ ...served, groupCommit: { ...p.exchange.evidence.stats } }));

  await serveAndAnnounce(app, p, (port) => ({ port, world }));
}

main().catch((e: unknown) => {
  const details = (e as { details?: unknown }).details;
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  if (details) process.stderr.write(`${JSON.stringify(details)}\n`);
  process.exit(1);
});
