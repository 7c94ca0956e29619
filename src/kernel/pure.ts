// The kernel's second door, for worker threads: its parts that import nothing (no database layer, no logger, no
// packages), so a worker that only canonicalises and hashes does not load what the index brings with it — under
// tsx the index's import graph took 1.6 s of a full-verification worker's start-up, `jcs.ts` alone 0.45 s
// (docs/adr/0007-kernel-pure-door.md). Everything here is also exported by the index; modules import the index
// unless the code runs in a worker thread. A test keeps this door free of package imports.
export * from './audit-columns.js';
export * from './jcs.js';
