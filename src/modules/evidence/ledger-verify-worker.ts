import { parentPort, workerData } from 'node:worker_threads';
import { treeHasher } from './domain/index.js';
import { openLeafReader } from './verify-reads.repository.js';
import { checkRows, type VerifyWorkerData, type VerifyWorkerReply } from './ledger-verify.js';

// A full-verification worker thread (see ledger-verify.ts): with its own read connection it checks the leaves of
// the index ranges it is sent and answers with their findings and leaf hashes.

/** The worker's loop; started by `startModuleWorker` from ledger-verify.ts. */
export async function runLedgerVerifyWorker(): Promise<void> {
  const data = (workerData as { data: VerifyWorkerData }).data;
  const port = parentPort!;
  const reader = openLeafReader(data.engine, data.location);
  const h = treeHasher(data.hashAlg);
  const hashSize = h(new Uint8Array(0)).length;
  // Requests are handled one at a time, in the order they came.
  let queue = Promise.resolve();
  port.on('message', (m: { chunk: number; from: number; to: number }) => {
    queue = queue.then(async () => {
      try {
        const rows = await reader.range(m.from, m.to);
        const c = checkRows(rows, h, hashSize);
        const reply: VerifyWorkerReply = { chunk: m.chunk, ...c };
        port.postMessage(reply, [c.hashes.buffer as ArrayBuffer]);
      } catch (e) {
        port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    });
  });
  port.postMessage({ ready: true } satisfies VerifyWorkerReply);
}
