import type { Worker } from 'node:worker_threads';
import { startModuleWorker, type ProfileName } from '../../kernel/index.js';
import {
  isSealedColumn,
  openStoredPage,
  sealedBuffers,
  type CellKeys,
  type CellKeysData,
  type ScannedRow,
  type StoredPage,
} from '../datastore/index.js';
import { renderPage, type TableFormat } from './package-lines.js';
import type { GrantMaskers, MaskedGrant, RowMasker } from './row-masker.js';

// Rendering a table package's pages (masks, watermark, CSV/NDJSON) on a second core. A build is CPU-bound in
// one thread: reading and decrypting a page costs about as much as masking, watermarking and serialising it
// (docs/packages.md "Benchmark"). So the build's thread reads page n + 1 while a worker thread renders page n,
// and the page's encrypted cells are opened by whichever of the two has time. The worker is started on the first
// build and kept for the next ones (unreferenced while idle, so it never keeps a process alive). Until it is up —
// and if it cannot start or dies — pages are rendered in the build's own thread by the same function, so the
// bytes never depend on where a page was rendered.

/** Pages the worker has yet to finish from which this thread opens the next page's cells itself. */
const OPEN_HERE_AT = 2;

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
  /** The resource's data keys, for the pages the worker opens itself. */
  cells: CellKeysData;
}

/** The rows of a page whose columns are all decoded (a value absent from a row comes back as null). */
export function unpackPage(p: StoredPage): ScannedRow[] {
  const columns = p.columns.map((c) => {
    if (isSealedColumn(c)) throw new Error(`column ${c.item} is still sealed`);
    return c.values;
  });
  const names = p.columns.map((c) => c.item);
  return p.keys.map((key, i) => {
    const values: Record<string, ScannedRow['values'][string]> = {};
    for (let c = 0; c < names.length; c++) values[names[c]!] = columns[c]![i] ?? null;
    return { key, disputed: p.disputed[i]!, values };
  });
}

/** A page's text in this thread: its cells opened, masked and serialised. */
export function renderHere(
  keys: CellKeys,
  mask: RowMasker,
  fields: readonly string[],
  format: TableFormat,
  page: StoredPage,
): Uint8Array {
  return renderPage(mask, fields, format, unpackPage(openStoredPage(keys, page)));
}

/** What the worker starts with: the counter of pages it has finished (shared memory). */
export interface RenderWorkerData {
  finished: Int32Array;
}

/** Messages to the worker. */
export type RenderRequest =
  | { t: 'build'; build: number; spec: RenderSpec }
  | { t: 'page'; build: number; seq: number; page: StoredPage }
  | { t: 'end'; build: number };

/** Messages from the worker. */
export type RenderReply =
  { ready: true } | { seq: number; bytes: Uint8Array } | { seq: number; error: string } | { error: string };

/** One build's renderer: pages go in in order; each promise holds that page's text (UTF-8). */
export interface RenderSession {
  /** The page's text; its sealed buffers may be handed to the worker (the page is unusable afterwards). */
  render(page: StoredPage): Promise<Uint8Array>;
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
  /** Pages posted to the current worker, and (shared with it) how many it has finished. */
  private posted = 0;
  private finished = new Int32Array(new SharedArrayBuffer(4));
  private builds = 0;
  private seq = 0;
  private readonly waiting = new Map<number, Waiter>();
  private readyWaiters: (() => void)[] = [];
  /** Pages rendered by the worker since start (the rest were rendered in the build's thread). */
  workerPages = 0;
  /** Pages whose cells the worker opened (the build's thread opened the others). */
  sealedPages = 0;

  /** `threads: false` renders every page in the build's thread (the worker is never started). */
  constructor(
    private readonly maskers: GrantMaskers,
    private readonly threads = true,
  ) {}

  /** A session for one build; `keys` open the pages' sealed cells (the worker gets them as `spec.cells`). */
  open(spec: RenderSpec, keys: CellKeys): RenderSession {
    if (this.threads) this.start();
    const build = ++this.builds;
    const local = this.maskers.masker(spec.grant, spec.fields, new Date(spec.now));
    let sent = false;
    return {
      render: (page) => {
        const w = this.worker;
        if (!w || !this.ready) {
          try {
            return Promise.resolve(renderHere(keys, local, spec.fields, spec.format, page));
          } catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
          }
        }
        if (!sent) {
          w.postMessage({ t: 'build', build, spec } satisfies RenderRequest);
          sent = true;
        }
        // Who opens the cells: this thread while the worker still has OPEN_HERE_AT pages to finish (with a page
        // of slack it never runs dry while this thread reads), else the worker — so neither waits for the other;
        // decided column by column, as opening one takes a while. The worker's progress is read from shared
        // memory: its replies would only be seen once this thread yields, and a build's thread rarely does
        // (docs/packages.md).
        const p = openStoredPage(
          keys,
          page,
          () => this.posted - Atomics.load(this.finished, 0) >= OPEN_HERE_AT,
        );
        if (p.columns.some(isSealedColumn)) this.sealedPages++;
        const seq = ++this.seq;
        const done = new Promise<Uint8Array>((resolve, reject) => {
          this.waiting.set(seq, { build, resolve, reject });
        });
        this.posted++;
        if (this.waiting.size === 1) w.ref();
        w.postMessage({ t: 'page', build, seq, page: p } satisfies RenderRequest, sealedBuffers(p));
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
    this.posted = 0;
    this.finished = new Int32Array(new SharedArrayBuffer(4));
    const w = startModuleWorker(import.meta.url, 'package-render-worker', 'runPackageRenderWorker', {
      finished: this.finished,
    } satisfies RenderWorkerData);
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
