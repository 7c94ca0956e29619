import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../src/kernel/index.js';
import { postgresReachable } from './engines.js';
import { expectedCounts, writePersonCsv, type PhaseResult } from './ingest-child.js';

// `npm run bench -- ingest`: data ingestion (issue 6 §5) on each engine, each phase in a child process of its
// own (bench/ingest-child.ts) so each peak RSS belongs to one phase.
// - ingest: a BENCH_INGEST_ROWS-row person CSV (10 items, id_number and name encrypted at rest; one row in 200
//   invalid, one in 100 with a warning) through upload + createJob + runner.run — every generated rule, the
//   record versions and change log, the quarantine — on a fresh platform;
// - baseline: the rows that load accepts, already parsed, encoded by the data store's own encodeRow (AES-GCM
//   of the two items, blind indexes, row key and hash) and inserted with the raw driver into the resource's
//   own data table (same DDL and indexes), 250 rows per INSERT, 2,000 rows per transaction; no parsing,
//   validation, change log or job bookkeeping;
// - stream: a BENCH_STREAM_ROWS-row CSV once through the CSV reader, the mapping and the validator (no
//   database): time and peak RSS, to show memory stays flat.
// Targets: ingest ≥ 0.4× the baseline's rows/s, peak RSS < 400 MB.
// Environment: BENCH_ENGINES=sqlite,postgres  BENCH_INGEST_ROWS (1,000,000)  BENCH_STREAM_ROWS (10,000,000).

const INGEST_ROWS = envInt('BENCH_INGEST_ROWS', 1_000_000);
const STREAM_ROWS = envInt('BENCH_STREAM_ROWS', 10_000_000);
const RATIO_TARGET = 0.4;
const RSS_TARGET_MB = 400;

function envInt(name: string, dflt: number): number {
  const v = process.env[name];
  return v ? Math.max(1, Math.floor(Number(v.replace(/_/g, '')))) : dflt;
}

const log = (msg: string) => process.stderr.write(`[bench ingest] ${msg}\n`);
const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (kib: number | null) => (kib === null ? '?' : `${Math.round((kib * 1024) / 1e6)} MB`);
/** The peak RSS of the measured part where the kernel could reset it, else the whole child's. */
const peakKiB = (r: PhaseResult) => r.phasePeakKiB ?? r.processMaxRssKiB;

/** The heap limit `bin/orderly.js` gives the server and workers (ORDERLY_HEAP_MB, default 384): the phases
 * run as the platform runs in production. */
const HEAP_LIMIT = `--max-old-space-size=${process.env.ORDERLY_HEAP_MB ?? 384}`;

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ingest-child.ts');

/** Runs one phase in a child process (`node --import tsx`); returns its JSON result. */
function runChild(args: string[]): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', HEAP_LIMIT, '--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (s: string) => (out += s));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{'))
        return reject(new Error(`bench ingest child ${args.join(' ')} exited ${code}: ${out.slice(-500)}`));
      resolve(JSON.parse(line) as PhaseResult);
    });
  });
}

function printTable(header: string[], rows: string[][]): void {
  const lines = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const [i, l] of lines.entries()) {
    console.log(`| ${l.map((c, j) => c.padEnd(widths[j]!)).join(' | ')} |`);
    if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  }
}

/** Runs the ingest set and prints the tables. */
export async function runIngestBench(): Promise<void> {
  const wanted = (process.env.BENCH_ENGINES ?? 'sqlite,postgres').split(',').map((e) => e.trim());
  const engines: Engine[] = [];
  if (wanted.includes('sqlite')) engines.push('sqlite');
  if (wanted.includes('postgres')) {
    if (await postgresReachable()) engines.push('postgres');
    else log('PostgreSQL is unreachable: SQLite only');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderly-bench-ingest-'));
  const started = performance.now();
  const info: string[] = [];
  const results: { engine: Engine; ours: PhaseResult; base: PhaseResult }[] = [];
  let stream: { result: PhaseResult; bytes: number; writeSeconds: number } | undefined;
  try {
    const csv = path.join(dir, 'people.csv');
    let t = performance.now();
    const bytes = await writePersonCsv(csv, INGEST_ROWS);
    info.push(
      `person CSV: ${fmtInt(INGEST_ROWS)} rows, ${(bytes / 1e6).toFixed(1)} MB, written in ${((performance.now() - t) / 1000).toFixed(1)} s (untimed)`,
    );
    const expected = expectedCounts(INGEST_ROWS);
    for (const engine of engines) {
      log(`${engine}: ingest ${fmtInt(INGEST_ROWS)} rows`);
      const ours = await runChild(['ingest', engine, csv]);
      if (ours.rejected !== expected.rejected || ours.warned !== expected.warned)
        throw new Error(
          `${engine}: ${ours.rejected} rejected and ${ours.warned} warned, expected ${expected.rejected} and ${expected.warned}`,
        );
      if (ours.stored !== ours.accepted || ours.logRows !== ours.inserted)
        throw new Error(
          `${engine}: ${ours.stored} stored / ${ours.logRows} logged for ${ours.accepted} accepted`,
        );
      log(`${engine}: ${fmtInt(ours.rowsPerSec)} rows/s; baseline`);
      const base = await runChild(['baseline', engine, String(INGEST_ROWS)]);
      if (base.inserted !== ours.accepted)
        throw new Error(
          `${engine}: the baseline inserted ${base.inserted} rows, the ingest accepted ${ours.accepted}`,
        );
      log(`${engine}: baseline ${fmtInt(base.rowsPerSec)} rows/s`);
      results.push({ engine, ours, base });
    }
    fs.rmSync(csv, { force: true });

    const big = path.join(dir, 'people-stream.csv');
    t = performance.now();
    log(`stream: writing ${fmtInt(STREAM_ROWS)} rows`);
    const streamBytes = await writePersonCsv(big, STREAM_ROWS);
    const writeSeconds = (performance.now() - t) / 1000;
    log(`stream: ${(streamBytes / 1e6).toFixed(0)} MB written in ${writeSeconds.toFixed(0)} s; reading`);
    stream = { result: await runChild(['stream', big]), bytes: streamBytes, writeSeconds };
    fs.rmSync(big, { force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `\nOrderly ingest benchmarks — ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}; ` +
      `load average at the end ${load.join(' ')}; total ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  for (const line of info) console.log(`  ${line}`);
  for (const { engine, ours, base } of results) {
    console.log(
      `  ${engine} ingest: read ${fmtInt(ours.read ?? 0)} = accepted ${fmtInt(ours.accepted ?? 0)} + rejected ${fmtInt(ours.rejected ?? 0)} ` +
        `(warned ${fmtInt(ours.warned ?? 0)}); ${fmtInt(ours.stored ?? 0)} rows stored, ${fmtInt(ours.logRows ?? 0)} change-log rows; ` +
        `${ours.seconds.toFixed(1)} s; RSS at start ${mb(ours.startRssKiB)}, whole child max ${mb(ours.processMaxRssKiB)}`,
    );
    console.log(
      `  ${engine} baseline: ${fmtInt(base.inserted ?? 0)} rows in ${base.seconds.toFixed(1)} s (${base.notes.join('; ')}); ` +
        `RSS at start ${mb(base.startRssKiB)}, whole child max ${mb(base.processMaxRssKiB)}`,
    );
  }
  console.log('');
  printTable(
    [
      'engine',
      'rows',
      'ingest rows/s',
      'baseline rows/s',
      'ratio',
      'peak RSS ingest / baseline',
      'target ≥ 0.4×',
      'target < 400 MB',
    ],
    results.map(({ engine, ours, base }) => {
      const ratio = ours.rowsPerSec / base.rowsPerSec;
      return [
        engine,
        fmtInt(ours.rows),
        fmtInt(ours.rowsPerSec),
        fmtInt(base.rowsPerSec),
        `${ratio.toFixed(2)}×`,
        `${mb(peakKiB(ours))} / ${mb(peakKiB(base))}`,
        ratio >= RATIO_TARGET ? 'yes' : 'NO',
        (peakKiB(ours) * 1024) / 1e6 < RSS_TARGET_MB ? 'yes' : 'NO',
      ];
    }),
  );
  if (stream) {
    const s = stream.result;
    console.log('');
    printTable(
      [
        'stream (CSV reader → mapping → validator, no database)',
        'rows',
        'file',
        'time',
        'rows/s',
        'peak RSS',
        'RSS at start',
      ],
      [
        [
          `${fmtInt(s.read ?? 0)} read = ${fmtInt(s.accepted ?? 0)} valid + ${fmtInt(s.rejected ?? 0)} rejected`,
          fmtInt(s.rows),
          `${(stream.bytes / 1e6).toFixed(0)} MB`,
          `${s.seconds.toFixed(1)} s`,
          fmtInt(s.rowsPerSec),
          mb(peakKiB(s)),
          mb(s.startRssKiB),
        ],
      ],
    );
    const exp = expectedCounts(s.rows);
    console.log(
      `  (${s.notes.join('; ')}; the generator made ${fmtInt(exp.rejected)} invalid rows: repeated IDs past the ` +
        `validator's unique-key cap are left to the database's primary key, which this phase does not have; ` +
        `the file was written in ${stream.writeSeconds.toFixed(0)} s, untimed)`,
    );
  }
  console.log(
    '\n  peak RSS: the kernel high-water mark (VmHWM) of the measured part, reset just before it in the child ' +
      "(setup — platform, bootstrap, publication — excluded); RSS includes the child's loaded code under tsx.",
  );
}
