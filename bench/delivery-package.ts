import fs from 'node:fs';
import path from 'node:path';
import type { DumpLayout } from './delivery-child.js';
import {
  api,
  download,
  fmtInt,
  log,
  mib,
  poll,
  rawRows,
  secs,
  watchRss,
  type EngineServer,
  type Measure,
} from './delivery-support.js';
import type { RawConn } from './engines.js';
import type { ResultRow } from './harness.js';

// Package export (docs/packages.md) against a raw dump of the same rows, in the same run:
// - governed: the bound client POSTs …/grants/{id}/packages (every granted item, no filter: all N rows),
//   polls the package until `ready` (the job ran: grant check, 1,000-row pages, masks, two items decrypted,
//   CSV/NDJSON framing, data digest, manifest, JWS, sealing to the consumer organisation's key, evidence),
//   then downloads it to a file. Rows/s counts from the request to the last byte saved.
// - raw dump: plain SQL on a raw driver connection to the same database, the same rows in the same key order
//   and page size, written as CSV/NDJSON to a file (ciphertext as stored, base64); no grant, masks,
//   decryption, digest, signature, sealing or evidence.
// The server's peak RSS over the governed export (kernel high-water mark, reset at the request) is set
// against the package's size: memory stays bounded when the peak does not grow with the package.

const PAGE = 1000;
const RATIO_TARGET = 0.5;

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The raw dump: pages of plain SQL in key order written to a file; rows and bytes. */
async function rawDump(
  raw: RawConn,
  d: DumpLayout,
  format: 'csv' | 'ndjson',
  file: string,
): Promise<{ rows: number; bytes: number }> {
  const cols = d.columns.map((c) => `"${c.column}"`).join(', ');
  const text = `select _key, _disputed, ${cols} from "${d.dataTable}" where _deleted = 0 and _key > ? order by _key limit ${PAGE}`;
  const out = fs.createWriteStream(file);
  const write = (s: string) =>
    out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  if (format === 'csv') await write(`${[...d.columns.map((c) => c.code), '_disputed'].join(',')}\r\n`);
  let after = '';
  let rows = 0;
  for (;;) {
    const page = await rawRows(raw, text, [after]);
    let chunk = '';
    for (const r of page) {
      const values = d.columns.map((c) => {
        const v = r[c.column];
        return Buffer.isBuffer(v) ? v.toString('base64') : v;
      });
      const disputed = Number(r._disputed) === 1;
      chunk +=
        format === 'csv'
          ? `${[...values.map(csvCell), disputed ? 'true' : ''].join(',')}\r\n`
          : `${JSON.stringify({
              ...Object.fromEntries(d.columns.map((c, i) => [c.code, values[i]])),
              ...(disputed && { _disputed: true }),
            })}\n`;
    }
    rows += page.length;
    await write(chunk);
    if (page.length < PAGE) break;
    after = page.at(-1)!._key as string;
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { rows, bytes: fs.statSync(file).size };
}

interface PackageView {
  id: string;
  status: string;
  rows: number | null;
  bytes: number | null;
  error: string | null;
}

/** The package export measure of one format: rate against the raw dump, and the server's peak RSS. */
export function packageExport(format: 'csv' | 'ndjson'): Measure {
  return async (s: EngineServer): Promise<ResultRow[]> => {
    const { port, world, dump } = s.ready;
    const baseFile = path.join(s.scratch, `raw.${format}`);
    log(`${s.engine}: raw dump (${format})`);
    const t0 = performance.now();
    const base = await rawDump(s.raw, dump, format, baseFile);
    const baseMs = performance.now() - t0;
    fs.rmSync(baseFile);

    log(`${s.engine}: package (${format})`);
    const token = await s.token();
    const rss = watchRss(s.pid);
    const t1 = performance.now();
    const created = await api<PackageView>(
      port,
      'POST',
      `/api/v1/exchange/grants/${world.grantId}/packages`,
      {
        token,
        body: { format },
        expect: 202,
      },
    );
    const ready = await poll(
      'package build',
      async () => {
        const p = await api<PackageView>(port, 'GET', `/api/v1/exchange/packages/${created.id}`, { token });
        if (p.status === 'failed') throw new Error(`package failed: ${p.error}`);
        return p.status === 'ready' ? p : undefined;
      },
      100,
      1_800_000,
    );
    const t2 = performance.now();
    const file = path.join(s.scratch, `${created.id}.pkg`);
    const bytes = await download(port, `/api/v1/exchange/packages/${created.id}/content`, token, file);
    const t3 = performance.now();
    const mem = rss.stop();
    fs.rmSync(file);
    if (ready.rows !== base.rows || bytes !== ready.bytes)
      throw new Error(
        `package ${ready.rows} rows / ${bytes} of ${ready.bytes} bytes; raw dump ${base.rows} rows`,
      );

    const rate = (ready.rows * 1000) / (t3 - t1);
    const baseRate = (base.rows * 1000) / baseMs;
    return [
      {
        engine: s.engine,
        name: `package ${format}: request → ready → downloaded`,
        result: `${fmtInt(rate)} rows/s (${fmtInt(ready.rows)} rows: build ${secs(t2 - t1)}, download ${secs(t3 - t2)})`,
        baseline: `raw dump, plain SQL → ${format} file`,
        baselineResult: `${fmtInt(baseRate)} rows/s (${secs(baseMs)}, ${mib(base.bytes)})`,
        ratio: rate / baseRate,
        target: `≥ ${RATIO_TARGET}×`,
        met: rate / baseRate >= RATIO_TARGET,
      },
      {
        engine: s.engine,
        name: `package ${format}: server peak RSS`,
        result: `${mib(mem.peakKiB * 1024)} (+${mib((mem.peakKiB - mem.startKiB) * 1024)} over ${mib(mem.startKiB * 1024)} at the request${mem.exact ? '' : '; sampled'})`,
        baseline: 'package file',
        baselineResult: mib(bytes),
        ratio: null,
        target: 'bounded',
        met: null,
      },
    ];
  };
}
