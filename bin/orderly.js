#!/usr/bin/env node
// Thin launcher: run the compiled CLI (npm run build first; `npm start` does it for you).
//
// Long-running commands (`serve`, `worker`) get a V8 old-generation limit unless the caller set one: without
// it V8 postpones full collections while far below its default limit of several GiB, so a server that
// ingests a million rows peaks above 400 MB of RSS although its live set is a fraction of that
// (docs/ingest-benchmark.md). ORDERLY_HEAP_MB overrides the default.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HEAP_FLAG = '--max-old-space-size';
const DEFAULT_HEAP_MB = 384;

const longRunning = ['serve', 'worker'].includes(process.argv[2] ?? '');
const heapSet =
  process.execArgv.some((a) => a.startsWith(HEAP_FLAG)) ||
  (process.env.NODE_OPTIONS ?? '').includes(HEAP_FLAG);

if (longRunning && !heapSet) {
  const mb = Number(process.env.ORDERLY_HEAP_MB ?? DEFAULT_HEAP_MB);
  const child = spawn(
    process.execPath,
    [`${HEAP_FLAG}=${mb}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  // The child owns the work; forward the signals an operator or a supervisor sends, exit as it exits.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
} else {
  import('../dist/cli/main.js');
}
