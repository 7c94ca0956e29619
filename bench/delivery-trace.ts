import fs from 'node:fs';
import path from 'node:path';
import { api, fmtInt, log, secs, type EngineServer, type Measure } from './delivery-support.js';
import type { ResultRow } from './harness.js';

// Leak tracing (docs/watermarks.md) of a 100k-row file: the bound client reads every record of the grant
// through the records API (its watermarked copy), the copy is shuffled, its key column dropped and written as
// CSV — the leak. The server traces it (POST /bench/trace runs the trace service as an auditor, the same code
// as `orderly trace`: read the file, fit every row to the source, render the candidates for every grant,
// decide, record evidence). Baseline: reading and parsing the same CSV into rows in this process — the floor
// any trace pays before matching anything. The answer must name the grant.

interface TraceAnswer {
  verdict: string;
  rowsDistinct: number;
  rowsFitting: number;
  named: { grantId: string; matched: number; falsePositive: string }[];
}

/** The grant's whole copy through the records API, as the consumer holds it. */
async function copyOf(s: EngineServer): Promise<Record<string, unknown>[]> {
  const { port, world } = s.ready;
  const token = await s.token();
  const rows: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: { items: Record<string, unknown>[]; next: string | null } = await api<{
      items: Record<string, unknown>[];
      next: string | null;
    }>(port, 'GET', `/api/v1/exchange/grants/${world.grantId}/records?${q}`, { token });
    rows.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return rows;
}

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The leak: the copy shuffled (a fixed permutation), without the key column, as CSV. */
function writeLeak(rows: Record<string, unknown>[], key: string, file: string): void {
  const cols = Object.keys(rows[0] ?? {}).filter((c) => c !== key && !c.startsWith('_'));
  const order = rows.map((_, i) => i).sort((a, b) => ((a * 7919) % 10007) - ((b * 7919) % 10007));
  const lines = [cols.join(',')];
  for (const i of order) lines.push(cols.map((c) => csvCell(rows[i]![c])).join(','));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

/** The baseline: read the CSV and split it into rows of cells (no quoting in this file's values). */
function parseOnly(file: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  let n = 0;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const cells = lines[i]!.split(',');
    const row: Record<string, string> = {};
    for (const [j, h] of header.entries()) row[h] = cells[j] ?? '';
    if (Object.keys(row).length) n++;
  }
  return n;
}

/** The trace measure of the delivery set. */
export const traceFile: Measure = async (s: EngineServer): Promise<ResultRow[]> => {
  log(`${s.engine}: tracing — reading the grant's copy through the records API`);
  const copy = await copyOf(s);
  const file = path.join(s.scratch, 'leak.csv');
  writeLeak(copy, s.ready.dump.columns[0]!.code, file);
  const t0 = performance.now();
  const parsed = parseOnly(file);
  const baseMs = performance.now() - t0;
  log(`${s.engine}: tracing ${fmtInt(copy.length)} rows`);
  const t1 = performance.now();
  const r = await api<TraceAnswer>(s.ready.port, 'POST', '/bench/trace', { body: { file } });
  const ms = performance.now() - t1;
  const named = r.named[0];
  if (r.verdict !== 'match' || named?.grantId !== s.ready.world.grantId || parsed !== copy.length)
    throw new Error(`trace answered ${JSON.stringify(r).slice(0, 300)}`);
  return [
    {
      engine: s.engine,
      name: `trace a ${fmtInt(copy.length)}-row CSV (key dropped, shuffled)`,
      result: `${secs(ms)} (${fmtInt((copy.length * 1000) / ms)} rows/s; named the grant: ${fmtInt(named.matched)} of ${fmtInt(r.rowsFitting)} rows, false positive ${named.falsePositive})`,
      baseline: 'read and split the same CSV',
      baselineResult: secs(baseMs),
      ratio: ms / baseMs,
      target: 'names the grant',
      met: true,
      lowerIsBetter: true,
    },
  ];
};
