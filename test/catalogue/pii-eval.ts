// Scores the PII detector against the committed labelled column set (test/fixtures/pii). Shared by the test,
// which asserts the targets, and the benchmark, which prints the table with throughput.
import fs from 'node:fs';
import path from 'node:path';
import type { PiiKind } from '../../src/modules/catalogue/domain/masking/index.js';
import { detectColumn, type PiiSuggestion } from '../../src/modules/catalogue/domain/pii/index.js';

/** One labelled column of the committed set. */
export interface LabelledColumn {
  id: string;
  header: string;
  values: (string | null)[];
  label: PiiKind | null;
  variant: string;
}

/** The committed set with its seed. */
export interface LabelledSet {
  seed: number;
  columns: LabelledColumn[];
}

/** Path of the committed labelled set. */
export const LABELLED_SET_PATH = path.join(
  import.meta.dirname,
  '..',
  'fixtures',
  'pii',
  'labelled-columns.json',
);

// Dates in the set are judged as on this day, so the scores do not drift as the calendar moves on.
/** The "today" the evaluation uses for birth-date plausibility. */
export const EVAL_AS_OF = new Date('2026-01-01T00:00:00+08:00');

/** Reads the committed labelled set. */
export function loadLabelledSet(file = LABELLED_SET_PATH): LabelledSet {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as LabelledSet;
}

/** One row of the score table; "phone" pools mobile and landline (either label, either prediction). */
export interface EvalRow {
  kind: string;
  /** Columns labelled with the kind. */
  support: number;
  /** Columns predicted as the kind. */
  predicted: number;
  truePositives: number;
  /** truePositives ÷ predicted (1 when nothing was predicted: no false alarms). */
  precision: number;
  /** truePositives ÷ support. */
  recall: number;
  f1: number;
}

/** A column the detector got wrong. */
export interface Miss {
  id: string;
  header: string;
  variant: string;
  label: PiiKind | null;
  predicted: PiiKind | null;
  reason: string;
}

/** The full result: per-kind rows, overall accuracy and the misses. */
export interface Evaluation {
  rows: EvalRow[];
  columns: number;
  notPii: number;
  accuracy: number;
  misses: Miss[];
}

/** The kinds reported, in table order; "phone" is mobile and landline together. */
export const REPORTED_KINDS = [
  'idNumber',
  'uscc',
  'mobile',
  'landline',
  'phone',
  'email',
  'bankCard',
  'name',
  'address',
  'plate',
  'birthDate',
] as const;

const PHONES = new Set<PiiKind | null>(['mobile', 'landline']);

function row(
  kind: string,
  pairs: readonly [PiiKind | null, PiiKind | null][],
  is: (k: PiiKind | null) => boolean,
) {
  const support = pairs.filter(([label]) => is(label)).length;
  const predicted = pairs.filter(([, p]) => is(p)).length;
  const truePositives = pairs.filter(([label, p]) => is(label) && is(p)).length;
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = support === 0 ? 1 : truePositives / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { kind, support, predicted, truePositives, precision, recall, f1 };
}

/** Runs `detect` on every column and scores it per kind (a column is predicted K when the kind is K). */
export function evaluate(
  columns: readonly LabelledColumn[],
  detect: (header: string, values: readonly (string | null)[]) => PiiSuggestion | null = (h, v) =>
    detectColumn(h, v, { asOf: EVAL_AS_OF }),
): Evaluation {
  const misses: Miss[] = [];
  const pairs = columns.map((c): [PiiKind | null, PiiKind | null] => {
    const s = detect(c.header, c.values);
    const predicted = s?.kind ?? null;
    if (predicted !== c.label) {
      misses.push({ ...c, predicted, reason: s?.reason ?? '' });
    }
    return [c.label, predicted];
  });
  const rows = REPORTED_KINDS.map((kind) =>
    kind === 'phone' ? row(kind, pairs, (k) => PHONES.has(k)) : row(kind, pairs, (k) => k === kind),
  );
  return {
    rows,
    columns: columns.length,
    notPii: columns.filter((c) => c.label === null).length,
    accuracy: (columns.length - misses.length) / columns.length,
    misses,
  };
}

/** The score table as Markdown. */
export function formatEvaluation(e: Evaluation): string {
  const f = (x: number) => x.toFixed(3);
  const cells = (r: EvalRow) => [
    r.kind,
    r.support,
    r.predicted,
    r.truePositives,
    f(r.precision),
    f(r.recall),
    f(r.f1),
  ];
  const exact = e.columns - e.misses.length;
  const summary = `${e.columns} columns (${e.notPii} labelled not PII); ${exact} classified exactly`;
  return [
    '| kind | columns | predicted | correct | precision | recall | F1 |',
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...e.rows.map((r) => `| ${cells(r).join(' | ')} |`),
    '',
    `${summary} (accuracy ${f(e.accuracy)}).`,
  ].join('\n');
}
