import type { Worker } from 'node:worker_threads';
import { startModuleWorker, type ProfileName } from '../../kernel/index.js';
import type { ScannedRow } from '../datastore/index.js';
import { renderPage, type TableFormat } from './package-lines.js';
import type { GrantMaskers, MaskedGrant } from './row-masker.js';

// Rendering a table package's pages (masks, watermark, CSV/NDJSON) on a second core. A build is CPU-bound in
// one thread: reading and decrypting a page costs about as much as masking, watermarking and serialising it
// (docs/packages.md "Benchmark"). So the build's thread reads and decrypts page n + 1 while a worker thread
// renders page n. The worker is started on the first build and kept for the next ones (unreferenced while idle,
// so it never keeps a process alive). Until it is up — and if it cannot start or dies — pages are rendered
// in the build's own thread by the same function, so the bytes never depend on where a page was rendered.

/** What a build renders with: the grant's masking view, the fields and format, and the masks' clock. */
export interface RenderSpec {
  grant: MaskedGrant;
  fields: string[];
  format: TableFormat;
  /** When age bands count (ISO time). */
  now: string;
  profile: ProfileName;
  pseudonymSecret: Uint8Array;
  digestSecret: Uint8Array;
  watermarkSecret: Uint8Array;
}

/**
 * A page as columns: copying 1,000 row objects to the worker costs three times what copying their values as
 * arrays does (each object repeats its property names).
 */
export interface PackedPage {
  keys: string[];
  disputed: boolean[];
  names: string[];
  columns: Cell[][];
}

type Cell = ScannedRow['values'][string];

/** Rows as columns of the named values. */
export function packPage(rows: readonly ScannedRow[], names: readonly string[]): PackedPage {
  return {
    keys: rows.map((r) => r.key),
    disputed: rows.map((r) => r.disputed),
    names: [...names],
    columns: names.map((n) => rows.map((r) => r.values[n] ?? null)),
  };
}

/** The rows of a packed page (a value absent from a row comes back as null, which is how masks read it). */
export function unpackPage(p: PackedPage): ScannedRow[] {
  return p.keys.map((key, i) => {
    const values: Record<string, Cell> = {};
    for (let c = 0; c < p.names.length; c++) values[p.names[c]!] = p.columns[c]![i] ?? null;
    return { key, disputed: p.disputed[i]!, values };
  });
}

/** Messages to the worker. */
export type RenderRequest =
  | { t: 'build'; build: number; spec: RenderSpec }
  | { t: 'page'; build: number; seq: number; page: PackedPage }
  | { t: 'end'; build: number };

/** Messages from the worker. */
export type RenderReply =
  { ready: true } | { seq: number; bytes: Uint8Array } | { seq: number; error: string } | { error: string };

/** One build's renderer: pages go in in order; each promise holds that page's text (UTF-8). */
export interface RenderSession {
  render(rows: readonly ScannedRow[]): Promise<Uint8Array>;
  close(): void;
}

interface Waiter {
  build: number;
  resolve: (bytes: Uint8Array) => void;
  reject: (e: Error) => void;
}

/** The render worker shared by the builds of one process. */
export class PageRenderer {
  private worker: Worker | null = null;
  private ready = false;
  private builds = 0;
  private seq = 0;
  private readonly waiting = new Map<number, Waiter>();
  private readyWaiters: (() => void)[] = [];
  /** Pages rendered by the worker since start (the rest were rendered in the build's thread). */
  workerPages = 0;

  /** `threads: false` renders every page in the build's thread (the worker is never started). */
  constructor(
    private readonly maskers: GrantMaskers,
    private readonly threads = true,
  ) {}

  /** A session for one build. */
  open(spec: RenderSpec): RenderSession {
    if (this.threads) this.start();
    const build = ++this.builds;
    const local = this.maskers.masker(spec.grant, spec.fields, new Date(spec.now));
    const names = spec.fields.map((f) => spec.grant.items.find((i) => i.code === f)!.name);
    let sent = false;
    return {
      render: (rows) => {
        const w = this.worker;
        if (!w || !this.ready) return Promise.resolve(renderPage(local, spec.fields, spec.format, rows));
        if (!sent) {
          w.postMessage({ t: 'build', build, spec } satisfies RenderRequest);
          sent = true;
        }
        const seq = ++this.seq;
        const done = new Promise<Uint8Array>((resolve, reject) => {
          this.waiting.set(seq, { build, resolve, reject });
        });
        if (this.waiting.size === 1) w.ref();
        w.postMessage({ t: 'page', build, seq, page: packPage(rows, names) } satisfies RenderRequest);
        return done;
      },
      close: () => {
        if (sent) this.worker?.postMessage({ t: 'end', build } satisfies RenderRequest);
        for (const [seq, w] of this.waiting) {
          if (w.build !== build) continue;
          this.waiting.delete(seq);
          w.reject(new Error('package build closed while a page was rendering'));
        }
      },
    };
  }

  /** Starts the worker (if allowed) and resolves once it is ready or has failed to start. */
  warm(): Promise<void> {
    if (!this.threads) return Promise.resolve();
    this.start();
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Stops the worker (the process is shutting down). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    this.fail(new Error('package renderer closed'));
    if (w) await w.terminate();
  }

  private start(): void {
    if (this.worker) return;
    const w = startModuleWorker(import.meta.url, 'package-render-worker', 'runPackageRenderWorker', null);
    this.worker = w;
    w.unref();
    w.on('message', (m: RenderReply) => {
      if ('ready' in m) {
        this.ready = true;
        this.wake();
        return;
      }
      if (!('seq' in m)) return this.stop(w, new Error(`package render worker: ${m.error}`));
      const waiter = this.waiting.get(m.seq);
      if (!waiter) return;
      this.waiting.delete(m.seq);
      if (this.waiting.size === 0) w.unref();
      if ('bytes' in m) {
        this.workerPages++;
        waiter.resolve(m.bytes);
      } else waiter.reject(new Error(`package render worker: ${m.error}`));
    });
    w.on('error', (e) => this.stop(w, e));
    w.on('exit', () => this.stop(w, new Error('package render worker exited')));
  }

  /** A worker that failed is dropped; the next build starts another. Its pages in flight fail their builds. */
  private stop(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.ready = false;
    this.fail(e);
    this.wake();
    void w.terminate();
  }

  private wake(): void {
    for (const f of this.readyWaiters.splice(0)) f();
  }

  private fail(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
