import { runFoundationBench } from './foundation.js';
import { runLedgerBench } from './ledger.js';
import { runPiiBench } from './pii.js';

// `npm run bench` runs the foundation set (as before); `npm run bench -- ledger` runs the evidence ledger set on
// each engine; `npm run bench -- pii` the PII detection quality table and throughput; `npm run bench -- ingest`
// data ingestion; `npm run bench -- exchange` the exchange gateway under load and the SIGKILL evidence check;
// `npm run bench -- delivery` package export and subscription delivery against raw baselines;
// `npm run bench -- all` runs every set. Unknown names are refused.

const sets: Record<string, () => Promise<void>> = {
  foundation: runFoundationBench,
  ledger: runLedgerBench,
  pii: runPiiBench,
  ingest: async () => (await import('./ingest.js')).runIngestBench(),
  exchange: async () => (await import('./exchange.js')).runExchangeBench(),
  delivery: async () => (await import('./delivery.js')).runDeliveryBench(),
};
const args = process.argv.slice(2).filter((a) => a !== '--');
const names = args.length === 0 ? ['foundation'] : args.includes('all') ? Object.keys(sets) : args;
const unknown = names.filter((n) => !sets[n]);
if (unknown.length) {
  console.error(
    `unknown benchmark set(s): ${unknown.join(', ')}; known: ${Object.keys(sets).join(', ')}, all`,
  );
  process.exit(2);
}
for (const name of names) await sets[name]!();
