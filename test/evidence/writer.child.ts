// A second process for the concurrency test: opens the same database and keyring as the test platform, records
// events one transaction each and runs sequencer ticks in between — as another server process would.
import { loadConfig, newId, systemContext } from '../../src/kernel/index.js';
import { createPlatform } from '../../src/server/platform.js';

const [count, label] = [Number(process.argv[2] ?? '50'), process.argv[3] ?? 'child'];
const p = await createPlatform(
  loadConfig({ ...process.env, ORDERLY_LOG_LEVEL: 'silent', ORDERLY_CHECKPOINT_INTERVAL_MS: '0' }),
);
const ids: string[] = [];
for (let i = 0; i < count; i++) {
  ids.push(
    await p.db.kysely.transaction().execute((tx) =>
      p.audit.record(tx, systemContext(label, newId()), {
        action: 'test.process',
        subjectType: 'test',
        subjectId: `${label}-${i}`,
      }),
    ),
  );
  if (i % 7 === 0) await p.ledger.tick();
}
await p.ledger.flush();
await p.close();
process.stdout.write(JSON.stringify(ids));
