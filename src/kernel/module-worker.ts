import { Worker } from 'node:worker_threads';

// Starting a worker thread on one of our own modules. Compiled JavaScript loads as is; TypeScript sources (tests,
// tsx, the benchmarks) need tsx's loader registered inside the worker first — Node 20 applies neither an
// inherited --import loader nor a test runner's transform to a worker. The module's `entry` export is called
// with no arguments; it reads `workerData.data` and talks over `parentPort`. A failure to load is posted as
// `{ error }`, the shape the callers already expect from a failing worker.

const BOOTSTRAP = `
const { workerData, parentPort } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');
(async () => {
  if (workerData.moduleUrl.endsWith('.ts')) {
    const api = createRequire(workerData.moduleUrl).resolve('tsx/esm/api').replace(/\\.cjs$/, '.mjs');
    (await import(pathToFileURL(api).href)).register();
  }
  const mod = await import(workerData.moduleUrl);
  await mod[workerData.entry]();
})().catch((e) => parentPort.postMessage({ error: String((e && e.stack) || e) }));
`;

/**
 * A worker thread running `entry` of the module `file` next to `importMetaUrl` (named without its extension:
 * `.ts` when the caller runs from source, `.js` when compiled). `data` reaches it as `workerData.data`.
 */
export function startModuleWorker(importMetaUrl: string, file: string, entry: string, data: unknown): Worker {
  const ext = importMetaUrl.endsWith('.ts') ? 'ts' : 'js';
  const moduleUrl = new URL(`./${file}.${ext}`, importMetaUrl).href;
  return new Worker(BOOTSTRAP, { eval: true, workerData: { moduleUrl, entry, data } });
}
