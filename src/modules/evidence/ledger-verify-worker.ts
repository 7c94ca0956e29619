import { parentPort, workerData } from 'node:worker_threads';
import type { VerifyWorkerData, VerifyWorkerReply } from './ledger-verify.js';
import { openLeafReader } from './leaf-reader.repository.js';
import { RangeChecker } from './verify-rows.js';

// A full-verification worker thread (see ledger-verify.ts): with its own read connection it checks the leaves of
// the index ranges it is sent and answers with their findings and leaf hashes.

/** The worker's loop; started by `startModuleWorker` from ledger-verify.ts. */
export async function runLedgerVerifyWorker(): Promise<void> {
  const data = (workerData as { data: VerifyWorkerData }).data;
  const port = parentPort!;
  const reader = openLeafReader(data.engine, data.location);
  const checker = new RangeChecker(reader, data.hashAlg);
  // Requests are handled one at a time, in the order they came.
  let queue = Promise.resolve();
  port.on('message', (m: { chunk: number; from: number; to: number }) => {
    queue = queue.then(async () => {
      try {
        const c = await checker.check(m.from, m.to);
        const reply: VerifyWorkerReply = { chunk: m.chunk, ...c };
        port.postMessage(reply, [c.hashes.buffer as ArrayBuffer]);
      } catch (e) {
        port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    });
  });
  port.postMessage({ ready: true } satisfies VerifyWorkerReply);
}
