import http from 'node:http';

// Tiny benchmark harness: run a case for a fixed time (or count), report operations per second, and compare
// with a raw baseline measured in the same run so machine noise cancels out in the ratio.

/** One measured case. */
export interface Row {
  name: string;
  opsPerSec: number;
  baseline: string;
  baselineOpsPerSec: number;
}

/** Runs fn repeatedly for ms milliseconds (at least 3 iterations); returns operations per second. */
export async function rate(fn: () => unknown, ms = 1500): Promise<number> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms || n < 3) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

/** HTTP GETs per second with `concurrency` requests in flight for ms milliseconds (loopback only). */
export async function httpRate(
  port: number,
  path: string,
  headers: Record<string, string>,
  concurrency = 32,
  ms = 3000,
): Promise<number> {
  let n = 0;
  let bad = 0;
  const end = performance.now() + ms;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const status = await get(port, path, headers);
        if (status !== 200) bad++;
        n++;
      }
    }),
  );
  if (bad) throw new Error(`${bad} of ${n} requests to ${path} failed`);
  return (n * 1000) / (performance.now() - start);
}

/** Prints the table. */
export function printTable(rows: Row[]): void {
  const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
  const lines = [
    ['case', 'ops/s', 'raw baseline', 'baseline ops/s', 'ratio'],
    ...rows.map((r) => [
      r.name,
      fmt(r.opsPerSec),
      r.baseline,
      fmt(r.baselineOpsPerSec),
      (r.opsPerSec / r.baselineOpsPerSec).toFixed(2),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log(
      l.map((c, j) => (j === 0 || j === 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '),
    );
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

/** One result of the ledger set: any measure (rate or latency) with its baseline, ratio and target. */
export interface ResultRow {
  engine: string;
  name: string;
  result: string;
  baseline: string;
  baselineResult: string;
  /** result ÷ baseline (for latencies: time ÷ baseline time); null when there is no baseline. */
  ratio: number | null;
  target: string;
  /** Whether the target is met; null when there is none. */
  met: boolean | null;
  lowerIsBetter?: boolean;
}

/** Prints result rows as an aligned table (also valid Markdown). */
export function printResultTable(rows: ResultRow[]): void {
  const lines = [
    ['engine', 'case', 'result', 'raw baseline', 'baseline', 'ratio', 'target', 'met'],
    ...rows.map((r) => [
      r.engine,
      r.name,
      r.result,
      r.baseline,
      r.baselineResult,
      r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
      r.target,
      r.met === null ? '' : r.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log(`| ${l.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
}
