import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { envInt } from './exchange.js';
import {
  api,
  fmtInt,
  log,
  poll,
  rawRows,
  secs,
  type EngineServer,
  type Measure,
} from './delivery-support.js';
import type { ResultRow } from './harness.js';

// Subscription delivery (docs/subscriptions.md) of M changes, made by an upsert ingest of M stored persons
// with a new mobile number each (one `update` per row), after the grant was issued:
// - pull: the bound client pages GET …/grants/{id}/changes (limit 1,000) from the grant's activation until it
//   holds all M; baseline: the same log entries read with plain SQL (pages of 1,000 by `_seq`) and serialised
//   as JSON — no previous-version lookup, row filter, masks, decryption, signature or evidence;
// - push: a receiver on 127.0.0.1 is registered (POST …/subscriptions, from activation); changes/s from the
//   registration until the last of the M change ids arrived (the push job runs every 5 s; one webhook
//   delivery per change through the outbox, one at a time by the job runner); duplicates and missing counted
//   by change id against the pulled ids; baseline: the same number of POSTs of a delivered body, one in flight,
//   from this process to the same receiver — what one request per change costs on the loopback alone.

/** M: the changes the ingest makes and the subscription delivers. */
export const CHANGES = envInt('BENCH_CHANGES', 10_000);
const PULL_LIMIT = 1000;
/** Push: the wait ends when no new change arrived for this long. */
const STALL_MS = envInt('BENCH_PUSH_STALL_SECONDS', 60) * 1000;

interface IngestJob {
  status: string;
  counts: { read: number; updated: number; inserted: number; unchanged: number; rejected: number };
  error: string | null;
}

interface ChangesPage {
  changes: { id: string }[];
  next: string;
  hasMore: boolean;
}

/** A webhook receiver: change ids in arrival order, and when the last new one came. */
interface Receiver {
  url: string;
  ids: string[];
  unique: Set<string>;
  firstAt: number;
  lastNewAt: number;
  sampleBody: string;
  baselineHits: number;
  close(): Promise<void>;
}

function startReceiver(): Promise<Receiver> {
  const rx: Omit<Receiver, 'url' | 'close'> = {
    ids: [],
    unique: new Set(),
    firstAt: 0,
    lastNewAt: 0,
    sampleBody: '',
    baselineHits: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/baseline') rx.baselineHits++;
      else {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = (JSON.parse(body) as { change: { id: string } }).change.id;
        rx.ids.push(id);
        if (!rx.unique.has(id)) {
          rx.unique.add(id);
          rx.lastNewAt = performance.now();
          rx.firstAt ||= rx.lastNewAt;
        }
        rx.sampleBody ||= body;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve(
        Object.assign(rx, {
          url: `http://127.0.0.1:${port}/changes`,
          close: () => new Promise<void>((r) => server.close(() => r())),
        }),
      );
    });
  });
}

/** Pulls the grant's feed from activation until `count` changes are in; the ids and the time. */
async function pull(s: EngineServer, count: number): Promise<{ ids: string[]; ms: number }> {
  const { port, world } = s.ready;
  const token = await s.token();
  const ids: string[] = [];
  const t = performance.now();
  const end = t + 300_000;
  let cursor = '';
  for (;;) {
    const q = `limit=${PULL_LIMIT}${cursor && `&cursor=${cursor}`}`;
    const page = await api<ChangesPage>(
      port,
      'GET',
      `/api/v1/exchange/grants/${world.grantId}/changes?${q}`,
      {
        token,
      },
    );
    ids.push(...page.changes.map((c) => c.id));
    cursor = page.next;
    if (page.hasMore) continue;
    if (ids.length >= count) break;
    // Entries after a gap in the log positions settle for two minutes (docs/subscriptions.md).
    if (performance.now() > end) throw new Error(`pull: ${ids.length} of ${count} changes after 300 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ids, ms: performance.now() - t };
}

/** The pull baseline: the same log entries, plain SQL pages by `_seq`, serialised as JSON. */
async function rawLog(s: EngineServer, after: number, count: number): Promise<number> {
  const text = `select * from "${s.ready.dump.logTable}" where _seq > ? order by _seq limit ${PULL_LIMIT}`;
  const t = performance.now();
  let read = 0;
  let bytes = 0;
  while (read < count) {
    const page = await rawRows(s.raw, text, [after]);
    if (!page.length) throw new Error(`the log ends after ${read} of ${count} entries`);
    for (const r of page) {
      for (const [k, v] of Object.entries(r)) if (Buffer.isBuffer(v)) r[k] = v.toString('base64');
      bytes += JSON.stringify(r).length;
    }
    read += page.length;
    after = Number(page.at(-1)!._seq);
  }
  if (!bytes) throw new Error('nothing read');
  return performance.now() - t;
}

/** The push baseline: `count` POSTs of a delivered body to the receiver, one in flight. */
async function postLoop(rx: Receiver, count: number): Promise<number> {
  const url = rx.url.replace(/\/changes$/, '/baseline');
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: rx.sampleBody,
    });
    await res.arrayBuffer();
  }
  if (rx.baselineHits !== count) throw new Error(`baseline: ${rx.baselineHits} of ${count} arrived`);
  return performance.now() - t;
}

/** Ingest M changes, then pull them, then push them; rows for the ingest, pull and push. */
export const subscriptionDelivery: Measure = async (s) => {
  const { port, world } = s.ready;
  const rows: ResultRow[] = [];
  const row = (r: Omit<ResultRow, 'engine'>) => rows.push({ engine: s.engine, ...r });

  log(`${s.engine}: upsert ingest of ${fmtInt(CHANGES)} rows`);
  const t0 = performance.now();
  const { jobId } = await api<{ jobId: string }>(port, 'POST', '/bench/ingest', {
    body: { changes: CHANGES },
  });
  const job = await poll(
    'ingest',
    async () => {
      const j = await api<IngestJob>(port, 'GET', `/bench/ingest/${jobId}`);
      if (j.status === 'failed' || j.status === 'cancelled')
        throw new Error(`ingest ${j.status}: ${j.error}`);
      return j.status === 'succeeded' ? j : undefined;
    },
    100,
    1_800_000,
  );
  const ingestMs = performance.now() - t0;
  if (job.counts.updated !== CHANGES) throw new Error(`the ingest updated ${JSON.stringify(job.counts)}`);
  row({
    name: `upsert ingest of ${fmtInt(CHANGES)} rows (makes the changes)`,
    result: `${fmtInt((CHANGES * 1000) / ingestMs)} rows/s (${secs(ingestMs)}, job request → succeeded)`,
    baseline: '',
    baselineResult: '',
    ratio: null,
    target: '',
    met: null,
  });

  log(`${s.engine}: pull ${fmtInt(CHANGES)} changes`);
  const pulled = await pull(s, CHANGES);
  const seqs = pulled.ids.map((id) => Number(id.slice(id.lastIndexOf(':') + 1)));
  const rawMs = await rawLog(s, Math.min(...seqs) - 1, CHANGES);
  const pullRate = (pulled.ids.length * 1000) / pulled.ms;
  const rawRate = (CHANGES * 1000) / rawMs;
  row({
    name: `changes pull (GET …/changes, limit ${PULL_LIMIT})`,
    result: `${fmtInt(pullRate)} changes/s (${fmtInt(pulled.ids.length)} in ${secs(pulled.ms)})`,
    baseline: 'plain SQL log pages → JSON',
    baselineResult: `${fmtInt(rawRate)} entries/s`,
    ratio: pullRate / rawRate,
    target: `all ${fmtInt(CHANGES)}`,
    met: new Set(pulled.ids).size === CHANGES,
  });

  log(`${s.engine}: push ${fmtInt(CHANGES)} changes to a webhook`);
  const rx = await startReceiver();
  try {
    const token = await s.token();
    const t1 = performance.now();
    await api(port, 'POST', `/api/v1/exchange/grants/${world.grantId}/subscriptions`, {
      token,
      body: { url: rx.url },
      expect: 201,
    });
    await poll(
      'push',
      async () => {
        if (rx.unique.size >= CHANGES) return true;
        const quiet = performance.now() - (rx.lastNewAt || t1);
        return quiet > STALL_MS ? false : undefined;
      },
      200,
      3_600_000,
    );
    if (!rx.unique.size) throw new Error(`push: nothing arrived within ${STALL_MS / 1000} s`);
    const pushMs = rx.lastNewAt - t1;
    // Late duplicates (a retry after a lost answer) would come in now.
    await new Promise((r) => setTimeout(r, 2000));
    const expected = new Set(pulled.ids);
    const missing = [...expected].filter((id) => !rx.unique.has(id)).length;
    const foreign = [...rx.unique].filter((id) => !expected.has(id)).length;
    const duplicates = rx.ids.length - rx.unique.size;
    const baseMs = await postLoop(rx, rx.unique.size);
    const pushRate = (rx.unique.size * 1000) / pushMs;
    const baseRate = (rx.unique.size * 1000) / baseMs;
    row({
      name: 'changes push (webhook, one POST per change)',
      result:
        `${fmtInt(pushRate)} changes/s (${fmtInt(rx.unique.size)} in ${secs(pushMs)}, the first after ${secs(rx.firstAt - t1)}); ` +
        `duplicates ${duplicates}, missing ${missing}, unexpected ${foreign}`,
      baseline: 'plain POST loop, 1 in flight',
      baselineResult: `${fmtInt(baseRate)} POST/s`,
      ratio: pushRate / baseRate,
      target: 'none missing',
      met: missing === 0 && foreign === 0,
    });
  } finally {
    await rx.close();
  }
  return rows;
};
