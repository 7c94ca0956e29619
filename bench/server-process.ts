import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Platform } from '../src/server/platform.js';

// A server in a child process that can be stopped politely or killed with SIGKILL and started again on the
// same data: what the exchange benchmark's crash check needs (and what a crash test could reuse). The child
// prints one `BENCH_READY <json>` line on stdout when it listens; everything else it prints is passed through
// to stderr so its logs stay visible.

/** The heap limit `bin/orderly.js` gives the server (ORDERLY_HEAP_MB, default 384): it runs as in production. */
export const HEAP_LIMIT = `--max-old-space-size=${process.env.ORDERLY_HEAP_MB ?? 384}`;

/** A running server child. */
export interface ServerProcess<T> {
  /** What the child said when ready. */
  ready: T;
  pid: number;
  /** Sends SIGKILL and resolves once the process is gone. */
  kill(): Promise<void>;
  /** Sends SIGTERM (the server closes cleanly) and resolves once it exited. */
  stop(): Promise<void>;
}

const READY = 'BENCH_READY ';

/** Starts `node --import tsx <script>` with the extra environment; resolves when it printed its ready line. */
export function startServerProcess<T>(
  script: string,
  env: Record<string, string>,
  timeoutMs = 600_000,
): Promise<ServerProcess<T>> {
  // BENCH_CHILD_NODE_ARGS adds Node flags to the child, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' to profile
  // the server under load (NODE_OPTIONS does not take --cpu-prof).
  const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [HEAP_LIMIT, ...extra, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    let buf = '';
    let ready = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => {
      buf += s;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!ready && line.startsWith(READY)) {
          ready = true;
          clearTimeout(timer);
          resolve({
            ready: JSON.parse(line.slice(READY.length)) as T,
            pid: child.pid!,
            kill: () => stopWith('SIGKILL'),
            stop: () => stopWith('SIGTERM'),
          });
        } else process.stderr.write(`${line}\n`);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${script} exited before it was ready (${signal ?? code})`));
    });
  });
}

/** In the child: starts the job runner, the ledger sequencer and the render worker, listens on a free loopback port, closes
 * cleanly on SIGTERM, and prints the ready line with what `ready(port)` returns. */
export async function serveAndAnnounce(
  app: FastifyInstance,
  p: Platform,
  ready: (port: number) => unknown,
): Promise<void> {
  p.startBackground();
  const close = async () => {
    await app.close();
    await p.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(`${READY}${JSON.stringify(ready(port))}\n`);
}
