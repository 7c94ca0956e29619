import fs from 'node:fs';
import type { Command } from 'commander';
import type { IngestJob } from '../modules/quality/index.js';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// `orderly ingest`: upload a file (streamed from disk, so it may be larger than the HTTP upload limit), start
// the job and run it here, with a progress line on stderr (rows, rows/s, ETA from the file's line density).

/** Estimated data rows of a line-based file from its first MiB (null when not line-based). */
function estimateRows(file: string, format: string | undefined): number | null {
  if (format && format !== 'csv' && format !== 'ndjson') return null;
  if (!/\.(csv|txt|tsv|ndjson|jsonl)$/i.test(file) && !format) return null;
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(size, 1 << 20));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = 0; i < n; i++) if (buf[i] === 10) lines++;
    return lines > 1 ? Math.max(1, Math.round((lines * size) / n) - 1) : null;
  } finally {
    fs.closeSync(fd);
  }
}

function bar(job: IngestJob, startedAt: number, estimate: number | null): string {
  const secs = (Date.now() - startedAt) / 1000;
  const rate = secs > 0 ? job.counts.read / secs : 0;
  const parts = [
    `read ${job.counts.read}`,
    `accepted ${job.counts.accepted}`,
    `rejected ${job.counts.rejected}`,
    `${Math.round(rate)} rows/s`,
  ];
  if (estimate && rate > 0) {
    const pct = Math.min(99, Math.floor((100 * job.counts.read) / estimate));
    const width = 24;
    const fill = Math.round((pct / 100) * width);
    parts.unshift(`[${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${pct}%`);
    parts.push(`ETA ${Math.max(0, Math.round((estimate - job.counts.read) / rate))}s`);
  }
  return parts.join('  ');
}

/** Adds `orderly ingest`. */
export function ingestCommands(program: Command): void {
  program
    .command('ingest <resource> <file>')
    .description('Load a CSV (UTF-8/GBK), JSON, NDJSON or XLSX file into a table resource (steward)')
    .option('--mode <mode>', 'upsert | append | replace', 'upsert')
    .option('--format <format>', 'csv | json | ndjson | xlsx (default: from the file name)')
    .option('--no-progress', 'no progress line')
    .action(async (resource: string, file: string, o: { mode: string; format?: string; progress: boolean }) =>
      withPlatform(async (p) => {
        const ctx = await cliContext(p);
        const r = await p.catalogue.browse.get(ctx, resource);
        const name = file.split(/[\\/]/).pop()!;
        const upload = await p.quality.ingest.upload(ctx, r.id, fs.createReadStream(file), {
          name,
          ...(o.format && { format: o.format }),
        });
        const job = await p.quality.ingest.createJob(ctx, r.id, { uploadId: upload.id, mode: o.mode });
        const estimate = estimateRows(file, o.format);
        const started = Date.now();
        const tty = process.stderr.isTTY;
        const show = async () => {
          const j = await p.quality.ingest.get(ctx, job.id);
          process.stderr.write(
            tty ? `\r${bar(j, started, estimate)}\x1b[K` : `${bar(j, started, estimate)}\n`,
          );
        };
        const timer = o.progress ? setInterval(() => void show(), tty ? 500 : 5000) : null;
        try {
          await p.quality.runner.run(job.id);
        } finally {
          if (timer) clearInterval(timer);
        }
        const done = await p.quality.ingest.get(ctx, job.id);
        if (o.progress)
          process.stderr.write(`${tty ? '\r' : ''}${bar(done, started, null)}${tty ? '\x1b[K' : ''}\n`);
        printJson(done);
        if (done.status !== 'succeeded') process.exitCode = 2;
      }),
    );
}
