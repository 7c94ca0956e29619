import os from 'node:os';
import { detectColumn } from '../src/modules/catalogue/domain/pii/index.js';
import { EVAL_AS_OF, evaluate, formatEvaluation, loadLabelledSet } from '../test/catalogue/pii-eval.js';
import { printTable, rate, type Row } from './harness.js';

// `npm run bench -- pii`: the PII detector's quality on the committed labelled set (per-kind precision,
// recall and F1) and its speed against a raw baseline measured in the same run: one bare regular-expression
// scan of the same values for the shapes the detector looks for (no checksums, word lists or column logic).

// One alternation of the kinds' bare shapes: what a naive "grep for PII" would run.
const RAW_SHAPES = new RegExp(
  [
    String.raw`^\d{17}[\dXx]$`,
    String.raw`^[0-9A-Z]{18}$`,
    String.raw`^1[3-9]\d{9}$`,
    String.raw`^0\d{2,3}-?\d{7,8}$`,
    String.raw`^\S+@\S+\.\S+$`,
    String.raw`^\d{16,19}$`,
    String.raw`^[\u4e00-\u9fff]{2,4}$`,
    '[省市区县].*[路街村号]',
    String.raw`^[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}$`,
    String.raw`^\d{4}-\d{2}-\d{2}$`,
  ].join('|'),
);

/** Runs the PII set: prints the quality table and the throughput table. */
export async function runPiiBench(): Promise<void> {
  const { columns } = loadLabelledSet();
  const values = columns.reduce((n, c) => n + c.values.length, 0);
  const quality = evaluate(columns);

  const detectAll = () => {
    for (const c of columns) detectColumn(c.header, c.values, { asOf: EVAL_AS_OF });
  };
  const scanAll = () => {
    let hits = 0;
    for (const c of columns) for (const v of c.values) if (v !== null && RAW_SHAPES.test(v.trim())) hits++;
    return hits;
  };
  const setRate = await rate(detectAll, 2000);
  const baseRate = await rate(scanAll, 2000);
  const rows: Row[] = [
    {
      name: 'detectColumn (columns/s)',
      opsPerSec: setRate * columns.length,
      baseline: 'bare regex scan (columns/s)',
      baselineOpsPerSec: baseRate * columns.length,
    },
    {
      name: 'detectColumn (values/s)',
      opsPerSec: setRate * values,
      baseline: 'bare regex scan (values/s)',
      baselineOpsPerSec: baseRate * values,
    },
  ];

  console.log(`\nOrderly PII detection on the labelled set (${columns.length} columns, ${values} values):\n`);
  console.log(formatEvaluation(quality));
  for (const m of quality.misses) {
    console.log(`  miss ${m.id} [${m.header}] ${m.variant}: labelled ${m.label}, got ${m.predicted}`);
  }
  console.log(`\nThroughput (${os.cpus().length} cores, Node ${process.version}):\n`);
  printTable(rows);
}
