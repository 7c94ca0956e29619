import path from 'node:path';
import type { Command } from 'commander';
import type { TraceResult } from '../modules/exchange/index.js';
import { printJson } from './output.js';
import { withPlatform } from './run.js';
import { cliContext } from './session.js';

// `orderly trace <file>`: leak tracing from the command line (docs/watermarks.md), as the logged-in security
// administrator or auditor. The file is read from disk (any size up to the trace's row limit); the verdict
// goes to stdout as a few lines for people, or the whole result as JSON with --json. Exit code 0 either way:
// "no match" is an answer, not an error.

/** The verdict in a few lines. */
export function describeTrace(r: TraceResult): string {
  const lines = [
    `file: ${r.file.rows} rows (${r.rowsDistinct} distinct, ${r.rowsFitting} fit resource ${r.resourceId}), ` +
      `columns ${r.file.columns.map((c) => c.item).join(', ')}`,
  ];
  if (r.verdict === 'no_match') {
    const top = r.candidates[0];
    lines.push(
      `no match: no grant's watermark is reproduced beyond chance (threshold ${r.threshold}` +
        (top
          ? `; best ${top.grantId} with ${top.matched} rows, ${top.expectedByChance} expected by chance)`
          : ')'),
    );
  }
  for (const n of r.named)
    lines.push(
      `grant ${n.grantId} (${n.status}) — recipient ${n.recipient.name ?? n.recipient.orgId}: ` +
        `${n.matched} of ${r.rowsFitting} rows carry its watermark (${n.expectedByChance} expected by chance); ` +
        `false-positive probability ${n.falsePositive}`,
    );
  lines.push(`evidence: ${r.evidenceId}`);
  return lines.join('\n') + '\n';
}

/** Adds `orderly trace`. */
export function traceCommands(program: Command): void {
  program
    .command('trace <file>')
    .description(
      'Leak tracing: name the grant and recipient whose watermark a file carries (CSV, NDJSON, XLSX)',
    )
    .option('--resource <id>', 'the resource the file comes from (detected from the column names otherwise)')
    .option('--json', 'print the whole result as JSON')
    .action(async (file: string, o: { resource?: string; json?: boolean }) =>
      withPlatform(async (p) => {
        const r = await p.exchange.trace.trace(await cliContext(p), path.resolve(file), {
          ...(o.resource && { resourceId: o.resource }),
        });
        if (o.json) printJson(r);
        else process.stdout.write(describeTrace(r));
      }),
    );
}
