import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Engine } from '../src/kernel/index.js';
import type { RawConn } from './engines.js';
import type { DeliveryReady } from './delivery-child.js';
import type { ResultRow } from './harness.js';

// What the measures of `npm run bench -- delivery` share: the engine's running server, plain-SQL pages for
// the raw baselines, the server's memory watched from outside, and small HTTP helpers for the public API.

/** One engine's server, as every measure gets it. */
export interface EngineServer {
  engine: Engine;
  /** The server child (the platform as `orderly serve` runs it) and what it announced. */
  pid: number;
  ready: DeliveryReady;
  /** A fresh access token of the world's API client (bound to the grant). */
  token(): Promise<string>;
  /** A raw driver connection to the same database, for the baselines. */
  raw: RawConn;
  /** A scratch directory of this run (removed afterwards). */
  scratch: string;
}

/** A measure of the delivery set: runs against one engine's server and returns its table rows. */
export type Measure = (s: EngineServer) => Promise<ResultRow[]>;

/** One page of a plain SQL query (`?` placeholders, rewritten to `$n` on PostgreSQL). */
export async function rawRows(
  raw: RawConn,
  text: string,
  params: unknown[],
): Promise<Record<string, unknown>[]> {
  if (raw.engine === 'sqlite') return raw.sqlite.prepare(text).all(...params) as Record<string, unknown>[];
  let n = 0;
  const r = await raw.pg.query<Record<string, unknown>>(
    text.replace(/\?/g, () => `$${++n}`),
    params,
  );
  return r.rows;
}

function statusKiB(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Memory of a process over a measured span: RSS at the start and the peak, in KiB. */
export interface RssSpan {
  startKiB: number;
  peakKiB: number;
  /** True when the peak is the kernel's high-water mark (reset at the start), false when sampled. */
  exact: boolean;
}

/** Starts watching another process's RSS: resets its high-water mark (Linux) and samples every 50 ms. */
export function watchRss(pid: number): { stop(): RssSpan } {
  let exact = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    exact = true;
  } catch {
    // not Linux or not permitted: the sampled maximum stands
  }
  const startKiB = statusKiB(pid, 'VmRSS') ?? 0;
  let sampled = startKiB;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, statusKiB(pid, 'VmRSS') ?? 0);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      const hwm = exact ? statusKiB(pid, 'VmHWM') : null;
      return { startKiB, peakKiB: Math.max(sampled, hwm ?? 0), exact: hwm !== null };
    },
  };
}

/** A JSON call to the server; throws unless the status is the expected one. */
export async function api<T>(
  port: number,
  method: 'GET' | 'POST',
  url: string,
  opts: { token?: string; body?: unknown; expect?: number } = {},
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      ...(opts.token && { authorization: `Bearer ${opts.token}` }),
      ...(opts.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(opts.body !== undefined && { body: JSON.stringify(opts.body) }),
  });
  const text = await res.text();
  if (res.status !== (opts.expect ?? 200))
    throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Streams a GET to a file (as a consumer saves a download); resolves with the bytes written. */
export function download(port: number, url: string, token: string, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: url, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`GET ${url}: ${res.statusCode}`));
          return;
        }
        pipeline(res, fs.createWriteStream(file)).then(() => resolve(fs.statSync(file).size), reject);
      },
    );
    req.on('error', reject);
  });
}

/** Polls until `done` returns a value (every `ms`), or throws after `timeoutMs`. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  ms: number,
  timeoutMs: number,
): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`${what}: not done within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, ms));
  }
}

/** Formatting for the table. */
export const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Progress lines on stderr (the table goes to stdout). */
export const log = (msg: string) => process.stderr.write(`[bench delivery] ${msg}\n`);
